// Figure 2: cold start, process start → first stdout line of `node dist/index.js` on the local path,
// against an ncc bundle (built here, same ncc flags as scripts/build.mjs) whose entry only imports
// @actions/core and logs a line. Also the size of dist/ (all files: one bundle whose post, sweep and CLI
// entries are stubs) against the same baseline bundle's directory, with the ≤ 15 MB target of issue 19.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from './action.mjs';
import { GIT_ENV, interleave, measureChild, ROOT, WORK } from './lib.mjs';

function buildBaseline() {
  // Inside the project, so that `@actions/core` resolves from its node_modules (WORK may be on tmpfs).
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-cold-start');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, "import * as core from '@actions/core';\ncore.info('baseline: first line');\n");
  const out = join(dir, 'dist');
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'ncc'),
    ['build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet', '--target', 'es2022'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return { entry: join(out, 'index.js'), dir: out };
}

const DIST_TARGET_BYTES = 15_000_000; // 15 MB, decimal: the stricter reading of the target

export function directoryBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

function countFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    count += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  }
  return count;
}

export async function benchColdStart(inputs, runs) {
  const { entry: baselineEntry, dir: baselineDir } = buildBaseline();
  const runnerTemp = join(WORK, 'cold-start-runner');
  let firstLine = '';
  const ours = async () => {
    const run = await runAction(
      {
        workspace: inputs.shallow,
        runnerTemp,
        inputs: {
          prompt: 'cold start',
          provider: 'local',
          agent: 'custom',
          'agent-command': 'true',
          output: 'artifact',
        },
      },
      { killAfterFirstLine: true },
    );
    firstLine = run.stdout.split('\n')[0];
    return run.firstLineMs;
  };
  const baseline = async () =>
    (await measureChild(process.execPath, [baselineEntry], { env: GIT_ENV, killAfterFirstLine: true }))
      .firstLineMs;
  // One untimed run each warms the page cache, as a runner that just downloaded the action has it.
  await ours();
  await baseline();
  const result = await interleave(runs, ours, baseline);
  const ratio = result.ours / result.baseline;
  const distBytes = directoryBytes(join(ROOT, 'dist'));
  const baselineBytes = directoryBytes(baselineDir);
  return [
    {
      id: 'cold-start',
      label: 'Cold start to first log line (local path)',
      ours: {
        ms: result.ours,
        firstLine: firstLine.slice(0, 120),
        distBytes,
        indexJsBytes: statSync(join(ROOT, 'dist', 'index.js')).size,
      },
      baseline: {
        name: 'ncc bundle importing only @actions/core',
        ms: result.baseline,
        indexJsBytes: statSync(baselineEntry).size,
      },
      ratio,
      ratioText: `${ratio.toFixed(2)}× baseline`,
      target: '≤ 1.3× baseline',
      pass: ratio <= 1.3,
      samples: result.samples,
    },
    {
      id: 'dist-size',
      label: 'Size of dist/ (all files)',
      ours: { bytes: distBytes, files: countFiles(join(ROOT, 'dist')) },
      baseline: { name: 'ncc bundle importing only @actions/core', bytes: baselineBytes },
      ratio: distBytes / baselineBytes,
      ratioText: `${(distBytes / baselineBytes).toFixed(1)}× baseline`,
      target: '≤ 15 MB',
      pass: distBytes <= DIST_TARGET_BYTES,
    },
  ];
}
