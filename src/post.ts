import { rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import { actionLogger } from './action.js';
import { loadProvider } from './sandbox/index.js';
import { NONCE_LABEL, SANDBOX_LABEL } from './sandbox/spec.js';
import { PROVIDER_NAMES, type ProviderName, type SandboxProvider } from './sandbox/types.js';
import { readProviderSettings } from './settings/index.js';
import { registerInputSecrets } from './settings/secrets.js';
import { WORK_DIR_PREFIX } from './shared/cleanup.js';
import { errorMessage } from './shared/errors.js';
import type { Logger } from './shared/log.js';
import { SecretRegistry } from './shared/secrets.js';

/**
 * The `post` step: deletes the sandbox whose id `main` saved, if it is still recorded (main clears it
 * after a successful delete). If main recorded a sandbox name but never learned the id (cancelled while
 * create was in flight), the sandbox is looked up by that name (a single-record read, where the provider
 * has one) and then by the nonce label main saved (an eventually consistent list); never by run id and
 * job alone, which parallel matrix jobs share (research/real-services.md #3). Idempotent: a
 * sandbox that is already gone is success. Every failure is a warning.
 */
export async function runPost(): Promise<void> {
  const read = (name: string): string => core.getInput(name, { trimWhitespace: false });
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  registerInputSecrets(secrets, read, process.env);
  const logger = actionLogger(secrets);
  await removeWorkDir(core.getState('work-dir'), logger);
  const provider = core.getState('sandbox-provider') as ProviderName;
  const id = core.getState('sandbox-id');
  const lookUp = !id && core.getState('sandbox-name') !== '' && core.getState('sandbox-deleted') !== 'true';
  // Local sandboxes live in RUNNER_TEMP, which the runner empties; they carry no labels to look up by.
  if (!PROVIDER_NAMES.includes(provider) || (!id && !(lookUp && provider !== 'local'))) {
    logger.info('No sandbox left to clean up.');
    return;
  }
  try {
    const instance = await loadProvider(
      provider,
      readProviderSettings(read, process.env['RUNNER_TEMP']),
      logger,
    );
    if (id) await deleteOne(instance, id, logger);
    else await deleteByName(instance, core.getState('sandbox-name'), core.getState('sandbox-nonce'), logger);
  } catch (error) {
    // A failed cleanup is a warning: the provider TTL and the sweeper bound the leak.
    logger.warning(`Could not clean up the ${provider} sandbox: ${errorMessage(error)}`);
  }
}

/**
 * Issue 17 item 8: a main step killed outright (SIGKILL) leaves its runner scratch dir; it is removed
 * here, but only a dir directly under RUNNER_TEMP with the work-dir prefix (the state is ours, but a
 * path from it is never trusted further than that). The sandbox delete below ends any agent processes.
 */
async function removeWorkDir(path: string, logger: Logger): Promise<void> {
  const runnerTemp = process.env['RUNNER_TEMP'];
  if (!path || !runnerTemp) return;
  if (dirname(path) !== resolve(runnerTemp) || !basename(path).startsWith(WORK_DIR_PREFIX)) return;
  await rm(path, { recursive: true, force: true }).catch((error: unknown) =>
    logger.warning(`Could not remove ${path}: ${errorMessage(error)}`),
  );
}

async function deleteOne(provider: SandboxProvider, id: string, logger: Logger): Promise<void> {
  try {
    await provider.deleteById(id);
    logger.info(`Deleted sandbox ${id} (${provider.name}).`);
  } catch (error) {
    logger.warning(`Could not delete sandbox ${id} (${provider.name}): ${errorMessage(error)}`);
  }
}

async function deleteByName(
  provider: SandboxProvider,
  name: string,
  nonce: string,
  logger: Logger,
): Promise<void> {
  const found = await provider.findByName?.(name).catch((error: unknown) => {
    logger.debug(`Looking up sandbox ${name} by name failed (${errorMessage(error)}); trying its labels.`);
    return undefined;
  });
  if (found) return deleteOne(provider, found.id, logger);
  await deleteByNonce(provider, nonce, logger);
}

async function deleteByNonce(provider: SandboxProvider, nonce: string, logger: Logger): Promise<void> {
  // Without the nonce (state from an older main) a label search could match a parallel job's sandbox.
  if (!nonce) {
    logger.info('No sandbox found by name, and no nonce recorded to search by; the TTL and sweep bound it.');
    return;
  }
  const wanted = { [SANDBOX_LABEL]: '1', [NONCE_LABEL]: nonce };
  // Checked again here: a provider filter that ignored a label must not hand over another job's sandbox.
  const found = (await provider.list(wanted)).filter((s) => s.labels[NONCE_LABEL] === nonce);
  if (found.length === 0) logger.info('No sandbox left to clean up.');
  for (const sandbox of found) await deleteOne(provider, sandbox.id, logger);
}
