import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 19 item 6, cold start: the code of the stages after the snapshot (agent, capture, verify, policy,
 * deliver) is not compiled before the first log line; it lives in a chunk the run loads when it gets
 * there. Observed on the built action with a module loader hook that logs every file the process loads,
 * and a preload that marks the first stdout line in the same log.
 */
const STAGE_FUNCTIONS = [
  'function runAgent',
  'function capturePatch',
  'function verifyPatch',
  'function checkPolicy',
  'function deliverPullRequest',
];

/**
 * Code a dispatch run with `output: artifact` never needs before its first line: the comment/issue
 * trigger code, the tracking comment, the preflight's GitHub probes, the job-summary renderer and the
 * agent presets.
 */
const NOT_BEFORE_FIRST_LINE = [
  'function resolveCommentTask(',
  'function resolveIssueTask(',
  'function trackingMarker(',
  'function probeGitHub(',
  'function renderSummary(',
  // The agent presets (commands, transcript readers): the credential check before the sandbox does not need them.
  'opencode-ai',
];

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

/** Files a `node dist/index.js` run loads, in order, with `FIRST-LINE` where its first stdout line went. */
function loadTracer(dir: string, logFile: string): string {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(logFile)}, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  const preload = join(dir, 'preload.mjs');
  writeFileSync(
    preload,
    `import { register } from 'node:module';\nimport { appendFileSync } from 'node:fs';\n` +
      `register(${JSON.stringify(pathToFileURL(hooks).href)});\n` +
      `const write = process.stdout.write.bind(process.stdout);\nlet first = true;\n` +
      `process.stdout.write = (chunk, ...rest) => {\n` +
      `  if (first) { first = false; appendFileSync(${JSON.stringify(logFile)}, 'FIRST-LINE\\n'); }\n` +
      `  return write(chunk, ...rest);\n};\n`,
  );
  return `--import=${pathToFileURL(preload).href}`;
}

/**
 * A directory for the front of PATH with a `git` that runs the real one; `git --version` is logged to
 * `logFile` (`GIT-VERSION`), and answered with `version` instead when one is given.
 */
function gitShim(dir: string, logFile: string, version?: string): string {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const shim = join(dir, 'git');
  writeFileSync(
    shim,
    `#!/bin/sh\nif [ "$1" = --version ]; then\n  echo GIT-VERSION >> '${logFile}'\n` +
      (version ? `  echo 'git version ${version}'\n  exit 0\n` : '') +
      `fi\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return dir;
}

describe('cold start of the built action', () => {
  it('loads the agent, capture, verify, policy and deliver code only after the first log line', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const logFile = join(tempDir('sa-trace-'), 'loaded.txt');
    writeFileSync(logFile, '');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'edit the readme',
        provider: 'local',
        agent: 'custom',
        'agent-command': 'echo change >> README.md && git commit -qam "edit readme"',
        output: 'artifact',
      },
      env: {
        NODE_OPTIONS: loadTracer(tempDir('sa-hooks-'), logFile),
        PATH: `${gitShim(tempDir('sa-git-'), logFile)}:${process.env['PATH']}`,
      },
    });
    // The run went through every lazily loaded stage.
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    expect(run.outputs['commits']).toBe('1');

    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    const firstLine = lines.indexOf('FIRST-LINE');
    expect(firstLine, lines.join('\n')).toBeGreaterThan(0);
    const distFiles = (slice: string[]) =>
      slice
        .filter((line) => line.startsWith('file:'))
        .map((url) => fileURLToPath(url))
        .filter((path) => path.startsWith(join(PROJECT_ROOT, 'dist')));
    const before = distFiles(lines.slice(0, firstLine));
    const after = distFiles(lines.slice(firstLine + 1));
    expect(before).toContain(join(PROJECT_ROOT, 'dist', 'index.js'));
    const holding = (files: string[], name: string) =>
      files.filter((file) => readFileSync(file, 'utf8').includes(name));
    for (const name of STAGE_FUNCTIONS) {
      expect(holding(before, name), `${name} is compiled before the first log line`).toEqual([]);
      expect(holding(after, name), `${name} is loaded after the first log line`).toHaveLength(1);
    }
    const chunks = readdirSync(join(PROJECT_ROOT, 'dist'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => join(PROJECT_ROOT, 'dist', file));
    for (const name of NOT_BEFORE_FIRST_LINE) {
      expect(holding(chunks, name), `${name} is in the bundle`).not.toEqual([]);
      expect(holding(before, name), `${name} is compiled before the first log line`).toEqual([]);
    }
    // The summary was still written, by the renderer loaded at the end.
    expect(holding(after, 'function renderSummary(')).toHaveLength(1);
    expect(run.summary).toContain('artifact');
    // The runner's git version is checked in the Snapshot stage, after the first line, and only once.
    expect(lines.filter((line) => line === 'GIT-VERSION')).toHaveLength(1);
    expect(lines.indexOf('GIT-VERSION')).toBeGreaterThan(firstLine);
    expect(run.stdout.split('\n')[0]).toBe('::group::Snapshot');
  });

  it('still refuses a git older than 2.35 before any sandbox, now in the Snapshot stage', async () => {
    repo = makeRepo();
    const logFile = join(tempDir('sa-trace-'), 'git.txt');
    writeFileSync(logFile, '');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      inputs: {
        prompt: 'edit the readme',
        provider: 'local',
        agent: 'custom',
        'agent-command': 'echo change >> README.md && git commit -qam "edit readme"',
        output: 'artifact',
      },
      env: { PATH: `${gitShim(tempDir('sa-git-'), logFile, '2.20.1')}:${process.env['PATH']}` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('git-error');
    expect(run.stdout).toContain('git 2.20.1 is too old.');
    expect(run.stdout).not.toContain('::group::Boot');
    expect(run.outputs['sandbox-id']).toBe('');
    expect(run.state['sandbox-provider']).toBeUndefined();
  });
});
