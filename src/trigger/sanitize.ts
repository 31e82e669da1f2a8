/**
 * Sanitizes untrusted text (issue/PR titles, bodies, comments) before it is quoted into the prompt:
 * what a human reviewer cannot see must not reach the agent either (SPEC §7).
 */

/** Zero-width and invisible formatting characters (incl. soft hyphen, word joiner, BOM). */
const ZERO_WIDTH =
  /\u034F|[\u00AD\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200D\u2060-\u2064\u3164\uFEFF\uFFA0]/g;
/** Bidirectional controls (embedding, override, isolates, marks). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Unicode tag characters U+E0000–U+E007F (invisible ASCII smuggling). */
const TAGS = /[\u{E0000}-\u{E007F}]/gu;
/** Variation selectors VS1–16 and VS17–256. */
const VARIATION = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
/** C0/C1 controls other than tab and newline. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** HTML comments, including one left open to the end of the text. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** An HTML tag with attributes: keep the tag name, drop every attribute (alt, title, hidden, style, data-*). */
const TAG_ATTRIBUTES = /<(\/?[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(\/?)>/g;
/** Markdown image alt text and link titles are invisible in the rendered page. */
const IMAGE_ALT = /!\[[^\]]*\]\(/g;
const LINK_TITLE = /(\]\([^()\s]*)\s+(?:"[^"]*"|'[^']*'|\([^()]*\))\)/g;

export const INVISIBLE_CLASSES = { ZERO_WIDTH, BIDI, TAGS, VARIATION, CONTROLS } as const;

export function sanitizeUntrusted(text: string): string {
  let out = text.replace(/\r\n?/g, '\n');
  // Removing one class can join others into a new match (`<!<!---->--`), so repeat until stable.
  for (let i = 0; i < 10; i++) {
    const before = out;
    out = out
      .replace(ZERO_WIDTH, '')
      .replace(BIDI, '')
      .replace(TAGS, '')
      .replace(VARIATION, '')
      .replace(CONTROLS, '')
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
