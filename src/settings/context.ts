import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/**
 * What the runner tells us about this run, read from the environment once. Read directly (not through
 * @actions/github) so the cold start of the `local` path stays small.
 */
export interface RunContext {
  /** `owner/repo`. */
  repository: string;
  runId: string;
  runAttempt: string;
  job: string;
  workflow: string;
  eventName: string;
  event: Record<string, unknown>;
  actor: string;
  /** Numeric id of the actor (for the noreply e-mail of `Co-authored-by`). */
  actorId: string;
  workspace: string;
  runnerTemp: string;
  serverUrl: string;
  apiUrl: string;
  refName: string;
  refType: string;
  /** True when the runtime token for artifact uploads is present. */
  onRunner: boolean;
}

export async function readRunContext(env: NodeJS.ProcessEnv = process.env): Promise<RunContext> {
  const eventPath = env['GITHUB_EVENT_PATH'];
  let event: Record<string, unknown> = {};
  if (eventPath) {
    try {
      const parsed: unknown = JSON.parse(await readFile(eventPath, 'utf8'));
      if (parsed && typeof parsed === 'object') event = parsed as Record<string, unknown>;
    } catch {
      // A missing or broken event file means no event context; triggers that need one will say so.
    }
  }
  return {
    repository: env['GITHUB_REPOSITORY'] || 'local/repository',
    runId: env['GITHUB_RUN_ID'] || String(Date.now()),
    runAttempt: env['GITHUB_RUN_ATTEMPT'] || '1',
    job: env['GITHUB_JOB'] || 'local',
    workflow: env['GITHUB_WORKFLOW'] || '',
    eventName: env['GITHUB_EVENT_NAME'] || 'workflow_dispatch',
    event,
    actor: env['GITHUB_ACTOR'] || '',
    actorId: env['GITHUB_ACTOR_ID'] || '',
    workspace: env['GITHUB_WORKSPACE'] || process.cwd(),
    runnerTemp: env['RUNNER_TEMP'] || tmpdir(),
    serverUrl: (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/$/, ''),
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/$/, ''),
    refName: env['GITHUB_REF_NAME'] || '',
    refType: env['GITHUB_REF_TYPE'] || '',
    onRunner: Boolean(env['ACTIONS_RUNTIME_TOKEN'] && env['ACTIONS_RESULTS_URL']),
  };
}

/** Link to this run's log, for summaries and comments. */
export function runUrl(
  context: Pick<RunContext, 'serverUrl' | 'repository' | 'runId' | 'runAttempt'>,
): string {
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
}
