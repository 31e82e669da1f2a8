import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDaytonaProvider, type DaytonaProviderTuning } from '../../src/sandbox/daytona/index.js';
import type { SandboxSpec } from '../../src/sandbox/types.js';
import type { ActionError } from '../../src/shared/errors.js';
import { consoleLogger, type Logger } from '../../src/shared/log.js';
import { type FakeDaytona, type FakeDaytonaOptions, startFakeDaytona } from '../fakes/daytona/index.js';

const FAST: Partial<DaytonaProviderTuning> = {
  retry: { attempts: 2, baseMs: 20, capMs: 200, totalMs: 20_000 },
  tuning: { pollIntervalMs: 100, drainMs: 500 },
  unreachableMs: 2_000,
  probeTimeoutMs: 2_000,
  idWatchMs: 100,
};

let fake: FakeDaytona | undefined;
let dir: string;
let logLines: string[];
let logger: Logger;

async function start(options: FakeDaytonaOptions = {}): Promise<FakeDaytona> {
  fake = await startFakeDaytona(options);
  return fake;
}

function provider(f: FakeDaytona, config: { snapshot?: string; image?: string }) {
  return createDaytonaProvider(
    { apiKey: f.apiKey, apiUrl: f.url, target: '', snapshot: '', image: '', ...config },
    logger,
    FAST,
  );
}

function spec(overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  const runId = randomBytes(4).toString('hex');
  return {
    identity: { repository: 'octo/repo', runId, runAttempt: '1', job: 'agent', nonce: runId },
    name: `sandbox-agent-octo-repo-${runId}-1-agent`,
    labels: { 'sandbox-agent': '1', 'run-id': runId },
    ttlMs: 35 * 60_000,
    env: {},
    network: { mode: 'open' },
    workdir: join(dir, 'workspace'),
    createTimeoutMs: 30_000,
    ...overrides,
  };
}

const createBodies = (f: FakeDaytona) =>
  f.calls
    .filter((c) => c.method === 'POST' && c.path === '/api/sandbox')
    .map((c) => c.body as Record<string, unknown>);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daytona-sizes-'));
  logLines = [];
  logger = consoleLogger(
    (s) => s,
    (line) => logLines.push(line),
  );
});

afterEach(async () => {
  try {
    if (fake) expect(fake.sandboxes().map((s) => `${s.id} ${s.state}`)).toEqual([]);
  } finally {
    await fake?.close();
    fake = undefined;
    await rm(dir, { recursive: true, force: true });
  }
});

describe('Daytona sandbox sizes, image builds and the create timeout (loopback fake, real SDK)', () => {
  it('creates from an image with the requested resources and shows the build log as inert lines', async () => {
    const f = await start({
      buildPhaseMs: 200,
      buildLog: ['Step 1/2 : FROM node:22', '::set-output name=pwned::1', '##[error]fake error'],
    });
    const sandbox = await provider(f, { image: 'node:22' }).create(
      spec({ size: { cpu: 3, memoryGib: 6, diskGib: 12 } }),
      () => undefined,
    );
    try {
      const [body] = createBodies(f);
      expect(body).toMatchObject({ cpu: 3, memory: 6, disk: 12 });
      expect(body?.['buildInfo']).toEqual({ dockerfileContent: expect.stringContaining('FROM node:22') });
      const result = await sandbox.exec('echo up', { timeoutMs: 10_000 });
      expect(result.stdout.trim()).toBe('up');
      const build = logLines.filter((l) => l.includes('[daytona image build]'));
      expect(build.join('\n')).toContain('Step 1/2 : FROM node:22');
      // Build output is remote text: no line may become a workflow command.
      expect(logLines.some((l) => /^\s*::/.test(l) || l.includes('##['))).toBe(false);
      expect(build.join('\n')).toContain('set-output name=pwned');
    } finally {
      await sandbox.delete();
    }
  });

  it('sends the 2 vCPU / 4 GiB / 8 GiB defaults when creating from an image without size inputs', async () => {
    const f = await start({ buildPhaseMs: 50 });
    const sandbox = await provider(f, { image: 'node:22' }).create(spec(), () => undefined);
    await sandbox.delete();
    expect(createBodies(f)[0]).toMatchObject({ cpu: 2, memory: 4, disk: 8 });
  });

  it('sends no resources with a snapshot and warns once that the asked size cannot apply', async () => {
    const f = await start();
    const sandbox = await provider(f, { snapshot: 'my-snap' }).create(
      spec({ size: { cpu: 4, memoryGib: 8 } }),
      () => undefined,
    );
    await sandbox.delete();
    const [body] = createBodies(f);
    expect(body?.['snapshot']).toBe('my-snap');
    for (const key of ['cpu', 'memory', 'disk']) expect(body).not.toHaveProperty(key);
    const warnings = logLines.filter((l) => l.includes('cannot apply'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/snapshot 'my-snap', so cpu, memory-gib cannot apply.*daytona-medium/);
  });

  it('allows an image build longer than the default-sized create budget once create-timeout is raised', async () => {
    // The build takes ~2.4 s here; a 1.5 s create timeout (the "5 min" of this scaled test) fails...
    const f = await start({ buildPhaseMs: 1_200 });
    const short = provider(f, { image: 'node:22' }).create(spec({ createTimeoutMs: 1_500 }), () => undefined);
    const error = await short.then(
      () => undefined,
      (e: unknown) => e as ActionError,
    );
    expect(error?.reason).toBe('sandbox-error');
    expect(error?.message).toMatch(
      /^Could not create the Daytona sandbox: the sandbox was not ready within 2 s\.$/,
    );
    expect(error?.hint).toMatch(/Raise create-timeout-minutes/);
    // The sandbox whose build outlived the timeout was deleted (after Daytona's 409 while building).
    expect(f.sandboxes()).toEqual([]);
    // ...while a raised timeout (the "15 min" with daytona-image) lets the same build finish.
    const sandbox = await provider(f, { image: 'node:22' }).create(
      spec({ createTimeoutMs: 20_000 }),
      () => undefined,
    );
    expect((await sandbox.exec('echo built', { timeoutMs: 10_000 })).stdout.trim()).toBe('built');
    await sandbox.delete();
  }, 40_000);
});
