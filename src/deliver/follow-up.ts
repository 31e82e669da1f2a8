import { runUrl } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { PullHead } from '../trigger/index.js';
import { errorText, type GitHubClient } from './github.js';
import type { DeliverInput } from './index.js';
import { appendFollowUp, renderFollowUpEntry } from './pr-body.js';
import type { PullRequestDelivery } from './pull-request-flow.js';
import { fetchBranch, pushOntoBranch } from './push.js';

/**
 * The hidden first line renderPrBody (pr-body.ts) writes into every PR body this action opens. A person
 * can copy it, so it proves nothing alone: it counts only on a PR whose author is a GitHub App bot.
 */
export const PR_BODY_MARKER_PREFIX = '<!-- sandbox-agent:run=';

/** GitHub's limit on an issue or PR body (characters); a longer PATCH is refused with 422. */
const MAX_BODY = 65_536;
/** Rebases after the branch moved before giving up (each is a fresh fetch, rebase, proof and lease). */
const MAX_REBASES = 3;
const MOVED_REF = 'refs/sandbox-agent/moved-head';

export type FollowUpDecision = { push: boolean; agentBranch: boolean; why: string };

/**
 * Whether a /agent run on this PR pushes onto its head branch (docs/triggers.md, "Follow-ups"):
 * never on a fork; always on a branch this action created, proven by all of: same repository, head
 * branch under `branch-prefix`, PR author a GitHub App bot (a login ending in `[bot]`, which no
 * person can register; the job token's is `github-actions[bot]`) and the action's hidden marker in the
 * PR body; on any other same-repo PR only with `pr-push-to-head: true`.
 */
export function decideFollowUp(
  pull: PullHead,
  settings: Pick<Settings, 'branchPrefix' | 'prPushToHead'>,
): FollowUpDecision {
  if (!pull.sameRepo) {
    return {
      push: false,
      agentBranch: false,
      why: settings.prPushToHead
        ? `pull request #${pull.number} comes from a fork: pr-push-to-head never pushes onto a fork, opening a new pull request instead`
        : `pull request #${pull.number} comes from a fork`,
    };
  }
  const agentBranch =
    pull.headRef.startsWith(settings.branchPrefix) &&
    pull.author.endsWith('[bot]') &&
    pull.body.includes(PR_BODY_MARKER_PREFIX);
  if (agentBranch) {
    return { push: true, agentBranch, why: `${pull.headRef} was created by this action` };
  }
  if (settings.prPushToHead) {
    return { push: true, agentBranch, why: `pr-push-to-head is on for ${pull.headRef}` };
  }
  return {
    push: false,
    agentBranch,
    why: `${pull.headRef} belongs to @${pull.author || 'its author'} (set pr-push-to-head: true to push onto it); opening a new pull request into it`,
  };
}

export type FollowUpResult =
  | { delivered: PullRequestDelivery }
  /** Nothing landed on the branch; `why` (`rebase-conflict`) is reported with the new PR opened instead. */
  | { delivered?: undefined; why: ActionError };

/**
 * Pushes the verified (re-authored) commits at HEAD of the isolated repository onto the PR's branch, as
 * a fast-forward with a lease on the head SHA the run started from. If the branch moved, the commits
 * are cherry-picked onto its new tip there, proven equal to `git merge-tree` of the new tip and the
 * verified head (new tip + the same patch), and pushed with a lease on the new tip. Never forced.
 */
export async function deliverFollowUp(
  input: DeliverInput,
  octokit: GitHubClient,
  pull: PullHead,
): Promise<FollowUpResult> {
  const { verified, settings, context, logger } = input;
  const git = verified.git;
  const verifiedHead = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
  const count = Number(await git.run(['rev-list', '--count', `${verified.baseSha}..${verifiedHead}`, '--']));
  const remote = {
    git,
    serverUrl: context.serverUrl,
    repository: context.repository,
    token: settings.githubToken,
    redact: (text: string) => input.secrets.redact(text),
    onRetry: (message: string) => logger.warning(message),
  };
  let commit = verifiedHead;
  let lease = pull.headSha;
  let landed = false;
  const conflict = (why: string): FollowUpResult => ({
    why: new ActionError(
      'rebase-conflict',
      `${pull.headRef} moved during the run and ${why}, so nothing was pushed onto it; the verified commits went to a new pull request into it instead.`,
    ),
  });
  try {
    for (let rebases = 0; ; rebases++) {
      const pushed = await pushOntoBranch({ ...remote, branch: pull.headRef, commit, expectedTip: lease });
      if (pushed.pushed) {
        landed = true;
        break;
      }
      if (!pushed.tip) return conflict('was deleted');
      if (rebases >= MAX_REBASES) return conflict(`kept moving (${MAX_REBASES} rebases)`);
      logger.info(
        `${pull.headRef} moved from ${lease.slice(0, 12)} to ${pushed.tip.slice(0, 12)} during the run; rebasing the verified commits onto it.`,
      );
      const rebased = await rebaseOnto(input, pull.headRef, pushed.tip, verifiedHead, count);
      if (typeof rebased !== 'string') return conflict(rebased.why);
      commit = rebased;
      lease = pushed.tip;
    }
  } finally {
    // A failed rebase leaves HEAD elsewhere; the new-PR fallback pushes the verified commits from HEAD.
    if (!landed) await git.run(['checkout', '--quiet', '--detach', verifiedHead, '--']);
  }
  logger.info(`Pushed ${count} verified commit(s) onto ${pull.headRef} (#${pull.number}) as a fast-forward.`);
  await recordFollowUp(input, octokit, pull, lease, commit);
  return {
    delivered: {
      branch: pull.headRef,
      number: pull.number,
      url: pull.url,
      created: false,
      forbidden: false,
      followUp: true,
      compareUrl: `${context.serverUrl}/${context.repository}/compare/${lease}...${commit}`,
    },
  };
}

/**
 * Cherry-picks base..verifiedHead onto `tip` in the isolated repository and proves the result: the
 * rebased tree must equal `git merge-tree --write-tree tip verifiedHead` (their merge base being the
 * verified base), i.e. the new tip with the same patch applied. Returns the rebased commit or why not.
 */
async function rebaseOnto(
  input: DeliverInput,
  branch: string,
  tip: string,
  verifiedHead: string,
  count: number,
): Promise<string | { why: string }> {
  const { verified, settings, context } = input;
  const git = verified.git;
  const fetched = await fetchBranch({
    git,
    serverUrl: context.serverUrl,
    repository: context.repository,
    token: settings.githubToken,
    branch,
    ref: MOVED_REF,
    onRetry: (message) => input.logger.warning(message),
  });
  const fetchedTip = fetched ? await git.exec(['rev-parse', '--verify', `${MOVED_REF}^{commit}`]) : undefined;
  if (fetchedTip?.exitCode !== 0 || fetchedTip.stdout.trim() !== tip) {
    return { why: 'its new tip could not be fetched' };
  }
  // Only a branch that moved forward is rebased onto; a rewritten history is the author's call.
  if (!(await git.tryRun(['merge-base', '--is-ancestor', verified.baseSha, tip]))) {
    return { why: `its history was rewritten (${tip.slice(0, 12)} does not contain the run's start)` };
  }
  await git.run(['checkout', '--quiet', '--detach', tip, '--']);
  const picked = await git.exec([
    'cherry-pick',
    '--no-gpg-sign',
    '--no-rerere-autoupdate',
    `${verified.baseSha}..${verifiedHead}`,
  ]);
  if (picked.exitCode !== 0) {
    await git.exec(['cherry-pick', '--abort']);
    return { why: 'the verified commits do not apply cleanly onto its new tip' };
  }
  const rebased = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
  const mergeBase = await git.exec(['merge-base', tip, verifiedHead]);
  const merged = await git.exec(['merge-tree', '--write-tree', tip, verifiedHead]);
  const rebasedTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
  const rebasedCount = Number(await git.run(['rev-list', '--count', `${tip}..${rebased}`, '--']));
  if (
    mergeBase.stdout.trim() !== verified.baseSha ||
    merged.exitCode !== 0 ||
    merged.stdout.split('\n')[0] !== rebasedTree ||
    rebasedCount !== count
  ) {
    return { why: 'the rebased commits could not be proven equal to its new tip plus the verified patch' };
  }
  input.logger.info(
    `Rebased onto ${tip.slice(0, 12)}: tree ${rebasedTree.slice(0, 12)} equals the new tip merged with the verified patch.`,
  );
  return rebased;
}

/** Appends a Follow-ups entry to the PR body; best effort (the push already landed). */
async function recordFollowUp(
  input: DeliverInput,
  octokit: GitHubClient,
  pull: PullHead,
  from: string,
  to: string,
): Promise<void> {
  const [owner, repo] = input.context.repository.split('/') as [string, string];
  try {
    const commits = (
      await input.verified.git.run(['log', '--reverse', '--format=%H%x00%s', `${from}..${to}`, '--'])
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha = '', subject = ''] = line.split('\0');
        return { sha, subject };
      });
    const entry = renderFollowUpEntry({
      request: input.task.title,
      requestedBy: input.task.requestedBy ?? '',
      commits,
      runLink: runUrl(input.context),
    });
    // The body as it is now: a person may have edited it since the run started.
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
    const body = appendFollowUp(data.body ?? '', entry);
    if (body.length > MAX_BODY) {
      input.logger.warning(
        `Pull request #${pull.number}'s body is full; the Follow-ups entry was not added.`,
      );
      return;
    }
    await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, body });
  } catch (error) {
    input.logger.warning(`Could not add the Follow-ups entry to #${pull.number}: ${errorText(error)}`);
  }
}
