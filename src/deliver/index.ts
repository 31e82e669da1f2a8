import type { Capture } from '../capture/index.js';
import { newRunNonce } from '../sandbox/spec.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { defaultArtifactName } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { SecretRegistry } from '../shared/secrets.js';
import type { Task } from '../trigger/index.js';
import { type ArtifactUpload, fallbackArtifactName, uploadArtifact } from './artifact.js';
import { deliverPullRequest, type PullRequestDelivery } from './pull-request-flow.js';
import type { RunResult } from './result.js';
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
>;

/** Uploads the artifact; when a PR already carries the work, a failed upload is only a warning. */
async function uploadOrWarn(input: DeliverInput, prDelivered: boolean): Promise<ArtifactUpload> {
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
    if (!prDelivered) throw error;
    input.logger.warning(error instanceof ActionError ? error.describe() : String(error));
    return { uploaded: false };
  }
}

/** Checked before any sandbox is created: a PR needs a token, and a run should not waste a sandbox. */
export function assertCanDeliver(settings: Settings): void {
  if (settings.output !== 'artifact' && !settings.githubToken) {
    throw new ActionError(
      'invalid-input',
      `output: ${settings.output} needs github-token, which is empty.`,
      'Pass github-token (the default is the job token) or use output: artifact.',
    );
  }
}

/**
 * The delivery ladder (SPEC §6): PR → (PR creation forbidden) branch pushed + compare link →
 * (push rejected, policy fallback, or a failed agent) artifact. `output: both` adds the artifact to a PR.
 * Work from an agent that failed or ran out of time is never opened as a PR.
 */
export async function deliver(input: DeliverInput): Promise<Delivery> {
  const { settings, capture, verified } = input;
  const agentReason = capture.meta.agent_timed_out
    ? 'agent-timeout'
    : capture.meta.agent_exit_code !== 0
      ? 'agent-failed'
      : '';
  const what = `${verified.commits} verified commit(s) touching ${verified.filesChanged} file(s)`;
  const holdBack = agentReason || input.policyFallback?.reason;

  let pr: PullRequestDelivery | undefined;
  let fallback: { reason: string; message: string } | undefined = input.policyFallback;
  if (settings.output !== 'artifact' && !holdBack) {
    try {
      pr = await deliverPullRequest(input);
    } catch (error) {
      if (!(error instanceof ActionError) || error.reason !== 'push-rejected') throw error;
      input.logger.warning(error.describe());
      fallback = { reason: 'push-rejected', message: error.describe() };
    }
  }

  const wantArtifact = settings.output !== 'pull-request' || !pr || pr.forbidden;
  const upload = wantArtifact ? await uploadOrWarn(input, Boolean(pr && !pr.forbidden)) : { uploaded: false };
  const where = upload.uploaded
    ? `uploaded as artifact ${upload.name ?? settings.artifactName}`
    : `kept in ${settings.outDir}`;
  const artifact = {
    artifactId: upload.id,
    artifactName: upload.uploaded ? (upload.name ?? settings.artifactName) : undefined,
  };

  if (pr && !pr.forbidden) {
    return {
      outcome: pr.created ? 'pr-opened' : 'pr-updated',
      reason: '',
      message: `${pr.created ? 'Opened' : 'Updated'} pull request #${pr.number} with ${what}${upload.uploaded ? `; also ${where}` : ''}.`,
      branch: pr.branch,
      prNumber: pr.number,
      prUrl: pr.url,
      compareUrl: pr.compareUrl,
      ...artifact,
    };
  }
  if (pr?.forbidden) {
    // A PR was asked for and GitHub refused it: the step fails (see failsStep), the work is kept.
    return {
      outcome: 'branch-pushed',
      reason: pr.refusal?.reason ?? 'pr-creation-forbidden',
      message: `Pushed ${what} to branch ${pr.branch}, but no pull request was opened: ${pr.refusal?.describe() ?? 'GitHub refused it.'} The work was also ${where}. Open the pull request from ${pr.compareUrl}`,
      branch: pr.branch,
      compareUrl: pr.compareUrl,
      ...artifact,
    };
  }
  if (agentReason) {
    const how =
      agentReason === 'agent-timeout'
        ? 'ran out of time'
        : `exited with code ${capture.meta.agent_exit_code}`;
    return {
      outcome: 'artifact',
      reason: agentReason,
      message: `The agent ${how}; its partial work (${what}) was ${where}.`,
      ...artifact,
    };
  }
  if (fallback) {
    return {
      outcome: 'artifact',
      reason: fallback.reason,
      message: `${fallback.message} The work (${what}) was ${where} for review.`,
      ...artifact,
    };
  }
  return {
    outcome: 'artifact',
    reason: '',
    message: `The agent's work (${what}) was ${where}.`,
    ...artifact,
  };
}
