import type { Logger } from '../../shared/log.js';
import type { ProviderSettings, SandboxProvider } from '../types.js';
import { resolveModalSettings } from './config.js';
import { ModalProvider, type ModalProviderTuning } from './provider.js';
import { loadModalSdk } from './sdk.js';

export { MODAL_SCRATCH } from './provider.js';

export const DEFAULT_MODAL_TUNING: ModalProviderTuning = {
  pollIntervalMs: 10_000,
  timeoutGraceMs: 30_000,
  maxBuffer: 64 * 1024 * 1024,
  // Daytona drains its log stream for a few seconds after the exit code too (issue 17 item 4).
  drainAfterExitMs: 5_000,
  startRetry: { attempts: 4, baseMs: 1_000, capMs: 10_000, totalMs: 3 * 60_000 },
  // Well above the SDK's own start retries (10, from 10 ms doubling: ~10 s), so they finish first.
  startTimeoutMs: 2 * 60_000,
  // 1 minute plus 1 s per 256 KiB: a 10 MiB mbox gets 100 s per attempt, a 100 MiB one under 8 minutes.
  downloadAttempt: { baseMs: 60_000, bytesPerSecond: 256 * 1024 },
  createRetry: { attempts: 5, baseMs: 2_000, capMs: 30_000 },
  transferRetry: { attempts: 3, baseMs: 1_000, capMs: 10_000, totalMs: 5 * 60_000 },
  terminateRetry: { attempts: 4, baseMs: 500, capMs: 5_000, totalMs: 30_000 },
};

export interface ModalProviderOptions {
  /** Overrides for retry and polling (tests shorten them). */
  tuning?: Partial<ModalProviderTuning>;
  env?: NodeJS.ProcessEnv;
}

/**
 * `provider: modal`. Reached only through the dynamic import in `sandbox/index.ts`; the SDK itself is
 * loaded here, after the settings are checked, so a missing token fails before any SDK cost.
 */
export async function createModalProvider(
  settings: ProviderSettings['modal'],
  logger: Logger,
  options: ModalProviderOptions = {},
): Promise<SandboxProvider> {
  const resolved = resolveModalSettings(settings, options.env);
  const sdk = await loadModalSdk();
  const secrets = [resolved.tokenId, resolved.tokenSecret];
  const scrub = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const line = (message: string, args: unknown[]): string =>
    scrub(
      args.length
        ? `${message} ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`
        : message,
    );
  const client = new sdk.ModalClient({
    tokenId: resolved.tokenId,
    tokenSecret: resolved.tokenSecret,
    ...(resolved.environment ? { environment: resolved.environment } : {}),
    logLevel: 'warn',
    logger: {
      debug: (message, ...args) => logger.debug(`modal: ${line(message, args)}`),
      info: (message, ...args) => logger.debug(`modal: ${line(message, args)}`),
      // The SDK warns about insecure TLS when pointed at a loopback server (the test fake): not news.
      warn: (message, ...args) =>
        /insecure TLS/.test(message)
          ? logger.debug(`modal: ${message}`)
          : logger.warning(`modal: ${line(message, args)}`),
      error: (message, ...args) => logger.warning(`modal: ${line(message, args)}`),
    },
  });
  // Explicit, not the SDK's default (modal@0.11.1 reads MODAL_SANDBOX_V2 or the profile, else V2).
  client.profile.sandboxV2 = resolved.sandboxV2;
  logger.debug(`Modal sandbox backend: ${resolved.sandboxV2 ? 'V2' : 'V1 (MODAL_SANDBOX_V2=0)'}.`);
  return new ModalProvider(client, resolved, { ...DEFAULT_MODAL_TUNING, ...options.tuning }, logger);
}
