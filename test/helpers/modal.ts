import type { ModalProviderTuning } from '../../src/sandbox/modal/provider.js';
import type { SandboxSpec } from '../../src/sandbox/types.js';
import type { Logger } from '../../src/shared/log.js';

/** A logger that keeps every line, so tests can assert on warnings and on what was never logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return {
    lines,
    info: push('info'),
    warning: push('warning'),
    error: push('error'),
    debug: push('debug'),
    async group(_name, fn) {
      return fn();
    },
    agentStream: () => ({ stdout: () => undefined, stderr: () => undefined, end: () => undefined }),
  };
}

/** Short retries and polling so fault tests finish in seconds. */
export const FAST_TUNING: Partial<ModalProviderTuning> = {
  pollIntervalMs: 200,
  timeoutGraceMs: 3_000,
  createRetry: { attempts: 4, baseMs: 50, capMs: 200 },
  transferRetry: { attempts: 3, baseMs: 50, capMs: 200, totalMs: 10_000 },
  terminateRetry: { attempts: 3, baseMs: 50, capMs: 200, totalMs: 10_000 },
  drainAfterExitMs: 500,
  startRetry: { attempts: 3, baseMs: 50, capMs: 200, totalMs: 10_000 },
  // Above the SDK's own ~10 s of start retries, so an unreachable worker is reported as such.
  startTimeoutMs: 15_000,
  downloadAttempt: { baseMs: 5_000, bytesPerSecond: 8 * 1024 * 1024 },
};

let counter = 0;

export function makeSpec(overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  counter += 1;
  const identity = {
    repository: 'octo/repo',
    runId: `${process.pid}${counter}`,
    runAttempt: '1',
    job: 'agent',
    nonce: `n${counter}`,
  };
  return {
    identity,
    name: `sa-octo-repo-${identity.runId}-1-agent`,
    labels: {
      'sandbox-agent': '1',
      'sandbox-agent-repo': identity.repository,
      'sandbox-agent-run-id': identity.runId,
      'sandbox-agent-attempt': identity.runAttempt,
      'sandbox-agent-job': identity.job,
    },
    ttlMs: 120_000,
    env: { AGENT_MARKER: 'from-sandbox-env' },
    network: { mode: 'open' },
    workdir: '/workspace',
    createTimeoutMs: 30_000,
    ...overrides,
  };
}
