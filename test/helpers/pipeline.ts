import { join } from 'node:path';
import type { RunResult } from '../../src/deliver/result.js';
import { runPipeline } from '../../src/main.js';
import { readRunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { registerInputSecrets } from '../../src/settings/secrets.js';
import { CleanupRegistry } from '../../src/shared/cleanup.js';
import { consoleLogger } from '../../src/shared/log.js';
import { SecretRegistry } from '../../src/shared/secrets.js';

export interface PipelineRun {
  result: RunResult;
  logs: string[];
  state: Record<string, string>;
}

/** Runs the pipeline in-process on the local provider with a custom agent (fast path for many cases). */
export async function runLocalPipeline(options: {
  checkout: string;
  runnerTemp: string;
  agentCommand: string;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}): Promise<PipelineRun> {
  const inputs: Record<string, string> = {
    prompt: 'Do the scripted thing.',
    provider: 'local',
    agent: 'custom',
    'agent-command': options.agentCommand,
    output: 'artifact',
    'out-dir': join(options.runnerTemp, 'out'),
    ...options.inputs,
  };
  const read = (name: string): string => inputs[name] ?? '';
  const logs: string[] = [];
  const secrets = new SecretRegistry();
  registerInputSecrets(secrets, read, options.env ?? {});
  const logger = consoleLogger(
    (text) => secrets.redact(text),
    (line) => logs.push(line),
  );
  const context = await readRunContext({
    GITHUB_REPOSITORY: 'octo/demo',
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: options.checkout,
    RUNNER_TEMP: options.runnerTemp,
    ...options.env,
  });
  const state: Record<string, string> = {};
  const settings = parseSettings(read, context);
  const result = await runPipeline({
    settings,
    context,
    repoDir: options.checkout,
    host: {
      logger,
      secrets,
      cleanup: new CleanupRegistry(),
      saveState: (k, v) => {
        state[k] = v;
      },
    },
  });
  return { result, logs, state };
}
