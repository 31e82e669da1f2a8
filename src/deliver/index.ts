import type { Capture } from '../capture/index.js';
import { newRunNonce } from '../sandbox/spec.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { defaultArtifactName } from '../settings/index.js';
import { ActionError, toActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { SecretRegistry } from '../shared/secrets.js';
import { injectTestFault } from '../shared/test-fault.js';
import { deliverSuggestions } from '../suggest/index.js';
import type { Task } from '../trigger/index.js';
import { type ArtifactUpload, fallbackArtifactName, uploadArtifact } from './artifact.js';
import { deliveryFailure } from './pull-request.js';
import { deliverPullRequest, type PullRequestDelivery } from './pull-request-flow.js';
import type { RunResult } from './result.js';
import { artifactUrl } from './summary-links.js';
import type { VerifiedPatch } from './verify.js';

export interface DeliverInput {
  settings: Settings;
  context: RunContext;
  capture: Capture;
  verified: VerifiedPatch;
  task: Task;
  logger: Logger;
  secrets: SecretRegistry;
  /** The agent's own summary (redacted; sanitized with `renderAgentSummarySection` before it is shown). */
  agentSummary?: string;
  /** The redacted raw transcript, uploaded with the mbox. */
  transcriptPath?: string;
  /** Set when policy sends the patch to review as an artifact instead of a PR (reason + sentence). */
  policyFallback?: { reason: string; message: string };
  /** PR runs: the merge base the snapshot shipped, from which the PR's own diff is computed (suggestions). */
  pullMergeBase?: string;
}

export type Delivery = Pick<
  RunResult,
  | 'outcome'
  | 'reason'
  | 'message'
  | 'artifactId'
  | 'artifactName'
  | 'branch'
  | 'prNumber'
  | 'prUrl'
  | 'compareUrl'
  | 'followUp'
  | 'suggestions'
>;

/** The upload, or why it failed: the files then stay in out-dir, which the message says. */
export type Kept = ArtifactUpload & { failure?: ActionError };

/** Uploads the artifact; a failed upload is never thrown: the verified work stays in out-dir. */
export async function keepWork(
  input: Pick<DeliverInput, 'settings' | 'context' | 'capture' | 'transcriptPath' | 'logger'>,
): Promise<Kept> {
  const { settings } = input;
  try {
    return await uploadArtifact({
      name: settings.artifactName,
      fallbackName: fallbackArtifactName(settings.artifactName, input.context.job, newRunNonce()),
      explicitName: settings.artifactName !== defaultArtifactName(input.context),
      files: [
        input.capture.mboxPath,
        input.capture.metaPath,
        ...(input.transcriptPath ? [input.transcriptPath] : []),
      ],
      rootDir: settings.outDir,
      onRunner: input.context.onRunner,
      logger: input.logger,
    });
  } catch (error) {
    const failure = toActionError(error, 'artifact-upload-failed');
    input.logger.warning(failure.describe());
    return { uploaded: false, failure };
  }
}

export { assertCanDeliver } from './can-deliver.js';

/**
 * The delivery ladder (SPEC §6, §9): PR → (pushed, no PR) `branch-pushed` + compare link → (policy
 * fallback or a failed agent) artifact. `output: both` adds the artifact to a PR. Work from an agent
 * that failed or ran out of time is never opened as a PR. After verify the work is always kept
 * (artifact on a runner, out-dir elsewhere or when the upload fails); a PR that was asked for and not
 * opened for any other reason (push denied, token expired, GitHub down) fails the step.
 */
export async function deliver(input: DeliverInput): Promise<Delivery> {
  injectTestFault('deliver');
  const { settings, capture, verified } = input;
  const agentReason = capture.meta.agent_timed_out
    ? 'agent-timeout'
    : capture.meta.agent_exit_code !== 0
      ? 'agent-failed'
      : '';
  const what = `${verified.commits} verified commit(s) touching ${verified.filesChanged} file(s)`;
  const holdBack = agentReason || input.policyFallback?.reason;

  // Issue 20 item 6: a fork PR with allow-fork-prs: suggest gets a review, never a push.
  const pull = input.task.pull;
  if (settings.suggestOnForks && pull && !pull.sameRepo && settings.output !== 'artifact' && !holdBack) {
    return deliverAsReview(input, pull, what);
  }

  let pr: PullRequestDelivery | undefined;
  // Asked for a PR and none came, for a reason that is neither policy nor the agent's: the step fails.
  let prFailure: ActionError | undefined;
  if (settings.output !== 'artifact' && !holdBack) {
    try {
      pr = await deliverPullRequest(input);
    } catch (error) {
      // A secret in the PR text: nothing is pushed or uploaded.
      if (error instanceof ActionError && error.reason === 'secret-detected') throw error;
      prFailure = deliveryFailure(error, settings.baseBranch);
      input.logger.warning(prFailure.describe());
    }
  }

  const prDelivered = Boolean(pr && !pr.forbidden);
  const wantArtifact = settings.output !== 'pull-request' || !prDelivered;
  const kept: Kept = wantArtifact ? await keepWork(input) : { uploaded: false };
  const mbox = capture.mboxPath;
  const where = kept.uploaded
    ? `uploaded as artifact ${kept.name ?? settings.artifactName}`
    : kept.failure
      ? `kept on the runner in ${mbox} (the artifact upload failed)`
      : `kept in ${mbox}`;
  const artifact = {
    artifactId: kept.id,
    artifactName: kept.uploaded ? (kept.name ?? settings.artifactName) : undefined,
  };
  const uploadFailed = (outcome: Delivery): Delivery =>
    prDelivered ? outcome : failIfNotUploaded(kept, outcome);

  if (pr && !pr.forbidden) {
    const verb = pr.followUp ? 'Pushed onto the branch of' : pr.created ? 'Opened' : 'Updated';
    return {
      outcome: pr.created ? 'pr-opened' : 'pr-updated',
      reason: pr.note?.reason ?? '',
      message: `${verb} pull request #${pr.number} with ${what}${kept.uploaded ? `; also ${where}` : ''}.${pr.note ? ` ${pr.note.describe()}` : ''}`,
      followUp: pr.followUp,
      branch: pr.branch,
      prNumber: pr.number,
      prUrl: pr.url,
      compareUrl: pr.compareUrl,
      ...artifact,
    };
  }
  if (pr?.forbidden) {
    // A PR was asked for and none was opened: the step fails (see failsStep), the branch and work are kept.
    return {
      outcome: 'branch-pushed',
      reason: pr.refusal?.reason ?? 'pr-creation-forbidden',
      message: `Pushed ${what} to branch ${pr.branch}, but no pull request was opened: ${pr.refusal?.describe() ?? 'GitHub refused it.'} The work was also ${where}. Open the pull request from ${pr.compareUrl}`,
      branch: pr.branch,
      compareUrl: pr.compareUrl,
      ...artifact,
    };
  }
  if (prFailure) {
    return {
      outcome: 'failed',
      reason: prFailure.reason,
      message: `No pull request was opened: ${prFailure.describe()} The work (${what}) was ${where}.`,
      ...artifact,
    };
  }
  if (agentReason) {
    const how =
      agentReason === 'agent-timeout'
        ? 'ran out of time'
        : `exited with code ${capture.meta.agent_exit_code}`;
    return uploadFailed({
      outcome: 'artifact',
      reason: agentReason,
      message: `The agent ${how}; its partial work (${what}) was ${where}.`,
      ...artifact,
    });
  }
  if (input.policyFallback) {
    return uploadFailed({
      outcome: 'artifact',
      reason: input.policyFallback.reason,
      message: `${input.policyFallback.message} The work (${what}) was ${where} for review.`,
      ...artifact,
    });
  }
  return uploadFailed({
    outcome: 'artifact',
    reason: '',
    message: `The agent's work (${what}) was ${where}.`,
    ...artifact,
  });
}

/**
 * `allow-fork-prs: suggest`: the mbox is kept first (it is the deliverable; the review is a view of it),
 * then one review of suggested changes is posted on the fork PR. Nothing is pushed, no branch or PR is
 * made. The step fails only when no review at all could be posted (the work is kept either way).
 */
async function deliverAsReview(
  input: DeliverInput,
  pull: NonNullable<Task['pull']>,
  what: string,
): Promise<Delivery> {
  const { settings, context, verified } = input;
  const kept = await keepWork(input);
  const name = kept.uploaded ? (kept.name ?? settings.artifactName) : undefined;
  const links = { serverUrl: context.serverUrl, repository: context.repository, runId: context.runId };
  const review = await deliverSuggestions({
    git: verified.git,
    headSha: verified.baseSha,
    mergeBase: input.pullMergeBase,
    verifiedTree: verified.headTree,
    commits: verified.commits,
    token: settings.githubToken,
    apiUrl: context.apiUrl,
    repository: context.repository,
    pullNumber: pull.number,
    artifact: {
      name,
      url: artifactUrl(links, kept.id),
      runId: context.runId,
      keptAt: name ? undefined : input.capture.mboxPath,
    },
    agentSummary: input.agentSummary,
    logger: input.logger,
  });
  const where = kept.uploaded
    ? `uploaded as artifact ${name}`
    : `kept in ${input.capture.mboxPath}${kept.failure ? ' (the artifact upload failed)' : ''}`;
  const common = {
    prNumber: pull.number,
    prUrl: pull.url,
    suggestions: review.suggestions,
    artifactId: kept.id,
    artifactName: name,
  };
  if (!review.posted) {
    return {
      outcome: 'failed',
      reason: review.failure?.reason ?? 'permission-missing',
      message: `${review.failure?.describe() ?? 'No review could be posted.'} The work (${what}) was ${where}.`,
      ...common,
    };
  }
  const listed = review.unexpressible > 0 ? `, ${review.unexpressible} part(s) listed in its body` : '';
  const outcome: Delivery = {
    outcome: 'artifact',
    reason: '',
    message: `Posted a review with ${review.suggestions} suggested change(s) on fork pull request #${pull.number}${listed}; nothing was pushed. The work (${what}) was ${where}.`,
    ...common,
  };
  return failIfNotUploaded(kept, outcome);
}

/** Work meant only for the artifact that could not be uploaded fails the step (it is still on disk). */
function failIfNotUploaded(kept: Kept, outcome: Delivery): Delivery {
  if (!kept.failure || outcome.outcome !== 'artifact') return outcome;
  return {
    ...outcome,
    outcome: 'failed',
    reason: 'artifact-upload-failed',
    message: `${kept.failure.message} ${outcome.message}`,
  };
}
