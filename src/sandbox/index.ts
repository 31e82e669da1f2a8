import type { Logger } from '../shared/log.js';
import type { ProviderName, ProviderSettings, SandboxProvider } from './types.js';

export type * from './types.js';

/**
 * Loads the selected provider. Each SDK is imported dynamically so the `local` path never pays for
 * `@daytona/sdk` or `modal` at cold start.
 */
export async function loadProvider(
  name: ProviderName,
  settings: ProviderSettings,
  logger: Logger,
): Promise<SandboxProvider> {
  switch (name) {
    case 'local': {
      const { LocalProvider } = await import('./local.js');
      return new LocalProvider(settings.local.parentDir);
    }
    case 'daytona': {
      const { createDaytonaProvider } = await import('./daytona/index.js');
      return createDaytonaProvider(settings.daytona, logger);
    }
    case 'modal': {
      const { createModalProvider } = await import('./modal/index.js');
      return createModalProvider(settings.modal, logger);
    }
  }
}
