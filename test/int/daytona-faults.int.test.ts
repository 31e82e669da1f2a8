import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDaytona, startFakeDaytona } from '../fakes/daytona/index.js';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../fakes/fault-proxy.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 17 items 1–3: faults on the wire between the runner and Daytona (a proxy in front of the
 * Daytona fake, which the toolbox traffic goes through too) never lose the agent's finished work, never
 * hang the step and never crash the process. Each row ends with the work delivered and the mbox
 * verified against the sandbox's tree.
 */

let fake: FakeDaytona | undefined;
let proxy: FaultProxy | undefined;
let repo: TestRepo | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await fake?.close();
  fake = undefined;
  repo?.cleanup();
  repo = undefined;
});

const TOOLBOX = '/toolbox/[^/]+';
const EXEC = new RegExp(`^${TOOLBOX}/process/session/[^/]+/exec$`);
const SESSION_CREATE = new RegExp(`^${TOOLBOX}/process/session$`);
const DOWNLOAD = new RegExp(`^${TOOLBOX}/files/bulk-download$`);
const LOGS_SOCKET = new RegExp(`^${TOOLBOX}/process/session/[^/]+/command/[^/]+/logs$`);
/**
 * An exec whose command matches `pattern`. The provider sends every value base64-encoded inside the
 * session command (src/sandbox/daytona/command.ts), so the encoded literals are decoded first.
 */
function execOf(pattern: RegExp): (body: string) => boolean {
  return (body) => {
    const command = String((JSON.parse(body) as { command?: unknown }).command ?? '');
    const decoded = [...command.matchAll(/'([A-Za-z0-9+/=]{8,})'/g)].map((m) =>
      Buffer.from(m[1]!, 'base64').toString('utf8'),
    );
    return decoded.some((text) => pattern.test(text));
  };
}
/** The capture script's exec (only it runs format-patch) and the summary read's. */
const CAPTURE_BODY = execOf(/format-patch/);
const SUMMARY_BODY = execOf(/head -c \d+ -- /);
/** The second download of a run is the mbox (the meta comes first). */
const MBOX_DOWNLOAD = 2;

async function runThroughFaults(rules: FaultRule[]): Promise<ActionRun> {
  fake = await startFakeDaytona();
  proxy = await startFaultProxy(new URL(fake.url).origin);
  fake.routeToolboxVia(proxy.origin);
  for (const rule of rules) proxy.add(rule);
  repo = makeRepo();
  const runnerTemp = tempDir('sa-faults-runner-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(
    agent,
    'set -e\necho "agent start"\nprintf "line %s\\n" $(seq 1 2000) > big.txt\n' +
      'echo change >> README.md\ngit add -A\ngit commit -qm edit\n' +
      'echo "A summary." > "$AGENT_SUMMARY_FILE"\necho "agent end"\n',
  );
  return runBuiltAction({
    workspace: repo.checkout,
    runnerTemp,
    inputs: {
      prompt: 'Do it',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      output: 'artifact',
      provider: 'daytona',
      workdir: join(tempDir('sa-faults-root-'), 'workspace'),
    },
    env: {
      DAYTONA_API_URL: `${proxy.origin}/api`,
      DAYTONA_API_KEY: fake.apiKey,
      SANDBOX_AGENT_TEST_DAYTONA_TUNING: JSON.stringify({
        pollIntervalMs: 200,
        drainMs: 300,
        transferBaseMs: 2_000,
        retryBaseMs: 100,
      }),
    },
  });
}

/** The run delivered the agent's work: an artifact whose mbox applies to the agent's exact tree. */
function expectDelivered(run: ActionRun): void {
  const log = run.stdout + run.stderr;
  expect(run.exitCode, log).toBe(0);
  expect(run.outputs['outcome'], log).toBe('artifact');
  expect(run.outputs['commits']).toBe('1');
  const mbox = readFileSync(run.outputs['patch-path']!);
  const meta = JSON.parse(readFileSync(run.outputs['meta-path']!, 'utf8'));
  expect(mbox.length).toBe(meta.size_bytes);
  git(repo!.checkout, ['am', '-q', '--patch-format=mboxrd', run.outputs['patch-path']!]);
  expect(git(repo!.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);
  expect(
    createHash('sha256')
      .update(readFileSync(join(repo!.checkout, 'big.txt')))
      .digest('hex'),
  ).toBe(
    createHash('sha256')
      .update(Array.from({ length: 2000 }, (_, i) => `line ${i + 1}\n`).join(''))
      .digest('hex'),
  );
  expect(log).not.toMatch(/uncaught|unhandled|internal-error/i);
  expect(fake!.sandboxes()).toEqual([]);
}

describe('the built action on Daytona behind a faulty network', () => {
  it('retries a 503 on creating a command session', async () => {
    const run = await runThroughFaults([
      { method: 'POST', path: SESSION_CREATE, action: { kind: 'status', status: 503 } },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()).toEqual([1]);
  }, 90_000);

  it('retries a 502 on the capture exec', async () => {
    const run = await runThroughFaults([
      { method: 'POST', path: EXEC, body: CAPTURE_BODY, action: { kind: 'status', status: 502 } },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()).toEqual([1]);
  }, 90_000);

  it('follows the capture when the answer to its exec was lost (reset), instead of running it twice', async () => {
    const run = await runThroughFaults([
      { method: 'POST', path: EXEC, body: CAPTURE_BODY, action: { kind: 'reset-response' } },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()).toEqual([1]);
    // The capture ran once: the retry looked the session up and followed the command already started.
    const captureExecs = proxy!.calls.filter((c) => EXEC.test(c.path) && c.fault === undefined);
    const sessionReads = proxy!.calls.filter(
      (c) => c.method === 'GET' && new RegExp(`^${TOOLBOX}/process/session/[^/]+$`).test(c.path),
    );
    expect(sessionReads.length).toBe(1);
    expect(run.stdout).toContain('The command had started before its answer was lost');
    expect(captureExecs.length).toBeGreaterThan(0);
  }, 90_000);

  it('delivers the work when the summary read fails every time (optional step)', async () => {
    const run = await runThroughFaults([
      {
        method: 'POST',
        path: EXEC,
        body: SUMMARY_BODY,
        times: Number.POSITIVE_INFINITY,
        action: { kind: 'status', status: 502 },
      },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()[0]).toBeGreaterThan(1);
    expect(run.stdout).toContain("Could not read the agent's summary");
  }, 90_000);

  it('ends the step when every log stream stalls (open, silent, never closed)', async () => {
    const started = Date.now();
    const run = await runThroughFaults([
      { path: LOGS_SOCKET, times: Number.POSITIVE_INFINITY, action: { kind: 'ws-stall' } },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()[0]).toBeGreaterThan(3);
    // Bounded: the drains (0.3 s each) plus the last-resort exit (5 s), not the agent budget.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it.each([
    [
      'a short body (the connection closes before Content-Length)',
      { kind: 'short-body', dropTailBytes: 200 },
    ],
    ['a multipart body without its closing boundary', { kind: 'end-early' }],
    ['a body cut off mid-transfer (reset)', { kind: 'reset-response', afterBytes: 300 }],
    ['no answer at all (hang)', { kind: 'hang' }],
  ] as const)(
    'downloads the mbox again after %s',
    async (_, action) => {
      const run = await runThroughFaults([{ method: 'POST', path: DOWNLOAD, nth: MBOX_DOWNLOAD, action }]);
      expectDelivered(run);
      expect(proxy!.fired()).toEqual([1]);
    },
    90_000,
  );

  it('reads the meta again when its body ends early', async () => {
    const run = await runThroughFaults([
      { method: 'POST', path: DOWNLOAD, nth: 1, action: { kind: 'end-early' } },
    ]);
    expectDelivered(run);
    expect(proxy!.fired()).toEqual([1]);
  }, 90_000);
});

describe('the process-level guard', () => {
  it('an exception nothing caught writes failed/internal-error, deletes the sandbox and exits 1', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-crash-runner-');
    const agent = join(runnerTemp, 'agent.sh');
    writeFileSync(agent, 'echo "agent start"\nsleep 30\n');
    // A throw from a timer callback: nothing in the pipeline can catch it (as an SDK's `error` event
    // without a listener would be). Loaded into the action's process before it starts.
    const bomb = join(runnerTemp, 'bomb.mjs');
    writeFileSync(bomb, "setTimeout(() => { throw new Error('boom from nowhere'); }, 3000).unref();\n");
    const started = Date.now();
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
      },
      env: { NODE_OPTIONS: `--import=${bomb}` },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('internal-error');
    expect(run.stdout).toContain('boom from nowhere');
    expect(Date.now() - started).toBeLessThan(25_000);
    // The local sandbox (a temp dir under RUNNER_TEMP) was deleted by the cleanup registry.
    const left = readdirSync(runnerTemp).filter((name) => /sandbox/i.test(name));
    expect(left).toEqual([]);
  }, 60_000);
});
