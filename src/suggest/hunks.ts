/**
 * Turning the verified diff (PR head → verified tree) into GitHub "suggested changes" (issue 20 item 6).
 * Pure functions over `git diff` output, so the mapping is unit-tested without GitHub. Every line number
 * here is a line of the file at the PR head: the old side of the verified diff is the RIGHT side of the
 * PR's own diff, which is the only side a suggestion can replace.
 */

/** One hunk of a `git diff -U0` of one file: lines `oldStart…` of the head file become `added`. */
export interface ChangeHunk {
  /** First removed line, or (when nothing is removed) the line the insertion follows (0 = top of file). */
  oldStart: number;
  oldCount: number;
  added: string[];
  /** A `\ No newline at end of file` marker: a suggestion cannot express a change to the last newline. */
  endOfFileNewline: boolean;
}

/** Inclusive range of head-file lines (1-based). */
export interface LineRange {
  start: number;
  end: number;
}

/** A review comment that is a suggested change (GitHub REST "Create a review for a pull request"). */
export interface Suggestion {
  path: string;
  /** First line replaced, when the suggestion spans more than one line. */
  startLine?: number;
  line: number;
  body: string;
}

/** A part of the verified change that cannot be a suggestion; listed in the review body by path. */
export interface Unexpressible {
  path: string;
  why: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of one file's unified diff (any context size); `git diff` headers before the first `@@` are skipped. */
export function parseHunks(diff: string): Array<ChangeHunk & { newStart: number; newCount: number }> {
  const hunks: Array<ChangeHunk & { newStart: number; newCount: number }> = [];
  let current: (ChangeHunk & { newStart: number; newCount: number }) | undefined;
  for (const line of diff.split('\n')) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      current = {
        oldStart: Number(header[1]),
        oldCount: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newCount: header[4] === undefined ? 1 : Number(header[4]),
        added: [],
        endOfFileNewline: false,
      };
      hunks.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('+')) current.added.push(line.slice(1));
    else if (line.startsWith('\\')) current.endOfFileNewline = true;
  }
  return hunks;
}

/**
 * The head-file lines a review comment may sit on: every RIGHT-side line (added or context) of the PR's
 * own diff hunks (GitHub answers 422 "Pull request review thread line must be part of the diff" for any
 * other line, and "… start line must be part of the same hunk as the line" for a range across hunks).
 */
export function commentableRanges(prDiff: string): LineRange[] {
  return parseHunks(prDiff)
    .filter((h) => h.newCount > 0)
    .map((h) => ({ start: h.newStart, end: h.newStart + h.newCount - 1 }));
}

/** A fence longer than any backtick run in `content`, so the content can never close it. */
export function fenceFor(content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

/** The comment body of a suggested change whose result is `lines` (none: the lines are deleted). */
export function suggestionBody(lines: readonly string[]): string {
  const content = lines.join('\n');
  const fence = fenceFor(content);
  return lines.length === 0 ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${content}\n${fence}`;
}

/**
 * Maps the hunks of one modified file to suggestions. `headLines` is the file at the PR head (for the
 * context line a pure insertion attaches to); `allowed` is where the PR's diff lets comments sit. A
 * replacement or deletion replaces exactly its lines; an insertion replaces the line before it (or the
 * first line, at the top of the file) with that line plus the new ones.
 */
export function mapHunks(
  path: string,
  hunks: readonly ChangeHunk[],
  headLines: readonly string[],
  allowed: readonly LineRange[],
): { suggestions: Suggestion[]; unexpressible: Unexpressible[] } {
  const suggestions: Suggestion[] = [];
  const unexpressible: Unexpressible[] = [];
  const taken: LineRange[] = [];
  for (const hunk of hunks) {
    const last = hunk.oldStart + hunk.oldCount - 1;
    const where =
      hunk.oldCount === 0
        ? `after line ${hunk.oldStart}`
        : hunk.oldCount === 1
          ? `line ${hunk.oldStart}`
          : `lines ${hunk.oldStart}-${last}`;
    const refuse = (why: string) => unexpressible.push({ path, why: `${where}: ${why}` });
    if (hunk.endOfFileNewline) {
      refuse('changes the newline at the end of the file');
      continue;
    }
    let range: LineRange;
    let lines: string[];
    if (hunk.oldCount > 0) {
      range = { start: hunk.oldStart, end: hunk.oldStart + hunk.oldCount - 1 };
      lines = hunk.added;
    } else if (hunk.oldStart >= 1 && hunk.oldStart <= headLines.length) {
      range = { start: hunk.oldStart, end: hunk.oldStart };
      lines = [headLines[hunk.oldStart - 1]!, ...hunk.added];
    } else if (hunk.oldStart === 0 && headLines.length > 0) {
      range = { start: 1, end: 1 };
      lines = [...hunk.added, headLines[0]!];
    } else {
      refuse('inserts into an empty file');
      continue;
    }
    if (!allowed.some((r) => r.start <= range.start && range.end <= r.end)) {
      refuse("outside the pull request's diff");
      continue;
    }
    if (taken.some((t) => t.start <= range.end && range.start <= t.end)) {
      refuse('overlaps another suggestion');
      continue;
    }
    taken.push(range);
    suggestions.push({
      path,
      ...(range.start < range.end ? { startLine: range.start } : {}),
      line: range.end,
      body: suggestionBody(lines),
    });
  }
  return { suggestions, unexpressible };
}

/** The lines of a file's content as `git diff` counts them (a final newline ends the last line). */
export function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
