import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../fakes/fault-proxy.js';

/** The proxy itself: requests pass untouched, and each rule does exactly what it says, once. */
const BODY = '--b\r\ncontent-disposition: form-data; name="file"\r\n\r\nhello\r\n--b--\r\n';
let upstream: Server;
let proxy: FaultProxy;
let upstreamHits = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    upstreamHits += 1;
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'multipart/form-data; boundary=b', 'x-echo': body });
      res.end(BODY);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as { port: number };
  proxy = await startFaultProxy(`http://127.0.0.1:${port}`);
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

interface Reply {
  status?: number;
  headers?: Record<string, unknown>;
  body: string;
  error?: string;
}

/** One POST through the proxy; a connection error is reported, not thrown. */
function post(path: string, body = '', timeoutMs = 2_000): Promise<Reply> {
  return new Promise((resolve) => {
    let received = '';
    const req = request(`${proxy.origin}${path}`, { method: 'POST', timeout: timeoutMs }, (res) => {
      res.on('data', (c: Buffer) => {
        received += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: received }));
      res.on('error', (e) => resolve({ status: res.statusCode, body: received, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ body: received, error: e.message }));
    req.end(body);
  });
}

describe('fault proxy', () => {
  it('forwards untouched requests, body included', async () => {
    const reply = await post('/plain', 'ping');
    expect(reply).toMatchObject({ status: 200, body: BODY });
    expect(reply.headers?.['x-echo']).toBe('ping');
  });

  it('fires a rule on the nth matching request only, and matches on the body', async () => {
    proxy.clear();
    proxy.add({
      method: 'POST',
      path: /^\/n$/,
      body: /target/,
      nth: 2,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    });
    expect((await post('/n', 'target')).status).toBe(200);
    expect((await post('/n', 'other')).status).toBe(200);
    const hit = await post('/n', 'target');
    expect(hit.status).toBe(429);
    expect(hit.headers?.['retry-after']).toBe('1');
    expect((await post('/n', 'target')).status).toBe(200);
    expect(proxy.fired()).toEqual([1]);
  });

  it('resets before forwarding, and after forwarding (the upstream acted, the answer is lost)', async () => {
    proxy.clear();
    proxy.add({ path: '/r', action: { kind: 'reset-request' } });
    const before = upstreamHits;
    expect((await post('/r')).error).toBeDefined();
    expect(upstreamHits).toBe(before);
    proxy.add({ path: '/lost', action: { kind: 'reset-response', afterBytes: 5 } });
    const lost = await post('/lost');
    expect(lost.error).toBeDefined();
    expect(upstreamHits).toBe(before + 1);
  });

  it('ends a multipart body cleanly but without its closing boundary, or short of its length', async () => {
    proxy.clear();
    proxy.add({ path: '/early', action: { kind: 'end-early' } });
    const early = await post('/early');
    expect(early.error).toBeUndefined();
    expect(early.body).toBe(BODY.slice(0, BODY.indexOf('\r\n--b--')));
    proxy.add({ path: '/short', action: { kind: 'short-body', dropTailBytes: 4 } });
    const short = await post('/short');
    expect(short.error).toBeDefined();
    expect(short.body).toBe(BODY.slice(0, -4));
  });

  it('hangs: the client gets nothing until it gives up', async () => {
    proxy.clear();
    proxy.add({ path: '/hang', action: { kind: 'hang' } });
    const started = Date.now();
    const reply = await post('/hang', '', 300);
    expect(reply.error).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
