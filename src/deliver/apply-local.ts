import { resolve } from 'node:path';
import { ActionError } from '../shared/errors.js';
import { hostGit, isSha } from '../shared/git.js';
import { verifyPatch } from './verify.js';

export interface ApplyLocalInput {
  repoDir: string;
  mboxPath: string;
  /** Contents of agent.meta.json (untrusted: validated here). */
  meta: unknown;
  branch?: string;
  workDir: string;
}

export interface ApplyLocalResult {
  branch: string;
  headSha: string;
  headTree: string;
  commits: number;
}

/**
 * `sandbox-agent apply`: verifies an mbox exactly as the action does (isolated repository, base,
 * commit count, tree), then fetches the verified commits into the user's repository as a new branch.
 * Nothing is applied in the user's work tree.
 */
export async function applyMbox(input: ApplyLocalInput): Promise<ApplyLocalResult> {
  const meta = input.meta as Record<string, unknown> | null;
  const commits = meta?.['commits'];
  if (!meta || !isSha(meta['base_sha']) || !isSha(meta['head_tree']) || typeof commits !== 'number') {
    throw new ActionError('invalid-input', 'agent.meta.json is missing base_sha, head_tree or commits.');
  }
  const git = hostGit(resolve(input.repoDir));
  const repoDir = await git.run(['rev-parse', '--show-toplevel']).catch(() => {
    throw new ActionError('invalid-input', `${input.repoDir} is not a git repository.`);
  });
  const local = hostGit(repoDir);
  const objectsDir = resolve(repoDir, await local.run(['rev-parse', '--git-path', 'objects']));
  const verified = await verifyPatch({
    objectsDir,
    baseSha: meta['base_sha'],
    mboxPath: input.mboxPath,
    meta: { commits, head_tree: meta['head_tree'] },
    workDir: input.workDir,
  });
  try {
    const branch = input.branch ?? `agent/apply-${verified.headSha.slice(0, 8)}`;
    if (!(await local.tryRun(['check-ref-format', '--branch', branch]))) {
      throw new ActionError('invalid-input', `'${branch}' is not a valid branch name.`);
    }
    if (await local.tryRun(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) {
      throw new ActionError(
        'invalid-input',
        `Branch ${branch} already exists; pass --branch with a new name.`,
      );
    }
    await verified.git.run(['update-ref', 'refs/heads/verified', verified.headSha]);
    await local.run([
      'fetch',
      '--quiet',
      '--no-tags',
      verified.repoDir,
      `refs/heads/verified:refs/heads/${branch}`,
    ]);
    return { branch, headSha: verified.headSha, headTree: verified.headTree, commits: verified.commits };
  } finally {
    await verified.close();
  }
}
