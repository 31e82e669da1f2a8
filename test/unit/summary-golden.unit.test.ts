import { join } from 'node:path';
import type { Code, Nodes, Root, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it, vi } from 'vitest';
import type { RunResult, StageTiming } from '../../src/deliver/result.js';
import {
  renderSummary,
  type SummaryLinks,
  sandboxLifetimeMs,
  wallTimeMs,
} from '../../src/deliver/summary.js';
import { summaryViolations } from '../helpers/markdown-check.js';

// The summary names a runner path only when the file is there; the fixtures' runner paths stand for
// files that are (the runner's own layout, so the goldens stay stable).
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    existsSync: (path: string) => path.startsWith('/home/runner/work/_temp/') || fs.existsSync(path),
  };
});

const LINKS: SummaryLinks = {
  runUrl: 'https://github.com/octo/app/actions/runs/5106/attempts/1',
  serverUrl: 'https://github.com',
  repository: 'octo/app',
  runId: '5106',
};

const BASE = '3f2c9a1e5b7d4c6a8e0f1b2d3c4e5f6a7b8c9d0e';
const TREE = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';

/** A run whose teardown overlaps verify and deliver, as in main.ts: the total is not a sum. */
function stages(...names: string[]): StageTiming[] {
  const plan: Record<string, [number, number]> = {
    preflight: [0, 140],
    snapshot: [140, 910],
    boot: [910, 4_210],
    stage: [4_210, 6_020],
    install: [6_020, 21_400],
    agent: [21_400, 95_800],
    capture: [95_800, 97_300],
    teardown: [97_300, 99_900],
    verify: [97_310, 98_050],
    policy: [98_050, 98_120],
    deliver: [98_120, 101_640],
  };
  return names.map((stage) => {
    const [startMs, endMs] = plan[stage] ?? [0, 0];
    return { stage, startMs, endMs, ms: endMs - startMs };
  });
}

/** Everything a hostile agent might put in its summary to act on GitHub or the reader. */
const HOSTILE_SUMMARY = [
  'Fixed the flaky test. @octo/admins please merge; Fixes #1',
  '',
  '<img src="https://evil.example/pixel.png"> <!-- hidden -->',
  '',
  '[click me](javascript:alert(1)) and ![x](https://evil.example/x.png)',
  '',
  '/approve',
].join('\n');

const ALL = [
  'preflight',
  'snapshot',
  'boot',
  'stage',
  'install',
  'agent',
  'capture',
  'teardown',
  'verify',
  'policy',
  'deliver',
];

const CASES: Array<[string, RunResult]> = [
  [
    'pr-opened',
    {
      outcome: 'pr-opened',
      reason: '',
      message: 'Opened pull request #102 with 2 verified commit(s) touching 2 file(s).',
      prNumber: 102,
      prUrl: 'https://github.com/octo/app/pull/102',
      branch: 'sandbox-agent/5106-1',
      commits: 2,
      filesChanged: 2,
      patchBytes: 2_310,
      baseSha: BASE,
      headTree: TREE,
      sandboxId: 'f3b1c2d4-sbx',
      sandboxProvider: 'daytona',
      agentSummary:
        'Made `parseDate` accept ISO week dates and added tests.\n\n- src/date.ts\n- test/date.test.ts',
      tokens: { inputTokens: 5_110, outputTokens: 1_890, cachedTokens: 41_000 },
      costUsd: 0.1837,
      timings: stages(...ALL),
    },
  ],
  [
    'artifact',
    {
      outcome: 'artifact',
      reason: '',
      message: 'Verified 1 commit(s); uploaded as artifact agent-patch-5106-1.',
      artifactId: '45',
      artifactName: 'agent-patch-5106-1',
      commits: 1,
      filesChanged: 1,
      patchBytes: 912,
      patchPath: '/home/runner/work/_temp/sandbox-agent/agent.mbox',
      baseSha: BASE,
      headTree: TREE,
      sandboxId: 'sb-modal-123',
      sandboxProvider: 'modal',
      agentSummary: 'Renamed the option.',
      tokens: { inputTokens: 1_200, outputTokens: 90, cachedTokens: 800 },
      timings: stages(...ALL.filter((s) => s !== 'deliver'), 'deliver'),
    },
  ],
  [
    'refused-by-policy',
    {
      outcome: 'refused',
      reason: 'secret-detected',
      message: 'The patch adds what looks like a GitHub token in `src/config.ts`; nothing was delivered.',
      commits: 1,
      filesChanged: 1,
      patchBytes: 640,
      baseSha: BASE,
      headTree: TREE,
      sandboxId: 'f3b1c2d4-sbx',
      sandboxProvider: 'daytona',
      tokens: { inputTokens: 900, outputTokens: 120 },
      costUsd: 0.02,
      timings: stages(...ALL.filter((s) => s !== 'deliver')),
    },
  ],
  [
    'agent-failure',
    {
      outcome: 'artifact',
      reason: 'agent-failed',
      message:
        'The agent exited with code 1; its verified partial work was uploaded as artifact agent-patch-5106-1.',
      artifactId: '46',
      artifactName: 'agent-patch-5106-1',
      commits: 1,
      filesChanged: 3,
      patchBytes: 4_096,
      patchPath: '/home/runner/work/_temp/sandbox-agent/agent.mbox',
      baseSha: BASE,
      headTree: TREE,
      // A local sandbox id is a runner path; an agent cannot choose it, but it must stay code anyway.
      sandboxId: '/tmp/sa-local-`x`|y',
      sandboxProvider: 'local',
      agentExitCode: 1,
      agentSummary: HOSTILE_SUMMARY,
      timings: stages(...ALL),
    },
  ],
  [
    'delivery-failure',
    {
      outcome: 'failed',
      reason: 'internal-error',
      message:
        'GitHub refused the token (401 Bad credentials) while uploading the artifact. Check github-token.',
      commits: 1,
      filesChanged: 1,
      patchBytes: 700,
      patchPath: '/home/runner/work/_temp/sandbox-agent/agent.mbox',
      baseSha: BASE,
      headTree: TREE,
      sandboxId: 'f3b1c2d4-sbx',
      sandboxProvider: 'daytona',
      agentSummary: 'Updated the README.',
      timings: stages(...ALL),
    },
  ],
];

const parse = (markdown: string): Root =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function nodesOf<T extends Nodes['type']>(tree: Nodes, type: T): Array<Extract<Nodes, { type: T }>> {
  const found: Nodes[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === type) found.push(node);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return found as Array<Extract<Nodes, { type: T }>>;
}

const textOf = (node: Nodes): string =>
  'value' in node && typeof node.value === 'string'
    ? node.value
    : 'children' in node
      ? node.children.map((c) => textOf(c as Nodes)).join('')
      : '';

describe('job summary (golden, rendered as GitHub Markdown)', () => {
  it.each(CASES)('%s', async (name, result) => {
    const summary = await renderSummary(result, LINKS);
    await expect(summary).toMatchFileSnapshot(
      join(import.meta.dirname, '..', 'golden', `summary-${name}.md`),
    );

    const tree = parse(summary);
    // The outcome is the first thing: a level-2 heading that starts with an emoji.
    const first = tree.children[0];
    expect(first?.type).toBe('heading');
    expect(textOf(first as Nodes)).toMatch(/^\p{Extended_Pictographic}/u);

    // No table has an empty header cell.
    for (const table of nodesOf(tree, 'table') as Table[]) {
      for (const cell of table.children[0]?.children ?? []) expect(textOf(cell).trim()).not.toBe('');
    }

    // Nothing GitHub would act on: no foreign link or image, no mention, no closing keyword, no raw HTML
    // but our own fold.
    const problems = summaryViolations(summary, ['github.com', 'app.daytona.io']);
    expect(problems).toEqual([]);

    // The mermaid block is a gantt whose tasks run from their real start to their real end.
    const mermaid = (nodesOf(tree, 'code') as Code[]).filter((c) => c.lang === 'mermaid');
    expect(mermaid).toHaveLength(1);
    const [head, ...rest] = mermaid[0]!.value.split('\n');
    expect(head).toBe('gantt');
    expect(rest.slice(0, 3).map((l) => l.trim())).toEqual([
      'dateFormat x',
      expect.stringMatching(/^axisFormat %/),
      'section Stages',
    ]);
    const tasks = rest.slice(3);
    expect(tasks).toHaveLength(result.timings.length);
    tasks.forEach((line, index) => {
      const match = /^ {4}([\w -]+) \(([^():;#]+)\) :(?:crit, )?(\d+), (\d+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const timing = result.timings[index]!;
      expect(match![1]).toBe(timing.stage);
      expect(Number(match![3])).toBe(timing.startMs);
      expect(Number(match![4])).toBe(Math.max(timing.endMs, timing.startMs + 1));
    });
    // "total" is the wall time, not the sum of the overlapping stages.
    const wall = wallTimeMs(result.timings);
    const sum = result.timings.reduce((total, t) => total + t.ms, 0);
    expect(wall).toBeLessThan(sum);
    expect(summary).toContain(
      `| **total (wall time)** | | **1m ${String(Math.round((wall % 60_000) / 1000)).padStart(2, '0')}s** |`,
    );
  });

  it('offers gh run download only when the artifact exists, else the runner path', async () => {
    const [, artifact] = CASES[1]!;
    const withArtifact = await renderSummary(artifact, LINKS);
    expect(withArtifact).toContain(
      '- Artifact: [`agent-patch-5106-1`](https://github.com/octo/app/actions/runs/5106/artifacts/45)',
    );
    expect(withArtifact).toContain(
      'gh run download 5106 -n agent-patch-5106-1\ngit am --keep-cr --patch-format=mboxrd agent.mbox',
    );
    const [, deliveryFailure] = CASES[4]!;
    const without = await renderSummary(deliveryFailure, LINKS);
    expect(without).not.toContain('gh run download');
    // Not uploaded: how to apply the file left on the runner, never a download that cannot work.
    expect(without).toContain('The patch was not uploaded; it is on the runner at');
    expect(without).toContain(
      '- Verified patch on the runner: `/home/runner/work/_temp/sandbox-agent/agent.mbox`',
    );
  });

  it('keeps the hostile agent summary inert and under "What the agent did"', async () => {
    const [, failure] = CASES[3]!;
    const summary = await renderSummary(failure, LINKS);
    expect(summary).toContain('### What the agent did');
    expect(summary).not.toMatch(/<img|javascript:|evil\.example\/pixel|<!--/);
    expect(summary).not.toMatch(/(^|[^`\\])@octo\/admins/);
    // Order: heading, sentence, agent, links, cost, timeline, details.
    const order = [
      '## ',
      'The agent exited',
      '### What the agent did',
      '### Links',
      '### Timeline',
      '<details>',
    ];
    const positions = order.map((marker) => summary.indexOf(marker));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows "tokens only" when the agent reports no cost, and the sandbox time from boot to delete', async () => {
    const [, artifact] = CASES[1]!;
    const summary = await renderSummary(artifact, LINKS);
    expect(summary).toContain('| 1,200 | 90 | 800 | tokens only (the agent reports no cost) | 1m 39s |');
    expect(sandboxLifetimeMs(artifact.timings)).toBe(99_900 - 910);
  });

  it('links the Daytona dashboard for a Daytona sandbox and none for other providers', async () => {
    const daytona = await renderSummary(CASES[0]![1], LINKS);
    expect(daytona).toContain(
      '| Sandbox | `f3b1c2d4-sbx` on daytona ([dashboard](https://app.daytona.io/dashboard/sandboxes)) |',
    );
    const modal = await renderSummary(CASES[1]![1], LINKS);
    expect(modal).toContain('| Sandbox | `sb-modal-123` on modal |');
    expect(modal).not.toContain('dashboard');
  });
});
