import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, ServerError, Status } from 'nice-grpc';
import { type ControlState, controlHandlers } from './control.js';
import { loadModalDefinitions, type ServiceDefinition } from './definitions.js';
import { routerHandlers } from './router.js';
import { type FakeSandbox, GenericStatus } from './sandbox.js';

export { Status } from 'nice-grpc';
export type { FakeSandbox } from './sandbox.js';

export interface FakeModalOptions {
  /**
   * The command router URL handed out with a sandbox (`CommandRouterAccess.url`). Real Modal names a
   * worker host here, not api.modal.com; a closed port models a runner whose egress cannot reach it.
   */
  routerUrl?: string;
  /** Host dir holding one root per sandbox (`<root>/<sandboxId>` plays the sandbox's `/`). Default: a new temp dir. */
  root?: string;
  /**
   * Env values equal to or under these sandbox paths are rewritten to the sandbox's host root (the
   * pipeline passes paths through env). Default: `/workspace`, `/tmp/sandbox-agent`.
   */
  translatePrefixes?: string[];
  /** Unread bytes a process may get ahead of its reader per stream before its pipe is paused. Default 1 MiB. */
  stdioBufferBytes?: number;
  /** Keep each sandbox's root after it ends (default: removed). */
  keepFiles?: boolean;
}

export interface RecordedCall {
  service: 'control' | 'router';
  /** The gRPC method name, e.g. `SandboxCreateV2`, `TaskExecStart`. */
  method: string;
  /** The decoded request, with byte fields replaced by their length. Streams record their first message. */
  request: unknown;
  /** `x-modal-token-id` as sent (control plane only). The secret is never recorded. */
  tokenId?: string;
}

export interface Fault {
  code: Status;
  /** How many calls fail (default 1; Infinity for all). */
  times?: number;
  /** `before` (default): fail without acting. `after`: act, then fail, as if the reply were lost. */
  when?: 'before' | 'after';
  message?: string;
}

export interface FakeModal {
  /** `http://127.0.0.1:PORT`: set as `MODAL_SERVER_URL`. */
  url: string;
  /** Env for a child process using the fake (server URL, dummy tokens, empty config). */
  env: Record<string, string>;
  /** Every call, in order. */
  calls: RecordedCall[];
  /** Method names called, in order (a shorthand over `calls`). */
  methods(): string[];
  /** Sandboxes still running. */
  sandboxes(): FakeSandbox[];
  /** Every sandbox ever created, running or not. */
  allSandboxes(): FakeSandbox[];
  /** Images built (`dockerfileCommands` per layer). */
  images: ControlState['images'];
  faults: {
    /** Fail upcoming calls of `method` (the gRPC name) with `fault.code`. */
    inject(method: string, fault: Fault): void;
    clear(): void;
    /** End a running sandbox now as Modal does when its lifetime runs out (wait → 124). */
    expire(sandboxId: string): void;
  };
  close(): Promise<void>;
}

const TOKEN_ID = 'ak-fake-token-id';
const TOKEN_SECRET = 'as-fake-token-secret';

/**
 * A loopback Modal for the real `modal` SDK: the control plane and the task command router on one
 * plaintext 127.0.0.1 port, built from the installed SDK's own service definitions.
 */
export async function startFakeModal(options: FakeModalOptions = {}): Promise<FakeModal> {
  const definitions = loadModalDefinitions();
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'fake-modal-'));
  let port = 0;
  const state: ControlState = {
    root,
    routerUrl: () => options.routerUrl ?? `https://127.0.0.1:${port}`,
    translatePrefixes: options.translatePrefixes ?? ['/workspace', '/tmp/sandbox-agent'],
    stdioBufferBytes: options.stdioBufferBytes ?? 1024 * 1024,
    keepFiles: options.keepFiles ?? false,
    sandboxes: new Map(),
    apps: new Map(),
    images: [],
    secrets: new Map(),
  };
  const calls: RecordedCall[] = [];
  const faults = new Map<string, Required<Omit<Fault, 'message'>> & { message?: string }>();

  const takeFault = (method: string, when: 'before' | 'after'): void => {
    const fault = faults.get(method);
    if (!fault || fault.when !== when || fault.times <= 0) return;
    fault.times -= 1;
    if (fault.times <= 0) faults.delete(method);
    throw new ServerError(
      fault.code,
      fault.message ?? `fake-modal: injected ${Status[fault.code]} for ${method}`,
    );
  };

  const server = createServer();
  const wrap = (
    service: 'control' | 'router',
    definition: ServiceDefinition,
    handlers: Record<string, (request: never, context: never) => unknown>,
  ): Record<string, unknown> => {
    const impl: Record<string, unknown> = {};
    for (const [key, method] of Object.entries(definition.methods)) {
      const handler = handlers[key];
      const record = (request: unknown, context: { metadata: { get(k: string): unknown } }): void => {
        const tokenId = service === 'control' ? context.metadata.get('x-modal-token-id') : undefined;
        calls.push({
          service,
          method: method.name,
          request: summarize(request),
          ...(typeof tokenId === 'string' ? { tokenId } : {}),
        });
      };
      if (!handler) {
        impl[key] = method.responseStream
          ? async function* () {
              yield* [];
              throw new ServerError(Status.UNIMPLEMENTED, `fake-modal: ${method.name} is not implemented`);
            }
          : async () => {
              throw new ServerError(Status.UNIMPLEMENTED, `fake-modal: ${method.name} is not implemented`);
            };
        continue;
      }
      const call = handler as (request: unknown, context: unknown) => unknown;
      if (method.responseStream) {
        impl[key] = async function* (request: unknown, context: { metadata: { get(k: string): unknown } }) {
          record(request, context);
          takeFault(method.name, 'before');
          yield* call(request, context) as AsyncIterable<unknown>;
        };
      } else if (method.requestStream) {
        impl[key] = async (
          requests: AsyncIterable<unknown>,
          context: { metadata: { get(k: string): unknown } },
        ) => {
          record({ stream: true }, context);
          takeFault(method.name, 'before');
          const response = await call(requests, context);
          takeFault(method.name, 'after');
          return response;
        };
      } else {
        impl[key] = async (request: unknown, context: { metadata: { get(k: string): unknown } }) => {
          record(request, context);
          takeFault(method.name, 'before');
          const response = await call(request, context);
          takeFault(method.name, 'after');
          return response;
        };
      }
    }
    return impl;
  };
  server.add(
    definitions.control as never,
    wrap('control', definitions.control, controlHandlers(state)) as never,
  );
  server.add(
    definitions.router as never,
    wrap('router', definitions.router, routerHandlers(state.sandboxes)) as never,
  );
  port = await server.listen('127.0.0.1:0');
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    env: {
      MODAL_SERVER_URL: url,
      MODAL_TOKEN_ID: TOKEN_ID,
      MODAL_TOKEN_SECRET: TOKEN_SECRET,
      MODAL_IMAGE_BUILDER_VERSION: '2024.10',
    },
    calls,
    methods: () => calls.map((c) => c.method),
    sandboxes: () => [...state.sandboxes.values()].filter((s) => s.running),
    allSandboxes: () => [...state.sandboxes.values()],
    images: state.images,
    faults: {
      inject(method, fault) {
        faults.set(method, {
          code: fault.code,
          times: fault.times ?? 1,
          when: fault.when ?? 'before',
          message: fault.message,
        });
      },
      clear: () => faults.clear(),
      expire(sandboxId) {
        state.sandboxes.get(sandboxId)?.finish(GenericStatus.TIMEOUT);
      },
    },
    async close() {
      for (const sandbox of state.sandboxes.values()) sandbox.finish(GenericStatus.TERMINATED);
      server.forceShutdown();
      if (!options.root) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** Byte fields become `<n bytes>` so recorded calls stay small. */
function summarize(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => summarize(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarize(v, depth + 1)]));
}
