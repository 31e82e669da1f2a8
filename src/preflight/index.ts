import { errorText } from '../deliver/github.js';
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

/** How long one preflight probe (GitHub or the provider) may take before the run goes on without it. */
export const PROBE_TIMEOUT_MS = 10_000;

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
 * rule and its message stay in one place, and then valid: one authenticated call without side effects
 * (see the provider's probe.ts). A key the provider refuses (401/403, UNAUTHENTICATED/PERMISSION_DENIED)
 * stops the run here; a probe that gets no answer within PROBE_TIMEOUT_MS, a network error or a 5xx is
 * one warning, and the run goes on (the real create retries and reports).
 */
async function checkProviderCredentials({
  settings,
  logger,
  env = process.env,
}: PreflightInput): Promise<PreflightCheck['status']> {
  let probe: () => Promise<void>;
  switch (settings.provider) {
    case 'local':
      return 'skipped';
    case 'daytona': {
      const { resolveDaytonaConfig } = await import('../sandbox/daytona/config.js');
      const config = resolveDaytonaConfig(settings.providers.daytona, env);
      const { probeDaytonaCredentials } = await import('../sandbox/daytona/probe.js');
      probe = () => probeDaytonaCredentials(config, PROBE_TIMEOUT_MS);
      break;
    }
    case 'modal': {
      const { resolveModalSettings } = await import('../sandbox/modal/config.js');
      const resolved = resolveModalSettings(settings.providers.modal, env);
      const { probeModalCredentials } = await import('../sandbox/modal/probe.js');
      probe = () => probeModalCredentials(resolved, logger);
      break;
    }
  }
  try {
    await withProbeTimeout(
      probe(),
      `${settings.provider} did not answer within ${PROBE_TIMEOUT_MS / 1000} s`,
    );
    return 'passed';
  } catch (error) {
    if (error instanceof ActionError) throw error;
    logger.warning(
      `Could not check the ${settings.provider} credentials before starting (${errorText(error)}); going on.`,
    );
    return 'unverified';
  }
}

/** Bounds a probe that has no deadline of its own; the late answer, if any, is ignored. */
function withProbeTimeout<T>(operation: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), PROBE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
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
