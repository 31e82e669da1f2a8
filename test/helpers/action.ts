import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

export function readActionYaml(path = join(PROJECT_ROOT, 'action.yml')): ActionYaml {
  return parse(readFileSync(path, 'utf8')) as ActionYaml;
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** Paths of the runner files, for running `post` afterwards. */
  files: { output: string; state: string; summary: string };
}

export interface RunActionOptions {
  workspace: string;
  inputs: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  event?: { name: string; payload: Record<string, unknown> };
  /** Runner temp dir (also where local sandboxes go). */
  runnerTemp: string;
  entry?: 'dist/index.js' | 'dist/post/index.js';
  /** Reuse the runner files of an earlier run (post reads main's state). */
  files?: ActionRun['files'];
  onStdout?: (chunk: string) => void;
  signalAfter?: { pattern: RegExp; signal: NodeJS.Signals };
  /** A command the action runs under (e.g. a measuring wrapper): it gets node and the entry as arguments. */
  wrapper?: string[];
}

/**
 * Runs the built action as the runner does: INPUT_* for every input (defaults from action.yml, with
 * `${{ github.token }}` left empty), GITHUB_* files, and a minimal env (nothing of ours leaks in).
 */
export function runBuiltAction(options: RunActionOptions): Promise<ActionRun> {
  const action = readActionYaml();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: options.runnerTemp,
    RUNNER_TEMP: options.runnerTemp,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'octo/demo',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'agent',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: 'https://api.github.example',
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = options.inputs[name] ?? (spec.default?.includes('${{') ? '' : (spec.default ?? ''));
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  for (const name of Object.keys(options.inputs)) {
    if (!(name in action.inputs)) throw new Error(`Unknown input ${name}`);
  }
  mkdirSync(options.runnerTemp, { recursive: true });
  const files = options.files ?? {
    output: join(options.runnerTemp, 'github_output'),
    state: join(options.runnerTemp, 'github_state'),
    summary: join(options.runnerTemp, 'github_summary'),
  };
  for (const file of Object.values(files)) if (!existsSync(file)) writeFileSync(file, '');
  const eventPath = join(options.runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event?.payload ?? {}));
  Object.assign(env, {
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: eventPath,
  });
  // post reads main's state from STATE_<name> env vars, as the runner provides them.
  if (options.entry === 'dist/post/index.js') {
    for (const [name, value] of Object.entries(parseCommandFile(readFileSync(files.state, 'utf8')))) {
      env[`STATE_${name}`] = value;
    }
  }
  Object.assign(env, options.env);
  return new Promise((resolvePromise, reject) => {
    const argv = [process.execPath, join(PROJECT_ROOT, options.entry ?? 'dist/index.js')];
    const [file, ...args] = [...(options.wrapper ?? []), ...argv] as [string, ...string[]];
    const child = spawn(file, args, {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      options.onStdout?.(text);
      if (options.signalAfter && !signalled && options.signalAfter.pattern.test(stdout)) {
        signalled = true;
        child.kill(options.signalAfter.signal);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolvePromise({
        exitCode: code ?? 1,
        stdout,
        stderr,
        outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
        state: parseCommandFile(readFileSync(files.state, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        files,
      });
    });
  });
}

/** Parses the `name<<delimiter\nvalue\ndelimiter` format of GITHUB_OUTPUT / GITHUB_STATE (last one wins). */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = lines[i]?.match(/^([^<=]+)<<(.+)$/);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    result[name as string] = value.join('\n');
  }
  return result;
}

export interface AgentScriptRun {
  workspace: string;
  runnerTemp: string;
  /** Shell lines run by the custom agent in the sandbox work dir, after `set -e`. */
  script: string;
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

/**
 * The built action on `provider: local` with a `custom` agent running `script` (written to a file in
 * the runner temp dir, so it may hold quotes and keys) and `output: artifact` unless inputs say otherwise.
 */
export function runAgentScript(options: AgentScriptRun): Promise<ActionRun> {
  const scriptPath = join(options.runnerTemp, 'agent.sh');
  mkdirSync(options.runnerTemp, { recursive: true });
  writeFileSync(scriptPath, `set -e\n${options.script}\n`);
  return runBuiltAction({
    workspace: options.workspace,
    runnerTemp: options.runnerTemp,
    inputs: {
      prompt: 'x',
      provider: 'local',
      agent: 'custom',
      'agent-command': `sh ${scriptPath}`,
      output: 'artifact',
      ...options.inputs,
    },
    env: options.env,
  });
}
