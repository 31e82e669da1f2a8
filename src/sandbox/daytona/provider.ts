import type {
  CreateSandboxFromImageParams,
  CreateSandboxFromSnapshotParams,
  Daytona,
  Sandbox as SdkSandbox,
} from '@daytona/sdk';
import { withTimeout } from '../../shared/deadline.js';
import type { Logger } from '../../shared/log.js';
import { withRetry } from '../../shared/retry.js';
import type { Sandbox, SandboxListing, SandboxProvider, SandboxSpec } from '../types.js';
import type { ResolvedDaytonaConfig } from './config.js';
import { buildCreateParams, ignoredSizeWarning } from './create-params.js';
import { classifyTransient, describeError, isNotFound, type RetryBounds, sandboxError } from './errors.js';
import { DaytonaSandbox, type DeleteOptions, deleteUntilGone, type SandboxContext } from './sandbox.js';
import { resolveScratch } from './scratch.js';

export interface DaytonaProviderTuning extends Omit<SandboxContext, 'logger'> {
  /** While create is still waiting, how long before (and how often) to look the new sandbox up by name. */
  idWatchMs: number;
}

export class DaytonaProvider implements SandboxProvider {
  readonly name = 'daytona' as const;

  constructor(
    private readonly client: Daytona,
    private readonly config: ResolvedDaytonaConfig,
    private readonly logger: Logger,
    private readonly tuning: DaytonaProviderTuning,
  ) {}

  private get retry(): RetryBounds {
    return this.tuning.retry;
  }

  async create(spec: SandboxSpec, onCreated: (id: string) => void): Promise<Sandbox> {
    const params = buildCreateParams(spec, this.config);
    const ignoredSize = ignoredSizeWarning(spec.size, this.config);
    if (ignoredSize) this.logger.warning(ignoredSize);
    const started = Date.now();
    const remainingSec = (): number =>
      Math.max(1, Math.ceil((spec.createTimeoutMs - (Date.now() - started)) / 1000));
    let notified: string | undefined;
    const notify = (id: string): void => {
      if (id === notified) return;
      notified = id;
      onCreated(id);
    };

    let sdk: SdkSandbox;
    let createTimedOut = false;
    try {
      sdk = await withRetry(
        async (attempt) => {
          if (attempt > 0) {
            // A create whose response was lost may have made the sandbox: adopt it instead of a second one.
            const found = await this.findOne(spec.name, spec.labels);
            if (found) {
              this.logger.info(`Adopting Daytona sandbox ${found.id}, created by an earlier attempt.`);
              notify(found.id);
              if (found.state !== 'started') await found.waitUntilStarted(remainingSec());
              return found;
            }
          }
          const stopWatching = this.watchForId(spec.name, notify);
          try {
            // The SDK adds a label of its own to the object it is given: pass a fresh copy each time.
            const fresh = copyParams(params);
            const creating =
              'image' in fresh
                ? this.client.create(fresh, {
                    timeout: remainingSec(),
                    // An image build takes minutes: show its log (remote text; the logger makes it inert).
                    onSnapshotCreateLogs: (chunk: string) => {
                      for (const line of chunk.split(/\r?\n/))
                        this.logger.info(`[daytona image build] ${line}`);
                    },
                  })
                : this.client.create(fresh, { timeout: remainingSec() });
            // The SDK checks its timeout while the build is pending and after it, not while it follows the
            // build log (@daytona/sdk 0.216.0 Daytona.create): bound the whole call ourselves.
            const created = await withTimeout(
              creating,
              Math.max(1_000, spec.createTimeoutMs - (Date.now() - started)),
              `the sandbox was not ready within ${Math.ceil(spec.createTimeoutMs / 1000)} s`,
            ).catch((error: unknown) => {
              if (Date.now() - started >= spec.createTimeoutMs) createTimedOut = true;
              throw error;
            });
            notify(created.id);
            return created;
          } finally {
            stopWatching();
          }
        },
        {
          ...this.retry,
          totalMs: Math.min(this.retry.totalMs, spec.createTimeoutMs),
          classify: classifyTransient,
          signal: spec.signal,
          onRetry: ({ attempt, delayMs, error }) =>
            this.logger.info(
              `Creating the Daytona sandbox failed (${describeError(error)}); retry ${attempt} in ${delayMs} ms.`,
            ),
        },
      );
    } catch (error) {
      await this.cleanupAfterFailedCreate(spec.name, spec.labels, notified);
      throw sandboxError(
        'Could not create the Daytona sandbox',
        error,
        createTimedOut
          ? 'Raise create-timeout-minutes (an image build can take 10 minutes or more), or use a prebuilt daytona-snapshot.'
          : undefined,
      );
    }

    const ctx: SandboxContext = { ...this.tuning, logger: this.logger };
    const sandbox = new DaytonaSandbox(
      sdk,
      { workdir: spec.workdir, scratch: '/tmp/sandbox-agent' },
      ctx,
      spec.env,
    );
    try {
      const scratch = await resolveScratch(sandbox, spec.workdir);
      return new DaytonaSandbox(sdk, { workdir: spec.workdir, scratch }, ctx, spec.env);
    } catch (error) {
      await sandbox.delete().catch(() => undefined);
      throw sandboxError('Could not prepare the Daytona sandbox', error);
    }
  }

  /** Deletes by id (or name) until Daytona accepted it; 409 while starting is retried (see `deleteUntilGone`). */
  async deleteById(id: string, options: DeleteOptions = {}): Promise<void> {
    await deleteUntilGone(
      {
        remove: async () => {
          const sandbox = await this.client.get(id);
          if (sandbox.state === 'destroying' || sandbox.state === 'destroyed') return;
          await sandbox.delete();
        },
        state: async () => {
          try {
            return String((await this.client.get(id)).state ?? 'unknown');
          } catch (error) {
            if (isNotFound(error)) return undefined;
            throw error;
          }
        },
      },
      id,
      { logger: this.logger, retry: this.retry, deleteBudgetMs: this.tuning.deleteBudgetMs },
      options,
    );
  }

  /**
   * The sandbox with this name, read as a single record (`GET /sandbox/{sandboxIdOrName}`), which is
   * consistent right after create, unlike the label list (research real-services.md #9).
   */
  async findByName(name: string): Promise<SandboxListing | undefined> {
    const found = await this.getByName(name);
    return found && listing(found);
  }

  async list(labels: Record<string, string>): Promise<SandboxListing[]> {
    try {
      return await withRetry(
        async () => {
          const listings: SandboxListing[] = [];
          for await (const sandbox of this.client.list({ labels })) listings.push(listing(sandbox));
          return listings;
        },
        { ...this.retry, classify: classifyTransient },
      );
    } catch (error) {
      throw sandboxError('Could not list Daytona sandboxes', error);
    }
  }

  private async getByName(name: string): Promise<SdkSandbox | undefined> {
    try {
      const sandbox = await this.client.get(name);
      return sandbox.state === 'destroyed' || sandbox.state === 'destroying' ? undefined : sandbox;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * The sandbox an earlier (lost) create made: by name first, since `GET /sandbox` is "eventually
   * consistent" (apps/api/src/sandbox/controllers/sandbox.controller.ts) and may not list it yet; the
   * label list stays as a fallback.
   */
  private async findOne(name: string, labels: Record<string, string>): Promise<SdkSandbox | undefined> {
    const byName = await this.getByName(name);
    if (byName) return byName;
    for await (const sandbox of this.client.list({ labels, limit: 10 })) {
      if (sandbox.state !== 'destroyed' && sandbox.state !== 'destroying') return sandbox;
    }
    return undefined;
  }

  /**
   * The SDK returns the sandbox only once it has started, which can take minutes for an image build.
   * So that `onCreated` (which saves the id for the post step) happens as soon as the sandbox exists,
   * look it up by its name while create is still waiting.
   */
  private watchForId(name: string, notify: (id: string) => void): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async (): Promise<void> => {
      try {
        const found = await this.getByName(name);
        if (found && !stopped) return notify(found.id);
      } catch (error) {
        this.logger.debug(`Looking up the new Daytona sandbox failed: ${describeError(error)}`);
      }
      if (!stopped) timer = setTimeout(() => void look(), this.tuning.idWatchMs);
    };
    timer = setTimeout(() => void look(), this.tuning.idWatchMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** After a failed create, nothing may stay behind: delete what the id, the name or the labels find. */
  private async cleanupAfterFailedCreate(
    name: string,
    labels: Record<string, string>,
    id: string | undefined,
  ): Promise<void> {
    const ids = new Set<string>(id ? [id] : []);
    try {
      const byName = await this.getByName(name);
      if (byName) ids.add(byName.id);
    } catch (error) {
      this.logger.debug(
        `Could not look up the sandbox ${name} after a failed create: ${describeError(error)}`,
      );
    }
    try {
      for await (const sandbox of this.client.list({ labels })) ids.add(sandbox.id);
    } catch (error) {
      this.logger.debug(`Could not look up sandboxes after a failed create: ${describeError(error)}`);
    }
    for (const leftover of ids) {
      await this.deleteById(leftover).catch((error: unknown) =>
        this.logger.warning(`Could not delete the Daytona sandbox ${leftover}: ${describeError(error)}`),
      );
    }
  }
}

function listing(sandbox: SdkSandbox): SandboxListing {
  return {
    id: sandbox.id,
    name: sandbox.name,
    labels: { ...sandbox.labels },
    createdAt: sandbox.createdAt ? new Date(sandbox.createdAt) : undefined,
    state: sandbox.state,
  };
}

function copyParams(
  params: CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams,
): CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams {
  return { ...params, labels: { ...params.labels } };
}
