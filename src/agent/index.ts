import { mkdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Timings } from '../deliver/result.js';
import { agentCommandEnv } from '../sandbox/env.js';
import type { Sandbox } from '../sandbox/types.js';
import type { Settings } from '../settings/index.js';
import { ActionError, errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { SecretRegistry } from '../shared/secrets.js';
import type { Task } from '../trigger/index.js';
import {
  INSTALL_EXIT_OFFLINE,
  INSTALL_SCRIPT,
  installEnv,
  missingToolMessage,
  TOOLS_PATH,
} from './install.js';
import { INSTALL_TIMEOUT_MS } from './limits.js';
import { type AgentPreset, getPreset, presetVersion } from './presets/index.js';
import { type AgentUsage, type TranscriptReader, TranscriptRecorder } from './transcript.js';
import { parseUsageFile, readUsageFile } from './usage-file.js';

export interface AgentInput {
  sandbox: Sandbox;
  settings: Settings;
  task: Task;
  logger: Logger;
  /** Redacts the saved transcript and the agent's summary. */
  secrets: SecretRegistry;
  /** `install` and `agent` are measured separately. */
  timings: Timings;
  /** Runner-side scratch dir (the prompt file is written here, then uploaded). */
  workDir: string;
  /** Agent budget in ms (setup and agent share it; install has its own). */
  /** Agent budget in ms, or a function giving it when the agent starts (after install). */
  budgetMs: number | (() => number);
}

export interface AgentRun {
  exitCode: number;
  timedOut: boolean;
  setupMs: number;
  agentMs: number;
  startedAt: string;
  finishedAt: string;
  /** The agent's own account of its work (summary file, else its final message), redacted. */
  summary?: string;
  usage?: AgentUsage;
  /** Runner path of the redacted raw transcript, for presets that stream JSON. */
  transcriptPath?: string;
}

export { INSTALL_TIMEOUT_MS };

const HOOK_TIMEOUT_MS = 60_000;
/** The summary file is read up to this size; the PR section caps it further. */
const SUMMARY_READ_LIMIT = 64 * 1024;

/**
 * Uploads the prompt, installs the preset's CLI, runs `setup-command`, then the agent, streaming their
 * output into the log. The agent's exit code is reported, never thrown: its work is captured whatever
 * it returns.
 */
export async function runAgent(input: AgentInput): Promise<AgentRun> {
  const { sandbox, settings, logger } = input;
  const preset = getPreset(settings.agent);
  const scratch = sandbox.paths.scratch;
  const localPrompt = join(input.workDir, 'prompt.md');
  const promptFile = posix.join(scratch, 'prompt.md');
  await writeFile(localPrompt, input.task.prompt, { mode: 0o600 });
  await sandbox.upload(localPrompt, promptFile);
  const summaryFile = posix.join(scratch, 'agent-summary.md');
  const env: Record<string, string> = {
    ...presetEnv(preset, settings),
    ...agentCommandEnv({ workdir: sandbox.paths.workdir, promptFile }),
    AGENT_SUMMARY_FILE: summaryFile,
  };
  // A custom agent has no CLI output we can read usage from: it may report it in this file.
  if (preset.name === 'custom') env['AGENT_USAGE_FILE'] = posix.join(scratch, 'agent-usage.json');
  if (preset.install) {
    Object.assign(env, installEnv(preset, settings, scratch), { AGENT_MODEL: settings.model });
  }
  if (preset.beforeRun || preset.afterRun) env['AGENT_HIDDEN_DIR'] = posix.join(scratch, 'hidden-config');

  if (preset.install) {
    await input.timings.measure('install', () => install(sandbox, logger, preset, settings, env));
  }
  return input.timings.measure('agent', () => runSetupAndAgent(input, preset, env, summaryFile));
}

async function runSetupAndAgent(
  input: AgentInput,
  preset: AgentPreset,
  env: Record<string, string>,
  summaryFile: string,
): Promise<AgentRun> {
  const { sandbox, settings, logger } = input;
  const budgetMs = typeof input.budgetMs === 'function' ? input.budgetMs() : input.budgetMs;
  const deadline = Date.now() + budgetMs;
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

  const command = preset.install ? `${TOOLS_PATH}\n${preset.command(settings)}` : preset.command(settings);
  const reader = preset.transcript?.();
  const agentStarted = performance.now();
  const result = await logger.group(`Agent (${settings.agent})`, async () => {
    if (preset.beforeRun) await hook(sandbox, logger, 'before', preset.beforeRun, env);
    try {
      return await streamed(
        sandbox,
        logger,
        'agent',
        command,
        env,
        Math.max(1_000, deadline - Date.now()),
        reader,
      );
    } finally {
      if (preset.afterRun) await hook(sandbox, logger, 'after', preset.afterRun, env);
    }
  });
  const agentMs = performance.now() - agentStarted;
  if (result.timedOut) {
    logger.warning(
      `The agent was stopped after ${Math.round(budgetMs / 60_000)} min; its work so far is captured.`,
    );
  } else if (result.exitCode !== 0) {
    logger.warning(`The agent exited with code ${result.exitCode}; its work so far is captured.`);
  }

  const summaryText = (await readSummaryFile(sandbox, summaryFile, logger)) ?? reader?.finalMessage();
  const transcriptPath = result.recorder
    ? await saveTranscript(settings.outDir, result.recorder, input.secrets)
    : undefined;
  return {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    setupMs,
    agentMs,
    startedAt,
    finishedAt: new Date().toISOString(),
    summary: summaryText?.trim() ? input.secrets.redact(summaryText.trim()) : undefined,
    usage: reader?.usage() ?? (await customUsage(sandbox, logger, env['AGENT_USAGE_FILE'])),
    transcriptPath,
  };
}

/** What a custom agent wrote to `$AGENT_USAGE_FILE`; a file that fails validation is ignored with a warning. */
async function customUsage(
  sandbox: Sandbox,
  logger: Logger,
  path: string | undefined,
): Promise<AgentUsage | undefined> {
  if (!path) return undefined;
  // Optional, like the summary read: a transient fault here must never cost the agent's finished work.
  const text = await readUsageFile(sandbox, path).catch((error: unknown) => {
    logger.warning(
      `Could not read the agent's usage file (${errorMessage(error)}); the run goes on without it.`,
    );
    return undefined;
  });
  const parsed = parseUsageFile(text);
  if (parsed && 'ignored' in parsed) {
    logger.warning(`The agent's usage file was ignored: ${parsed.ignored}. See docs/agents.md for its form.`);
  }
  return parsed && 'usage' in parsed ? parsed.usage : undefined;
}

/** Preset env under `agent-env`: the workflow author's values win over the preset's defaults. */
function presetEnv(preset: AgentPreset, settings: Settings): Record<string, string> {
  return Object.fromEntries(Object.entries(preset.env).filter(([name]) => !(name in settings.agentEnv)));
}

async function install(
  sandbox: Sandbox,
  logger: Logger,
  preset: AgentPreset,
  settings: Settings,
  env: Record<string, string>,
): Promise<void> {
  const version = presetVersion(preset, settings);
  const result = await logger.group(`Install (${preset.install?.package}@${version})`, () =>
    streamed(sandbox, logger, 'install', INSTALL_SCRIPT, env, INSTALL_TIMEOUT_MS),
  );
  if (result.exitCode === 0) return;
  if (result.exitCode === INSTALL_EXIT_OFFLINE && !result.timedOut) {
    throw new ActionError(
      'agent-install-failed',
      `The ${settings.agent} CLI (${preset.install?.bin}) is not in the sandbox image, and with network: none it cannot be installed.`,
      'Use a snapshot or image that already has it (daytona-snapshot / daytona-image / modal-image), or allow network.',
    );
  }
  const missing = result.timedOut
    ? undefined
    : missingToolMessage(result.exitCode, settings.agent, preset.install?.minNodeMajor ?? 0);
  if (missing) throw new ActionError('agent-install-failed', missing.message, missing.hint);
  throw new ActionError(
    'agent-install-failed',
    result.timedOut
      ? `Installing ${preset.install?.package}@${version} did not finish in ${INSTALL_TIMEOUT_MS / 60_000} min.`
      : `Installing ${preset.install?.package}@${version} failed (exit ${result.exitCode}).`,
    'See the install output above; check agent-version, or use an image that has the CLI.',
  );
}

/** A preset's before/after step; its failure is logged, and `before` failing stops the run. */
async function hook(
  sandbox: Sandbox,
  logger: Logger,
  when: 'before' | 'after',
  script: string,
  env: Record<string, string>,
): Promise<void> {
  const result = await streamed(sandbox, logger, `agent:${when}`, script, env, HOOK_TIMEOUT_MS);
  if (result.exitCode === 0) return;
  if (when === 'before') {
    throw new ActionError(
      'sandbox-error',
      `Preparing the work dir for the agent failed (exit ${result.exitCode}).`,
    );
  }
  logger.warning(`Restoring the work dir after the agent failed (exit ${result.exitCode}).`);
}

/** Optional: the run goes on (and its work is captured) when the summary cannot be read. */
async function readSummaryFile(sandbox: Sandbox, path: string, logger: Logger): Promise<string | undefined> {
  try {
    const result = await sandbox.exec(
      `if [ -f "$F" ] && [ ! -L "$F" ]; then head -c ${SUMMARY_READ_LIMIT} -- "$F"; fi`,
      { env: { F: path }, timeoutMs: 30_000 },
    );
    return result.exitCode === 0 && result.stdout.trim() ? result.stdout : undefined;
  } catch (error) {
    logger.warning(
      `Could not read the agent's summary (${errorMessage(error)}); the run goes on without it.`,
    );
    return undefined;
  }
}

async function saveTranscript(
  outDir: string,
  recorder: TranscriptRecorder,
  secrets: SecretRegistry,
): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'agent.transcript.jsonl');
  await writeFile(path, secrets.redact(recorder.rawText()), { mode: 0o600 });
  return path;
}

async function streamed(
  sandbox: Sandbox,
  logger: Logger,
  label: string,
  command: string,
  env: Record<string, string>,
  timeoutMs: number,
  reader?: TranscriptReader,
): Promise<{ exitCode: number; timedOut: boolean; recorder?: TranscriptRecorder }> {
  const stream = logger.agentStream(label);
  const recorder = reader ? new TranscriptRecorder(reader, (line) => stream.stdout(`${line}\n`)) : undefined;
  try {
    const result = await sandbox.exec(command, {
      cwd: sandbox.paths.workdir,
      env,
      timeoutMs: Math.max(1_000, timeoutMs),
      onStdout: (chunk) => (recorder ? recorder.write(chunk) : stream.stdout(chunk)),
      onStderr: (chunk) => stream.stderr(chunk),
    });
    return { exitCode: result.exitCode, timedOut: result.timedOut, recorder };
  } finally {
    recorder?.end();
    stream.end();
  }
}
