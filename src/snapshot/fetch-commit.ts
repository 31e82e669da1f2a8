import { ActionError } from '../shared/errors.js';
import type { Git } from '../shared/git.js';

export interface FetchSource {
  serverUrl: string;
  repository: string;
  token: string;
}

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Makes sure `sha` is in the checkout's object store, fetching exactly that commit (depth 1, no ref
 * written, the work tree untouched) when it is missing. The token reaches git only through env-only
 * config, as in `deliver/push.ts`.
 */
export async function ensureCommit(git: Git, sha: string, from?: FetchSource): Promise<string> {
  if (!COMMIT_ID.test(sha)) {
    throw new ActionError('invalid-input', `'${sha}' is not a commit id.`);
  }
  if (await hasCommit(git, sha)) return sha;
  if (!from) throw new ActionError('git-error', `Commit ${sha} is not in the checkout.`);
  const result = await fetchCommits(git, [sha], 1, from);
  if (result.exitCode !== 0 || !(await hasCommit(git, sha))) {
    throw new ActionError(
      'git-error',
      `Could not fetch the pull request head ${sha.slice(0, 12)}: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}`,
      'Check that github-token can read contents.',
    );
  }
  return sha;
}

export async function hasCommit(git: Git, sha: string): Promise<boolean> {
  return (await git.exec(['cat-file', '-e', `${sha}^{commit}`])).exitCode === 0;
}

/**
 * Fetches `shas` with `depth` commits of history each (no ref written, the work tree untouched). Used
 * to deepen a shallow checkout just enough to reach a pull request's merge base.
 */
export async function fetchCommits(
  git: Git,
  shas: string[],
  depth: number,
  from: FetchSource,
): Promise<{ exitCode: number; stderr: string }> {
  for (const sha of shas) {
    if (!COMMIT_ID.test(sha)) throw new ActionError('invalid-input', `'${sha}' is not a commit id.`);
  }
  const env: Record<string, string> = {
    GIT_ALLOW_PROTOCOL: new URL(from.serverUrl).protocol.replace(':', ''),
    GIT_TERMINAL_PROMPT: '0',
  };
  if (from.token) {
    env['GIT_CONFIG_COUNT'] = '1';
    env['GIT_CONFIG_KEY_0'] = `http.${from.serverUrl}/.extraheader`;
    env['GIT_CONFIG_VALUE_0'] =
      `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${from.token}`).toString('base64')}`;
  }
  return git.exec(
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      `--depth=${depth}`,
      `${from.serverUrl}/${from.repository}.git`,
      ...shas,
    ],
    { env },
  );
}
