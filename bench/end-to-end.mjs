// Figure 3: end-to-end overhead of the built action with the local provider and a trivial agent (one
// one-line commit, so capture, verify and deliver all run) on the depth-1 input: total wall time of
// `node dist/index.js` and its per-stage timings. Baseline: the bare git floor of the same work
// (bundle the tip, clone it, commit, format-patch, verify with git am in a fresh repository), no node.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, readStageTimings, runAction } from './action.mjs';
import { startFakeGitHub } from './github.mjs';
import { git, gitAsync, interleave, median, WORK } from './lib.mjs';

const AGENT = 'set -e\necho "bench edit" >> README.md\ngit commit -qam "bench: one-line edit"\n';

/** Delivery through a pull request on the fake GitHub REST API and a real git smart-HTTP server. */
export function startPullRequestDelivery(inputs) {
  return startFakeGitHub('octo/bench', inputs.upstream);
}

async function ourRun(inputs, i, delivery) {
  const runnerTemp = join(WORK, `e2e-runner-${i}`);
  rmSync(runnerTemp, { recursive: true, force: true });
  mkdirSync(runnerTemp, { recursive: true });
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, AGENT);
  const run = await runAction({
    workspace: inputs.shallow,
    runnerTemp,
    inputs: {
      prompt: 'bench',
      provider: 'local',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      output: 'artifact',
      ...delivery?.inputs,
    },
    // A run id of its own: every run pushes a new branch and opens a new pull request.
    env: { ...delivery?.env, GITHUB_RUN_ID: String(1000 + i) },
  });
  const outputs = readOutputs(runnerTemp);
  if (outputs.outcome !== 'pr-opened') {
    throw new Error(
      `end-to-end run ended ${outputs.outcome} (${outputs.reason}):\n${run.stdout.slice(-3000)}`,
    );
  }
  if (
    delivery &&
    !delivery.github.pulls.some((pull) => String(pull.head?.ref ?? '').includes(`${1000 + i}`))
  ) {
    throw new Error(`end-to-end run ${i} reported a pull request the fake GitHub does not hold`);
  }
  const stages = readStageTimings(runnerTemp);
  rmSync(runnerTemp, { recursive: true, force: true });
  return { ms: run.ms, stages };
}

/**
 * The same steps with plain git commands and no node: bundle, fetch in a fresh repo, checkout, commit,
 * format-patch, `git am` in a fresh full checkout, push to the same server.
 */
async function gitFloor(inputs, i, delivery) {
  const dir = join(WORK, `e2e-floor-${i}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const checkout = inputs.shallow;
  const base = git(checkout, ['rev-parse', 'HEAD']);
  const objects = join(checkout, '.git', 'objects');
  const started = performance.now();
  {
    const bundle = join(dir, 'repo.bundle');
    git(checkout, ['bundle', 'create', '-q', bundle, 'HEAD']);
    const sandbox = join(dir, 'sandbox');
    mkdirSync(sandbox);
    git(sandbox, ['init', '-q']);
    writeFileSync(join(sandbox, '.git', 'shallow'), `${base}\n`);
    git(sandbox, ['fetch', '-q', bundle, 'HEAD']);
    git(sandbox, ['checkout', '-q', 'FETCH_HEAD']);
    writeFileSync(join(sandbox, 'README.md'), '# bench\nbench edit\n');
    git(sandbox, ['commit', '-qam', 'bench: one-line edit']);
    const mbox = join(dir, 'agent.mbox');
    writeFileSync(
      mbox,
      git(sandbox, ['format-patch', '--stdout', '--pretty=mboxrd', `${base}..HEAD`]) + '\n',
    );
    const verify = join(dir, 'verify');
    mkdirSync(verify);
    git(verify, ['init', '-q']);
    writeFileSync(join(verify, '.git', 'objects', 'info', 'alternates'), `${objects}\n`);
    writeFileSync(join(verify, '.git', 'shallow'), `${base}\n`);
    git(verify, ['checkout', '-q', '--detach', base]);
    git(verify, ['am', '-q', '--keep-cr', '--patch-format=mboxrd', mbox]);
    await gitAsync(verify, ['push', '-q', delivery.remoteUrl, `HEAD:refs/heads/floor-${i}`], {
      env: delivery.pushEnv,
    });
  }
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

export async function benchEndToEnd(inputs, runs) {
  const delivery = await startPullRequestDelivery(inputs);
  try {
    const result = await interleave(
      runs,
      (i) => ourRun(inputs, i, delivery),
      (i) => gitFloor(inputs, i, delivery),
    );
    const stageNames = Object.keys(result.samples.ours[0].stages);
    const stages = Object.fromEntries(
      stageNames.map((name) => [name, median(result.samples.ours.map((s) => s.stages[name] ?? 0))]),
    );
    return [
      {
        id: 'end-to-end',
        label: 'End to end, local provider, trivial agent → pull request (fake GitHub + git http-backend)',
        ours: { ms: result.ours, stages, delivery: 'pull-request' },
        baseline: {
          name: 'plain git, same steps (bundle, fetch, checkout, commit, format-patch, am, push)',
          ms: result.baseline,
        },
        ratio: result.ours / result.baseline,
        ratioText: `${(result.ours / result.baseline).toFixed(2)}× plain git`,
        target: '≤ 3 s total',
        pass: result.ours <= 3000,
        samples: { ours: result.samples.ours.map((s) => s.ms), baseline: result.samples.baseline },
      },
    ];
  } finally {
    await delivery?.close();
  }
}
