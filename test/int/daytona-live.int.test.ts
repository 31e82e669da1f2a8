import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDaytonaProvider } from '../../src/sandbox/daytona/index.js';
import { consoleLogger } from '../../src/shared/log.js';

const hasKey = Boolean(process.env['DAYTONA_API_KEY']);
if (!hasKey)
  console.log(
    '[daytona-live] skipped: set DAYTONA_API_KEY (and DAYTONA_API_URL for EU/self-hosted) to run it.',
  );

/** Live smoke test against real Daytona; runs only with DAYTONA_API_KEY and leaves nothing behind. */
describe('Daytona live smoke (needs DAYTONA_API_KEY)', () => {
  it.skipIf(!hasKey)(
    'creates, runs, transfers and deletes a real sandbox, leaving none with its labels',
    async () => {
      const provider = createDaytonaProvider(
        { apiKey: '', apiUrl: '', target: '', snapshot: '', image: '' },
        consoleLogger((s) => s.replaceAll(process.env['DAYTONA_API_KEY'] ?? '\0', '***')),
      );
      const runId = `live-${Date.now()}-${randomBytes(3).toString('hex')}`;
      const labels = { 'sandbox-agent': '1', repo: 'sandbox-agent-action/live-test', 'run-id': runId };
      const dir = await mkdtemp(join(tmpdir(), 'daytona-live-'));
      try {
        const sandbox = await provider.create(
          {
            identity: {
              repository: 'sandbox-agent-action/live-test',
              runId,
              runAttempt: '1',
              job: 'live',
              nonce: 'c0ffee01',
            },
            name: `sandbox-agent-live-${runId}`,
            labels,
            ttlMs: 15 * 60_000,
            env: { GREETING: "it's $(not) run" },
            network: { mode: 'open' },
            workdir: '/tmp/sandbox-agent-live/workspace',
            createTimeoutMs: 180_000,
          },
          () => {},
        );
        const chunks: string[] = [];
        const result = await sandbox.exec('echo "$GREETING"; echo "$EXTRA"; pwd', {
          env: { EXTRA: 'a\nb "c"' },
          timeoutMs: 60_000,
          onStdout: (c) => chunks.push(c.toString()),
        });
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toBe('it\'s $(not) run\na\nb "c"\n/tmp/sandbox-agent-live/workspace\n');
        expect(chunks.join('')).toBe(result.stdout);
        const local = join(dir, 'in.bin');
        await writeFile(local, randomBytes(1024 * 1024));
        await sandbox.upload(local, `${sandbox.paths.scratch}/x/in.bin`);
        await sandbox.download(`${sandbox.paths.scratch}/x/in.bin`, join(dir, 'out.bin'));
        expect((await readFile(join(dir, 'out.bin'))).equals(await readFile(local))).toBe(true);
        // Silent for longer than a proxy's ~60 s idle cut (research real-services.md #2): the output after
        // the gap must still come back, in the result and through the live callback.
        const lateChunks: string[] = [];
        const late = await sandbox.exec('sleep 70; echo done', {
          timeoutMs: 120_000,
          onStdout: (c) => lateChunks.push(c.toString()),
        });
        expect(late).toMatchObject({ exitCode: 0, stdout: 'done\n' });
        expect(lateChunks.join('')).toBe('done\n');
        const timedOut = await sandbox.exec('sleep 30', { timeoutMs: 2_000 });
        expect(timedOut).toMatchObject({ exitCode: 124, timedOut: true });
        await sandbox.delete();
      } finally {
        for (const leftover of await provider.list(labels))
          await provider.deleteById(leftover.id).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      }
      // Deletion is asynchronous on Daytona: wait until nothing with these labels remains.
      const deadline = Date.now() + 90_000;
      let left = await provider.list(labels);
      while (left.some((s) => s.state !== 'destroyed') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 3_000));
        left = await provider.list(labels);
      }
      expect(left.filter((s) => s.state !== 'destroyed')).toEqual([]);
    },
    420_000,
  );
});
