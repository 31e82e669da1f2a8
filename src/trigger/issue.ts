import { createGitHubClient, errorText, httpStatus } from '../deliver/github.js';
import type { RunResult } from '../deliver/result.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { authorize } from './authorize.js';
import { isBot } from './command.js';
import { readThread, reply } from './comment.js';
import type { Task } from './index.js';
import { deriveTitle } from './index.js';
import { buildIssuePrompt } from './prompt.js';
import { sanitizeUntrusted } from './sanitize.js';

/**
 * The `issues` webhook payload, as documented at docs.github.com/webhooks/webhook-events-and-payloads
 * #issues: `labeled` carries `label` (the label added), `assigned` carries `assignee` (the user
 * assigned); `sender` is who did it; `issue.pull_request` is set when the issue is a pull request.
 */
interface IssuesEvent {
  action?: string;
  issue?: {
    number?: number;
    title?: string;
    body?: string | null;
    user?: { login?: string };
    pull_request?: unknown;
  };
  label?: { name?: string };
  assignee?: { login?: string } | null;
  sender?: { login?: string; type?: string };
}

/** GitHub compares label names and logins case-insensitively; so do we. */
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** How this `issues` event matches the trigger inputs, or why it does not. */
function match(settings: Settings, event: IssuesEvent): { how: string; label?: string } | { not: string } {
  if (event.action === 'labeled') {
    const name = event.label?.name ?? '';
    if (!settings.triggerLabel) return { not: 'trigger-label is not set' };
    if (!same(name, settings.triggerLabel)) return { not: `the label is not ${settings.triggerLabel}` };
    return { how: `labeled the issue \`${settings.triggerLabel}\``, label: name };
  }
  if (event.action === 'assigned') {
    const login = event.assignee?.login ?? '';
    if (!settings.triggerAssignee) return { not: 'trigger-assignee is not set' };
    if (!same(login, settings.triggerAssignee)) {
      return { not: `the issue was not assigned to ${settings.triggerAssignee}` };
    }
    return { how: `assigned the issue to @${settings.triggerAssignee}` };
  }
  return { not: `the issues event was ${event.action ?? 'of no action'}, not labeled or assigned` };
}

/**
 * The `issues` trigger (`labeled` with `trigger-label`, `assigned` to `trigger-assignee`): the sender,
 * who labeled or assigned, must have write access (same rule as comment authors, authorize.ts); the
 * issue's title and body are the task. Any other issues event is `no-changes`/`not-triggered` before
 * any API call. Pull requests are issues too, but an `issues` event on one is not a trigger: comment
 * `/agent` on the pull request instead (that path knows its head commit and fork status).
 */
export async function resolveIssueTask(
  settings: Settings,
  context: RunContext,
  standing: string,
  logger: Logger,
): Promise<Task> {
  const event = context.event as IssuesEvent;
  const notTriggered = (why: string): ActionError =>
    new ActionError('not-triggered', `Nothing to do: ${why}.`);
  const matched = match(settings, event);
  if ('not' in matched) throw notTriggered(matched.not);
  const issue = event.issue ?? {};
  if (issue.pull_request) {
    throw notTriggered(
      `#${issue.number} is a pull request; comment ${settings.triggerPhrase} on it to run the agent there`,
    );
  }
  const sender = { login: event.sender?.login ?? '', type: event.sender?.type };
  const botListed = settings.allowedBots.some(
    (bot) => bot.replace(/\[bot\]$/, '') === sender.login.replace(/\[bot\]$/, ''),
  );
  // As for comments: never answer unlisted bots (a reply could start a loop).
  if (isBot(sender) && !botListed) throw notTriggered(`${sender.login} is a bot not listed in allowed-bots`);
  const number = Number(issue.number);
  if (!Number.isInteger(number) || number <= 0) {
    throw new ActionError('invalid-input', 'The issues event has no issue number.');
  }
  if (!settings.githubToken) {
    throw new ActionError('invalid-input', 'Issue triggers need github-token to check permissions.');
  }
  const [owner, repo] = context.repository.split('/') as [string, string];
  const octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  // The sender is who labeled or assigned: they are the one asking, so they are the one checked.
  const verdict = await authorize({
    octokit,
    owner,
    repo,
    author: sender,
    sender: sender.login,
    allowedBots: settings.allowedBots,
  });
  if (!verdict.allowed) {
    logger.warning(`Refused: ${verdict.why}.`);
    await reply(
      { octokit, owner, repo, number, logger },
      `Sorry @${sender.login || 'there'}, only collaborators with write access can start the agent by labeling or assigning an issue.`,
    );
    throw new ActionError('not-authorized', `Refused the issue trigger: ${verdict.why}.`);
  }
  logger.info(`Authorized ${sender.login} (${verdict.role}); issue #${number} is the task.`);
  const thread = await readThread(octokit, owner, repo, number, 0, logger);
  const title = sanitizeUntrusted(issue.title ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    trigger: 'issue',
    number,
    prompt: buildIssuePrompt({
      standing,
      requestedBy: sender.login,
      how: matched.how,
      number,
      author: issue.user?.login ?? 'unknown',
      title: issue.title ?? '',
      body: issue.body ?? '',
      thread,
    }),
    title: deriveTitle(title || `Resolve #${number}`),
    requestedBy: sender.login,
    issueTrigger: { label: matched.label },
  };
}

/**
 * `remove-trigger-label`: after a labeled run (whatever its outcome, but not when the event was no
 * trigger at all) the label comes off, so adding it again starts a new run. Best effort: 404 means it
 * is already gone; 403 means the token lacks `issues: write`.
 */
export async function removeTriggerLabel(
  settings: Settings,
  context: RunContext,
  result: RunResult,
  logger: Logger,
): Promise<void> {
  if (context.eventName !== 'issues' || !settings.removeTriggerLabel || !settings.githubToken) return;
  if (result.reason === 'not-triggered') return;
  const event = context.event as IssuesEvent;
  const matched = match(settings, event);
  const number = Number(event.issue?.number);
  if ('not' in matched || !matched.label || !Number.isInteger(number) || number <= 0) return;
  const [owner, repo] = context.repository.split('/') as [string, string];
  try {
    const octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
    // The name as GitHub spells it (from the event); octokit percent-encodes the path segment.
    await octokit.rest.issues.removeLabel({
      owner,
      repo,
      issue_number: number,
      name: matched.label,
    });
    logger.info(`Removed the label ${settings.triggerLabel} from #${number}.`);
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return;
    logger.warning(
      status === 403
        ? `Could not remove the label ${settings.triggerLabel} from #${number} (403): give the job \`permissions: issues: write\`, or set remove-trigger-label: false.`
        : `Could not remove the label ${settings.triggerLabel} from #${number}: ${errorText(error)}`,
    );
  }
}
