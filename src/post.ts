import * as core from '@actions/core';
import { actionLogger } from './action.js';
import { loadProvider } from './sandbox/index.js';
import { PROVIDER_NAMES, type ProviderName } from './sandbox/types.js';
import { readProviderSettings } from './settings/index.js';
import { registerInputSecrets } from './settings/secrets.js';
import { errorMessage } from './shared/errors.js';
import { SecretRegistry } from './shared/secrets.js';

/**
 * The `post` step: deletes the sandbox whose id `main` saved, if it is still recorded (main clears it
 * after a successful delete). Idempotent: a sandbox that is already gone is success.
 */
async function runPost(): Promise<void> {
  const read = (name: string): string => core.getInput(name, { trimWhitespace: false });
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  registerInputSecrets(secrets, read, process.env);
  const logger = actionLogger(secrets);
  const provider = core.getState('sandbox-provider') as ProviderName;
  const id = core.getState('sandbox-id');
  if (!id || !PROVIDER_NAMES.includes(provider)) {
    logger.info('No sandbox left to clean up.');
    return;
  }
  try {
    const instance = await loadProvider(
      provider,
      readProviderSettings(read, process.env['RUNNER_TEMP']),
      logger,
    );
    await instance.deleteById(id);
    logger.info(`Deleted sandbox ${id} (${provider}).`);
  } catch (error) {
    // A failed cleanup is a warning: the provider TTL and the sweeper bound the leak.
    logger.warning(`Could not delete sandbox ${id} (${provider}): ${errorMessage(error)}`);
  }
}

void runPost();
