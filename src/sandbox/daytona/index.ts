import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ProviderSettings, SandboxProvider } from '../types.js';

/** Placeholder until the Daytona provider lands: selecting it fails with one clear sentence. */
export function createDaytonaProvider(
  _settings: ProviderSettings['daytona'],
  _logger: Logger,
): SandboxProvider {
  throw new ActionError(
    'provider-unavailable',
    'The daytona provider is not available in this version of sandbox-agent-action.',
    'Use provider: local for now, or upgrade to a release that includes daytona.',
  );
}
