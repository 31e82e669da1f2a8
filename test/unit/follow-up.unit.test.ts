import { describe, expect, it } from 'vitest';
import { decideFollowUp, PR_BODY_MARKER_PREFIX } from '../../src/deliver/follow-up.js';
import { appendFollowUp, renderFollowUpEntry } from '../../src/deliver/pr-body.js';
import type { PullHead } from '../../src/trigger/index.js';

const agentPull: PullHead = {
  number: 100,
  url: 'https://github.example/octo/demo/pull/100',
  headRef: 'agent/issue-12-4242',
  headSha: 'a'.repeat(40),
  sameRepo: true,
  author: 'github-actions[bot]',
  body: `${PR_BODY_MARKER_PREFIX}4242 -->\n## Task`,
};
const settings = { branchPrefix: 'agent/', prPushToHead: false };

describe('decideFollowUp: the proof that the action created the branch', () => {
  it('pushes onto a same-repo branch under the prefix, opened by a bot, with the marker', () => {
    expect(decideFollowUp(agentPull, settings)).toMatchObject({ push: true, agentBranch: true });
    expect(decideFollowUp({ ...agentPull, author: 'my-app[bot]' }, settings).push).toBe(true);
  });

  it.each([
    ['a person as author (copied marker)', { author: 'mallory' }],
    ['no marker', { body: '## Task' }],
    ['outside the prefix', { headRef: 'feature/x' }],
    ['a fork, even with every other proof', { sameRepo: false }],
  ])('does not push with %s', (_name, change) => {
    expect(decideFollowUp({ ...agentPull, ...change }, settings)).toMatchObject({
      push: false,
      agentBranch: false,
    });
  });

  it('pr-push-to-head opts same-repo human PRs in, never forks', () => {
    const opted = { ...settings, prPushToHead: true };
    expect(decideFollowUp({ ...agentPull, author: 'octocat', headRef: 'feature' }, opted)).toMatchObject({
      push: true,
      agentBranch: false,
    });
    const fork = decideFollowUp({ ...agentPull, sameRepo: false }, opted);
    expect(fork.push).toBe(false);
    expect(fork.why).toContain('never pushes onto a fork');
  });
});

describe('Follow-ups entry', () => {
  const commits = [{ sha: 'b'.repeat(40), subject: 'Fixes #1 @everyone ![x](https://evil.example/p.png)' }];

  it('shows the request and requester only as inert code spans, never agent text', () => {
    const entry = renderFollowUpEntry({
      request: 'do it` @org/team Fixes #3 [x](https://evil.example)\n/agent again',
      requestedBy: 'octocat',
      commits,
      runLink: 'https://github.example/octo/demo/actions/runs/1',
    });
    expect(entry.split('\n')).toHaveLength(1);
    expect(entry).toMatch(
      /^- ``do it` @org\/team Fixes #3 \[x\]\(https:\/\/evil\.example\)\uFFFD\/agent again`` by `octocat`: 1 commit\(s\) added \(bbbbbbbbbbbb\)\./u,
    );
    // Commit subjects are the agent's: not in the entry at all.
    expect(entry).not.toContain('evil.example/p.png');
    expect(entry).not.toContain('@everyone');
  });

  it('adds the section once, then appends under it', () => {
    const once = appendFollowUp('original body\n\n', '- first');
    expect(once).toBe('original body\n\n<!-- sandbox-agent:follow-ups -->\n## Follow-ups\n\n- first\n');
    const twice = appendFollowUp(once, '- second');
    expect(twice.match(/## Follow-ups/g)).toHaveLength(1);
    expect(twice.endsWith('- first\n- second\n')).toBe(true);
  });
});
