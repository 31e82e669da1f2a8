import type { App, Image, ModalClient, SandboxCreateParams, Sandbox as SdkSandbox } from 'modal';
import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { withRetry } from '../../shared/retry.js';
import type { Sandbox, SandboxListing, SandboxProvider, SandboxSpec } from '../types.js';
import {
  DEFAULT_BASE_IMAGE,
  DEFAULT_IMAGE_COMMANDS,
  modalResources,
  modalSandboxName,
  networkParams,
  type ResolvedModalSettings,
  sandboxTimeoutMs,
} from './config.js';
import { describe, isAlreadyExists, isNotFound, isTransient } from './errors.js';
import { ModalSandbox, type RetryTuning, type SandboxTuning, terminateSandbox } from './sandbox.js';

/** The scratch dir inside every Modal sandbox (bundle, prompt, capture output). */
export const MODAL_SCRATCH = '/tmp/sandbox-agent';

export interface ModalProviderTuning extends SandboxTuning {
  createRetry: Omit<RetryTuning, 'totalMs'>;
}

/** `provider: modal` on the Modal JS SDK (`modal@0.11.1`), without a Python sidecar. */
export class ModalProvider implements SandboxProvider {
  readonly name = 'modal' as const;
  private app: Promise<App> | undefined;
  private builtImage: Image | undefined;

  constructor(
    private readonly client: ModalClient,
    private readonly settings: ResolvedModalSettings,
    private readonly tuning: ModalProviderTuning,
    private readonly logger: Logger,
  ) {}

  async create(spec: SandboxSpec, onCreated: (id: string) => void): Promise<Sandbox> {
    const timeoutMs = sandboxTimeoutMs(spec.ttlMs);
    if (timeoutMs < spec.ttlMs) {
      this.logger.warning(
        `Modal caps a sandbox's lifetime at 24 h; the sandbox TTL is cut to ${timeoutMs / 1000} s.`,
      );
    }
    const name = modalSandboxName(spec.name);
    const params: SandboxCreateParams = {
      name,
      tags: { ...spec.labels },
      env: { ...spec.env },
      timeoutMs,
      ...modalResources(spec.size),
      ...networkParams(spec.network),
    };
    if (spec.size?.diskGib !== undefined) {
      this.logger.warning(
        `Modal sandboxes have no settable disk size, so disk-gib (${spec.size.diskGib}) is ignored.`,
      );
    }
    const paths = { workdir: spec.workdir, scratch: MODAL_SCRATCH };
    if (!spec.workdir.startsWith('/')) {
      throw new ActionError('invalid-input', `The workdir '${spec.workdir}' must be an absolute path.`);
    }

    const handle = await this.createOrAdopt(name, params, spec);
    onCreated(handle.sandboxId);
    this.logger.info(`Modal sandbox ${handle.sandboxId} (${name}) is up; lifetime ${timeoutMs / 1000} s.`);
    const sandbox = new ModalSandbox(handle, paths, timeoutMs / 1000, this.tuning, this.logger, spec.env);
    try {
      // Ready means a shell runs: make the work and scratch dirs (paths go in through env, never argv text).
      const ready = await sandbox.exec('mkdir -p "$SANDBOX_AGENT_WORKDIR" "$SANDBOX_AGENT_SCRATCH"', {
        cwd: '/',
        env: { SANDBOX_AGENT_WORKDIR: paths.workdir, SANDBOX_AGENT_SCRATCH: paths.scratch },
        timeoutMs: 60_000,
        signal: spec.signal,
      });
      if (ready.exitCode !== 0) {
        throw new ActionError(
          'sandbox-error',
          `The Modal sandbox could not create ${paths.workdir} (exit ${ready.exitCode}): ${ready.stderr.trim().slice(0, 300)}`,
          'The image needs sh and mkdir; check modal-image.',
        );
      }
    } catch (error) {
      await sandbox.delete().catch((e: unknown) => this.logger.warning(describe(e)));
      throw error;
    }
    return sandbox;
  }

  async deleteById(id: string): Promise<void> {
    const handle = await this.client.sandboxes.fromId(id);
    try {
      await terminateSandbox(handle, this.tuning.terminateRetry, this.logger);
    } finally {
      handle.detach();
    }
  }

  async list(labels: Record<string, string>): Promise<SandboxListing[]> {
    let app: App;
    try {
      app = await this.client.apps.fromName(this.settings.app, this.environmentParams());
    } catch (error) {
      if (isNotFound(error)) return [];
      throw new ActionError('sandbox-error', `Listing Modal sandboxes failed: ${describe(error)}.`);
    }
    const listings: SandboxListing[] = [];
    try {
      for await (const handle of this.client.sandboxes.list({ appId: app.appId, tags: labels })) {
        try {
          listings.push({ id: handle.sandboxId, labels: await handle.getTags(), state: 'running' });
        } catch (error) {
          // Finished between the listing and the lookup: nothing left to sweep.
          if (!isNotFound(error)) throw error;
        } finally {
          handle.detach();
        }
      }
    } catch (error) {
      throw new ActionError(
        'sandbox-error',
        `Listing Modal sandboxes failed: ${describe(error)}.`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return listings;
  }

  /**
   * Creates the sandbox within `createTimeoutMs`, retrying capacity and transport failures. The name is
   * unique within the App, so an attempt whose reply was lost makes the next one fail with
   * AlreadyExists: that sandbox is ours (the name encodes repo, run, attempt, job and this run's nonce, so a
   * parallel matrix job never matches it) and is adopted.
   */
  private async createOrAdopt(
    name: string,
    params: SandboxCreateParams,
    spec: SandboxSpec,
  ): Promise<SdkSandbox> {
    const deadline = new AbortController();
    const onAbort = (): void => deadline.abort(spec.signal?.reason);
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    let late = false;
    const attempt = withRetry(
      async () => {
        const app = await this.getApp();
        try {
          return await this.client.sandboxes.create(app, this.image(), params);
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
          const existing = await this.client.sandboxes.fromName(
            this.settings.app,
            name,
            this.environmentParams(),
          );
          this.logger.info(`Adopted the existing Modal sandbox ${existing.sandboxId} named ${name}.`);
          return existing;
        }
      },
      {
        ...this.tuning.createRetry,
        totalMs: spec.createTimeoutMs,
        classify: (error) => ({ retry: isTransient(error) || isNotFound(error) }),
        onRetry: ({ attempt: n, delayMs, error }) =>
          this.logger.warning(
            `Creating the Modal sandbox failed (${describe(error)}); attempt ${n + 1} in ${delayMs} ms.`,
          ),
        signal: deadline.signal,
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        deadline.abort();
        reject(
          new ActionError(
            'sandbox-error',
            `Modal did not create the sandbox within ${Math.ceil(spec.createTimeoutMs / 1000)} s.`,
            'Modal may be short of capacity or still building the image; try again later.',
          ),
        );
      }, spec.createTimeoutMs);
    });
    try {
      return await Promise.race([attempt, timedOut]);
    } catch (error) {
      if (error instanceof ActionError) throw error;
      throw new ActionError(
        'sandbox-error',
        `Creating the Modal sandbox failed: ${describe(error)}.`,
        undefined,
        {
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      // A create that completes after we gave up would run unattended until its lifetime ends: stop it.
      attempt.then(
        (handle) => {
          if (!late) return;
          terminateSandbox(handle, this.tuning.terminateRetry, this.logger)
            .catch((e: unknown) => this.logger.warning(describe(e)))
            .finally(() => handle.detach());
        },
        () => undefined,
      );
    }
  }

  private getApp(): Promise<App> {
    this.app ??= this.client.apps
      .fromName(this.settings.app, { ...this.environmentParams(), createIfMissing: true })
      .catch((error: unknown) => {
        this.app = undefined;
        throw error;
      });
    return this.app;
  }

  /** Lazy: no RPC until create builds it (once per image; Modal caches the layers). */
  private image(): Image {
    this.builtImage ??= this.settings.image
      ? this.client.images.fromRegistry(this.settings.image)
      : this.client.images.fromRegistry(DEFAULT_BASE_IMAGE).dockerfileCommands([...DEFAULT_IMAGE_COMMANDS]);
    return this.builtImage;
  }

  private environmentParams(): { environment?: string } {
    return this.settings.environment ? { environment: this.settings.environment } : {};
  }
}
