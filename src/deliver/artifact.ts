import { basename } from 'node:path';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';

export interface ArtifactInput {
  name: string;
  /**
   * Used once when `name` is already taken in this workflow run (parallel matrix jobs share run id and
   * attempt, research/real-services.md #3); unique per run of the step.
   */
  fallbackName: string;
  /** True when the name came from the `artifact-name` input: a fallback is then a warning. */
  explicitName: boolean;
  files: string[];
  rootDir: string;
  onRunner: boolean;
  logger: Logger;
}

export interface ArtifactUpload {
  uploaded: boolean;
  id?: string;
  /** The name the artifact was uploaded under (the fallback after a name conflict). */
  name?: string;
}

/**
 * @actions/artifact 6.x reports a taken name only as text: the results service answers CreateArtifact
 * with HTTP 409 and `{"code":"already_exists","msg":"an artifact with this name already exists on the
 * workflow run"}`, which the twirp client (lib/internal/shared/artifact-twirp-client.js,
 * `retryableRequest`: 409 is not retryable) rethrows as `Failed to CreateArtifact: Received
 * non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists…`.
 */
export function isNameConflict(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /CreateArtifact/.test(message) && (/\(409\)/.test(message) || /already exists/i.test(message));
}

/** `<name>-<job>-<nonce>`, keeping to the characters @actions/artifact accepts in a name. */
export function fallbackArtifactName(name: string, job: string, nonce: string): string {
  const safeJob = job.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${name}-${safeJob}-${nonce}`;
}

/**
 * Uploads the mbox and meta with @actions/artifact (loaded only when needed). Off a runner there is no
 * upload service: the files stay in out-dir and the log says so.
 */
export async function uploadArtifact(input: ArtifactInput): Promise<ArtifactUpload> {
  if (!input.onRunner) {
    input.logger.info(
      `Not running on a GitHub runner (no ACTIONS_RUNTIME_TOKEN); ${input.files.map((f) => basename(f)).join(', ')} stay in ${input.rootDir}.`,
    );
    return { uploaded: false };
  }
  let name = input.name;
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const upload = (as: string) =>
      client.uploadArtifact(as, input.files, input.rootDir, { retentionDays: 30 });
    let response: Awaited<ReturnType<typeof upload>>;
    try {
      response = await upload(name);
    } catch (error) {
      if (!isNameConflict(error)) throw error;
      const note = `An artifact named ${name} already exists in this workflow run (another job of the run uploaded it); uploading as ${input.fallbackName} instead.`;
      if (input.explicitName) input.logger.warning(`${note} Give each job its own artifact-name.`);
      else input.logger.info(note);
      name = input.fallbackName;
      response = await upload(name);
    }
    input.logger.info(
      `Uploaded artifact ${name} (id ${response.id ?? 'unknown'}, ${response.size ?? 0} bytes).`,
    );
    return { uploaded: true, id: response.id === undefined ? undefined : String(response.id), name };
  } catch (error) {
    throw new ActionError(
      'artifact-upload-failed',
      `Uploading artifact ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      `The files are still in ${input.rootDir} on the runner.`,
      { cause: error },
    );
  }
}
