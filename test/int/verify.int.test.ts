import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPatch } from '../../src/deliver/verify.js';
import { ActionError } from '../../src/shared/errors.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Verification applies the mbox in a sparse checkout: the base is never written out, only what the
 * patch touches. These cases check that this gives exactly the tree a plain `git am` on a full checkout
 * gives, for the kinds of change that read a preimage (modify, mode, symlink, binary, rename, delete).
 */
const FILES: Record<string, string | Buffer> = {
  'README.md': '# demo\n',
  'deep/a/b/c/text.txt': 'one\ntwo\nthree\n',
  'deep/a/untouched.txt': 'stays\n',
  'crlf.txt': 'x\r\ny\r\n',
  'tool.sh': '#!/bin/sh\necho tool\n',
  'old/name.md': 'rename me\n',
  'gone.txt': 'bye\n',
  'blob.bin': Buffer.from([0, 1, 2, 255, 254, 0, 9, 8, 7]),
};
for (let i = 0; i < 300; i++) FILES[`bulk/dir${i % 10}/file${i}.txt`] = `bulk ${i}\n`;

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

/** Runs `script` in a clone of the checkout and returns the mbox, commit count and tree it produced. */
function agentPatch(checkout: string, script: (dir: string) => void) {
  const dir = join(tempDir('sa-verify-agent-'), 'clone');
  git(checkout, ['clone', '-q', '--no-local', checkout, dir]);
  const base = git(dir, ['rev-parse', 'HEAD']);
  script(dir);
  const mboxPath = join(dir, '..', 'agent.mbox');
  const mbox = git(dir, [
    'format-patch',
    '--stdout',
    '--always',
    '--binary',
    '--pretty=mboxrd',
    `${base}..HEAD`,
    '--',
  ]);
  writeFileSync(mboxPath, `${mbox}\n`);
  return {
    mboxPath,
    meta: {
      commits: Number(git(dir, ['rev-list', '--count', `${base}..HEAD`, '--'])),
      head_tree: git(dir, ['rev-parse', '--verify', 'HEAD^{tree}']),
    },
  };
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .filter((path) => !path.startsWith('.git/'))
    .sort();
}

async function verify(patch: ReturnType<typeof agentPatch>) {
  const workDir = tempDir('sa-verify-');
  return verifyPatch({
    objectsDir: join(repo!.checkout, '.git', 'objects'),
    baseSha: repo!.head,
    mboxPath: patch.mboxPath,
    meta: patch.meta,
    workDir,
  });
}

describe('verifyPatch (sparse apply)', () => {
  it('reproduces modify, mode, symlink, binary, rename and delete, writing only the touched files', async () => {
    repo = makeRepo({ files: FILES, commits: 1 });
    const patch = agentPatch(repo.checkout, (dir) => {
      writeFileSync(join(dir, 'deep/a/b/c/text.txt'), 'one\nTWO\nthree\n');
      writeFileSync(join(dir, 'crlf.txt'), 'x\r\nz\r\n');
      git(dir, ['commit', '-qam', 'edit deep and crlf']);
      git(dir, ['update-index', '--chmod=+x', 'tool.sh']);
      git(dir, ['commit', '-qm', 'exec bit']);
      symlinkSync('deep/a/untouched.txt', join(dir, 'link'));
      writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-qm', 'symlink and binary']);
      mkdirSync(join(dir, 'new'));
      git(dir, ['mv', 'old/name.md', 'new/name.md']);
      git(dir, ['rm', '-q', 'gone.txt']);
      git(dir, ['commit', '-qm', 'rename and delete']);
    });
    const verified = await verify(patch);
    try {
      expect(verified.headTree).toBe(patch.meta.head_tree);
      expect(verified.commits).toBe(4);
      // The 300 bulk files and the untouched ones were never written; the touched ones were.
      const written = listFiles(verified.repoDir);
      expect(written).toEqual(
        ['blob.bin', 'crlf.txt', 'deep/a/b/c/text.txt', 'link', 'new/name.md', 'tool.sh'].sort(),
      );
      expect(readFileSync(join(verified.repoDir, 'crlf.txt'), 'utf8')).toBe('x\r\nz\r\n');
      // A plain git am on a full checkout agrees, file for file.
      const full = join(tempDir('sa-verify-full-'), 'repo');
      git(repo.checkout, ['clone', '-q', '--no-local', repo.checkout, full]);
      git(full, ['am', '-q', '--keep-cr', '--patch-format=mboxrd', patch.mboxPath]);
      expect(git(full, ['rev-parse', 'HEAD^{tree}'])).toBe(verified.headTree);
    } finally {
      await verified.close();
    }
  });

  it('a hunk whose context does not match the base still fails in the sparse checkout', async () => {
    repo = makeRepo({ files: FILES, commits: 1 });
    const patch = agentPatch(repo.checkout, (dir) => {
      writeFileSync(join(dir, 'bulk/dir3/file3.txt'), 'changed\n');
      git(dir, ['commit', '-qam', 'edit']);
    });
    // Forge the preimage: the patch now claims a line the base never had.
    const forged = readFileSync(patch.mboxPath, 'utf8').replace('-bulk 3\n', '-not in the base\n');
    writeFileSync(patch.mboxPath, forged);
    const error = await verify(patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('apply-failed');
  });

  it('an mbox with an empty patch is refused: the README apply command would stop on it', async () => {
    repo = makeRepo({ files: FILES, commits: 1 });
    // The capture drops empty commits, so only a forged mbox carries one.
    const patch = agentPatch(repo.checkout, (dir) => {
      writeFileSync(join(dir, 'README.md'), '# changed\n');
      git(dir, ['commit', '-qam', 'edit']);
      git(dir, ['commit', '-q', '--allow-empty', '-m', 'forged empty']);
    });
    expect(readFileSync(patch.mboxPath, 'utf8')).toContain('forged empty');
    const error = await verify(patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('apply-failed');
  });

  it('files named HEAD, like the base commit or HEAD^{tree} do not confuse the checks after git am', async () => {
    repo = makeRepo({ files: FILES, commits: 1 });
    const base = repo.head;
    const patch = agentPatch(repo.checkout, (dir) => {
      for (const name of ['HEAD', 'main', base, 'HEAD^{tree}', `${base}..HEAD`]) {
        writeFileSync(join(dir, name), `${name}\n`);
      }
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-qm', 'ref-like names']);
    });
    const verified = await verify(patch);
    try {
      expect(verified.headTree).toBe(patch.meta.head_tree);
      expect(verified.commits).toBe(1);
      expect(verified.filesChanged).toBe(5);
    } finally {
      await verified.close();
    }
  });
});
