import { errorText, type GitHubClient } from '../deliver/github.js';
import type { Logger } from '../shared/log.js';
import type { ReviewThreadRef } from './index.js';

/**
 * One inline comment of a submitted review, as `GET /repos/{o}/{r}/pulls/{n}/comments` returns it
 * (docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request). That endpoint, unlike
 * "List comments for a pull request review", carries `line`, `start_line` and `side`.
 */
export interface InlineReviewComment {
  id: number;
  /** The thread's first comment: GitHub accepts replies only to it ("replies to replies are not supported"). */
  threadId: number;
  author: string;
  path: string;
  line: number | null;
  startLine: number | null;
  side: 'LEFT' | 'RIGHT';
  commitId: string;
  diffHunk: string;
  body: string;
}

/** Pages of 100 read at most: a PR with more than 1,000 review comments gets the first 1,000 searched. */
export const REVIEW_COMMENT_PAGES = 10;

/**
 * The inline comments of review `reviewId` on PR `number`, oldest first. An API error is a warning and
 * the run goes on with the review body alone (the comments are context, not the instruction).
 */
export async function readReviewComments(
  octokit: GitHubClient,
  where: { owner: string; repo: string; number: number },
  reviewId: number,
  logger: Logger,
): Promise<InlineReviewComment[]> {
  try {
    let pages = 0;
    let bounded = false;
    const data = await octokit.paginate(
      octokit.rest.pulls.listReviewComments,
      { owner: where.owner, repo: where.repo, pull_number: where.number, per_page: 100 },
      (response, done) => {
        if (++pages >= REVIEW_COMMENT_PAGES) {
          bounded = Boolean(response.headers.link?.includes('rel="next"'));
          done();
        }
        return response.data;
      },
    );
    if (bounded) {
      logger.warning(
        `PR #${where.number} has more than ${REVIEW_COMMENT_PAGES * 100} review comments; only the first ${REVIEW_COMMENT_PAGES * 100} were searched for this review's.`,
      );
    }
    return data
      .filter((c) => c.pull_request_review_id === reviewId)
      .map((c) => ({
        id: c.id,
        threadId: c.in_reply_to_id ?? c.id,
        author: c.user?.login ?? 'unknown',
        path: c.path,
        line: c.line ?? null,
        startLine: c.start_line ?? null,
        side: c.side === 'LEFT' ? 'LEFT' : 'RIGHT',
        commitId: c.commit_id,
        diffHunk: c.diff_hunk ?? '',
        body: c.body ?? '',
      }));
  } catch (error) {
    logger.warning(
      `Could not read the review's inline comments; going on with the review body only: ${errorText(error)}`,
    );
    return [];
  }
}

/** The threads the run answers: one per thread, named by its first comment (where replies go). */
export function reviewThreadRefs(comments: InlineReviewComment[]): ReviewThreadRef[] {
  const byThread = new Map<number, ReviewThreadRef>();
  for (const c of comments) {
    if (byThread.has(c.threadId)) continue;
    byThread.set(c.threadId, {
      commentId: c.threadId,
      path: c.path,
      line: c.line,
      startLine: c.startLine,
      side: c.side,
      commitId: c.commitId,
    });
  }
  return [...byThread.values()];
}
