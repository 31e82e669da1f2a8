import { basename } from 'node:path';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';

export interface ArtifactInput {
  name: string;
  files: string[];
  rootDir: string;
  onRunner: boolean;
  logger: Logger;
}

export interface ArtifactUpload {
  uploaded: boolean;
  id?: string;
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
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const response = await client.uploadArtifact(input.name, input.files, input.rootDir, {
      retentionDays: 30,
    });
    input.logger.info(
      `Uploaded artifact ${input.name} (id ${response.id ?? 'unknown'}, ${response.size ?? 0} bytes).`,
    );
    return { uploaded: true, id: response.id === undefined ? undefined : String(response.id) };
  } catch (error) {
    throw new ActionError(
      'artifact-upload-failed',
      `Uploading artifact ${input.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      `The files are still in ${input.rootDir} on the runner.`,
      { cause: error },
    );
  }
}
