import { readFile } from 'node:fs/promises';
import type { Capture } from '../capture/index.js';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError, errorMessage, toActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { SecretRegistry } from '../shared/secrets.js';
import { keepWork } from './index.js';
import type { RunResult } from './result.js';
import type { VerifiedPatch } from './verify.js';

/**
 * Issue 18 item 2: after a successful verify the work is never lost. Delivery keeps it on every path it
 * knows; this is the path it does not know: an unexpected exception between verify and the end of
 * delivery (a crashed policy check, a bug). Everything it does is best effort and never throws.
 */
export interface KeepAfterFailureInput {
  error: unknown;
  settings: Settings;
  context: RunContext;
  capture: Capture;
  verified: Pick<VerifiedPatch, 'git' | 'baseSha' | 'commits' | 'filesChanged'>;
  transcriptPath?: string;
  secrets: SecretRegistry;
  logger: Logger;
}

export interface KeptAfterFailure {
  /** The failure to report, its message saying where the work is. */
  failure: ActionError;
  /** Set when the artifact was uploaded. */
  artifact: Pick<RunResult, 'artifactId' | 'artifactName'>;
}

/**
 * Uploads the verified mbox, meta and transcript as the artifact (as delivery would) unless the failure is
 * a secret, or one of those files, or the verified diff read as text, holds a registered secret: the
 * policy's own scan may be what did not run, so it is redone here on exactly what would leave. When the
 * scan cannot run, nothing is uploaded. The files stay in out-dir in every case.
 */
export async function keepWorkAfterFailure(input: KeepAfterFailureInput): Promise<KeptAfterFailure> {
  const failure = toActionError(input.error);
  if (failure.reason === 'secret-detected') return { failure, artifact: {} };
  const what = `${input.verified.commits} verified commit(s) touching ${input.verified.filesChanged} file(s)`;
  const onDisk = `kept on the runner in ${input.capture.mboxPath}`;
  const explain = (where: string): ActionError =>
    new ActionError(
      failure.reason,
      `${failure.message.replace(/\.*$/, '.')} The work (${what}) was ${where}.`,
      failure.hint,
      {
        cause: input.error,
      },
    );

  let leak: string | undefined;
  try {
    leak = await findSecret(input);
  } catch (error) {
    input.logger.warning(
      `The work was not uploaded: it could not be scanned for secrets (${errorMessage(error)}).`,
    );
    return {
      failure: explain(`${onDisk} (not uploaded: it could not be scanned for secrets)`),
      artifact: {},
    };
  }
  if (leak) {
    return {
      failure: new ActionError(
        'secret-detected',
        `The patch contains a secret (${leak}); nothing was pushed or uploaded. (${failure.message})`,
      ),
      artifact: {},
    };
  }
  const kept = await keepWork({ ...input, logger: input.logger });
  if (kept.uploaded) {
    const name = kept.name ?? input.settings.artifactName;
    return {
      failure: explain(`uploaded as artifact ${name}`),
      artifact: { artifactId: kept.id, artifactName: name },
    };
  }
  return {
    failure: explain(
      kept.failure ? `${onDisk} (the artifact upload failed)` : `kept in ${input.capture.mboxPath}`,
    ),
    artifact: {},
  };
}

/** The first registered secret in what would be uploaded or in the verified diff as text, by label. */
async function findSecret(input: KeepAfterFailureInput): Promise<string | undefined> {
  const { secrets } = input;
  const full = (text: string) => [...secrets.scan(text), ...secrets.scanSplit(text)];
  const texts = [
    secrets.scanValues(await readFile(input.capture.mboxPath, 'utf8')),
    full(await readFile(input.capture.metaPath, 'utf8')),
    input.transcriptPath ? full(await readFile(input.transcriptPath, 'utf8')) : [],
  ];
  // Binary hunks are deflated in the mbox: read the verified commits as text, as the policy does.
  const log = await input.verified.git.exec([
    'log',
    '-p',
    '--text',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    `${input.verified.baseSha}..HEAD`,
    '--',
  ]);
  if (log.exitCode !== 0 || log.truncated) throw new Error('the verified diff could not be read');
  texts.push(secrets.scanValues(log.stdout));
  return texts.flat()[0]?.kind;
}
