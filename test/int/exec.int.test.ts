import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from '../../src/shared/exec.js';

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const strays: number[] = [];
afterEach(() => {
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** The pid a script printed on its first stdout line (a child it left running). */
function firstLinePid(stdout: string): number {
  const pid = Number(stdout.split('\n')[0]);
  strays.push(pid);
  return pid;
}

describe('execFile', () => {
  it('an ordinary command: exit code and all of its output, as before', async () => {
    const result = await execFile('sh', ['-c', 'printf out; printf err >&2; exit 3'], { env });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out', stderr: 'err', timedOut: false });
  });

  it('output written just before exit is all read', async () => {
    const result = await execFile('sh', ['-c', 'head -c 1000000 /dev/zero | tr "\\0" x'], { env });
    expect(result.stdout).toHaveLength(1_000_000);
  });

  it('a background child holding stdout does not hold the result past the drain', async () => {
    const started = Date.now();
    const result = await execFile('sh', ['-c', 'sleep 600 & echo $!; echo done'], { env, drainMs: 300 });
    firstLinePid(result.stdout);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toContain('done');
  });

  it('a setsid child holding stdout: the timeout resolves with 124 after the kill and the drain', async () => {
    const started = Date.now();
    const result = await execFile('sh', ['-c', 'setsid sleep 600 & echo $!; sleep 600'], {
      env,
      timeoutMs: 300,
      drainMs: 300,
    });
    firstLinePid(result.stdout);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.exitCode).toBe(124);
    expect(result.timedOut).toBe(true);
  });

  it('a child that ignores SIGTERM is killed after the grace, then the result comes', async () => {
    const started = Date.now();
    const result = await execFile(
      'sh',
      ['-c', "trap '' TERM; setsid sleep 600 & echo $!; while :; do sleep 1; done"],
      {
        env,
        timeoutMs: 200,
        drainMs: 200,
      },
    );
    firstLinePid(result.stdout);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.exitCode).toBe(124);
  });
});
