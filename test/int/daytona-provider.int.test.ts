import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDaytonaProvider, type DaytonaProviderTuning } from '../../src/sandbox/daytona/index.js';
import type { DaytonaProvider } from '../../src/sandbox/daytona/provider.js';
import type { SandboxProvider, SandboxSpec } from '../../src/sandbox/types.js';
import { ActionError } from '../../src/shared/errors.js';
import { consoleLogger, type Logger } from '../../src/shared/log.js';
import { type FakeDaytona, type FakeDaytonaOptions, startFakeDaytona } from '../fakes/daytona/index.js';
import { expectBoundedDownloads } from '../helpers/bounded-download.js';

const FAST: Partial<DaytonaProviderTuning> = {
  retry: { attempts: 4, baseMs: 20, capMs: 200, totalMs: 20_000 },
  tuning: { pollIntervalMs: 100, drainMs: 500 },
  unreachableMs: 2_000,
  probeTimeoutMs: 2_000,
  idWatchMs: 100,
};

let fake: FakeDaytona | undefined;
let dir: string;
let logLines: string[];
let logger: Logger;

async function start(options: FakeDaytonaOptions = {}): Promise<FakeDaytona> {
  fake = await startFakeDaytona(options);
  return fake;
}

function provider(f: FakeDaytona, tuning: Partial<DaytonaProviderTuning> = {}, extra = {}): SandboxProvider {
  return createDaytonaProvider(
    { apiKey: f.apiKey, apiUrl: f.url, target: '', snapshot: '', image: '', ...extra },
    logger,
    { ...FAST, ...tuning },
  );
}

function spec(overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  const runId = randomBytes(4).toString('hex');
  return {
    identity: { repository: 'octo/repo', runId, runAttempt: '1', job: 'agent', nonce: 'c0ffee01' },
    name: `sandbox-agent-octo-repo-${runId}-1-agent`,
    labels: { 'sandbox-agent': '1', repo: 'octo/repo', 'run-id': runId, attempt: '1', job: 'agent' },
    ttlMs: 35 * 60_000,
    env: { AGENT_TOKEN: 'sk-test-123' },
    network: { mode: 'open' },
    workdir: join(dir, 'workspace'),
    createTimeoutMs: 30_000,
    ...overrides,
  };
}

const creates = (f: FakeDaytona) => f.calls.filter((c) => c.method === 'POST' && c.path === '/api/sandbox');
const deletesOf = (f: FakeDaytona, id: string) =>
  f.calls.filter((c) => c.method === 'DELETE' && c.path === `/api/sandbox/${id}`).map((c) => c.status);

/** A sandbox made straight through the fake's API (as a create whose reply the action never saw). */
async function createRaw(f: FakeDaytona, name: string): Promise<string> {
  const response = await fetch(`${f.url}/sandbox`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, labels: { 'sandbox-agent': '1' } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daytona-int-'));
  logLines = [];
  logger = consoleLogger(
    (s) => s,
    (line) => logLines.push(line),
  );
});

afterEach(async () => {
  try {
    // Every test must leave the fake empty: nothing may leak.
    if (fake) expect(fake.sandboxes().map((s) => `${s.id} ${s.state}`)).toEqual([]);
    // The provider never logs the key.
    expect(logLines.join('\n')).not.toContain(fake?.apiKey ?? '\0');
  } finally {
    await fake?.close();
    fake = undefined;
    await rm(dir, { recursive: true, force: true });
  }
});

describe('Daytona provider against the loopback fake (real SDK)', () => {
  it('stops a download at maxBytes counted on the bytes received (a sandbox that sends more), no partial file', async () => {
    const f = await start();
    const sandbox = await provider(f).create(spec(), () => undefined);
    try {
      const localDir = join(dir, 'bounded');
      await mkdir(localDir);
      await expectBoundedDownloads(sandbox, `${sandbox.paths.scratch}/out`, localDir);
      // Not retried: one streamed request per download.
      const downloads = f.calls.filter((c) => c.path.endsWith('/files/bulk-download'));
      expect(downloads).toHaveLength(3);
    } finally {
      await sandbox.delete();
    }
  });

  it('creates, uploads, execs with streamed output, downloads and deletes', async () => {
    const f = await start();
    const p = provider(f);
    const ids: string[] = [];
    const s = spec();
    const sandbox = await p.create(s, (id) => ids.push(id));
    expect(ids).toEqual([sandbox.id]);
    expect(sandbox.paths.workdir).toBe(s.workdir);
    expect(sandbox.paths.scratch).toMatch(/\/sandbox-agent$/);

    const body = creates(f)[0]!.body as Record<string, unknown>;
    expect(body['name']).toBe(s.name);
    expect(body['labels']).toMatchObject(s.labels);
    // The agent keys never go on the sandbox record (org members can read it); each exec carries them.
    expect(body['env'] ?? {}).toEqual({});
    expect(body['autoStopInterval']).toBeGreaterThanOrEqual(Math.ceil(s.ttlMs / 60_000));
    expect(body['ttlMinutes']).toBe(35);
    expect(body['autoDeleteInterval']).toBe(0);
    expect(body).not.toHaveProperty('snapshot');
    expect(body).not.toHaveProperty('buildInfo');
    expect(body).not.toHaveProperty('target');
    expect(body).not.toHaveProperty('networkBlockAll');

    // Values with quotes, $(), backticks and newlines arrive verbatim and are never interpreted.
    const tricky = `it's "quoted" $(touch ${join(dir, 'pwned')}) \`id\` $HOME\nline2\n`;
    const chunks: Array<{ text: string; at: number }> = [];
    const started = Date.now();
    const result = await sandbox.exec(
      'printf "%s" "$TRICKY"; echo; echo first; sleep 1.5; echo second; echo oops >&2; exit 7',
      {
        env: { TRICKY: tricky },
        timeoutMs: 20_000,
        onStdout: (c) => chunks.push({ text: c.toString(), at: Date.now() }),
      },
    );
    const finished = Date.now();
    expect(result.exitCode).toBe(7);
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toBe(`${tricky}\nfirst\nsecond\n`);
    expect(result.stderr).toBe('oops\n');
    const first = chunks.find((c) => c.text.includes('first'));
    expect(first, 'the first line must stream before the command exits').toBeDefined();
    expect(finished - first!.at).toBeGreaterThan(1_000);
    expect(first!.at - started).toBeLessThan(1_000);
    await expect(readFile(join(dir, 'pwned'))).rejects.toThrow();

    // The sandbox env reaches commands; cwd defaults to the work dir.
    await mkdir(s.workdir, { recursive: true });
    const env = await sandbox.exec('printf "%s|%s" "$AGENT_TOKEN" "$(pwd)"', { timeoutMs: 10_000 });
    expect(env.stdout.trim()).toBe(`sk-test-123|${s.workdir}`);

    // Upload creates parent dirs; download streams back.
    const local = join(dir, 'in.txt');
    await writeFile(local, 'payload\n');
    const remote = `${sandbox.paths.scratch}/deep/er/in.txt`;
    await sandbox.upload(local, remote);
    const cat = await sandbox.exec('cat "$F"', { env: { F: remote }, timeoutMs: 10_000 });
    expect(cat.stdout).toBe('payload\n');
    await sandbox.download(remote, join(dir, 'out', 'back.txt'));
    expect(await readFile(join(dir, 'out', 'back.txt'), 'utf8')).toBe('payload\n');
    await expect(sandbox.download(`${sandbox.paths.scratch}/missing`, join(dir, 'x'))).rejects.toMatchObject({
      reason: 'sandbox-error',
    });

    // Sessions are cleaned up after every command.
    expect(f.sandboxes()[0]!.sessions.size).toBe(0);

    const listed = await p.list({ 'run-id': s.identity.runId });
    expect(listed.map((l) => l.id)).toEqual([sandbox.id]);
    expect(listed[0]!.createdAt).toBeInstanceOf(Date);
    expect(listed[0]!.labels).toMatchObject(s.labels);

    await sandbox.delete();
    expect(await p.list({ 'run-id': s.identity.runId })).toEqual([]);
    await sandbox.delete(); // idempotent
    await expect(sandbox.exec('true', { timeoutMs: 1_000 })).rejects.toBeInstanceOf(ActionError);
  });

  it('sends snapshot, image and network settings as the SDK expects', async () => {
    const f = await start();
    const a = await provider(f, {}, { snapshot: 'my-snap' }).create(
      spec({ network: { mode: 'none' } }),
      () => {},
    );
    const b = await provider(f, {}, { image: 'debian:12', target: 'eu' }).create(
      spec({
        network: { mode: 'allow', entries: ['10.0.0.0/8', '192.168.1.1', 'api.example.com', '*.npmjs.org'] },
      }),
      () => {},
    );
    const [ca, cb] = creates(f).map((c) => c.body as Record<string, unknown>);
    expect(ca).toMatchObject({ snapshot: 'my-snap', networkBlockAll: true });
    expect(cb).toMatchObject({
      buildInfo: { dockerfileContent: 'FROM debian:12\n' },
      target: 'eu',
      networkAllowList: '10.0.0.0/8,192.168.1.1/32',
      domainAllowList: 'api.example.com,*.npmjs.org',
    });
    await a.delete();
    await b.delete();
    await expect(
      provider(f).create(spec({ network: { mode: 'allow', entries: ['not a host!'] } }), () => {}),
    ).rejects.toMatchObject({ reason: 'invalid-input' });
  });

  it('enforces the per-command timeout (exit 124, timedOut) and kills the command', async () => {
    const f = await start();
    const sandbox = await provider(f).create(spec(), () => {});
    const marker = join(dir, 'still-running');
    const started = Date.now();
    const result = await sandbox.exec('sleep 1.5 && touch "$M"; sleep 30', {
      env: { M: marker },
      timeoutMs: 1_000,
    });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true });
    expect(Date.now() - started).toBeLessThan(6_000);
    await new Promise((r) => setTimeout(r, 1_000));
    await expect(readFile(marker)).rejects.toThrow();
    await sandbox.delete();
  });

  it('streams a bundle over 200 MB up and down with modest memory', async () => {
    const f = await start();
    const sandbox = await provider(f).create(spec(), () => {});
    const local = join(dir, 'big.bundle');
    const size = 210 * 1024 * 1024;
    const out = createWriteStream(local);
    for (let written = 0; written < size; written += 1024 * 1024) {
      if (!out.write(randomBytes(1024 * 1024))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0 = Date.now();
    const remote = `${sandbox.paths.scratch}/bundle/repo.bundle`;
    await sandbox.upload(local, remote);
    const uploadMs = Date.now() - t0;
    const t1 = Date.now();
    await sandbox.download(remote, join(dir, 'back.bundle'));
    const downloadMs = Date.now() - t1;
    clearInterval(sampler);
    const growthMb = Math.round((peak - baseline) / 1024 / 1024);
    console.log(
      `[measure] 210 MiB upload ${uploadMs} ms, download ${downloadMs} ms, ` +
        `RSS growth ${growthMb} MiB (peak ${Math.round(peak / 1024 / 1024)} MiB, fake in-process)`,
    );
    expect(await sha256(join(dir, 'back.bundle'))).toBe(await sha256(local));
    // Client and fake share this process; buffering the file even once would add 210 MiB.
    expect(growthMb).toBeLessThan(150);
    await sandbox.delete();
  });

  it('retries a 429 create after the Retry-After-sandbox-create wait', async () => {
    const f = await start();
    f.faults.add({
      method: 'POST',
      path: '/api/sandbox',
      status: 429,
      headers: { 'Retry-After-sandbox-create': '1' },
    });
    const started = Date.now();
    const sandbox = await provider(f).create(spec(), () => {});
    const posts = creates(f);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // The retry looked for an existing sandbox first.
    const lookups = f.calls.filter((c) => c.method === 'GET' && c.path === '/api/sandbox');
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(f.sandboxes()).toHaveLength(1);
    await sandbox.delete();
  });

  it('retries a 502 create and gets one sandbox', async () => {
    const f = await start();
    f.faults.add({ method: 'POST', path: '/api/sandbox', status: 502 });
    const sandbox = await provider(f).create(spec(), () => {});
    expect(creates(f)).toHaveLength(2);
    expect(f.sandboxes()).toHaveLength(1);
    await sandbox.delete();
  });

  it('adopts the sandbox when the create response is lost', async () => {
    const f = await start();
    f.faults.add({ method: 'POST', path: '/api/sandbox', drop: 'after' });
    const ids: string[] = [];
    const sandbox = await provider(f).create(spec(), (id) => ids.push(id));
    expect(creates(f)).toHaveLength(1);
    expect(f.sandboxes()).toHaveLength(1);
    expect(sandbox.id).toBe(f.sandboxes()[0]!.id);
    expect(ids).toEqual([sandbox.id]);
    expect(logLines.join('\n')).toContain('Adopting');
    await sandbox.delete();
  });

  it('reports the id before a slow sandbox is ready', async () => {
    const f = await start({ startState: 'starting', startDelayMs: 1_500 });
    let notifiedAt = 0;
    const started = Date.now();
    const sandbox = await provider(f).create(spec(), () => {
      notifiedAt = Date.now();
    });
    const readyAt = Date.now();
    expect(notifiedAt).toBeGreaterThan(0);
    expect(notifiedAt - started).toBeLessThan(1_000);
    expect(readyAt - started).toBeGreaterThanOrEqual(1_400);
    await sandbox.delete();
  });

  it('fails a running exec fast when the sandbox stops mid-run', async () => {
    const f = await start();
    const sandbox = await provider(f).create(spec(), () => {});
    setTimeout(() => f.faults.stopSandbox(sandbox.id), 500);
    const started = Date.now();
    const error = await sandbox.exec('sleep 60', { timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('sandbox-error');
    expect((error as ActionError).message).toMatch(/stopped|no longer exists/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sandbox.delete(); // stopped + ephemeral → already gone or going: still success
  });

  it('fails fast when the sandbox vanishes while the log stream stays open', async () => {
    const f = await start();
    const sandbox = await provider(f).create(spec(), () => {});
    // The control plane says 404 from now on, but the toolbox keeps the stream open.
    f.faults.add({ method: 'GET', path: `/api/sandbox/${sandbox.id}`, status: 404, times: Infinity });
    f.faults.add({ method: 'GET', path: /\/command\/[^/]+$/, status: 502, times: Infinity });
    const started = Date.now();
    await expect(sandbox.exec('sleep 60', { timeoutMs: 120_000 })).rejects.toMatchObject({
      reason: 'sandbox-error',
      message: expect.stringContaining('no longer exists'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    f.faults.clear();
    await sandbox.delete();
  });

  it('treats delete 404 as success, and retries a 409 until the sandbox is really gone', async () => {
    const f = await start();
    const p = provider(f);
    const a = await p.create(spec(), () => {});
    f.faults.add({ method: 'DELETE', path: `/api/sandbox/${a.id}`, status: 404 });
    await a.delete();
    expect(f.sandboxes()).toHaveLength(1); // the 404 was injected: it still exists
    // Two refusals while the state stays `started`: neither counts as deleted.
    f.faults.add({
      method: 'DELETE',
      path: `/api/sandbox/${a.id}`,
      status: 409,
      body: { statusCode: 409, message: 'Sandbox state change in progress' },
      times: 2,
    });
    await p.deleteById(a.id);
    expect(f.sandboxes()).toEqual([]);
    expect(deletesOf(f, a.id)).toEqual([404, 409, 409, 200]);
    await p.deleteById(a.id); // gone: 404 from the lookup is success too
  });

  it('a delete while the sandbox is starting (409) is retried until it is really gone', async () => {
    const f = await start({ startState: 'starting', startDelayMs: 1_500 });
    const id = await createRaw(f, spec().name);
    expect(f.sandboxes()[0]!.state).toBe('starting');
    const started = Date.now();
    await provider(f).deleteById(id);
    // Deleted only once it had started: before, a 409 was logged as success and the sandbox lived on.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
    expect(f.sandboxes()).toEqual([]);
    const statuses = deletesOf(f, id);
    expect(statuses[0]).toBe(409);
    expect(statuses.at(-1)).toBe(200);
    expect(logLines.join('\n')).toMatch(/refused to delete sandbox \S+ while it is starting \(HTTP 409\)/);
  });

  it('a create that times out while the sandbox is starting leaves nothing behind', async () => {
    const f = await start({ startState: 'starting', startDelayMs: 2_500 });
    const ids: string[] = [];
    await expect(
      provider(f).create(spec({ createTimeoutMs: 1_000 }), (id) => ids.push(id)),
    ).rejects.toMatchObject({
      reason: 'sandbox-error',
    });
    expect(ids).toHaveLength(1);
    // afterEach also asserts that the fake is empty.
    expect(f.sandboxes()).toEqual([]);
    expect(deletesOf(f, ids[0]!)).toContain(409);
  });

  it('gives up at the delete deadline with an error naming the state, and the sandbox is still there', async () => {
    const f = await start({ startState: 'starting', startDelayMs: 3_000 });
    const id = await createRaw(f, spec().name);
    const started = Date.now();
    await expect(provider(f, { deleteBudgetMs: 400 }).deleteById(id)).rejects.toMatchObject({
      reason: 'sandbox-error',
      message: expect.stringMatching(/still starting after \d+ s .*HTTP 409/),
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(f.sandboxes()).toHaveLength(1);
    await provider(f).deleteById(id); // the post step's second try, once it has started
  });

  it('stops retrying a 409 when the abort signal fires', async () => {
    const f = await start({ startState: 'starting', startDelayMs: 3_000 });
    const id = await createRaw(f, spec().name);
    const p = provider(f) as DaytonaProvider;
    const started = Date.now();
    await expect(p.deleteById(id, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({
      reason: 'sandbox-error',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    await p.deleteById(id);
  });

  it('finds a sandbox whose create response was lost by its name while the label list does not show it yet', async () => {
    const f = await start({ listDelayMs: 60_000 });
    f.faults.add({ method: 'POST', path: '/api/sandbox', drop: 'after' });
    const ids: string[] = [];
    const s = spec();
    const sandbox = await provider(f).create(s, (id) => ids.push(id));
    expect(creates(f)).toHaveLength(1);
    expect(sandbox.id).toBe(f.sandboxes()[0]!.id);
    expect(ids).toEqual([sandbox.id]);
    expect(f.calls.some((c) => c.method === 'GET' && c.path === `/api/sandbox/${s.name}`)).toBe(true);
    expect(logLines.join('\n')).toContain('Adopting');
    expect(await (provider(f) as DaytonaProvider).findByName(s.name)).toMatchObject({ id: sandbox.id });
    await sandbox.delete();
  });

  it('throws after bounded retries when delete keeps failing', async () => {
    const f = await start();
    const p = provider(f, { retry: { attempts: 3, baseMs: 20, capMs: 100, totalMs: 10_000 } });
    const sandbox = await p.create(spec(), () => {});
    f.faults.add({ method: 'DELETE', path: `/api/sandbox/${sandbox.id}`, status: 500, times: 3 });
    await expect(sandbox.delete()).rejects.toMatchObject({ reason: 'sandbox-error' });
    expect(
      f.calls.filter((c) => c.method === 'DELETE' && c.path === `/api/sandbox/${sandbox.id}`),
    ).toHaveLength(3);
    await p.deleteById(sandbox.id);
  });

  it('keeps a run alive past the auto-stop interval and sends autoStopInterval >= the budget', async () => {
    // One fake "minute" is 300 ms: a 2-minute budget means 600 ms of toolbox silence stops the sandbox.
    const f = await start({ minuteMs: 300 });
    const s = spec({ ttlMs: 90_000 });
    const sandbox = await provider(f).create(s, () => {});
    const body = creates(f)[0]!.body as Record<string, unknown>;
    expect(body['autoStopInterval']).toBe(2);
    expect(body['autoStopInterval']).toBeGreaterThanOrEqual(Math.ceil(s.ttlMs / 60_000));
    // 2 s of a silent command: only the provider's polling keeps the sandbox started.
    const result = await sandbox.exec('sleep 2; echo done', { timeoutMs: 30_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n' });
    // Without traffic the fake does stop it (and, being ephemeral, deletes it).
    await new Promise((r) => setTimeout(r, 1_200));
    expect(f.sandboxes()).toHaveLength(0);
    await sandbox.delete();
  });

  it('rejects a missing API key with one sentence naming DAYTONA_API_KEY', async () => {
    const saved = process.env['DAYTONA_API_KEY'];
    delete process.env['DAYTONA_API_KEY'];
    try {
      expect(() =>
        createDaytonaProvider({ apiKey: '', apiUrl: '', target: '', snapshot: '', image: '' }, logger),
      ).toThrowError(
        expect.objectContaining({
          reason: 'invalid-input',
          message: expect.stringMatching(/DAYTONA_API_KEY.*\.$|daytona-api-key/),
        }),
      );
    } finally {
      if (saved !== undefined) process.env['DAYTONA_API_KEY'] = saved;
    }
  });

  it('ignores a .env file in the working directory', async () => {
    const f = await start();
    const checkout = join(dir, 'checkout');
    await mkdir(checkout);
    await writeFile(
      join(checkout, '.env'),
      [
        'DAYTONA_API_URL=http://127.0.0.1:9/bogus',
        'DAYTONA_API_KEY=dotenv-key',
        'DAYTONA_TARGET=dotenv-target',
        'DAYTONA_OTEL_ENABLED=true',
        'DAYTONA_USE_DEPRECATED_POLLING=false',
        '',
      ].join('\n'),
    );
    const cwd = process.cwd();
    const saved = { url: process.env['DAYTONA_API_URL'], key: process.env['DAYTONA_API_KEY'] };
    process.chdir(checkout);
    process.env['DAYTONA_API_URL'] = f.url;
    process.env['DAYTONA_API_KEY'] = f.apiKey;
    const warn = console.warn;
    console.warn = () => {};
    try {
      const p = createDaytonaProvider(
        { apiKey: '', apiUrl: '', target: '', snapshot: '', image: '' },
        logger,
        FAST,
      );
      const client = (p as unknown as { client: Record<string, unknown> }).client;
      expect(client['otelSdk']).toBeUndefined();
      expect(client['eventDispatcher']).toBeUndefined();
      expect(client['target']).toBeUndefined();
      const sandbox = await p.create(spec(), () => {});
      const body = creates(f)[0]!.body as Record<string, unknown>;
      expect(body).not.toHaveProperty('target');
      expect(f.calls.every((c) => c.authorized)).toBe(true);
      await sandbox.delete();
    } finally {
      console.warn = warn;
      process.chdir(cwd);
      restoreEnv('DAYTONA_API_URL', saved.url);
      restoreEnv('DAYTONA_API_KEY', saved.key);
    }
  });

  it('bundles with ncc, and the bundled provider exits promptly after delete', async () => {
    const f = await start();
    const bundleDir = join(dir, 'bundle');
    const build = await run(
      'npx',
      ['ncc', 'build', 'test/fixtures/daytona-child-run.ts', '-o', bundleDir, '--quiet'],
      {
        ...process.env,
      },
    );
    expect(build.code, build.output).toBe(0);
    const file = join(dir, 'up.bin');
    await writeFile(file, randomBytes(3 * 1024 * 1024));
    // A hostile .env next to the child must change nothing.
    await writeFile(
      join(dir, '.env'),
      'DAYTONA_API_URL=http://127.0.0.1:9/bogus\nDAYTONA_OTEL_ENABLED=true\n',
    );
    const env = {
      PATH: process.env['PATH'] ?? '',
      DAYTONA_API_URL: f.url,
      DAYTONA_API_KEY: f.apiKey,
      CHILD_WORKDIR: join(dir, 'workspace'),
      CHILD_FILE: file,
    };
    const child = spawn(process.execPath, [join(bundleDir, 'index.js')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let deletedAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!deletedAt && stdout.includes('"event":"deleted"')) deletedAt = Date.now();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (c) => {
        clearTimeout(killer);
        resolve(c);
      });
    });
    const exitedAt = Date.now();
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.find((e) => e['event'] === 'exec')).toMatchObject({ stdout: 'hello child\n', exitCode: 0 });
    expect(events.find((e) => e['event'] === 'transfer')).toMatchObject({ same: true });
    expect(deletedAt).toBeGreaterThan(0);
    console.log(`[measure] child exited ${exitedAt - deletedAt} ms after delete`);
    expect(exitedAt - deletedAt).toBeLessThan(3_000);
  }, 360_000); // ncc builds a bundle first: minutes on a loaded 2-core runner
});

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}
