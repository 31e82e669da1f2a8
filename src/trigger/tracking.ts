import { hostsOf, renderAgentSummarySection, renderMessage } from '../deliver/agent-summary.js';
import { createGitHubClient, errorText, type GitHubClient, httpStatus } from '../deliver/github.js';
import type { RunResult } from '../deliver/result.js';
import { type RunContext, runUrl } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { requesterMention } from '../shared/github-login.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Logger } from '../shared/log.js';
import type { Task } from './index.js';

export interface Tracker {
  finish(result: RunResult): Promise<void>;
}

const NO_TRACKING: Tracker = { finish: async () => {} };

export function trackingMarker(runId: string): string {
  return `<!-- sandbox-agent:tracking run=${runId} -->`;
}

/**
 * One tracking comment per run on the issue or PR, updated in place (started → result). A re-run
 * (same run id, next attempt) finds the comment by its marker and updates it. Best effort: a failure
 * here is a warning, never the outcome.
 */
export async function startTracking(
  settings: Settings,
  context: RunContext,
  task: Task,
  logger: Logger,
): Promise<Tracker> {
  if ((!task.comment && !task.issueTrigger) || !task.number || !settings.githubToken) return NO_TRACKING;
  const [owner, repo] = context.repository.split('/') as [string, string];
  const number = task.number;
  const marker = trackingMarker(context.runId);
  let octokit: GitHubClient;
  let id: number | undefined;
  try {
    octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  } catch (error) {
    logger.warning(`Could not load the GitHub client for the tracking comment: ${errorText(error)}`);
    return NO_TRACKING;
  }
  // A token without `issues: write` gets 403 on the reaction and on every comment call: one warning
  // naming the permission, then no more calls.
  let denied = false;
  const deniedOnce = (error: unknown): boolean => {
    if (!isNotAccessible(error)) return false;
    if (!denied) logger.warning(missingIssuesWrite(number, errorText(error)));
    denied = true;
    return true;
  };
  const write = async (text: string): Promise<void> => {
    if (denied) return;
    const body = `${marker}\n${text}`;
    try {
      if (id === undefined) id = await findExisting(octokit, owner, repo, number, marker);
      if (id !== undefined) {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
      } else {
        const { data } = await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: number,
          body,
          request: { retries: 0 },
        });
        id = data.id;
      }
    } catch (error) {
      if (!deniedOnce(error)) logger.warning(`Could not update the tracking comment: ${errorText(error)}`);
    }
  };
  if (task.comment?.submittedReview) {
    // GitHub has reactions for comments and issues, none for reviews: the tracking comment on the PR
    // conversation, posted next, is the progress signal.
    logger.info('No 👀 reaction on a review (GitHub has none); the tracking comment shows progress.');
  } else if (task.comment) {
    await react(octokit, owner, repo, task.comment.id, task.comment.review).catch((error: unknown) => {
      if (!deniedOnce(error)) logger.warning(`Could not add the 👀 reaction: ${errorText(error)}`);
    });
  } else {
    // Issue triggers: the reaction goes on the issue itself (POST /repos/{o}/{r}/issues/{n}/reactions).
    await octokit.rest.reactions
      .createForIssue({ owner, repo, issue_number: number, content: 'eyes' })
      .catch((error: unknown) => {
        if (!deniedOnce(error)) logger.warning(`Could not add the 👀 reaction: ${errorText(error)}`);
      });
  }
  const whose = requesterMention(task.requestedBy);
  const attempt = context.runAttempt !== '1' ? ` (attempt ${context.runAttempt})` : '';
  await write(
    `⏳ Working on ${whose ? `${whose}'s task` : 'the task'}${attempt} — [run](${runUrl(context)})`,
  );
  return {
    // The action's process started with the step: its uptime is the run's wall time.
    finish: async (result) =>
      write(
        await renderResult({
          result,
          context,
          requestedBy: task.requestedBy,
          durationMs: process.uptime() * 1000,
        }),
      ),
  };
}

async function findExisting(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  marker: string,
): Promise<number | undefined> {
  // Every page: on a busy thread the run's comment can be past the first 100, and missing it would
  // post a second one.
  let found: number | undefined;
  await octokit.paginate(
    octokit.rest.issues.listComments,
    { owner, repo, issue_number: number, per_page: 100 },
    (response, done) => {
      found = response.data.find((c) => (c.body ?? '').startsWith(marker))?.id;
      if (found !== undefined) done();
      return [];
    },
  );
  return found;
}

/** What the final comment is rendered from; `durationMs` is the run's wall time so far. */
export interface TrackingView {
  result: RunResult;
  context: Pick<RunContext, 'serverUrl' | 'repository' | 'runId' | 'runAttempt'>;
  requestedBy?: string;
  durationMs: number;
}

/**
 * The final text, one status line first (like the best peers: who asked, how long it took, where the
 * work is, what it cost), then — unless a PR carries it all — our own sentence saying what happened and
 * what to do (`result.message` is ours; it may quote agent paths, so it goes through `renderMessage`:
 * plain text and inline code), how to apply an artifact, and the agent's summary through the sanitizer.
 */
export async function renderResult(view: TrackingView): Promise<string> {
  const { result, context } = view;
  const run = runUrl(context);
  const whose = requesterMention(view.requestedBy);
  const task = whose ? `${whose}'s task` : 'The task';
  const took = formatDuration(view.durationMs);
  const links = (...items: Array<string | undefined>): string => items.filter(Boolean).join(' · ');
  const branch = branchLink(result);
  const runLink = `[run](${run})`;
  const cost = formatCost(result.costUsd);
  // Named only when it was really uploaded (a failed upload leaves the patch on the runner instead).
  const uploaded = Boolean(result.artifactName && result.artifactId);
  const artifact = uploaded ? artifactLink(result, context) : undefined;
  switch (result.outcome) {
    case 'pr-opened':
    case 'pr-updated': {
      const pr = result.prNumber ? `[PR #${result.prNumber}](${result.prUrl ?? run})` : 'the pull request';
      const verb = result.outcome === 'pr-opened' ? '' : 'updated ';
      return `✅ ${task} finished in ${took} — ${verb}${links(pr, branch, runLink, artifact, cost)}`;
    }
    case 'no-changes':
      return joinBlocks(
        `ℹ️ ${task} finished in ${took} without changes — ${links(runLink, cost)}`,
        await renderAgentSummarySection(result.agentSummary ?? ''),
      );
    case 'branch-pushed':
    case 'artifact':
    case 'refused':
    case 'failed': {
      const headline = {
        'branch-pushed': `⚠️ ${task} finished in ${took}, but no pull request was opened`,
        artifact: uploaded
          ? `📦 ${task} finished in ${took}; the patch is an artifact`
          : `📦 ${task} finished in ${took}; the patch was kept on the runner, not uploaded`,
        refused: `🚫 ${task} was refused after ${took}`,
        failed: `❌ ${task} failed after ${took}`,
      }[result.outcome];
      const code = result.reason ? ` (${inlineCode(result.reason, 60)})` : '';
      return joinBlocks(
        `${headline}${code} — ${links(branch, artifact, runLink, cost)}`,
        await renderMessage(result.message, hostsOf(context.serverUrl)),
        uploaded && result.artifactName ? applyLine(result.artifactName, context.runId) : '',
        await renderAgentSummarySection(result.agentSummary ?? ''),
      );
    }
  }
}

/**
 * GitHub's answer when the job's token lacks the permission (docs.github.com/rest/issues/comments
 * #create-an-issue-comment: fine-grained "Issues" or "Pull requests" write; the reactions endpoints
 * likewise): 403 "Resource not accessible by integration".
 */
function isNotAccessible(error: unknown): boolean {
  return httpStatus(error) === 403 && /Resource not accessible by integration/i.test(errorText(error));
}

function missingIssuesWrite(number: number, text: string): string {
  return `No 👀 reaction or tracking comment on #${number}: github-token may not write comments (403 ${text}). Give the job \`permissions: issues: write\` (and \`pull-requests: write\` for comments on pull requests).`;
}

function joinBlocks(...blocks: string[]): string {
  return blocks
    .map((block) => block.trimEnd())
    .filter(Boolean)
    .join('\n\n');
}

function branchLink(result: RunResult): string | undefined {
  if (!result.branch || !result.compareUrl) return undefined;
  return `[branch](${result.compareUrl})`;
}

/**
 * The artifact's own page (`/actions/runs/<run>/artifacts/<id>`, the URL `actions/upload-artifact`
 * reports as `artifact-url`) when its id is known, else the run page, which lists it.
 */
function artifactLink(result: RunResult, context: TrackingView['context']): string {
  const url = result.artifactId
    ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/artifacts/${result.artifactId}`
    : runUrl(context);
  return `[artifact ${inlineCode(result.artifactName ?? '', 100)}](${url})`;
}

/** One line on how to apply an artifact (the README's `git am` command). */
function applyLine(artifactName: string, runId: string): string {
  const command = `gh run download ${runId} -n ${artifactName} && git am --keep-cr --patch-format=mboxrd agent.mbox`;
  return `To apply it in your clone: ${inlineCode(command, 300)}`;
}

/** `4m 12s`, `38s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** `$0.18` when the agent CLI reported a cost; nothing otherwise (never a guess). */
function formatCost(costUsd: number | undefined): string | undefined {
  if (costUsd === undefined || !Number.isFinite(costUsd) || costUsd < 0) return undefined;
  return costUsd > 0 && costUsd < 0.01 ? '< $0.01' : `$${costUsd.toFixed(2)}`;
}

/** 👀 on the triggering comment: the run has passed its checks and is starting. Best effort. */
async function react(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  id: number,
  review: boolean,
): Promise<void> {
  if (review) {
    await octokit.rest.reactions.createForPullRequestReviewComment({
      owner,
      repo,
      comment_id: id,
      content: 'eyes',
    });
  } else {
    await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: id, content: 'eyes' });
  }
}
