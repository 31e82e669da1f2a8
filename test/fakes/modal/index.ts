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
  /**
   * Token ids Modal no longer accepts (deleted or revoked tokens). Every control-plane call carrying one
   * of them, or a token pair not shaped like Modal's (`ak-…` id, `as-…` secret), is answered with gRPC
   * UNAUTHENTICATED, as Modal's server answers a wrong token; modal@0.11.1 treats exactly that code (and
   * PERMISSION_DENIED) as "auth denied" on `AuthTokenGet` (`AuthTokenManager.isAuthDenied`) and does not
   * retry it. The message text is the fake's own.
   */
  revokedTokenIds?: string[];
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

/**
 * A programmed failure of one RPC. How the real SDK (modal@0.11.1 `dist/index.js`) reacts decides what a
 * fault tests:
 * - Router unary calls (`TaskExecStart`, `TaskExecPoll`, stdin status) go through
 *   `callWithRetriesOnTransientErrors` with `RETRYABLE_GRPC_STATUS_CODES` = DEADLINE_EXCEEDED,
 *   UNAVAILABLE, CANCELLED, INTERNAL, UNKNOWN: up to 10 retries, 10 ms doubling, no per-call deadline
 *   (so a `hang` there hangs the SDK call forever). RESOURCE_EXHAUSTED is surfaced at once. `TaskExecStart`
 *   is re-sent with the same `execId`, its idempotency key.
 * - `TaskExecWait` is retried forever (1 s fixed delay, 60 s per call) until the exec's own deadline.
 * - `TaskExecStdioRead` (`streamStdioWithRetries`) resumes from its byte offset on the same codes, up to
 *   10 times; a stream that *ends* is taken as EOF, so `end` silently truncates what the caller reads.
 * - Control-plane calls retry UNAVAILABLE, INTERNAL, UNKNOWN, CANCELLED, DEADLINE_EXCEEDED
 *   (`retryableGrpcStatusCodes`), not RESOURCE_EXHAUSTED.
 */
export interface Fault {
  /** The status to fail with (`status`, `drop`). Default UNAVAILABLE. */
  code?: Status;
  /** How many calls fail (default 1; Infinity for all). */
  times?: number;
  /** Let this many matching calls through first: `skip: 2` faults the 3rd call. */
  skip?: number;
  /** Only calls whose decoded request passes this count (e.g. stdout reads: `r => r.fileDescriptor === 0`). */
  match?: (request: Record<string, unknown>) => boolean;
  /** `before` (default): fail without acting. `after`: act, then fail, as if the reply were lost (unary). */
  when?: 'before' | 'after';
  /**
   * - `status` (default): answer with `code`.
   * - `hang`: never answer (until the client cancels).
   * - `drop` (server streams): send `afterBytes` bytes of `data`, then fail with `code` (a reset mid-way).
   * - `end` (server streams): send `afterBytes` bytes, then end the stream cleanly (a short read).
   * - `stall` (server streams): send everything there is, then stay open and silent instead of ending.
   */
  kind?: 'status' | 'hang' | 'drop' | 'end' | 'stall';
  afterBytes?: number;
  message?: string;
}

type ArmedFault = Required<Pick<Fault, 'code' | 'times' | 'skip' | 'when' | 'kind' | 'afterBytes'>> &
  Pick<Fault, 'match' | 'message'>;

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
    /** Fail upcoming calls of `method` (the gRPC name) as `fault` says. One fault per method at a time. */
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
  const revoked = new Set(options.revokedTokenIds ?? []);
  const authenticate = (metadata: { get(k: string): unknown }): void => {
    const id = metadata.get('x-modal-token-id');
    const secret = metadata.get('x-modal-token-secret');
    const wellFormed =
      typeof id === 'string' &&
      id.startsWith('ak-') &&
      typeof secret === 'string' &&
      secret.startsWith('as-');
    if (!wellFormed || revoked.has(id)) {
      throw new ServerError(Status.UNAUTHENTICATED, 'Invalid token id or secret');
    }
  };
  const faults = new Map<string, ArmedFault>();

  /** The fault this call triggers, if any (counting `skip` and `times` on matching calls only). */
  const armedFor = (method: string, request: unknown): ArmedFault | undefined => {
    const fault = faults.get(method);
    if (!fault || fault.times <= 0) return undefined;
    if (fault.match && !fault.match((request ?? {}) as Record<string, unknown>)) return undefined;
    if (fault.skip > 0) {
      fault.skip -= 1;
      return undefined;
    }
    fault.times -= 1;
    if (fault.times <= 0) faults.delete(method);
    return fault;
  };
  const failWith = (method: string, fault: ArmedFault): ServerError =>
    new ServerError(fault.code, fault.message ?? `fake-modal: injected ${Status[fault.code]} for ${method}`);
  /** Never answers; returns (and the handler ends) only when the client cancels the call. */
  const hang = (signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });

  /** Unary and client-streaming calls: `status` and `hang`, before or after acting. */
  const unaryFault = async (
    fault: ArmedFault | undefined,
    method: string,
    when: 'before' | 'after',
    signal: AbortSignal,
  ): Promise<void> => {
    if (!fault || fault.when !== when) return;
    if (fault.kind === 'hang') {
      await hang(signal);
      throw new ServerError(Status.CANCELLED, 'fake-modal: the client gave up on a hung call');
    }
    throw failWith(method, fault);
  };

  /** Server streams: the fault shapes what the client receives from the real handler's stream. */
  async function* streamFault(
    fault: ArmedFault,
    method: string,
    source: AsyncIterable<unknown>,
    signal: AbortSignal,
  ): AsyncGenerator<unknown> {
    if (fault.kind === 'status') throw failWith(method, fault);
    if (fault.kind === 'hang') {
      await hang(signal);
      return;
    }
    let sent = 0;
    for await (const item of source) {
      const data = (item as { data?: Uint8Array }).data;
      if (fault.kind !== 'stall' && data instanceof Uint8Array) {
        const room = fault.afterBytes - sent;
        if (room < data.length) {
          if (room > 0) yield { ...(item as object), data: data.subarray(0, room) };
          if (fault.kind === 'drop') throw failWith(method, fault);
          return; // `end`: a clean end of stream, short of the real EOF
        }
        sent += data.length;
      }
      yield item;
    }
    if (fault.kind === 'drop') throw failWith(method, fault);
    if (fault.kind === 'stall') await hang(signal);
  }

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
      const inner = handler as (request: unknown, context: unknown) => unknown;
      const call = (request: unknown, context: unknown): unknown => {
        if (service === 'control')
          authenticate((context as { metadata: { get(k: string): unknown } }).metadata);
        return inner(request, context);
      };
      if (method.responseStream) {
        impl[key] = async function* (
          request: unknown,
          context: { metadata: { get(k: string): unknown }; signal: AbortSignal },
        ) {
          record(request, context);
          const fault = armedFor(method.name, request);
          const source = call(request, context) as AsyncIterable<unknown>;
          if (fault) yield* streamFault(fault, method.name, source, context.signal);
          else yield* source;
        };
      } else if (method.requestStream) {
        impl[key] = async (
          requests: AsyncIterable<unknown>,
          context: { metadata: { get(k: string): unknown }; signal: AbortSignal },
        ) => {
          record({ stream: true }, context);
          const fault = armedFor(method.name, { stream: true });
          await unaryFault(fault, method.name, 'before', context.signal);
          const response = await call(requests, context);
          await unaryFault(fault, method.name, 'after', context.signal);
          return response;
        };
      } else {
        impl[key] = async (
          request: unknown,
          context: { metadata: { get(k: string): unknown }; signal: AbortSignal },
        ) => {
          record(request, context);
          const fault = armedFor(method.name, request);
          await unaryFault(fault, method.name, 'before', context.signal);
          const response = await call(request, context);
          await unaryFault(fault, method.name, 'after', context.signal);
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
          code: fault.code ?? Status.UNAVAILABLE,
          times: fault.times ?? 1,
          skip: fault.skip ?? 0,
          when: fault.when ?? 'before',
          kind: fault.kind ?? 'status',
          afterBytes: fault.afterBytes ?? 0,
          match: fault.match,
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
