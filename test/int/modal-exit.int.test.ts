import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from '../../src/shared/exec.js';
import { type FakeModal, startFakeModal } from '../fakes/modal/index.js';

/**
 * The provider bundled with ncc (as the action ships) runs in a child process against the fake and the
 * process ends on its own: no gRPC channel, timer or stream keeps it alive.
 */
describe('modal provider in a child process', () => {
  let fake: FakeModal;
  let out: string;

  beforeAll(async () => {
    fake = await startFakeModal();
    out = await mkdtemp(join(tmpdir(), 'modal-exit-build-'));
    const build = await execFile(
      process.execPath,
      [
        'node_modules/@vercel/ncc/dist/ncc/cli.js',
        'build',
        'test/int/fixtures/modal-exit-driver.ts',
        '-o',
        out,
        '-q',
      ],
      { env: { ...process.env }, cwd: process.cwd() },
    );
    expect(build.stderr).toBe('');
    expect(build.exitCode).toBe(0);
    // An ncc build of the Modal SDK: about 20 s alone, over a minute on a loaded 2-core machine.
  }, 180_000);

  afterAll(async () => {
    await fake?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('works from the bundle and exits by itself', async () => {
    const child = spawn(process.execPath, [join(out, 'index.js')], {
      env: { PATH: process.env['PATH'] ?? '', HOME: out, ...fake.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let doneAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!doneAt && stdout.includes('done ')) doneAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (c) => {
        clearTimeout(killer);
        resolve(c);
      });
    });
    const lingerMs = Date.now() - doneAt;
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('Error') });
    expect(stdout).toMatch(/^created \S+\n[\s\S]*done ok payload\n$/);
    expect(fake.sandboxes()).toHaveLength(0);
    console.log(`[modal exit] child exited ${lingerMs} ms after its last operation`);
    expect(lingerMs).toBeLessThan(3_000);
  });
});
