import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { Task } from '../trigger/index.js';

/**
 * The preflight stage: what can be known before paying for a sandbox is checked here, after the trigger
 * is resolved (an unrelated comment never reaches it) and before the tracking comment, the snapshot and
 * the sandbox. Every refusal is an ActionError (outcome `failed`, exit 1) whose message says what to do.
 * A probe that cannot reach GitHub (network error, 5xx) is retried briefly, then skipped with a warning:
 * a flaky probe never blocks a run.
 */
export interface PreflightInput {
  settings: Settings;
  context: RunContext;
  task: Task;
  logger: Logger;
  /** Where provider credentials may come from besides the inputs (the runner's process env). */
  env?: NodeJS.ProcessEnv;
}

export type PreflightCheckName =
  | 'artifact-service'
  | 'provider-credentials'
  | 'github-token'
  | 'base-branch'
  | 'push-permission';

export const GITHUB_CHECKS = ['github-token', 'base-branch', 'push-permission'] as const;

export interface PreflightCheck {
  name: PreflightCheckName;
  /** `unverified`: the probe could not get an answer and the run goes on (a warning was logged). */
  status: 'passed' | 'skipped' | 'unverified';
}

export interface PreflightResult {
  checks: PreflightCheck[];
}

export async function runPreflight(input: PreflightInput): Promise<PreflightResult> {
  const { settings, logger } = input;
  for (const warning of settings.inputWarnings ?? []) logger.warning(warning);
  const checks: PreflightCheck[] = [
    { name: 'artifact-service', status: checkArtifactService(input) },
    { name: 'provider-credentials', status: await checkProviderCredentials(input) },
    ...(await probeGitHubIfNeeded(input)),
  ];
  return { checks };
}

/**
 * GHES: @actions/artifact v2+ refuses to upload there (GHESNotSupportedError). Its rule, copied from
 * @actions/artifact 6.2.1 lib/internal/shared/config.js `isGhes()`: the server URL's host is GHES unless
 * it is github.com, ends in .ghe.com (GHE.com data residency) or ends in .localhost. Off a runner the
 * action never calls the artifact service (out-dir only), so only a runner is checked.
 */
function checkArtifactService({ settings, context }: PreflightInput): PreflightCheck['status'] {
  if (settings.output === 'pull-request' || !context.onRunner) return 'skipped';
  if (!isGhes(context.serverUrl)) return 'passed';
  throw new ActionError(
    'invalid-input',
    `output: ${settings.output} needs workflow artifacts, which @actions/artifact v2 does not support on GitHub Enterprise Server (${context.serverUrl}).`,
    'Use output: pull-request on GHES (if the pull request fails, the work is kept in out-dir).',
  );
}

export function isGhes(serverUrl: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(serverUrl || 'https://github.com').hostname.trimEnd().toUpperCase();
  } catch {
    return false;
  }
  return hostname !== 'GITHUB.COM' && !hostname.endsWith('.GHE.COM') && !hostname.endsWith('.LOCALHOST');
}

/**
 * The provider's key is present (inputs, then the runner env), with the provider's own resolver so the
 * rule and its message stay in one place. Daytona's config module loads its SDK, which this run is
 * about to use anyway; Modal's is SDK-free.
 */
async function checkProviderCredentials({
  settings,
  env = process.env,
}: PreflightInput): Promise<PreflightCheck['status']> {
  switch (settings.provider) {
    case 'local':
      return 'skipped';
    case 'daytona': {
      const { resolveDaytonaConfig } = await import('../sandbox/daytona/config.js');
      resolveDaytonaConfig(settings.providers.daytona, env);
      return 'passed';
    }
    case 'modal': {
      const { resolveModalSettings } = await import('../sandbox/modal/config.js');
      resolveModalSettings(settings.providers.modal, env);
      return 'passed';
    }
  }
}

/**
 * Only when the output includes a pull request and a token is set; the probe's code (and the GitHub
 * client) loads only then, so an artifact run does not evaluate it before its first log line (issue 19).
 */
async function probeGitHubIfNeeded(input: PreflightInput): Promise<PreflightCheck[]> {
  if (input.settings.output === 'artifact' || !input.settings.githubToken) {
    return GITHUB_CHECKS.map((name) => ({ name, status: 'skipped' }));
  }
  const { probeGitHub } = await import('./github-probe.js');
  return probeGitHub(input);
}
