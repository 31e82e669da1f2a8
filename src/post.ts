import * as core from '@actions/core';
import { actionLogger } from './action.js';
import { loadProvider } from './sandbox/index.js';
import { sandboxLabels } from './sandbox/spec.js';
import { PROVIDER_NAMES, type ProviderName, type SandboxProvider } from './sandbox/types.js';
import { readRunContext } from './settings/context.js';
import { readProviderSettings } from './settings/index.js';
import { registerInputSecrets } from './settings/secrets.js';
import { errorMessage } from './shared/errors.js';
import { exitWhenSettled } from './shared/exit.js';
import type { Logger } from './shared/log.js';
import { SecretRegistry } from './shared/secrets.js';

/**
 * The `post` step: deletes the sandbox whose id `main` saved, if it is still recorded (main clears it
 * after a successful delete). If main recorded a sandbox name but never learned the id (cancelled while
 * create was in flight), the sandbox is looked up by that name (a single-record read, where the provider
 * has one) and then by this run attempt's labels (an eventually consistent list). Idempotent: a
 * sandbox that is already gone is success. Every failure is a warning.
 */
async function runPost(): Promise<void> {
  const read = (name: string): string => core.getInput(name, { trimWhitespace: false });
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  registerInputSecrets(secrets, read, process.env);
  const logger = actionLogger(secrets);
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
    else await deleteByName(instance, core.getState('sandbox-name'), logger);
  } catch (error) {
    // A failed cleanup is a warning: the provider TTL and the sweeper bound the leak.
    logger.warning(`Could not clean up the ${provider} sandbox: ${errorMessage(error)}`);
  }
}

async function deleteOne(provider: SandboxProvider, id: string, logger: Logger): Promise<void> {
  try {
    await provider.deleteById(id);
    logger.info(`Deleted sandbox ${id} (${provider.name}).`);
  } catch (error) {
    logger.warning(`Could not delete sandbox ${id} (${provider.name}): ${errorMessage(error)}`);
  }
}

async function deleteByName(provider: SandboxProvider, name: string, logger: Logger): Promise<void> {
  const found = await provider.findByName?.(name).catch((error: unknown) => {
    logger.debug(`Looking up sandbox ${name} by name failed (${errorMessage(error)}); trying its labels.`);
    return undefined;
  });
  if (found) return deleteOne(provider, found.id, logger);
  await deleteByLabels(provider, logger);
}

async function deleteByLabels(provider: SandboxProvider, logger: Logger): Promise<void> {
  const context = await readRunContext(process.env);
  const found = await provider.list(
    sandboxLabels({
      repository: context.repository,
      runId: context.runId,
      runAttempt: context.runAttempt,
      job: context.job,
    }),
  );
  if (found.length === 0) logger.info('No sandbox left to clean up.');
  for (const sandbox of found) await deleteOne(provider, sandbox.id, logger);
}

exitWhenSettled(runPost());
