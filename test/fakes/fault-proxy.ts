import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A fault-injecting HTTP + WebSocket proxy on 127.0.0.1 (ephemeral port) in front of an upstream fake
 * (the Daytona fake, the GitHub fake). Requests pass through untouched unless a rule matches them by
 * method, path (without the query) and occurrence; the rule then decides what the client sees.
 *
 * It models what a load balancer or a flaky network does between the runner and the real service:
 * a 5xx/429 from the proxy itself, a connection reset mid-body, a body that ends early (a short body, or
 * a streamed multipart body without its closing boundary), no answer at all, a WebSocket left open but
 * silent, or one dropped without a close frame (1006).
 */
export type FaultAction =
  /** Answers itself; the upstream never sees the request. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Destroys the client connection before forwarding: the upstream never sees the request. */
  | { kind: 'reset-request' }
  /**
   * Forwards (so the upstream acts on it), then sends the status line, headers and the first `afterBytes`
   * bytes of the body (default 0) and resets the connection: a lost or cut response.
   */
  | { kind: 'reset-response'; afterBytes?: number }
  /**
   * Forwards, then ends the response cleanly but without its last `dropTailBytes` bytes (default: from the
   * last multipart boundary on, i.e. the closing `--boundary--`). The length header is dropped, so the
   * body is sent chunked and ends "normally": the client sees a complete, but truncated, response.
   */
  | { kind: 'end-early'; dropTailBytes?: number }
  /**
   * Forwards, then sends the headers (with the upstream's Content-Length) and all but `dropTailBytes`
   * bytes, and closes the socket: a short body.
   */
  | { kind: 'short-body'; dropTailBytes: number }
  /** Never answers (the upstream never sees the request); the connection stays open until the client gives up. */
  | { kind: 'hang' }
  /** WebSocket: the handshake and client frames pass, upstream frames (and its close) never reach the client. */
  | { kind: 'ws-stall' }
  /** WebSocket: the handshake passes, then the client's connection is destroyed after `afterMs` (default 0). */
  | { kind: 'ws-drop'; afterMs?: number };

export interface FaultRule {
  method?: string;
  /** Exact path without the query, or a pattern. */
  path: string | RegExp;
  /** Only requests whose body matches (e.g. the exec of one particular script). */
  body?: RegExp | ((body: string) => boolean);
  /** The first matching request (1-based) this rule fires on (default 1). */
  nth?: number;
  /** How many matching requests in a row it fires on, from `nth` (default 1; Infinity for all). */
  times?: number;
  action: FaultAction;
}

export interface ProxiedCall {
  method: string;
  path: string;
  websocket: boolean;
  /** The fault applied, if any. */
  fault?: FaultAction['kind'];
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`; append the upstream's base path (e.g. `/api`). */
  origin: string;
  calls: ProxiedCall[];
  add(rule: FaultRule): void;
  clear(): void;
  /** How many times each rule has fired, in the order they were added. */
  fired(): number[];
  close(): Promise<void>;
}

interface LiveRule extends FaultRule {
  seen: number;
  hits: number;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const upstreamPort = Number(target.port || 80);
  const upstreamHost = target.hostname;
  const rules: LiveRule[] = [];
  const calls: ProxiedCall[] = [];
  const sockets = new Set<Duplex>();

  const match = (method: string, path: string, websocket: boolean, body = ''): FaultAction | undefined => {
    for (const rule of rules) {
      if (rule.method && rule.method !== method) continue;
      if (typeof rule.path === 'string' ? rule.path !== path : !rule.path.test(path)) continue;
      if (rule.body && !bodyMatches(rule.body, body)) continue;
      const isWsRule = rule.action.kind === 'ws-stall' || rule.action.kind === 'ws-drop';
      if (isWsRule !== websocket) continue;
      rule.seen += 1;
      const first = rule.nth ?? 1;
      const last = first + (rule.times ?? 1) - 1;
      if (rule.seen >= first && rule.seen <= last) {
        rule.hits += 1;
        return rule.action;
      }
    }
    return undefined;
  };

  const forward = (req: IncomingMessage, body: Buffer, onResponse: (res: IncomingMessage) => void): void => {
    const out = request(
      {
        host: upstreamHost,
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      onResponse,
    );
    out.on('error', () => req.socket.destroy());
    out.end(body);
  };

  const readAll = async (res: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    // The request body is read first, so rules can match on it; it is then sent on as received.
    void readAll(req).then(
      (body) => dispatch(req, res, body),
      () => req.socket.destroy(),
    );
  };

  const dispatch = (req: IncomingMessage, res: ServerResponse, requestBody: Buffer): void => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const action = match(method, path, false, requestBody.toString('latin1'));
    calls.push({ method, path, websocket: false, fault: action?.kind });
    if (!action) {
      forward(req, requestBody, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      });
      return;
    }
    switch (action.kind) {
      case 'status': {
        const body =
          action.body === undefined
            ? JSON.stringify({ statusCode: action.status, message: `proxy fault ${action.status}` })
            : typeof action.body === 'string'
              ? action.body
              : JSON.stringify(action.body);
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(body);
        return;
      }
      case 'reset-request':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'reset-response':
        forward(req, requestBody, (upstreamRes) => {
          void readAll(upstreamRes).then((body) => {
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            const head = body.subarray(0, action.afterBytes ?? 0);
            if (head.length > 0) res.write(head);
            // Flush what was written, then cut the TCP connection without ending the response.
            setTimeout(() => req.socket.destroy(), 20);
          });
        });
        return;
      case 'end-early':
        forward(req, requestBody, (upstreamRes) => {
          void readAll(upstreamRes).then((body) => {
            const headers = { ...upstreamRes.headers };
            delete headers['content-length'];
            const cut =
              action.dropTailBytes !== undefined
                ? Math.max(0, body.length - action.dropTailBytes)
                : closingBoundaryAt(body);
            res.writeHead(upstreamRes.statusCode ?? 502, headers);
            res.end(body.subarray(0, cut));
          });
        });
        return;
      case 'short-body':
        forward(req, requestBody, (upstreamRes) => {
          void readAll(upstreamRes).then((body) => {
            const headers = { ...upstreamRes.headers, 'content-length': String(body.length) };
            delete headers['transfer-encoding'];
            res.writeHead(upstreamRes.statusCode ?? 502, headers);
            res.write(body.subarray(0, Math.max(0, body.length - action.dropTailBytes)));
            setTimeout(() => req.socket.destroy(), 20);
          });
        });
        return;
      default:
        res.writeHead(500).end('ws rule on plain request');
    }
  };

  const onUpgrade = (req: IncomingMessage, client: Duplex, head: Buffer): void => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const action = match(method, path, true);
    calls.push({ method, path, websocket: true, fault: action?.kind });
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const up: Socket = connect(upstreamPort, upstreamHost);
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    // Replay the handshake request as received.
    const lines = [`${method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    up.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) up.write(head);
    client.pipe(up);
    client.on('close', () => up.destroy());
    if (action?.kind === 'ws-stall') {
      // Pass the 101 response through, then swallow everything after it (frames and the close).
      let handshake = Buffer.alloc(0);
      let open = false;
      up.on('data', (chunk: Buffer) => {
        if (open) return;
        handshake = Buffer.concat([handshake, chunk]);
        const end = handshake.indexOf('\r\n\r\n');
        if (end < 0) return;
        open = true;
        client.write(handshake.subarray(0, end + 4));
      });
      return;
    }
    up.pipe(client);
    up.on('close', () => client.end());
    if (action?.kind === 'ws-drop') {
      setTimeout(() => client.destroy(), action.afterMs ?? 0).unref();
    }
  };

  const server = createServer(onRequest);
  server.on('upgrade', onUpgrade);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy: no port');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    calls,
    add: (rule) => rules.push({ ...rule, seen: 0, hits: 0 }),
    clear: () => {
      rules.length = 0;
    },
    fired: () => rules.map((rule) => rule.hits),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where the closing `--boundary--` of a multipart body starts (the whole body when there is none). */
function closingBoundaryAt(body: Buffer): number {
  const text = body.toString('latin1');
  const match = /\r?\n--[^\r\n]+--\s*$/.exec(text);
  return match ? match.index : body.length;
}

function bodyMatches(test: RegExp | ((body: string) => boolean), body: string): boolean {
  try {
    return typeof test === 'function' ? test(body) : test.test(body);
  } catch {
    return false;
  }
}
