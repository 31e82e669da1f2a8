// npm run bench [-- --quick] [-- --only=snapshot,cold-start,end-to-end,verify,streaming,bombs,soak] [-- --keep]
// [-- --work-dir=DIR]
// Builds its inputs, measures, prints a table and writes bench/results.json. Every figure is compared
// with a baseline measured in the same run on the same input, ours and baseline interleaved.
// --quick (what CI runs) uses small inputs and one run each: it proves the bench works, nothing more.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { benchBombs } from './bombs.mjs';
import { benchColdStart } from './cold-start.mjs';
import { benchEndToEnd } from './end-to-end.mjs';
import { buildLargeRepo, buildRepoInputs } from './inputs.mjs';
import { git, mb, ms, ROOT, WORK, workDirInfo } from './lib.mjs';
import { benchSnapshot } from './snapshot.mjs';
import { benchSoak } from './soak.mjs';
import { benchStreaming } from './streaming.mjs';
import { benchVerify } from './verify.mjs';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (name) => !only || only.includes(name);

const CONFIG = quick
  ? {
      repo: { files: 400, avgBytes: 2_000, commits: 3, touch: 20, dirtyFiles: 10 },
      runs: { snapshot: 1, coldStart: 3, endToEnd: 1, verify: 1, streaming: 1 },
      patch: { commits: 10, files: 100 },
      largeBytes: 16 * 1024 * 1024,
      // A reduced soak: proves it works; the Daytona fake's runs are left to the full mode.
      soak: { sequential: 4, concurrent: 2, providers: ['local'] },
    }
  : {
      repo: { files: 20_000, avgBytes: 8_000, commits: 20, touch: 200, dirtyFiles: 200 },
      runs: { snapshot: 5, coldStart: 15, endToEnd: 5, verify: 5, streaming: 1 },
      patch: { commits: 50, files: 1_000 },
      largeBytes: 1.05 * 1024 * 1024 * 1024,
      soak: { sequential: 20, concurrent: 4, providers: ['local', 'daytona'] },
    };

if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
// In-process fakes (the git server's repositories) live in WORK too.
process.env.TMPDIR = WORK;

const step = (text) => process.stderr.write(`bench: ${text}\n`);
const started = performance.now();
const figures = [];
try {
  step(`building inputs (${CONFIG.repo.files} files)`);
  const inputs = buildRepoInputs(CONFIG.repo);
  step(
    `inputs: ${inputs.facts.files} files, ${mb(inputs.facts.treeBytes)} work tree, ${inputs.facts.historyCommits} commits`,
  );
  if (wanted('snapshot')) {
    step('figure 1: snapshot');
    figures.push(...(await benchSnapshot(inputs, CONFIG.runs.snapshot)));
  }
  if (wanted('cold-start')) {
    step('figure 2: cold start');
    figures.push(...(await benchColdStart(inputs, CONFIG.runs.coldStart)));
  }
  if (wanted('end-to-end')) {
    step('figure 3: end to end');
    figures.push(...(await benchEndToEnd(inputs, CONFIG.runs.endToEnd)));
  }
  if (wanted('verify')) {
    step('figure 4: verify and apply');
    figures.push(...(await benchVerify(inputs, CONFIG.runs.verify, CONFIG.patch)));
  }
  if (wanted('streaming')) {
    step(`figure 5: streaming (building ${mb(CONFIG.largeBytes)} of blobs)`);
    const large = buildLargeRepo(CONFIG.largeBytes);
    figures.push(...(await benchStreaming(inputs, CONFIG.runs.streaming, large)));
  }

  if (wanted('bombs')) {
    step(`figure 6: hostile mboxes (zero-file bomb of ${quick ? '256 MiB' : '1.5 GiB'}, forged delta)`);
    figures.push(...(await benchBombs(inputs, quick)));
  }

  if (wanted('soak')) {
    const { sequential, concurrent, providers } = CONFIG.soak;
    step(
      `figure 7: soak (${sequential} sequential + ${concurrent} concurrent runs on ${providers.join(', ')})`,
    );
    figures.push(...(await benchSoak(inputs, CONFIG.soak)));
  }

  const results = {
    quick,
    date: new Date().toISOString(),
    durationS: Math.round((performance.now() - started) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      workDir: workDirInfo(),
    },
    versions: {
      node: process.version,
      git: git(WORK, ['--version']),
      commit: git(ROOT, ['rev-parse', 'HEAD']),
      ncc: JSON.parse(readFileSync(join(ROOT, 'node_modules', '@vercel', 'ncc', 'package.json'), 'utf8'))
        .version,
    },
    inputs: {
      ...inputs.facts,
      runs: CONFIG.runs,
      patch: CONFIG.patch,
      largeBytes: CONFIG.largeBytes,
      soak: CONFIG.soak,
    },
    figures: figures.map(roundDeep),
  };
  console.log(renderTable(figures));
  const missed = figures.filter((f) => !f.pass).map((f) => f.id);
  console.log(missed.length ? `\nMissed targets: ${missed.join(', ')}` : '\nAll targets met.');
  // Quick mode (CI) proves the bench works without overwriting the committed full-mode figures.
  const file = results.quick ? 'results.quick.json' : 'results.json';
  if (only && !quick) keepUnmeasuredFigures(results, join(ROOT, 'bench', file));
  writeFileSync(join(ROOT, 'bench', file), `${JSON.stringify(results, null, 2)}\n`);
  step(`wrote bench/${file} in ${results.durationS} s`);
} finally {
  if (!keep) rmSync(WORK, { recursive: true, force: true });
}

/**
 * `--only` in full mode measures some figures: the others stay as they were in the file, each marked
 * with the date it was measured, so a partial run does not erase the committed figures.
 */
function keepUnmeasuredFigures(results, path) {
  if (!existsSync(path)) return;
  const previous = JSON.parse(readFileSync(path, 'utf8'));
  const measured = new Set(results.figures.map((f) => f.id));
  const kept = previous.figures
    .filter((f) => !measured.has(f.id))
    .map((f) => ({ measuredAt: previous.date, ...f }));
  results.figures = [...kept, ...results.figures];
  results.only = only;
}

function primary(side) {
  if (side.text !== undefined) return side.text;
  if (side.ms !== undefined) return ms(side.ms);
  if (side.maxRssBytes !== undefined) return `${mb(side.maxRssBytes)} peak RSS`;
  if (side.bytes !== undefined) return mb(side.bytes);
  return '';
}

function renderTable(list) {
  const rows = [
    '| Figure | Ours | Baseline (same run) | Comparison | Target | Met |',
    '|---|---:|---|---|---|:-:|',
  ];
  for (const f of list) {
    let ours = primary(f.ours);
    if (f.ours.bundleBytes !== undefined && f.ours.ms !== undefined) ours += `, ${mb(f.ours.bundleBytes)}`;
    if (f.ours.stageMs !== undefined) ours += `, stage ${ms(f.ours.stageMs)}`;
    rows.push(
      `| ${f.label} | ${ours} | ${f.baseline.name}: ${primary(f.baseline)} | ${f.ratioText} | ${f.target} | ${f.pass ? 'yes' : '**no**'} |`,
    );
  }
  const e2e = list.find((f) => f.id === 'end-to-end');
  if (e2e) {
    rows.push(
      '',
      'End-to-end stages (median): ' +
        Object.entries(e2e.ours.stages)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', '),
    );
  }
  const cold = list.find((f) => f.id === 'cold-start');
  if (cold) {
    rows.push(
      `dist/: ${mb(cold.ours.distBytes)} in all; dist/index.js ${mb(cold.ours.indexJsBytes)} (baseline bundle ${mb(cold.baseline.indexJsBytes)}).`,
    );
  }
  return rows.join('\n');
}

function roundDeep(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 100) / 100;
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}
