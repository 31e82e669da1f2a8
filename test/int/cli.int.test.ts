import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/action.js';
import { git, makeRepo, TEST_GIT_ENV, type TestRepo, tempDir } from '../helpers/repo.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'index.js');
let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...TEST_GIT_ENV, RUNNER_TEMP: tempDir() },
    encoding: 'utf8',
  });
}

describe('sandbox-agent CLI', () => {
  it('run captures a patch on a local repo, and apply turns it into a verified branch', () => {
    repo = makeRepo();
    const out = tempDir('sa-cli-out-');
    const run = cli(
      [
        'run',
        '--repo',
        repo.checkout,
        '--out',
        out,
        '--agent',
        'custom',
        '--prompt',
        'add a file',
        '--agent-command',
        'echo from-agent > agent.txt && git add agent.txt && git commit -qm "agent work"',
      ],
      repo.root,
    );
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ outcome: 'artifact', commits: 1, patchPath: join(out, 'agent.mbox') });

    const apply = cli(
      ['apply', join(out, 'agent.mbox'), '--repo', repo.checkout, '--branch', 'agent/try'],
      repo.root,
    );
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('git switch agent/try');
    expect(git(repo.checkout, ['rev-parse', 'agent/try^{tree}'])).toBe(result.headTree);
    expect(git(repo.checkout, ['rev-parse', 'agent/try~1'])).toBe(repo.head);
    // The work tree and current branch were not touched.
    expect(git(repo.checkout, ['status', '--porcelain'])).toBe('');
    expect(git(repo.checkout, ['rev-parse', 'HEAD'])).toBe(repo.head);

    // A tampered mbox is refused by the same verification.
    const tampered = join(out, 'tampered.mbox');
    writeFileSync(
      tampered,
      readFileSync(join(out, 'agent.mbox'), 'utf8').replace('+from-agent', '+from-mallory'),
    );
    const bad = cli(
      [
        'apply',
        tampered,
        '--meta',
        join(out, 'agent.meta.json'),
        '--repo',
        repo.checkout,
        '--branch',
        'agent/bad',
      ],
      repo.root,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('tree-mismatch');
    expect(() => git(repo!.checkout, ['rev-parse', '--verify', 'agent/bad'])).toThrow();
  });

  it("a command that outlasts the entry's 5 s last-resort exit still finishes, prints and keeps its status", () => {
    // The dist/cli stub loads the shared bundle through a dispatcher that ends the process 5 s after the
    // entry's promise settles; a runCli that returned before the command ended was cut at 5 s, exit 0,
    // with no output (seen on the bench's 1 GiB snapshot).
    repo = makeRepo();
    const out = tempDir('sa-cli-slow-');
    const run = cli(
      [
        'run',
        '--repo',
        repo.checkout,
        '--out',
        out,
        '--agent',
        'custom',
        '--prompt',
        'slow work',
        '--agent-command',
        'sleep 7 && echo slow > slow.txt && git add slow.txt && git commit -qm "slow work"',
      ],
      repo.root,
    );
    expect(run.stderr).not.toContain('Something still held the process');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'artifact', commits: 1 });

    const failing = cli(
      [
        'run',
        '--repo',
        repo.checkout,
        '--out',
        tempDir('sa-cli-slow-fail-'),
        '--agent',
        'custom',
        '--prompt',
        'fail slowly',
        '--agent-command',
        'sleep 7; exit 3',
      ],
      repo.root,
    );
    expect(failing.stderr).not.toContain('Something still held the process');
    expect(failing.status).toBe(1);
  }, 60_000);

  it('prints usage', () => {
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('sandbox-agent run');
    expect(execFileSync(process.execPath, [CLI], { encoding: 'utf8' })).toContain('sandbox-agent apply MBOX');
  });
});
