// Figure 7: soak (issue 17). The built action runs N times in sequence and then M at once, on `local`
// and on the Daytona loopback fake, each run a trivial agent (one one-line commit) delivered as a pull
// request to the fake GitHub, so every stage runs. Measured: each run's own peak RSS and wall time, the
// trend of peak RSS across the sequential runs against their mean (the same-run baseline), the first
// and last runs' RSS, and, once every
// run has ended, what is left behind: sandboxes on the fake, dirs under each run's RUNNER_TEMP,
// processes carrying the local sandbox marker (or running in a fake sandbox's dirs), and open fds of
// this process, which hosts the fakes (compared with its count before the soak).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs, runAction } from './action.mjs';
import { startFakeGitHub } from './github.mjs';
import { fdKinds, linearTrend, openFds, processesWithEnv, settle, unexpectedEntries } from './leftovers.mjs';
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
/**
 * Flat: the least-squares trend of peak RSS over the sequential runs stays within this share of their
 * mean. A trend, not first-vs-last: one run's peak is bimodal (±6 MiB on the Daytona fake, by when the
 * GC runs), so two single runs (or medians of 3) differ by 8% with no growth at all.
 */
const TREND_LIMIT = 0.05;

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

const percent = (share) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;
const signedMb = (bytes) => `${bytes >= 0 ? '+' : '-'}${mb(Math.abs(bytes))}`;

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

    const rss = sequential.map((r) => r.rss);
    const meanRss = rss.reduce((sum, value) => sum + value, 0) / rss.length;
    const trendBytes = linearTrend(rss);
    const firstToLast = (rss.at(-1) - rss[0]) / rss[0];
    const peak = Math.max(...all.map((r) => r.rss));
    const name = provider === 'local' ? 'local provider' : 'Daytona fake';
    const rssFigure = {
      id: `soak-rss-${provider}`,
      label: `Soak, ${name}: peak RSS trend over ${counts.sequential} sequential runs`,
      ours: {
        maxRssBytes: peak,
        trendBytes,
        trendShare: trendBytes / meanRss,
        firstRunRssBytes: rss[0],
        lastRunRssBytes: rss.at(-1),
        firstToLast,
        medianMs: median(sequential.map((r) => r.ms)),
        maxMs: Math.max(...sequential.map((r) => r.ms)),
        concurrentMs,
        concurrentMaxRssBytes: Math.max(...concurrent.map((r) => r.rss)),
      },
      baseline: { name: 'mean of the same sequential runs', maxRssBytes: meanRss },
      ratio: trendBytes / meanRss,
      ratioText: `trend ${signedMb(trendBytes)} (${percent(trendBytes / meanRss)}); first run ${mb(rss[0])}, last ${mb(rss.at(-1))} (${percent(firstToLast)}); run ${ms(median(sequential.map((r) => r.ms)))} median, ${counts.concurrent} at once ${ms(concurrentMs)}`,
      target: `trend within ±${TREND_LIMIT * 100}% of the mean`,
      pass: Math.abs(trendBytes / meanRss) <= TREND_LIMIT,
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
