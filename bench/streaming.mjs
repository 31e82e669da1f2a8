// Figure 5: streaming. The built action stages a large bundle (>= 1 GiB of incompressible blobs in full
// mode) through the local provider and through the Daytona loopback fake (real SDK, multipart upload);
// its own peak RSS must stay bounded. Baseline: the same action on the small depth-1 input, so the
// figure shows what the bundle's size adds to memory.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, readStageTimings, runAction } from './action.mjs';
import { loadFake, mb, measureChild, median, ROOT, WORK } from './lib.mjs';

const LIMIT_BYTES = 200 * 1024 * 1024;

/** The Daytona fake of the test suite (TypeScript), compiled by tsc inside node_modules/.cache. */
async function loadDaytonaFake() {
  const [fake] = await loadFake('daytona', ['index.ts']);
  return fake;
}

async function stageOnce(provider, workspace, tag, fake) {
  const runnerTemp = join(WORK, `stream-runner-${tag}`);
  rmSync(runnerTemp, { recursive: true, force: true });
  mkdirSync(runnerTemp, { recursive: true });
  const inputs = { prompt: 'stream', provider, agent: 'custom', 'agent-command': 'true', output: 'artifact' };
  let env = {};
  if (provider === 'daytona') {
    inputs.workdir = join(runnerTemp, 'sandbox-workspace');
    env = { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey };
  }
  const run = await runAction({ workspace, runnerTemp, inputs, env }, { rss: true });
  const outputs = readOutputs(runnerTemp);
  if (outputs.outcome !== 'no-changes') {
    throw new Error(
      `streaming run on ${provider} ended ${outputs.outcome} (${outputs.reason}):\n${run.stdout.slice(-3000)}`,
    );
  }
  const stages = readStageTimings(runnerTemp);
  rmSync(runnerTemp, { recursive: true, force: true });
  return { ms: run.ms, rss: run.maxRssBytes, stageMs: stages.stage, snapshotMs: stages.snapshot };
}

/** The real size of the bundle the action ships for the large checkout (the CLI's snapshot). */
async function bundleBytes(checkout) {
  const out = join(WORK, 'stream-snapshot');
  const run = await measureChild(process.execPath, [
    join(ROOT, 'dist', 'cli', 'index.js'),
    'snapshot',
    '--repo',
    checkout,
    '--out',
    out,
  ]);
  rmSync(out, { recursive: true, force: true });
  return JSON.parse(run.stdout).bundleBytes;
}

export async function benchStreaming(inputs, runs, largeRepo) {
  const large = { ...largeRepo, bundleBytes: await bundleBytes(largeRepo.checkout) };
  const { startFakeDaytona } = await loadDaytonaFake();
  mkdirSync(join(WORK, 'daytona-root'), { recursive: true });
  const fake = await startFakeDaytona({ rootDir: join(WORK, 'daytona-root') });
  const figures = [];
  try {
    for (const provider of ['local', 'daytona']) {
      const ours = [];
      const baseline = [];
      for (let i = 0; i < runs; i++) {
        ours.push(await stageOnce(provider, large.checkout, `${provider}-large-${i}`, fake));
        baseline.push(await stageOnce(provider, inputs.shallow, `${provider}-small-${i}`, fake));
      }
      if (fake.sandboxes().length > 0) throw new Error('the Daytona fake still holds a sandbox');
      const peak = Math.max(...ours.map((r) => r.rss));
      const stageMs = median(ours.map((r) => r.stageMs));
      figures.push({
        id: `streaming-${provider}`,
        label: `Staging a ${mb(large.bundleBytes)} bundle, ${provider === 'local' ? 'local provider' : 'Daytona fake'}`,
        ours: {
          maxRssBytes: peak,
          stageMs,
          mibPerSecond: large.bundleBytes / 1024 / 1024 / (stageMs / 1000),
          totalMs: median(ours.map((r) => r.ms)),
          bundleBytes: large.bundleBytes,
        },
        baseline: {
          name: 'same action on the small depth-1 input',
          maxRssBytes: Math.max(...baseline.map((r) => r.rss)),
        },
        ratio: peak / Math.max(...baseline.map((r) => r.rss)),
        ratioText: `peak RSS ${mb(peak)} (small input: ${mb(Math.max(...baseline.map((r) => r.rss)))})`,
        target: 'peak RSS ≤ 200 MiB',
        pass: peak <= LIMIT_BYTES,
        samples: { ours, baseline },
      });
    }
  } finally {
    await fake.close();
  }
  return figures;
}
