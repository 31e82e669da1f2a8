import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import { makeSpec, recordingLogger } from '../helpers/modal.js';

/**
 * Against real Modal: runs only when MODAL_TOKEN_ID and MODAL_TOKEN_SECRET are set (and no fake is
 * configured through MODAL_SERVER_URL). Creates one small sandbox, uses it, deletes it, and checks that
 * nothing tagged for this run is left.
 */
const live =
  Boolean(process.env['MODAL_TOKEN_ID'] && process.env['MODAL_TOKEN_SECRET']) &&
  !/127\.0\.0\.1|localhost/.test(process.env['MODAL_SERVER_URL'] ?? '');
if (!live) {
  console.log(
    'modal live smoke test skipped: set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET to run it against Modal.',
  );
}

describe.skipIf(!live)('modal provider against real Modal (live smoke)', () => {
  it('creates, runs git, moves files both ways, deletes, and leaves nothing behind', {
    timeout: 15 * 60_000,
  }, async () => {
    const logger = recordingLogger();
    const provider = await createModalProvider(
      {
        tokenId: '',
        tokenSecret: '',
        app: process.env['MODAL_APP'] || 'sandbox-agent-smoke',
        image: '',
        environment: '',
      },
      logger,
    );
    const spec = makeSpec({ ttlMs: 10 * 60_000, createTimeoutMs: 10 * 60_000 });
    spec.labels['sandbox-agent-smoke'] = `${Date.now()}`;
    const dir = await mkdtemp(join(tmpdir(), 'modal-live-'));
    const sandbox = await provider.create(spec, () => undefined);
    try {
      const git = await sandbox.exec('git --version && pwd', { timeoutMs: 60_000 });
      expect(git.exitCode).toBe(0);
      expect(git.stdout).toMatch(/^git version/);
      // A sandbox-level variable (spec.env, where agent-env's keys live) reaches an exec that sets no env
      // of its own: the agent would otherwise fail its auth (research real-services.md #13).
      const marker = await sandbox.exec('printenv AGENT_MARKER', { timeoutMs: 60_000 });
      expect(marker.stdout.trim()).toBe(spec.env['AGENT_MARKER']);
      expect(marker.stdout.trim()).toBe('from-sandbox-env');
      await writeFile(join(dir, 'in.txt'), 'live payload');
      await sandbox.upload(join(dir, 'in.txt'), '/tmp/sandbox-agent/in.txt');
      const copy = await sandbox.exec('cp "$F" "$F.copy"', {
        env: { F: '/tmp/sandbox-agent/in.txt' },
        timeoutMs: 60_000,
      });
      expect(copy.exitCode).toBe(0);
      await sandbox.download('/tmp/sandbox-agent/in.txt.copy', join(dir, 'out.txt'));
      expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('live payload');
      const timedOut = await sandbox.exec('sleep 30', { timeoutMs: 2_000 });
      expect(timedOut).toMatchObject({ exitCode: 124, timedOut: true });
    } finally {
      await sandbox.delete();
      await rm(dir, { recursive: true, force: true });
    }
    const left = await provider.list({ 'sandbox-agent-smoke': spec.labels['sandbox-agent-smoke'] });
    expect(left).toEqual([]);
  });
});
