import type { LinkKeyword } from '../settings/index.js';
import { requesterMention } from '../shared/github-login.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Task } from '../trigger/index.js';
import { renderAgentSummarySection, renderExcerpt, renderQuote } from './agent-summary.js';

export interface PrBodyInput {
  task: Task;
  /** The agent's own account of its work, raw (redacted, not sanitized): it is sanitized here. */
  agentSummary?: string;
  commits: Array<{ sha: string; subject: string }>;
  files: string[];
  runLink: string;
  runId: string;
  branch: string;
  baseSha: string;
  verifiedTree: string;
  /** `pr-link-keyword`: the word before `#N` (only `Closes`, `Fixes`, `Resolves` close the issue). */
  linkKeyword: LinkKeyword;
}

const MAX_PROMPT = 2_000;
/**
 * The joiner our rewrite puts into closing keywords of pushed commit messages: inside a code span GitHub
 * acts on no keyword, and `inlineCode` would show the joiner as a visible replacement character.
 */
const WORD_JOINER = '\u2060';
/** Reviewers read the diff for the rest; a long list only pushes the verification line out of view. */
const MAX_LIST = 20;

/** The full prompt folds away under this line (our HTML, the only HTML in the body). */
export const PROMPT_DETAILS_OPEN = '<details><summary>The full task</summary>';
export const PROMPT_DETAILS_CLOSE = '</details>';

/**
 * The PR body leads with the change: the agent's summary, one line saying who asked for it and what
 * (the full prompt folded away), the link to the issue or PR it came from, commits and files, then
 * the verification line and the checkout command. Agent-authored text (commit subjects, file names)
 * is shown only in code spans; the summary, the prompt and its excerpt go through the Markdown
 * sanitizer, so none of them can render images or links, ping people, close issues or start a line
 * with a `/command`. The only mention is the requester's login, checked against GitHub's login rule.
 */
export async function renderPrBody(input: PrBodyInput): Promise<string> {
  const { task } = input;
  // Hidden marker: which run wrote this body (kept stable for anything that looks for it).
  const lines = [`<!-- sandbox-agent:run=${input.runId} -->`];
  const summary = input.agentSummary ? await renderAgentSummarySection(input.agentSummary) : '';
  if (summary) lines.push(summary.trimEnd(), '');
  lines.push(await requestLine(task), '');
  const prompt = await renderQuote(task.prompt, MAX_PROMPT);
  if (prompt) lines.push(PROMPT_DETAILS_OPEN, '', prompt, '', PROMPT_DETAILS_CLOSE, '');
  if (task.number) lines.push(`${input.linkKeyword} #${task.number}`, '');

  lines.push(`### Commits (${input.commits.length})`, '');
  for (const c of input.commits.slice(0, MAX_LIST))
    lines.push(`- \`${c.sha.slice(0, 12)}\` ${inlineCode(c.subject.replaceAll(WORD_JOINER, ''))}`);
  if (input.commits.length > MAX_LIST) lines.push(`- … and ${input.commits.length - MAX_LIST} more`);
  lines.push('', `### Files changed (${input.files.length})`, '');
  for (const f of input.files.slice(0, MAX_LIST)) lines.push(`- ${inlineCode(f)}`);
  if (input.files.length > MAX_LIST) lines.push(`- … and ${input.files.length - MAX_LIST} more`);
  lines.push(
    '',
    '---',
    '',
    `Verified on the runner before the push: base \`${input.baseSha}\`, tree \`${input.verifiedTree}\`, the same tree the agent left in the sandbox. [Run log](${input.runLink})`,
    '',
    '```sh',
    `gh pr checkout ${input.branch}`,
    '```',
  );
  return lines.join('\n');
}

/** "Requested by @alice in #7: *first line of the task*" — each part only when it is known. */
async function requestLine(task: Task): Promise<string> {
  const who = requesterMention(task.requestedBy);
  const where = task.number ? ` in #${task.number}` : '';
  const what = await renderExcerpt(task.title);
  const head = who ? `Requested by ${who}${where}` : `Requested${where}`;
  return what ? `${head}: ${what}` : `${head}.`;
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
  const by = input.requestedBy ? ` by ${inlineCode(input.requestedBy)}` : '';
  return `- ${inlineCode(input.request)}${by}: ${input.commits.length} commit(s) added (${shas}${more}). [Run log](${input.runLink}).`;
}

/** The body with `entry` appended under its Follow-ups section (created at the end the first time). */
export function appendFollowUp(body: string, entry: string): string {
  const base = body.replace(/\s+$/, '');
  if (base.includes(FOLLOW_UPS_MARKER)) return `${base}\n${entry}\n`;
  return `${base}\n\n${FOLLOW_UPS_MARKER}\n## Follow-ups\n\n${entry}\n`;
}
