import type { Sandbox as SdkSandbox } from 'modal';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { type RetryOptions, withRetry } from '../../shared/retry.js';
import type { Sandbox, SandboxExecOptions, SandboxExecResult, SandboxPaths } from '../types.js';
import { classifyTransient, describe, isNotFound } from './errors.js';
import { type ExecTuning, pollSandbox, runCommand, sandboxGoneError, toExecResult } from './exec.js';

export type RetryTuning = Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs' | 'totalMs'>;

export interface SandboxTuning extends ExecTuning {
  /** Upload and download are idempotent (whole-file overwrite), so transient failures are retried. */
  transferRetry: RetryTuning;
  terminateRetry: RetryTuning;
}

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
      options,
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

  /** `copyToLocal` pipes the exec's stdout into a temp file beside `localPath`, then renames it. */
  async download(remotePath: string, localPath: string): Promise<void> {
    await this.transfer('download', remotePath, () =>
      this.handle.filesystem.copyToLocal(remotePath, localPath),
    );
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
