import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderAgentSummarySection,
  renderMessage,
  renderQuote,
  sanitizeAgentMarkdown,
} from '../../src/deliver/agent-summary.js';
import { inlineCode } from '../../src/shared/inline-code.js';
import { githubViolations } from '../helpers/markdown-check.js';

const J = '\u2060';

describe('sanitizeAgentMarkdown', () => {
  it.each([
    ['plain text stays', 'Fixed the parser.', `F${J}ixed the parser.`],
    [
      'formatting stays',
      '## Changes\n\n- **bold** and *em*\n- `code`',
      '## Changes\n\n- **bold** and *em*\n- `code`',
    ],
    [
      'raw HTML is removed',
      'a <img src=x onerror=alert(1)> b <details><summary>hi</summary></details>',
      'a  b hi',
    ],
    ['HTML comments are removed', 'visible<!-- hidden instructions -->text', 'visibletext'],
    ['stray angle brackets stay text', 'if a < b && c > d', 'if a < b && c > d'],
    ['blockquotes survive', '> quoted', '> quoted'],
    [
      'images from other hosts become their alt text',
      '![pixel](https://evil.example/t.png)',
      '\\[image: pixel]',
    ],
    [
      'images from github.com stay',
      '![ok](https://github.com/o/r/x.png)',
      '![ok](https://github.com/o/r/x.png)',
    ],
    ['links to other hosts keep only their text', 'see [docs](https://evil.example/x)', 'see docs'],
    [
      'links to github.com stay',
      '[PR](https://github.com/o/r/pull/1)',
      '[PR](https://github.com/o/r/pull/1)',
    ],
    ['javascript: links are dropped', '[x](javascript:alert(1))', 'x'],
    [
      'bare URLs to other hosts stay text',
      'go to https://evil.example/a now',
      `go to https:${J}//evil.example/a now`,
    ],
    ['reference definitions to other hosts are dropped', '[a]: https://evil.example\ntext', 'text'],
    ['mentions do not ping', 'thanks @octocat and @org/team', `thanks @${J}octocat and @${J}org/team`],
    [
      'leading slash commands are broken',
      '/approve\n> /merge\n- /agent do it',
      `${J}/approve\n\n> ${J}/merge\n\n- ${J}/agent do it`,
    ],
    ['invisible characters are stripped', 'a\u200Bb\u202Ec\u{E0041}d', 'abcd'],
  ])('%s', async (_name, input, expected) => {
    expect(await sanitizeAgentMarkdown(input)).toBe(expected);
  });

  it('leaves fenced code as written and closes a fence the agent left open', async () => {
    const out = await sanitizeAgentMarkdown('```sh\necho <b> @x /cmd\n```\nafter @y\n~~~\nopen <i>');
    expect(out).toBe(`\`\`\`sh\necho <b> @x /cmd\n\`\`\`\n\nafter @${J}y\n\n\`\`\`\nopen <i>\n\`\`\``);
    expect(githubViolations(out)).toEqual([]);
  });

  it('caps the text with a visible marker', async () => {
    const out = await sanitizeAgentMarkdown(`${'line\n'.repeat(100)}`, { maxChars: 50 });
    expect(out.length).toBeLessThan(120);
    expect(out).toMatch(/\*… summary truncated \(\d+ more characters\)\.\*$/);
  });

  it('renders a headed section, or nothing for an empty summary', async () => {
    expect(await renderAgentSummarySection('Did it.')).toBe('### What the agent did\n\nDid it.\n');
    expect(await renderAgentSummarySection('  <!-- only a comment -->  ')).toBe('');
  });

  it('honours extra allowed hosts', async () => {
    expect(
      await sanitizeAgentMarkdown('[x](https://docs.example.org/a)', { allowedHosts: ['example.org'] }),
    ).toBe('[x](https://docs.example.org/a)');
  });

  it('stays fast and bounded on deeply nested input', async () => {
    for (const hostile of ['>'.repeat(6000), '1. '.repeat(2000), '- '.repeat(3000), '[a'.repeat(3000)]) {
      const started = performance.now();
      const out = await sanitizeAgentMarkdown(hostile);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(githubViolations(out)).toEqual([]);
    }
  });
});

/** Issue 15 (3): every attack rendered, then read back the way GitHub would. */
const ATTACKS: Array<[string, string]> = [
  ['closing keyword', 'Fixes #1'],
  ['closing keyword, cross-repo', 'closes owner/repo#3'],
  ['closing keyword with colon', 'Resolves: #2'],
  [
    'every keyword, any case',
    'close #1 CLOSES #1 Closed #1 fix #1 FIXES #1 fixed #1 resolve #1 Resolves #1 RESOLVED #1',
  ],
  ['closing keyword, issue URL', 'fixes https://github.com/o/r/issues/1'],
  ['closing keyword, issue link', 'fixes [the bug](https://github.com/o/r/issues/1)'],
  ['closing keyword split by emphasis', 'fi*xes* #1 and clo**ses** #2'],
  ['closing keyword split by a dropped link', '[fi](https://evil.example)xes #1'],
  ['closing keyword split by HTML', 'fi<b></b>xes #1'],
  ['mention', 'cc @octocat'],
  ['team mention', 'cc @org/security-team'],
  ['mention as decimal entity', '&#64;octocat'],
  ['mention as hex entity', '&#x40;octocat'],
  ['mention split by emphasis', '@*octocat*'],
  ['mention in link text', '[@octocat](https://github.com/octocat)'],
  ['image to another host', '![pixel](https://evil.example/p.png)'],
  ['image via reference', '![pixel][p]\n\n[p]: https://evil.example/p.png'],
  ['link with entity-encoded colon', '[x](https&#x3a;//evil.example)'],
  ['bare URL with entity-encoded colon', 'https&#58;//evil.example/x'],
  ['nested brackets around an allowed link', '[[a](https://github.com)](https://evil.example)'],
  ['brackets inside link text', '[a [b] c](https://evil.example)'],
  ['protocol-relative link', '[x](//evil.example/x)'],
  ['backslash host', '[x](/\\evil.example)'],
  ['reference link', '[click][1]\n\n[1]: https://evil.example'],
  ['collapsed and shortcut references', '[evil][] [evil]\n\n[evil]: <https://evil.example> "t"'],
  ['autolink', '<https://evil.example>'],
  ['email autolink', '<a@evil.example>'],
  ['bare www autolink', 'www.evil.com'],
  ['upper-case scheme', 'HTTPS://evil.example'],
  ['ftp scheme', 'ftp://evil.example/x'],
  ['javascript link', '[x](javascript:alert(1))'],
  ['data image', '![x](data:image/png;base64,AAAA)'],
  ['raw HTML', '<img src="https://evil.example/p.png"><a href="https://evil.example">x</a>'],
  ['HTML block', '<div>\n<script>alert(1)</script>\n</div>'],
  ['HTML comment', '<!-- hidden -->'],
  ['slash command', '/approve'],
  ['slash command after quote and list markers', '> - /merge\n1. /lgtm'],
  ['slash command after a soft break', 'done\n/close'],
  ['fence breakout', '```\nsafe\n```\n<img src=x>\n```'],
  ['longer fence inside', '````\n```\n<b>still code</b>\n```\n````\n@octocat'],
  ['info string with HTML', '```js"><img src=x>\nx\n```'],
  ['code span breakout', '`` ` `` @octocat `` ` ``'],
  ['table cell', '| a | b |\n|---|---|\n| @octocat | [x](https://evil.example) |'],
  ['footnote', 'x[^1]\n\n[^1]: see https://evil.example @octocat'],
  ['setext heading', 'Fixes #1\n===='],
  ['entity-encoded newline and slash', 'a&#10;/approve'],
  ['zero-width space in a mention', '@\u200Boctocat fixes #1'],
];

describe('attacks on the rendered Markdown (issue 15, class 3)', () => {
  it.each(ATTACKS)('%s', async (_name, attack) => {
    // Two are beyond what micromark links (cmark-gfm may): kept as defence in depth.
    if (!['ftp scheme', 'info string with HTML'].includes(_name)) {
      expect(githubViolations(attack).length, 'the attack must be an attack').toBeGreaterThan(0);
    }
    const out = await sanitizeAgentMarkdown(attack);
    expect(githubViolations(out), out).toEqual([]);
    // Rendering is stable: the output rendered again is still inert.
    expect(githubViolations(await sanitizeAgentMarkdown(out))).toEqual([]);
  });

  it.each(ATTACKS)('%s, as the quoted task prompt', async (_name, attack) => {
    const out = await renderQuote(attack, 2_000);
    expect(githubViolations(out), out).toEqual([]);
  });

  it.each(ATTACKS)('%s, inside our message', async (_name, attack) => {
    const out = await renderMessage(`The patch changes ${attack} and ${inlineCode(attack)}.`);
    expect(githubViolations(out), out).toEqual([]);
    // Only text and inline code come out: no block structure, no links, no emphasis.
    expect(out).not.toMatch(/^(#|>|\s*[-*+] |\d+\. )/m);
  });

  it('any mix of the attack fragments is inert', async () => {
    const fragment = fc.oneof(
      fc.constantFrom(...ATTACKS.map(([, attack]) => attack)),
      fc.constantFrom(
        '[',
        ']',
        '(',
        ')',
        '<',
        '>',
        '`',
        '```',
        '*',
        '_',
        '!',
        '&',
        '#',
        ':',
        '\\',
        '|',
        '@',
        '/',
      ),
      fc.constantFrom(
        '\n',
        '\n\n',
        ' ',
        '> ',
        '- ',
        '1. ',
        '    ',
        'fi',
        'xes',
        'close',
        ' #1',
        'https://',
        'www.',
      ),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 24 }), async (parts) => {
        const input = parts.join('');
        const out = await sanitizeAgentMarkdown(input);
        expect(githubViolations(out), `${JSON.stringify(input)} -> ${JSON.stringify(out)}`).toEqual([]);
        const message = await renderMessage(input);
        expect(githubViolations(message), `${JSON.stringify(input)} -> ${JSON.stringify(message)}`).toEqual(
          [],
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe('renderMessage', () => {
  it('keeps plain text and inline code, escapes the rest', async () => {
    const path = '.github/[x](https&#58;//evil)';
    const out = await renderMessage(`The patch changes the protected path ${inlineCode(path)} (.github/**).`);
    expect(out).toBe(
      'The patch changes the protected path `.github/[x](https&#58;//evil)` (.github/\\*\\*).',
    );
  });

  it('neutralizes a raw path that would close an issue or ping', async () => {
    expect(await renderMessage('Refused .github/fixes #1 for @octocat <b>x</b>')).toBe(
      `Refused .github/f${J}ixes #1 for @${J}octocat \\<b>x\\</b>`,
    );
  });
});

describe('inline code helpers', () => {
  it.each([
    ['plain', 'a/b.txt', '`a/b.txt`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['backtick runs at the edges', '``x`', '``` ``x` ```'],
    ['spaces at both edges are kept', ' x ', '`  x  `'],
    ['line breaks and controls', 'a\nb\r\u0007c\u202Ed', '`a\uFFFDb\uFFFD\uFFFDc\uFFFDd`'],
    ['empty', '', '` `'],
  ])('inlineCode: %s', async (_name, input, expected) => {
    expect(inlineCode(input)).toBe(expected);
    // Read back as GitHub would: one code span with exactly the cleaned text.
    expect(githubViolations(`x ${inlineCode(input)} y`)).toEqual([]);
  });

  it('inlineCode caps long text', () => {
    expect(inlineCode('a'.repeat(500), 10)).toBe(`\`${'a'.repeat(10)}…\``);
  });

  it('inlineCode cannot be broken out of, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('`', ' ', '\n', 'a', '<', '@', '[', ']', '(', ')', '#') }),
        (text) => {
          const span = inlineCode(text);
          const violations = githubViolations(`x ${span} y`);
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the code spans of the PR body (inlineCode) cannot be broken by backticks or newlines', () => {
    expect(inlineCode('a`<img src=x>`\nFixes #1 @x')).toBe('``a`<img src=x>`\uFFFDFixes #1 @x``');
    expect(githubViolations(`- ${inlineCode('`@octocat` fixes #1 `<b>`')}`)).toEqual([]);
  });
});
