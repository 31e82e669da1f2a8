import type { Sandbox as SdkSandbox } from 'modal';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { type RetryOptions, withRetry } from '../../shared/retry.js';
import { writeDownload } from '../bounded-download.js';
import type {
  DownloadOptions,
  Sandbox,
  SandboxExecOptions,
  SandboxExecResult,
  SandboxPaths,
} from '../types.js';
import { classifyTransient, describe, isNotFound } from './errors.js';
import { type ExecTuning, pollSandbox, runCommand, sandboxGoneError, toExecResult } from './exec.js';

export type RetryTuning = Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs' | 'totalMs'>;

export interface SandboxTuning extends ExecTuning {
  /** Upload and download are idempotent (whole-file overwrite), so transient failures are retried. */
  transferRetry: RetryTuning;
  terminateRetry: RetryTuning;
  /** One download attempt may take `baseMs` plus the file's size at `bytesPerSecond`, then it is retried. */
  downloadAttempt: { baseMs: number; bytesPerSecond: number };
}

/** The remote reader's own deadline, and the per-attempt bound when the size is unknown. */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

/**
 * A download that stopped short of the size the sandbox reported (a stream that ended early) or took
 * longer than its attempt's bound (a stream that hangs). Transient: the download is tried again, and a
 * short file is never kept.
 */
export class IncompleteDownloadError extends Error {
  override readonly name = 'IncompleteDownloadError';
}

/** Reads `size`, then the file: the size goes to stderr first so the runner can tell a short read. */
const DOWNLOAD_SCRIPT = `size=$(wc -c < "$SANDBOX_AGENT_FILE") || exit 1
printf 'size=%d\\n' "$size" >&2
if [ -n "$SANDBOX_AGENT_LIMIT" ]; then exec head -c "$SANDBOX_AGENT_LIMIT" -- "$SANDBOX_AGENT_FILE"; fi
exec cat -- "$SANDBOX_AGENT_FILE"`;

/** One Modal sandbox behind the provider interface. */
export class ModalSandbox implements Sandbox {
  readonly provider = 'modal' as const;
  private deleted = false;
  /** Set once the sandbox is known to have stopped: later calls fail fast without an RPC. */
  private goneCode: number | undefined;

  constructor(
    private readonly handle: SdkSandbox,
    readonly paths: SandboxPaths,
    private readonly lifetimeSeconds: number,
    private readonly tuning: SandboxTuning,
    private readonly logger: Logger,
    /** `spec.env`, sent again with every exec: whether execs inherit the create's env is unproven on Modal. */
    private readonly sandboxEnv: Record<string, string> = {},
  ) {}

  get id(): string {
    return this.handle.sandboxId;
  }

  async exec(command: string, options: SandboxExecOptions): Promise<SandboxExecResult> {
    this.assertUsable();
    const { end, stdout, stderr } = await runCommand(
      this.handle,
      command,
      options.cwd ?? this.paths.workdir,
      { ...options, env: { ...this.sandboxEnv, ...options.env } },
      this.tuning,
    );
    if (end.kind === 'sandbox-gone') this.goneCode = end.code;
    return toExecResult(end, stdout, stderr, { sandboxId: this.id, lifetimeSeconds: this.lifetimeSeconds });
  }

  /** `copyFromLocal` streams the file through the exec's stdin in 256 KiB chunks; nothing is buffered whole. */
  async upload(localPath: string, remotePath: string): Promise<void> {
    await this.transfer('upload', remotePath, () =>
      this.handle.filesystem.copyFromLocal(localPath, remotePath),
    );
  }

  /**
   * One exec reads the file (with a limit, `head` stops one byte past it: the SDK's reader cannot stop
   * early, and a hostile sandbox could replace `head`, so the runner's count is the one that decides) and
   * reports its size first. Each attempt is bounded in time by that size; a stream that ends before the
   * reported size, or an attempt over its bound, is retried and its partial file never kept. The SDK's
   * `copyToLocal` is not used: a stdio stream that ends early is EOF to it, so it would keep a short file.
   */
  async download(remotePath: string, localPath: string, options: DownloadOptions = {}): Promise<void> {
    await this.transfer('download', remotePath, () =>
      this.downloadOnce(remotePath, localPath, options.maxBytes),
    );
  }

  private async downloadOnce(
    remotePath: string,
    localPath: string,
    maxBytes: number | undefined,
  ): Promise<void> {
    const { baseMs, bytesPerSecond } = this.tuning.downloadAttempt;
    const attempt = new AbortController();
    const boundFor = (bytes: number): number =>
      Math.min(TRANSFER_TIMEOUT_MS, baseMs + (bytes / bytesPerSecond) * 1000);
    let timer = setTimeout(() => attempt.abort(), boundFor(0));
    const stalled = (): IncompleteDownloadError =>
      new IncompleteDownloadError(`The download of ${remotePath} stalled; no answer within its time bound`);
    const bounded = <T>(work: Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (attempt.signal.aborted) return reject(stalled());
        attempt.signal.addEventListener('abort', () => reject(stalled()), { once: true });
        work.then(resolve, reject);
      });
    try {
      const proc = await bounded(
        this.handle.exec(['sh', '-c', DOWNLOAD_SCRIPT], {
          mode: 'binary',
          stdout: 'pipe',
          stderr: 'pipe',
          workdir: '/',
          env: {
            SANDBOX_AGENT_FILE: remotePath,
            SANDBOX_AGENT_LIMIT: maxBytes === undefined ? '' : String(maxBytes + 1),
          },
          timeoutMs: TRANSFER_TIMEOUT_MS,
        }),
      );
      proc.stdin.close().catch(() => undefined);
      // stderr is drained alongside (a full stderr pipe would stall stdout); only its start is kept. Its
      // first line is the size, which stretches this attempt's bound (capped by maxBytes: a sandbox's
      // claim cannot buy it more time than the largest file we would accept).
      const stderr = readStart(proc.stderr, 2048, attempt.signal, (start) => {
        const size = reportedSize(start);
        if (size === undefined) return;
        clearTimeout(timer);
        timer = setTimeout(() => attempt.abort(), boundFor(Math.min(size, maxBytes ?? size)));
      });
      let received = 0;
      const counted = async function* (source: ReadableStream<Uint8Array>, signal: AbortSignal) {
        for await (const chunk of readUntilAborted(source, signal)) {
          received += chunk.length;
          yield chunk;
        }
      };
      await writeDownload(counted(proc.stdout, attempt.signal), localPath, remotePath, maxBytes, async () => {
        const code = await bounded(proc.wait());
        const detail = await stderr;
        if (code !== 0) {
          throw new ActionError(
            'sandbox-error',
            `Could not read ${remotePath} in the Modal sandbox ${this.id} (exit ${code}): ${detail.replace(/^size=\d+\n/, '').trim()}`,
          );
        }
        const size = reportedSize(detail);
        // The file's size decides completeness: the stream's end can be a lost connection, not EOF.
        const expected = size === undefined ? undefined : Math.min(size, (maxBytes ?? size) + 1);
        if (expected === undefined || received < expected) {
          throw new IncompleteDownloadError(
            `The download of ${remotePath} ended early: ${received} of ${expected ?? 'an unknown number of'} bytes`,
          );
        }
      });
    } catch (error) {
      // Only the attempt's timer aborts inside this block: whatever failed, the cause was the stall.
      if (attempt.signal.aborted) throw stalled();
      throw error;
    } finally {
      clearTimeout(timer);
      attempt.abort();
    }
  }

  async delete(): Promise<void> {
    if (this.deleted) return;
    await terminateSandbox(this.handle, this.tuning.terminateRetry, this.logger);
    this.deleted = true;
    this.handle.detach();
  }

  private async transfer(what: string, remotePath: string, operation: () => Promise<void>): Promise<void> {
    this.assertUsable();
    try {
      await withRetry(operation, {
        ...this.tuning.transferRetry,
        classify: (error) =>
          error instanceof IncompleteDownloadError ? { retry: true } : classifyTransient(error),
        onRetry: ({ attempt, error }) =>
          this.logger.warning(
            `Modal ${what} of ${remotePath} failed (${describe(error)}); attempt ${attempt + 1}.`,
          ),
      });
    } catch (error) {
      const code = await pollSandbox(this.handle);
      if (code !== null) {
        this.goneCode = code;
        throw sandboxGoneError(this.id, code, this.lifetimeSeconds);
      }
      if (error instanceof ActionError) throw error;
      throw new ActionError(
        'sandbox-error',
        `The ${what} of ${remotePath} in the Modal sandbox ${this.id} failed: ${describe(error)}.`,
        undefined,
        { cause: error },
      );
    }
  }

  private assertUsable(): void {
    if (this.deleted)
      throw new ActionError('sandbox-error', `The Modal sandbox ${this.id} was already deleted.`);
    if (this.goneCode !== undefined) throw sandboxGoneError(this.id, this.goneCode, this.lifetimeSeconds);
  }
}

/**
 * Terminates a sandbox: idempotent (a sandbox Modal no longer knows counts as terminated, and terminating a
 * finished one is a no-op), retried a bounded number of times on transient failures, then thrown.
 */
export async function terminateSandbox(
  handle: SdkSandbox,
  retry: RetryTuning,
  logger: Logger,
): Promise<void> {
  try {
    await withRetry(
      async () => {
        try {
          await handle.terminate();
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      },
      {
        ...retry,
        classify: classifyTransient,
        onRetry: ({ attempt, error }) =>
          logger.warning(
            `Terminating the Modal sandbox ${handle.sandboxId} failed (${describe(error)}); attempt ${attempt + 1}.`,
          ),
      },
    );
  } catch (error) {
    throw new ActionError(
      'sandbox-error',
      `Could not terminate the Modal sandbox ${handle.sandboxId}: ${describe(error)}.`,
      'It stops by itself when its lifetime runs out; the post step and the sweeper try again.',
      { cause: error },
    );
  }
}

/**
 * The first `limit` bytes of a stream as text; the rest is read and dropped. `onStart` sees the kept
 * text as it grows. Ends (without throwing) when the stream breaks or `signal` aborts.
 */
async function readStart(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  signal: AbortSignal,
  onStart: (start: string) => void,
): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of readUntilAborted(stream, signal)) {
      if (size < limit) {
        kept.push(Buffer.from(chunk.subarray(0, limit - size)));
        onStart(Buffer.concat(kept).toString('utf8'));
      }
      size += chunk.length;
    }
  } catch {
    // A cancelled or broken stderr only loses the error detail (and the size: then the read is retried).
  }
  return Buffer.concat(kept).toString('utf8');
}

/** The `size=N` line the download script writes first on stderr. */
function reportedSize(stderr: string): number | undefined {
  const match = /^size=(\d{1,15})\n/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

/**
 * The chunks of `stream` until it ends or `signal` aborts. Cancelling the reader settles a pending read
 * at once (WHATWG streams), even when the SDK's gRPC read below it never answers.
 */
async function* readUntilAborted(
  stream: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw new IncompleteDownloadError('The download was stopped at its time bound');
      if (done) return;
      yield value;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}
