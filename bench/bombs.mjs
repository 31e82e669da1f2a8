// Figure 6: hostile output of the sandbox (issue 15 class 2). The built action on the local provider,
// with the test suite's `cat` shim swapping the captured mbox just before the download: a zero-file bomb
// (1.5 GiB of zeros in ~1.5 MB of mbox; 256 MiB in quick mode) and a ~1.4 KB forged delta hunk declaring
// 1 GiB. Both must be refused (patch-too-large) with the whole action's peak RSS (git children included:
// RUSAGE_CHILDREN of a python wrapper) under 300 MB, and the disk the attack adds to RUNNER_TEMP's peak
// (the local sandbox left out) under 2 × the expansion budget. Baseline: the same action on an honest
// one-line change, in the same run; its disk use is the snapshot bundle of the input, which any run has.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { actionEnv, readOutputs } from './action.mjs';
import { loadFake, mb, measureChild, ROOT, WORK } from './lib.mjs';

const MiB = 1024 * 1024;
const RSS_LIMIT = 300 * 1000 * 1000;
const BUDGET = 10 * 4 * MiB; // EXPANSION_FACTOR × the default max-patch-bytes
const DISK_LIMIT = 2 * BUDGET;

async function runMeasured(workspace, tag, forgery, forge) {
  const runnerTemp = join(WORK, `bomb-runner-${tag}`);
  const shimDir = join(WORK, `bomb-shim-${tag}`);
  rmSync(runnerTemp, { recursive: true, force: true });
  rmSync(shimDir, { recursive: true, force: true });
  const shim = forge.installForgeShim(shimDir, forgery);
  const report = join(WORK, `bomb-${tag}.json`);
  const inputs = {
    prompt: 'bomb',
    provider: 'local',
    agent: 'custom',
    'agent-command': 'echo work >> bench-bomb.txt',
    output: 'artifact',
  };
  const env = actionEnv({ workspace, runnerTemp, inputs, env: { PATH: `${shim}:${process.env.PATH}` } });
  const measure = join(ROOT, 'test', 'helpers', 'measure.py');
  const run = await measureChild(
    'python3',
    [measure, report, runnerTemp, '--', process.execPath, join(ROOT, 'dist', 'index.js')],
    { cwd: workspace, env },
  );
  const measured = JSON.parse(readFileSync(report, 'utf8'));
  const outputs = readOutputs(runnerTemp);
  rmSync(runnerTemp, { recursive: true, force: true });
  rmSync(shimDir, { recursive: true, force: true });
  return {
    totalMs: run.ms,
    maxRssBytes: measured.maxRssKiB * 1024,
    peakDiskBytes: measured.peakDiskBytes,
    outcome: outputs.outcome,
    reason: outputs.reason,
  };
}

export async function benchBombs(inputs, quick) {
  const [bombs, forge] = await loadFake('helpers', ['bombs.ts', 'forge.ts'], '.');
  const zeroBytes = (quick ? 256 : 1536) * MiB;
  const zero = await bombs.zeroFileBombMbox(zeroBytes);
  const delta = bombs.forgedDeltaMbox(1024 * MiB);
  const baseline = await runMeasured(inputs.shallow, 'honest', {}, forge);
  if (baseline.outcome !== 'artifact') throw new Error(`honest bomb baseline ended ${baseline.outcome}`);
  const cases = [
    ['bomb-zero-file', `Zero-file bomb: ${mb(zero.length)} mbox of a ${mb(zeroBytes)} file of zeros`, zero],
    [
      'bomb-forged-delta',
      `Forged delta hunk: ${(delta.length / 1024).toFixed(1)} KiB declaring 1,024 MiB`,
      delta,
    ],
  ];
  const figures = [];
  for (const [id, label, mbox] of cases) {
    const ours = await runMeasured(inputs.shallow, id, { mbox, claimTrueSize: true }, forge);
    const refused = ours.outcome === 'refused' && ours.reason === 'patch-too-large';
    figures.push({
      id,
      label,
      ours: { ...ours, mboxBytes: mbox.length, expansionBudgetBytes: BUDGET },
      baseline: {
        name: 'same action, honest one-line change',
        maxRssBytes: baseline.maxRssBytes,
        peakDiskBytes: baseline.peakDiskBytes,
      },
      ratio: ours.maxRssBytes / baseline.maxRssBytes,
      ratioText: `${ours.reason}; peak disk ${mb(ours.peakDiskBytes)} (honest: ${mb(baseline.peakDiskBytes)})`,
      target: `refused; peak RSS < 300 MB; disk added < 2 × budget (${mb(DISK_LIMIT)})`,
      pass:
        refused && ours.maxRssBytes < RSS_LIMIT && ours.peakDiskBytes - baseline.peakDiskBytes < DISK_LIMIT,
    });
  }
  return figures;
}
