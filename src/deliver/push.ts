import { ActionError } from '../shared/errors.js';
import type { ExecResult } from '../shared/exec.js';
import type { Git, Identity } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Redactor } from '../shared/log.js';
import { withRetry } from '../shared/retry.js';

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
  /** Told about each retry of a transport fault (a log warning). */
  onRetry?: (message: string) => void;
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
  const { url, authed } = authedRemote(input);
  const tip = (name: string): Promise<string | undefined> =>
    remoteTip(authed, url, name, input.redact, input.onRetry);
  let branch = input.branch;
  let remoteSha = await tip(branch);
  if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
    branch = `${input.branch}-${input.attempt}`;
    remoteSha = await tip(branch);
    if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
      throw new ActionError(
        'push-rejected',
        `Branches ${input.branch} and ${branch} already exist and were not created by this action; nothing was overwritten.`,
        'Delete them or change branch-prefix.',
      );
    }
  }
  const head = (await input.git.run(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  const result = await pushWithLease(authed, url, {
    branch,
    commit: head,
    lease: remoteSha ?? '',
    tip: () => tip(branch),
    what: `Pushing ${branch}`,
    onRetry: input.onRetry,
  });
  if (result.exitCode !== 0) throw pushRejection(branch, result, input.redact);
  return { branch, updated: remoteSha !== undefined };
}

/** The remote URL and a Git that authenticates to it through env-only config (see pushBranch). */
function authedRemote(input: Pick<PushInput, 'git' | 'serverUrl' | 'repository' | 'token'>): {
  url: string;
  authed: Git;
} {
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
  return { url, authed };
}

export type LeasedPush =
  | { pushed: true }
  /** The branch is no longer at the lease SHA; `tip` is where it is now (undefined: deleted). */
  | { pushed: false; tip: string | undefined };

/**
 * Pushes `commit` onto an existing branch as a fast-forward, with a lease on `expectedTip`
 * (`--force-with-lease=refs/heads/<branch>:<expectedTip>`): a branch that moved meanwhile makes the push
 * fail instead of being overwritten, and is reported with its new tip. Never a force push: the caller
 * passes a commit that descends from `expectedTip`, and any other refusal throws `push-rejected`.
 */
export async function pushOntoBranch(
  input: Pick<PushInput, 'git' | 'serverUrl' | 'repository' | 'token' | 'redact' | 'onRetry'> & {
    branch: string;
    commit: string;
    expectedTip: string;
  },
): Promise<LeasedPush> {
  const { url, authed } = authedRemote(input);
  const tip = () => remoteTip(authed, url, input.branch, input.redact, input.onRetry);
  const result = await pushWithLease(authed, url, {
    branch: input.branch,
    commit: input.commit,
    lease: input.expectedTip,
    tip,
    what: `Pushing onto ${input.branch}`,
    onRetry: input.onRetry,
  });
  if (result.exitCode === 0) return { pushed: true };
  // A stale lease ("[rejected] (stale info)") or a non-fast-forward: look where the branch is now.
  const now = await tip();
  if (now !== input.expectedTip) return { pushed: false, tip: now };
  throw pushRejection(input.branch, result, input.redact);
}

/** Fetches `branch` of the remote into `ref` of the isolated repository; false when that failed. */
export async function fetchBranch(
  input: Pick<PushInput, 'git' | 'serverUrl' | 'repository' | 'token' | 'onRetry'> & {
    branch: string;
    ref: string;
  },
): Promise<boolean> {
  const { url, authed } = authedRemote(input);
  const fetched = await withTransportRetry(
    () => authed.exec(['fetch', '--quiet', '--no-tags', url, `+refs/heads/${input.branch}:${input.ref}`]),
    `Fetching ${input.branch}`,
    input.onRetry,
  );
  return fetched.exitCode === 0;
}

/** A refused push as `push-rejected` (or `permission-missing`/`token-invalid`), remote lines quoted. */
function pushRejection(
  branch: string,
  result: Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr'>,
  redact: Redactor,
): ActionError {
  {
    const text = redact(`${result.stderr}\n${result.stdout}`);
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
    if (isAuthFailure(text)) return tokenRejected(detail);
    return new ActionError(
      isPermissionDenied(text) ? 'permission-missing' : 'push-rejected',
      `Pushing ${branch} was rejected:\n${detail}`,
      pushHint(text),
    );
  }
}

async function remoteTip(
  git: Git,
  url: string,
  branch: string,
  redact: Redactor,
  onRetry: PushInput['onRetry'],
): Promise<string | undefined> {
  const result = await withTransportRetry(
    () => git.exec(['ls-remote', '--heads', url, `refs/heads/${branch}`]),
    'Reading the remote branches',
    onRetry,
  );
  if (result.exitCode !== 0) {
    const detail = inlineCode(redact(result.stderr.trim()).split('\n').slice(-2).join(' '), 300);
    if (isAuthFailure(result.stderr)) throw tokenRejected(detail);
    throw new ActionError(
      'push-rejected',
      `Could not reach the repository to push: ${detail}`,
      isTransient(result.stderr)
        ? 'GitHub kept failing after retries; re-run the job.'
        : 'Check that github-token can read and write contents (`permissions: contents: write`).',
    );
  }
  return result.stdout.split(/\s/)[0] || undefined;
}

/** True when the remote branch's tip was committed by the bot identity. */
async function isOurs(git: Git, url: string, branch: string, bot: Identity): Promise<boolean> {
  const ref = 'refs/sandbox-agent/remote-tip';
  const fetched = await withTransportRetry(
    () => git.exec(['fetch', '--quiet', '--no-tags', '--depth=1', url, `+refs/heads/${branch}:${ref}`]),
    `Fetching ${branch}`,
    undefined,
  );
  if (fetched.exitCode !== 0) return false;
  const committer = (await git.exec(['log', '-1', '--format=%ce', ref, '--'])).stdout.trim();
  return committer === bot.email;
}

/** A 4xx is the server's answer and final (a 403 is a missing permission, never retried). */
const CLIENT_ERROR = /returned error: 4\d\d|HTTP 4\d\d|Permission to \S+ denied|Authentication failed/i;
/** 5xx answers and dropped or timed-out connections, in git's and curl's words. */
const TRANSIENT =
  /returned error: 5\d\d|HTTP 5\d\d|RPC failed|remote end hung up unexpectedly|early EOF|Connection reset|Empty reply from server|Recv failure|Failed to connect|timed out|Could not resolve host|unexpected disconnect|transfer closed|was not closed cleanly/i;

function isTransient(stderr: string): boolean {
  return !CLIENT_ERROR.test(stderr) && TRANSIENT.test(stderr);
}

class TransientGitFailure extends Error {}

/**
 * `git push --force-with-lease=refs/heads/<branch>:<lease> <url> <commit>:refs/heads/<branch>` (an
 * empty lease: the branch must not exist), retried on transport faults. Re-sending is safe: the lease
 * still names the tip seen before the first try. A try whose reply was lost may have landed, so the
 * remote is looked at first: already at `commit` means done.
 */
function pushWithLease(
  authed: Git,
  url: string,
  push: {
    branch: string;
    commit: string;
    lease: string;
    tip: () => Promise<string | undefined>;
    what: string;
    onRetry: PushInput['onRetry'];
  },
): Promise<Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr'>> {
  return withTransportRetry(
    async (attempt) =>
      attempt > 0 && (await push.tip()) === push.commit
        ? { exitCode: 0, stdout: '', stderr: '' }
        : authed.exec([
            'push',
            '--porcelain',
            '--no-recurse-submodules',
            `--force-with-lease=refs/heads/${push.branch}:${push.lease}`,
            url,
            `${push.commit}:refs/heads/${push.branch}`,
          ]),
    push.what,
    push.onRetry,
  );
}

/**
 * Runs a git network command, again after a transport fault (one 5xx or dropped connection must not
 * cost the pushed work): up to 4 tries within a minute. Returns the last result when tries run out.
 */
async function withTransportRetry(
  operation: (attempt: number) => Promise<Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr'>>,
  what: string,
  onRetry: PushInput['onRetry'],
): Promise<Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr'>> {
  let last: Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr'> | undefined;
  try {
    return await withRetry(
      async (attempt) => {
        last = await operation(attempt);
        if (last.exitCode !== 0 && isTransient(last.stderr)) throw new TransientGitFailure(what);
        return last;
      },
      {
        attempts: 4,
        baseMs: 1_000,
        capMs: 8_000,
        totalMs: 60_000,
        classify: (error) => ({ retry: error instanceof TransientGitFailure }),
        onRetry: ({ attempt, delayMs }) =>
          onRetry?.(`${what} hit a network error (try ${attempt}); retrying in ${delayMs} ms.`),
      },
    );
  } catch (error) {
    if (error instanceof TransientGitFailure && last) return last;
    throw error;
  }
}

/**
 * A token GitHub no longer accepts: git over HTTPS gets 401, and git prints "fatal: Authentication failed
 * for '…'" (github.com adds "remote: Invalid username or token…"); with prompts off and no credential
 * helper, git stops at "could not read Username". An App token expires after one hour, mid-run.
 */
function isAuthFailure(text: string): boolean {
  return /Authentication failed|returned error: 401|HTTP 401|could not read Username|Invalid username or (password|token)/i.test(
    text,
  );
}

/** A token without `contents: write`: "Permission to o/r.git denied to github-actions[bot]." / 403. */
function isPermissionDenied(text: string): boolean {
  return CLIENT_ERROR.test(text) && /403|denied/i.test(text);
}

function tokenRejected(detail: string): ActionError {
  return new ActionError(
    'token-invalid',
    `github-token was refused by git (it expired or was revoked during the run): ${detail}`,
    'GitHub App tokens expire after one hour: mint the token in the same job right before this step (or shorten timeout-minutes); secrets.GITHUB_TOKEN lasts for the whole job.',
  );
}

function pushHint(text: string): string {
  if (isPermissionDenied(text)) {
    return 'github-token may not push to this repository: give the job `permissions: contents: write` (a fine-grained or App token needs Contents: read and write).';
  }
  if (/workflows?` permission|without `?workflows/i.test(text)) {
    return 'The patch changes .github/workflows; GITHUB_TOKEN cannot push that. Review the patch and apply it yourself.';
  }
  if (/GH001|exceeds GitHub's file size limit/i.test(text)) return 'A file is over GitHub’s 100 MB limit.';
  if (/GH013/.test(text))
    return 'A repository rule or push protection refused the push; see the lines above.';
  return 'See the lines above.';
}
