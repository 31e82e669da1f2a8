import { runUrl } from '../settings/context.js';
import { ActionError } from '../shared/errors.js';
import { BOT_IDENTITY } from '../shared/git.js';
import { decideFollowUp, deliverFollowUp } from './follow-up.js';
import { createGitHubClient } from './github.js';
import type { DeliverInput } from './index.js';
import { renderPrBody } from './pr-body.js';
import { deliveryFailure, openOrUpdatePullRequest } from './pull-request.js';
import { pushBranch } from './push.js';
import { githubUserIdentity, rewriteAuthors } from './rewrite.js';

export interface PullRequestDelivery {
  branch: string;
  number?: number;
  url?: string;
  created: boolean;
  /**
   * The branch was pushed but no PR was opened or updated: GitHub refused it (not permitted, token lacks
   * permission, no base, token expired) or kept failing. Reported as `branch-pushed`, never silently.
   */
  forbidden: boolean;
  /** Why, with the fix, when `forbidden`. */
  refusal?: ActionError;
  compareUrl: string;
  /** The commits were pushed onto the existing PR's own branch (`follow-up` output). */
  followUp?: boolean;
  /** Why a follow-up could not land on the PR's branch (`rebase-conflict`), shown with the new PR. */
  note?: ActionError;
}

/**
 * Re-author → push a generated branch → open or adopt the PR. A failure before the push throws (an
 * ActionError naming the fix); any failure after it returns `forbidden` with the pushed branch.
 */
export async function deliverPullRequest(input: DeliverInput): Promise<PullRequestDelivery> {
  const { settings, context, verified, task, logger } = input;
  if (!settings.githubToken) {
    throw new ActionError(
      'invalid-input',
      'github-token is empty, so no pull request can be opened.',
      'Pass github-token (the default is the job token) or use output: artifact.',
    );
  }
  // PR text is public: the parts the action did not write itself are scanned before anything is pushed
  // (commit messages and the diff were scanned by the policy).
  const title = settings.pr.title || task.title;
  const leaked = input.secrets.scan([title, task.prompt, input.agentSummary ?? ''].join('\n'));
  if (leaked.length > 0) {
    throw new ActionError(
      'secret-detected',
      `The pull request text contains a secret (${leaked[0]!.kind}); nothing was pushed or uploaded.`,
    );
  }
  const [owner, repo] = context.repository.split('/') as [string, string];
  const octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  const base = await resolveBaseBranch(input, octokit, owner, repo);

  const coAuthor = githubUserIdentity(task.requestedBy ?? '', context.actorId);
  await rewriteAuthors({ git: verified.git, baseSha: verified.baseSha, identity: BOT_IDENTITY, coAuthor });
  // A /agent run on a PR: onto its own branch when that is the action's (or opted in), else a new PR.
  let note: ActionError | undefined;
  if (task.pull) {
    const decision = decideFollowUp(task.pull, settings);
    logger.info(`Follow-up on #${task.pull.number}: ${decision.why}.`);
    if (decision.push && verified.baseSha !== task.pull.headSha) {
      logger.warning(
        `The run did not start from #${task.pull.number}'s head ${task.pull.headSha.slice(0, 12)}; opening a new pull request into ${task.pull.headRef} instead of pushing onto it.`,
      );
    } else if (decision.push) {
      const followUp = await deliverFollowUp(input, octokit, task.pull);
      if (followUp.delivered) return followUp.delivered;
      note = followUp.why;
      logger.warning(note.describe());
    }
  }
  const earlier =
    task.trigger === 'schedule' ? await findScheduledPull(input, octokit, owner, repo) : undefined;
  const generated = earlier ?? generatedBranch(settings.branchPrefix, task, context.runId);
  if (!(await verified.git.tryRun(['check-ref-format', '--branch', generated]))) {
    throw new ActionError('invalid-input', `branch-prefix makes an invalid branch name: ${generated}`);
  }
  const pushed = await pushBranch({
    git: verified.git,
    serverUrl: context.serverUrl,
    repository: context.repository,
    token: settings.githubToken,
    branch: generated,
    attempt: context.runAttempt,
    bot: BOT_IDENTITY,
    redact: (text) => input.secrets.redact(text),
    onRetry: (message) => logger.warning(message),
  });
  logger.info(
    `Pushed ${pushed.branch}${pushed.updated ? ' (updated the branch of an earlier attempt)' : ''}.`,
  );
  const compareUrl = `${context.serverUrl}/${context.repository}/compare/${encodeURIComponent(base)}...${encodeURIComponent(pushed.branch)}?expand=1`;

  try {
    const commits = (
      await verified.git.run(['log', '--reverse', '--format=%H%x00%s', `${verified.baseSha}..HEAD`, '--'])
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha = '', subject = ''] = line.split('\0');
        return { sha, subject };
      });
    const files = (
      await verified.git.run([
        'diff-tree',
        '-r',
        '--no-renames',
        '--name-only',
        '-z',
        verified.baseSha,
        'HEAD',
        '--',
      ])
    )
      .split('\0')
      .filter(Boolean);
    const body = await renderPrBody({
      task,
      agentSummary: input.agentSummary,
      commits,
      files,
      runLink: runUrl(context),
      runId: context.runId,
      branch: pushed.branch,
      baseSha: verified.baseSha,
      verifiedTree: verified.headTree,
      linkKeyword: settings.pr.linkKeyword,
    });
    const pr = await openOrUpdatePullRequest({
      octokit,
      owner,
      repo,
      branch: pushed.branch,
      base,
      title,
      body,
      draft: settings.pr.draft,
      labels: settings.pr.labels,
      reviewers: settings.pr.reviewers,
      logger,
    });
    return { branch: pushed.branch, ...pr, forbidden: false, compareUrl, note };
  } catch (error) {
    // The branch is pushed but no PR carries it: report the branch and its compare link with the fix
    // (never leave it silently), whatever the cause.
    const refusal = deliveryFailure(error, base);
    logger.warning(`${refusal.describe()} The branch ${pushed.branch} is pushed: ${compareUrl}`);
    return { branch: pushed.branch, created: false, forbidden: true, refusal, compareUrl };
  }
}

/** `<prefix><trigger>-<number or 'run'>-<run_id>`; re-runs of the same run reuse it (and its PR). */
export function generatedBranch(
  prefix: string,
  task: { trigger: string; number?: number },
  runId: string,
): string {
  return `${prefix}${task.trigger}-${task.number ?? 'run'}-${runId}`;
}

/**
 * SPEC §7 schedule dedupe: the head branch of an open PR from an earlier scheduled run (same repo,
 * branch `<prefix>schedule-…`, carrying every `pr-labels` label). Needs at least one label, so a
 * user's own branch is never adopted by prefix alone.
 */
async function findScheduledPull(
  input: DeliverInput,
  octokit: Awaited<ReturnType<typeof createGitHubClient>>,
  owner: string,
  repo: string,
): Promise<string | undefined> {
  const labels = input.settings.pr.labels;
  if (labels.length === 0) {
    input.logger.info(
      'Scheduled run without pr-labels: opening a new pull request (set pr-labels to reuse one).',
    );
    return undefined;
  }
  const prefix = `${input.settings.branchPrefix}schedule-`;
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    per_page: 100,
  });
  const match = pulls.find(
    (p) =>
      p.head.ref.startsWith(prefix) &&
      p.head.label === `${owner}:${p.head.ref}` &&
      labels.every((name) => p.labels.some((l) => l.name === name)),
  );
  if (match)
    input.logger.info(`Updating #${match.number} from an earlier scheduled run (${match.head.ref}).`);
  return match?.head.ref;
}

/** The PR's head branch (same-repo PR comments), `base-branch`, the workflow's branch, or the default branch. */
async function resolveBaseBranch(
  input: DeliverInput,
  octokit: Awaited<ReturnType<typeof createGitHubClient>>,
  owner: string,
  repo: string,
): Promise<string> {
  if (input.task.baseBranch) return input.task.baseBranch;
  if (input.settings.baseBranch) return input.settings.baseBranch;
  const ref = input.context.refName;
  if (ref && !/^\d+\/merge$/.test(ref) && input.context.refType !== 'tag') return ref;
  const { data } = await octokit.rest.repos.get({ owner, repo });
  return data.default_branch;
}
