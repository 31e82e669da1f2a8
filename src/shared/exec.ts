import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';

/** The one way this project starts programs: argument arrays only, never a shell string built from data. */
export interface ExecOptions {
  cwd?: string;
  /** The complete environment of the child. Nothing is inherited unless the caller spreads it in. */
  env: NodeJS.ProcessEnv;
  /** Bytes written to stdin; `file:` reads them from a path. Without it stdin is /dev/null. */
  input?: string | Buffer | { file: string };
  /** Kill the whole process group after this long and resolve with exit code 124. */
  timeoutMs?: number;
  /** Aborting kills the process group and resolves with exit code 130. */
  signal?: AbortSignal;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Keep at most this many bytes of each stream in the result (streaming callbacks still see all). */
  maxBuffer?: number;
  /**
   * After the child exits (or is killed), read its output for at most this long, then close the pipes
   * and resolve. A descendant that keeps the pipes open (`sleep 600 &`, a `setsid` child) would otherwise
   * hold the result until it exits.
   */
  drainMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout as raw bytes (for binary-safe callers). */
  stdoutBytes: Buffer;
  timedOut: boolean;
  aborted: boolean;
  /** True when a stream was longer than `maxBuffer` and was cut. */
  truncated: boolean;
}

const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
const KILL_GRACE_MS = 2_000;
/** Output still in the pipes when the child exits is read in milliseconds; this is ample. */
const DEFAULT_DRAIN_MS = 2_000;

export class ExecError extends Error {
  override name = 'ExecError';
  constructor(
    message: string,
    readonly result: ExecResult,
  ) {
    super(message);
  }
}

/**
 * Runs `file` with `args`. Resolves for every exit code; rejects only when the program cannot be started.
 * The child gets its own process group so a timeout kills its descendants too. It resolves at most
 * `drainMs` after the child exits, even when a descendant (a background or `setsid` child) still holds
 * its stdout: the result never waits for processes the timeout cannot reach.
 */
export function execFile(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve, reject) => {
    const stdinMode = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [stdinMode, 'pipe', 'pipe'],
      detached: true,
    });
    const out = new Collector(maxBuffer);
    const err = new Collector(maxBuffer);
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;

    const killGroup = (): void => {
      if (child.pid === undefined || child.exitCode !== null) return;
      signalGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(
        () => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'),
        KILL_GRACE_MS,
      );
      killTimer.unref();
    };
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            killGroup();
          }, options.timeoutMs)
        : undefined;
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.push(chunk);
      options.onStderr?.(chunk);
    });
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (drainTimer) clearTimeout(drainTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // The group may still hold children that ignored SIGTERM; make sure none outlive us.
      if (timedOut || aborted) signalGroup(child.pid ?? 0, 'SIGKILL');
      const exitCode = timedOut ? 124 : aborted ? 130 : (code ?? (signal ? 128 + signalNumber(signal) : 1));
      const stdoutBytes = out.bytes();
      resolve({
        exitCode,
        stdout: stdoutBytes.toString('utf8'),
        stderr: err.bytes().toString('utf8'),
        stdoutBytes,
        timedOut,
        aborted,
        truncated: out.truncated || err.truncated,
      });
    };
    // 'close' waits for every holder of the pipes to exit; 'exit' is the child itself. After 'exit',
    // what is left in the pipes is read for a bounded time, then they are closed.
    child.on('exit', (code, signal) => {
      // The child is gone: the timeout no longer applies (a normal exit stays a normal exit).
      if (timer) clearTimeout(timer);
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, signal);
      }, options.drainMs ?? DEFAULT_DRAIN_MS);
    });
    child.on('close', finish);

    if (child.stdin) {
      child.stdin.on('error', () => {
        // EPIPE when the child exits without reading all input: its exit code tells the story.
      });
      const input = options.input;
      if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin.end(input);
      else if (input) createReadStream(input.file).pipe(child.stdin);
    }
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 0;
}

class Collector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    if (this.size >= this.limit) {
      this.truncated = true;
      return;
    }
    const room = this.limit - this.size;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept !== chunk) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
