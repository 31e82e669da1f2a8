import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePull } from '../fakes/github/rest.js';
import type { ActionRun } from '../helpers/action.js';
import { APPEND_README, type GitHubEvent, type PrEventRig, startPrEventRig } from '../helpers/pr-event.js';
import { git, tempDir } from '../helpers/repo.js';

/**
 * Issue 20 items 1-2 end to end (built action, local provider, real git smart-HTTP server, fake GitHub):
 * a /agent follow-up on the agent's own PR lands on that PR's branch; human and fork PRs stay theirs.
 */
const TOKEN = 'ghs_FollowUpTestToken0123456789abcdefgh';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};
const AGENT_BRANCH = 'agent/issue-12-4242';

let rig: PrEventRig | undefined;
afterEach(async () => {
  await rig?.close();
});

interface Setup {
  bare: string;
  /** What the agent does next run (a shell script run in its work dir). */
  agentDoes(script: string): void;
  run(event: GitHubEvent, extra?: { inputs?: Record<string, string>; runId?: string }): Promise<ActionRun>;
  /** A clone of the server repository with `branch` checked out, to push as a person would. */
  personClone(branch: string): string;
}

async function setup(): Promise<Setup> {
  rig = await startPrEventRig({
    token: TOKEN,
    files: { 'README.md': '# demo\n', 'src/app.txt': 'one\n' },
    tempPrefix: 'sa-followup-',
  });
  rig.github.permissions.set('octocat', WRITE);
  const { bare } = rig;
  return {
    ...rig,
    personClone: (branch) => {
      const work = tempDir('sa-person-');
      git(work, ['clone', '-q', '-b', branch, bare, '.']);
      git(work, ['config', 'user.name', 'Person']);
      git(work, ['config', 'user.email', 'person@example.com']);
      return work;
    },
  };
}

function comment(
  number: number,
  body: string,
  pull: boolean,
): { name: string; payload: Record<string, unknown> } {
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue: {
        number,
        title: 'README is thin',
        body: 'Please expand it.',
        ...(pull ? { pull_request: {} } : {}),
      },
      comment: { id: 555 + number, body, user: { login: 'octocat', type: 'User' } },
      sender: { login: 'octocat' },
    },
  };
}

/** The agent's PR, opened by the action itself from an issue comment (run 4242). */
async function openAgentPull(s: Setup): Promise<FakePull> {
  const first = await s.run(comment(12, '/agent expand the README', false));
  expect(first.outputs, first.stdout).toMatchObject({ outcome: 'pr-opened', branch: AGENT_BRANCH });
  expect(first.outputs['follow-up']).toBe('false');
  return rig!.github.pulls[0]!;
}

const tip = (ref: string) => git(rig!.server.repoPath('octo/demo'), ['rev-parse', `refs/heads/${ref}`]);
const subject = (rev: string) => git(rig!.server.repoPath('octo/demo'), ['log', '-1', '--format=%s', rev]);

describe('follow-up on the agent’s own PR', () => {
  it('pushes onto the same branch as a fast-forward: one PR, pr-updated, follow-up=true, a Follow-ups entry', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    const before = tip(AGENT_BRANCH);
    const run = await s.run(comment(pull.number, '/agent also add a usage section', true), { runId: '5000' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'pr-updated',
      reason: '',
      'pr-number': String(pull.number),
      'pr-url': pull.html_url,
      branch: AGENT_BRANCH,
      'follow-up': 'true',
      'base-sha': before,
    });
    expect(rig!.github.pulls).toHaveLength(1);
    expect(git(s.bare, ['rev-parse', `${AGENT_BRANCH}~1`])).toBe(before);
    expect(git(s.bare, ['for-each-ref', '--format=%(refname)', 'refs/heads/agent/'])).toBe(
      `refs/heads/${AGENT_BRANCH}`,
    );
    expect(run.stdout).toContain(`Follow-up on #${pull.number}: ${AGENT_BRANCH} was created by this action.`);
    const body = rig!.github.pulls[0]!.body;
    expect(body).toContain('## Follow-ups');
    expect(body).toContain('- `also add a usage section` by `octocat`: 1 commit(s) added');
    expect(body).toContain(tip(AGENT_BRANCH).slice(0, 12));
    // The original body is kept above the entry.
    expect(body.startsWith('<!-- sandbox-agent:run=4242 -->')).toBe(true);
  });

  it('branch moved during the run, clean rebase: rebased onto the new tip, proven, pushed with a lease', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    const person = s.personClone(AGENT_BRANCH);
    writeFileSync(join(person, 'NOTES.md'), 'a reviewer note\n');
    git(person, ['add', 'NOTES.md']);
    git(person, ['commit', '-qm', 'Reviewer pushes meanwhile']);
    // The person pushes while the agent runs (after the run resolved the PR head and snapshotted it).
    s.agentDoes(`git -C '${person}' push -q origin HEAD:refs/heads/${AGENT_BRANCH}\n${APPEND_README}`);
    const moved = git(person, ['rev-parse', 'HEAD']);
    const run = await s.run(comment(pull.number, '/agent more', true), { runId: '5001' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-updated', 'follow-up': 'true', branch: AGENT_BRANCH });
    expect(run.stdout).toContain('rebasing the verified commits onto it');
    expect(run.stdout).toContain('equals the new tip merged with the verified patch');
    // The person's commit is kept (never forced over) and the agent's commit sits on top of it.
    expect(git(s.bare, ['rev-parse', `${AGENT_BRANCH}~1`])).toBe(moved);
    expect(subject(AGENT_BRANCH)).toBe('Agent change');
    expect(git(s.bare, ['show', `${AGENT_BRANCH}:NOTES.md`])).toBe('a reviewer note');
    expect(git(s.bare, ['show', `${AGENT_BRANCH}:README.md`])).toBe('# demo\nfrom the agent\nfrom the agent');
    expect(rig!.github.pulls).toHaveLength(1);
  });

  it('branch moved with a conflicting change: not forced, a new PR into the branch, reason rebase-conflict', async () => {
    const s = await setup();
    const pull = await openAgentPull(s);
    const person = s.personClone(AGENT_BRANCH);
    writeFileSync(join(person, 'README.md'), '# demo\nthe person rewrote this line\n');
    git(person, ['commit', '-qam', 'Person edits README']);
    s.agentDoes(`git -C '${person}' push -q origin HEAD:refs/heads/${AGENT_BRANCH}\n${APPEND_README}`);
    const moved = git(person, ['rev-parse', 'HEAD']);
    const run = await s.run(comment(pull.number, '/agent more', true), { runId: '5002' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'pr-opened',
      reason: 'rebase-conflict',
      'follow-up': 'false',
      branch: `agent/pr-${pull.number}-5002`,
    });
    expect(tip(AGENT_BRANCH)).toBe(moved);
    const created = rig!.github.pulls.find((p) => p.head.ref === `agent/pr-${pull.number}-5002`)!;
    expect(created.base.ref).toBe(AGENT_BRANCH);
    expect(run.stdout).toContain('do not apply cleanly onto its new tip');
  });

  it('a PR whose branch has the prefix and a copied marker, but a person as author, is treated as human', async () => {
    const s = await setup();
    const person = s.personClone('main');
    writeFileSync(join(person, 'p.txt'), 'x\n');
    git(person, ['add', 'p.txt']);
    git(person, ['commit', '-qm', 'Lookalike']);
    git(person, ['push', '-q', 'origin', 'HEAD:refs/heads/agent/lookalike']);
    const head = git(person, ['rev-parse', 'HEAD']);
    rig!.github.pulls.push(
      pullOf(7, 'agent/lookalike', 'octo/demo', 'mallory', '<!-- sandbox-agent:run=1 -->\nhi'),
    );
    const run = await s.run(comment(7, '/agent go', true));
    expect(run.outputs, run.stdout).toMatchObject({ outcome: 'pr-opened', reason: '', 'follow-up': 'false' });
    expect(tip('agent/lookalike')).toBe(head);
    expect(run.stdout).toContain('agent/lookalike belongs to @mallory');
  });
});

function pullOf(number: number, ref: string, headRepo: string, author: string, body = ''): FakePull {
  return {
    number,
    state: 'open',
    title: 'Feature',
    body,
    draft: false,
    head: { ref, label: `${headRepo.split('/')[0]}:${ref}`, repo: { full_name: headRepo } },
    base: { ref: 'main', repo: { full_name: 'octo/demo' } },
    html_url: `https://github.example/octo/demo/pull/${number}`,
    labels: [],
    requested_reviewers: [],
    user: { login: author },
  };
}

describe('human PRs stay theirs', () => {
  function pushFeature(s: Setup): string {
    const person = s.personClone('main');
    writeFileSync(join(person, 'feature.txt'), 'feature work\n');
    git(person, ['add', 'feature.txt']);
    git(person, ['commit', '-qm', 'Feature work']);
    git(person, ['push', '-q', 'origin', 'HEAD:refs/heads/feature']);
    return git(person, ['rev-parse', 'HEAD']);
  }

  it('default: a new PR into the person’s branch; pr-push-to-head: true pushes onto it', async () => {
    const s = await setup();
    const head = pushFeature(s);
    rig!.github.pulls.push(pullOf(7, 'feature', 'octo/demo', 'octocat'));
    const first = await s.run(comment(7, '/agent go', true));
    expect(first.outputs, first.stdout).toMatchObject({
      outcome: 'pr-opened',
      branch: 'agent/pr-7-4242',
      'follow-up': 'false',
    });
    expect(tip('feature')).toBe(head);
    expect(first.stdout).toContain('set pr-push-to-head: true to push onto it');

    const opted = await s.run(comment(7, '/agent go', true), {
      inputs: { 'pr-push-to-head': 'true' },
      runId: '5003',
    });
    expect(opted.outputs, opted.stdout).toMatchObject({
      outcome: 'pr-updated',
      'pr-number': '7',
      branch: 'feature',
      'follow-up': 'true',
    });
    expect(git(s.bare, ['rev-parse', 'feature~1'])).toBe(head);
    expect(subject('feature')).toBe('Agent change');
    expect(rig!.github.pulls.find((p) => p.number === 7)!.body).toContain('## Follow-ups');
  });

  it('fork PR with pr-push-to-head: true is never pushed onto (even when its head ref names a base branch)', async () => {
    const s = await setup();
    const person = s.personClone('main');
    writeFileSync(join(person, 'fork.txt'), 'fork work\n');
    git(person, ['add', 'fork.txt']);
    git(person, ['commit', '-qm', 'Fork work']);
    // GitHub exposes a fork PR's head as refs/pull/<n>/head in the base repository.
    git(person, ['push', '-q', 'origin', 'HEAD:refs/pull/7/head']);
    const forkHead = git(person, ['rev-parse', 'HEAD']);
    const mainBefore = tip('main');
    rig!.github.pulls.push({
      ...pullOf(7, 'main', 'mallory/demo', 'mallory'),
      head: {
        ref: 'main',
        label: 'mallory:main',
        sha: forkHead,
        repo: { full_name: 'mallory/demo' },
      },
    });
    const run = await s.run(comment(7, '/agent go', true), {
      inputs: { 'allow-fork-prs': 'true', 'pr-push-to-head': 'true' },
    });
    // reason '' too: without the fork check the lease on the fork's SHA still saves main, but as a
    // rebase-conflict fallback; the fork must never reach the push at all.
    expect(run.outputs, run.stdout).toMatchObject({
      outcome: 'pr-opened',
      reason: '',
      branch: 'agent/pr-7-4242',
      'follow-up': 'false',
    });
    expect(tip('main')).toBe(mainBefore);
    expect(run.stdout).toContain('pr-push-to-head never pushes onto a fork');
  });
});
