import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type ActionRun, runAgentScript } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 15, classes 6–9, through the built action on the local provider: timeouts hold whatever the
 * agent leaves running, the capture fails closed, only verified work is exposed, and the README's apply
 * command works on every artifact.
 */
let repo: TestRepo | undefined;
let service: FakeArtifactService | undefined;
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await service?.close();
  service = undefined;
});

interface Run extends ActionRun {
  runnerTemp: string;
  ms: number;
}

async function run(script: string, inputs: Record<string, string> = {}): Promise<Run> {
  repo = makeRepo();
  service = await startFakeArtifactService();
  const runnerTemp = tempDir('sa-runner-');
  const started = Date.now();
  // RUNNER_TEMP_DIR lets the script leave pid files.
  const result = await runAgentScript({
    workspace: repo.checkout,
    runnerTemp,
    script: `RUNNER_TEMP_DIR='${runnerTemp}'\n${script}`,
    inputs,
    env: service.env,
  });
  return { ...result, runnerTemp, ms: Date.now() - started };
}

/** The README's command, run in a fresh clone of the upstream at the base; returns the resulting tree. */
function applyAsReadmeSays(mboxPath: string): string {
  const fresh = join(tempDir('sa-fresh-'), 'clone');
  git(repo!.root, ['clone', '-q', `file://${repo!.origin}`, fresh]);
  git(fresh, ['am', '--keep-cr', '--patch-format=mboxrd', mboxPath]);
  return git(fresh, ['rev-parse', 'HEAD^{tree}']);
}

/** True while the process exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function pidsIn(runnerTemp: string): number[] {
  return readdirSync(runnerTemp)
    .filter((name) => name.endsWith('.pid'))
    .map((name) => Number(readFileSync(join(runnerTemp, name), 'utf8').trim()));
}

describe('(6) the agent budget holds whatever the agent leaves running', () => {
  it('a setsid child holding stdout: the agent stops at its budget, the child does not outlive the sandbox', async () => {
    const r = await run(
      `echo before-timeout >> README.md
       setsid sh -c 'echo $$ > "$0/setsid.pid"; exec sleep 600' "$RUNNER_TEMP_DIR" &
       sleep 600`,
      { 'timeout-minutes': '0.03' },
    );
    expect(r.ms).toBeLessThan(30_000);
    expect(r.outputs['outcome'], r.stdout).toBe('artifact');
    expect(r.outputs['reason']).toBe('agent-timeout');
    expect(readFileSync(r.outputs['patch-path']!, 'utf8')).toContain('+before-timeout');
    const pids = pidsIn(r.runnerTemp);
    expect(pids).toHaveLength(1);
    expect(pids.filter(alive)).toEqual([]);
  }, 90_000);

  it('an agent that exits while background children hold stdout: the run goes on without waiting for the budget', async () => {
    const r = await run(
      `echo done >> README.md
       sh -c 'echo $$ > "$0/group.pid"; exec sleep 600' "$RUNNER_TEMP_DIR" &
       setsid sh -c 'echo $$ > "$0/setsid.pid"; exec sleep 600' "$RUNNER_TEMP_DIR" &
       sleep 0.2
       echo agent-finished`,
      { 'timeout-minutes': '2' },
    );
    expect(r.ms).toBeLessThan(40_000);
    expect(r.outputs['outcome'], r.stdout).toBe('artifact');
    expect(r.outputs['reason']).toBe('');
    expect(r.stdout).toContain('agent-finished');
    const pids = pidsIn(r.runnerTemp);
    expect(pids).toHaveLength(2);
    expect(pids.filter(alive)).toEqual([]);
  }, 120_000);
});

describe('(7) the capture fails closed', () => {
  const REQUIRED_FAILING_FILTER = `printf '* filter=x\\n' > .gitattributes
     git config filter.x.clean false
     git config filter.x.required true`;

  it('a failing git status (required clean filter) is capture-failed, never a silent drop', async () => {
    const r = await run(`${REQUIRED_FAILING_FILTER}\necho uncommitted >> README.md`);
    expect(r.outputs['outcome'], r.stdout).toBe('failed');
    expect(r.outputs['reason']).toBe('capture-failed');
    expect(r.outputs['patch-path']).toBe('');
  });

  it('committed work plus uncommitted work behind a failing filter is not delivered half', async () => {
    const r = await run(
      `echo committed >> src/app.txt && git commit -qam committed
       ${REQUIRED_FAILING_FILTER}
       echo uncommitted >> README.md`,
    );
    expect(r.outputs['outcome'], r.stdout).toBe('failed');
    expect(r.outputs['reason']).toBe('capture-failed');
    expect(service!.artifacts.size).toBe(0);
  });

  const REF_NAMES = `for f in HEAD main master sandbox-agent "$(git rev-parse HEAD)" 'HEAD^{tree}' 'HEAD^{commit}'; do
       printf '%s\\n' "$f" > "$f"
     done`;

  it.each([
    ['committed', `${REF_NAMES}\ngit add -A && git commit -qm 'ref-like names'`],
    ['left uncommitted', REF_NAMES],
    [
      'committed, then changed again and left uncommitted',
      `${REF_NAMES}\ngit add -A && git commit -qm refs\necho again >> HEAD\necho again >> main`,
    ],
  ])('files named like refs at the root are delivered exactly (%s)', async (_, script) => {
    const r = await run(script);
    expect(r.outputs['outcome'], r.stdout).toBe('artifact');
    expect(r.outputs['reason']).toBe('');
    expect(service!.artifacts.size).toBe(1);
    const mbox = readFileSync(r.outputs['patch-path']!, 'utf8');
    for (const name of [
      'HEAD',
      'main',
      'master',
      'sandbox-agent',
      repo!.head,
      'HEAD^{tree}',
      'HEAD^{commit}',
    ]) {
      expect(mbox).toContain(`+++ b/${name}\n`);
    }
    expect(applyAsReadmeSays(r.outputs['patch-path']!)).toBe(r.outputs['head-tree']);
  });
});

describe('(8) only verified work is exposed', () => {
  /** A commit message carrying an unindented diff: `git am` applies it too, so the tree differs. */
  function hiddenDiffAgent(runnerTemp: string, diff: string[]): string {
    writeFileSync(join(runnerTemp, 'msg.txt'), `innocent change\n\n${diff.join('\n')}\n`);
    return `echo x >> README.md && git commit -q -a -F '${join(runnerTemp, 'msg.txt')}'`;
  }

  it.each([
    [
      'tree-mismatch',
      [
        'diff --git a/SNEAKY b/SNEAKY',
        'new file mode 100644',
        'index 0000000..e69de29',
        '--- /dev/null',
        '+++ b/SNEAKY',
        '@@ -0,0 +1 @@',
        '+sneaky',
      ],
    ],
    [
      'apply-failed',
      ['diff --git a/NOPE b/NOPE', '--- a/NOPE', '+++ b/NOPE', '@@ -1 +1 @@', '-not there', '+y'],
    ],
  ])(
    'after %s the mbox is quarantined, the outputs are empty and no apply hint is shown',
    async (reason, diff) => {
      const scratch = tempDir('sa-msg-');
      const r = await run(hiddenDiffAgent(scratch, diff));
      expect(r.outputs['outcome'], r.stdout).toBe('failed');
      expect(r.outputs['reason']).toBe(reason);
      expect(r.outputs['patch-path']).toBe('');
      expect(r.outputs['meta-path']).toBe('');
      expect(r.summary).not.toContain('Apply the patch locally');
      expect(r.summary).not.toContain('--patch-format=mboxrd agent.mbox');
      expect(service!.artifacts.size).toBe(0);
      const outDir = join(r.runnerTemp, 'sandbox-agent');
      expect(existsSync(join(outDir, 'agent.mbox'))).toBe(false);
      expect(existsSync(join(outDir, 'agent.meta.json'))).toBe(false);
      const quarantined = join(outDir, 'quarantine', 'agent.mbox.rejected');
      expect(readFileSync(quarantined, 'utf8')).toContain('innocent change');
      expect(existsSync(join(outDir, 'quarantine', 'agent.meta.json.rejected'))).toBe(true);
      expect(r.stdout).toContain(quarantined);
    },
  );
});

describe('(9) the README apply command works on every artifact', () => {
  const empty = (message: string) => `git commit -q --allow-empty -m '${message}'`;
  const change = (file: string, line: string) => `echo ${line} >> ${file} && git commit -qam '${line}'`;

  it.each([
    ['first', [empty('empty first'), change('README.md', 'a')], 1, 1],
    ['in the middle', [change('README.md', 'a'), empty('empty middle'), change('src/app.txt', 'b')], 2, 1],
    ['last', [change('README.md', 'a'), empty('empty last')], 1, 1],
    [
      'several, and a leftover',
      [empty('e1'), empty('e2'), change('README.md', 'a'), empty('e3'), 'echo left >> src/app.txt'],
      2,
      3,
    ],
    [
      'one made empty by linearizing a merge',
      [
        'git checkout -qb side && echo s > side.txt && git add side.txt && git commit -qm side',
        'git checkout -q sandbox-agent',
        change('README.md', 'a'),
        "git merge -q -s ours --no-edit -m 'merge ours' side",
      ],
      1,
      1,
    ],
  ])('an empty commit %s is dropped and the mbox applies cleanly', async (_, steps, commits, dropped) => {
    const r = await run(steps.join('\n'));
    expect(r.outputs['outcome'], r.stdout).toBe('artifact');
    expect(r.outputs['commits']).toBe(String(commits));
    const mboxPath = r.outputs['patch-path']!;
    const meta = JSON.parse(readFileSync(r.outputs['meta-path']!, 'utf8')) as Record<string, unknown>;
    expect(meta['empty_commits_dropped']).toBe(dropped);
    expect(r.stdout).toMatch(new RegExp(`Dropped ${dropped} empty commit`));
    expect(applyAsReadmeSays(mboxPath)).toBe(r.outputs['head-tree']);
  });

  it('only empty commits: no-changes', async () => {
    const r = await run(`${empty('e1')}\n${empty('e2')}`);
    expect(r.outputs['outcome'], r.stdout).toBe('no-changes');
    expect(r.outputs['reason']).toBe('');
    expect(service!.artifacts.size).toBe(0);
  });

  it('the README command applies the uploaded artifact itself', async () => {
    const r = await run([empty('e1'), change('README.md', 'a'), empty('e2')].join('\n'));
    expect(r.outputs['outcome'], r.stdout).toBe('artifact');
    const [artifact] = [...service!.artifacts.values()];
    const dir = tempDir('sa-artifact-');
    writeFileSync(join(dir, 'artifact.zip'), artifact!.bytes);
    execFileSync('unzip', ['-q', 'artifact.zip'], { cwd: dir });
    expect(applyAsReadmeSays(join(dir, 'agent.mbox'))).toBe(r.outputs['head-tree']);
  });
});
