import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PatchMeta } from '../capture/index.js';
import { DEFAULT_EXPANSION_BUDGET, EXPANSION_FACTOR } from '../policy/caps.js';
import { ActionError } from '../shared/errors.js';
import { BOT_IDENTITY, type Git, type Identity, isolatedGit } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import { assertExpansionWithin } from './expansion.js';
import { runLimitedGit } from './limited-git.js';

export interface VerifyInput {
  /** Object directory holding the base commit (the checkout's). */
  objectsDir: string;
  /** The base we shipped; the sandbox's claim is never trusted for it. */
  baseSha: string;
  mboxPath: string;
  meta: Pick<PatchMeta, 'commits' | 'head_tree'>;
  /** A private directory; it is emptied first. */
  workDir: string;
  /** max-patch-bytes: `git am` may inflate EXPANSION_FACTOR times this (the default cap's when absent). */
  maxPatchBytes?: number;
  identity?: Identity;
}

export interface VerifiedPatch {
  git: Git;
  repoDir: string;
  baseSha: string;
  headSha: string;
  headTree: string;
  commits: number;
  filesChanged: number;
  close(): Promise<void>;
}

/** A sparse-checkout pattern no path matches: the base is checked out with every entry skip-worktree. */
const NO_PATHS = '/.sandbox-agent-verify-writes-no-files\n';

/**
 * Verification reads git objects only, so the working tree is scratch space for `git am`. Checking out
 * the whole base would write every file of the checkout (20,000 files took 2 to 18 s on one runner
 * disk) for nothing. With every entry skip-worktree, `git apply` checks out each file a patch touches
 * from the index before applying to it (apply.c `checkout_target`), so the result is the same tree a
 * full checkout gives; the fidelity suite runs through this path.
 */
async function startSparse(git: Git, repoDir: string): Promise<void> {
  await git.run(['config', 'core.sparseCheckout', 'true']);
  await git.run(['config', 'core.sparseCheckoutCone', 'false']);
  // Otherwise every index read lstat()s each skip-worktree path to see whether it reappeared: 20,000
  // failing lstat calls per patch, 1 million for a 50-commit mbox.
  await git.run(['config', 'sparse.expectFilesOutsideOfPatterns', 'true']);
  await mkdir(join(repoDir, '.git', 'info'), { recursive: true });
  await writeFile(join(repoDir, '.git', 'info', 'sparse-checkout'), NO_PATHS);
}

/**
 * Applies the mbox in a fresh repository with isolated git config (SPEC §6; research D13) and checks it
 * against git's own view: same base, same commit count, identical `HEAD^{tree}`. The repository borrows
 * the checkout's objects through `alternates`; nothing of the workspace is read or written.
 */
export async function verifyPatch(input: VerifyInput): Promise<VerifiedPatch> {
  await rm(input.workDir, { recursive: true, force: true });
  const repoDir = join(input.workDir, 'repo');
  await mkdir(repoDir, { recursive: true });
  const git = await isolatedGit(repoDir, join(input.workDir, 'home'), input.identity ?? BOT_IDENTITY);
  const close = () => rm(input.workDir, { recursive: true, force: true });
  try {
    await git.run(['init', '--quiet', '--template=', '.']);
    await writeFile(join(repoDir, '.git', 'objects', 'info', 'alternates'), `${input.objectsDir}\n`);
    // The checkout is usually shallow; declaring the base shallow keeps history walks from leaving it.
    await writeFile(join(repoDir, '.git', 'shallow'), `${input.baseSha}\n`);
    if (!(await git.tryRun(['cat-file', '-e', `${input.baseSha}^{commit}`]))) {
      throw new ActionError(
        'apply-failed',
        `The base commit ${input.baseSha} is not in the local repository.`,
        'Fetch it first (git fetch origin <sha>) and retry.',
      );
    }
    await startSparse(git, repoDir);
    await git.run(['checkout', '--quiet', '--detach', input.baseSha, '--']);
    const budget =
      input.maxPatchBytes === undefined ? DEFAULT_EXPANSION_BUDGET : EXPANSION_FACTOR * input.maxPatchBytes;
    await assertExpansionWithin(input.mboxPath, budget, `${EXPANSION_FACTOR} × max-patch-bytes`);
    const am = await runLimitedGit(
      git,
      ['am', '--quiet', '--keep-cr', '--patch-format=mboxrd', '--empty=stop', '--no-3way', '--no-gpg-sign'],
      { input: { file: input.mboxPath }, budget },
    );
    if (am.limitHit) {
      await git.exec(['am', '--abort']);
      throw new ActionError(
        'patch-too-large',
        `Applying the patch went past the expansion budget of ${budget} bytes (${EXPANSION_FACTOR} × max-patch-bytes) and was stopped.`,
        'Ask for a smaller change; large binary files belong in Git LFS or a release asset, not in the patch.',
      );
    }
    if (am.exitCode !== 0) {
      await git.exec(['am', '--abort']);
      const detail = (am.stderr || am.stdout).trim().split('\n').slice(0, 3).join(' ');
      throw new ActionError(
        'apply-failed',
        `The patch does not apply to the base commit: ${inlineCode(detail, 300)}`,
        'Nothing was delivered from it; the action keeps it under out-dir/quarantine for inspection.',
      );
    }
    const headSha = await git.run(['rev-parse', '--verify', 'HEAD']);
    const headTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
    const commits = Number(await git.run(['rev-list', '--count', `${input.baseSha}..HEAD`, '--']));
    if (commits !== input.meta.commits || headTree !== input.meta.head_tree) {
      throw new ActionError(
        'tree-mismatch',
        `The applied patch does not match the sandbox: ${commits} commit(s) and tree ${headTree.slice(0, 12)} ` +
          `on the runner, ${input.meta.commits} commit(s) and tree ${input.meta.head_tree.slice(0, 12)} in the sandbox.`,
        'The mbox may have been tampered with or produced under hostile settings; nothing was delivered from it.',
      );
    }
    const names = await git.run([
      'diff-tree',
      '-r',
      '--no-renames',
      '--name-only',
      '-z',
      input.baseSha,
      'HEAD',
      '--',
    ]);
    const filesChanged = names.split('\0').filter(Boolean).length;
    return { git, repoDir, baseSha: input.baseSha, headSha, headTree, commits, filesChanged, close };
  } catch (error) {
    await close();
    throw error;
  }
}
