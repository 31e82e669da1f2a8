import { existsSync } from 'node:fs';
import { formatBytes } from '../snapshot/index.js';
import { hostsOf, renderAgentSummarySection, renderMessage } from './agent-summary.js';
import { UNVERIFIED_REASONS } from './quarantine.js';
import type { RunResult } from './result.js';

/**
 * Markdown for the job summary: outcome, reason, counts, bytes and per-stage timings. The message and
 * the agent's summary go through the Markdown sanitizer (they quote agent text).
 */
export async function renderSummary(result: RunResult, runLink?: string): Promise<string> {
  const rows: Array<[string, string]> = [
    ['Outcome', `\`${result.outcome}\``],
    ['Reason', result.reason ? `\`${result.reason}\`` : '—'],
    ['Commits', String(result.commits ?? 0)],
    ['Files changed', String(result.filesChanged ?? 0)],
    ['Patch size', result.patchBytes === undefined ? '—' : formatBytes(result.patchBytes)],
  ];
  if (result.prUrl) rows.push(['Pull request', `[#${result.prNumber}](${result.prUrl})`]);
  if (result.branch) rows.push(['Branch', `\`${result.branch}\``]);
  if (result.artifactName) {
    rows.push([
      'Artifact',
      `\`${result.artifactName}\`${result.artifactId ? ` (id ${result.artifactId})` : ''}`,
    ]);
  }
  if (result.baseSha) rows.push(['Base', `\`${result.baseSha}\``]);
  if (result.headTree) rows.push(['Verified tree', `\`${result.headTree}\``]);
  if (result.sandboxId) rows.push(['Sandbox', `\`${escapeCell(result.sandboxId)}\``]);
  const usage = formatUsage(result);
  if (usage) rows.push(['Agent usage', usage]);

  // Our compare link sits in the message; it stays a link when it is on the run's GitHub server.
  const message = await renderMessage(result.message, hostsOf(runLink));
  const lines = ['## sandbox-agent', '', message, '', '| | |', '|---|---|'];
  for (const [key, value] of rows) lines.push(`| ${key} | ${value} |`);
  if (result.timings.length > 0) {
    lines.push('', '| Stage | Time |', '|---|---:|');
    for (const t of result.timings) lines.push(`| ${t.stage} | ${formatMs(t.ms)} |`);
    const total = result.timings.reduce((sum, t) => sum + t.ms, 0);
    lines.push(`| **total** | **${formatMs(total)}** |`);
  }
  // Only a verified patch is offered (after tree-mismatch or apply-failed the mbox is not the agent's
  // work), and only where it really is: the uploaded artifact, or the file on disk.
  const offered =
    result.patchPath &&
    (result.outcome === 'artifact' || result.outcome === 'failed') &&
    !UNVERIFIED_REASONS.has(result.reason);
  if (offered && (result.artifactName || existsSync(result.patchPath ?? ''))) {
    lines.push(
      '',
      result.artifactName
        ? `Download the artifact \`${result.artifactName}\` (a zip holding \`agent.mbox\`) and apply the patch with:`
        : `The patch was not uploaded; it is on the runner at \`${escapeCell(result.patchPath ?? '')}\`. Apply it with:`,
      '',
      '```sh',
      'git am --keep-cr --patch-format=mboxrd agent.mbox',
      '```',
    );
  }
  if (result.agentSummary) {
    const section = await renderAgentSummarySection(result.agentSummary);
    if (section) lines.push('', section.trimEnd());
  }
  if (runLink) lines.push('', `[Run log](${runLink})`);
  return `${lines.join('\n')}\n`;
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

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function escapeCell(text: string): string {
  return text.replace(/[|`]/g, '');
}
