import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runBuiltAction } from '../helpers/action.js';
import { forgedDeltaMbox, zeroFileBombMbox } from '../helpers/bombs.js';
import { type Forgery, installForgeShim } from '../helpers/forge.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

const MiB = 1024 * 1024;
/** Issue 15 class 2 targets, at the default max-patch-bytes (4 MiB, so a 40 MiB expansion budget). */
const MAX_RSS_BYTES = 300 * 1000 * 1000;
const MAX_DISK_BYTES = 2 * 40 * MiB;

interface Measured {
  exitCode: number;
  maxRssKiB: number;
  peakDiskBytes: number;
}

/**
 * What a hostile sandbox can send back, through the built action on `local`: the agent makes a real
 * change, then its `cat` shim swaps the capture's mbox or meta just before the runner downloads them.
 * The action runs under a wrapper that reads the peak RSS of it and every child (RUSAGE_CHILDREN) and
 * samples the disk use of RUNNER_TEMP (out-dir, the verify repository; not the local sandbox itself).
 */
describe('bounded on the runner, whatever the sandbox sends (built action)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.cleanup());

  async function attack(forgery: Forgery, inputs: Record<string, string> = {}) {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-bounds-runner-');
    const shim = installForgeShim(tempDir('sa-bounds-shim-'), forgery);
    const report = join(tempDir('sa-bounds-report-'), 'measured.json');
    const result = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command': 'echo "work" >> README.md',
        output: 'artifact',
        ...inputs,
      },
      env: { PATH: `${shim}:${process.env['PATH']}` },
      wrapper: ['python3', join(PROJECT_ROOT, 'test/helpers/measure.py'), report, runnerTemp, '--'],
    });
    const measured = JSON.parse(readFileSync(report, 'utf8')) as Measured;
    console.log(
      `[measure] ${expect.getState().currentTestName}: reason ${result.outputs['reason']}, peak RSS ` +
        `${Math.round(measured.maxRssKiB / 1024)} MiB, peak disk ${(measured.peakDiskBytes / MiB).toFixed(1)} MiB`,
    );
    const leftovers = readdirSync(runnerTemp, { recursive: true, encoding: 'utf8' }).filter((p) =>
      /agent\.mbox\.partial|\.partial-|sandbox\.meta/.test(p),
    );
    return { result, measured, leftovers };
  }

  function expectBounded(measured: Measured) {
    expect(measured.maxRssKiB * 1024).toBeLessThan(MAX_RSS_BYTES);
    expect(measured.peakDiskBytes).toBeLessThan(MAX_DISK_BYTES);
  }

  it('a ~1.5 MB mbox of a 1.5 GB zero file is refused before git inflates it', async () => {
    const mbox = await zeroFileBombMbox(1536 * MiB);
    expect(mbox.length).toBeLessThan(2.2 * MiB);
    const { result, measured } = await attack({ mbox, claimTrueSize: true });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'refused', reason: 'patch-too-large' });
    expect(result.stdout).toContain(`declare ${1536 * MiB} bytes once inflated`);
    expectBounded(measured);
  });

  it('a ~1.4 KB forged delta hunk declaring 1 GB is refused before git allocates it', async () => {
    const { result, measured } = await attack({ mbox: forgedDeltaMbox(1024 * MiB), claimTrueSize: true });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'refused', reason: 'patch-too-large' });
    expectBounded(measured);
  });

  it('a 10 MB meta is refused without being read', async () => {
    const { result, measured, leftovers } = await attack({ padMetaBytes: 10 * MiB });
    expect(result.outputs).toMatchObject({ outcome: 'failed', reason: 'capture-failed' });
    expect(result.stdout).toContain('patch metadata is over 65536 bytes');
    expect(leftovers).toEqual([]);
    expectBounded(measured);
  });

  it('an mbox bigger than the sandbox claims stops at max-patch-bytes and leaves no file', async () => {
    // 12 MiB of text sent, about 300 bytes claimed: the runner stops at 4 MiB by its own count.
    const line = `${'x'.repeat(99)}\n`;
    const { result, measured, leftovers } = await attack({ mbox: line.repeat((12 * MiB) / 100) });
    expect(result.outputs).toMatchObject({ reason: 'patch-too-large' });
    expect(result.outputs['patch-path']).toBe('');
    expect(result.stdout).toContain('as counted on the runner');
    expect(leftovers).toEqual([]);
    expectBounded(measured);
  });
});
