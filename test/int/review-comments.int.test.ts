import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/deliver/github.js';
import { consoleLogger } from '../../src/shared/log.js';
import { readReviewComments, reviewThreadRefs } from '../../src/trigger/review.js';
import { type FakeGitHub, type FakeReviewComment, startFakeGitHub } from '../fakes/github/rest.js';

/** readReviewComments against the fake GitHub: pagination, its bound, replies, and errors. */
let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
});

const REVIEW = 42;
const where = { owner: 'octo', repo: 'demo', number: 7 };

function comment(
  id: number,
  reviewId: number | null,
  extra: Partial<FakeReviewComment> = {},
): FakeReviewComment {
  return {
    id,
    pull_number: 7,
    pull_request_review_id: reviewId,
    path: 'a.ts',
    line: 3,
    start_line: null,
    side: 'RIGHT',
    start_side: null,
    commit_id: 'c'.repeat(40),
    diff_hunk: '@@ -1 +1 @@\n+x',
    body: `comment ${id}`,
    user: { login: 'octocat', type: 'User' },
    ...extra,
  };
}

async function read(): Promise<{ comments: Awaited<ReturnType<typeof readReviewComments>>; log: string[] }> {
  const log: string[] = [];
  const logger = consoleLogger(
    (t: string) => t,
    (line) => log.push(line),
  );
  const octokit = await createGitHubClient('t', github!.url, logger);
  return { comments: await readReviewComments(octokit, where, REVIEW, logger), log };
}

describe('readReviewComments', () => {
  it('reads past the first page and keeps only this review’s comments, replies named by their thread', async () => {
    github = await startFakeGitHub();
    for (let i = 0; i < 150; i++) github.reviewComments.push(comment(1000 + i, 7));
    github.reviewComments.push(
      comment(2001, REVIEW, { line: 9, start_line: 5, start_side: 'RIGHT' }),
      comment(2002, REVIEW, { in_reply_to_id: 1003, side: 'LEFT', line: null }),
      comment(2003, 99),
      comment(2004, REVIEW, { pull_number: 8 }),
    );
    const { comments, log } = await read();
    expect(comments.map((c) => c.id)).toEqual([2001, 2002]);
    expect(comments[0]).toMatchObject({
      path: 'a.ts',
      line: 9,
      startLine: 5,
      side: 'RIGHT',
      body: 'comment 2001',
    });
    expect(reviewThreadRefs(comments)).toEqual([
      { commentId: 2001, path: 'a.ts', line: 9, startLine: 5, side: 'RIGHT', commitId: 'c'.repeat(40) },
      { commentId: 1003, path: 'a.ts', line: null, startLine: null, side: 'LEFT', commitId: 'c'.repeat(40) },
    ]);
    expect(github.calls.map((c) => c.query['page'] ?? '1')).toEqual(['1', '2']);
    expect(log.join('\n')).not.toContain('warning');
  });

  it('stops after 10 pages of 100 and says so', async () => {
    github = await startFakeGitHub();
    for (let i = 0; i < 1050; i++) github.reviewComments.push(comment(1000 + i, 7));
    github.reviewComments.push(comment(5000, REVIEW));
    const { comments, log } = await read();
    expect(comments).toEqual([]);
    expect(github.calls).toHaveLength(10);
    expect(log.join('\n')).toContain('more than 1000 review comments; only the first 1000 were searched');
  });

  it('an API error is a warning and no comments', async () => {
    github = await startFakeGitHub();
    github.reviewComments.push(comment(2001, REVIEW));
    github.faults.push({
      path: '/repos/octo/demo/pulls/7/comments',
      status: 404,
      body: { message: 'Not Found' },
    });
    const { comments, log } = await read();
    expect(comments).toEqual([]);
    expect(log.join('\n')).toContain("warning: Could not read the review's inline comments");
  });
});
