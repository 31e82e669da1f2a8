import { describe, expect, it } from 'vitest';
import { leftoverSubject } from '../../src/capture/leftover-subject.js';
import { sanitizeAgentMarkdown } from '../../src/deliver/agent-summary.js';
import { inlineCode } from '../../src/shared/inline-code.js';
import { sanitizeUntrusted } from '../../src/trigger/sanitize.js';

/**
 * One definition of the invisible characters (`src/shared/invisible.ts`): the prompt sanitizer, the
 * agent-summary renderer, the code spans and the leftover-commit subject all hide the same set. Before
 * it, only the prompt sanitizer knew the soft hyphen, the Arabic letter mark, the Hangul fillers, the
 * variation selectors (byte smuggling) and the C1 controls: an agent could hide them in its summary.
 */
const HIDDEN: Array<[string, string]> = [
  ['zero-width space', '\u200B'],
  ['soft hyphen', '\u00AD'],
  ['combining grapheme joiner', '\u034F'],
  ['Hangul filler', '\u3164'],
  ['Arabic letter mark (bidi)', '\u061C'],
  ['right-to-left override', '\u202E'],
  ['word joiner', '\u2060'],
  ['byte order mark', '\uFEFF'],
  ['tag character', '\u{E0041}'],
  ['variation selector 16', '\uFE0F'],
  ['variation selector 17+ (smuggling)', '\u{E0100}'],
  ['C1 control', '\u0085'],
  ['escape', '\u001B'],
];

describe('invisible characters, one definition for every consumer', () => {
  it.each(HIDDEN)(
    '%s is removed from the prompt, the summary and the leftover subject',
    async (_name, ch) => {
      const text = `Tidy${ch} the${ch} code`;
      expect(sanitizeUntrusted(text)).toBe('Tidy the code');
      expect(await sanitizeAgentMarkdown(text)).toBe('Tidy the code');
      expect(leftoverSubject(text)).toBe('Tidy the code');
    },
  );

  it.each(HIDDEN)('%s is shown as U+FFFD in a code span', (_name, ch) => {
    expect(inlineCode(`a${ch}b`)).toBe('`a\uFFFDb`');
  });

  it('tab and newline stay in multi-line text, and end one-line text', async () => {
    expect(sanitizeUntrusted('a\tb\nc')).toBe('a\tb\nc');
    expect(await sanitizeAgentMarkdown('a\nb')).toBe('a\nb');
    expect(inlineCode('a\tb\nc\u2028d')).toBe('`a\uFFFDb\uFFFDc\uFFFDd`');
    expect(leftoverSubject('first\u2028second\nthird')).toBe('firstsecond');
  });
});
