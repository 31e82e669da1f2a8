import { existsSync } from 'node:fs';
import { inlineCode } from '../shared/inline-code.js';
import { formatBytes } from '../snapshot/index.js';
import { hostsOf, renderAgentSummarySection, renderMessage } from './agent-summary.js';
import { UNVERIFIED_REASONS } from './quarantine.js';
import type { RunResult, StageTiming } from './result.js';
import { artifactUrl, type SummaryLinks } from './summary-links.js';

export { artifactUrl, type SummaryLinks } from './summary-links.js';

/**
 * Markdown for the job summary, most useful first: the outcome as a heading, our one sentence, what the
 * agent did, links, cost, a stage timeline, and the verification details folded away. Agent text goes
 * only through the Markdown sanitizer (`renderAgentSummarySection`), agent-chosen strings (the sandbox
 * id, names) only through `inlineCode`. Built as Markdown rather than with `core.summary`'s HTML
 * builders so the sanitized Markdown and our own sections render the same way and can be checked by
 * a Markdown parser in the tests.
 */
export async function renderSummary(result: RunResult, links: SummaryLinks | string = {}): Promise<string> {
  const where = typeof links === 'string' ? { runUrl: links } : links;
  // Our compare link sits in the message; it stays a link when it is on the run's GitHub server.
  const message = await renderMessage(result.message, hostsOf(where.runUrl ?? where.serverUrl));
  const sections = [`## ${outcomeHeading(result)}`, message.trimEnd()];
  if (result.agentSummary) {
    const section = await renderAgentSummarySection(result.agentSummary);
    if (section) sections.push(section.trimEnd());
  }
  sections.push(linksSection(result, where), costSection(result), timelineSection(result.timings));
  sections.push(detailsSection(result));
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

const POLICY_REASONS = new Set(['protected-path', 'patch-too-large', 'policy-violation', 'secret-detected']);

/** Emoji and words for the outcome: what a reader scanning a list of runs needs first. */
export function outcomeHeading(result: Pick<RunResult, 'outcome' | 'reason' | 'artifactId'>): string {
  switch (result.outcome) {
    case 'pr-opened':
      return '✅ Pull request opened';
    case 'pr-updated':
      return '✅ Pull request updated';
    case 'branch-pushed':
      return '⚠️ Branch pushed, no pull request';
    case 'artifact':
      return result.artifactId ? '📦 Patch saved as an artifact' : '📦 Patch kept on the runner';
    case 'no-changes':
      return '➖ No changes';
    case 'refused':
      return POLICY_REASONS.has(result.reason) ? '⛔ Refused by policy' : '⛔ Refused';
    case 'failed':
      return '❌ Failed';
  }
}

function linksSection(result: RunResult, links: SummaryLinks): string {
  const items: string[] = [];
  const apply: string[] = [];
  if (result.prUrl) items.push(`- Pull request: [#${result.prNumber}](${result.prUrl})`);
  if (result.branch) {
    const compare =
      links.serverUrl && links.repository && result.baseSha
        ? ` ([compare](${links.serverUrl}/${links.repository}/compare/${result.baseSha}...${result.branch.split('/').map(encodeURIComponent).join('/')}))`
        : '';
    items.push(`- Branch: ${inlineCode(result.branch)}${compare}`);
  }
  const url = artifactUrl(links, result.artifactId);
  // Offered only for an artifact that was really uploaded and holds verified work.
  if (result.artifactName && result.artifactId && !UNVERIFIED_REASONS.has(result.reason)) {
    const name = inlineCode(result.artifactName);
    items.push(url ? `- Artifact: [${name}](${url})` : `- Artifact: ${name}`);
    // The name is the workflow's input or ours; a name that would need shell quoting gets no command.
    if (links.runId && /^[\w.-]+$/.test(result.artifactName)) {
      apply.push(
        'Apply it to a clone of the repository:',
        '',
        '```sh',
        `gh run download ${links.runId} -n ${result.artifactName}`,
        'git am --keep-cr --patch-format=mboxrd agent.mbox',
        '```',
      );
    }
  } else if (
    result.patchPath &&
    (result.outcome === 'artifact' || result.outcome === 'failed' || result.outcome === 'branch-pushed') &&
    !UNVERIFIED_REASONS.has(result.reason) &&
    // Named only where it really is (an upload that failed leaves it; a quarantine moves it away).
    existsSync(result.patchPath)
  ) {
    items.push(`- Verified patch on the runner: ${inlineCode(result.patchPath, 500)}`);
    apply.push(
      `The patch was not uploaded; it is on the runner at ${inlineCode(result.patchPath, 500)}. Apply it to a clone of the repository with:`,
      '',
      '```sh',
      'git am --keep-cr --patch-format=mboxrd agent.mbox',
      '```',
    );
  }
  if (links.runUrl) items.push(`- [Run log](${links.runUrl})`);
  if (items.length === 0) return '';
  return ['### Links', items.join('\n'), ...(apply.length > 0 ? [apply.join('\n')] : [])].join('\n\n');
}

function costSection(result: RunResult): string {
  const t = result.tokens ?? {};
  const count = (n: number | undefined): string => (n === undefined ? '—' : n.toLocaleString('en-US'));
  const hasTokens = [t.inputTokens, t.outputTokens, t.cachedTokens].some((n) => n !== undefined);
  const sandboxMs = sandboxLifetimeMs(result.timings);
  if (!hasTokens && result.costUsd === undefined && sandboxMs === undefined) return '';
  const cost =
    result.costUsd !== undefined
      ? `$${result.costUsd.toFixed(4)}`
      : hasTokens
        ? 'tokens only (the agent reports no cost)'
        : '—';
  return [
    '### Cost',
    '',
    '| Input tokens | Output tokens | Cached input tokens | Cost | Sandbox time |',
    '|---:|---:|---:|---|---:|',
    `| ${count(t.inputTokens)} | ${count(t.outputTokens)} | ${count(t.cachedTokens)} | ${cost} | ${sandboxMs === undefined ? '—' : formatDuration(sandboxMs)} |`,
  ].join('\n');
}

/** How long the sandbox existed: from the start of boot to the end of its delete (or the last stage). */
export function sandboxLifetimeMs(timings: readonly StageTiming[]): number | undefined {
  const boot = timings.find((t) => t.stage === 'boot');
  if (!boot) return undefined;
  const teardown = timings.find((t) => t.stage === 'teardown');
  const end = teardown ? teardown.endMs : Math.max(...timings.map((t) => t.endMs));
  return end - boot.startMs;
}

/** Wall time of the run: the first start to the last end (stages overlap, so not a sum). */
export function wallTimeMs(timings: readonly StageTiming[]): number {
  if (timings.length === 0) return 0;
  return Math.max(...timings.map((t) => t.endMs)) - Math.min(...timings.map((t) => t.startMs));
}

/**
 * A mermaid `gantt` of the stages, each bar from its real start to its real end (ms since the run
 * started), so overlap and the long pole show; GitHub renders mermaid blocks in job summaries. The
 * durations are also listed as a table below it, for readers without the diagram.
 */
function timelineSection(timings: readonly StageTiming[]): string {
  if (timings.length === 0) return '';
  const wall = wallTimeMs(timings);
  const longest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));
  const bars = timings.map((t) => {
    const tags = t === longest ? 'crit, ' : '';
    return `    ${stageName(t.stage)} (${formatDuration(t.ms)}) :${tags}${t.startMs}, ${Math.max(t.endMs, t.startMs + 1)}`;
  });
  return [
    '### Timeline',
    '',
    `Total wall time ${formatDuration(wall)}; the longest stage is ${stageName(longest.stage)} (${formatDuration(longest.ms)}).`,
    '',
    '```mermaid',
    'gantt',
    '    dateFormat x',
    `    axisFormat ${wall >= 60_000 ? '%M:%S' : '%S.%L s'}`,
    '    section Stages',
    ...bars,
    '```',
    '',
    '| Stage | Starts at | Time |',
    '|---|---:|---:|',
    ...timings.map(
      (t) => `| ${stageName(t.stage)} | ${formatDuration(t.startMs)} | ${formatDuration(t.ms)} |`,
    ),
    `| **total (wall time)** | | **${formatDuration(wall)}** |`,
  ].join('\n');
}

/** Stage names are ours; anything else is reduced to what a gantt task name and a table cell allow. */
function stageName(stage: string): string {
  return stage.replace(/[^\w -]/g, '') || 'stage';
}

const DASHBOARDS: Record<string, string> = {
  daytona: 'https://app.daytona.io/dashboard/sandboxes',
};

function detailsSection(result: RunResult): string {
  const rows: Array<[string, string]> = [
    ['Outcome', `${inlineCode(result.outcome)}${result.reason ? ` (${inlineCode(result.reason)})` : ''}`],
  ];
  if (result.commits) rows.push(['Commits', String(result.commits)]);
  if (result.filesChanged) rows.push(['Files changed', String(result.filesChanged)]);
  if (result.patchBytes !== undefined) rows.push(['Patch size', formatBytes(result.patchBytes)]);
  if (result.baseSha) rows.push(['Base', inlineCode(result.baseSha)]);
  if (result.headTree) rows.push(['Verified tree', inlineCode(result.headTree)]);
  if (result.sandboxId) {
    const provider = result.sandboxProvider;
    const dashboard = provider ? DASHBOARDS[provider] : undefined;
    const on = provider ? ` on ${provider}` : '';
    rows.push([
      'Sandbox',
      `${inlineCode(result.sandboxId)}${on}${dashboard ? ` ([dashboard](${dashboard}))` : ''}`,
    ]);
  }
  return [
    '<details><summary>Details</summary>',
    '',
    '| Field | Value |',
    '|---|---|',
    ...rows.map(([key, value]) => `| ${key} | ${value.replace(/\|/g, '\\|')} |`),
    '',
    '</details>',
  ].join('\n');
}

/** Tokens and cost as the agent CLI reported them; '' when it reported nothing. */
export function formatUsage(result: Pick<RunResult, 'tokens' | 'costUsd'>): string {
  const parts: string[] = [];
  const t = result.tokens ?? {};
  if (t.inputTokens !== undefined) parts.push(`${t.inputTokens.toLocaleString('en-US')} input tokens`);
  if (t.cachedTokens !== undefined) parts.push(`${t.cachedTokens.toLocaleString('en-US')} cached`);
  if (t.outputTokens !== undefined) parts.push(`${t.outputTokens.toLocaleString('en-US')} output tokens`);
  if (result.costUsd !== undefined) parts.push(`$${result.costUsd.toFixed(4)}`);
  return parts.join(', ');
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}
