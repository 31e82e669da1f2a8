import { neutralizeClosingReferences } from '../deliver/rewrite.js';
import { INVISIBLE_OR_LINE_BREAK } from '../shared/invisible.js';

/** The subject when the agent left no summary to take one from. */
export const DEFAULT_LEFTOVER_SUBJECT = 'Changes left uncommitted by the agent';

const MAX_SUBJECT = 72;

/**
 * The subject of the commit the capture makes from what the agent left uncommitted: the first line of
 * the agent's summary (agent text, so hostile) made into one plain line — invisible and control
 * characters removed, Markdown list/heading/quote markers dropped, at most 72 characters, closing
 * keywords broken as in every other commit message (`rewrite.ts`), and `::` broken so no log line
 * that quotes it can read as a workflow command. It reaches the sandbox through env, never the script.
 */
export function leftoverSubject(summary: string | undefined): string {
  const line = (summary ?? '')
    .split(/\r\n?|\n/)
    .map((l) =>
      l
        .replace(INVISIBLE_OR_LINE_BREAK, '')
        .replace(/^[\s#>*+:-]+/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .find((l) => /[\p{L}\p{N}]/u.test(l));
  if (!line) return DEFAULT_LEFTOVER_SUBJECT;
  const characters = Array.from(line);
  const capped =
    characters.length > MAX_SUBJECT
      ? `${characters
          .slice(0, MAX_SUBJECT - 1)
          .join('')
          .trimEnd()}…`
      : line;
  return neutralizeClosingReferences(capped).replace(/::/g, ':\u2060:');
}
