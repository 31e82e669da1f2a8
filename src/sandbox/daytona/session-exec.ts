import { randomUUID } from 'node:crypto';
import type { Sandbox as SdkSandbox } from '@daytona/sdk';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { type RetryOptions, withRetry } from '../../shared/retry.js';
import type { SandboxExecOptions, SandboxExecResult } from '../types.js';
import { classifyTransient, describeError, isConflict, type RetryBounds, statusOf } from './errors.js';

/** Probes the sandbox; resolves with an error when it is gone, undefined while it is alive. */
export type LivenessProbe = () => Promise<ActionError | undefined>;

export interface SessionExecTuning {
  /** How often the command status and the sandbox state are polled while a command runs. */
  pollIntervalMs: number;
  /** After the exit code is known, how long to wait for the log stream to deliver its tail. */
  drainMs: number;
}

export const DEFAULT_SESSION_TUNING: SessionExecTuning = { pollIntervalMs: 3_000, drainMs: 3_000 };

/** Results keep at most this much of each stream; the callbacks see everything. */
const MAX_CAPTURE = 16 * 1024 * 1024;
/** The final log read: attempts, and the deadline of each. */
const FINAL_READ_ATTEMPTS = 2;
const FINAL_READ_TIMEOUT_MS = 30_000;

/**
 * Runs one prepared command string in a fresh session (one per exec, so commands never share shell
 * state) and streams its output over the SDK's log WebSocket while it runs. Completion is decided by
 * the command's exit code, read when the stream ends and on every poll tick, so a stream that never
 * closes cannot hang the run. Each tick also probes the sandbox (fast failure when it died) and is
 * toolbox traffic, which keeps Daytona's inactivity auto-stop from firing during silent agent runs.
 *
 * The log stream is only for live output. The SDK's `getSessionCommandLogs(…, onStdout, onStderr)`
 * resolves on ANY close of its WebSocket (`esm/utils/Stream.js` `stdDemuxStream`: `handleClose`
 * resolves, also for 1006 without a close frame), e.g. a proxy cutting a socket that was silent for
 * about 60 s (research real-services.md #2). A close before the exit code is known is therefore treated
 * as a failed stream: the output is then polled over HTTP, deduplicated by what was already passed on.
 * No keep-alive ping is sent: the SDK opens the socket inside `getSessionCommandLogs`
 * (`esm/utils/WebSocket.js`) and never hands it out, so the polling fallback is what keeps logs whole.
 * The result's stdout/stderr come from one HTTP read of the full logs after the command ended, never
 * from what the stream happened to deliver, so callers may parse them.
 */
export async function runInSession(
  sandbox: SdkSandbox,
  script: string,
  options: SandboxExecOptions,
  probe: LivenessProbe,
  tuning: SessionExecTuning,
  logger: Logger,
  /** Bounds for re-sending the session create and the exec after a transient failure. */
  retry: RetryBounds,
): Promise<SandboxExecResult> {
  if (options.signal?.aborted) throw cancelled();
  const sessionId = `sandbox-agent-${randomUUID()}`;
  const retrying = (what: string): Pick<RetryOptions, 'classify' | 'onRetry' | 'signal'> => ({
    classify: classifyTransient,
    signal: options.signal,
    onRetry: ({ attempt, delayMs, error }) =>
      logger.info(`${what} failed (${describeError(error)}); retry ${attempt} in ${delayMs} ms.`),
  });
  try {
    // Idempotent by id: a 409 on a re-sent create means the first one (whose answer was lost) worked.
    await withRetry(
      async () => {
        try {
          await sandbox.process.createSession(sessionId);
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      },
      { ...retry, ...retrying('Starting a Daytona command session') },
    );
  } catch (error) {
    throw await explain(error, probe, 'Could not start a command session');
  }
  let cmdId: string | undefined;
  try {
    cmdId = await withRetry(
      async (attempt) => {
        if (attempt > 0) {
          // The session is ours alone: a command in it means the lost request did start it. Adopt it
          // rather than run it twice.
          const started = (await sandbox.process.getSession(sessionId)).commands?.[0]?.id;
          if (started) {
            logger.info('The command had started before its answer was lost; following it.');
            return started;
          }
        }
        return (await sandbox.process.executeSessionCommand(sessionId, { command: script, runAsync: true }))
          .cmdId;
      },
      { ...retry, ...retrying('Starting a command in the Daytona sandbox') },
    );
  } catch (error) {
    void deleteSession(sandbox, sessionId);
    throw await explain(error, probe, 'Could not start the command');
  }
  if (!cmdId) {
    void deleteSession(sandbox, sessionId);
    throw new ActionError('sandbox-error', 'The Daytona daemon did not return a command id.');
  }
  const commandId = cmdId;

  return new Promise<SandboxExecResult>((resolve, reject) => {
    const stdout = new Capture();
    const stderr = new Capture();
    let settled = false;
    let completing = false;
    let streamOpen = true;
    let streamFailed = false;
    let streamEndedAt = 0;
    let exitCode: number | undefined;
    let pollTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let polling = false;
    const started = Date.now();

    const finish = (outcome: { result?: SandboxExecResult; error?: unknown }, keepSession = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(pollTimer);
      clearTimeout(drainTimer);
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      const done = (): void => (outcome.error ? reject(outcome.error) : resolve(outcome.result!));
      if (keepSession) {
        done();
        return;
      }
      // Deleting the session ends its processes (kill on timeout/abort) and closes the log stream.
      void deleteSession(sandbox, sessionId).finally(done);
    };

    /** Reads the final logs once over HTTP; they, not the stream, are the result (bounded). */
    const complete = async (code: number, timedOut: boolean): Promise<void> => {
      if (settled || completing) return;
      completing = true;
      clearTimeout(pollTimer);
      clearTimeout(drainTimer);
      const logs = await readFinalLogs(sandbox, sessionId, commandId, logger);
      if (settled) return;
      let out: string;
      let err: string;
      if (logs) {
        // The callbacks get whatever the stream had not delivered yet, so they too see everything.
        emitNew(logs.stdout, stdout, onStdout);
        emitNew(logs.stderr, stderr, onStderr);
        out = bounded(logs.stdout);
        err = bounded(logs.stderr);
      } else {
        out = stdout.text();
        err = stderr.text();
      }
      finish({ result: { exitCode: code, stdout: out, stderr: err, timedOut } });
    };

    const onExitCode = (code: number): void => {
      exitCode = code;
      const timedOut = code === 124 && Date.now() - started >= options.timeoutMs - 1_000;
      if (!streamOpen) {
        void complete(code, timedOut);
        return;
      }
      // The daemon closes the stream shortly after the exit code; give the tail a moment to arrive live.
      drainTimer ??= setTimeout(() => void complete(code, timedOut), tuning.drainMs);
    };

    const onStdout = (text: string): void => {
      if (settled) return;
      const chunk = stdout.add(text);
      options.onStdout?.(chunk);
    };
    const onStderr = (text: string): void => {
      if (settled) return;
      const chunk = stderr.add(text);
      options.onStderr?.(chunk);
    };

    const streamEnded = (why: string): void => {
      streamOpen = false;
      if (exitCode !== undefined) {
        onExitCode(exitCode);
        return;
      }
      // Ended before the command did (or the command just finished): poll the logs from now on.
      streamFailed = true;
      streamEndedAt = Date.now();
      logger.debug(`Daytona log stream ended before the command did (${why}); polling logs instead.`);
      void tick();
    };
    sandbox.process.getSessionCommandLogs(sessionId, commandId, onStdout, onStderr).then(
      () => streamEnded('closed'),
      (error: unknown) => streamEnded(describeError(error)),
    );

    /** Without the WebSocket, fetch the whole log and emit what is new. */
    const pollLogs = async (): Promise<void> => {
      const logs = normalizeLogs(await sandbox.process.getSessionCommandLogs(sessionId, commandId));
      if (settled || completing) return;
      emitNew(logs.stdout, stdout, onStdout);
      emitNew(logs.stderr, stderr, onStderr);
    };

    const tick = async (): Promise<void> => {
      if (settled || completing || polling) return;
      polling = true;
      clearTimeout(pollTimer);
      try {
        let code: number | undefined;
        try {
          if (streamFailed) await pollLogs();
          const command = await sandbox.process.getSessionCommand(sessionId, commandId);
          if (typeof command.exitCode === 'number') code = command.exitCode;
        } catch (error) {
          logger.debug(`Daytona command status failed: ${describeError(error)}`);
        }
        if (settled || completing) return;
        if (code !== undefined) return onExitCode(code);
        const dead = await probe();
        if (dead) return finish({ error: dead }, true);
      } finally {
        polling = false;
        if (!settled && !completing) {
          // Right after the stream ended the command has usually just finished: look again soon.
          const soon = streamFailed && Date.now() - streamEndedAt < 2_000;
          pollTimer = setTimeout(() => void tick(), soon ? 250 : tuning.pollIntervalMs);
        }
      }
    };
    pollTimer = setTimeout(() => void tick(), tuning.pollIntervalMs);

    const deadline = setTimeout(() => {
      logger.debug(`Command exceeded its ${options.timeoutMs} ms deadline; killing its session.`);
      void complete(124, true);
    }, options.timeoutMs + 1_000);

    const onAbort = (): void => finish({ error: cancelled() });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
  });
}

interface CommandLogs {
  stdout: string;
  stderr: string;
}

/** Older daemons fill only `output` (stdout and stderr mixed); the SDK then returns '' for both. */
function normalizeLogs(logs: { output?: string; stdout?: string; stderr?: string }): CommandLogs {
  const stdout = logs.stdout ?? '';
  const stderr = logs.stderr ?? '';
  if (!stdout && !stderr && logs.output) return { stdout: logs.output, stderr: '' };
  return { stdout, stderr };
}

/** Passes on the part of `all` that `capture` has not seen yet (it counts the characters it saw). */
function emitNew(all: string, capture: Capture, emit: (text: string) => void): void {
  if (all.length > capture.chars) emit(all.slice(capture.chars));
}

/** The final full logs, read twice at most and with a deadline; undefined when that failed. */
async function readFinalLogs(
  sandbox: SdkSandbox,
  sessionId: string,
  commandId: string,
  logger: Logger,
): Promise<CommandLogs | undefined> {
  for (let attempt = 1; attempt <= FINAL_READ_ATTEMPTS; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const logs = await Promise.race([
        sandbox.process.getSessionCommandLogs(sessionId, commandId),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), FINAL_READ_TIMEOUT_MS);
        }),
      ]);
      return normalizeLogs(logs);
    } catch (error) {
      logger.debug(`Reading the final command logs failed (attempt ${attempt}): ${describeError(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  logger.warning('Could not read the final command logs from Daytona; the output may be incomplete.');
  return undefined;
}

/** The first MAX_CAPTURE bytes of `text` (whole characters). */
function bounded(text: string): string {
  if (text.length * 3 <= MAX_CAPTURE) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_CAPTURE) return text;
  return new TextDecoder().decode(bytes.subarray(0, MAX_CAPTURE)).replace(/\uFFFD$/, '');
}

/** Best effort and bounded: a slow daemon must not hold up the result of a finished command. */
async function deleteSession(sandbox: SdkSandbox, sessionId: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sandbox.process.deleteSession(sessionId),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 10_000);
      }),
    ]);
  } catch {
    // The session may already be gone with its sandbox; nothing to clean up then.
  } finally {
    clearTimeout(timer);
  }
}

/** A toolbox failure is reported as the sandbox's death when the sandbox is in fact gone. */
async function explain(error: unknown, probe: LivenessProbe, what: string): Promise<ActionError> {
  const dead = await probe().catch(() => undefined);
  if (dead) return dead;
  const status = statusOf(error);
  return new ActionError(
    'sandbox-error',
    `${what} in the Daytona sandbox: ${describeError(error)}.`,
    status === 401 || status === 403 ? 'Check the daytona-api-key input (or DAYTONA_API_KEY).' : undefined,
    { cause: error },
  );
}

function cancelled(): ActionError {
  return new ActionError('cancelled', 'The command in the Daytona sandbox was cancelled.');
}

/**
 * Keeps the first MAX_CAPTURE bytes of a stream (used only when the final logs cannot be read), and
 * counts the characters passed on, so polling and the final read never pass anything on twice.
 */
class Capture {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  chars = 0;

  /** Records `text` and returns it as bytes for the caller's callback. */
  add(text: string): Buffer {
    this.chars += text.length;
    const chunk = Buffer.from(text, 'utf8');
    if (this.bytes >= MAX_CAPTURE) return chunk;
    const room = MAX_CAPTURE - this.bytes;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.bytes += kept.length;
    return chunk;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
