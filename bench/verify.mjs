// Figure 4: verify and apply, from mbox to verified tree: `sandbox-agent apply` (the action's
// verifyPatch, then a branch in the repository) on a patch of N commits touching M files of the depth-1
// input. Baseline: plain `git am` of the same mbox in a fresh repository over the same objects.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filePath } from './inputs.mjs';
import { git, interleave, measureChild, ROOT, timeSync, WORK } from './lib.mjs';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');

/** An mbox of `commits` commits touching `files` distinct files, made in a clone of the depth-1 input. */
function buildPatch(inputs, commits, files) {
  const dir = join(WORK, 'verify-input');
  git(WORK, ['clone', '-q', '--depth', '1', `file://${inputs.upstream}`, dir]);
  const base = git(dir, ['rev-parse', 'HEAD']);
  const perCommit = Math.ceil(files / commits);
  for (let c = 0; c < commits; c++) {
    for (let f = 0; f < perCommit && c * perCommit + f < files; f++) {
      const path = join(dir, filePath(((c * perCommit + f) * 13) % (inputs.facts.files - 1)));
      writeFileSync(path, `${readFileSync(path, 'utf8')}// agent edit ${c}.${f}\n`);
    }
    git(dir, ['commit', '-qam', `agent: step ${c + 1}`]);
  }
  const mbox = join(WORK, 'verify.mbox');
  const patch = git(dir, ['format-patch', '--stdout', '--pretty=mboxrd', '--no-signature', `${base}..HEAD`]);
  writeFileSync(mbox, `${patch}\n`);
  const changed = git(dir, ['diff', '--name-only', base, 'HEAD']).split('\n').length;
  const meta = join(WORK, 'verify.meta.json');
  writeFileSync(
    meta,
    JSON.stringify({ base_sha: base, head_tree: git(dir, ['rev-parse', 'HEAD^{tree}']), commits }),
  );
  rmSync(dir, { recursive: true, force: true });
  return { mbox, meta, base, changed, mboxBytes: Buffer.byteLength(patch) };
}

export async function benchVerify(inputs, runs, { commits, files }) {
  const patch = buildPatch(inputs, commits, files);
  const repo = inputs.shallow;
  const ours = async (i) => {
    const branch = `bench/verified-${i}`;
    const run = await measureChild(process.execPath, [
      CLI,
      'apply',
      patch.mbox,
      '--meta',
      patch.meta,
      '--repo',
      repo,
      '--branch',
      branch,
    ]);
    git(repo, ['branch', '-q', '-D', branch]);
    return run.ms;
  };
  const baseline = (i) => {
    const dir = join(WORK, `verify-floor-${i}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const ms = timeSync(() => {
      git(dir, ['init', '-q']);
      writeFileSync(join(dir, '.git', 'objects', 'info', 'alternates'), `${join(repo, '.git', 'objects')}\n`);
      writeFileSync(join(dir, '.git', 'shallow'), `${patch.base}\n`);
      git(dir, ['checkout', '-q', '--detach', patch.base]);
      git(dir, ['am', '-q', '--keep-cr', '--patch-format=mboxrd', patch.mbox]);
      git(dir, ['rev-parse', 'HEAD^{tree}']);
    });
    rmSync(dir, { recursive: true, force: true });
    return ms;
  };
  const result = await interleave(runs, ours, baseline);
  return [
    {
      id: 'verify-apply',
      label: `Verify and apply ${commits} commits touching ${patch.changed} files`,
      ours: { ms: result.ours, mboxBytes: patch.mboxBytes },
      baseline: { name: 'plain git am in a fresh repository', ms: result.baseline },
      ratio: result.ours / result.baseline,
      ratioText: `${(result.ours / result.baseline).toFixed(2)}× plain git am`,
      target: '≤ 3 s',
      pass: result.ours <= 3000,
      samples: result.samples,
    },
  ];
}
