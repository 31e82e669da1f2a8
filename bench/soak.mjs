// Figure 7: soak (issue 17). The built action runs N times in sequence and then M at once, on `local`
// and on the Daytona loopback fake, each run a trivial agent (one one-line commit) delivered as a pull
// request to the fake GitHub, so every stage runs. Measured: each run's own peak RSS and wall time, the
// drift of peak RSS from the first sequential runs to the last (the same-run baseline), and, once every
// run has ended, what is left behind: sandboxes on the fake, dirs under each run's RUNNER_TEMP,
// processes carrying the local sandbox marker (or running in a fake sandbox's dirs), and open fds of
// this process, which hosts the fakes (compared with its count before the soak).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, runAction } from './action.mjs';
import { startFakeGitHub } from './github.mjs';
import { fdKinds, openFds, processesWithEnv, settle, unexpectedEntries } from './leftovers.mjs';
import { loadFake, mb, median, ms, WORK } from './lib.mjs';

const AGENT = 'set -e\necho "soak edit" >> README.md\ngit commit -qam "soak: one-line edit"\n';
/**
 * What may stay in a RUNNER_TEMP: the files the bench puts there (action.mjs `actionEnv`, the agent
 * script) and `sandbox-agent`, the documented default `out-dir` (the mbox, meta and logs the run keeps
 * for later steps). Anything else (a work dir, a local sandbox) is left behind.
 */
const RUNNER_FILES = new Set([
  'github_output',
  'github_state',
  'github_summary',
  'event.json',
  'agent.sh',
  'sandbox-agent',
]);
/** Local sandboxes mark every process they start with this env var (src/sandbox/local.ts). */
const LOCAL_MARKER = 'SANDBOX_AGENT_LOCAL_SANDBOX=';
/** Peak RSS may move this much between the first and the last sequential runs (GC noise). */
const DRIFT_LIMIT = 0.1;

/** Runs one action; returns its wall time, its own peak RSS and what it left in its RUNNER_TEMP. */
async function soakRun({ provider, workspace, delivery, daytona, tag, runId }) {
  const base = join(WORK, `soak-${provider}-${tag}`);
  const runnerTemp = join(base, 'runner-temp');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(runnerTemp, { recursive: true });
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, AGENT);
  const inputs = {
    prompt: 'soak',
    provider,
    agent: 'custom',
    'agent-command': `sh ${agent}`,
    ...delivery.inputs,
  };
  let env = { ...delivery.env, GITHUB_RUN_ID: String(runId) };
  if (provider === 'daytona') {
    // The fake runs commands on this host: the sandbox's workspace is a host dir outside RUNNER_TEMP.
    inputs.workdir = join(base, 'sandbox-workspace');
    env = { ...env, DAYTONA_API_URL: daytona.url, DAYTONA_API_KEY: daytona.apiKey };
  }
  const run = await runAction({ workspace, runnerTemp, inputs, env }, { rss: true, allowFailure: true });
  const outputs = readOutputs(runnerTemp);
  if (run.code !== 0 || outputs.outcome !== 'pr-opened') {
    throw new Error(
      `soak run ${provider} ${tag} exited ${run.code} with outcome ${outputs.outcome} (${outputs.reason}):\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`,
    );
  }
  if (!delivery.github.pulls.some((pull) => String(pull.head?.ref ?? '').includes(String(runId)))) {
    throw new Error(`soak run ${provider} ${tag} reported a pull request the fake GitHub does not hold`);
  }
  const leftInRunnerTemp = unexpectedEntries(runnerTemp, RUNNER_FILES);
  rmSync(base, { recursive: true, force: true });
  return { ms: run.ms, rss: run.maxRssBytes, leftInRunnerTemp };
}

async function soakProvider({ provider, inputs, counts, delivery, runIdBase }) {
  let daytona;
  let daytonaRoot;
  if (provider === 'daytona') {
    const [fake] = await loadFake('daytona', ['index.ts']);
    daytonaRoot = join(WORK, 'soak-daytona-root');
    mkdirSync(daytonaRoot, { recursive: true });
    daytona = await fake.startFakeDaytona({ rootDir: daytonaRoot });
  }
  try {
    const fdsBefore = openFds();
    const sequential = [];
    for (let i = 0; i < counts.sequential; i++) {
      sequential.push(
        await soakRun({
          provider,
          workspace: inputs.shallow,
          delivery,
          daytona,
          tag: `seq-${i}`,
          runId: runIdBase + i,
        }),
      );
    }
    const concurrentStarted = performance.now();
    const concurrent = await Promise.all(
      Array.from({ length: counts.concurrent }, (_, i) =>
        soakRun({
          provider,
          workspace: inputs.shallow,
          delivery,
          daytona,
          tag: `con-${i}`,
          runId: runIdBase + 500 + i,
        }),
      ),
    );
    const concurrentMs = performance.now() - concurrentStarted;

    const needles = [LOCAL_MARKER];
    // A fake Daytona sandbox's commands run with HOME inside the fake's root dir.
    if (daytonaRoot) needles.push(`HOME=${daytonaRoot}`);
    await settle(() => processesWithEnv(needles).length === 0);
    const leftProcesses = processesWithEnv(needles);
    await settle(() => openFds() <= fdsBefore);
    const fdsAfter = openFds();
    const leftSandboxes = daytona ? daytona.sandboxes().length : 0;
    const leftSandboxDirs = daytona
      ? readdirSync(daytonaRoot).flatMap((parent) => readdirSync(join(daytonaRoot, parent)))
      : [];
    const all = [...sequential, ...concurrent];
    const leftTempDirs = all.flatMap((r) => r.leftInRunnerTemp);

    // Drift: median peak RSS of the last k sequential runs against that of the first k (same soak).
    const k = Math.max(1, Math.min(3, Math.floor(sequential.length / 2)));
    const firstRss = median(sequential.slice(0, k).map((r) => r.rss));
    const lastRss = median(sequential.slice(-k).map((r) => r.rss));
    const drift = (lastRss - firstRss) / firstRss;
    const peak = Math.max(...all.map((r) => r.rss));
    const name = provider === 'local' ? 'local provider' : 'Daytona fake';
    const rssFigure = {
      id: `soak-rss-${provider}`,
      label: `Soak, ${name}: peak RSS over ${counts.sequential} sequential runs (median of last ${k})`,
      ours: {
        maxRssBytes: lastRss,
        peakRssBytes: peak,
        firstRunRssBytes: sequential[0].rss,
        lastRunRssBytes: sequential.at(-1).rss,
        drift,
        medianMs: median(sequential.map((r) => r.ms)),
        maxMs: Math.max(...sequential.map((r) => r.ms)),
        concurrentMs,
        concurrentMaxRssBytes: Math.max(...concurrent.map((r) => r.rss)),
      },
      baseline: { name: `median of the first ${k} sequential runs, same soak`, maxRssBytes: firstRss },
      ratio: lastRss / firstRss,
      ratioText: `drift ${(drift * 100).toFixed(1)}% (first run ${mb(sequential[0].rss)}, last ${mb(sequential.at(-1).rss)}, peak ${mb(peak)}); run ${ms(median(sequential.map((r) => r.ms)))} median, ${counts.concurrent} at once ${ms(concurrentMs)}`,
      target: `drift within ±${DRIFT_LIMIT * 100}%`,
      pass: Math.abs(drift) <= DRIFT_LIMIT,
      samples: {
        sequential: sequential.map((r) => ({ ms: r.ms, rss: r.rss })),
        concurrent: concurrent.map((r) => ({ ms: r.ms, rss: r.rss })),
      },
    };
    const leftText = `${leftSandboxes} sandboxes, ${leftSandboxDirs.length} sandbox dirs, ${leftTempDirs.length} RUNNER_TEMP entries, ${leftProcesses.length} processes, fds ${fdsBefore} → ${fdsAfter}`;
    const leftFigure = {
      id: `soak-left-${provider}`,
      label: `Soak, ${name}: left behind after ${counts.sequential} sequential + ${counts.concurrent} concurrent runs`,
      ours: {
        text: leftText,
        leftSandboxes,
        leftSandboxDirs,
        leftTempDirs,
        leftProcesses,
        fakeFds: fdsAfter,
        fdKinds: fdKinds(),
      },
      baseline: { name: 'the bench process before the soak', text: `${fdsBefore} fds`, fakeFds: fdsBefore },
      ratio: fdsAfter / fdsBefore,
      ratioText: leftText,
      target: '0 sandboxes, dirs, processes; fds ≤ before',
      pass:
        leftSandboxes === 0 &&
        leftSandboxDirs.length === 0 &&
        leftTempDirs.length === 0 &&
        leftProcesses.length === 0 &&
        fdsAfter <= fdsBefore,
    };
    return [rssFigure, leftFigure];
  } finally {
    await daytona?.close();
  }
}

/** `counts`: { sequential, concurrent, providers }. */
export async function benchSoak(inputs, counts) {
  const delivery = await startFakeGitHub('octo/bench', inputs.upstream);
  const figures = [];
  try {
    for (const [index, provider] of counts.providers.entries()) {
      process.stderr.write(
        `bench: soak on ${provider}: ${counts.sequential} sequential, ${counts.concurrent} concurrent\n`,
      );
      figures.push(
        ...(await soakProvider({ provider, inputs, counts, delivery, runIdBase: 20_000 + index * 1000 })),
      );
    }
  } finally {
    await delivery.close();
  }
  return figures;
}
