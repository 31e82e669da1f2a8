import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLocalPipeline } from '../helpers/pipeline.js';
import { git, makeRepo, TEST_GIT_ENV, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * The fidelity suite: what a scripted agent does in the sandbox must come back as an mbox that
 * applies to the checkout's HEAD with plain `git am` and yields exactly the tree the agent left behind.
 * The expected tree is computed independently by running the same script in a plain clone.
 */
const BASE_FILES = {
  'README.md': '# demo\n',
  'src/app.txt': 'one\ntwo\nthree\n',
  'docs/old-name.md': 'rename me\n',
  'delete-me.txt': 'bye\n',
  'tool.sh': '#!/bin/sh\necho tool\n',
  'windows.txt': 'line one\r\nline two\r\n',
};

const SCENARIOS: Record<string, string> = {
  'several commits': `
    echo a > one.txt && git add one.txt && git commit -qm "first"
    echo b > two.txt && git add two.txt && git commit -qm "second"
    echo c >> src/app.txt && git commit -qam "third"`,
  'uncommitted leftovers': 'echo "left over" >> src/app.txt',
  'new untracked file': 'mkdir -p new/dir && echo hi > new/dir/file.txt',
  'binary file': `printf '\\000\\001\\002\\377\\376binary\\000data' > blob.bin
    seq 1 3000 | gzip -n > numbers.gz
    git add -A && git commit -qm "binary"`,
  'crlf text': `printf 'a\\r\\nb\\r\\n' > win-new.txt && printf 'line one\\r\\nchanged\\r\\n' > windows.txt
    git add -A && git commit -qm "crlf"`,
  'exec-bit flip': 'chmod +x tool.sh && git commit -qam "exec bit"',
  rename: 'git mv docs/old-name.md docs/new-name.md && git commit -qm "rename"',
  deletion: 'git rm -q delete-me.txt && git commit -qm "delete"',
  'empty commit': 'echo x >> README.md && git commit -qam "real" && git commit -q --allow-empty -m "empty"',
  'non-utf8 commit message': `printf 'caf\\351 cr\\350me\\n\\nLatin-1 body \\351\\n' > /tmp/sa-msg-$$
    echo x >> README.md && git commit -qa -F /tmp/sa-msg-$$ && rm -f /tmp/sa-msg-$$`,
  'commit message with From lines': `echo y >> README.md
    printf 'subject\\n\\nFrom 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\\nFrom: Mallory <ceo@victim.example>\\n>From quoted\\n' > /tmp/sa-msg-$$
    git commit -qa -F /tmp/sa-msg-$$ && rm -f /tmp/sa-msg-$$`,
  merge: `git checkout -q -b side && echo side > side.txt && git add side.txt && git commit -qm "side"
    git checkout -q sandbox-agent && echo main > main.txt && git add main.txt && git commit -qm "main"
    git merge -q --no-ff --no-commit side && echo "only in the merge" > merge-only.txt && git add -A
    git commit -qm "merge side"`,
  'non-ascii path': `echo x > "$(printf 'caf\\303\\251 \\342\\230\\203.txt')" && git add -A && git commit -qm "unicode name"`,
};

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

/** Runs `script` in a plain clone of the checkout, commits leftovers, and returns the resulting tree. */
function expectedTree(checkout: string, script: string): string {
  const dir = tempDir('sa-expected-');
  git(dir, ['clone', '-q', checkout, 'w']);
  const work = join(dir, 'w');
  git(work, ['checkout', '-q', '-b', 'sandbox-agent']);
  execFileSync('sh', ['-c', `set -e\n${script}`], { cwd: work, env: TEST_GIT_ENV });
  git(work, ['add', '-A']);
  git(work, ['commit', '-q', '--allow-empty', '-m', 'leftovers']);
  return git(work, ['rev-parse', 'HEAD^{tree}']);
}

/** Applies the mbox with the README's exact command to a fresh clone of the checkout; returns the tree. */
function appliedTree(checkout: string, mbox: string): string {
  const dir = tempDir('sa-apply-');
  git(dir, ['clone', '-q', checkout, 'w']);
  const work = join(dir, 'w');
  git(work, ['am', '--keep-cr', '--patch-format=mboxrd', mbox]);
  return git(work, ['rev-parse', 'HEAD^{tree}']);
}

describe('fidelity: every change the agent makes round-trips to the identical tree', () => {
  for (const [name, script] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      repo = makeRepo({ files: BASE_FILES, commits: 2 });
      const runnerTemp = tempDir('sa-runner-');
      const scriptPath = join(runnerTemp, 'agent.sh');
      writeFileSync(scriptPath, `set -e\n${script}\n`);
      const { result } = await runLocalPipeline({
        checkout: repo.checkout,
        runnerTemp,
        agentCommand: `sh ${scriptPath}`,
      });
      expect(result.outcome, result.message).toBe('artifact');
      expect(result.reason).toBe('');
      const meta = JSON.parse(readFileSync(result.metaPath!, 'utf8'));
      const expected = expectedTree(repo.checkout, script);
      expect(meta.head_tree).toBe(expected);
      expect(result.headTree).toBe(expected);
      expect(appliedTree(repo.checkout, result.patchPath!)).toBe(expected);
      expect(meta.base_sha).toBe(repo.head);
      // No local sandbox is left behind.
      expect(readdirSync(runnerTemp).filter((n) => n.startsWith('sandbox-agent-local-'))).toEqual([]);
    });
  }

  it('keeps the commit count, less the empty commits it drops', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand:
        'echo a > a && git add a && git commit -qm a && git commit -q --allow-empty -m e && echo b > b',
    });
    expect(result.outcome).toBe('artifact');
    expect(result.commits).toBe(2);
    expect(JSON.parse(readFileSync(result.metaPath!, 'utf8')).empty_commits_dropped).toBe(1);
  });

  it('linearizes a merge without losing the changes made only in the merge commit', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    const scriptPath = join(runnerTemp, 'agent.sh');
    writeFileSync(scriptPath, `set -e\n${SCENARIOS['merge']}\n`);
    const { result, logs } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: `sh ${scriptPath}`,
    });
    const meta = JSON.parse(readFileSync(result.metaPath!, 'utf8'));
    expect(meta.linearized).toBe(true);
    expect(readFileSync(result.patchPath!, 'utf8')).toContain('merge-only.txt');
    expect(logs.join('\n')).toContain('merges linearized');
  });

  it('refuses (never drops) a merge whose first-parent chain does not reach the base', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: `git checkout -q --orphan other && git rm -rqf . && echo z > z && git add z && git commit -qm z &&
        git merge -q --allow-unrelated-histories -m m sandbox-agent`,
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('merge-unsupported');
  });

  it('fails clearly when the agent rewrites history away from the base', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'git checkout -q --orphan fresh && git commit -qm fresh',
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('history-rewritten');
    expect(result.message).toMatch(/no longer descends from the base/);
  });
});

describe('include-uncommitted', () => {
  it('ships uncommitted tracked changes as a snapshot commit that leads the returned history', async () => {
    repo = makeRepo({ files: BASE_FILES });
    writeFileSync(join(repo.checkout, 'src/app.txt'), 'one\ntwo\nthree\nlocal edit\n');
    writeFileSync(join(repo.checkout, 'untracked-local.txt'), 'never shipped\n');
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand:
        'test ! -e untracked-local.txt && grep -q "local edit" src/app.txt && echo agent >> README.md',
      inputs: { 'include-uncommitted': 'true' },
    });
    expect(result.outcome, result.message).toBe('artifact');
    const meta = JSON.parse(readFileSync(result.metaPath!, 'utf8'));
    expect(meta.base_sha).toBe(repo.head);
    expect(meta.snapshot_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(meta.commits).toBe(2);
    const mbox = readFileSync(result.patchPath!, 'utf8');
    expect(mbox.indexOf('+local edit')).toBeLessThan(mbox.indexOf('+agent'));
    // It applies to the real HEAD (a clean clone) and gives the sandbox's tree.
    expect(appliedTree(repo.origin, result.patchPath!)).toBe(meta.head_tree);
  });

  it('reports no-changes when the agent leaves the shipped snapshot as it was', async () => {
    repo = makeRepo({ files: BASE_FILES });
    writeFileSync(join(repo.checkout, 'src/app.txt'), 'dirty\n');
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'true',
      inputs: { 'include-uncommitted': 'true' },
    });
    expect(result.outcome).toBe('no-changes');
  });
});

describe('a hostile sandbox repo config does not change the result', () => {
  it('diff.noprefix, format.signature, diff.mnemonicPrefix, core.quotePath=false, format.binary=false, diff.context=0', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    const script = `git config diff.noprefix true && git config format.signature EVIL-SIGNATURE &&
      git config diff.mnemonicPrefix true && git config core.quotePath false && git config format.binary false &&
      git config diff.context 0 && git config diff.renames copies && git config format.headers "X-Evil: 1" &&
      printf '\\000\\001binary' > bin.dat && echo x > "$(printf 'n\\303\\251w.txt')" && echo more >> src/app.txt &&
      git add -A && git commit -qm hostile`;
    const scriptPath = join(runnerTemp, 'agent.sh');
    writeFileSync(scriptPath, `set -e\n${script}\n`);
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: `sh ${scriptPath}`,
    });
    expect(result.outcome, result.message).toBe('artifact');
    const mbox = readFileSync(result.patchPath!, 'utf8');
    expect(mbox).not.toContain('EVIL-SIGNATURE');
    expect(mbox).toContain('GIT binary patch');
    expect(mbox).toContain('diff --git a/');
    expect(appliedTree(repo.checkout, result.patchPath!)).toBe(expectedTree(repo.checkout, script));
  });
});

describe('embedded repositories the agent creates', () => {
  it('leaves them out (empty, with commits, with glob characters in the name) and brings the rest back', async () => {
    repo = makeRepo({ files: BASE_FILES });
    const runnerTemp = tempDir('sa-runner-');
    // An empty `git init` makes `git add -A` fail outright; a repo with commits would become a gitlink.
    const script = `git init -q empty-repo && echo draft > empty-repo/notes.txt
      git init -q 'vendor/lib[1]*' && echo lib > 'vendor/lib[1]*/lib.txt'
      git -C 'vendor/lib[1]*' -c user.name=a -c user.email=a@b add -A
      git -C 'vendor/lib[1]*' -c user.name=a -c user.email=a@b commit -qm lib
      mkdir vendor/lib1x && echo kept > vendor/lib1x/kept.txt
      echo work >> src/app.txt && git commit -qam "real work"
      echo leftover > leftover.txt`;
    const scriptPath = join(runnerTemp, 'agent.sh');
    writeFileSync(scriptPath, `set -e\n${script}\n`);
    const { result, logs } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: `sh ${scriptPath}`,
    });
    expect(result.outcome, result.message).toBe('artifact');
    expect(result.commits).toBe(2);
    const mbox = readFileSync(result.patchPath!, 'utf8');
    expect(mbox).toContain('leftover.txt');
    // An unescaped pattern (/vendor/lib[1]*/) would have dropped this directory too.
    expect(mbox).toContain('vendor/lib1x/kept.txt');
    expect(mbox).not.toContain('empty-repo');
    expect(mbox).not.toContain('lib[1]');
    expect(mbox).not.toContain('Subproject commit');
    expect(logs.join('\n')).toMatch(/2 git repositories the agent created inside the work tree/);
  });
});

describe('agent exit status and empty results', () => {
  it('captures the work of an agent that exits non-zero, and says so', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'echo partial >> README.md; exit 3',
    });
    expect(result.outcome).toBe('artifact');
    expect(result.reason).toBe('agent-failed');
    expect(result.agentExitCode).toBe(3);
    expect(result.message).toMatch(/exited with code 3/);
    expect(readFileSync(result.patchPath!, 'utf8')).toContain('+partial');
  });

  it('stops an agent at its budget and still captures its work', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const started = Date.now();
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'echo before-timeout >> README.md; sleep 60 & sleep 60; echo never >> README.md',
      inputs: { 'timeout-minutes': '0.03' },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.outcome).toBe('artifact');
    expect(result.reason).toBe('agent-timeout');
    const mbox = readFileSync(result.patchPath!, 'utf8');
    expect(mbox).toContain('+before-timeout');
    expect(mbox).not.toContain('+never');
  });

  it('reports no-changes (exit 0) when the agent changes nothing', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({ checkout: repo.checkout, runnerTemp, agentCommand: 'true' });
    expect(result.outcome).toBe('no-changes');
    expect(result.reason).toBe('');
    expect(result.commits).toBe(0);
    expect(result.artifactName).toBeUndefined();
  });

  it('fails with agent-failed when a failing agent changed nothing', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'exit 7',
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('agent-failed');
  });

  it('fails with setup-failed when setup-command fails, before the agent runs', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const { result } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: 'echo ran > agent-ran.txt',
      inputs: { 'setup-command': 'exit 4' },
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('setup-failed');
    expect(result.patchPath).toBeUndefined();
  });
});
