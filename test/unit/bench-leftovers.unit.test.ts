// The soak's leftover detectors (bench/leftovers.mjs) must see what they look for: a planted process
// carrying the local sandbox marker (in a session of its own), a stray dir, an fd held open.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linearTrend, openFds, processesWithEnv, settle, unexpectedEntries } from '../../bench/leftovers.mjs';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A `sleep` in its own session (`detached`: setsid, as an agent's escaped child) with `env` added. */
function plantProcess(env: Record<string, string>): number {
  const child = spawn('sleep', ['60'], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error('spawn failed');
  cleanups.push(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return pid;
}

describe('soak leftover detectors', () => {
  it('finds a process by an env entry and forgets it once it is gone', async () => {
    const marker = `SANDBOX_AGENT_LOCAL_SANDBOX=/tmp/sandbox-agent-local-${process.pid}-${Date.now()}`;
    const pid = plantProcess({ SANDBOX_AGENT_LOCAL_SANDBOX: marker.split('=')[1] ?? '' });
    expect(await settle(() => processesWithEnv([marker]).includes(pid))).toBe(true);
    process.kill(pid, 'SIGKILL');
    expect(await settle(() => !processesWithEnv([marker]).includes(pid))).toBe(true);
  });

  it('matches a needle only at the start of an env entry, never inside another value', async () => {
    const root = `/tmp/fake-daytona-root-${process.pid}-${Date.now()}`;
    const pid = plantProcess({ NOT_HOME: `HOME=${root}/x` });
    // The planted process is surely running before we check that it is not reported.
    expect(await settle(() => processesWithEnv([`NOT_HOME=HOME=${root}`]).includes(pid))).toBe(true);
    expect(processesWithEnv([`HOME=${root}`])).not.toContain(pid);
  });

  it('reports entries of a RUNNER_TEMP other than the expected ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'soak-detect-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'github_output'), '');
    mkdirSync(join(dir, 'sandbox-agent-work-abc'));
    mkdirSync(join(dir, 'sandbox-agent'));
    expect(unexpectedEntries(dir, new Set(['github_output', 'sandbox-agent']))).toEqual([
      'sandbox-agent-work-abc',
    ]);
  });

  it('measures a growth across runs and not the noise of single runs', () => {
    // A leak of 1 MiB per run over 20 runs, under ±6 MiB of alternating noise: 19 MiB of growth.
    const leaking = Array.from({ length: 20 }, (_, i) => 100 + i + (i % 2 ? 6 : -6));
    expect(linearTrend(leaking)).toBeGreaterThan(18);
    // Flat, but the first run low and the last high (what first-vs-last would call a 12% drift).
    const flat = [94, 106, 106, 94, 94, 106, 106, 94, 94, 106];
    expect(Math.abs(linearTrend(flat))).toBeLessThan(94 * 0.05);
    expect(linearTrend([7])).toBe(0);
  });

  it('counts an fd this process holds open', () => {
    const before = openFds();
    const fd = openSync(process.execPath, 'r');
    try {
      expect(openFds()).toBe(before + 1);
    } finally {
      closeSync(fd);
    }
    expect(openFds()).toBe(before);
  });
});
