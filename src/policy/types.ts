import type { ReasonCode } from '../shared/errors.js';
import { inlineCode } from '../shared/inline-code.js';

export type Rule =
  | 'path'
  | 'gitlink'
  | 'gitmodules'
  | 'symlink'
  | 'protected'
  | 'cap'
  | 'secret'
  | 'internal';

/**
 * `refuse`: nothing goes out (no push, no artifact); `fallback`: no push, the mbox goes out as an
 * artifact for review; `note`: reported only.
 */
export type Effect = 'refuse' | 'fallback' | 'note';

export interface Finding {
  rule: Rule;
  reason: ReasonCode;
  /** The path concerned (control characters escaped); absent when naming it would leak a secret. */
  path?: string;
  /** For secrets: what matched (a label such as `github-token` or `agent-env KEY (base64)`), never the value. */
  pattern?: string;
  /** One sentence for the log and the summary; never contains a secret value. */
  detail: string;
  effect: Effect;
}

/** Shows a path safely in logs and Markdown: control characters escaped, never raw. */
export function showPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

/** A path as it is quoted in a finding's `detail`: `showPath` in a code span, inert in Markdown. */
export function codePath(path: string): string {
  return inlineCode(showPath(path), 300);
}
