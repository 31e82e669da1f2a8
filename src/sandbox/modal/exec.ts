import type { ContainerProcess, Sandbox as SdkSandbox } from 'modal';
import { ActionError } from '../../shared/errors.js';
import { type RetryOptions, withRetry } from '../../shared/retry.js';
import type { SandboxExecOptions, SandboxExecResult } from '../types.js';
import { ceilToSecondMs } from './config.js';
import { classifyTransient, describe, GrpcStatus, grpcCode, isNotFound } from './errors.js';

/** How a command run ended, before it becomes a `SandboxExecResult` or an error. */
export type ExecEnd =
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' }
  | { kind: 'sandbox-gone'; code: number }
  | { kind: 'aborted' }
  | { kind: 'failed'; error: unknown };

export interface ExecTuning {
  /** How often `sandbox.poll()` checks that the sandbox is still there during a command. */
  pollIntervalMs: number;
  /** After the command's own timeout, how long to wait for Modal to kill it before giving up ourselves. */
  timeoutGraceMs: number;
  /** Bytes of each stream kept for the result (callbacks still see everything). */
  maxBuffer: number;
  /**
   * Once the command's exit status is known, how long stdout/stderr may still take to reach EOF. A
   * process the command left behind can hold the pipes open forever; the exit code is the outcome.
   */
  drainAfterExitMs: number;
  /** Starting a command again after the SDK's own retries gave up (see `startCommand`). */
  startRetry: Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs' | 'totalMs'>;
  /** One `TaskExecStart` that has not answered after this long is abandoned and sent again. */
  startTimeoutMs: number;
}

/** Thrown when `TaskExecStart` does not answer within `startTimeoutMs`; transient, so it is retried. */
export class ExecStartStalledError extends Error {
  override readonly name = 'ExecStartStalledError';
}

/**
 * Runs `sh -c command` in a Modal sandbox. Data reaches the command only through `env`. stdout and stderr
 * are read concurrently as they arrive (a full pipe cannot stall the other), the command's timeout is
 * Modal's own `timeoutSecs` (rounded up), and `sandbox.poll()` runs alongside so a sandbox that dies
 * mid-command ends the wait at once instead of after the router's retries.
 */
export async function runCommand(
  handle: SdkSandbox,
  command: string,
  cwd: string,
  options: SandboxExecOptions,
  tuning: ExecTuning,
): Promise<{ end: ExecEnd; stdout: Buffer; stderr: Buffer }> {
  const timeoutMs = ceilToSecondMs(options.timeoutMs);
  const started = Date.now();
  const out = new Collector(tuning.maxBuffer);
  const err = new Collector(tuning.maxBuffer);
  if (options.signal?.aborted) return { end: { kind: 'aborted' }, stdout: out.bytes(), stderr: err.bytes() };

  let proc: ContainerProcess<Uint8Array>;
  try {
    proc = await startCommand(handle, command, cwd, options, timeoutMs, tuning);
  } catch (error) {
    if (options.signal?.aborted)
      return { end: { kind: 'aborted' }, stdout: out.bytes(), stderr: err.bytes() };
    return { end: await failureEnd(handle, error), stdout: out.bytes(), stderr: err.bytes() };
  }

  const giveUp = new AbortController();
  // stdin is a pipe on Modal: close it at once so commands that read stdin see EOF, as with /dev/null.
  proc.stdin.close().catch(() => undefined);
  // The exit status decides the outcome: once it is known, the streams get `drainAfterExitMs` to reach
  // EOF and are then cancelled (a background process the command started may keep them open and silent).
  let drainTimer: NodeJS.Timeout | undefined;
  const exited = proc._wait(giveUp.signal).then((code) => {
    drainTimer = setTimeout(() => giveUp.abort(), tuning.drainAfterExitMs);
    return code;
  });
  const finished = Promise.all([
    exited,
    pump(proc.stdout, out, options.onStdout, giveUp.signal),
    pump(proc.stderr, err, options.onStderr, giveUp.signal),
  ]).then(
    ([code]): ExecEnd => ({ kind: 'exit', code }),
    (error: unknown): ExecEnd => ({ kind: 'failed', error }),
  );
  finished.finally(() => clearTimeout(drainTimer)).catch(() => undefined);

  const timers: NodeJS.Timeout[] = [];
  let settled = false;
  let onAbort: (() => void) | undefined;
  const ended = await new Promise<ExecEnd>((resolve) => {
    finished.then(resolve);
    const hardStop = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs + tuning.timeoutGraceMs);
    timers.push(hardStop);
    const watch = (): void => {
      const timer = setTimeout(async () => {
        const code = await pollSandbox(handle);
        if (code !== null) resolve({ kind: 'sandbox-gone', code });
        else if (!settled) watch();
      }, tuning.pollIntervalMs);
      timers.push(timer);
    };
    watch();
    onAbort = () => resolve({ kind: 'aborted' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  settled = true;
  for (const timer of timers) clearTimeout(timer);
  if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  giveUp.abort();
  // Let the readers settle (cancelled or finished) so no callback fires after we return.
  await finished.catch(() => undefined);

  return {
    end: await settle(handle, ended, Date.now() - started >= timeoutMs),
    stdout: out.bytes(),
    stderr: err.bytes(),
  };
}

/**
 * `sandbox.exec` with retries of its own. The SDK already re-sends `TaskExecStart` up to 10 times on
 * UNAVAILABLE/INTERNAL/UNKNOWN/CANCELLED/DEADLINE_EXCEEDED with the same `execId`, which Modal uses as the
 * idempotency key (modal@0.11.1 `callUnary`, `#execInternal`), so a command never starts twice from
 * those. It surfaces RESOURCE_EXHAUSTED at once and never bounds a call that does not answer. We retry
 * what it surfaces with a new `execId`, which the protocol gives us no way to check first (the SDK keeps
 * the `execId` to itself, so `TaskExecPoll` cannot ask about the lost one). Re-sending is safe because
 * an error reply means the router refused the start; only a start that stalled past `startTimeoutMs` may
 * have run, and every command the pipeline sends is safe to run again: mkdir -p, staging (a clone into
 * an emptied dir), the agent (whose lost start never produced output), and the capture script, which
 * removes its outputs first, commits leftovers only once (the second run finds none) and rebuilds the
 * same linear chain from BASE_SHA.
 */
async function startCommand(
  handle: SdkSandbox,
  command: string,
  cwd: string,
  options: SandboxExecOptions,
  timeoutMs: number,
  tuning: ExecTuning,
): Promise<ContainerProcess<Uint8Array>> {
  return withRetry(
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ExecStartStalledError(`Starting the command got no answer in ${tuning.startTimeoutMs} ms`),
            ),
          tuning.startTimeoutMs,
        );
      });
      const started = handle.exec(['sh', '-c', command], {
        mode: 'binary',
        stdout: 'pipe',
        stderr: 'pipe',
        workdir: cwd,
        env: options.env ?? {},
        timeoutMs,
      });
      try {
        return await Promise.race([started, stalled]);
      } finally {
        clearTimeout(timer);
        // A start abandoned as stalled may still settle later; its result is dropped (its streams are
        // lazy and were never opened).
        started.catch(() => undefined);
      }
    },
    {
      ...tuning.startRetry,
      // A worker the runner cannot connect to already had the SDK's ~10 s of retries: say so at once.
      classify: (error) =>
        error instanceof ExecStartStalledError
          ? { retry: true }
          : isWorkerUnreachable(error)
            ? { retry: false }
            : classifyTransient(error),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}

/** Turns an ambiguous end into a precise one: a killed or failed command may mean the sandbox died. */
async function settle(handle: SdkSandbox, end: ExecEnd, pastTimeout: boolean): Promise<ExecEnd> {
  if (end.kind === 'exit') {
    // Modal kills a command at its timeout (137 via SIGKILL); a dying sandbox ends it the same way.
    const suspicious = end.code === 137 || end.code === 124 || (pastTimeout && end.code !== 0);
    if (!suspicious) return end;
    const code = await pollSandbox(handle);
    if (code !== null) return { kind: 'sandbox-gone', code };
    return pastTimeout ? { kind: 'timeout' } : end;
  }
  if (end.kind === 'failed') {
    const code = await pollSandbox(handle);
    if (code !== null) return { kind: 'sandbox-gone', code };
    // The SDK's stdio streams fail with "Deadline exceeded" once the command's own deadline passes.
    return pastTimeout ? { kind: 'timeout' } : end;
  }
  return end;
}

async function failureEnd(handle: SdkSandbox, error: unknown): Promise<ExecEnd> {
  const code = await pollSandbox(handle);
  if (code !== null) return { kind: 'sandbox-gone', code };
  return { kind: 'failed', error };
}

/** `null` while the sandbox runs; its exit code once finished; 137 when Modal no longer knows it. */
export async function pollSandbox(handle: SdkSandbox): Promise<number | null> {
  try {
    return await handle.poll();
  } catch (error) {
    return isNotFound(error) ? 137 : null;
  }
}

async function pump(
  stream: ReadableStream<Uint8Array>,
  sink: Collector,
  onChunk: ((chunk: Buffer) => void) | undefined,
  signal: AbortSignal,
): Promise<void> {
  const reader = stream.getReader();
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (signal.aborted) return;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      sink.push(chunk);
      onChunk?.(chunk);
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * A V2 exec talks to the task command router on the sandbox's worker, a host other than api.modal.com
 * (modal@0.11.1 `TaskCommandRouterClientImpl`): UNAVAILABLE from a router method means the runner
 * could not connect there (the control plane answered, or there would be no sandbox).
 */
export function isWorkerUnreachable(error: unknown): boolean {
  return (
    grpcCode(error) === GrpcStatus.UNAVAILABLE &&
    error instanceof Error &&
    error.message.includes('modal.task_command_router.TaskCommandRouter/')
  );
}

/**
 * The address grpc-js failed to connect to, from its own message (runner-side text, e.g. "connect
 * ECONNREFUSED 1.2.3.4:443", "getaddrinfo ENOTFOUND host", "Name resolution failed for target dns:host:443").
 * The SDK keeps the router URL private, so this is where the host can be read.
 */
export function workerAddress(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const match =
    /(?:dns:|ENOTFOUND |ECONNREFUSED |ETIMEDOUT |EHOSTUNREACH |ENETUNREACH |ECONNRESET )([A-Za-z0-9.:[\]-]{1,255}?)(?=[.,;\s]*(?:\s|$))/.exec(
      error.message,
    );
  return match?.[1];
}

/** Maps how a command ended onto the `Sandbox.exec` contract. */
export function toExecResult(
  end: ExecEnd,
  stdout: Buffer,
  stderr: Buffer,
  context: { sandboxId: string; lifetimeSeconds: number },
): SandboxExecResult {
  const text = { stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  switch (end.kind) {
    case 'exit':
      return { exitCode: end.code, ...text, timedOut: false };
    case 'timeout':
      return { exitCode: 124, ...text, timedOut: true };
    case 'aborted':
      throw new ActionError('cancelled', 'The command in the Modal sandbox was cancelled.');
    case 'sandbox-gone':
      throw sandboxGoneError(context.sandboxId, end.code, context.lifetimeSeconds);
    case 'failed':
      if (isWorkerUnreachable(end.error)) {
        const host = workerAddress(end.error) ?? "the sandbox's worker";
        throw new ActionError(
          'sandbox-error',
          `Could not reach the Modal worker at ${host} — self-hosted runners need egress to Modal's worker hosts, not only api.modal.com (${describe(end.error)}).`,
          'Allow outbound HTTPS from the runner to the Modal worker hosts, or run on a GitHub-hosted runner.',
          { cause: end.error },
        );
      }
      throw new ActionError(
        'sandbox-error',
        `Running a command in the Modal sandbox ${context.sandboxId} failed: ${describe(end.error)}.`,
        undefined,
        { cause: end.error },
      );
  }
}

export function sandboxGoneError(sandboxId: string, code: number, lifetimeSeconds: number): ActionError {
  const message =
    code === 124
      ? `The Modal sandbox ${sandboxId} reached its ${lifetimeSeconds} s lifetime and was stopped by Modal.`
      : `The Modal sandbox ${sandboxId} is no longer running (exit ${code}).`;
  return new ActionError(
    'sandbox-error',
    message,
    'Raise agent-timeout-minutes if the agent needs longer, or check the sandbox in the Modal dashboard.',
  );
}

class Collector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    // Copy: the SDK may reuse the underlying buffer of a chunk.
    this.chunks.push(Buffer.from(kept));
    this.size += kept.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
