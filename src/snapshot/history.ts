import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Git } from '../shared/git.js';
import type { Logger } from '../shared/log.js';
import { type FetchSource, fetchCommits, hasCommit } from './fetch-commit.js';

/** What the trigger knows of a pull request's base (from `GET /pulls/{n}`). */
export interface PullBase {
  /** The base branch name, e.g. `main`. */
  ref: string;
  /** The base branch's commit GitHub reports for the PR. */
  sha: string;
  /** The PR's commit count (`pull.commits`): how deep to fetch on a shallow checkout. */
  commits?: number;
}

/** The PR history the bundle ships besides the head (SPEC §9, issue 20 item 4). */
export interface ShippedHistory {
  /** The base branch name. */
  branch: string;
  /** `refs/remotes/origin/<branch>` when that is a valid ref name; SANDBOX_BASE_REF names the base always. */
  originRef: string | null;
  /** The merge base of the PR's base and head: what the sandbox's base refs point at. */
  mergeBase: string;
  /** The commits `mergeBase..head`, newest first. */
  commits: string[];
  /** Shipped commits whose parents are not shipped: the sandbox declares them shallow. */
  boundary: string[];
}

/** The ref that always names the base in the sandbox; `refs/remotes/origin/<branch>` is added when valid. */
export const SANDBOX_BASE_REF = 'refs/sandbox-agent/base';

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** A shallow checkout is deepened at most this far looking for the merge base; past it, tip only. */
const MAX_FETCH_DEPTH = 2000;

/**
 * Finds the PR's merge base with `head` and the commits between them, deepening a shallow checkout
 * when they are missing (the token stays on the runner). Returns null, after a warning, when the
 * history cannot be found: the run then ships the tip only, as for any other trigger.
 *
 * The base refs point at the merge base, not at the base branch's current tip: `git log <base>..HEAD`
 * then lists exactly the PR's commits and `git diff <base>...HEAD` is the PR's diff as GitHub shows it,
 * without shipping the base branch's newer commits.
 */
export async function resolveHistory(
  git: Git,
  repoDir: string,
  head: string,
  base: PullBase,
  from: FetchSource | undefined,
  logger: Logger,
): Promise<ShippedHistory | null> {
  // The API's answer is data: anything but a commit id ships the tip only, as for other triggers.
  if (typeof base.sha !== 'string' || !COMMIT_ID.test(base.sha) || typeof base.ref !== 'string') {
    logger.warning("The pull request's base is not a commit id; the agent sees the head commit only.");
    return null;
  }
  let mergeBase = await findMergeBase(git, head, base.sha);
  const known = typeof base.commits === 'number' && Number.isInteger(base.commits) ? base.commits : 50;
  const firstDepth = Math.min(Math.max(known + 1, 2), MAX_FETCH_DEPTH);
  for (let depth = firstDepth; !mergeBase && from && depth <= MAX_FETCH_DEPTH; depth *= 10) {
    const fetched = await fetchCommits(git, [head, base.sha], depth, from);
    if (fetched.exitCode !== 0) {
      logger.warning(
        `Could not fetch the pull request's history: ${fetched.stderr.trim().split('\n').slice(-1)[0] ?? ''}`,
      );
      break;
    }
    mergeBase = await findMergeBase(git, head, base.sha);
  }
  if (!mergeBase) {
    logger.warning(
      `The merge base of the pull request head and ${base.ref} was not found within ${MAX_FETCH_DEPTH} commits; the agent sees the head commit only.`,
    );
    return null;
  }
  const checkoutShallow = new Set(await readShallow(git, repoDir));
  // --parents: each line is a commit and its parents as this checkout knows them.
  const lines = (await git.run(['rev-list', '--parents', head, `^${mergeBase}`, '--']))
    .split('\n')
    .filter(Boolean);
  const commits = lines.map((line) => line.split(' ')[0]!);
  const shipped = new Set([...commits, mergeBase]);
  const boundary = [mergeBase];
  for (const line of lines) {
    const [commit, ...parents] = line.split(' ') as [string, ...string[]];
    // A parent outside the range (a merged side branch's old base, or cut off by this shallow
    // checkout) is not shipped: the sandbox must not walk past this commit.
    if (checkoutShallow.has(commit) || parents.some((parent) => !shipped.has(parent))) boundary.push(commit);
  }
  return { branch: base.ref, originRef: await originRefFor(git, base.ref), mergeBase, commits, boundary };
}

async function findMergeBase(git: Git, head: string, base: string): Promise<string | null> {
  if (!(await hasCommit(git, head)) || !(await hasCommit(git, base))) return null;
  const result = await git.exec(['merge-base', head, base]);
  const sha = result.stdout.trim();
  return result.exitCode === 0 && COMMIT_ID.test(sha) ? sha : null;
}

async function readShallow(git: Git, repoDir: string): Promise<string[]> {
  const path = resolve(repoDir, await git.run(['rev-parse', '--git-path', 'shallow']));
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => COMMIT_ID.test(line));
}

/** `refs/remotes/origin/<branch>` when `branch` is a valid branch name, else null (SANDBOX_BASE_REF still names the base). */
export async function originRefFor(git: Git, branch: string): Promise<string | null> {
  if (!branch || branch.startsWith('-')) return null;
  const ref = `refs/remotes/origin/${branch}`;
  return (await git.exec(['check-ref-format', ref])).exitCode === 0 ? ref : null;
}
