import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDaytonaProvider } from '../../src/sandbox/daytona/index.js';
import { buildSandboxSpec } from '../../src/sandbox/spec.js';
import type { SandboxSpec } from '../../src/sandbox/types.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { ActionError } from '../../src/shared/errors.js';
import { consoleLogger } from '../../src/shared/log.js';
import { type FakeDaytona, startFakeDaytona } from '../fakes/daytona/index.js';

/** A provider call that never answers fails within its deadline, with a sentence; nothing is left behind. */
let fake: FakeDaytona | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const FAST = { retry: { attempts: 3, baseMs: 10, capMs: 50, totalMs: 2_000 }, idWatchMs: 100 };

async function specWith(createTimeoutMs: number): Promise<SandboxSpec> {
  const context = {
    repository: 'octo/demo',
    runId: String(Date.now()),
    runAttempt: '1',
    job: 'agent',
    workspace: '/ws',
    runnerTemp: tmpdir(),
  } as RunContext;
  const settings = parseSettings(
    (n) => ({ prompt: 'x', workdir: join(tmpdir(), 'unused-workspace') })[n] ?? '',
    context,
  );
  const spec = buildSandboxSpec(settings, context, 10 * 60_000);
  return { ...spec, workdir: join(await mkdtemp(join(tmpdir(), 'stuck-')), 'workspace'), createTimeoutMs };
}

describe('stuck provider calls', () => {
  it('a create request that never answers fails within createTimeoutMs with a sandbox-error sentence', async () => {
    fake = await startFakeDaytona();
    fake.faults.add({ method: 'POST', path: '/api/sandbox', delayMs: 60_000, times: 10 });
    const lines: string[] = [];
    const provider = createDaytonaProvider(
      { apiKey: fake.apiKey, apiUrl: fake.url, target: '', snapshot: '', image: '' },
      consoleLogger(
        (t) => t,
        (l) => lines.push(l),
      ),
      FAST,
    );
    const started = Date.now();
    const error = await provider.create(await specWith(2_000), () => {}).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('sandbox-error');
    // Bounded by the provider itself (the SDK does not bound its build-log follow): create-timeout-minutes.
    expect((error as ActionError).message).toBe(
      'Could not create the Daytona sandbox: the sandbox was not ready within 2 s.',
    );
  });

  it('a sandbox that starts too late fails within createTimeoutMs and is deleted once Daytona allows it', async () => {
    // Daytona refuses DELETE (409) while the sandbox is starting: the cleanup retries until it has started.
    fake = await startFakeDaytona({ startState: 'starting', startDelayMs: 3_000 });
    const lines: string[] = [];
    const provider = createDaytonaProvider(
      { apiKey: fake.apiKey, apiUrl: fake.url, target: '', snapshot: '', image: '' },
      consoleLogger(
        (t) => t,
        (l) => lines.push(l),
      ),
      FAST,
    );
    const started = Date.now();
    const ids: string[] = [];
    const error = await provider.create(await specWith(2_000), (id) => ids.push(id)).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toMatch(
      /^Could not create the Daytona sandbox: the sandbox was not ready within \d+ s\.$/,
    );
    // The id was reported while create waited, and the half-made sandbox was deleted.
    expect(ids).toHaveLength(1);
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === `/api/sandbox/${ids[0]}`)).toBe(true);
    expect(fake.sandboxes()).toEqual([]);
  });

  it('a sandbox that never starts: the cleanup gives up at its delete budget with a warning naming the state', async () => {
    fake = await startFakeDaytona({ startState: 'starting', startDelayMs: 600_000 });
    const lines: string[] = [];
    const provider = createDaytonaProvider(
      { apiKey: fake.apiKey, apiUrl: fake.url, target: '', snapshot: '', image: '' },
      consoleLogger(
        (t) => t,
        (l) => lines.push(l),
      ),
      { ...FAST, deleteBudgetMs: 1_000 },
    );
    const started = Date.now();
    const error = await provider.create(await specWith(2_000), () => {}).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((error as ActionError).message).toMatch(
      /^Could not create the Daytona sandbox: the sandbox was not ready within \d+ s\.$/,
    );
    // Not reported as deleted: it is still there, for the post step, the TTL and sweep.
    expect(lines.join('\n')).toMatch(
      /Could not delete the Daytona sandbox \S+: it was still starting after \d+ s/,
    );
    expect(fake.sandboxes().map((s) => s.state)).toEqual(['starting']);
  });
});
