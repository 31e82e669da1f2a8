import { ActionError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ProviderSettings, SandboxProvider } from '../types.js';

/** Placeholder until the Modal provider lands: selecting it fails with one clear sentence. */
export function createModalProvider(_settings: ProviderSettings['modal'], _logger: Logger): SandboxProvider {
  throw new ActionError(
    'provider-unavailable',
    'The modal provider is not available in this version of sandbox-agent-action.',
    'Use provider: local for now, or upgrade to a release that includes modal.',
  );
}
