import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from 'mdast';
import { describe, expect, it } from 'vitest';
import {
  commentableRanges,
  fenceFor,
  mapHunks,
  parseHunks,
  splitLines,
  suggestionBody,
} from '../../src/suggest/hunks.js';
import { parseRaw } from '../../src/suggest/index.js';
import { parseGfm } from '../helpers/github-text.js';
import { tempDir } from '../helpers/repo.js';

/** Real `git diff --no-index -U<n>` of two versions of a file (exit 1 means "differs"). */
function diff(before: string, after: string, context = 0): string {
  const dir = tempDir('sa-hunks-');
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  const run = spawnSync('git', ['diff', '--no-index', '--no-color', `-U${context}`, 'a', 'b'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return run.stdout;
}

const HEAD = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n';
const ALL = [{ start: 1, end: 7 }];

function map(after: string, allowed = ALL, before = HEAD) {
  return mapHunks('src/app.txt', parseHunks(diff(before, after)), splitLines(before), allowed);
}

/** The one fenced code block of a comment body as GitHub parses it. */
function codeBlock(body: string): Code {
  const root = parseGfm(body);
  expect(root.children).toHaveLength(1);
  const node = root.children[0]!;
  expect(node.type).toBe('code');
  return node as Code;
}

describe('mapHunks: verified hunks → suggested changes on the PR head lines', () => {
  it('single line replaced: a one-line suggestion on that line', () => {
    const { suggestions, unexpressible } = map(HEAD.replace('three', 'THREE'));
    expect(unexpressible).toEqual([]);
    expect(suggestions).toEqual([{ path: 'src/app.txt', line: 3, body: '```suggestion\nTHREE\n```' }]);
  });

  it('multi-line replacement: start_line..line and the new lines (more or fewer than replaced)', () => {
    const { suggestions } = map('one\nTWO\nTHREE-A\nTHREE-B\nTHREE-C\nfour\nfive\nsix\nseven\n');
    expect(suggestions).toEqual([
      {
        path: 'src/app.txt',
        startLine: 2,
        line: 3,
        body: '```suggestion\nTWO\nTHREE-A\nTHREE-B\nTHREE-C\n```',
      },
    ]);
  });

  it('two separate hunks: two suggestions', () => {
    const { suggestions } = map(HEAD.replace('two', '2').replace('six', '6'));
    expect(suggestions.map((s) => [s.line, codeBlock(s.body).value])).toEqual([
      [2, '2'],
      [6, '6'],
    ]);
  });

  it('pure insertion: attaches to the line before it, which the suggestion repeats', () => {
    const { suggestions } = map(HEAD.replace('four\n', 'four\nfour-and-a-half\n'));
    expect(suggestions).toEqual([
      { path: 'src/app.txt', line: 4, body: '```suggestion\nfour\nfour-and-a-half\n```' },
    ]);
  });

  it('insertion at the top of the file: attaches to line 1, new lines first', () => {
    const { suggestions } = map(`zero\n${HEAD}`);
    expect(suggestions).toEqual([{ path: 'src/app.txt', line: 1, body: '```suggestion\nzero\none\n```' }]);
  });

  it('deletion: an empty suggestion over the deleted lines', () => {
    const { suggestions } = map(HEAD.replace('three\nfour\n', ''));
    expect(suggestions).toEqual([{ path: 'src/app.txt', startLine: 3, line: 4, body: '```suggestion\n```' }]);
    expect(codeBlock(suggestions[0]!.body)).toMatchObject({ lang: 'suggestion', value: '' });
  });

  it('outside the PR diff: no comment, listed with its lines', () => {
    const { suggestions, unexpressible } = map(HEAD.replace('one', 'ONE').replace('six', 'SIX'), [
      { start: 5, end: 7 },
    ]);
    expect(suggestions.map((s) => s.line)).toEqual([6]);
    expect(unexpressible).toEqual([{ path: 'src/app.txt', why: "line 1: outside the pull request's diff" }]);
  });

  it('a range that spans two PR hunks is refused (GitHub wants start line and line in one hunk)', () => {
    const { suggestions, unexpressible } = map(HEAD.replace('three\nfour', 'THREE\nFOUR'), [
      { start: 1, end: 3 },
      { start: 4, end: 7 },
    ]);
    expect(suggestions).toEqual([]);
    expect(unexpressible[0]!.why).toContain("outside the pull request's diff");
  });

  it('a change to the final newline cannot be a suggestion', () => {
    const { suggestions, unexpressible } = map(HEAD.replace(/\n$/, ''));
    expect(suggestions).toEqual([]);
    expect(unexpressible[0]!.why).toContain('newline at the end of the file');
  });

  it('content with ``` and longer backtick runs cannot close the fence', () => {
    const hostile = 'x\n```\n@admin see [link](https://evil.example)\n`````\n```suggestion\ny';
    const { suggestions } = map(HEAD.replace('two', hostile));
    expect(suggestions).toHaveLength(1);
    const body = suggestions[0]!.body;
    expect(body.startsWith('``````suggestion\n')).toBe(true);
    expect(codeBlock(body)).toMatchObject({ lang: 'suggestion', value: hostile });
  });
});

describe('commentableRanges: RIGHT-side lines of the PR diff hunks (3 lines of context, as GitHub)', () => {
  it('covers the added lines and their context, per hunk', () => {
    const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const head = base.replace('line 5\n', 'line 5 changed\n').replace('line 25\n', 'line 25\nextra\n');
    expect(commentableRanges(diff(base, head, 3))).toEqual([
      { start: 2, end: 8 },
      { start: 23, end: 29 },
    ]);
  });
});

describe('fenceFor / suggestionBody / parseRaw', () => {
  it('a fence is at least three backticks and longer than any run inside', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('a ```` b')).toBe('`````');
    expect(suggestionBody(['a'])).toBe('```suggestion\na\n```');
  });

  it('parses raw diff-tree -z output, renames included', () => {
    const raw = ':100644 100755 aaa bbb M\0run.sh\0:100644 100644 ccc ddd R090\0old name\0new\nname\0';
    expect(parseRaw(raw)).toEqual([
      { oldMode: '100644', newMode: '100755', status: 'M', path: 'run.sh' },
      { oldMode: '100644', newMode: '100644', status: 'R', path: 'new\nname', fromPath: 'old name' },
    ]);
  });
});
