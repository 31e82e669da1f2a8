import { readFileSync, writeFileSync } from 'node:fs';
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
      env: { NODE_OPTIONS: loadTracer(tempDir('sa-hooks-'), logFile) },
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
  });
});
