// Figure 3: end-to-end overhead of the built action with the local provider and a trivial agent (one
// one-line commit, so capture, verify and deliver all run) on the depth-1 input: total wall time of
// `node dist/index.js` and its per-stage timings. Baseline: the bare git floor of the same work
// (bundle the tip, clone it, commit, format-patch, verify with git am in a fresh repository), no node.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, readStageTimings, runAction } from './action.mjs';
import { git, interleave, median, timeSync, WORK } from './lib.mjs';

const AGENT = 'set -e\necho "bench edit" >> README.md\ngit commit -qam "bench: one-line edit"\n';

/**
 * Delivery through a pull request on the fake GitHub + git http-backend server (issue 5). That server
 * does not exist yet: until it does, this returns null and figure 3 stops at the `artifact` outcome.
 * When it lands, start it here and return `{ inputs, env, close }` (output: pull-request, github-token,
 * GITHUB_API_URL / GITHUB_SERVER_URL pointing at it); nothing else in this file needs to change.
 */
export async function startPullRequestDelivery() {
  return null;
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
    env: delivery?.env,
  });
  const outputs = readOutputs(runnerTemp);
  const expected = delivery ? 'pull-request' : 'artifact';
  if (outputs.outcome !== expected) {
    throw new Error(
      `end-to-end run ended ${outputs.outcome} (${outputs.reason}):\n${run.stdout.slice(-3000)}`,
    );
  }
  const stages = readStageTimings(runnerTemp);
  rmSync(runnerTemp, { recursive: true, force: true });
  return { ms: run.ms, stages };
}

/** The same work with plain git commands: what any implementation has to pay. */
function gitFloor(inputs, i) {
  const dir = join(WORK, `e2e-floor-${i}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const checkout = inputs.shallow;
  const base = git(checkout, ['rev-parse', 'HEAD']);
  const objects = join(checkout, '.git', 'objects');
  const ms = timeSync(() => {
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
  });
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

export async function benchEndToEnd(inputs, runs) {
  const delivery = await startPullRequestDelivery();
  try {
    const result = await interleave(
      runs,
      (i) => ourRun(inputs, i, delivery),
      (i) => gitFloor(inputs, i),
    );
    const stageNames = Object.keys(result.samples.ours[0].stages);
    const stages = Object.fromEntries(
      stageNames.map((name) => [name, median(result.samples.ours.map((s) => s.stages[name] ?? 0))]),
    );
    return [
      {
        id: 'end-to-end',
        label: `End to end, local provider, trivial agent → ${delivery ? 'pull request' : 'artifact (PR path pending issue 5)'}`,
        ours: { ms: result.ours, stages, delivery: delivery ? 'pull-request' : 'artifact' },
        baseline: { name: 'bare git floor (bundle, clone, commit, format-patch, am)', ms: result.baseline },
        ratio: result.ours / result.baseline,
        ratioText: `+${Math.round(result.ours - result.baseline)} ms over the floor`,
        target: '≤ 3 s total',
        pass: result.ours <= 3000,
        samples: { ours: result.samples.ours.map((s) => s.ms), baseline: result.samples.baseline },
      },
    ];
  } finally {
    await delivery?.close();
  }
}
