import { renderAgentSummarySection } from '../deliver/agent-summary.js';
import { createGitHubClient, httpStatus } from '../deliver/github.js';
import { ActionError } from '../shared/errors.js';
import type { Git } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Logger } from '../shared/log.js';
import { TRACKING_MARKER_PREFIX } from '../trigger/command.js';
import {
  commentableRanges,
  type LineRange,
  mapHunks,
  parseHunks,
  type Suggestion,
  splitLines,
  type Unexpressible,
} from './hunks.js';

/**
 * Issue 20 item 6, `allow-fork-prs: suggest`: the verified change to a fork PR is delivered as one PR
 * review of GitHub "suggested changes", never pushed. Everything is computed by git on the runner from
 * the verified repository (isolated config, no hooks, no filters, no work tree of the fork's files);
 * nothing the agent wrote decides a path, a line or a count.
 */
export interface SuggestInput {
  /** Git on the verified repository (src/deliver/verify.ts): HEAD is the verified tip. */
  git: Git;
  /** The PR head the run started from: the verify base, and the review's `commit_id`. */
  headSha: string;
  /** The merge base of the PR (the snapshot's history); absent: no line is known to be in the PR diff. */
  mergeBase?: string;
  verifiedTree: string;
  commits: number;
  token: string;
  apiUrl: string;
  repository: string;
  pullNumber: number;
  /** Where the full mbox is and how to get it (our text; the name is quoted). */
  artifact: { name?: string; url?: string; runId?: string; keptAt?: string };
  /** The agent's own summary (redacted); shown only through the Markdown neutralizer. */
  agentSummary?: string;
  logger: Logger;
}

export interface SuggestResult {
  /** A review was posted (with or without its suggestion comments). */
  posted: boolean;
  /** Suggestion comments that are part of the posted review. */
  suggestions: number;
  /** Parts of the change listed in the review body instead. */
  unexpressible: number;
  reviewUrl?: string;
  /** Why no review (or no comments) could be posted. */
  failure?: ActionError;
}

/** GitHub limits a comment body to 65,536 characters; a review of hundreds of comments is unreadable. */
const MAX_COMMENT_CHARS = 60_000;
const MAX_SUGGESTIONS = 100;
const MAX_LISTED = 50;

export async function deliverSuggestions(input: SuggestInput): Promise<SuggestResult> {
  const plan = await planSuggestions(input.git, input.headSha, input.mergeBase);
  const [owner = '', repo = ''] = input.repository.split('/');
  const octokit = await createGitHubClient(input.token, input.apiUrl, input.logger);
  const post = async (suggestions: Suggestion[], unexpressible: Unexpressible[], note?: string) => {
    const { data } = await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: input.pullNumber,
      commit_id: input.headSha,
      event: 'COMMENT',
      body: await reviewBody(input, suggestions.length, unexpressible, note),
      comments: suggestions.map((s) => ({
        path: s.path,
        line: s.line,
        side: 'RIGHT' as const,
        ...(s.startLine === undefined ? {} : { start_line: s.startLine, start_side: 'RIGHT' as const }),
        body: s.body,
      })),
    });
    return data.html_url;
  };
  try {
    const url = await post(plan.suggestions, plan.unexpressible);
    input.logger.info(
      `Posted a review on #${input.pullNumber} with ${plan.suggestions.length} suggestion(s); ${plan.unexpressible.length} part(s) listed in its body.`,
    );
    return {
      posted: true,
      suggestions: plan.suggestions.length,
      unexpressible: plan.unexpressible.length,
      reviewUrl: url,
    };
  } catch (error) {
    const first = describeFailure(error);
    input.logger.warning(`GitHub refused the review with ${plan.suggestions.length} suggestion(s): ${first}`);
    if (plan.suggestions.length === 0) return notPosted(first, plan.unexpressible.length);
    // GitHub names the failing field, never the comment (a review is all or nothing): retry the body
    // alone, with every suggestion moved into the list so nothing is silently dropped.
    const moved = plan.suggestions.map((s) => ({
      path: s.path,
      why: `${s.startLine === undefined ? `line ${s.line}` : `lines ${s.startLine}-${s.line}`}: GitHub refused the line comment`,
    }));
    const unexpressible = [...plan.unexpressible, ...moved];
    try {
      const url = await post([], unexpressible, `GitHub refused the suggestion comments (${first}).`);
      input.logger.info(`Posted the review on #${input.pullNumber} without its comments.`);
      return { posted: true, suggestions: 0, unexpressible: unexpressible.length, reviewUrl: url };
    } catch (retryError) {
      return notPosted(describeFailure(retryError), unexpressible.length);
    }
  }
}

function notPosted(detail: string, unexpressible: number): SuggestResult {
  return {
    posted: false,
    suggestions: 0,
    unexpressible,
    failure: new ActionError(
      'permission-missing',
      `No review could be posted on the pull request: ${detail}`,
      'Give the job `permissions: pull-requests: write` (the patch is in the artifact meanwhile).',
    ),
  };
}

/** Status and GitHub's messages; review 422s carry `errors` as plain strings. */
function describeFailure(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown; errors?: unknown } } })?.response?.data;
  const errors = Array.isArray(data?.errors)
    ? data.errors.map((e) =>
        typeof e === 'string' ? e : String((e as { message?: unknown })?.message ?? ''),
      )
    : [];
  const text = [typeof data?.message === 'string' ? data.message : '', ...errors].filter(Boolean).join(': ');
  const status = httpStatus(error);
  const detail = text || (error instanceof Error ? error.message : String(error));
  return inlineCode(`${status ? `HTTP ${status} ` : ''}${detail}`, 300);
}

export interface SuggestionPlan {
  suggestions: Suggestion[];
  unexpressible: Unexpressible[];
}

/** One changed path of `git diff-tree -r -z` (raw format). */
interface RawChange {
  oldMode: string;
  newMode: string;
  status: string;
  path: string;
  /** For renames and copies: the path on the old side. */
  fromPath?: string;
}

/** Parses `git diff-tree -r -z` raw output: `:<mode> <mode> <sha> <sha> <status>\0<path>\0[<path>\0]`. */
export function parseRaw(raw: string): RawChange[] {
  const fields = raw.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i]!;
    if (!meta.startsWith(':')) continue;
    const [oldMode = '', newMode = '', , , status = ''] = meta.slice(1).split(' ');
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const first = fields[++i] ?? '';
    const second = twoPaths ? (fields[++i] ?? '') : undefined;
    changes.push({
      oldMode,
      newMode,
      status: status.charAt(0),
      path: second ?? first,
      ...(second === undefined ? {} : { fromPath: first }),
    });
  }
  return changes;
}

const REGULAR = new Set(['100644', '100755']);
/** No external diff, no textconv, no colour: the diff is git's own, whatever the trees' attributes say. */
const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv'];

/** The suggestions and the unexpressible parts of the verified change (PR head → verified HEAD). */
export async function planSuggestions(
  git: Git,
  headSha: string,
  mergeBase?: string,
): Promise<SuggestionPlan> {
  const changes = parseRaw(await git.run(['diff-tree', '-r', '-z', '--no-renames', headSha, 'HEAD', '--']));
  const prFiles = mergeBase
    ? new Map(
        parseRaw(await git.run(['diff-tree', '-r', '-z', '-M', mergeBase, headSha, '--'])).map((c) => [
          c.path,
          c,
        ]),
      )
    : new Map<string, RawChange>();
  const suggestions: Suggestion[] = [];
  const unexpressible: Unexpressible[] = [];
  for (const change of changes) {
    const { path } = change;
    if (change.status === 'A') {
      unexpressible.push({ path, why: 'new file' });
      continue;
    }
    if (change.status === 'D') {
      unexpressible.push({ path, why: 'deleted file' });
      continue;
    }
    if (!REGULAR.has(change.oldMode) || !REGULAR.has(change.newMode)) {
      unexpressible.push({ path, why: `not a regular file (mode ${change.oldMode} → ${change.newMode})` });
      continue;
    }
    if (change.oldMode !== change.newMode) {
      unexpressible.push({ path, why: `mode change ${change.oldMode} → ${change.newMode}` });
    }
    const diff = await git.run([...DIFF, '-U0', `${headSha}:${path}`, `HEAD:${path}`]);
    const hunks = parseHunks(diff);
    if (hunks.length === 0) {
      if (/^Binary files /m.test(diff)) unexpressible.push({ path, why: 'binary file' });
      continue;
    }
    const allowed = await allowedLines(git, prFiles.get(path), mergeBase, headSha);
    const needsContext = hunks.some((h) => h.oldCount === 0);
    const headLines = needsContext
      ? splitLines(await git.run(['cat-file', 'blob', `${headSha}:${path}`]))
      : [];
    const mapped = mapHunks(path, hunks, headLines, allowed);
    for (const suggestion of mapped.suggestions) {
      if (suggestion.body.length > MAX_COMMENT_CHARS) {
        unexpressible.push({ path, why: `line ${suggestion.line}: too large for one review comment` });
      } else if (suggestions.length >= MAX_SUGGESTIONS) {
        unexpressible.push({
          path,
          why: `line ${suggestion.line}: more than ${MAX_SUGGESTIONS} suggestions`,
        });
      } else {
        suggestions.push(suggestion);
      }
    }
    unexpressible.push(...mapped.unexpressible);
  }
  return { suggestions, unexpressible };
}

/** RIGHT-side lines of the PR's own diff for `change` (the PR's view of the file), as GitHub shows it. */
async function allowedLines(
  git: Git,
  change: RawChange | undefined,
  mergeBase: string | undefined,
  headSha: string,
): Promise<LineRange[]> {
  if (!change || !mergeBase) return [];
  if (!REGULAR.has(change.newMode)) return [];
  const head = `${headSha}:${change.path}`;
  if (change.status === 'A') {
    // A file the PR adds is one hunk of added lines: every line of it is in the diff.
    const lines = splitLines(await git.run(['cat-file', 'blob', head]));
    return lines.length > 0 ? [{ start: 1, end: lines.length }] : [];
  }
  const diff = await git.run([...DIFF, '-U3', `${mergeBase}:${change.fromPath ?? change.path}`, head]);
  return commentableRanges(diff);
}

async function reviewBody(
  input: SuggestInput,
  suggestions: number,
  unexpressible: Unexpressible[],
  note?: string,
): Promise<string> {
  const { artifact } = input;
  const lines = [
    `${TRACKING_MARKER_PREFIX}suggestions -->`,
    `**sandbox-agent** suggests changes to this pull request from ${input.commits} verified commit(s): ${suggestions} suggestion(s) below${unexpressible.length > 0 ? `, ${unexpressible.length} part(s) that cannot be suggestions listed here` : ''}.`,
    '',
  ];
  if (note) lines.push(note, '');
  lines.push(
    `- Verified: the patch applied to ${inlineCode(input.headSha)} (this pull request's head) by git on the runner gives tree ${inlineCode(input.verifiedTree)}, the tree the sandbox reported.`,
  );
  if (artifact.name) {
    const name = inlineCode(artifact.name);
    lines.push(`- Full patch: artifact ${artifact.url ? `[${name}](${artifact.url})` : name}.`);
    if (artifact.runId && /^[\w.-]+$/.test(artifact.name)) {
      lines.push(
        '',
        'Apply the whole change to a clone of the pull request branch:',
        '',
        '```sh',
        `gh run download ${artifact.runId} -n ${artifact.name}`,
        'git am --keep-cr --patch-format=mboxrd agent.mbox',
        '```',
      );
    }
  } else if (artifact.keptAt) {
    lines.push(`- Full patch: kept on the runner in ${inlineCode(artifact.keptAt)} (not uploaded).`);
  }
  if (unexpressible.length > 0) {
    lines.push(
      '',
      `<details><summary>Not expressible as suggestions (${unexpressible.length})</summary>`,
      '',
    );
    for (const item of unexpressible.slice(0, MAX_LISTED))
      lines.push(`- ${inlineCode(item.path)}: ${item.why}`);
    if (unexpressible.length > MAX_LISTED) lines.push(`- … and ${unexpressible.length - MAX_LISTED} more`);
    lines.push('', '</details>');
  }
  if (input.agentSummary) {
    const section = await renderAgentSummarySection(input.agentSummary, { maxChars: 3000 });
    if (section) lines.push('', section);
  }
  return lines.join('\n');
}
