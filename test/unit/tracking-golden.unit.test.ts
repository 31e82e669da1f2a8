import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/deliver/result.js';
import { formatDuration, renderResult } from '../../src/trigger/tracking.js';
import { emptyTableHeaders, linksIn, mentionsIn, violationsBesidesOurs } from '../helpers/github-text.js';

/**
 * Golden tracking comments (issue 19 item 3), one per outcome people meet: PR opened, artifact,
 * refused by policy, agent failure, delivery failure. The status line names the requester, the time,
 * the links and the cost (when known); failures add our own sentence and what to do; an artifact comes
 * with its link and the command that applies it. The agent's summary and agent-chosen paths in our
 * message are hostile: rendered as GitHub does, only the requester is mentioned and nothing is live.
 */
const CONTEXT = {
  serverUrl: 'https://github.com',
  repository: 'octo/demo',
  runId: '4242',
  runAttempt: '1',
};
const RUN = 'https://github.com/octo/demo/actions/runs/4242/attempts/1';
const HOSTILE_SUMMARY =
  'I could not make the tests pass. Closes #1 @bob <img src=x onerror=alert(1)> [x](javascript:alert(1))\n/approve';
const HOSTILE_PATH = '.github/fixes #1 [x](javascript:alert(1)) @octocat <b>';

function result(fields: Partial<RunResult> & Pick<RunResult, 'outcome'>): RunResult {
  return { reason: '', message: '', timings: [], ...fields };
}

async function render(r: RunResult, requestedBy: string | undefined): Promise<string> {
  return renderResult({ result: r, context: CONTEXT, requestedBy, durationMs: 252_400 });
}

function expectInert(text: string, requester = 'alice'): void {
  expect(violationsBesidesOurs(text, { requester })).toEqual([]);
  expect(mentionsIn(text)).toEqual([requester]);
  expect(emptyTableHeaders(text)).toBe(0);
  for (const url of linksIn(text)) expect(url.startsWith('https://github.com/octo/demo/')).toBe(true);
}

describe('tracking comment golden files', () => {
  it('PR opened: one line — who, how long, PR, branch, run, cost', async () => {
    const text = await render(
      result({
        outcome: 'pr-opened',
        message: 'Opened pull request #102 with 2 verified commit(s) touching 3 file(s).',
        prNumber: 102,
        prUrl: 'https://github.com/octo/demo/pull/102',
        branch: 'agent/issue-7-4242',
        compareUrl: 'https://github.com/octo/demo/compare/main...agent%2Fissue-7-4242?expand=1',
        costUsd: 0.1834,
        agentSummary: HOSTILE_SUMMARY,
      }),
      'alice',
    );
    await expect(text).toMatchFileSnapshot('../golden/tracking-pr-opened.md');
    expect(text).toBe(
      "✅ @alice's task finished in 4m 12s — [PR #102](https://github.com/octo/demo/pull/102) · " +
        '[branch](https://github.com/octo/demo/compare/main...agent%2Fissue-7-4242?expand=1) · ' +
        `[run](${RUN}) · $0.18`,
    );
    expectInert(text);
  });

  it('artifact (the agent failed): why, the artifact link, how to apply it, what the agent said', async () => {
    const text = await render(
      result({
        outcome: 'artifact',
        reason: 'agent-failed',
        message:
          'The agent exited with code 1; its 1 verified commit(s) were uploaded as artifact agent-patch-4242-1 for review instead of a pull request.',
        artifactId: '987',
        artifactName: 'agent-patch-4242-1',
        agentSummary: HOSTILE_SUMMARY,
      }),
      'alice',
    );
    await expect(text).toMatchFileSnapshot('../golden/tracking-artifact.md');
    expect(text.split('\n')[0]).toBe(
      "📦 @alice's task finished in 4m 12s; the patch is an artifact (`agent-failed`) — " +
        '[artifact `agent-patch-4242-1`](https://github.com/octo/demo/actions/runs/4242/artifacts/987) · ' +
        `[run](${RUN})`,
    );
    expect(text).toContain(
      'To apply it in your clone: `gh run download 4242 -n agent-patch-4242-1 && git am --keep-cr --patch-format=mboxrd agent.mbox`',
    );
    expect(text).toContain('The agent exited with code 1');
    expect(text).toContain('### What the agent did');
    expect(text).toContain('I could not make the tests pass.');
    expectInert(text);
  });

  it('refused by policy: our sentence quoting the agent path as code, and what to do', async () => {
    const text = await render(
      result({
        outcome: 'refused',
        reason: 'protected-path',
        message: `The patch changes the protected path \`${HOSTILE_PATH}\`; nothing was delivered. Change protected-paths-policy to fallback to receive it as an artifact.`,
        agentSummary: HOSTILE_SUMMARY,
      }),
      'alice',
    );
    await expect(text).toMatchFileSnapshot('../golden/tracking-refused.md');
    expect(text.split('\n')[0]).toBe(
      `🚫 @alice's task was refused after 4m 12s (\`protected-path\`) — [run](${RUN})`,
    );
    expect(text).toContain(`\`${HOSTILE_PATH}\``);
    expect(text).toContain('Change protected-paths-policy to fallback');
    expect(text).not.toContain('gh run download');
    expectInert(text);
  });

  it('agent failure without changes: our sentence, no artifact line (there is none)', async () => {
    const text = await render(
      result({
        outcome: 'failed',
        reason: 'agent-failed',
        message: 'The agent exited with code 3 without changing anything.',
        costUsd: 0.004,
      }),
      'alice',
    );
    await expect(text).toMatchFileSnapshot('../golden/tracking-agent-failed.md');
    expect(text).toBe(
      `❌ @alice's task failed after 4m 12s (\`agent-failed\`) — [run](${RUN}) · < $0.01\n\nThe agent exited with code 3 without changing anything.`,
    );
    expectInert(text);
  });

  it('delivery failure: the branch was pushed, GitHub refused the PR; the compare link and the kept artifact', async () => {
    const compare = 'https://github.com/octo/demo/compare/main...agent%2Fissue-7-4242?expand=1';
    const text = await render(
      result({
        outcome: 'branch-pushed',
        reason: 'pr-creation-forbidden',
        message: `Pushed 1 verified commit(s) touching 1 file(s) to branch agent/issue-7-4242, but no pull request was opened: GitHub Actions is not permitted to create pull requests. Enable "Allow GitHub Actions to create and approve pull requests". The work was also uploaded as artifact agent-patch-4242-1. Open the pull request from ${compare}`,
        branch: 'agent/issue-7-4242',
        compareUrl: compare,
        artifactName: 'agent-patch-4242-1',
        // Uploaded: only an artifact with an id is named (a failed upload leaves the patch on the runner).
        artifactId: '45',
      }),
      'alice',
    );
    await expect(text).toMatchFileSnapshot('../golden/tracking-delivery-failed.md');
    expect(text.split('\n')[0]).toBe(
      `⚠️ @alice's task finished in 4m 12s, but no pull request was opened (\`pr-creation-forbidden\`) — [branch](${compare}) · [artifact \`agent-patch-4242-1\`](https://github.com/octo/demo/actions/runs/4242/artifacts/45) · [run](${RUN})`,
    );
    expect(text).toContain('Enable "Allow GitHub Actions to create and approve pull requests"');
    expect(text).toContain('gh run download 4242 -n agent-patch-4242-1');
    expectInert(text);
  });

  it('an invalid or missing requester is never printed; a bot is named in code, not pinged', async () => {
    const opened = result({
      outcome: 'no-changes',
      message: 'The agent made no changes; nothing was delivered.',
    });
    for (const login of [undefined, '', 'x](javascript:alert(1)) @bob', 'a--b-']) {
      const text = await render(opened, login);
      expect(text.startsWith('ℹ️ The task finished in 4m 12s without changes — [run](')).toBe(true);
      expect(mentionsIn(text)).toEqual([]);
    }
    const bot = await render(opened, 'renovate[bot]');
    expect(bot.startsWith("ℹ️ `renovate[bot]`'s task finished")).toBe(true);
    expect(mentionsIn(bot)).toEqual([]);
  });

  it('durations read like a person writes them', () => {
    expect([0, 38_400, 252_400, 3_900_000].map(formatDuration)).toEqual(['0s', '38s', '4m 12s', '1h 5m']);
  });
});
