import type { Capture } from '../capture/index.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import type { Logger } from '../shared/log.js';
import type { Task } from '../trigger/index.js';
import { uploadArtifact } from './artifact.js';
import type { RunResult } from './result.js';
import type { VerifiedPatch } from './verify.js';

export interface DeliverInput {
  settings: Settings;
  context: RunContext;
  capture: Capture;
  verified: VerifiedPatch;
  task: Task;
  logger: Logger;
  /** The agent's own summary (redacted; sanitize with `renderAgentSummarySection` before showing it). */
  agentSummary?: string;
  /** The redacted raw transcript, uploaded with the mbox. */
  transcriptPath?: string;
}

export type Delivery = Pick<RunResult, 'outcome' | 'reason' | 'message' | 'artifactId' | 'artifactName'>;

/**
 * Delivers a verified patch. Work from an agent that failed or ran out of time is delivered as an
 * artifact (never lost, never opened as a PR), with the reason saying why.
 */
export async function deliver(input: DeliverInput): Promise<Delivery> {
  const { meta } = input.capture;
  const agentReason = meta.agent_timed_out
    ? 'agent-timeout'
    : meta.agent_exit_code !== 0
      ? 'agent-failed'
      : '';
  const upload = await uploadArtifact({
    name: input.settings.artifactName,
    files: [
      input.capture.mboxPath,
      input.capture.metaPath,
      ...(input.transcriptPath ? [input.transcriptPath] : []),
    ],
    rootDir: input.settings.outDir,
    onRunner: input.context.onRunner,
    logger: input.logger,
  });
  const where = upload.uploaded
    ? `uploaded as artifact ${input.settings.artifactName}`
    : `kept in ${input.settings.outDir}`;
  const what = `${input.verified.commits} verified commit(s) touching ${input.verified.filesChanged} file(s)`;
  const message = agentReason
    ? `The agent ${agentReason === 'agent-timeout' ? 'ran out of time' : `exited with code ${meta.agent_exit_code}`}; its partial work (${what}) was ${where}.`
    : `The agent's work (${what}) was ${where}.`;
  return {
    outcome: 'artifact',
    reason: agentReason,
    message,
    artifactId: upload.id,
    artifactName: upload.uploaded ? input.settings.artifactName : undefined,
  };
}
