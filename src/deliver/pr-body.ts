import type { Task } from '../trigger/index.js';
import { renderQuote } from './agent-summary.js';

export interface PrBodyInput {
  task: Task;
  /** Already sanitized markdown for "What the agent did", when the agent reported one. */
  agentSummarySection?: string;
  commits: Array<{ sha: string; subject: string }>;
  files: string[];
  runLink: string;
  runId: string;
  artifactName: string;
  branch: string;
  verifiedTree: string;
}

const MAX_PROMPT = 2_000;
const MAX_LIST = 50;

/**
 * The PR body. Agent-authored text (commit subjects, file names) is shown only inside code spans, so it
 * cannot render images or links, ping people, close issues or start a line with a `/command`; the task
 * prompt (a commenter's text) and the agent's summary go through the Markdown sanitizer.
 */
export async function renderPrBody(input: PrBodyInput): Promise<string> {
  const prompt = await renderQuote(input.task.prompt, MAX_PROMPT);
  const lines = [`<!-- sandbox-agent:run=${input.runId} -->`, '## Task', '', prompt || '> —', ''];
  if (input.agentSummarySection) lines.push(input.agentSummarySection, '');
  lines.push(`## Commits (${input.commits.length})`, '');
  for (const c of input.commits.slice(0, MAX_LIST)) lines.push(`- ${c.sha.slice(0, 12)} ${code(c.subject)}`);
  if (input.commits.length > MAX_LIST) lines.push(`- … and ${input.commits.length - MAX_LIST} more`);
  lines.push('', `## Files changed (${input.files.length})`, '');
  for (const f of input.files.slice(0, MAX_LIST)) lines.push(`- ${code(f)}`);
  if (input.files.length > MAX_LIST) lines.push(`- … and ${input.files.length - MAX_LIST} more`);
  lines.push(
    '',
    '## Reproduce locally',
    '',
    '```sh',
    `git fetch origin ${input.branch} && git switch ${input.branch}`,
    `git rev-parse HEAD^{tree}   # ${input.verifiedTree}`,
    '```',
    '',
    `The patch was verified on the runner (same base, same commits, identical tree) before it was pushed. [Run log](${input.runLink}).`,
  );
  return lines.join('\n');
}

/** Heads the Follow-ups section, so a later follow-up appends under it instead of adding another. */
const FOLLOW_UPS_MARKER = '<!-- sandbox-agent:follow-ups -->';

/**
 * One line for the PR body's Follow-ups section: the request (a commenter's text, derived as a title)
 * and the requester in code spans (inert: no mention, link or closing keyword), the commits added.
 */
export function renderFollowUpEntry(input: {
  request: string;
  requestedBy: string;
  commits: Array<{ sha: string; subject: string }>;
  runLink: string;
}): string {
  const shas = input.commits
    .slice(0, 10)
    .map((c) => c.sha.slice(0, 12))
    .join(', ');
  const more = input.commits.length > 10 ? ` and ${input.commits.length - 10} more` : '';
  const by = input.requestedBy ? ` by ${code(input.requestedBy)}` : '';
  return `- ${code(input.request)}${by}: ${input.commits.length} commit(s) added (${shas}${more}). [Run log](${input.runLink}).`;
}

/** The body with `entry` appended under its Follow-ups section (created at the end the first time). */
export function appendFollowUp(body: string, entry: string): string {
  const base = body.replace(/\s+$/, '');
  if (base.includes(FOLLOW_UPS_MARKER)) return `${base}\n${entry}\n`;
  return `${base}\n\n${FOLLOW_UPS_MARKER}\n## Follow-ups\n\n${entry}\n`;
}

/**
 * An inline code span that cannot be broken out of (backticks, newlines and control characters become
 * spaces, so a one-backtick fence cannot be closed early), capped. GitHub ignores mentions, closing
 * keywords and references inside code.
 */
export function code(text: string): string {
  const clean = text.replace(/[`\r\n\u0000-\u001f\u007f]/g, ' ').slice(0, 200);
  return `\`${clean || ' '}\``;
}
