import { dirname } from 'node:path/posix';
import type { Sandbox as SdkSandbox } from '@daytona/sdk';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { type RetryDecision, realClock, withRetry } from '../../shared/retry.js';
import { DownloadTooLargeError, writeDownload } from '../bounded-download.js';
import type {
  DownloadOptions,
  Sandbox,
  SandboxExecOptions,
  SandboxExecResult,
  SandboxPaths,
} from '../types.js';
import { buildSessionCommand, toSeconds } from './command.js';
import {
  classifyTransient,
  describeError,
  isConflict,
  isNotFound,
  type RetryBounds,
  sandboxError,
  statusOf,
} from './errors.js';
import { type LivenessProbe, runInSession, type SessionExecTuning } from './session-exec.js';

/** States from which a sandbox will not run our commands again (or is on its way there). */
export const DEAD_STATES: ReadonlySet<string> = new Set([
  'stopping',
  'stopped',
  'error',
  'build_failed',
  'destroying',
  'destroyed',
  'archiving',
  'archived',
  // A pausable sandbox class freezes its processes; nothing resumes it during our run
  // (`@daytona/api-client` SandboxState; research real-services.md #15). `resuming` is left out: it is
  // on its way back to `started`.
  'pausing',
  'paused',
]);

/** Uploads get their own deadline (seconds); there is no size cap of our own. */
const TRANSFER_TIMEOUT_SEC = 60 * 60;
const MIB = 1024 * 1024;
/** A download attempt gets `transferBaseMs` plus this much per MiB of its expected size. */
const TRANSFER_MS_PER_MIB = 1_000;
/** Default `transferBaseMs`: minutes for a large patch, never the hour an upload may take. */
export const DEFAULT_TRANSFER_BASE_MS = 60_000;

/** A download attempt that did not complete within its size-proportional deadline. */
class DownloadStalledError extends Error {
  constructor(remotePath: string, ms: number) {
    super(`the download of ${remotePath} did not complete within ${Math.round(ms / 1000)} s`);
  }
}

/**
 * A download is read again after any transient failure, and also after one that ended early or stalled:
 * a multipart body without its closing boundary or a short body surfaces as a plain stream error (no
 * status). Only a refusal (4xx, e.g. FILE_NOT_FOUND) or our own size limit is final.
 */
function classifyDownload(error: unknown): RetryDecision {
  if (error instanceof DownloadTooLargeError || error instanceof ActionError) return { retry: false };
  if (statusOf(error) !== undefined) return classifyTransient(error);
  return { retry: true };
}

export interface SandboxContext {
  logger: Logger;
  retry: RetryBounds;
  tuning: SessionExecTuning;
  /** A sandbox that has not answered state probes for this long counts as dead. */
  unreachableMs: number;
  /** Deadline for one state probe. */
  probeTimeoutMs: number;
  /** How long a delete keeps retrying a 409 (sandbox still starting) before it gives up. */
  deleteBudgetMs: number;
  /** Deadline of one download attempt before its size share (`DEFAULT_TRANSFER_BASE_MS`); tests shrink it. */
  transferBaseMs: number;
}

export class DaytonaSandbox implements Sandbox {
  readonly provider = 'daytona' as const;
  readonly id: string;
  private deleted = false;
  private failingSince: number | undefined;

  constructor(
    private readonly sdk: SdkSandbox,
    readonly paths: SandboxPaths,
    private readonly ctx: SandboxContext,
    /**
     * The sandbox environment (`spec.env`, which holds the `agent-env` keys). It is passed with every
     * command, never put on the sandbox record, where the org's members could read it.
     */
    private readonly env: Record<string, string> = {},
  ) {
    this.id = sdk.id;
  }

  async exec(command: string, options: SandboxExecOptions): Promise<SandboxExecResult> {
    if (this.deleted)
      throw new ActionError('sandbox-error', `The Daytona sandbox ${this.id} was already deleted.`);
    const script = buildSessionCommand({
      command,
      env: { ...this.env, ...options.env },
      cwd: options.cwd ?? this.paths.workdir,
      timeoutSec: toSeconds(options.timeoutMs),
    });
    return runInSession(
      this.sdk,
      script,
      options,
      this.probe,
      this.ctx.tuning,
      this.ctx.logger,
      this.ctx.retry,
    );
  }

  async upload(localPath: string, remotePath: string): Promise<void> {
    const dir = dirname(remotePath);
    const mkdir = await this.exec('mkdir -p -- "$SANDBOX_AGENT_DIR"', {
      env: { SANDBOX_AGENT_DIR: dir },
      cwd: '/',
      timeoutMs: 60_000,
    });
    if (mkdir.exitCode !== 0) {
      throw new ActionError(
        'sandbox-error',
        `Could not create ${dir} in the Daytona sandbox (exit ${mkdir.exitCode}): ${mkdir.stderr.trim() || mkdir.stdout.trim()}`,
      );
    }
    // The SDK streams a path source (fs.createReadStream into a multipart body): nothing is buffered.
    await this.transfer(`Could not upload ${remotePath} to the Daytona sandbox`, () =>
      this.sdk.fs.uploadFile(localPath, remotePath, TRANSFER_TIMEOUT_SEC),
    );
  }

  async download(remotePath: string, localPath: string, options: DownloadOptions = {}): Promise<void> {
    const { maxBytes, expectedBytes } = options;
    // Each attempt is bounded by its expected size: a body that stops arriving is cut and tried again.
    const attemptMs =
      this.ctx.transferBaseMs + Math.ceil(((expectedBytes ?? maxBytes ?? 0) / MIB) * TRANSFER_MS_PER_MIB);
    // The streaming variant lets us count what arrives, abort the HTTP request past the limit or the
    // attempt's deadline, and see a body that ended early (busboy's "Unexpected end of form") as an error
    // of our pipeline, never as an unhandled `error` event.
    await this.transfer(
      `Could not download ${remotePath} from the Daytona sandbox`,
      async () => {
        const abort = new AbortController();
        const timer = setTimeout(
          () => abort.abort(new DownloadStalledError(remotePath, attemptMs)),
          attemptMs,
        );
        try {
          const stream = await this.sdk.fs.downloadFileStream(remotePath, {
            timeout: Math.ceil(attemptMs / 1000),
            signal: abort.signal,
          });
          await writeDownload(stream, localPath, remotePath, maxBytes, async () => {
            if (abort.signal.aborted) throw abort.signal.reason;
          });
        } catch (error) {
          throw abort.signal.aborted && !(error instanceof DownloadTooLargeError)
            ? new DownloadStalledError(remotePath, attemptMs)
            : error;
        } finally {
          clearTimeout(timer);
          abort.abort();
        }
      },
      classifyDownload,
    );
  }

  /** Deletes until Daytona accepted it (see `deleteUntilGone`); 404 counts as done. */
  async delete(options: DeleteOptions = {}): Promise<void> {
    this.deleted = true;
    await deleteUntilGone(
      {
        remove: () => this.sdk.delete(),
        state: async () => {
          try {
            await this.sdk.refreshData();
          } catch (error) {
            if (isNotFound(error)) return undefined;
            throw error;
          }
          return String(this.sdk.state ?? 'unknown');
        },
      },
      this.id,
      this.ctx,
      options,
    );
  }

  /** Refreshes the sandbox state; a dead, missing or long-unreachable sandbox yields an error. */
  readonly probe: LivenessProbe = async () => {
    try {
      await withTimeout(this.sdk.refreshData(), this.ctx.probeTimeoutMs);
      this.failingSince = undefined;
    } catch (error) {
      if (isNotFound(error)) {
        return new ActionError(
          'sandbox-error',
          `The Daytona sandbox ${this.id} no longer exists.`,
          'It was deleted from outside (dashboard, TTL, or a sweep with too small an older-than); run the job again.',
        );
      }
      const now = Date.now();
      this.failingSince ??= now;
      this.ctx.logger.debug(`Daytona state probe failed: ${describeError(error)}`);
      if (now - this.failingSince >= this.ctx.unreachableMs) {
        return new ActionError(
          'sandbox-error',
          `The Daytona sandbox ${this.id} has not answered for ${Math.round((now - this.failingSince) / 1000)} s.`,
          'The Daytona API or the sandbox is unreachable; check the Daytona status page and run the job again.',
        );
      }
      return undefined;
    }
    const state = String(this.sdk.state ?? '');
    if (DEAD_STATES.has(state)) {
      const reason = this.sdk.errorReason ? ` (${this.sdk.errorReason})` : '';
      if (state === 'pausing' || state === 'paused') {
        return new ActionError(
          'sandbox-error',
          `The Daytona sandbox ${this.id} is ${state}; it was paused while a command was running, and a paused sandbox runs nothing.`,
          'Its class may pause idle sandboxes (auto-pause), or it was paused from the dashboard; use a sandbox class or snapshot without auto-pause, or run the job again.',
        );
      }
      return new ActionError(
        'sandbox-error',
        `The Daytona sandbox ${this.id} is ${state}${reason}; it stopped while a command was running.`,
        'It may have hit its auto-stop interval or been stopped from the dashboard; run the job again.',
      );
    }
    return undefined;
  };

  private async transfer(
    what: string,
    run: () => Promise<void>,
    classify: (error: unknown) => RetryDecision = classifyTransient,
  ): Promise<void> {
    if (this.deleted)
      throw new ActionError('sandbox-error', `The Daytona sandbox ${this.id} was already deleted.`);
    try {
      await withRetry(run, {
        ...this.ctx.retry,
        classify,
        onRetry: ({ attempt, delayMs, error }) =>
          this.ctx.logger.info(`${what} (${describeError(error)}); retry ${attempt} in ${delayMs} ms.`),
      });
    } catch (error) {
      const dead = await this.probe().catch(() => undefined);
      throw dead ?? sandboxError(what, error);
    }
  }
}

/** States in which Daytona has accepted the delete: the sandbox is going away. */
const GOING_STATES: ReadonlySet<string> = new Set(['destroying', 'destroyed']);

/** Longest wait between two delete attempts refused with 409, whatever the retry cap. */
const CONFLICT_WAIT_CAP_MS = 5_000;

export interface DeleteOptions {
  /** Epoch ms after which no new attempt starts (default: now + the context's `deleteBudgetMs`). */
  deadlineAt?: number;
  signal?: AbortSignal;
}

export interface DeleteTarget {
  /** Sends DELETE; resolves when Daytona accepted it. */
  remove(): Promise<void>;
  /** The sandbox's current state, or `undefined` when it no longer exists (404). */
  state(): Promise<string | undefined>;
}

/**
 * Deletes until Daytona has really accepted the delete. The API answers 409 (StateChangeInProgressError)
 * to a DELETE while the sandbox is pending: creating, pulling, building, starting or stopping
 * (apps/api/src/sandbox/services/sandbox.service.ts `destroy`, research real-services.md #6). That is
 * "not deleted yet", so a 409 is retried with backoff until the state is destroying/destroyed or the
 * sandbox is gone (404), within the teardown budget. Transient failures (5xx, 429, connection) are
 * retried up to `retry.attempts`; anything else, or a sandbox still alive at the deadline, throws.
 */
export async function deleteUntilGone(
  target: DeleteTarget,
  id: string,
  ctx: Pick<SandboxContext, 'logger' | 'retry' | 'deleteBudgetMs'>,
  options: DeleteOptions = {},
): Promise<void> {
  const started = Date.now();
  const deadlineAt = options.deadlineAt ?? started + ctx.deleteBudgetMs;
  let transientFailures = 0;
  let conflicts = 0;
  let lastState = 'unknown';
  for (;;) {
    if (options.signal?.aborted)
      throw sandboxError(`Deleting the Daytona sandbox ${id} was aborted`, options.signal.reason);
    let waitMs: number;
    try {
      await target.remove();
      return;
    } catch (error) {
      if (isNotFound(error)) return;
      if (isConflict(error)) {
        const state = await target.state().catch((stateError: unknown) => {
          ctx.logger.debug(`Reading the state of Daytona sandbox ${id} failed: ${describeError(stateError)}`);
          return lastState;
        });
        if (state === undefined || GOING_STATES.has(state)) return;
        lastState = state;
        conflicts += 1;
        waitMs = Math.min(
          ctx.retry.capMs,
          CONFLICT_WAIT_CAP_MS,
          ctx.retry.baseMs * 2 ** Math.min(conflicts - 1, 16),
        );
        ctx.logger.info(
          `Daytona refused to delete sandbox ${id} while it is ${state} (HTTP 409); retrying in ${waitMs} ms.`,
        );
      } else {
        const decision = classifyTransient(error);
        transientFailures += 1;
        if (
          !decision.retry ||
          transientFailures >= ctx.retry.attempts ||
          Date.now() - started > ctx.retry.totalMs
        )
          throw sandboxError(`Could not delete the Daytona sandbox ${id}`, error);
        const jitter = Math.floor(
          Math.random() * Math.min(ctx.retry.capMs, ctx.retry.baseMs * 2 ** transientFailures),
        );
        waitMs = Math.max(jitter, decision.afterMs ?? 0);
        ctx.logger.info(
          `Deleting Daytona sandbox ${id} failed (${describeError(error)}); retry ${transientFailures} in ${waitMs} ms.`,
        );
      }
    }
    const left = deadlineAt - Date.now();
    if (left <= 0) break;
    try {
      await realClock.sleep(Math.min(waitMs, left), options.signal);
    } catch (error) {
      throw sandboxError(`Deleting the Daytona sandbox ${id} was aborted`, error);
    }
  }
  throw new ActionError(
    'sandbox-error',
    `Could not delete the Daytona sandbox ${id}: it was still ${lastState} after ${Math.round((Date.now() - started) / 1000)} s and Daytona refused every delete (HTTP 409, a state change is in progress).`,
    'The post step tries again; the sandbox TTL and `sandbox-agent sweep` remove it if that fails too.',
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
