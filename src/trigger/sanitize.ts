/**
 * Untrusted text (issue/PR titles and bodies, other comments) enters the prompt only after this: hidden
 * content that a human reviewer would not see is removed, and the length is capped with a visible marker.
 */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** Zero-width and invisible formatting characters, bidi controls, BOM (lone combining marks included on purpose). */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/g;
/** Variation selectors (basic and supplementary). */
const VARIATION_SELECTORS = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/g;
/** Unicode tag characters U+E0000–E007F (as surrogate pairs). */
const TAG_CHARACTERS = /\udb40[\udc00-\udc7f]/g;
/** Other control characters except tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Attributes that hide or smuggle text in HTML: hidden, style, aria-*, data-*, title, alt. */
const HIDDEN_ATTRIBUTES =
  /\s(?:hidden|style|aria-[\w-]+|data-[\w-]+|title|alt)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/gi;

export function sanitizeUntrusted(text: string, maxChars: number): string {
  let clean = text
    .replace(HTML_COMMENT, '')
    .replace(TAG_CHARACTERS, '')
    .replace(VARIATION_SELECTORS, '')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(HIDDEN_ATTRIBUTES, ''));
  if (clean.length > maxChars) {
    clean = `${clean.slice(0, maxChars)}\n[… truncated: ${clean.length - maxChars} more characters not shown]`;
  }
  return clean;
}
