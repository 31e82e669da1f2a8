import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';

/** What started this run, in the form the branch name uses (`<prefix><trigger>-<number|run>-<run_id>`). */
export type TriggerKind = 'dispatch' | 'push' | 'schedule' | 'issue' | 'pr' | 'manual';

export interface Task {
  trigger: TriggerKind;
  /** Issue or PR number for comment triggers. */
  number?: number;
  /** The full prompt the agent reads from AGENT_PROMPT_FILE. */
  prompt: string;
  /** A short, single-line description for titles and summaries (our text, derived from the prompt). */
  title: string;
  /** GitHub login of the user the work is attributed to (Co-authored-by), when known. */
  requestedBy?: string;
  /** PR comments: the PR head commit, resolved once; the snapshot is taken from exactly this commit. */
  headSha?: string;
  /** PR comments: the PR's base branch and commit; the snapshot ships the history from it (issue 20). */
  prBase?: { ref: string; sha: string; commits?: number };
  /** Same-repo PR comments: the PR's head branch, which the new PR targets. */
  baseBranch?: string;
  /**
   * Comment triggers: the triggering comment (for the reaction and the tracking comment). With
   * `submittedReview` the id is a review's (`pull_request_review`), which GitHub has no reactions API for.
   */
  comment?: { id: number; review: boolean; submittedReview?: boolean };
  /** Issue triggers (`labeled` / `assigned`): the 👀 reaction goes on the issue; `label` as GitHub spells it. */
  issueTrigger?: { label?: string };
  /** PR comment triggers: the PR as GitHub reported it, to decide whether a follow-up pushes onto its branch. */
  pull?: PullHead;
  /** Review triggers: the inline review comments this run answers (reply in thread; resolve when the verified push changed their lines). */
  reviewThreads?: ReviewThreadRef[];
}

/** What `GET /pulls/{n}` says about a PR's head (src/deliver/follow-up.ts decides from it). */
export interface PullHead {
  number: number;
  url: string;
  headRef: string;
  headSha: string;
  /** Head and base are the same repository (not a fork). */
  sameRepo: boolean;
  /** The PR author's login (GitHub App bots end in `[bot]`, which no person's login can). */
  author: string;
  body: string;
}

/** One inline review comment as GitHub's pull-request-review-comment payload gives it (REST ids). */
export interface ReviewThreadRef {
  /** REST id of the comment (replies go to `POST /pulls/{n}/comments/{id}/replies`). */
  commentId: number;
  path: string;
  /** GitHub's `line` / `start_line` on `side` of the diff at `commitId`; null when outdated or file-level. */
  line: number | null;
  startLine: number | null;
  side: 'LEFT' | 'RIGHT';
  /** The commit the comment's line numbers refer to (`commit_id`). */
  commitId: string;
}

/** `pull_request_review` (submitted) is a comment trigger whose text is the review body (comment.ts). */
const COMMENT_EVENTS = new Set(['issue_comment', 'pull_request_review_comment', 'pull_request_review']);

/**
 * SPEC §7: workflow_dispatch, push, schedule and anything else take the task from the inputs; comment
 * events take it from the authorized comment (`comment.ts`); `issues` labeled/assigned from the issue
 * (`issue.ts`).
 */
export async function resolveTask(
  settings: Settings,
  context: RunContext,
  repoDir: string,
  logger?: Logger,
): Promise<Task> {
  if (context.eventName === 'issues') {
    const standing = settings.promptFile
      ? await readPromptFile(settings.promptFile, repoDir)
      : settings.prompt;
    if (!logger) throw new ActionError('internal-error', 'Issue triggers need a logger.');
    // Loaded for these events only: a dispatch run never evaluates the trigger code (cold start, issue 19).
    const { resolveIssueTask } = await import('./issue.js');
    return resolveIssueTask(settings, context, standing, logger);
  }
  if (COMMENT_EVENTS.has(context.eventName)) {
    const standing = settings.promptFile
      ? await readPromptFile(settings.promptFile, repoDir)
      : settings.prompt;
    if (!logger) throw new ActionError('internal-error', 'Comment triggers need a logger.');
    const { resolveCommentTask } = await import('./comment.js');
    return resolveCommentTask(settings, context, standing, logger);
  }
  const prompt = settings.promptFile ? await readPromptFile(settings.promptFile, repoDir) : settings.prompt;
  if (!prompt.trim()) {
    throw new ActionError(
      'missing-prompt',
      'No task was given: the prompt input is empty and no prompt-file was set.',
      'Set prompt (or prompt-file) on the step.',
    );
  }
  return {
    trigger: triggerKind(context.eventName),
    prompt,
    title: deriveTitle(prompt),
    requestedBy: context.actor || undefined,
  };
}

function triggerKind(eventName: string): TriggerKind {
  switch (eventName) {
    case 'workflow_dispatch':
      return 'dispatch';
    case 'push':
      return 'push';
    case 'schedule':
      return 'schedule';
    default:
      return 'manual';
  }
}

/** Reads `prompt-file`, which must stay inside the checkout (no `..` or symlink escapes). */
async function readPromptFile(path: string, repoDir: string): Promise<string> {
  const root = await realpath(repoDir);
  const target = await realpath(resolve(root, path)).catch(() => null);
  if (!target)
    throw new ActionError('invalid-input', `prompt-file '${path}' does not exist in the checkout.`);
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ActionError('invalid-input', `prompt-file '${path}' is outside the checkout.`);
  }
  return readFile(target, 'utf8');
}

/** First non-empty line, stripped of markdown noise and control characters, at most 72 characters. */
export function deriveTitle(prompt: string): string {
  const line =
    prompt
      .split('\n')
      .map((l) =>
        l
          .replace(/[\u0000-\u001f\u007f]/g, '')
          .replace(/^[#>*\-\s]+/, '')
          .trim(),
      )
      .find((l) => l.length > 0) ?? 'Agent task';
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}
