// The preflight's GitHub probes, a chunk of their own: runPreflight (./index.ts) loads it only when the
// output includes a pull request and a token is set.
import { createGitHubClient, errorText, type GitHubClient, httpStatus } from '../deliver/github.js';
import { ActionError } from '../shared/errors.js';
import { withRetry } from '../shared/retry.js';
import { PROBE_TIMEOUT_MS, type PreflightCheck, type PreflightInput } from './index.js';

/** Each probe is short: three attempts within about 3 s, 10 s per request. */
const PROBE_RETRY = { attempts: 3, baseMs: 300, capMs: 1_000, totalMs: 3_000 } as const;

/** Network errors and 5xx are worth another try; any other answer is the answer. */
function transient(error: unknown): { retry: boolean } {
  if (error instanceof ActionError) return { retry: false };
  const status = httpStatus(error);
  return { retry: status === undefined || status >= 500 };
}

/**
 * Called by runPreflight only when the output includes a pull request and a token is set: the token
 * works (`GET /repos/{o}/{r}`), `base-branch` exists, and the token may push.
 */
export async function probeGitHub(input: PreflightInput): Promise<PreflightCheck[]> {
  const { settings, context, task, logger } = input;
  const [owner = '', repo = ''] = context.repository.split('/');
  const octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  const unverified = (what: string, error: unknown): PreflightCheck['status'] => {
    logger.warning(`Could not check ${what} before starting (${errorText(error)}); going on.`);
    return 'unverified';
  };

  let tokenStatus: PreflightCheck['status'] = 'passed';
  try {
    await call(() => octokit.rest.repos.get({ owner, repo, request: githubRequest() }));
  } catch (error) {
    refuseRepositoryAnswer(error, context.repository);
    tokenStatus = unverified('the github-token', error);
  }

  // A PR comment's base is the PR's head branch, which GitHub has just returned: only the input is probed.
  let baseStatus: PreflightCheck['status'] = 'skipped';
  if (settings.baseBranch && !task.baseBranch) {
    baseStatus = await checkBaseBranch(octokit, owner, repo, settings.baseBranch).catch((error: unknown) => {
      if (error instanceof ActionError) throw error;
      return unverified('base-branch', error);
    });
  }

  let pushStatus: PreflightCheck['status'] = 'passed';
  // allow-fork-prs: suggest on a fork PR pushes nothing (a review only): a read-only token is enough.
  const pushes = !(settings.suggestOnForks && task.pull && !task.pull.sameRepo);
  try {
    if (pushes)
      await call(() => probeReceivePack(context.serverUrl, context.repository, settings.githubToken));
    else pushStatus = 'skipped';
  } catch (error) {
    if (error instanceof ActionError) throw error;
    pushStatus = unverified('push access', error);
  }
  return [
    { name: 'github-token', status: tokenStatus },
    { name: 'base-branch', status: baseStatus },
    { name: 'push-permission', status: pushStatus },
  ];
}

function call<T>(operation: () => Promise<T>): Promise<T> {
  return withRetry(operation, { ...PROBE_RETRY, classify: transient });
}

/** Per request: no Octokit retries (withRetry owns them, briefly) and a short timeout. */
function githubRequest(): { retries: number; timeout: number } {
  return { retries: 0, timeout: PROBE_TIMEOUT_MS };
}

/** 401/403/404 on `GET /repos/{o}/{r}` are answers about the token; anything else returns. */
function refuseRepositoryAnswer(error: unknown, repository: string): void {
  const status = httpStatus(error);
  if (status === 401) {
    throw new ActionError(
      'token-invalid',
      `github-token is invalid or expired (GitHub answered 401 ${errorText(error)}).`,
      'Pass a valid token: secrets.GITHUB_TOKEN, or a freshly minted GitHub App token (they expire after one hour).',
    );
  }
  if (status === 404 || status === 403) {
    throw new ActionError(
      'permission-missing',
      `github-token cannot see ${repository} (GitHub answered ${status} ${errorText(error)}).`,
      'Use a token with access to this repository: secrets.GITHUB_TOKEN of this repository, a GitHub App installed on it, or a token with the repo scope.',
    );
  }
}

async function checkBaseBranch(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<PreflightCheck['status']> {
  try {
    await call(() => octokit.rest.repos.getBranch({ owner, repo, branch, request: githubRequest() }));
    return 'passed';
  } catch (error) {
    // docs.github.com/rest/branches/branches#get-a-branch: 404 "Branch not found".
    if (httpStatus(error) === 404) {
      throw new ActionError(
        'base-missing',
        `The base branch '${branch}' does not exist in ${owner}/${repo}.`,
        'Set base-branch to an existing branch, or leave it empty to use the workflow branch or the default branch.',
      );
    }
    throw error;
  }
}

/**
 * Smart-HTTP service discovery for a push (git-scm.com/docs/http-protocol, "Smart Clients":
 * `GET $GIT_URL/info/refs?service=git-receive-pack`), which is where `git push` meets a read-only token:
 * GitHub answers 403 ("Permission to o/r.git denied"), the same as the push would, without writing
 * anything. The token goes in the Authorization header only (basic `x-access-token:<token>`, as the push
 * in deliver/push.ts sends it), never in argv or the URL.
 */
async function probeReceivePack(serverUrl: string, repository: string, token: string): Promise<void> {
  const url = `${serverUrl}/${repository}.git/info/refs?service=git-receive-pack`;
  const response = await fetch(url, {
    headers: {
      authorization: `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
      'user-agent': 'git/2.43.0 (sandbox-agent-action preflight)',
    },
    redirect: 'manual',
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  });
  await response.body?.cancel().catch(() => {});
  if (response.ok) return;
  if (response.status === 401 || response.status === 403) {
    throw new ActionError(
      'permission-missing',
      `github-token may not push to ${repository} (HTTP ${response.status} on git-receive-pack).`,
      'Give the job `permissions: contents: write` (and `pull-requests: write` for the pull request), or pass a token that can push.',
    );
  }
  throw Object.assign(new Error(`HTTP ${response.status} from ${serverUrl} on git-receive-pack`), {
    status: response.status,
  });
}
