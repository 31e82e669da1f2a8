import { INVISIBLE_OR_LINE_BREAK } from './invisible.js';

/**
 * Text the agent chose (a path, a stderr tail) quoted as one Markdown code span that cannot be broken
 * out of: the fence is one backtick longer than the longest backtick run inside, line breaks and other
 * control or invisible characters become a visible `�`, and the text is capped. GitHub renders a code
 * span literally: no links, images, HTML, mentions or issue references. In the log it reads as a quote.
 */
export function inlineCode(text: string, maxChars = 200): string {
  let clean = text.replace(INVISIBLE_OR_LINE_BREAK, '\uFFFD');
  const characters = Array.from(clean);
  if (characters.length > maxChars) clean = `${characters.slice(0, maxChars).join('')}…`;
  if (!clean) return '` `';
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A span that starts or ends with a backtick needs a space, and CommonMark strips one space from
  // each side when both are there: pad so the content comes out exactly.
  const pad = /^[` ]|[` ]$/.test(clean) && /[^ ]/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
