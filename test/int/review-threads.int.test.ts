import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePull } from '../fakes/github/rest.js';
import type { ActionRun } from '../helpers/action.js';
import { type GitHubEvent, type PrEventRig, startPrEventRig } from '../helpers/pr-event.js';
import { git, tempDir } from '../helpers/repo.js';

/**
 * Issue 20 item 3 end to end (built action, local provider, real git smart-HTTP server, fake GitHub
 * with GraphQL review threads): a review-comment run replies in its thread and resolves it only when
 * the verified push onto this PR changed the commented lines.
 */
const TOKEN = 'ghs_ReviewThreadsTestToken0123456789abcd';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};
const AGENT_BRANCH = 'agent/issue-12-4242';
const MARKER = '<!-- sandbox-agent:';
const COMMENT_ID = 777;
const THREAD = 'PRRT_kwDOAbc123';
const OTHER_THREAD = 'PRRT_kwDOOther9';
const APP = 'one\ntwo\nthree\nfour\nfive\nsix\n';
const CHANGE_LINE_3 = "sed -i 's/^three$/THREE/' src/app.txt\ngit commit -qam 'Fix line three'\n";
const CHANGE_LINE_6 = "sed -i 's/^six$/SIX/' src/app.txt\ngit commit -qam 'Fix line six'\n";

let rig: PrEventRig | undefined;
afterEach(async () => {
  await rig?.close();
});

interface Setup {
  agentDoes(script: string): void;
  run(event: GitHubEvent, extra?: { inputs?: Record<string, string>; runId?: string }): Promise<ActionRun>;
  tip(ref: string): string;
}

async function setup(): Promise<Setup> {
  rig = await startPrEventRig({
    token: TOKEN,
    files: { 'README.md': '# demo\n', 'src/app.txt': APP },
    tempPrefix: 'sa-threads-',
  });
  rig.github.permissions.set('octocat', WRITE);
  return rig;
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

/** A `pull_request_review_comment` payload as GitHub's webhook docs shape it (line, start_line, side, commit_id). */
function reviewComment(
  number: number,
  commitId: string,
  at: { line: number | null; startLine?: number; side?: 'LEFT' | 'RIGHT' } = { line: 3 },
): { name: string; payload: Record<string, unknown> } {
  return {
    name: 'pull_request_review_comment',
    payload: {
      action: 'created',
      pull_request: { number, title: 'Expand the README', body: '' },
      comment: {
        id: COMMENT_ID,
        body: '/agent capitalise this line',
        user: { login: 'octocat', type: 'User' },
        path: 'src/app.txt',
        line: at.line,
        start_line: at.startLine ?? null,
        side: at.side ?? 'RIGHT',
        commit_id: commitId,
        diff_hunk: '@@ -1,6 +1,6 @@\n one\n two\n three',
      },
      sender: { login: 'octocat' },
    },
  };
}

function seedThreads(number: number): void {
  rig!.github.reviewThreads.set(number, [
    { id: OTHER_THREAD, isResolved: false, commentIds: [111, 112] },
    { id: THREAD, isResolved: false, commentIds: [COMMENT_ID] },
  ]);
}

const isResolved = (number: number, id: string): boolean | undefined =>
  rig!.github.reviewThreads.get(number)?.find((t) => t.id === id)?.isResolved;
const graphqlCalls = (): number => rig!.github.calls.filter((c) => c.path === '/graphql').length;

describe('review threads on the agent’s PR (follow-up)', () => {
  it('push changes the commented line: replies in the thread with the pushed sha, resolves only that thread', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    s.agentDoes(CHANGE_LINE_3);
    const run = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH)), { runId: '5000' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.reviewReplies).toHaveLength(1);
    const reply = rig!.github.reviewReplies[0]!;
    expect(reply).toMatchObject({ pull: pull.number, inReplyTo: COMMENT_ID });
    expect(reply.body.startsWith(MARKER)).toBe(true);
    expect(reply.body).toContain(
      `Pushed \`${s.tip(AGENT_BRANCH).slice(0, 7)}\` onto this pull request (1 commit)`,
    );
    expect(reply.body).toContain('this thread is resolved');
    expect(reply.body).toContain('/actions/runs/5000/attempts/1');
    expect(isResolved(pull.number, THREAD)).toBe(true);
    expect(isResolved(pull.number, OTHER_THREAD)).toBe(false);
  });

  it('a command posted as a reply inside a thread is answered through the thread’s top-level comment', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    rig!.github.reviewThreads.set(pull.number, [
      { id: THREAD, isResolved: false, commentIds: [COMMENT_ID, 778] },
    ]);
    s.agentDoes(CHANGE_LINE_3);
    const event = reviewComment(pull.number, s.tip(AGENT_BRANCH));
    Object.assign(event.payload['comment'] as Record<string, unknown>, {
      id: 778,
      in_reply_to_id: COMMENT_ID,
    });
    const run = await s.run(event, { runId: '5009' });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.reviewReplies.map((r) => r.inReplyTo)).toEqual([COMMENT_ID]);
    expect(isResolved(pull.number, THREAD)).toBe(true);
  });

  it('a multi-line comment (start_line..line) is resolved when the push changes a line inside it', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    s.agentDoes(CHANGE_LINE_3);
    const run = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH), { startLine: 2, line: 4 }), {
      runId: '5001',
    });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(isResolved(pull.number, THREAD)).toBe(true);
  });

  it('push changes other lines only: replies, leaves the thread open, says why', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    s.agentDoes(CHANGE_LINE_6);
    const run = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH)), { runId: '5002' });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.reviewReplies).toHaveLength(1);
    expect(rig!.github.reviewReplies[0]!.body).toContain(
      'This thread stays open: the push did not change the commented lines.',
    );
    expect(isResolved(pull.number, THREAD)).toBe(false);
    expect(graphqlCalls()).toBe(0);
  });

  it('branch moved during the run: only the verified change counts, not what others pushed meanwhile', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    // A person rewrites the commented line while the agent runs; the agent changes line 6 only. The
    // rebase is clean, and diffing start → new tip would claim the person's edit as ours.
    const person = tempDir('sa-person-');
    git(person, ['clone', '-q', '-b', AGENT_BRANCH, rig!.server.repoPath('octo/demo'), '.']);
    git(person, ['config', 'user.name', 'Person']);
    git(person, ['config', 'user.email', 'person@example.com']);
    writeFileSync(join(person, 'src/app.txt'), APP.replace('three', 'the person wrote 3'));
    git(person, ['commit', '-qam', 'Person edits line three']);
    s.agentDoes(`git -C '${person}' push -q origin HEAD:refs/heads/${AGENT_BRANCH}\n${CHANGE_LINE_6}`);
    const run = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH)), { runId: '5008' });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(run.stdout).toContain('rebasing the verified commits onto it');
    expect(git(rig!.server.repoPath('octo/demo'), ['show', `${AGENT_BRANCH}:src/app.txt`])).toContain(
      'the person wrote 3',
    );
    expect(rig!.github.reviewReplies[0]!.body).toContain(`Pushed \`${s.tip(AGENT_BRANCH).slice(0, 7)}\``);
    expect(rig!.github.reviewReplies[0]!.body).toContain('the push did not change the commented lines');
    expect(isResolved(pull.number, THREAD)).toBe(false);
  });

  it('resolve-threads: false: replies, never resolves', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    s.agentDoes(CHANGE_LINE_3);
    const run = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH)), {
      runId: '5003',
      inputs: { 'resolve-threads': 'false' },
    });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.reviewReplies[0]!.body).toContain('This thread stays open: resolve-threads is off.');
    expect(isResolved(pull.number, THREAD)).toBe(false);
    expect(graphqlCalls()).toBe(0);
  });

  it('a comment made on an older commit is not mapped: the thread stays open', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    s.agentDoes(CHANGE_LINE_3);
    const older = git(rig!.server.repoPath('octo/demo'), ['rev-parse', `${AGENT_BRANCH}~1`]);
    const run = await s.run(reviewComment(pull.number, older), { runId: '5004' });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true' });
    expect(rig!.github.reviewReplies[0]!.body).toContain(`the comment was made on ${older.slice(0, 7)}`);
    expect(isResolved(pull.number, THREAD)).toBe(false);
  });

  it('GraphQL answers 200 with errors, or 403 without pull-requests: write: a warning, outcome unchanged', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    seedThreads(pull.number);
    // GitHub's shape for a failed GraphQL call: HTTP 200 with `errors` (docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
    // and …/guides/forming-calls-with-graphql); here for the thread lookup.
    rig!.github.faults.push({
      method: 'POST',
      path: '/graphql',
      status: 200,
      body: {
        data: null,
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
      },
    });
    s.agentDoes(CHANGE_LINE_3);
    const first = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH)), { runId: '5005' });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).toMatchObject({ outcome: 'pr-updated', reason: '', 'follow-up': 'true' });
    expect(first.stdout).toMatch(
      /::warning::Could not resolve the review thread of comment 777 \(needs pull-requests: write and contents: write\): .*Resource not accessible by integration/,
    );
    expect(isResolved(pull.number, THREAD)).toBe(false);
    expect(rig!.github.reviewReplies).toHaveLength(1);

    // A token without pull-requests: write: REST and GraphQL answer 403 (docs.github.com/rest/overview/permissions-required-for-github-apps).
    const forbidden = {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: '403',
    };
    rig!.github.faults.push(
      { method: 'POST', path: /\/replies$/, status: 403, body: forbidden },
      { method: 'POST', path: '/graphql', status: 403, body: forbidden },
    );
    s.agentDoes(CHANGE_LINE_6.replace('SIX', 'SIXTY'));
    const second = await s.run(reviewComment(pull.number, s.tip(AGENT_BRANCH), { line: 6 }), {
      runId: '5006',
    });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.outputs).toMatchObject({ outcome: 'pr-updated', reason: '', 'follow-up': 'true' });
    expect(second.stdout).toContain(
      '::warning::Could not reply in review thread 777: Resource not accessible by integration',
    );
    expect(second.stdout).toContain('::warning::Could not resolve the review thread of comment 777');
    expect(isResolved(pull.number, THREAD)).toBe(false);
    expect(rig!.github.reviewReplies).toHaveLength(1);
  });
});

describe('review threads on a person’s PR (no follow-up)', () => {
  it('a new child PR: the reply names it, the thread stays open', async () => {
    const s = await setup();
    const person = tempDir('sa-person-');
    git(person, ['clone', '-q', '-b', 'main', rig!.server.repoPath('octo/demo'), '.']);
    git(person, ['config', 'user.name', 'Person']);
    git(person, ['config', 'user.email', 'person@example.com']);
    writeFileSync(join(person, 'feature.txt'), 'feature work\n');
    git(person, ['add', 'feature.txt']);
    git(person, ['commit', '-qm', 'Feature work']);
    git(person, ['push', '-q', 'origin', 'HEAD:refs/heads/feature']);
    rig!.github.pulls.push({
      number: 7,
      state: 'open',
      title: 'Feature',
      body: '',
      draft: false,
      head: { ref: 'feature', label: 'octo:feature', repo: { full_name: 'octo/demo' } },
      base: { ref: 'main', repo: { full_name: 'octo/demo' } },
      html_url: 'https://github.example/octo/demo/pull/7',
      labels: [],
      requested_reviewers: [],
      user: { login: 'octocat' },
    });
    seedThreads(7);
    s.agentDoes(CHANGE_LINE_3);
    const run = await s.run(reviewComment(7, s.tip('feature')), { runId: '5007' });
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-opened', 'follow-up': 'false' });
    const child = rig!.github.pulls.find((p) => p.head.ref === 'agent/pr-7-5007')!;
    expect(child.base.ref).toBe('feature');
    expect(rig!.github.reviewReplies).toHaveLength(1);
    expect(rig!.github.reviewReplies[0]!.body).toContain(`Opened #${child.number} with the change`);
    expect(isResolved(7, THREAD)).toBe(false);
    expect(graphqlCalls()).toBe(0);
  });
});
