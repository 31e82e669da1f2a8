// npm run bench [-- --quick]: builds its inputs, measures, prints a table and writes bench/results.json.
// Every figure is compared with a baseline measured in the same run on the same input.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const quick = process.argv.includes('--quick');
const work = join(root, 'bench', '.work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const env = {
  PATH: process.env.PATH,
  HOME: work,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Input: a deterministic repository with some history, checked out with --depth 1.
const files = quick ? 400 : 20_000;
const upstream = join(work, 'upstream');
mkdirSync(upstream);
git(upstream, 'init', '-q', '-b', 'main');
for (let i = 0; i < files; i++) {
  const dir = join(upstream, `pkg${i % 50}`, `mod${i % 7}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `file${i}.txt`),
    `${`line ${i} of a generated source file\n`.repeat(20 + (i % 40))}`,
  );
}
git(upstream, 'add', '-A');
git(upstream, 'commit', '-q', '-m', 'initial');
writeFileSync(join(upstream, 'pkg0', 'mod0', 'file0.txt'), 'changed\n');
git(upstream, 'commit', '-q', '-am', 'second');
const checkout = join(work, 'checkout');
git(work, 'clone', '-q', '--depth', '1', `file://${upstream}`, checkout);

const runs = quick ? 1 : 3;

// Ours: the real snapshot code, through the built CLI (process start included, as in the action).
const oursTimes = [];
let oursBytes = 0;
for (let i = 0; i < runs; i++) {
  const out = join(work, `ours-${i}`);
  oursTimes.push(
    time(() => {
      const r = spawnSync(
        process.execPath,
        [join(root, 'dist', 'cli', 'index.js'), 'snapshot', '--repo', checkout, '--out', out],
        { env, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(r.stderr);
      oursBytes = JSON.parse(r.stdout).bundleBytes;
    }),
  );
}
// Baseline: Glue's overlay bootstrap (fresh git dir over the work tree, add -A, commit, bundle --all).
const glueTimes = [];
let glueBytes = 0;
for (let i = 0; i < runs; i++) {
  const base = join(work, `glue-${i}`);
  mkdirSync(base);
  glueTimes.push(
    time(() => {
      const g = (...args) =>
        git(checkout, `--git-dir=${join(base, 'bootstrap.git')}`, `--work-tree=${checkout}`, ...args);
      g('init', '-q');
      g('add', '-A');
      g('commit', '-q', '--allow-empty', '-m', 'glue bootstrap');
      git(
        checkout,
        `--git-dir=${join(base, 'bootstrap.git')}`,
        'bundle',
        'create',
        '-q',
        join(base, 'bootstrap.bundle'),
        '--all',
      );
    }),
  );
  glueBytes = statSync(join(base, 'bootstrap.bundle')).size;
}
const ours = median(oursTimes);
const glue = median(glueTimes);
const results = {
  quick,
  machine: { cpus: os.cpus().length, memory: os.totalmem(), platform: `${os.platform()} ${os.release()}` },
  versions: { node: process.version, git: git(work, '--version') },
  input: { files },
  snapshot: {
    oursMs: Math.round(ours),
    glueMs: Math.round(glue),
    speedup: +(glue / ours).toFixed(1),
    oursBytes,
    glueBytes,
  },
};
console.log('| figure | ours | baseline | ratio |');
console.log('|---|---:|---:|---:|');
console.log(
  `| snapshot, depth-1 checkout of ${files} files | ${Math.round(ours)} ms | ${Math.round(glue)} ms (Glue overlay) | ${results.snapshot.speedup}× faster |`,
);
console.log(`| bundle size | ${oursBytes} B | ${glueBytes} B | ${(oursBytes / glueBytes).toFixed(2)} |`);
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
