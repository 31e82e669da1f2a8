import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import type { SandboxProvider } from '../../src/sandbox/types.js';
import { ActionError } from '../../src/shared/errors.js';
import { type FakeModal, Status, startFakeModal } from '../fakes/modal/index.js';
import { expectBoundedDownloads } from '../helpers/bounded-download.js';
import { FAST_TUNING, makeSpec, recordingLogger } from '../helpers/modal.js';

const TOKEN_ID = 'ak-input-token-id';
const TOKEN_SECRET = 'as-input-token-secret-never-logged';

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

for (const backend of ['V2', 'V1'] as const) {
  describe(`modal provider on the real SDK against the fake (${backend})`, () => {
    let fake: FakeModal;
    let provider: SandboxProvider;
    let work: string;
    const logger = recordingLogger();
    const createMethod = backend === 'V2' ? 'SandboxCreateV2' : 'SandboxCreate';
    const terminateMethod = backend === 'V2' ? 'SandboxTerminateV2' : 'SandboxTerminate';
    const saved = { ...process.env };

    beforeAll(async () => {
      fake = await startFakeModal();
      work = await mkdtemp(join(tmpdir(), 'modal-int-'));
      // A hostile config (as a checkout's .modal.toml could be, via MODAL_CONFIG_PATH) must change nothing.
      const hostile = join(work, '.modal.toml');
      await writeFile(
        hostile,
        '[evil]\nactive = true\nserver_url = "http://127.0.0.1:9"\ntoken_id = "ak-evil"\ntoken_secret = "as-evil"\nenvironment = "evil-env"\nsandbox_v2 = "0"\n',
      );
      process.env['MODAL_CONFIG_PATH'] = hostile;
      process.env['MODAL_SERVER_URL'] = fake.url;
      process.env['MODAL_TOKEN_ID'] = 'ak-env-token-loses-to-input';
      process.env['MODAL_TOKEN_SECRET'] = 'as-env-secret';
      process.env['MODAL_IMAGE_BUILDER_VERSION'] = '2024.10';
      if (backend === 'V1') process.env['MODAL_SANDBOX_V2'] = '0';
      else delete process.env['MODAL_SANDBOX_V2'];
      provider = await createModalProvider(
        { tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET, app: 'sandbox-agent', image: '', environment: '' },
        logger,
        { tuning: FAST_TUNING },
      );
      expect(process.env['MODAL_CONFIG_PATH']).toBe(hostile);
    });

    afterEach(() => {
      fake.faults.clear();
      expect(fake.sandboxes().map((s) => s.id)).toEqual([]);
    });

    afterAll(async () => {
      await fake?.close();
      await rm(work, { recursive: true, force: true });
      process.env = saved;
      // Nothing the provider or the SDK logged carries the token secret.
      expect(logger.lines.join('\n')).not.toContain(TOKEN_SECRET);
    });

    it('stops a download at maxBytes counted on the bytes received (a sandbox that sends more), no partial file', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      try {
        const localDir = await mkdtemp(join(work, 'bounded-'));
        await expectBoundedDownloads(sandbox, '/tmp/sandbox-agent/out', localDir);
      } finally {
        await sandbox.delete();
      }
    });

    it('creates, uploads, runs, streams, downloads and deletes', async () => {
      const created: string[] = [];
      const spec = makeSpec({ ttlMs: 60_500, env: { AGENT_MARKER: 'from-sandbox-env' } });
      const sandbox = await provider.create(spec, (id) => created.push(id));
      expect(created).toEqual([sandbox.id]);
      expect(sandbox.provider).toBe('modal');
      expect(sandbox.paths).toEqual({ workdir: '/workspace', scratch: '/tmp/sandbox-agent' });

      const [live] = fake.sandboxes();
      expect(live?.id).toBe(sandbox.id);
      expect(live?.version).toBe(backend);
      expect(live?.timeoutSecs).toBe(61); // 60.5 s rounded up
      expect(live?.name).toBe(spec.name);
      expect(live?.tags).toEqual(spec.labels);
      // Settings came from the inputs, not from the env tokens or the hostile config.
      const controlCalls = fake.calls.filter((c) => c.service === 'control');
      expect(new Set(controlCalls.map((c) => c.tokenId))).toEqual(new Set([TOKEN_ID]));
      const appCall = fake.calls.find((c) => c.method === 'AppGetOrCreate')?.request as Record<
        string,
        unknown
      >;
      expect(appCall).toMatchObject({ appName: 'sandbox-agent', environmentName: '', objectCreationType: 1 });
      expect(fake.methods()).toContain(createMethod);
      expect(fake.images.flatMap((i) => i.dockerfileCommands).join('\n')).toMatch(
        /FROM node:22-bookworm-slim[\s\S]*apt-get install -y --no-install-recommends git curl ca-certificates/,
      );

      // Upload, then read it back in the sandbox.
      const local = join(work, 'in.txt');
      await writeFile(local, 'hello from the runner\n');
      await sandbox.upload(local, '/tmp/sandbox-agent/in.txt');
      const cat = await sandbox.exec('cat "$FILE"', {
        env: { FILE: '/tmp/sandbox-agent/in.txt' },
        timeoutMs: 10_000,
      });
      expect(cat).toMatchObject({ exitCode: 0, stdout: 'hello from the runner\n', timedOut: false });

      // Data goes in through env and is never interpreted by the shell.
      const tricky = `it's "quoted" $(touch pwned) \`touch pwned2\` $HOME\nsecond line; rm -rf /`;
      const echoed = await sandbox.exec('printf "%s|%s" "$TRICKY" "$AGENT_MARKER"', {
        env: { TRICKY: tricky },
        timeoutMs: 10_000,
      });
      expect(echoed.stdout).toBe(`${tricky}|from-sandbox-env`);
      const listing = await sandbox.exec('ls -A', { timeoutMs: 10_000 });
      expect(listing.stdout).not.toMatch(/pwned/);

      // Default cwd is the work dir, which create made.
      const pwd = await sandbox.exec('pwd', { timeoutMs: 10_000 });
      expect(pwd.stdout.trim()).toMatch(/\/workspace$/);

      // Output streams while the command runs; stderr separately; the exit code comes through.
      const events: Array<{ stream: string; text: string; at: number }> = [];
      const started = Date.now();
      const streamed = await sandbox.exec(
        'echo out1; echo err1 >&2; sleep 0.5; echo out2; echo err2 >&2; exit 3',
        {
          timeoutMs: 10_000,
          onStdout: (c) => events.push({ stream: 'out', text: c.toString(), at: Date.now() }),
          onStderr: (c) => events.push({ stream: 'err', text: c.toString(), at: Date.now() }),
        },
      );
      const finished = Date.now();
      expect(streamed).toMatchObject({ exitCode: 3, stdout: 'out1\nout2\n', stderr: 'err1\nerr2\n' });
      const firstOut = events.find((e) => e.stream === 'out');
      expect(firstOut?.text).toBe('out1\n');
      expect(finished - (firstOut?.at ?? finished)).toBeGreaterThanOrEqual(300);
      expect(events.filter((e) => e.stream === 'err').map((e) => e.text)).toEqual(['err1\n', 'err2\n']);
      expect(finished - started).toBeLessThan(8_000);

      // A command reading stdin sees EOF at once, as with /dev/null.
      const stdin = await sandbox.exec('cat; echo done', { timeoutMs: 5_000 });
      expect(stdin).toMatchObject({ exitCode: 0, stdout: 'done\n' });

      // Download something the sandbox wrote.
      const made = await sandbox.exec('mkdir -p out && head -c 300000 /dev/urandom > out/blob.bin', {
        cwd: '/tmp/sandbox-agent',
        timeoutMs: 10_000,
      });
      expect(made.exitCode).toBe(0);
      const downloaded = join(work, 'nested', 'blob.bin');
      await sandbox.download('/tmp/sandbox-agent/out/blob.bin', downloaded);
      const inSandbox = await sandbox.exec('sha256sum out/blob.bin', {
        cwd: '/tmp/sandbox-agent',
        timeoutMs: 10_000,
      });
      expect(inSandbox.stdout.split(' ')[0]).toBe(await sha256(downloaded));

      await expect(sandbox.download('/tmp/sandbox-agent/missing', join(work, 'x'))).rejects.toMatchObject({
        reason: 'sandbox-error',
      });

      await sandbox.delete();
      await sandbox.delete();
      await provider.deleteById(sandbox.id);
      expect(fake.sandboxes()).toHaveLength(0);
      await expect(sandbox.exec('true', { timeoutMs: 1000 })).rejects.toMatchObject({
        reason: 'sandbox-error',
      });
    });

    it('reads stdout and stderr concurrently: 3 MB on each does not deadlock', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      try {
        let outBytes = 0;
        let errBytes = 0;
        const result = await sandbox.exec(
          'head -c 3000000 /dev/zero | tr "\\0" e >&2; head -c 3000000 /dev/zero | tr "\\0" o; head -c 2000000 /dev/zero | tr "\\0" e >&2',
          {
            timeoutMs: 20_000,
            onStdout: (c) => {
              outBytes += c.length;
            },
            onStderr: (c) => {
              errBytes += c.length;
            },
          },
        );
        expect(result.exitCode).toBe(0);
        expect(outBytes).toBe(3_000_000);
        expect(errBytes).toBe(5_000_000);
        expect(result.stdout.length).toBe(3_000_000);
        expect(result.stderr).toMatch(/^e+$/);
      } finally {
        await sandbox.delete();
      }
    });

    it('times a command out: exit 124, timedOut, and the sandbox lives on', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      try {
        const started = Date.now();
        const result = await sandbox.exec('echo before; sleep 30', { timeoutMs: 1_200 });
        expect(result).toMatchObject({ exitCode: 124, timedOut: true, stdout: 'before\n' });
        expect(Date.now() - started).toBeLessThan(8_000);
        const start = fake.calls.filter((c) => c.method === 'TaskExecStart').at(-1)?.request;
        expect(start).toMatchObject({ timeoutSecs: 2 }); // 1.2 s rounded up
        expect((await sandbox.exec('echo alive', { timeoutMs: 5_000 })).stdout).toBe('alive\n');
      } finally {
        await sandbox.delete();
      }
    });

    it('streams a bundle over 100 MB up and down unchanged, in modest memory', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      const big = join(work, 'big.bundle');
      try {
        const handle = await open(big, 'w');
        const block = randomBytes(1024 * 1024);
        for (let i = 0; i < 105; i++) {
          block.writeUInt32BE(i, 0);
          await handle.write(block);
        }
        await handle.close();
        const expected = await sha256(big);

        global.gc?.();
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 20);
        const started = performance.now();
        await sandbox.upload(big, '/tmp/sandbox-agent/repo.bundle');
        const uploadMs = performance.now() - started;
        clearInterval(sampler);
        const growthMb = (peak - baseline) / 1024 / 1024;

        const remote = await sandbox.exec('sha256sum "$B"', {
          env: { B: '/tmp/sandbox-agent/repo.bundle' },
          timeoutMs: 60_000,
        });
        expect(remote.stdout.split(' ')[0]).toBe(expected);

        const back = join(work, 'back.bundle');
        const downStarted = performance.now();
        await sandbox.download('/tmp/sandbox-agent/repo.bundle', back);
        const downloadMs = performance.now() - downStarted;
        expect(await sha256(back)).toBe(expected);
        await rm(back, { force: true });
        console.log(
          `[modal ${backend}] 105 MiB upload ${Math.round(uploadMs)} ms, download ${Math.round(downloadMs)} ms, peak RSS growth during upload ${growthMb.toFixed(1)} MiB (test process, fake included)`,
        );
        // The file never sits in memory whole (or as base64): growth stays well under its size.
        expect(growthMb).toBeLessThan(100);
      } finally {
        await rm(big, { force: true });
        await sandbox.delete();
      }
    });

    it('retries RESOURCE_EXHAUSTED on create', async () => {
      fake.faults.inject(createMethod, { code: Status.RESOURCE_EXHAUSTED, times: 2 });
      const sandbox = await provider.create(makeSpec(), () => undefined);
      expect(fake.methods().filter((m) => m === createMethod).length).toBeGreaterThanOrEqual(3);
      expect(fake.sandboxes().map((s) => s.id)).toEqual([sandbox.id]);
      expect(logger.lines.some((l) => l.startsWith('warning: Creating the Modal sandbox failed'))).toBe(true);
      await sandbox.delete();
    });

    it('gives up on create at createTimeoutMs with one sentence', async () => {
      fake.faults.inject(createMethod, { code: Status.RESOURCE_EXHAUSTED, times: Number.POSITIVE_INFINITY });
      const before = fake.allSandboxes().length;
      const started = Date.now();
      const error = await provider
        .create(makeSpec({ createTimeoutMs: 1_500 }), () => undefined)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'sandbox-error' });
      expect((error as ActionError).message).toMatch(
        /^(Modal did not create the sandbox within 2 s\.|Creating the Modal sandbox failed: .*RESOURCE_EXHAUSTED.*)$/,
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(fake.allSandboxes().length).toBe(before);
    });

    for (const [label, code] of [
      ['UNAVAILABLE, retried inside the SDK', Status.UNAVAILABLE],
      ['RESOURCE_EXHAUSTED, retried by the provider', Status.RESOURCE_EXHAUSTED],
    ] as const) {
      it(`adopts the sandbox when the create reply is lost (${label})`, async () => {
        const before = fake.allSandboxes().length;
        fake.faults.inject(createMethod, { code, when: 'after' });
        const created: string[] = [];
        const spec = makeSpec();
        const sandbox = await provider.create(spec, (id) => created.push(id));
        const made = fake.allSandboxes().slice(before);
        expect(made.map((s) => s.id)).toEqual([sandbox.id]);
        expect(created).toEqual([sandbox.id]);
        expect(fake.methods()).toContain(backend === 'V2' ? 'SandboxGetFromNameV2' : 'SandboxGetFromName');
        expect((await sandbox.exec('echo adopted', { timeoutMs: 5_000 })).stdout).toBe('adopted\n');
        await sandbox.delete();
      });
    }

    it('fails fast with sandbox-error when the sandbox reaches its lifetime mid-command', async () => {
      const sandbox = await provider.create(makeSpec({ ttlMs: 2_000 }), () => undefined);
      const started = Date.now();
      const error = await sandbox.exec('sleep 60', { timeoutMs: 120_000 }).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(ActionError);
      expect(error).toMatchObject({ reason: 'sandbox-error' });
      expect((error as ActionError).message).toMatch(/reached its 2 s lifetime/);
      expect(elapsed).toBeLessThan(6_000);
      // Later calls fail at once, without another round trip.
      await expect(sandbox.exec('true', { timeoutMs: 5_000 })).rejects.toMatchObject({
        reason: 'sandbox-error',
      });
      await expect(sandbox.upload(join(work, 'in.txt'), '/tmp/sandbox-agent/x')).rejects.toMatchObject({
        reason: 'sandbox-error',
      });
      await sandbox.delete();
    });

    it('fails fast when the sandbox is stopped from outside during a long command', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      const running = sandbox.exec('sleep 60', { timeoutMs: 120_000 }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 500));
      const started = Date.now();
      fake.faults.expire(sandbox.id);
      const error = await running;
      expect(error).toMatchObject({ reason: 'sandbox-error' });
      expect(Date.now() - started).toBeLessThan(3_000);
      await provider.deleteById(sandbox.id);
    });

    it('bounds terminate retries, then throws; a later delete succeeds', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      fake.faults.inject(terminateMethod, { code: Status.UNAVAILABLE, times: Number.POSITIVE_INFINITY });
      const callsBefore = fake.calls.length;
      const started = Date.now();
      const error = await sandbox.delete().catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'sandbox-error' });
      expect((error as ActionError).message).toMatch(/Could not terminate the Modal sandbox/);
      const attempts = fake
        .methods()
        .slice(callsBefore)
        .filter((m) => m === terminateMethod).length;
      expect(attempts).toBeGreaterThan(3); // the SDK's own retries, times ours
      expect(attempts).toBeLessThanOrEqual(12);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(fake.sandboxes()).toHaveLength(1);
      fake.faults.clear();
      await sandbox.delete();
    });

    it('lists sandboxes by tags for the sweeper', async () => {
      const a = await provider.create(makeSpec(), () => undefined);
      const specB = makeSpec();
      const b = await provider.create(specB, () => undefined);
      try {
        const all = await provider.list({ 'sandbox-agent': '1' });
        expect(all.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
        const one = await provider.list({ 'sandbox-agent-run-id': specB.identity.runId });
        expect(one).toEqual([{ id: b.id, labels: specB.labels, state: 'running' }]);
      } finally {
        await a.delete();
        await b.delete();
      }
      expect(await provider.list({ 'sandbox-agent': '1' })).toEqual([]);
    });

    it('maps the network policy onto Modal parameters', async () => {
      const none = await provider.create(makeSpec({ network: { mode: 'none' } }), () => undefined);
      const allow = await provider.create(
        makeSpec({
          network: { mode: 'allow', entries: ['10.0.0.0/8', 'github.com', '*.npmjs.org', '1.2.3.4'] },
        }),
        () => undefined,
      );
      try {
        const byId = new Map(fake.sandboxes().map((s) => [s.id, s.definition]));
        expect(byId.get(none.id)?.['networkAccess']).toMatchObject({ networkAccessType: 2 });
        expect(byId.get(allow.id)?.['networkAccess']).toMatchObject({
          networkAccessType: 3,
          allowedCidrs: ['10.0.0.0/8', '1.2.3.4/32'],
          allowedDomains: ['github.com', '*.npmjs.org'],
        });
      } finally {
        await none.delete();
        await allow.delete();
      }
    });

    it('deletes by id idempotently, including ids Modal does not know', async () => {
      const sandbox = await provider.create(makeSpec(), () => undefined);
      await provider.deleteById(sandbox.id);
      await provider.deleteById(sandbox.id);
      expect(fake.sandboxes()).toHaveLength(0);
      await provider.deleteById(backend === 'V1' ? 'sb-AAAAAAAAAAAAAAAAAAAAAA' : 'sbx-v2-unknown');
    });
  });
}
