import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDaytonaProvider, type DaytonaProviderTuning } from '../../src/sandbox/daytona/index.js';
import type { SandboxProvider, SandboxSpec } from '../../src/sandbox/types.js';
import { ActionError } from '../../src/shared/errors.js';
import { consoleLogger, type Logger } from '../../src/shared/log.js';
import { type FakeDaytona, startFakeDaytona } from '../fakes/daytona/index.js';
import { runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Daytona's log WebSocket may end while the command still runs (research real-services.md #2: the
 * SDK's stdDemuxStream resolves on any close; proxies cut idle sockets). Output must still arrive whole,
 * in order, once, both in the result and through the live callbacks. Also: pause states, the region
 * 403 hint, and agent keys kept off the sandbox record (#15, #17, #16).
 */
const FAST: Partial<DaytonaProviderTuning> = {
  retry: { attempts: 4, baseMs: 20, capMs: 200, totalMs: 20_000 },
  tuning: { pollIntervalMs: 100, drainMs: 500 },
  unreachableMs: 2_000,
  probeTimeoutMs: 2_000,
  idWatchMs: 100,
};

let fake: FakeDaytona | undefined;
let dir: string;
let logger: Logger;
let repo: TestRepo | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daytona-logs-'));
  logger = consoleLogger(
    (s) => s,
    () => undefined,
  );
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  repo?.cleanup();
  repo = undefined;
  await rm(dir, { recursive: true, force: true });
});

function provider(f: FakeDaytona): SandboxProvider {
  return createDaytonaProvider(
    { apiKey: f.apiKey, apiUrl: f.url, target: '', snapshot: '', image: '' },
    logger,
    FAST,
  );
}

function spec(): SandboxSpec {
  const runId = randomBytes(4).toString('hex');
  return {
    identity: { repository: 'octo/repo', runId, runAttempt: '1', job: 'agent', nonce: runId },
    name: `sandbox-agent-octo-repo-${runId}-1-agent`,
    labels: { 'sandbox-agent': '1', repo: 'octo/repo', 'run-id': runId },
    ttlMs: 35 * 60_000,
    env: { AGENT_TOKEN: 'sk-test-123' },
    network: { mode: 'open' },
    workdir: join(dir, 'workspace'),
    createTimeoutMs: 30_000,
  };
}

// Output before the cut, a silent gap across it, then much more output (several frames) and stderr.
const SCRIPT =
  'echo first; sleep 1; i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i+1)); done; ' +
  'echo oops >&2; sleep 0.3; echo last';
const EXPECTED = `first\n${Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join('')}last\n`;

describe('Daytona log stream closed mid-command', () => {
  it.each([
    ['a close frame (1000)', 'close'],
    ['no close frame (1006)', 'drop'],
  ] as const)(
    'keeps all output, in order and once, when the socket ends with %s',
    async (_, kind) => {
      fake = await startFakeDaytona();
      const sandbox = await provider(fake).create(spec(), () => {});
      fake.faults.cutLogStreams({ afterMs: 400, kind });
      const live: string[] = [];
      const liveErr: string[] = [];
      const result = await sandbox.exec(SCRIPT, {
        timeoutMs: 30_000,
        onStdout: (c) => live.push(c.toString()),
        onStderr: (c) => liveErr.push(c.toString()),
      });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe(EXPECTED);
      expect(result.stderr).toBe('oops\n');
      expect(live.join('')).toBe(EXPECTED);
      expect(liveErr.join('')).toBe('oops\n');
      // The cut really happened before the command's end: the first line came over the socket.
      expect(live[0]).toBe('first\n');
      await sandbox.delete();
    },
    30_000,
  );

  it('a result never depends on the stream: stdout is read from the logs once the command ended', async () => {
    fake = await startFakeDaytona();
    const sandbox = await provider(fake).create(spec(), () => {});
    // Every socket is cut right after it opens, before the command prints anything.
    fake.faults.cutLogStreams({ afterMs: 0, kind: 'drop', times: Number.POSITIVE_INFINITY });
    const result = await sandbox.exec('sleep 0.5; printf "%s" /tmp/scratch-path', { timeoutMs: 30_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: '/tmp/scratch-path', stderr: '' });
    const logReads = fake.calls.filter((c) => !c.websocket && /\/logs$/.test(c.path));
    expect(logReads.length).toBeGreaterThan(0);
    await sandbox.delete();
  }, 30_000);
});

describe('Daytona sandbox state and errors', () => {
  it('fails a running command fast when the sandbox is paused', async () => {
    fake = await startFakeDaytona();
    const sandbox = await provider(fake).create(spec(), () => {});
    const id = sandbox.id;
    setTimeout(() => fake?.faults.pauseSandbox(id), 500);
    const started = Date.now();
    const error = await sandbox.exec('sleep 60', { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('sandbox-error');
    expect((error as ActionError).message).toMatch(/is paused; it was paused while a command was running/);
    expect((error as ActionError).hint).toMatch(/auto-pause/);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);

  it('a 403 about a region names daytona-target as well as the key; another 403 names only the key', async () => {
    fake = await startFakeDaytona();
    // The API's quota check: 403 "Region … is not available to the organization" (sandbox.service.ts).
    fake.faults.add({
      method: 'POST',
      path: '/api/sandbox',
      status: 403,
      body: {
        statusCode: 403,
        message: 'Region eu is not available to the organization',
        error: 'Forbidden',
      },
    });
    const region = await provider(fake)
      .create(spec(), () => {})
      .catch((e: unknown) => e);
    expect(region).toBeInstanceOf(ActionError);
    expect((region as ActionError).message).toContain('Region eu is not available');
    expect((region as ActionError).hint).toMatch(/daytona-api-key/);
    expect((region as ActionError).hint).toMatch(/daytona-target/);

    fake.faults.add({
      method: 'POST',
      path: '/api/sandbox',
      status: 403,
      body: { statusCode: 403, message: 'Forbidden resource', error: 'Forbidden' },
    });
    const other = await provider(fake)
      .create(spec(), () => {})
      .catch((e: unknown) => e);
    expect((other as ActionError).hint).toMatch(/daytona-api-key/);
    expect((other as ActionError).hint).not.toMatch(/daytona-target/);
  }, 20_000);

  it('keeps the agent keys off the sandbox record, and every command still sees them', async () => {
    fake = await startFakeDaytona();
    const sandbox = await provider(fake).create(spec(), () => {});
    const record = await fetch(`${fake.url}/sandbox/${sandbox.id}`, {
      headers: { authorization: `Bearer ${fake.apiKey}` },
    });
    const body = (await record.json()) as { env?: Record<string, string> };
    expect(JSON.stringify(body)).not.toContain('sk-test-123');
    expect(fake.sandboxes()[0]!.env).toEqual({});
    const result = await sandbox.exec('printf "%s|%s" "$AGENT_TOKEN" "$EXTRA"', {
      env: { EXTRA: 'x' },
      timeoutMs: 10_000,
    });
    expect(result.stdout).toBe('sk-test-123|x');
    // A per-command value wins over the sandbox's.
    const overridden = await sandbox.exec('printf "%s" "$AGENT_TOKEN"', {
      env: { AGENT_TOKEN: 'other' },
      timeoutMs: 10_000,
    });
    expect(overridden.stdout).toBe('other');
    await sandbox.delete();
  }, 20_000);
});

describe('the built action on Daytona with every log socket cut', () => {
  it('stages (silent clone), runs the agent with its keys and keeps its whole output; no key on the record', async () => {
    fake = await startFakeDaytona();
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const agent = join(runnerTemp, 'agent.sh');
    const key = `sk-agent-${randomBytes(6).toString('hex')}`;
    // The agent proves it sees the key by its hash (the action masks the key itself in the log).
    writeFileSync(
      agent,
      'set -e\necho "agent start"; sleep 1\n' +
        'echo "key $(printf %s "$ANTHROPIC_API_KEY" | sha256sum | cut -c1-16)"; echo "agent end"\n' +
        'echo change >> README.md\ngit commit -qam edit\n',
    );
    // Every log socket ends as soon as it opens: staging's clone and the agent run only on polling.
    fake.faults.cutLogStreams({ afterMs: 0, kind: 'close', times: Number.POSITIVE_INFINITY });
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Do it',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        'agent-env': `ANTHROPIC_API_KEY=${key}`,
        output: 'artifact',
        provider: 'daytona',
        workdir: join(tempDir('sa-daytona-root-'), 'workspace'),
      },
      env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['commits']).toBe('1');
    expect(run.stdout).toContain('[agent] agent start');
    const keyHash = createHash('sha256').update(key).digest('hex').slice(0, 16);
    expect(run.stdout).toContain(`[agent] key ${keyHash}`);
    expect(run.stdout).toContain('[agent] agent end');
    expect(run.stdout.split('[agent] agent end').length).toBe(2);
    const create = fake.calls.find((c) => c.method === 'POST' && c.path === '/api/sandbox');
    expect(JSON.stringify(create?.body)).not.toContain(key);
    const meta = JSON.parse(readFileSync(run.outputs['meta-path']!, 'utf8'));
    git(repo.checkout, ['am', '-q', '--patch-format=mboxrd', run.outputs['patch-path']!]);
    expect(git(repo.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);
  }, 120_000);
});
