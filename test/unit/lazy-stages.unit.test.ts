import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * src/lazy-stages.ts loads the stages after the snapshot on first call (cold start, issue 19 item 6).
 * A chunk that fails to load (a transient read error) must not poison the run's later calls.
 */
const IMPL = '../../src/lazy-stages-impl.js';

function fakeStages() {
  return {
    verifyPatch: async (input: { tag: string }) => `verified ${input.tag}`,
    checkPolicy: async () => 'policy',
    runAgent: async () => 'agent',
    stageRepository: async () => 'staged',
    capturePatch: async () => 'captured',
    deliver: async () => 'delivered',
    quarantineUnverified: async () => 'quarantined',
  };
}

// The mock's signatures stand in for the real ones.
type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>;

beforeEach(() => {
  vi.resetModules();
  vi.doUnmock(IMPL);
});

describe('lazy stages', () => {
  it('forwards arguments and results, loading the stages once for every call', async () => {
    let loads = 0;
    vi.doMock(IMPL, () => {
      loads++;
      return fakeStages();
    });
    const stages = (await import('../../src/lazy-stages.js')) as unknown as Loose;
    expect(loads).toBe(0);
    expect(await stages['verifyPatch']?.({ tag: 'a' })).toBe('verified a');
    expect(await stages['deliver']?.()).toBe('delivered');
    expect(await stages['checkPolicy']?.()).toBe('policy');
    expect(loads).toBe(1);
  });

  it('retries a load that failed instead of failing every later stage with the same error', async () => {
    let loads = 0;
    vi.doMock(IMPL, () => {
      loads++;
      if (loads === 1) throw new Error('EIO: i/o error, read chunk');
      return fakeStages();
    });
    const stages = (await import('../../src/lazy-stages.js')) as unknown as Loose;
    await expect(stages['verifyPatch']?.({ tag: 'b' })).rejects.toThrow(); // vitest wraps the factory's EIO in its own error;
    expect(await stages['quarantineUnverified']?.()).toBe('quarantined');
    expect(loads).toBe(2);
  });
});
