import type { Task } from '../trigger/index.js';

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
 * cannot render images or links, ping people, or start a line with a `/command`.
 */
export function renderPrBody(input: PrBodyInput): string {
  const prompt =
    input.task.prompt.length > MAX_PROMPT
      ? `${input.task.prompt.slice(0, MAX_PROMPT)}\n… (truncated)`
      : input.task.prompt;
  const lines = [`<!-- sandbox-agent:run=${input.runId} -->`, '## Task', '', ...quote(prompt), ''];
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

function quote(text: string): string[] {
  return text.split('\n').map((line) => `> ${neutralize(line)}`);
}

/** Keeps a leading `/command` or `@mention` from acting when the prompt is echoed back. */
function neutralize(line: string): string {
  return line.replace(/^(\s*)([/@])/, '$1\u200b$2').replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

/** An inline code span that cannot be broken out of (backticks and newlines removed), capped. */
export function code(text: string): string {
  const clean = text.replace(/[`\r\n\u0000-\u001f\u007f]/g, ' ').slice(0, 200);
  return `\`${clean || ' '}\``;
}
