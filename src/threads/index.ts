import { createGitHubClient, errorText, type GitHubClient } from '../deliver/github.js';
import type { RunResult } from '../deliver/result.js';
import { type RunContext, runUrl } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import type { Git } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Logger } from '../shared/log.js';
import { TRACKING_MARKER_PREFIX } from '../trigger/command.js';
import type { ReviewThreadRef, Task } from '../trigger/index.js';
import { decideResolve, type OldRange, parseOldRanges, type ResolveDecision } from './lines.js';

/** What the follow-up push changed, read from the runner's verified repository (never the sandbox's word). */
export interface PushedChange {
  /** The PR head the run started from (the verified base). */
  startHead: string;
  /** The commit now at the tip of the PR branch (the verified head, or its proven rebase). */
  newHead: string;
  /** Per commented path: the lines of the start head the verified change replaced or inserted at. */
  changed: Map<string, OldRange[]>;
}

export interface ThreadAnswer {
  commentId: number;
  replied: boolean;
  resolved: boolean;
  decision: ResolveDecision;
}

/** At most this many review threads are answered per run. */
const MAX_THREADS = 30;
/** At most this many pages of 100 review threads are searched for the comment's thread. */
const MAX_THREAD_PAGES = 10;

/**
 * Called after a follow-up push, while the verified repository is open: diffs the verified change
 * (start head → verified head; a rebase onto a moved branch adds other people's commits, which are not
 * ours to claim) for each commented path. Best effort: undefined when git fails.
 */
export async function observePush(input: {
  git: Git;
  startHead: string;
  verifiedHead: string;
  threads: readonly ReviewThreadRef[];
  logger: Logger;
}): Promise<PushedChange | undefined> {
  const { git, startHead, verifiedHead } = input;
  try {
    const newHead = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
    const changed = new Map<string, OldRange[]>();
    for (const path of new Set(input.threads.map((t) => t.path).filter(Boolean))) {
      const diff = await git.run([
        'diff',
        '-U0',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--no-color',
        startHead,
        verifiedHead,
        '--',
        `:(literal)${path}`,
      ]);
      changed.set(path, parseOldRanges(diff));
    }
    return { startHead, newHead, changed };
  } catch (error) {
    input.logger.warning(`Could not read which lines the push changed: ${errorText(error)}`);
    return undefined;
  }
}

/**
 * Issue 20 item 3: replies in each review thread the run answers (our text, never the agent's, with
 * the tracking marker so the reply never triggers a run) and resolves the thread when `decideResolve`
 * says so. Best effort: every API error is a warning; the outcome never changes.
 */
export async function answerReviewThreads(input: {
  settings: Pick<Settings, 'githubToken' | 'resolveThreads'>;
  context: RunContext;
  task: Pick<Task, 'number' | 'reviewThreads'>;
  result: RunResult;
  /** Present only when the verified commits were pushed onto this PR's branch. */
  pushed?: PushedChange;
  logger: Logger;
}): Promise<ThreadAnswer[]> {
  const { settings, context, task, result, pushed, logger } = input;
  const all = task.reviewThreads ?? [];
  if (all.length === 0 || !task.number || !settings.githubToken) return [];
  // Two API calls per thread after the deadline's delivery reserve began: a huge review is bounded.
  const threads = all.slice(0, MAX_THREADS);
  if (all.length > MAX_THREADS) {
    logger.warning(
      `The review has ${all.length} inline comments; only the first ${MAX_THREADS} get a reply.`,
    );
  }
  const [owner, repo] = context.repository.split('/') as [string, string];
  const number = task.number;
  let octokit: GitHubClient;
  try {
    octokit = await createGitHubClient(settings.githubToken, context.apiUrl, logger);
  } catch (error) {
    logger.warning(`Could not load the GitHub client to answer review threads: ${errorText(error)}`);
    return [];
  }
  const answers: ThreadAnswer[] = [];
  let threadIds: Map<number, { id: string; isResolved: boolean }> | undefined;
  for (const thread of threads) {
    const decision = decideResolve(
      thread,
      result.followUp && pushed
        ? { startHead: pushed.startHead, changed: pushed.changed.get(thread.path) ?? [] }
        : undefined,
      settings.resolveThreads,
    );
    const body = `${TRACKING_MARKER_PREFIX}thread-reply -->\n${renderThreadReply(result, decision, pushed, runUrl(context))}`;
    let replied = false;
    try {
      // Not idempotent: a retried POST could post twice.
      await octokit.rest.pulls.createReplyForReviewComment({
        owner,
        repo,
        pull_number: number,
        comment_id: thread.commentId,
        body,
        request: { retries: 0 },
      });
      replied = true;
    } catch (error) {
      logger.warning(`Could not reply in review thread ${thread.commentId}: ${errorText(error)}`);
    }
    let resolved = false;
    if (decision.resolve) {
      try {
        threadIds ??= await findThreadIds(octokit, owner, repo, number);
        const found = threadIds.get(thread.commentId);
        if (!found) {
          logger.warning(`Review thread of comment ${thread.commentId} was not found; it was not resolved.`);
        } else if (found.isResolved) {
          resolved = true;
        } else {
          await octokit.graphql(RESOLVE_MUTATION, { threadId: found.id });
          found.isResolved = true;
          resolved = true;
          logger.info(
            `Resolved the review thread of comment ${thread.commentId}: the push changed its lines.`,
          );
        }
      } catch (error) {
        logger.warning(
          `Could not resolve the review thread of comment ${thread.commentId} (needs pull-requests: write and contents: write): ${errorText(error)}`,
        );
      }
    } else {
      logger.info(`Review thread of comment ${thread.commentId} left open: ${decision.why}.`);
    }
    answers.push({ commentId: thread.commentId, replied, resolved, decision });
  }
  return answers;
}

// docs.github.com/graphql/reference/objects#pullrequest (`reviewThreads`, a PullRequestReviewThread
// connection: `id`, `isResolved`, `comments { databaseId }`) and
// docs.github.com/graphql/reference/mutations#resolvereviewthread (input `{ threadId }`).
const THREADS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 100) { nodes { databaseId } } }
      }
    }
  }
}`;
const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

interface ThreadsPage {
  repository?: {
    pullRequest?: {
      reviewThreads?: {
        pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
        nodes?: Array<{
          id: string;
          isResolved: boolean;
          comments?: { nodes?: Array<{ databaseId?: number | null } | null> };
        } | null>;
      };
    };
  } | null;
}

/** REST comment id → its review thread's GraphQL id, over at most MAX_THREAD_PAGES pages. */
async function findThreadIds(
  octokit: GitHubClient,
  owner: string,
  name: string,
  number: number,
): Promise<Map<number, { id: string; isResolved: boolean }>> {
  const ids = new Map<number, { id: string; isResolved: boolean }>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_THREAD_PAGES; page++) {
    const data: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS_QUERY, {
      owner,
      name,
      number,
      cursor,
    });
    const connection = data.repository?.pullRequest?.reviewThreads;
    for (const node of connection?.nodes ?? []) {
      if (!node) continue;
      for (const comment of node.comments?.nodes ?? []) {
        if (typeof comment?.databaseId === 'number') {
          ids.set(comment.databaseId, { id: node.id, isResolved: node.isResolved });
        }
      }
    }
    if (!connection?.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
    cursor = connection.pageInfo.endCursor;
  }
  return ids;
}

/** Our own words on what the run did; `result.message` is ours (RunResult), quoted as a code span. */
export function renderThreadReply(
  result: RunResult,
  decision: ResolveDecision,
  pushed: PushedChange | undefined,
  runLink: string,
): string {
  const reason = (): string => inlineCode(firstSentence(result.message), 300);
  let what: string;
  if (result.outcome === 'pr-updated' && result.followUp && pushed) {
    const commits = result.commits ?? 0;
    what = `Pushed \`${pushed.newHead.slice(0, 7)}\` onto this pull request (${commits} commit${commits === 1 ? '' : 's'}). ${
      decision.resolve
        ? 'It changes the commented lines, so this thread is resolved.'
        : `This thread stays open: ${decision.why}.`
    }`;
  } else if (result.outcome === 'pr-opened' || result.outcome === 'pr-updated') {
    what = result.prNumber
      ? `Opened #${result.prNumber} with the change.`
      : 'Opened a pull request with the change.';
    // e.g. rebase-conflict: the follow-up push was not possible, so the reply says why a new PR came.
    if (result.reason)
      what += ` Not pushed onto this pull request (${inlineCode(result.reason, 60)}): ${reason()}`;
  } else if (result.outcome === 'refused') {
    what = `Refused (${inlineCode(result.reason, 60)}): ${reason()}`;
  } else if (result.outcome === 'failed') {
    what = `Failed (${inlineCode(result.reason, 60)}): ${reason()}`;
  } else if (result.outcome === 'no-changes') {
    what = 'Finished without changes; nothing was pushed.';
  } else if (result.outcome === 'artifact') {
    what = `The change was kept as an artifact, not pushed: ${reason()}`;
  } else {
    what = `The change was pushed to a branch, but no pull request was opened: ${reason()}`;
  }
  return `${what} [Run](${runLink})`;
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (match?.[0] ?? text).trim();
}
