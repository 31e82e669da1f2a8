import * as core from '@actions/core';
import { actionLogger, failStep } from '../action.js';
import { registerInputSecrets } from '../settings/secrets.js';
import { toActionError } from '../shared/errors.js';
import { exitWhenSettled } from '../shared/exit.js';
import { SecretRegistry } from '../shared/secrets.js';
import { sweepFromInputs } from './run.js';

/** The `sweep` sub-action (`uses: <owner>/sandbox-agent-action/sweep@v1`), typically on a schedule. */
async function runSweepAction(): Promise<void> {
  const read = (name: string): string => core.getInput(name, { trimWhitespace: false });
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  registerInputSecrets(secrets, read, process.env);
  const logger = actionLogger(secrets);
  try {
    const report = await sweepFromInputs(read, process.env, logger);
    core.setOutput('stale', String(report.stale.length));
    core.setOutput('deleted', String(report.deleted.length));
    core.setOutput('failed', String(report.failed.length));
  } catch (error) {
    const failure = toActionError(error);
    core.setOutput('reason', failure.reason);
    failStep(logger, failure.describe());
  }
}

exitWhenSettled(runSweepAction());
