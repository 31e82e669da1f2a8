import { randomUUID } from 'node:crypto';
import type { Sandbox as SdkSandbox } from '@daytona/sdk';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { SandboxExecOptions, SandboxExecResult } from '../types.js';
import { describeError, isConflict, statusOf } from './errors.js';

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

/**
 * Runs one prepared command string in a fresh session (one per exec, so commands never share shell
 * state) and streams its output over the SDK's log WebSocket while it runs. Completion is decided by
 * the command's exit code, read when the stream ends and on every poll tick, so a stream that never
 * closes cannot hang the run. Each tick also probes the sandbox (fast failure when it died) and is
 * toolbox traffic, which keeps Daytona's inactivity auto-stop from firing during silent agent runs.
 */
export async function runInSession(
  sandbox: SdkSandbox,
  script: string,
  options: SandboxExecOptions,
  probe: LivenessProbe,
  tuning: SessionExecTuning,
  logger: Logger,
): Promise<SandboxExecResult> {
  if (options.signal?.aborted) throw cancelled();
  const sessionId = `sandbox-agent-${randomUUID()}`;
  try {
    await sandbox.process.createSession(sessionId);
  } catch (error) {
    if (!isConflict(error)) throw await explain(error, probe, 'Could not start a command session');
  }
  let cmdId: string | undefined;
  try {
    cmdId = (await sandbox.process.executeSessionCommand(sessionId, { command: script, runAsync: true }))
      .cmdId;
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
    let streamOpen = true;
    let streamFailed = false;
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

    const complete = (code: number): void => {
      const timedOut = code === 124 && Date.now() - started >= options.timeoutMs - 1_000;
      finish({ result: { exitCode: code, stdout: stdout.text(), stderr: stderr.text(), timedOut } });
    };

    const onExitCode = (code: number): void => {
      exitCode = code;
      if (!streamOpen) {
        complete(code);
        return;
      }
      // The daemon closes the stream shortly after the exit code; give the tail a moment to arrive.
      drainTimer ??= setTimeout(() => complete(code), tuning.drainMs);
    };

    const onStdout = (text: string): void => {
      if (settled) return;
      const chunk = Buffer.from(text, 'utf8');
      stdout.add(chunk);
      options.onStdout?.(chunk);
    };
    const onStderr = (text: string): void => {
      if (settled) return;
      const chunk = Buffer.from(text, 'utf8');
      stderr.add(chunk);
      options.onStderr?.(chunk);
    };

    sandbox.process.getSessionCommandLogs(sessionId, commandId, onStdout, onStderr).then(
      () => {
        streamOpen = false;
        if (exitCode !== undefined) return complete(exitCode);
        // The stream ended first: either the command finished or the sandbox went away.
        void tick();
      },
      (error: unknown) => {
        streamOpen = false;
        streamFailed = true;
        logger.debug(`Daytona log stream unavailable (${describeError(error)}); polling logs instead.`);
        if (exitCode !== undefined) return complete(exitCode);
        void tick();
      },
    );

    /** Without the WebSocket, fetch the whole log and emit what is new. */
    const pollLogs = async (): Promise<void> => {
      const logs = await sandbox.process.getSessionCommandLogs(sessionId, commandId);
      const emitNew = (all: string, capture: Capture, emit: (text: string) => void): void => {
        // `emit` counts what it passes on, so the next poll starts after it.
        if (all.length > capture.chars) emit(all.slice(capture.chars));
      };
      emitNew(logs.stdout ?? logs.output ?? '', stdout, onStdout);
      emitNew(logs.stderr ?? '', stderr, onStderr);
    };

    const tick = async (): Promise<void> => {
      if (settled || polling) return;
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
        if (settled) return;
        if (code !== undefined) return onExitCode(code);
        const dead = await probe();
        if (dead) return finish({ error: dead }, true);
      } finally {
        polling = false;
        if (!settled) pollTimer = setTimeout(() => void tick(), streamOpen ? tuning.pollIntervalMs : 250);
      }
    };
    pollTimer = setTimeout(() => void tick(), tuning.pollIntervalMs);

    const deadline = setTimeout(() => {
      logger.debug(`Command exceeded its ${options.timeoutMs} ms deadline; killing its session.`);
      finish({ result: { exitCode: 124, stdout: stdout.text(), stderr: stderr.text(), timedOut: true } });
    }, options.timeoutMs + 1_000);

    const onAbort = (): void => finish({ error: cancelled() });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
  });
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

/** Keeps the first MAX_CAPTURE bytes of a stream, and counts characters seen (for log polling). */
class Capture {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  chars = 0;

  add(chunk: Buffer): void {
    this.chars += chunk.toString('utf8').length;
    if (this.bytes >= MAX_CAPTURE) return;
    const room = MAX_CAPTURE - this.bytes;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.bytes += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
