// Runs the built action (`node dist/index.js`) as the runner does: INPUT_* for every input (defaults from
// action.yml), GITHUB_* files, a minimal env. Mirrors test/helpers/action.ts for plain node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { measureChild, ROOT } from './lib.mjs';

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

export function actionEnv({ workspace, runnerTemp, inputs, env = {} }) {
  mkdirSync(runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(runnerTemp, 'github_output'),
    GITHUB_STATE: join(runnerTemp, 'github_state'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'github_summary'),
    GITHUB_EVENT_PATH: join(runnerTemp, 'event.json'),
  };
  for (const file of Object.values(files)) writeFileSync(file, file.endsWith('.json') ? '{}' : '');
  const result = {
    PATH: process.env.PATH,
    HOME: runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo/bench',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'agent',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: 'https://api.github.example',
    ...files,
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = spec.default?.includes('${{') ? '' : (spec.default ?? '');
    result[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? fallback;
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) throw new Error(`Unknown input ${name}`);
  }
  return { ...result, ...env };
}

/** Reads `name<<delim` blocks of a GITHUB_OUTPUT file. */
export function readOutputs(runnerTemp) {
  const lines = readFileSync(join(runnerTemp, 'github_output'), 'utf8').split('\n');
  const outputs = {};
  for (let i = 0; i < lines.length; i++) {
    const match = lines[i].match(/^([^<=]+)<<(.+)$/);
    if (!match) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

/** Per-stage timings from the job summary table (`| stage | 123 ms |` or `| stage | 1.2 s |`). */
export function readStageTimings(runnerTemp) {
  const summary = readFileSync(join(runnerTemp, 'github_summary'), 'utf8');
  const stages = {};
  // The summary's timeline table: `| stage | starts at | time |` (the time is the last cell).
  for (const match of summary.matchAll(/^\| ([a-z-]+) \|(?: [^|]* \|)? ([\d.]+) (ms|s) \|$/gm)) {
    stages[match[1]] = Number(match[2]) * (match[3] === 's' ? 1000 : 1);
  }
  return stages;
}

export function runAction(options, measure = {}) {
  const env = actionEnv(options);
  return measureChild(process.execPath, [join(ROOT, options.entry ?? 'dist/index.js')], {
    cwd: options.workspace,
    env,
    ...measure,
  });
}
