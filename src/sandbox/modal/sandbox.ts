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
}

/** A bounded download's own deadline: the mbox is at most max-patch-bytes. */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

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
   * Without a limit, `copyToLocal` pipes the exec's stdout into a temp file beside `localPath`, then
   * renames it. With one, `head` reads the file and we count what arrives: the SDK's reader cannot stop
   * early, and a hostile sandbox could replace `head`, so the runner's count is the one that decides.
   */
  async download(remotePath: string, localPath: string, options: DownloadOptions = {}): Promise<void> {
    const { maxBytes } = options;
    if (maxBytes === undefined) {
      await this.transfer('download', remotePath, () =>
        this.handle.filesystem.copyToLocal(remotePath, localPath),
      );
      return;
    }
    await this.transfer('download', remotePath, () => this.downloadAtMost(remotePath, localPath, maxBytes));
  }

  private async downloadAtMost(remotePath: string, localPath: string, maxBytes: number): Promise<void> {
    const proc = await this.handle.exec(
      ['sh', '-c', 'exec head -c "$SANDBOX_AGENT_LIMIT" -- "$SANDBOX_AGENT_FILE"'],
      {
        mode: 'binary',
        stdout: 'pipe',
        stderr: 'pipe',
        workdir: '/',
        env: { SANDBOX_AGENT_FILE: remotePath, SANDBOX_AGENT_LIMIT: String(maxBytes + 1) },
        timeoutMs: TRANSFER_TIMEOUT_MS,
      },
    );
    proc.stdin.close().catch(() => undefined);
    // stderr is drained alongside (a full stderr pipe would stall stdout); only its start is kept.
    const stderr = readStart(proc.stderr, 2048);
    await writeDownload(proc.stdout, localPath, remotePath, maxBytes, async () => {
      const code = await proc.wait();
      if (code !== 0) {
        throw new ActionError(
          'sandbox-error',
          `Could not read ${remotePath} in the Modal sandbox ${this.id} (exit ${code}): ${(await stderr).trim()}`,
        );
      }
    });
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
        classify: classifyTransient,
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

/** The first `limit` bytes of a stream as text; the rest is read and dropped. */
async function readStart(stream: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      if (size < limit) kept.push(Buffer.from(chunk.subarray(0, limit - size)));
      size += chunk.length;
    }
  } catch {
    // A cancelled or broken stderr only loses the error detail.
  }
  return Buffer.concat(kept).toString('utf8');
}
