import { createGitHubClient, errorText, type GitHubClient } from '../deliver/github.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { authorize } from './authorize.js';
import { isBot, parseCommand, TRACKING_MARKER_PREFIX } from './command.js';
import type { PullHead, ReviewThreadRef, Task } from './index.js';
import { deriveTitle } from './index.js';
import { buildCommentPrompt, type ThreadComment } from './prompt.js';
import { readReviewComments, reviewThreadRefs } from './review.js';

interface User {
  login?: string;
  type?: string;
}
interface CommentPayload {
  id?: number;
  body?: string;
  user?: User;
  path?: string;
  line?: number | null;
  original_line?: number | null;
  diff_hunk?: string;
  start_line?: number | null;
  side?: string | null;
  commit_id?: string;
  in_reply_to_id?: number;
}
interface IssuePayload {
  number?: number;
  title?: string;
  body?: string | null;
  pull_request?: unknown;
}

/**
 * SPEC §7 comment triggers (`issue_comment` on issues and PRs, `pull_request_review_comment`): parse
 * the slash command, authorize the author, resolve a PR's head SHA once, build the prompt. Comments
 * that are not commands end the run with `no-changes`/`not-triggered` before any API call.
 * A submitted `pull_request_review` is the same with the review body as the comment; its inline
 * comments become quoted context and `reviewThreads` (review.ts).
 */
export async function resolveCommentTask(
  settings: Settings,
  context: RunContext,
  standing: string,
  logger: Logger,
): Promise<Task> {
  const event = context.event as {
    action?: string;
    comment?: CommentPayload;
    issue?: IssuePayload;
    pull_request?: IssuePayload;
    review?: { id?: number; body?: string | null; user?: User };
    sender?: User;
  };
  // A submitted review is handled as a comment on its PR: its body is the text, its author the user.
  const submitted = context.eventName === 'pull_request_review';
  const noun = submitted ? 'review' : 'comment';
  const comment: CommentPayload = submitted
    ? { id: event.review?.id, body: event.review?.body ?? '', user: event.review?.user }
    : (event.comment ?? {});
  const author = comment.user ?? {};
  const notTriggered = (why: string): ActionError =>
    new ActionError('not-triggered', `Nothing to do: ${why}.`);
  const expected = submitted ? 'submitted' : 'created';
  if (event.action !== expected) throw notTriggered(`the ${noun} was ${event.action ?? `not ${expected}`}`);
  const command = parseCommand(comment.body ?? '', settings.triggerPhrase);
  if (!command) throw notTriggered(`the ${noun} does not start with ${settings.triggerPhrase}`);
  const botListed = settings.allowedBots.some(
    (bot) => bot.replace(/\[bot\]$/, '') === (author.login ?? '').replace(/\[bot\]$/, ''),
  );
  // Never answer bots (including ourselves): a reply could start a loop.
  if (isBot(author) && !botListed) throw notTriggered(`${author.login} is a bot not listed in allowed-bots`);

  const review = context.eventName === 'pull_request_review_comment';
  const issue = (review || submitted ? event.pull_request : event.issue) ?? {};
  const number = Number(issue.number);
  if (!Number.isInteger(number) || number <= 0 || !comment.id) {
    throw new ActionError('invalid-input', `The ${context.eventName} event has no issue or comment.`);
  }
  const isPull = review || submitted || Boolean(issue.pull_request);
  if (!settings.githubToken) {
    throw new ActionError('invalid-input', 'Comment triggers need github-token to check permissions.');
  }
  const [owner, repo] = context.repository.split('/') as [string, string];
  const octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  const where = { octokit, owner, repo, number, logger };

  const verdict = await authorize({
    octokit,
    owner,
    repo,
    author: { login: author.login ?? '', type: author.type },
    sender: event.sender?.login ?? '',
    allowedBots: settings.allowedBots,
  });
  if (!verdict.allowed) {
    logger.warning(`Refused: ${verdict.why}.`);
    await reply(
      where,
      `Sorry @${author.login ?? 'there'}, only collaborators with write access can run ${settings.triggerPhrase}.`,
    );
    throw new ActionError('not-authorized', `Refused the ${settings.triggerPhrase} command: ${verdict.why}.`);
  }
  logger.info(`Authorized ${author.login} (${verdict.role}).`);
  // The 👀 reaction is added by startTracking (tracking.ts), after the preflight checks pass.

  let headSha: string | undefined;
  let baseBranch: string | undefined;
  let pullHead: PullHead | undefined;
  let prBase: Task['prBase'];
  if (isPull) {
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    const headRepo = pull.head.repo?.full_name ?? '';
    const baseRepo = pull.base.repo?.full_name ?? context.repository;
    if (headRepo.toLowerCase() !== baseRepo.toLowerCase()) {
      if (!settings.allowForkPrs) {
        await reply(
          where,
          `This pull request comes from a fork (${headRepo || 'a deleted repository'}); ${settings.triggerPhrase} does not run on fork code unless the workflow sets allow-fork-prs: true or suggest.`,
        );
        throw new ActionError(
          'fork-pr',
          `Pull request #${number} comes from a fork (${headRepo || 'deleted'}); fork code is not run.`,
          'Set allow-fork-prs: suggest (a review of suggested changes) or true, only if the workflow runs without secrets worth stealing.',
        );
      }
    } else {
      baseBranch = pull.head.ref;
    }
    headSha = pull.head.sha;
    pullHead = {
      number,
      url: pull.html_url,
      headRef: pull.head.ref,
      headSha: pull.head.sha,
      sameRepo: headRepo.toLowerCase() === baseRepo.toLowerCase(),
      author: pull.user?.login ?? '',
      body: pull.body ?? '',
    };
    prBase = { ref: pull.base.ref, sha: pull.base.sha, commits: pull.commits };
    logger.info(`Pull request #${number}: working from head ${headSha.slice(0, 12)}.`);
  }

  const thread = await readThread(octokit, owner, repo, number, comment.id, logger);
  const inline = submitted ? await readReviewComments(octokit, where, comment.id, logger) : [];
  const prompt = buildCommentPrompt({
    standing,
    instruction: command.instruction,
    requestedBy: author.login ?? '',
    kind: isPull ? 'pull request' : 'issue',
    number,
    title: issue.title ?? '',
    body: issue.body ?? '',
    thread,
    review: review
      ? {
          path: comment.path ?? '',
          line: comment.line ?? comment.original_line ?? undefined,
          diffHunk: comment.diff_hunk,
        }
      : undefined,
    reviewComments: inline,
  });
  return {
    trigger: isPull ? 'pr' : 'issue',
    number,
    prompt,
    title: deriveTitle(command.instruction || `Address #${number}`),
    requestedBy: author.login,
    headSha,
    prBase,
    baseBranch,
    comment: { id: comment.id, review, ...(submitted ? { submittedReview: true } : {}) },
    reviewThreads: submitted
      ? reviewThreadRefs(inline)
      : review
        ? [reviewThreadOf(comment, comment.in_reply_to_id ?? comment.id)]
        : undefined,
    pull: pullHead,
  };
}

/**
 * The triggering review comment as a thread to answer (src/threads); a reply is answered through its
 * thread's first comment (GitHub: "replies to replies are not supported"). Null lines when GitHub gave none.
 */
function reviewThreadOf(comment: CommentPayload, commentId: number): ReviewThreadRef {
  const lineOrNull = (value: unknown): number | null =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  return {
    commentId,
    path: comment.path ?? '',
    line: lineOrNull(comment.line),
    startLine: lineOrNull(comment.start_line),
    side: comment.side === 'LEFT' ? 'LEFT' : 'RIGHT',
    commitId: comment.commit_id ?? '',
  };
}

export async function readThread(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  number: number,
  triggerId: number,
  logger: Logger,
): Promise<ThreadComment[]> {
  try {
    // The prompt shows the most recent comments first, so read past the first page (GitHub lists
    // oldest first); ten pages bound the cost on a huge thread.
    let pages = 0;
    const data = await octokit.paginate(
      octokit.rest.issues.listComments,
      { owner, repo, issue_number: number, per_page: 100 },
      (response, done) => {
        if (++pages >= 10) done();
        return response.data;
      },
    );
    return data
      .filter((c) => c.id !== triggerId && !(c.body ?? '').includes(TRACKING_MARKER_PREFIX))
      .map((c) => ({ author: c.user?.login ?? 'unknown', body: c.body ?? '' }));
  } catch (error) {
    logger.warning(`Could not read the comment thread: ${errorText(error)}`);
    return [];
  }
}

/** A short reply on refusal, best effort; it carries the marker so it never triggers a run. */
export async function reply(
  where: { octokit: GitHubClient; owner: string; repo: string; number: number; logger: Logger },
  text: string,
): Promise<void> {
  try {
    await where.octokit.rest.issues.createComment({
      owner: where.owner,
      repo: where.repo,
      issue_number: where.number,
      body: `${TRACKING_MARKER_PREFIX}reply -->\n${text}`,
    });
  } catch (error) {
    where.logger.warning(`Could not post the reply: ${errorText(error)}`);
  }
}
