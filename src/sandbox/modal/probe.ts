import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedModalSettings } from './config.js';
import { GrpcStatus, grpcCode, isNotFound } from './errors.js';
import { loadModalSdk } from './sdk.js';

/**
 * One authenticated call without side effects: `client.apps.fromName(app)` without createIfMissing
 * (modal@0.11.1 `AppService.fromName`). The SDK first exchanges the token id/secret for a JWT
 * (`AuthTokenGet`), then sends `AppGetOrCreate{objectCreationType: UNSPECIFIED}`, which never creates
 * anything: a missing app is NOT_FOUND (NotFoundError), which proves the token works. A wrong or revoked
 * token is answered with gRPC UNAUTHENTICATED, a token without access with PERMISSION_DENIED; the SDK
 * itself treats exactly those two as "auth denied" and does not retry them (`AuthTokenManager.isAuthDenied`).
 * Throws ActionError('invalid-input') for them; any other failure is rethrown for the caller to downgrade
 * to a warning.
 */
export async function probeModalCredentials(resolved: ResolvedModalSettings, logger: Logger): Promise<void> {
  const sdk = await loadModalSdk();
  const client = new sdk.ModalClient({
    tokenId: resolved.tokenId,
    tokenSecret: resolved.tokenSecret,
    ...(resolved.environment ? { environment: resolved.environment } : {}),
    logLevel: 'warn',
    // The probe's own verdict is the one line the user sees; the SDK's retries stay in the debug log.
    logger: {
      debug: (message) => logger.debug(`modal: ${message}`),
      info: (message) => logger.debug(`modal: ${message}`),
      warn: (message) => logger.debug(`modal: ${message}`),
      error: (message) => logger.debug(`modal: ${message}`),
    },
  });
  try {
    await client.apps.fromName(resolved.app, { createIfMissing: false });
  } catch (error) {
    if (isNotFound(error)) return;
    const code = grpcCode(error);
    if (code === GrpcStatus.UNAUTHENTICATED || code === GrpcStatus.PERMISSION_DENIED) {
      const what = code === GrpcStatus.UNAUTHENTICATED ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED';
      const detail = (error as Error).message.split(resolved.tokenSecret).join('***');
      throw new ActionError(
        'invalid-input',
        `Modal refused the token (${what}: ${detail}).`,
        'Set the modal-token-id and modal-token-secret inputs (or MODAL_TOKEN_ID and MODAL_TOKEN_SECRET) to a valid token pair: create one at https://modal.com/settings/tokens and store both as repository secrets.',
        { cause: error },
      );
    }
    throw error;
  } finally {
    client.close();
  }
}
