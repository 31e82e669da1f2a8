import { ActionError } from '../shared/errors.js';
import type { Git } from '../shared/git.js';

/**
 * Makes sure `sha` is in the checkout's object store, fetching exactly that commit (depth 1, no ref
 * written, the work tree untouched) when it is missing. The token reaches git only through env-only
 * config, as in `deliver/push.ts`.
 */
export async function ensureCommit(
  git: Git,
  sha: string,
  from?: { serverUrl: string; repository: string; token: string },
): Promise<string> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    throw new ActionError('invalid-input', `'${sha}' is not a commit id.`);
  }
  if ((await git.exec(['cat-file', '-e', `${sha}^{commit}`])).exitCode === 0) return sha;
  if (!from) throw new ActionError('git-error', `Commit ${sha} is not in the checkout.`);
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
  const result = await git.exec(
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--depth=1',
      `${from.serverUrl}/${from.repository}.git`,
      sha,
    ],
    { env },
  );
  if (result.exitCode !== 0 || (await git.exec(['cat-file', '-e', `${sha}^{commit}`])).exitCode !== 0) {
    throw new ActionError(
      'git-error',
      `Could not fetch the pull request head ${sha.slice(0, 12)}: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}`,
      'Check that github-token can read contents.',
    );
  }
  return sha;
}
