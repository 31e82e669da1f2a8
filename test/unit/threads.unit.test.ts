import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/deliver/result.js';
import { renderThreadReply } from '../../src/threads/index.js';
import { decideResolve, parseOldRanges, touchesLines } from '../../src/threads/lines.js';
import type { ReviewThreadRef } from '../../src/trigger/index.js';

const START = 'a'.repeat(40);
const thread = (over: Partial<ReviewThreadRef> = {}): ReviewThreadRef => ({
  commentId: 7,
  path: 'src/app.txt',
  line: 10,
  startLine: null,
  side: 'RIGHT',
  commitId: START,
  ...over,
});
const push = (diff: string) => ({ startHead: START, changed: parseOldRanges(diff) });

describe('parseOldRanges (git diff -U0 hunk headers)', () => {
  it('reads old start and count; a missing count is 1; content lines starting with @@ are not headers', () => {
    const diff = [
      'diff --git a/x b/x',
      '--- a/x',
      '+++ b/x',
      '@@ -3 +3 @@',
      '-three',
      '+@@ -99,9 +99,9 @@ fake header in content',
      '@@ -10,2 +10,0 @@ function f() {',
      '-a',
      '-b',
      '@@ -20,0 +21,2 @@',
      '+new',
      '+new',
    ].join('\n');
    expect(parseOldRanges(diff)).toEqual([
      { oldStart: 3, oldCount: 1 },
      { oldStart: 10, oldCount: 2 },
      { oldStart: 20, oldCount: 0 },
    ]);
  });
});

describe('touchesLines', () => {
  it('a rewrite or removal overlapping [first, last] touches; one just outside does not', () => {
    expect(touchesLines([{ oldStart: 10, oldCount: 1 }], 10, 10)).toBe(true);
    expect(touchesLines([{ oldStart: 8, oldCount: 3 }], 10, 12)).toBe(true);
    expect(touchesLines([{ oldStart: 12, oldCount: 5 }], 10, 12)).toBe(true);
    expect(touchesLines([{ oldStart: 9, oldCount: 1 }], 10, 12)).toBe(false);
    expect(touchesLines([{ oldStart: 13, oldCount: 1 }], 10, 12)).toBe(false);
    expect(touchesLines([], 1, 1)).toBe(false);
  });
  it('an insertion inside or directly next to the range touches it; two lines away does not', () => {
    expect(touchesLines([{ oldStart: 9, oldCount: 0 }], 10, 10)).toBe(true); // right before line 10
    expect(touchesLines([{ oldStart: 10, oldCount: 0 }], 10, 10)).toBe(true); // right after line 10
    expect(touchesLines([{ oldStart: 11, oldCount: 0 }], 10, 12)).toBe(true);
    expect(touchesLines([{ oldStart: 8, oldCount: 0 }], 10, 10)).toBe(false);
    expect(touchesLines([{ oldStart: 11, oldCount: 0 }], 10, 10)).toBe(false);
  });
});

describe('decideResolve', () => {
  it('resolves a RIGHT comment on the start head whose line the push changed', () => {
    expect(decideResolve(thread(), push('@@ -10 +10 @@'), true)).toEqual({ resolve: true });
    expect(decideResolve(thread({ startLine: 5, line: 8 }), push('@@ -6,1 +6,1 @@'), true)).toEqual({
      resolve: true,
    });
  });
  it('never resolves: no push, LEFT side, null line, another commit, other lines, input off', () => {
    const why = (d: ReturnType<typeof decideResolve>) => (d.resolve ? 'resolved' : d.why);
    expect(why(decideResolve(thread(), undefined, true))).toBe(
      'the change was not pushed onto this pull request',
    );
    expect(why(decideResolve(thread({ side: 'LEFT' }), push('@@ -10 +10 @@'), true))).toBe(
      'the comment is on the old side of the diff',
    );
    expect(why(decideResolve(thread({ line: null }), push('@@ -10 +10 @@'), true))).toBe(
      'the comment is outdated or on the whole file',
    );
    expect(why(decideResolve(thread({ commitId: 'b'.repeat(40) }), push('@@ -10 +10 @@'), true))).toBe(
      'the comment was made on bbbbbbb, not on aaaaaaa the run started from',
    );
    expect(why(decideResolve(thread({ startLine: 5, line: 8 }), push('@@ -9 +9 @@'), true))).toBe(
      'the push did not change the commented lines',
    );
    expect(why(decideResolve(thread(), push('@@ -10 +10 @@'), false))).toBe('resolve-threads is off');
  });
});

describe('renderThreadReply', () => {
  const base: RunResult = { outcome: 'failed', reason: 'agent-failed', message: '', timings: [] };
  const link = 'https://github.example/o/r/actions/runs/1/attempts/1';
  const no = { resolve: false, why: 'x' } as const;
  it('quotes the failure reason as one inert code span (first sentence only) and links the run', () => {
    const text = renderThreadReply(
      { ...base, message: 'The agent exited with code 3 @team <img src=x>. More detail here.' },
      no,
      undefined,
      link,
    );
    expect(text).toBe(
      `Failed (\`agent-failed\`): \`The agent exited with code 3 @team <img src=x>.\` [Run](${link})`,
    );
  });
  it('names the pushed commit or the new PR', () => {
    const pushed = { startHead: START, newHead: 'c'.repeat(40), changed: new Map() };
    expect(
      renderThreadReply(
        { ...base, outcome: 'pr-updated', followUp: true, commits: 2 },
        { resolve: true },
        pushed,
        link,
      ),
    ).toContain('Pushed `ccccccc` onto this pull request (2 commits). It changes the commented lines');
    expect(
      renderThreadReply({ ...base, outcome: 'pr-opened', reason: '', prNumber: 42 }, no, undefined, link),
    ).toBe(`Opened #42 with the change. [Run](${link})`);
    const conflict = {
      ...base,
      outcome: 'pr-opened' as const,
      reason: 'rebase-conflict',
      prNumber: 43,
      message:
        'agent/x moved during the run and the verified commits do not apply cleanly onto its new tip, so nothing was pushed onto it; more.',
    };
    expect(renderThreadReply(conflict, no, undefined, link)).toContain(
      'Opened #43 with the change. Not pushed onto this pull request (`rebase-conflict`): `agent/x moved',
    );
    expect(
      renderThreadReply(
        { ...base, outcome: 'refused', reason: 'protected-path', message: 'Refused.' },
        no,
        undefined,
        link,
      ),
    ).toContain('Refused (`protected-path`): `Refused.`');
  });
});
