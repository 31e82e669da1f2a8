import { loadProvider } from '../sandbox/index.js';
import { PROVIDER_NAMES, type ProviderName } from '../sandbox/types.js';
import { type InputReader, readProviderSettings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { parseDuration } from './duration.js';
import { DEFAULT_OLDER_THAN, type SweepReport, sweepSandboxes } from './index.js';

/** Inputs of the sweep sub-action and `sandbox-agent sweep` (same names, same meaning). */
export const SWEEP_INPUTS = [
  'provider',
  'older-than',
  'dry-run',
  'repository',
  'daytona-api-key',
  'daytona-api-url',
  'daytona-target',
  'modal-token-id',
  'modal-token-secret',
  'modal-app',
  'modal-environment',
] as const;

/** Reads the sweep inputs, loads the provider and sweeps. Invalid inputs throw `invalid-input`. */
export async function sweepFromInputs(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<SweepReport> {
  const input = (name: string): string => read(name).trim();
  const provider = (input('provider') || 'daytona') as ProviderName;
  const errors: string[] = [];
  if (!PROVIDER_NAMES.includes(provider)) {
    errors.push(`Invalid provider '${provider}'. Expected one of: ${PROVIDER_NAMES.join(', ')}.`);
  }
  let olderThanMs = 0;
  try {
    olderThanMs = parseDuration(input('older-than') || DEFAULT_OLDER_THAN);
  } catch (error) {
    errors.push((error as Error).message);
  }
  const dryRun = input('dry-run').toLowerCase();
  if (!['', 'true', 'false'].includes(dryRun))
    errors.push(`Invalid dry-run '${dryRun}'. Expected true or false.`);
  const repository = input('repository') || env['GITHUB_REPOSITORY'] || '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    errors.push(`Invalid repository '${repository}'. Expected owner/name (default: GITHUB_REPOSITORY).`);
  }
  if (errors.length > 0) throw new ActionError('invalid-input', errors.join(' '));
  const settings = readProviderSettings(read, env['RUNNER_TEMP'] || undefined);
  return sweepSandboxes({
    provider: await loadProvider(provider, settings, logger),
    repository,
    olderThanMs,
    dryRun: dryRun === 'true',
    logger,
  });
}
