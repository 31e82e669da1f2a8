import { describe, expect, it } from 'vitest';
import { renderAgentSummarySection, sanitizeAgentMarkdown } from '../../src/deliver/agent-summary.js';

describe('renderAgentSummarySection', () => {
  it.each([
    ['plain text stays', 'Fixed the parser.', 'Fixed the parser.'],
    [
      'raw HTML is removed',
      'a <img src=x onerror=alert(1)> b <details><summary>hi</summary></details>',
      'a  b hi',
    ],
    ['HTML comments are removed', 'visible<!-- hidden instructions -->text', 'visibletext'],
    ['stray angle brackets are escaped', 'if a < b && c > d', 'if a &lt; b && c &gt; d'],
    ['blockquotes survive', '> quoted', '> quoted'],
    [
      'images from other hosts become their alt text',
      '![pixel](https://evil.example/t.png)',
      '[image: pixel]',
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
    ['javascript: links are dropped', '[x](javascript:alert(1))', 'x)'],
    ['bare URLs become code', 'go to https://evil.example/a now', 'go to `https://evil.example/a` now'],
    ['reference definitions to other hosts are dropped', '[a]: https://evil.example\ntext', 'text'],
    ['mentions do not ping', 'thanks @octocat and @org/team', 'thanks @\u2060octocat and @\u2060org/team'],
    ['emails are left alone', 'mail a@b.example', 'mail a@b.example'],
    [
      'leading slash commands are escaped',
      '/approve\n> /merge\n- /agent do it',
      '\\/approve\n> \\/merge\n- \\/agent do it',
    ],
    ['invisible characters are stripped', 'a\u200Bb\u202Ec\u{E0041}d', 'abcd'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeAgentMarkdown(input)).toBe(expected);
  });

  it('leaves fenced code as written and closes a fence the agent left open', () => {
    const out = sanitizeAgentMarkdown('```sh\necho <b> @x /cmd\n```\nafter @y\n~~~\nopen <i>');
    expect(out).toBe('```sh\necho <b> @x /cmd\n```\nafter @\u2060y\n~~~\nopen <i>\n~~~');
  });

  it('caps the text with a visible marker', () => {
    const out = sanitizeAgentMarkdown(`${'line\n'.repeat(100)}`, { maxChars: 50 });
    expect(out.length).toBeLessThan(120);
    expect(out).toMatch(/\*… summary truncated \(\d+ more characters\)\.\*$/);
  });

  it('renders a headed section, or nothing for an empty summary', () => {
    expect(renderAgentSummarySection('Did it.')).toBe('### What the agent did\n\nDid it.\n');
    expect(renderAgentSummarySection('  <!-- only a comment -->  ')).toBe('');
  });

  it('honours extra allowed hosts', () => {
    expect(sanitizeAgentMarkdown('[x](https://docs.example.org/a)', { allowedHosts: ['example.org'] })).toBe(
      '[x](https://docs.example.org/a)',
    );
  });
});
