import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePull, FakeReviewComment } from '../fakes/github/rest.js';
import type { ActionRun } from '../helpers/action.js';
import { type GitHubEvent, type PrEventRig, startPrEventRig } from '../helpers/pr-event.js';
import { git } from '../helpers/repo.js';

/**
 * Issue 20, the whole review loop end to end (built action, local provider, real git smart-HTTP server,
 * fake GitHub with REST review comments and GraphQL review threads): a reviewer submits a review whose
 * body is `/agent …` with three inline comments on the agent's own PR; the follow-up is pushed onto
 * that PR, every thread gets our reply, and only the threads whose lines the verified push changed are
 * resolved.
 */
const TOKEN = 'ghs_ReviewLoopTestToken0123456789abcdefg';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};
const AGENT_BRANCH = 'agent/issue-12-4242';
const REPLY_MARKER = '<!-- sandbox-agent:thread-reply -->';
const REVIEW_ID = 90001;
const APP = 'one\ntwo\nthree\nfour\nfive\nsix\n';
/** The inline comments of the review: lines 2, 4 and 6 of src/app.txt, each its own thread. */
const COMMENTS = [
  { id: 9101, thread: 'PRRT_kwDOLine2', line: 2, body: 'Capitalise two.' },
  { id: 9102, thread: 'PRRT_kwDOLine4', line: 4, body: 'Capitalise four.' },
  { id: 9103, thread: 'PRRT_kwDOLine6', line: 6, body: 'Is six right?' },
] as const;
/** The agent addresses the first two comments and leaves line 6 as it is. */
const editLines2And4 = (promptCopy: string): string =>
  "sed -i -e 's/^two$/TWO/' -e 's/^four$/FOUR/' src/app.txt\n" +
  `cp "$AGENT_PROMPT_FILE" '${promptCopy}'\n` +
  "git commit -qam 'Capitalise two and four'\n";

let rig: PrEventRig | undefined;
afterEach(async () => {
  await rig?.close();
});

interface Setup {
  bare: string;
  promptCopy: string;
  agentDoes(script: string): void;
  run(event: GitHubEvent, extra?: { inputs?: Record<string, string>; runId?: string }): Promise<ActionRun>;
}

async function setup(): Promise<Setup> {
  rig = await startPrEventRig({
    token: TOKEN,
    files: { 'README.md': '# demo\n', 'src/app.txt': APP },
    tempPrefix: 'sa-loop-',
    agentScript: 'echo "from the agent" >> README.md\ngit commit -qam "Agent change"\n',
  });
  rig.github.permissions.set('octocat', WRITE);
  return { ...rig, promptCopy: join(rig.runnerTemp, 'prompt.txt') };
}

/** The agent's PR, opened by the action itself from an issue comment (run 4242). */
async function openAgentPull(s: Setup): Promise<FakePull> {
  const first = await s.run({
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: 12, title: 'README is thin', body: 'Please expand it.' },
      comment: { id: 567, body: '/agent expand the README', user: { login: 'octocat', type: 'User' } },
      sender: { login: 'octocat' },
    },
  });
  expect(first.outputs, first.stdout).toMatchObject({ outcome: 'pr-opened', branch: AGENT_BRANCH });
  return rig!.github.pulls[0]!;
}

/**
 * The review's three inline comments on the PR head, RIGHT side, each the top-level comment of its
 * own GraphQL thread; plus an older, unrelated thread on the same PR that the run must not touch.
 */
function seedReview(pull: FakePull, headSha: string): void {
  for (const c of COMMENTS) {
    const comment: FakeReviewComment = {
      id: c.id,
      pull_number: pull.number,
      pull_request_review_id: REVIEW_ID,
      path: 'src/app.txt',
      line: c.line,
      start_line: null,
      side: 'RIGHT',
      start_side: null,
      commit_id: headSha,
      diff_hunk: '@@ -1,6 +1,6 @@\n one\n two\n three',
      body: c.body,
      user: { login: 'octocat', type: 'User' },
    };
    rig!.github.reviewComments.push(comment);
  }
  rig!.github.reviewThreads.set(pull.number, [
    { id: 'PRRT_kwDOOlder', isResolved: false, commentIds: [111] },
    ...COMMENTS.map((c) => ({ id: c.thread, isResolved: false, commentIds: [c.id] })),
  ]);
}

/** `pull_request_review` `submitted` as GitHub's webhook docs shape it (…/webhook-events-and-payloads#pull_request_review). */
function submittedReview(
  number: number,
  headSha: string,
): { name: string; payload: Record<string, unknown> } {
  return {
    name: 'pull_request_review',
    payload: {
      action: 'submitted',
      review: {
        id: REVIEW_ID,
        body: '/agent address my inline comments',
        state: 'commented',
        commit_id: headSha,
        user: { login: 'octocat', type: 'User' },
      },
      pull_request: { number, title: 'Expand the README', body: '' },
      sender: { login: 'octocat' },
    },
  };
}

const resolvedThreads = (number: number): string[] =>
  (rig!.github.reviewThreads.get(number) ?? []).filter((t) => t.isResolved).map((t) => t.id);
const resolveMutations = (): number =>
  rig!.github.calls.filter(
    (c) => c.path === '/graphql' && JSON.stringify(c.body).includes('resolveReviewThread'),
  ).length;

describe('review loop on the agent’s PR: submitted review → follow-up push → thread replies', () => {
  it('three inline comments, two lines edited: pr-updated, one PR, three replies, exactly the two touched threads resolved', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    const head = git(s.bare, ['rev-parse', `refs/heads/${AGENT_BRANCH}`]);
    seedReview(pull, head);
    s.agentDoes(editLines2And4(s.promptCopy));

    const run = await s.run(submittedReview(pull.number, head), { runId: '6000' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'pr-updated',
      reason: '',
      'follow-up': 'true',
      'pr-number': String(pull.number),
      branch: AGENT_BRANCH,
      'base-sha': head,
    });
    // One PR; the verified commit sits on top of the head the review was made on.
    expect(rig!.github.pulls).toHaveLength(1);
    const newHead = git(s.bare, ['rev-parse', `refs/heads/${AGENT_BRANCH}`]);
    expect(git(s.bare, ['rev-parse', `${AGENT_BRANCH}~1`])).toBe(head);
    expect(git(s.bare, ['show', `${AGENT_BRANCH}:src/app.txt`])).toBe('one\nTWO\nthree\nFOUR\nfive\nsix');
    // All three inline comments reached the agent.
    const prompt = readFileSync(s.promptCopy, 'utf8');
    for (const c of COMMENTS) expect(prompt).toContain(`> ${c.body}`);

    // One reply per thread, each to its top-level comment, in our words with the marker.
    expect(rig!.github.reviewReplies.map((r) => r.inReplyTo).sort()).toEqual(COMMENTS.map((c) => c.id));
    for (const reply of rig!.github.reviewReplies) {
      expect(reply.pull).toBe(pull.number);
      expect(reply.body.startsWith(REPLY_MARKER)).toBe(true);
      expect(reply.body).toContain(`Pushed \`${newHead.slice(0, 7)}\` onto this pull request (1 commit)`);
      expect(reply.body).toContain('/actions/runs/6000/attempts/1');
    }
    const replyTo = (id: number): string => rig!.github.reviewReplies.find((r) => r.inReplyTo === id)!.body;
    expect(replyTo(9101)).toContain('this thread is resolved');
    expect(replyTo(9102)).toContain('this thread is resolved');
    expect(replyTo(9103)).toContain('This thread stays open: the push did not change the commented lines.');

    // Exactly the two touched threads resolved through GraphQL; line 6 and the older thread stay open.
    expect(resolvedThreads(pull.number).sort()).toEqual(['PRRT_kwDOLine2', 'PRRT_kwDOLine4']);
    expect(resolveMutations()).toBe(2);
  });

  it('resolve-threads: false: the same review gets three replies and no thread is resolved', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    const head = git(s.bare, ['rev-parse', `refs/heads/${AGENT_BRANCH}`]);
    seedReview(pull, head);
    s.agentDoes(editLines2And4(s.promptCopy));

    const run = await s.run(submittedReview(pull.number, head), {
      runId: '6001',
      inputs: { 'resolve-threads': 'false' },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.pulls).toHaveLength(1);
    expect(rig!.github.reviewReplies.map((r) => r.inReplyTo).sort()).toEqual(COMMENTS.map((c) => c.id));
    const replyTo = (id: number): string => rig!.github.reviewReplies.find((r) => r.inReplyTo === id)!.body;
    expect(replyTo(9101)).toContain('This thread stays open: resolve-threads is off.');
    expect(replyTo(9102)).toContain('This thread stays open: resolve-threads is off.');
    expect(replyTo(9103)).toContain('the push did not change the commented lines');
    expect(resolvedThreads(pull.number)).toEqual([]);
    expect(rig!.github.calls.filter((c) => c.path === '/graphql')).toHaveLength(0);
  });
});
