import type { ReviewThreadRef } from '../trigger/index.js';

/** One `@@ -oldStart,oldCount +… @@` hunk of `git diff -U0`: the lines of the old version it replaces. */
export interface OldRange {
  oldStart: number;
  /** 0 for a pure insertion after line `oldStart`. */
  oldCount: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm;

/**
 * Hunk headers of `git diff -U0` output. With zero context every content line starts with `+`, `-` or
 * `\`, so a line starting with `@@ ` is always git's header, never file content.
 */
export function parseOldRanges(diff: string): OldRange[] {
  return [...diff.matchAll(HUNK_HEADER)].map((m) => ({
    oldStart: Number(m[1]),
    oldCount: m[2] === undefined ? 1 : Number(m[2]),
  }));
}

/**
 * Whether the change touches lines [first, last] of the old version: it removes or rewrites one of
 * them, or inserts lines between them or directly next to them (a reviewer's "add X here").
 */
export function touchesLines(ranges: readonly OldRange[], first: number, last: number): boolean {
  return ranges.some(({ oldStart, oldCount }) =>
    oldCount > 0
      ? oldStart <= last && oldStart + oldCount - 1 >= first
      : oldStart >= first - 1 && oldStart <= last,
  );
}

export type ResolveDecision = { resolve: true } | { resolve: false; why: string };

/**
 * SPEC §9 `resolve-threads`: resolve only a RIGHT-side comment with line numbers, made on the very
 * commit the run started from, whose lines the pushed change touched. A comment made on another commit
 * is not mapped onto the start head (its numbers may point at other code, and resolving hides a
 * reviewer's point, while leaving it open costs one click): it is left open and the reply says why.
 */
export function decideResolve(
  thread: ReviewThreadRef,
  push: { startHead: string; changed: readonly OldRange[] } | undefined,
  resolveThreads: boolean,
): ResolveDecision {
  const no = (why: string): ResolveDecision => ({ resolve: false, why });
  if (!push) return no('the change was not pushed onto this pull request');
  if (thread.side !== 'RIGHT') return no('the comment is on the old side of the diff');
  if (thread.line === null) return no('the comment is outdated or on the whole file');
  if (thread.commitId !== push.startHead) {
    return no(
      `the comment was made on ${thread.commitId.slice(0, 7) || 'an unknown commit'}, not on ${push.startHead.slice(0, 7)} the run started from`,
    );
  }
  const first = Math.min(thread.startLine ?? thread.line, thread.line);
  if (!touchesLines(push.changed, first, thread.line))
    return no('the push did not change the commented lines');
  if (!resolveThreads) return no('resolve-threads is off');
  return { resolve: true };
}
