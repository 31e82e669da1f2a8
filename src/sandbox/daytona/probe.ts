import { ActionError } from '../../shared/errors.js';
import { createDaytonaClient, type ResolvedDaytonaConfig } from './config.js';
import { describeError, statusOf } from './errors.js';

/** A label no sandbox carries: the probe's list answers with an empty page and no follow-up calls. */
const PROBE_LABELS = { 'sandbox-agent.preflight': 'credentials-probe' } as const;

/**
 * One authenticated read without side effects: the first page (limit 1) of the SDK's own
 * `daytona.list()`, i.e. `GET /sandbox?labels=…&limit=1` (@daytona/sdk 0.216.0 Daytona.js `list`,
 * shared/research/daytona-sdk-wire.md §list), the call the post step and the sweeper already make, so
 * a key the action can use at all can make it. Daytona's API answers a wrong or revoked key with 401
 * `{"statusCode":401,"message":"Unauthorized"}` (NestJS UnauthorizedException), which the SDK raises as
 * DaytonaAuthenticationError; 403 is a key without access (DaytonaAuthorizationError).
 * Resolves when Daytona accepted the key; throws ActionError('invalid-input') on 401/403; any other
 * failure (network, timeout, 5xx) is rethrown as is for the caller to downgrade to a warning.
 */
export async function probeDaytonaCredentials(
  config: ResolvedDaytonaConfig,
  timeoutMs: number,
): Promise<void> {
  const client = createDaytonaClient(config, timeoutMs);
  try {
    await client
      .list({ labels: { ...PROBE_LABELS }, limit: 1 })
      [Symbol.asyncIterator]()
      .next();
  } catch (error) {
    const status = statusOf(error);
    if (status === 401 || status === 403) {
      throw new ActionError(
        'invalid-input',
        `Daytona refused the API key (HTTP ${status}: ${describeError(error).replace(/\s*\(HTTP \d+\)$/, '')}).`,
        'Set the daytona-api-key input (or DAYTONA_API_KEY) to a valid key: create one at https://app.daytona.io/dashboard/keys and store it as a repository secret.',
        { cause: error },
      );
    }
    throw error;
  }
}
