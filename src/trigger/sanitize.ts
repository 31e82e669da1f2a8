/**
 * Sanitizes untrusted text (issue/PR titles, bodies, comments) before it is quoted into the prompt:
 * what a human reviewer cannot see must not reach the agent either (SPEC §7).
 */

import { INVISIBLE } from '../shared/invisible.js';

/** HTML comments, including one left open to the end of the text. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** An HTML tag with attributes: keep the tag name, drop every attribute (alt, title, hidden, style, data-*). */
const TAG_ATTRIBUTES = /<(\/?[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(\/?)>/g;
/** Markdown image alt text and link titles are invisible in the rendered page. */
const IMAGE_ALT = /!\[[^\]]*\]\(/g;
const LINK_TITLE = /(\]\([^()\s]*)\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\)/g;

export function sanitizeUntrusted(text: string): string {
  let out = text.replace(/\r\n?/g, '\n');
  // Removing one class can join others into a new match (`<!<!---->--`), so repeat until stable.
  for (let i = 0; i < 10; i++) {
    const before = out;
    out = out
      .replace(INVISIBLE, '')
      .replace(HTML_COMMENT, '')
      .replace(TAG_ATTRIBUTES, '<$1$2>')
      .replace(IMAGE_ALT, '![](')
      .replace(LINK_TITLE, '$1)');
    if (out === before) break;
  }
  return out.replace(/<!--/g, '');
}

/** Caps text at `max` characters (never splitting a surrogate pair) with a visible marker. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}\n… [truncated: ${text.length - cut} more characters]`;
}
