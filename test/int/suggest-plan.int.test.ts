import { chmodSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_IDENTITY, isolatedGit } from '../../src/shared/git.js';
import { planSuggestions } from '../../src/suggest/index.js';
import { git, tempDir } from '../helpers/repo.js';

/**
 * `planSuggestions` on a real repository (isolated git, as on the verify repo): which parts of the
 * verified change (PR head → HEAD) become suggestions and which are listed, and why.
 */
const lines = (n: number, tag: string) =>
  `${Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n')}\n`;

function commitAll(dir: string, message: string): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', message]);
  return git(dir, ['rev-parse', 'HEAD']);
}

describe('planSuggestions', () => {
  it('classifies new, deleted, binary, mode-changed, symlink and renamed-in-PR files', async () => {
    const dir = tempDir('sa-plan-');
    git(dir, ['init', '-q', '-b', 'main']);
    writeFileSync(join(dir, 'app.txt'), lines(20, 'app'));
    writeFileSync(join(dir, 'old-name.txt'), lines(20, 'ren'));
    writeFileSync(join(dir, 'gone.txt'), 'bye\n');
    writeFileSync(join(dir, 'run.sh'), 'echo hi\n');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, 'target.txt'), 't\n');
    symlinkSync('target.txt', join(dir, 'link'));
    const mergeBase = commitAll(dir, 'base');
    // The PR: edits app.txt line 10, renames old-name.txt (with an edit at line 5), touches run.sh.
    writeFileSync(join(dir, 'app.txt'), lines(20, 'app').replace('app 10\n', 'pr 10\n'));
    rmSync(join(dir, 'old-name.txt'));
    writeFileSync(join(dir, 'new-name.txt'), lines(20, 'ren').replace('ren 5\n', 'pr 5\n'));
    writeFileSync(join(dir, 'run.sh'), 'echo hello\n');
    const head = commitAll(dir, 'pr');
    // The agent: app.txt line 11, new-name.txt line 6, a new file, a deletion, binary, mode, symlink.
    writeFileSync(
      join(dir, 'app.txt'),
      lines(20, 'app').replace('app 10\n', 'pr 10\n').replace('app 11', 'agent 11'),
    );
    writeFileSync(
      join(dir, 'new-name.txt'),
      lines(20, 'ren').replace('ren 5\n', 'pr 5\n').replace('ren 6', 'agent 6'),
    );
    writeFileSync(join(dir, 'added.txt'), 'new\n');
    rmSync(join(dir, 'gone.txt'));
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 9, 9, 9]));
    chmodSync(join(dir, 'run.sh'), 0o755);
    rmSync(join(dir, 'link'));
    symlinkSync('app.txt', join(dir, 'link'));
    commitAll(dir, 'agent');

    const isolated = await isolatedGit(dir, tempDir('sa-plan-home-'), BOT_IDENTITY);
    const plan = await planSuggestions(isolated, head, mergeBase);
    expect(plan.suggestions).toEqual([
      { path: 'app.txt', line: 11, body: '```suggestion\nagent 11\n```' },
      { path: 'new-name.txt', line: 6, body: '```suggestion\nagent 6\n```' },
    ]);
    expect(plan.unexpressible).toEqual(
      expect.arrayContaining([
        { path: 'added.txt', why: 'new file' },
        { path: 'gone.txt', why: 'deleted file' },
        { path: 'blob.bin', why: 'binary file' },
        { path: 'run.sh', why: 'mode change 100644 → 100755' },
        { path: 'link', why: 'not a regular file (mode 120000 → 120000)' },
      ]),
    );
    expect(plan.unexpressible).toHaveLength(5);

    // Without the PR's merge base no line is known to be in the PR's diff: everything is listed.
    const blind = await planSuggestions(isolated, head);
    expect(blind.suggestions).toEqual([]);
    expect(blind.unexpressible).toContainEqual({
      path: 'app.txt',
      why: "line 11: outside the pull request's diff",
    });
  });
});
