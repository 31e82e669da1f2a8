import { ActionError } from '../shared/errors.js';
import type { Git, Identity } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Redactor } from '../shared/log.js';

export interface PushInput {
  /** The isolated repository holding the verified (and re-authored) commits at HEAD. */
  git: Git;
  serverUrl: string;
  /** `owner/repo`. */
  repository: string;
  token: string;
  /** The generated branch name; `-<attempt>` is appended if it exists and is not ours. */
  branch: string;
  attempt: string;
  bot: Identity;
  redact: Redactor;
}

export interface PushResult {
  branch: string;
  /** True when the branch existed (an earlier attempt of this run) and was updated. */
  updated: boolean;
}

/** GitHub's refusals, matched in one place, surfaced verbatim (redacted) as `push-rejected`. */
const REJECTIONS = [
  /GH013/,
  /GH001/,
  /GH006/,
  /GH007/,
  /without `?workflows`? permission/i,
  /protected branch/i,
  /pre-receive hook declined/i,
];

/**
 * Pushes HEAD to `refs/heads/<branch>` with an explicit refspec and a lease. The token reaches git only
 * through env-only config (`GIT_CONFIG_COUNT` → `http.<server>/.extraheader`): never argv, never a file,
 * never the sandbox. An existing branch is only ever overwritten when its tip was committed by the bot
 * (an earlier attempt of this run); otherwise a new name is used.
 */
export async function pushBranch(input: PushInput): Promise<PushResult> {
  const url = `${input.serverUrl}/${input.repository}.git`;
  const scheme = new URL(input.serverUrl).protocol.replace(':', '');
  const authed = input.git.with({
    env: {
      GIT_ALLOW_PROTOCOL: scheme,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${input.serverUrl}/.extraheader`,
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${input.token}`).toString('base64')}`,
    },
  });
  let branch = input.branch;
  let remoteSha = await remoteTip(authed, url, branch, input.redact);
  if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
    branch = `${input.branch}-${input.attempt}`;
    remoteSha = await remoteTip(authed, url, branch, input.redact);
    if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
      throw new ActionError(
        'push-rejected',
        `Branches ${input.branch} and ${branch} already exist and were not created by this action; nothing was overwritten.`,
        'Delete them or change branch-prefix.',
      );
    }
  }
  const result = await authed.exec([
    'push',
    '--porcelain',
    '--no-recurse-submodules',
    `--force-with-lease=refs/heads/${branch}:${remoteSha ?? ''}`,
    url,
    `HEAD:refs/heads/${branch}`,
  ]);
  if (result.exitCode !== 0) {
    const text = input.redact(`${result.stderr}\n${result.stdout}`);
    const remoteLines = text
      .split('\n')
      .filter((l) => l.startsWith('remote:') || REJECTIONS.some((r) => r.test(l)) || /^ ?!/.test(l))
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 12);
    // Remote messages are the server's (or a hook's) text: quoted as code, line by line.
    const detail = (remoteLines.length > 0 ? remoteLines : text.trim().split('\n').slice(-3))
      .map((line) => inlineCode(line, 300))
      .join('\n');
    throw new ActionError('push-rejected', `Pushing ${branch} was rejected:\n${detail}`, pushHint(text));
  }
  return { branch, updated: remoteSha !== undefined };
}

async function remoteTip(
  git: Git,
  url: string,
  branch: string,
  redact: Redactor,
): Promise<string | undefined> {
  const result = await git.exec(['ls-remote', '--heads', url, `refs/heads/${branch}`]);
  if (result.exitCode !== 0) {
    throw new ActionError(
      'push-rejected',
      `Could not reach the repository to push: ${inlineCode(redact(result.stderr.trim()).split('\n').slice(-2).join(' '), 300)}`,
      'Check that github-token can read and write contents (permissions: contents: write).',
    );
  }
  return result.stdout.split(/\s/)[0] || undefined;
}

/** True when the remote branch's tip was committed by the bot identity. */
async function isOurs(git: Git, url: string, branch: string, bot: Identity): Promise<boolean> {
  const ref = 'refs/sandbox-agent/remote-tip';
  const fetched = await git.exec([
    'fetch',
    '--quiet',
    '--no-tags',
    '--depth=1',
    url,
    `+refs/heads/${branch}:${ref}`,
  ]);
  if (fetched.exitCode !== 0) return false;
  const committer = (await git.exec(['log', '-1', '--format=%ce', ref, '--'])).stdout.trim();
  return committer === bot.email;
}

function pushHint(text: string): string {
  if (/workflows?` permission|without `?workflows/i.test(text)) {
    return 'The patch changes .github/workflows; GITHUB_TOKEN cannot push that. Review the artifact and apply it yourself.';
  }
  if (/GH001|exceeds GitHub's file size limit/i.test(text)) return 'A file is over GitHub’s 100 MB limit.';
  if (/GH013/.test(text))
    return 'A repository rule or push protection refused the push; see the lines above.';
  return 'The patch was delivered as an artifact instead.';
}
