import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 17 item 8: cancelling a `local` run ends the agent's processes, including children that
 * dropped the sandbox's environment marker, and removes the runner-side dirs; after a SIGKILL of the
 * main step the post step does it. Item 7: the documented minimum deadline runs the agent.
 */
let repo: TestRepo | undefined;
const leftovers: number[] = [];
afterEach(() => {
  repo?.cleanup();
  // Never leave a test's sleepers behind, whatever the assertions said.
  for (const pid of sleepers(leftovers.splice(0))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
});

/** Pids of `sleep <seconds>` processes for the given unique durations. */
function sleepers(durations: number[]): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .filter((m) => durations.some((d) => new RegExp(`(^|/)sleep ${d}$`).test(m[2]!)))
    .map((m) => Number(m[1]));
}

async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

function runDirs(runnerTemp: string): string[] {
  return readdirSync(runnerTemp).filter(
    (n) => n.startsWith('sandbox-agent-local-') || n.startsWith('sandbox-agent-work-'),
  );
}

function setup(script: string, inputs: Record<string, string> = {}) {
  repo = makeRepo();
  const runnerTemp = tempDir('sa-cancel-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, script);
  return {
    runnerTemp,
    run: (extra: Partial<Parameters<typeof runBuiltAction>[0]> = {}): Promise<ActionRun> =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        inputs: {
          prompt: 'cancel me',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          output: 'artifact',
          ...inputs,
        },
        ...extra,
      }),
  };
}

/** An agent that leaves three sleepers: a plain child, one with an empty environment, a grandchild. */
function sleeperAgent(): { script: string; durations: number[] } {
  const base = 40_000 + Math.floor(Math.random() * 20_000);
  const durations = [base, base + 1, base + 2];
  leftovers.push(...durations);
  const script = `sleep ${durations[0]} &
env -i "$(command -v sleep)" ${durations[1]} &
sh -c 'sleep ${durations[2]}' &
echo agent-running
wait
`;
  return { script, durations };
}

describe('local cancel (issue 17 item 8)', () => {
  it('SIGTERM ends every process of the agent and removes the run dirs', async () => {
    const { script, durations } = sleeperAgent();
    const s = setup(script);
    const run = await s.run({ signalAfter: { pattern: /\[agent\] agent-running/, signal: 'SIGTERM' } });
    expect(run.exitCode, run.stdout + run.stderr).toBe(130);
    expect(run.outputs['reason']).toBe('cancelled');
    expect(await eventually(() => sleepers(durations).length === 0)).toBe(true);
    expect(runDirs(s.runnerTemp)).toEqual([]);
  });

  it('after a SIGKILL of the main step, the post step ends the agent and removes the run dirs', async () => {
    const { script, durations } = sleeperAgent();
    const s = setup(script);
    const run = await s.run({ signalAfter: { pattern: /\[agent\] agent-running/, signal: 'SIGKILL' } });
    expect(run.exitCode).not.toBe(0);
    // The main step could do nothing: the agent and its dirs are still there.
    expect(sleepers(durations).length).toBeGreaterThan(0);
    expect(runDirs(s.runnerTemp).length).toBe(2);
    const post = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp: s.runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
    });
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    expect(await eventually(() => sleepers(durations).length === 0)).toBe(true);
    expect(runDirs(s.runnerTemp)).toEqual([]);
  });
});

describe('the smallest deadline (issue 17 item 7)', () => {
  it('deadline-minutes: 11 (the documented minimum) runs the agent on local', async () => {
    const s = setup('', { 'deadline-minutes': '11' });
    // A marker outside the sandbox proves the agent ran.
    const sentinel = join(s.runnerTemp, 'agent-ran');
    writeFileSync(
      join(s.runnerTemp, 'agent.sh'),
      `echo ran > '${sentinel}'\necho more >> README.md\ngit commit -qam more\n`,
    );
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(existsSync(sentinel)).toBe(true);
    expect(run.outputs).toMatchObject({ outcome: 'artifact', reason: '', commits: '1' });
  });

  it('deadline-minutes: 10 is refused up front with the minimum, and no agent runs', async () => {
    const s = setup('', { 'deadline-minutes': '10' });
    const sentinel = join(s.runnerTemp, 'agent-ran');
    writeFileSync(join(s.runnerTemp, 'agent.sh'), `echo ran > '${sentinel}'\n`);
    const run = await s.run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'invalid-input' });
    expect(run.stdout).toContain('11 ≤ m ≤ 1440');
    expect(existsSync(sentinel)).toBe(false);
  });
});
