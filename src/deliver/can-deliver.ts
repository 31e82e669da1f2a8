import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';

/**
 * Checked before any sandbox is created: a PR needs a token, and a run should not waste a sandbox.
 * A module of its own so that main can check it at start without loading the delivery stage (cold start).
 */
export function assertCanDeliver(settings: Settings): void {
  if (settings.output !== 'artifact' && !settings.githubToken) {
    throw new ActionError(
      'invalid-input',
      `output: ${settings.output} needs github-token, which is empty.`,
      'Pass github-token (the default is the job token) or use output: artifact.',
    );
  }
}
