import { writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { agentCommandEnv } from '../sandbox/env.js';
import type { Sandbox } from '../sandbox/types.js';
import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { Task } from '../trigger/index.js';
import { resolveAgentCommand } from './presets.js';

export interface AgentInput {
  sandbox: Sandbox;
  settings: Settings;
  task: Task;
  logger: Logger;
  /** Runner-side scratch dir (the prompt file is written here, then uploaded). */
  workDir: string;
  /** Agent budget in ms (setup and agent share it). */
  budgetMs: number;
}

export interface AgentRun {
  exitCode: number;
  timedOut: boolean;
  setupMs: number;
  agentMs: number;
  startedAt: string;
  finishedAt: string;
}

/**
 * Uploads the prompt, runs `setup-command`, then the agent, streaming their output into the log.
 * The agent's exit code is reported, never thrown: its work is captured whatever it returns.
 */
export async function runAgent(input: AgentInput): Promise<AgentRun> {
  const { sandbox, settings, logger } = input;
  const agentCommand = resolveAgentCommand(settings);
  const localPrompt = join(input.workDir, 'prompt.md');
  const promptFile = posix.join(sandbox.paths.scratch, 'prompt.md');
  await writeFile(localPrompt, input.task.prompt, { mode: 0o600 });
  await sandbox.upload(localPrompt, promptFile);
  const env = agentCommandEnv({ workdir: sandbox.paths.workdir, promptFile });
  const deadline = Date.now() + input.budgetMs;
  const startedAt = new Date().toISOString();

  let setupMs = 0;
  if (settings.setupCommand) {
    const setupStarted = performance.now();
    const setup = await logger.group('Setup command', () =>
      streamed(sandbox, logger, 'setup', settings.setupCommand, env, deadline - Date.now()),
    );
    setupMs = performance.now() - setupStarted;
    if (setup.exitCode !== 0) {
      throw new ActionError(
        'setup-failed',
        setup.timedOut
          ? 'The setup command did not finish within the agent budget.'
          : `The setup command exited with code ${setup.exitCode}.`,
        'See the setup output above; fix setup-command or the repository.',
      );
    }
  }

  const agentStarted = performance.now();
  const result = await logger.group(`Agent (${settings.agent})`, () =>
    streamed(sandbox, logger, 'agent', agentCommand, env, Math.max(1_000, deadline - Date.now())),
  );
  const agentMs = performance.now() - agentStarted;
  if (result.timedOut) {
    logger.warning(
      `The agent was stopped after ${Math.round(input.budgetMs / 60_000)} min; its work so far is captured.`,
    );
  } else if (result.exitCode !== 0) {
    logger.warning(`The agent exited with code ${result.exitCode}; its work so far is captured.`);
  }
  return {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    setupMs,
    agentMs,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

async function streamed(
  sandbox: Sandbox,
  logger: Logger,
  label: string,
  command: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ exitCode: number; timedOut: boolean }> {
  const stream = logger.agentStream(label);
  try {
    const result = await sandbox.exec(command, {
      cwd: sandbox.paths.workdir,
      env,
      timeoutMs: Math.max(1_000, timeoutMs),
      onStdout: (chunk) => stream.stdout(chunk),
      onStderr: (chunk) => stream.stderr(chunk),
    });
    return { exitCode: result.exitCode, timedOut: result.timedOut };
  } finally {
    stream.end();
  }
}
