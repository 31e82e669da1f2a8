import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { withRetry } from '../shared/retry.js';
import { errorText, type GitHubClient, httpStatus } from './github.js';

export interface PullRequestInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: string[];
  reviewers: string[];
  logger: Logger;
}

export interface PullRequestResult {
  number: number;
  url: string;
  created: boolean;
}

/**
 * GitHub's answers to `POST /repos/{o}/{r}/pulls` that no retry can fix
 * (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request, "403 Forbidden" / "422 Validation
 * failed"): the repository setting that stops Actions from opening PRs, a token without
 * `pull-requests: write` ("Resource not accessible by integration"), and a base branch that does not exist.
 */
const ACTIONS_NOT_PERMITTED = /not permitted to create or approve pull requests/i;
const NOT_ACCESSIBLE = /Resource not accessible by integration/i;

/** The refusal as an ActionError naming the fix, or undefined for an error worth retrying or adopting. */
export function pullRequestRefusal(error: unknown, base: string): ActionError | undefined {
  const status = httpStatus(error);
  const text = errorText(error);
  if (status === 401) return tokenExpired(text);
  if (status === 403 && ACTIONS_NOT_PERMITTED.test(text)) {
    return new ActionError(
      'pr-creation-forbidden',
      'GitHub Actions is not permitted to create pull requests in this repository.',
      'Turn on the repository setting "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General → Workflow permissions), or pass a GitHub App token as github-token.',
    );
  }
  if (status === 403 && NOT_ACCESSIBLE.test(text)) {
    return new ActionError(
      'permission-missing',
      'github-token may not create pull requests (403 "Resource not accessible by integration").',
      'Give the job `permissions: pull-requests: write` (next to `contents: write`).',
    );
  }
  if (status === 422 && validationFields(error).includes('base')) {
    return new ActionError(
      'base-missing',
      `GitHub refused the pull request because its base branch ${JSON.stringify(base)} does not exist.`,
      'Set base-branch to an existing branch (or push that branch first).',
    );
  }
  return undefined;
}

/**
 * 401 "Bad credentials" at delivery: the preflight found the token valid, so it expired or was revoked
 * during the run (docs.github.com/rest/authentication/authenticating-to-the-rest-api: "401 Unauthorized").
 */
export function tokenExpired(text: string): ActionError {
  return new ActionError(
    'token-invalid',
    `github-token stopped working during the run (GitHub answered 401 ${text}): it expired or was revoked.`,
    'GitHub App tokens expire after one hour: mint the token in the same job right before this step (or shorten timeout-minutes); secrets.GITHUB_TOKEN lasts for the whole job.',
  );
}

/**
 * Any failure while delivering a pull request, as an ActionError with a reason and what to do: the
 * refusals above, an ActionError as is, or GitHub's own answer (5xx after the retries, a network error).
 */
export function deliveryFailure(error: unknown, base: string): ActionError {
  if (error instanceof ActionError) return error;
  const refusal = pullRequestRefusal(error, base);
  if (refusal) return refusal;
  const status = httpStatus(error);
  return new ActionError(
    status === undefined || status >= 500 ? 'push-rejected' : 'internal-error',
    `Talking to GitHub failed${status ? ` (HTTP ${status})` : ''}: ${errorText(error)}`,
    status === undefined || status >= 500
      ? 'GitHub kept failing after retries (see githubstatus.com); re-run the job.'
      : undefined,
    { cause: error },
  );
}

const ALREADY_EXISTS = /already exists/i;

/**
 * Opens the pull request, or adopts the open one for the same branch (`pr-updated`). Create is
 * non-idempotent: it is never retried blindly; after a failure the PR is looked up first.
 */
export async function openOrUpdatePullRequest(input: PullRequestInput): Promise<PullRequestResult> {
  const existing = await findOpenPull(input);
  if (existing) {
    await input.octokit.rest.pulls.update({
      owner: input.owner,
      repo: input.repo,
      pull_number: existing.number,
      title: input.title,
      body: input.body,
    });
    input.logger.info(`Updated pull request #${existing.number}.`);
    await decorate(input, existing.number);
    return { ...existing, created: false };
  }
  const created = await withRetry(
    async () => {
      try {
        const { data } = await input.octokit.rest.pulls.create({
          owner: input.owner,
          repo: input.repo,
          head: input.branch,
          base: input.base,
          title: input.title,
          body: input.body,
          draft: input.draft,
          request: { retries: 0 },
        });
        return { number: data.number, url: data.html_url, created: true };
      } catch (error) {
        const text = errorText(error);
        const refusal = pullRequestRefusal(error, input.base);
        if (refusal) throw refusal;
        // A lost response may have created the PR: look before trying again.
        const adopted = await findOpenPull(input).catch(() => undefined);
        if (adopted) return { ...adopted, created: httpStatus(error) !== 422 || !ALREADY_EXISTS.test(text) };
        throw error;
      }
    },
    {
      attempts: 3,
      baseMs: 1_000,
      capMs: 8_000,
      totalMs: 60_000,
      classify: (error) => {
        const status = httpStatus(error);
        return { retry: !(error instanceof ActionError) && (status === undefined || status >= 500) };
      },
      onRetry: ({ delayMs }) =>
        input.logger.warning(`Creating the pull request failed; retrying in ${delayMs} ms.`),
    },
  ).catch((error: unknown) => {
    if (error instanceof ActionError) throw error;
    throw new ActionError(
      'push-rejected',
      `Creating the pull request failed: ${errorText(error)}`,
      'GitHub kept failing after retries (see githubstatus.com); open the pull request from the compare link or re-run the job.',
      { cause: error },
    );
  });
  input.logger.info(`Opened pull request #${created.number}: ${created.url}`);
  await decorate(input, created.number);
  return created;
}

/** The `field`s of a 422's `errors` array (`[{resource: 'PullRequest', field: 'base', code: 'invalid'}]`). */
function validationFields(error: unknown): string[] {
  const errors = (error as { response?: { data?: { errors?: unknown } } })?.response?.data?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) => (e as { field?: unknown })?.field)
    .filter((f): f is string => typeof f === 'string');
}

async function findOpenPull(input: PullRequestInput): Promise<{ number: number; url: string } | undefined> {
  const { data } = await input.octokit.rest.pulls.list({
    owner: input.owner,
    repo: input.repo,
    head: `${input.owner}:${input.branch}`,
    state: 'open',
    per_page: 10,
  });
  const pull = data[0];
  return pull ? { number: pull.number, url: pull.html_url } : undefined;
}

/** Labels and reviewers are best effort: a failure is a warning, never the outcome. */
async function decorate(input: PullRequestInput, number: number): Promise<void> {
  if (input.labels.length > 0) {
    await input.octokit.rest.issues
      .addLabels({ owner: input.owner, repo: input.repo, issue_number: number, labels: input.labels })
      .catch((error: unknown) => input.logger.warning(`Could not add labels: ${errorText(error)}`));
  }
  if (input.reviewers.length > 0) {
    await input.octokit.rest.pulls
      .requestReviewers({
        owner: input.owner,
        repo: input.repo,
        pull_number: number,
        reviewers: input.reviewers,
      })
      .catch((error: unknown) => input.logger.warning(`Could not request reviewers: ${errorText(error)}`));
  }
}
