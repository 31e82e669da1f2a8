import { TEARDOWN_RESERVE_MS } from '../../shared/deadline.js';
import type { Logger } from '../../shared/log.js';
import type { ProviderSettings, SandboxProvider } from '../types.js';
import { createDaytonaClient, resolveDaytonaConfig } from './config.js';
import { DAYTONA_RETRY } from './errors.js';
import { DaytonaProvider, type DaytonaProviderTuning } from './provider.js';
import { DEFAULT_TRANSFER_BASE_MS } from './sandbox.js';
import { DEFAULT_SESSION_TUNING } from './session-exec.js';

export type { DaytonaProviderTuning } from './provider.js';

export const DEFAULT_DAYTONA_TUNING: DaytonaProviderTuning = {
  retry: DAYTONA_RETRY,
  tuning: DEFAULT_SESSION_TUNING,
  unreachableMs: 60_000,
  probeTimeoutMs: 20_000,
  idWatchMs: 3_000,
  // Ends before main's teardown bound (TEARDOWN_RESERVE_MS) so our own, clearer error is the one logged.
  deleteBudgetMs: TEARDOWN_RESERVE_MS - 5_000,
  transferBaseMs: DEFAULT_TRANSFER_BASE_MS,
};

/**
 * Test hook: `SANDBOX_AGENT_TEST_DAYTONA_TUNING` (JSON: `pollIntervalMs`, `drainMs`, `transferBaseMs`,
 * `retryBaseMs`)
 * shrinks the waits so the built action's fault tests run in seconds. Production never sets it.
 */
function testTuning(): Partial<DaytonaProviderTuning> {
  const raw = process.env['SANDBOX_AGENT_TEST_DAYTONA_TUNING'];
  if (!raw) return {};
  const parsed = JSON.parse(raw) as {
    pollIntervalMs?: number;
    drainMs?: number;
    transferBaseMs?: number;
    retryBaseMs?: number;
  };
  const session = { ...DEFAULT_SESSION_TUNING };
  if (parsed.pollIntervalMs) session.pollIntervalMs = parsed.pollIntervalMs;
  if (parsed.drainMs) session.drainMs = parsed.drainMs;
  return {
    tuning: session,
    ...(parsed.transferBaseMs ? { transferBaseMs: parsed.transferBaseMs } : {}),
    ...(parsed.retryBaseMs
      ? { retry: { ...DAYTONA_RETRY, baseMs: parsed.retryBaseMs, capMs: parsed.retryBaseMs * 8 } }
      : {}),
  };
}

/**
 * `provider: daytona` with @daytona/sdk (pinned). Settings come from the inputs, then from the
 * runner's process environment (DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET, DAYTONA_SNAPSHOT,
 * DAYTONA_IMAGE), never from a `.env` file in the checkout. `tuning` is for tests.
 */
export function createDaytonaProvider(
  settings: ProviderSettings['daytona'],
  logger: Logger,
  tuning: Partial<DaytonaProviderTuning> = {},
): SandboxProvider {
  const config = resolveDaytonaConfig(settings);
  const client = createDaytonaClient(config);
  logger.debug(`Daytona API: ${config.apiUrl}${config.target ? ` (target ${config.target})` : ''}`);
  return new DaytonaProvider(client, config, logger, {
    ...DEFAULT_DAYTONA_TUNING,
    ...testTuning(),
    ...tuning,
  });
}
