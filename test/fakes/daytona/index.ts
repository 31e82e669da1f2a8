import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Duplex, PassThrough } from 'node:stream';
import {
  errorBody,
  type FakeCall,
  type FakeResponse,
  type FakeSandbox,
  type FaultRule,
  type Handler,
  json,
  readJson,
} from './state.js';
import {
  bulkDownload,
  bulkUpload,
  commandLogs,
  commandModel,
  executeSync,
  followLogs,
  killCommand,
  startCommand,
  type ToolboxEnv,
} from './toolbox.js';
import { acceptWebSocket } from './ws.js';

export type { FakeCall, FakeSandbox, FaultRule } from './state.js';

export interface FakeDaytonaOptions {
  /** The bearer key the fake accepts (default `fake-daytona-key`). */
  apiKey?: string;
  /** State a new sandbox reports first; `starting` becomes `started` after `startDelayMs`. */
  startState?: 'started' | 'starting';
  startDelayMs?: number;
  /**
   * The label list (`GET /api/sandbox`) shows a new sandbox only this long after create: the real
   * endpoint is documented "Advanced filtering and ordering. Eventually consistent."
   * (apps/api/src/sandbox/controllers/sandbox.controller.ts; research real-services.md #9). Default 0.
   */
  listDelayMs?: number;
  /** Length of a Daytona "minute" for auto-stop / auto-delete emulation (default 60 000 ms). */
  minuteMs?: number;
  /** Parent of the per-sandbox host directories (default the OS temp dir). */
  rootDir?: string;
  /** Extra environment for every command (PATH is inherited from the test process by default). */
  extraEnv?: Record<string, string>;
  /**
   * A create from an image (`buildInfo` in the body) first builds it, as the real API does: state
   * `pending_build`, then `building_snapshot`, each for this long, then `started` (default 300 ms).
   * @daytona/sdk 0.216.0 `Daytona.create` waits out `pending_build`, then follows
   * `GET /sandbox/{id}/build-logs-url` + `?follow=true` while the build runs.
   */
  buildPhaseMs?: number;
  /** Lines the image build log streams (sandbox-side text, so tests may put hostile lines here). */
  buildLog?: string[];
}

export interface FakeDaytona {
  /** The API URL to pass as `apiUrl` / DAYTONA_API_URL (`http://127.0.0.1:<port>/api`). */
  url: string;
  apiKey: string;
  /**
   * Points the `toolboxProxyUrl` the fake hands out at `origin` (a proxy in front of the fake), so toolbox
   * traffic (exec, logs, files) goes through it too, as it goes through Daytona's proxy in real life.
   */
  routeToolboxVia(origin: string): void;
  /** Every request, in order. */
  calls: FakeCall[];
  /** Sandboxes that exist (any state but destroyed). */
  sandboxes(): FakeSandbox[];
  faults: {
    add(rule: FaultRule): void;
    clear(): void;
    /** Stops a sandbox from outside (as the dashboard or auto-stop would): running commands die. */
    stopSandbox(id: string): void;
    /**
     * Pauses a sandbox from outside (a pausable class's auto-pause, or the dashboard): its state becomes
     * `paused` (`@daytona/api-client` `SandboxState.PAUSED`), its processes are frozen (SIGSTOP, not
     * killed) and the toolbox refuses requests as for a stopped sandbox.
     */
    pauseSandbox(id: string): void;
    /**
     * The next `times` (default 1) log WebSockets end `afterMs` after they open while the command keeps
     * running and printing. Models research real-services.md #2: the SDK's `stdDemuxStream`
     * (`@daytona/sdk` 0.216.0 `esm/utils/Stream.js`) resolves on ANY `close` event, and real sockets are
     * cut mid-command (daemon v0.204.0 closing `follow=true` early, a proxy's ~60 s idle cut).
     * `close`: a normal close frame (1000). `drop`: the TCP connection dies without one (client: 1006).
     */
    cutLogStreams(rule: { afterMs: number; kind: 'close' | 'drop'; times?: number }): void;
  };
  close(): Promise<void>;
}

/**
 * States in which Daytona answers DELETE with 409 StateChangeInProgressError and leaves the sandbox
 * alive: `destroy()` refuses while the sandbox is pending (state !== desiredState), i.e. creating,
 * pulling, building, starting, stopping (apps/api/src/sandbox/services/sandbox.service.ts `destroy`,
 * apps/api/src/exceptions/state-change-in-progress.exception.ts; research real-services.md #6).
 */
const PENDING_STATES = new Set([
  'creating',
  'pulling_snapshot',
  'building_snapshot',
  'starting',
  'stopping',
  'restoring',
]);

const DEAD_FOR_TOOLBOX = new Set([
  'stopped',
  'stopping',
  'destroyed',
  'destroying',
  'error',
  'archived',
  'pausing',
  'paused',
]);

export async function startFakeDaytona(options: FakeDaytonaOptions = {}): Promise<FakeDaytona> {
  const apiKey = options.apiKey ?? 'fake-daytona-key';
  const minuteMs = options.minuteMs ?? 60_000;
  const parent = mkdtempSync(join(options.rootDir ?? tmpdir(), 'fake-daytona-'));
  const sandboxes = new Map<string, FakeSandbox>();
  const calls: FakeCall[] = [];
  const faults: Array<FaultRule & { left: number }> = [];
  const logCuts: Array<{ afterMs: number; kind: 'close' | 'drop'; left: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let base = '';
  /** Origin written into `toolboxProxyUrl`: the fake itself, or a proxy in front of it. */
  let toolboxOrigin = '';

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const toolboxEnv: ToolboxEnv = {
    baseEnv: (sb) => ({
      PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: join(sb.root, 'home'),
      TMPDIR: join(sb.root, 'tmp'),
      LANG: 'C.UTF-8',
      ...options.extraEnv,
    }),
  };

  const dto = (sb: FakeSandbox): Record<string, unknown> => ({
    id: sb.id,
    organizationId: 'fake-org',
    name: sb.name,
    snapshot: sb.createBody['snapshot'],
    user: 'daytona',
    env: sb.env,
    labels: sb.labels,
    public: false,
    networkBlockAll: sb.createBody['networkBlockAll'] ?? false,
    networkAllowList: sb.createBody['networkAllowList'],
    domainAllowList: sb.createBody['domainAllowList'],
    target: sb.createBody['target'] ?? 'us',
    // The sandbox gets the resources the create asked for; without them, the default snapshot's
    // (daytona-small: 1 vCPU / 1 GiB / 3 GiB, per Daytona's snapshot docs).
    cpu: sb.createBody['cpu'] ?? 1,
    gpu: 0,
    memory: sb.createBody['memory'] ?? 1,
    disk: sb.createBody['disk'] ?? 3,
    state: sb.state,
    errorReason: sb.errorReason,
    autoStopInterval: sb.createBody['autoStopInterval'] ?? 15,
    autoDeleteInterval: sb.createBody['autoDeleteInterval'] ?? -1,
    createdAt: sb.createdAt,
    updatedAt: sb.updatedAt,
    toolboxProxyUrl: `${toolboxOrigin}/toolbox`,
  });

  const setState = (sb: FakeSandbox, state: string): void => {
    sb.state = state;
    sb.updatedAt = new Date().toISOString();
  };

  const killAll = (sb: FakeSandbox): void => {
    for (const session of sb.sessions.values()) {
      for (const cmd of session.commands.values()) {
        killCommand(cmd);
        for (const ws of cmd.sockets) ws.close(1000);
        cmd.sockets.clear();
      }
    }
    sb.sessions.clear();
  };

  const destroy = (sb: FakeSandbox): void => {
    killAll(sb);
    setState(sb, 'destroyed');
    sandboxes.delete(sb.id);
    rmSync(sb.root, { recursive: true, force: true });
  };

  const stop = (sb: FakeSandbox): void => {
    killAll(sb);
    setState(sb, 'stopped');
    const autoDelete = Number(sb.createBody['autoDeleteInterval'] ?? -1);
    if (autoDelete === 0) later(50, () => sandboxes.has(sb.id) && destroy(sb));
    else if (autoDelete > 0) later(autoDelete * minuteMs, () => sandboxes.has(sb.id) && destroy(sb));
  };

  // Auto-stop: no toolbox request for autoStopInterval minutes stops a started sandbox.
  const autoStop = setInterval(
    () => {
      for (const sb of sandboxes.values()) {
        const minutes = Number(sb.createBody['autoStopInterval'] ?? 15);
        if (sb.state === 'started' && minutes > 0 && Date.now() - sb.lastActivity > minutes * minuteMs)
          stop(sb);
      }
    },
    Math.max(10, Math.min(1_000, minuteMs / 10)),
  );
  autoStop.unref();

  const find = (idOrName: string): FakeSandbox | undefined =>
    sandboxes.get(idOrName) ?? [...sandboxes.values()].find((s) => s.name === idOrName);

  const control: Array<[string, RegExp, Handler]> = [
    [
      'POST',
      /^\/api\/sandbox$/,
      async (req) => {
        const body = await readJson(req);
        const name = typeof body['name'] === 'string' && body['name'] ? body['name'] : undefined;
        if (name && find(name)) return errorBody(409, `Sandbox with name ${name} already exists`);
        const id = randomUUID();
        const root = join(parent, id);
        mkdirSync(join(root, 'home'), { recursive: true });
        mkdirSync(join(root, 'tmp'), { recursive: true });
        const now = new Date().toISOString();
        const sb: FakeSandbox = {
          id,
          name: name ?? id,
          state: options.startState ?? 'started',
          labels: { ...((body['labels'] as Record<string, string>) ?? {}) },
          env: { ...((body['env'] as Record<string, string>) ?? {}) },
          createBody: body,
          root,
          createdAt: now,
          updatedAt: now,
          lastActivity: Date.now(),
          sessions: new Map(),
        };
        sandboxes.set(id, sb);
        if (body['buildInfo']) {
          const phase = options.buildPhaseMs ?? 300;
          sb.state = 'pending_build';
          later(phase, () => sandboxes.has(id) && setState(sb, 'building_snapshot'));
          later(2 * phase, () => {
            if (!sandboxes.has(id)) return;
            setState(sb, 'started');
            sb.lastActivity = Date.now();
          });
          return json(200, dto(sb));
        }
        if (sb.state !== 'started') {
          later(options.startDelayMs ?? 200, () => {
            if (sandboxes.has(id) && sb.state === 'starting') {
              setState(sb, 'started');
              sb.lastActivity = Date.now();
            }
          });
        }
        return json(200, dto(sb));
      },
    ],
    [
      'GET',
      /^\/api\/sandbox$/,
      async (_req, url) => {
        const wanted = JSON.parse(url.searchParams.get('labels') ?? '{}') as Record<string, string>;
        const visibleBefore = Date.now() - (options.listDelayMs ?? 0);
        const items = [...sandboxes.values()]
          .filter((sb) => Date.parse(sb.createdAt) <= visibleBefore)
          .filter((sb) => Object.entries(wanted).every(([k, v]) => sb.labels[k] === v))
          .map(dto);
        return json(200, { items, nextCursor: null });
      },
    ],
    [
      'GET',
      /^\/api\/sandbox\/([^/]+)\/build-logs-url$/,
      async (_req, _url, m) => json(200, { url: `${base}/api/sandbox/${m[1]}/build-logs` }),
    ],
    [
      'GET',
      /^\/api\/sandbox\/([^/]+)\/build-logs$/,
      async (_req, _url, m) => {
        const sb = find(decodeURIComponent(m[1]!));
        if (!sb) return errorBody(404, 'Sandbox not found');
        // The whole log at once, then the stream stays open until the build is over (as `follow` does).
        const stream = new PassThrough();
        stream.write(`${(options.buildLog ?? ['Step 1/1 : FROM image']).join('\n')}\n`);
        const poll = setInterval(() => {
          if (sb.state === 'building_snapshot' || sb.state === 'pending_build') return;
          clearInterval(poll);
          stream.end();
        }, 50);
        stream.on('close', () => clearInterval(poll));
        return { status: 200, headers: { 'content-type': 'text/plain' }, stream };
      },
    ],
    [
      'GET',
      /^\/api\/sandbox\/([^/]+)\/toolbox-proxy-url$/,
      async () => json(200, { url: `${toolboxOrigin}/toolbox` }),
    ],
    [
      'GET',
      /^\/api\/sandbox\/([^/]+)$/,
      async (_req, _url, m) => {
        const sb = find(decodeURIComponent(m[1]!));
        return sb ? json(200, dto(sb)) : errorBody(404, 'Sandbox not found');
      },
    ],
    [
      'POST',
      /^\/api\/sandbox\/([^/]+)\/stop$/,
      async (_req, _url, m) => {
        const sb = find(decodeURIComponent(m[1]!));
        if (!sb) return errorBody(404, 'Sandbox not found');
        stop(sb);
        return { status: 200 };
      },
    ],
    [
      'POST',
      /^\/api\/sandbox\/([^/]+)\/start$/,
      async (_req, _url, m) => {
        const sb = find(decodeURIComponent(m[1]!));
        if (!sb) return errorBody(404, 'Sandbox not found');
        setState(sb, 'started');
        sb.lastActivity = Date.now();
        return json(200, dto(sb));
      },
    ],
    [
      'DELETE',
      /^\/api\/sandbox\/([^/]+)$/,
      async (_req, _url, m) => {
        const sb = find(decodeURIComponent(m[1]!));
        if (!sb) return errorBody(404, 'Sandbox not found');
        if (PENDING_STATES.has(sb.state)) return errorBody(409, 'Sandbox state change in progress');
        const body = { ...dto(sb), state: 'destroying' };
        destroy(sb);
        return json(200, body);
      },
    ],
  ];

  /** Toolbox routes, relative to `/toolbox/<id>`. */
  const toolbox: Array<
    [
      string,
      RegExp,
      (sb: FakeSandbox, req: IncomingMessage, m: RegExpMatchArray, url: URL) => Promise<FakeResponse>,
    ]
  > = [
    ['POST', /^\/files\/bulk-upload$/, (sb, req) => bulkUpload(sb, req)],
    ['POST', /^\/files\/bulk-download$/, (sb, req) => bulkDownload(sb, req)],
    ['POST', /^\/process\/execute$/, (sb, req) => executeSync(sb, req, toolboxEnv)],
    [
      'POST',
      /^\/process\/session$/,
      async (sb, req) => {
        const body = await readJson(req);
        const id = String(body['sessionId'] ?? '');
        if (!id) return errorBody(400, 'sessionId is required');
        if (sb.sessions.has(id)) return errorBody(409, `session ${id} already exists`);
        sb.sessions.set(id, { id, commands: new Map() });
        return { status: 201 };
      },
    ],
    [
      'POST',
      /^\/process\/session\/([^/]+)\/exec$/,
      async (sb, req, m) => {
        const session = sb.sessions.get(decodeURIComponent(m[1]!));
        const body = await readJson(req);
        if (!session)
          return errorBody(404, 'session not found', { code: 'PROCESS_NOT_FOUND', source: 'DAYTONA_DAEMON' });
        const cmd = startCommand(sb, String(body['command'] ?? ''), toolboxEnv);
        session.commands.set(cmd.id, cmd);
        if (body['runAsync'] || body['async'])
          return json(202, { cmdId: cmd.id, output: null, exitCode: null });
        await cmd.done;
        const logs = commandLogs(cmd);
        return json(200, { cmdId: cmd.id, exitCode: cmd.exitCode, ...logs });
      },
    ],
    [
      'GET',
      /^\/process\/session\/([^/]+)\/command\/([^/]+)\/logs$/,
      async (sb, _req, m) => {
        const cmd = sb.sessions.get(decodeURIComponent(m[1]!))?.commands.get(decodeURIComponent(m[2]!));
        if (!cmd) return errorBody(404, 'command not found');
        return json(200, commandLogs(cmd));
      },
    ],
    [
      'GET',
      /^\/process\/session\/([^/]+)\/command\/([^/]+)$/,
      async (sb, _req, m) => {
        const cmd = sb.sessions.get(decodeURIComponent(m[1]!))?.commands.get(decodeURIComponent(m[2]!));
        if (!cmd)
          return errorBody(404, 'command not found', { code: 'PROCESS_NOT_FOUND', source: 'DAYTONA_DAEMON' });
        return json(200, commandModel(cmd));
      },
    ],
    [
      // `process.getSession` (toolbox-api-client `GET /process/session/{sessionId}`): the Session model,
      // `{ sessionId, commands: Command[] }` with `{ id, command, exitCode? }` per command.
      'GET',
      /^\/process\/session\/([^/]+)$/,
      async (sb, _req, m) => {
        const session = sb.sessions.get(decodeURIComponent(m[1]!));
        if (!session)
          return errorBody(404, 'session not found', { code: 'PROCESS_NOT_FOUND', source: 'DAYTONA_DAEMON' });
        return json(200, {
          sessionId: session.id,
          commands: [...session.commands.values()].map(commandModel),
        });
      },
    ],
    [
      'DELETE',
      /^\/process\/session\/([^/]+)$/,
      async (sb, _req, m) => {
        const session = sb.sessions.get(decodeURIComponent(m[1]!));
        if (!session) return errorBody(404, 'session not found');
        for (const cmd of session.commands.values()) {
          killCommand(cmd);
          for (const ws of cmd.sockets) ws.close(1000);
          cmd.sockets.clear();
        }
        sb.sessions.delete(session.id);
        return { status: 204 };
      },
    ],
  ];

  const authorized = (req: IncomingMessage): boolean => req.headers.authorization === `Bearer ${apiKey}`;

  const route = async (req: IncomingMessage, url: URL): Promise<FakeResponse> => {
    if (!authorized(req)) return errorBody(401, 'Unauthorized');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const tb = /^\/toolbox\/([^/]+)(\/.*)$/.exec(path);
    if (tb) {
      const sb = sandboxes.get(decodeURIComponent(tb[1]!));
      if (!sb) return errorBody(404, 'Sandbox not found');
      if (DEAD_FOR_TOOLBOX.has(sb.state)) return errorBody(400, 'Is the Sandbox started?');
      sb.lastActivity = Date.now();
      for (const [m, pattern, handler] of toolbox) {
        const match = m === method ? pattern.exec(tb[2]!) : null;
        if (match) return handler(sb, req, match, url);
      }
      return errorBody(404, `no fake toolbox route for ${method} ${tb[2]}`);
    }
    for (const [m, pattern, handler] of control) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) return handler(req, url, match);
    }
    return errorBody(404, `no fake route for ${method} ${path}`);
  };

  const takeFault = (method: string, path: string): FaultRule | undefined => {
    const index = faults.findIndex(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === method) &&
        (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
    );
    if (index === -1) return undefined;
    const fault = faults[index]!;
    fault.left -= 1;
    return fault;
  };

  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const call: FakeCall = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized: authorized(req),
      at: Date.now(),
    };
    calls.push(call);
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    if (isJson) {
      // Buffer the (small) JSON body once, record it, and replay it to the handler.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      try {
        call.body = JSON.parse(raw.toString('utf8') || 'null');
      } catch {
        call.body = raw.toString('utf8');
      }
      const replay = async function* (): AsyncGenerator<Buffer> {
        yield raw;
      };
      (req as unknown as { [Symbol.asyncIterator]: () => AsyncGenerator<Buffer> })[Symbol.asyncIterator] =
        replay;
    }
    const fault = takeFault(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop === 'before') {
      req.resume();
      req.socket.destroy();
      return;
    }
    let response: FakeResponse;
    if (fault?.status) {
      req.resume();
      response = {
        status: fault.status,
        headers: fault.headers,
        body: fault.body ?? { statusCode: fault.status, message: `injected ${fault.status}` },
      };
    } else {
      try {
        response = await route(req, url);
      } catch (error) {
        response = errorBody(500, `fake handler failed: ${String(error)}`);
      }
    }
    call.status = response.status;
    if (fault?.drop === 'after') {
      response.stream?.destroy();
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...response.headers };
    if (response.stream) {
      res.writeHead(response.status, headers);
      response.stream.pipe(res);
      return;
    }
    let payload: Buffer | undefined;
    if (response.body !== undefined) {
      if (Buffer.isBuffer(response.body)) payload = response.body;
      else if (typeof response.body === 'string') payload = Buffer.from(response.body);
      else {
        payload = Buffer.from(JSON.stringify(response.body));
        headers['Content-Type'] ??= 'application/json';
      }
    }
    res.writeHead(response.status, headers);
    res.end(payload);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    calls.push({
      method: 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized: authorized(req),
      websocket: true,
      at: Date.now(),
    });
    const m = /^\/toolbox\/([^/]+)\/process\/session\/([^/]+)\/command\/([^/]+)\/logs$/.exec(url.pathname);
    const sb = m ? sandboxes.get(decodeURIComponent(m[1]!)) : undefined;
    const cmd = sb?.sessions.get(decodeURIComponent(m![2]!))?.commands.get(decodeURIComponent(m![3]!));
    if (!authorized(req) || !sb || !cmd || DEAD_FOR_TOOLBOX.has(sb.state)) {
      const status = !authorized(req)
        ? '401 Unauthorized'
        : sb && DEAD_FOR_TOOLBOX.has(sb.state)
          ? '400 Bad Request'
          : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    sb.lastActivity = Date.now();
    const ws = acceptWebSocket(req, socket);
    if (!ws) {
      socket.destroy();
      return;
    }
    followLogs(cmd, ws);
    const cut = logCuts.find((rule) => rule.left > 0);
    if (cut) {
      cut.left--;
      later(cut.afterMs, () => {
        cmd.sockets.delete(ws);
        if (cut.kind === 'close') ws.close(1000);
        else ws.destroy();
      });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, message: String(error) }));
    });
  });
  server.on('upgrade', onUpgrade);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  toolboxOrigin = base;

  return {
    url: `${base}/api`,
    apiKey,
    routeToolboxVia: (origin) => {
      toolboxOrigin = origin;
    },
    calls,
    sandboxes: () => [...sandboxes.values()],
    faults: {
      add: (rule) => faults.push({ ...rule, left: rule.times ?? 1 }),
      clear: () => {
        faults.length = 0;
        logCuts.length = 0;
      },
      stopSandbox: (id) => {
        const sb = sandboxes.get(id);
        if (sb) stop(sb);
      },
      pauseSandbox: (id) => {
        const sb = sandboxes.get(id);
        if (!sb) return;
        for (const session of sb.sessions.values()) {
          for (const cmd of session.commands.values()) {
            if (cmd.child?.pid) {
              try {
                process.kill(-cmd.child.pid, 'SIGSTOP');
              } catch {
                // Already gone.
              }
            }
          }
        }
        setState(sb, 'paused');
      },
      cutLogStreams: (rule) =>
        logCuts.push({ afterMs: rule.afterMs, kind: rule.kind, left: rule.times ?? 1 }),
    },
    close: async () => {
      clearInterval(autoStop);
      for (const timer of timers) clearTimeout(timer);
      for (const sb of [...sandboxes.values()]) destroy(sb);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
