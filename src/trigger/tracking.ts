import { hostsOf, renderAgentSummarySection, renderMessage } from '../deliver/agent-summary.js';
import { createGitHubClient, errorText, type GitHubClient, httpStatus } from '../deliver/github.js';
import type { RunResult } from '../deliver/result.js';
import { type RunContext, runUrl } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
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
  if (task.comment) {
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
  const link = `[run ${context.runId}](${runUrl(context)})`;
  const attempt = context.runAttempt !== '1' ? ` (attempt ${context.runAttempt})` : '';
  await write(`⏳ Working on it${attempt}: ${link}.`);
  return {
    finish: async (result) => write(await renderResult(result, settings, link, hostsOf(context.serverUrl))),
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

/**
 * The final text: PR link, artifact name, or the failure reason; then, unless a PR carries them, our
 * message (it may quote agent paths) and the agent's summary, both through the Markdown sanitizer.
 */
export async function renderResult(
  result: RunResult,
  // Kept for callers; the artifact line now names only an artifact that was really uploaded.
  _settings: Settings,
  link: string,
  linkHosts: readonly string[] = [],
): Promise<string> {
  const status = statusLine(result, link);
  if (result.outcome === 'pr-opened' || result.outcome === 'pr-updated') return status;
  const message = await renderMessage(result.message, linkHosts);
  const summary = result.agentSummary ? await renderAgentSummarySection(result.agentSummary) : '';
  return [status, message, summary.trimEnd()].filter(Boolean).join('\n\n');
}

function statusLine(result: RunResult, link: string): string {
  switch (result.outcome) {
    case 'pr-opened':
    case 'pr-updated':
      return `✅ ${result.outcome === 'pr-opened' ? 'Opened' : 'Updated'} ${result.prUrl ?? `#${result.prNumber}`} (${result.commits ?? 0} commit(s)). ${link}`;
    case 'branch-pushed':
      return `✅ Pushed branch \`${result.branch}\`; GitHub did not allow opening the pull request. ${link}`;
    case 'artifact':
      return result.artifactName
        ? `📦 The patch is in the artifact \`${result.artifactName}\`${result.reason ? ` (reason: \`${result.reason}\`)` : ''}. ${link}`
        : `📦 The patch was kept on the runner, not uploaded${result.reason ? ` (reason: \`${result.reason}\`)` : ''}. ${link}`;
    case 'no-changes':
      return `ℹ️ The agent made no changes. ${link}`;
    default:
      return `❌ ${result.outcome === 'refused' ? 'Refused' : 'Failed'}: \`${result.reason || 'unknown'}\`. See ${link}.`;
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
