/**
 * The one definition of the characters a reader cannot see. Untrusted text (an issue body quoted into
 * the prompt, the agent's summary, a path it chose) can hide instructions or a different name in them,
 * so every place that shows or forwards such text removes them (or makes them visible).
 */

/** Zero-width and invisible formatting characters (incl. soft hyphen, word joiner, BOM, Hangul fillers). */
const ZERO_WIDTH =
  '\\u034F\\u00AD\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200D\\u2060-\\u2064\\u3164\\uFEFF\\uFFA0';
/** Bidirectional controls (embedding, override, isolates, marks). */
const BIDI = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** Unicode tag characters U+E0000–U+E007F (invisible ASCII smuggling). */
const TAGS = '\\u{E0000}-\\u{E007F}';
/** Variation selectors VS1–16 and VS17–256 (they can smuggle bytes after any character too). */
const VARIATION = '\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';
/** C0 and C1 controls other than tab and newline, and the line and paragraph separators. */
const CONTROLS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029';
/** Tab and newline: kept where text may span lines. */
const LINE_BREAKS = '\\t\\n';

/**
 * Zero-width, bidi, tag and variation-selector characters, and controls other than tab and newline.
 * Global: use it with `replace`/`replaceAll` (`test` would keep state between calls).
 */
export const INVISIBLE = new RegExp(`[${ZERO_WIDTH}${BIDI}${TAGS}${VARIATION}${CONTROLS}]`, 'gu');

/** `INVISIBLE` plus every line break and tab: for text that must stay on one line. */
export const INVISIBLE_OR_LINE_BREAK = new RegExp(
  `[${ZERO_WIDTH}${BIDI}${TAGS}${VARIATION}${CONTROLS}${LINE_BREAKS}]`,
  'gu',
);
