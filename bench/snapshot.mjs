// Figure 1: snapshot time and bundle size, through the built CLI (the same code the action runs).
// "ours" is the snapshot stage's own duration (`durationMs`, what the action spends on it); the wall time
// of the CLI process (node start included) is recorded next to it.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_ENV, git, interleave, measureChild, ROOT, timeSync, WORK } from './lib.mjs';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');

async function ourSnapshot(repo, tag, includeUncommitted = false, extraArgs = []) {
  const out = join(WORK, `snap-${tag}`);
  const args = [CLI, 'snapshot', '--repo', repo, '--out', out, ...extraArgs];
  if (includeUncommitted) args.push('--include-uncommitted');
  const run = await measureChild(process.execPath, args);
  const facts = JSON.parse(run.stdout);
  rmSync(out, { recursive: true, force: true });
  return { ms: facts.durationMs, wallMs: run.ms, bytes: facts.bundleBytes, shipped: facts.shippedSha };
}

/** Glue's overlay bootstrap (glue-flue.md §1.2): fresh git dir over the work tree, add -A, commit, bundle --all. */
function glueOverlay(checkout, tag) {
  const base = join(WORK, `glue-${tag}`);
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base);
  const gitDir = `--git-dir=${join(base, 'bootstrap.git')}`;
  const env = { ...GIT_ENV, GIT_AUTHOR_NAME: 'glue bootstrap', GIT_COMMITTER_NAME: 'glue bootstrap' };
  const ms = timeSync(() => {
    const g = (...args) => git(checkout, [gitDir, `--work-tree=${checkout}`, ...args], { env });
    g('init', '-q');
    g('add', '-A');
    g('commit', '-q', '--allow-empty', '-m', 'glue bootstrap');
    git(checkout, [gitDir, 'rev-parse', 'HEAD'], { env });
    git(checkout, [gitDir, 'bundle', 'create', '-q', join(base, 'bootstrap.bundle'), '--all'], { env });
  });
  const bytes = statSync(join(base, 'bootstrap.bundle')).size;
  rmSync(base, { recursive: true, force: true });
  return { ms, bytes };
}

/** What a shallow clone of the full-history checkout costs: the floor for shipping its tip. */
function shallowClone(checkout, tag) {
  const dest = join(WORK, `clone-${tag}`);
  rmSync(dest, { recursive: true, force: true });
  const ms = timeSync(() =>
    git(WORK, ['clone', '-q', '--depth', '1', '--no-checkout', `file://${checkout}`, dest]),
  );
  rmSync(dest, { recursive: true, force: true });
  return { ms };
}

/**
 * A 5-commit pull request on a clone of the full-history checkout: each commit rewrites 4 tracked files.
 * Returns the clone, the base and head, and the bytes of a pack of the PR's new objects (head ^base).
 */
function makePullRequest(full) {
  const dir = join(WORK, 'pr-history');
  rmSync(dir, { recursive: true, force: true });
  git(WORK, ['clone', '-q', full, dir]);
  const base = git(dir, ['rev-parse', 'HEAD']);
  const files = git(dir, ['ls-files', '-z']).split('\0').filter(Boolean).slice(0, 20);
  git(dir, ['checkout', '-q', '-b', 'feature']);
  for (let i = 0; i < 5; i++) {
    for (const file of files.slice(i * 4, i * 4 + 4)) {
      writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\nPR commit ${i}\n`);
    }
    git(dir, ['commit', '-qam', `PR commit ${i}`]);
  }
  const head = git(dir, ['rev-parse', 'HEAD']);
  const prefix = join(WORK, 'pr-history-new');
  const name = git(dir, ['pack-objects', '--revs', '-q', prefix], { input: `${head}\n^${base}\n` });
  const newBytes = statSync(`${prefix}-${name}.pack`).size;
  rmSync(`${prefix}-${name}.pack`);
  rmSync(`${prefix}-${name}.idx`);
  return { dir, base, head, newBytes };
}

export async function benchSnapshot(inputs, runs) {
  const a = await interleave(
    runs,
    (i) => ourSnapshot(inputs.shallow, `a${i}`),
    (i) => glueOverlay(inputs.shallow, `a${i}`),
  );
  const b = await interleave(
    runs,
    (i) => ourSnapshot(inputs.full, `b${i}`),
    (i) => shallowClone(inputs.full, `b${i}`),
  );
  const dirty = await interleave(
    runs,
    (i) => ourSnapshot(inputs.dirty, `d${i}`, true),
    (i) => ourSnapshot(inputs.shallow, `c${i}`),
  );
  const pr = makePullRequest(inputs.full);
  const history = await interleave(
    runs,
    (i) =>
      ourSnapshot(pr.dir, `h${i}`, false, [
        '--commit',
        pr.head,
        '--pr-base-ref',
        'main',
        '--pr-base-sha',
        pr.base,
      ]),
    (i) => ourSnapshot(pr.dir, `t${i}`, false, ['--commit', pr.head]),
  );
  rmSync(pr.dir, { recursive: true, force: true });
  const historyBytes = history.samples.ours[0].bytes;
  const tipBytes = history.samples.baseline[0].bytes;
  const historyRatio = historyBytes / (tipBytes + pr.newBytes);
  const depth1Bytes = a.samples.ours[0].bytes;
  const fullBytes = b.samples.ours[0].bytes;
  const speedup = a.baseline / a.ours;
  const dirtyRatio = dirty.ours / dirty.baseline;
  // Sanity: the dirty snapshot ships a new commit; the clean ones ship HEAD.
  const head = git(inputs.shallow, ['rev-parse', 'HEAD']);
  if (a.samples.ours[0].shipped !== head) throw new Error('the depth-1 snapshot did not ship HEAD');
  if (dirty.samples.ours[0].shipped === head) throw new Error('the dirty snapshot shipped HEAD');
  const wall = (r) =>
    Math.round(r.samples.ours.map((s) => s.wallMs).sort((x, y) => x - y)[r.samples.ours.length >> 1]);
  return [
    {
      id: 'snapshot-depth1',
      label: 'Snapshot, depth-1 checkout',
      ours: { ms: a.ours, wallMs: wall(a), bundleBytes: depth1Bytes },
      baseline: { name: 'Glue overlay bootstrap', ms: a.baseline, bundleBytes: a.samples.baseline[0].bytes },
      ratio: speedup,
      ratioText: `${speedup.toFixed(1)}× faster`,
      target: '≥ 20× faster',
      pass: speedup >= 20,
      samples: a.samples,
    },
    {
      id: 'snapshot-full-history',
      label: 'Snapshot, full-history checkout',
      ours: { ms: b.ours, wallMs: wall(b), bundleBytes: fullBytes },
      baseline: { name: 'git clone --depth 1 --no-checkout', ms: b.baseline },
      ratio: b.ours / b.baseline,
      sizeRatio: fullBytes / depth1Bytes,
      ratioText: `${(b.ours / b.baseline).toFixed(2)}× the time; bundle ${(fullBytes / depth1Bytes).toFixed(3)}× depth-1`,
      target: 'time ≤ 1× clone; bundle ≤ 1.05× depth-1',
      pass: b.ours <= b.baseline && fullBytes <= 1.05 * depth1Bytes,
      samples: b.samples,
    },
    {
      id: 'snapshot-uncommitted',
      label: `Snapshot with include-uncommitted (${inputs.facts.dirtyFiles} files changed)`,
      ours: { ms: dirty.ours, wallMs: wall(dirty), bundleBytes: dirty.samples.ours[0].bytes },
      baseline: { name: 'clean snapshot of the same checkout', ms: dirty.baseline },
      ratio: dirtyRatio,
      ratioText: `${dirtyRatio.toFixed(2)}× clean`,
      target: '≤ 1.5× clean',
      pass: dirtyRatio <= 1.5,
      samples: dirty.samples,
    },
    {
      id: 'snapshot-pr-history',
      label: 'Snapshot of a 5-commit pull request with its history (merge base + commits)',
      ours: { ms: history.ours, wallMs: wall(history), bundleBytes: historyBytes },
      baseline: { name: 'tip-only snapshot of the same head', ms: history.baseline, bundleBytes: tipBytes },
      newObjectBytes: pr.newBytes,
      ratio: historyRatio,
      ratioText: `bundle ${historyRatio.toFixed(3)}× (tip-only + the PR's new objects)`,
      target: "bundle ≤ 1.1× (tip-only bundle + the PR commits' new objects)",
      pass: historyRatio <= 1.1,
      samples: history.samples,
    },
  ];
}
