/**
 * GitHub's closing keywords: before an issue reference in a PR body or in a commit that reaches the
 * default branch, they close that issue. One list for every place that neutralizes agent text.
 */
export const CLOSING_KEYWORDS: ReadonlySet<string> = new Set([
  'close',
  'closes',
  'closed',
  'fix',
  'fixes',
  'fixed',
  'resolve',
  'resolves',
  'resolved',
]);
