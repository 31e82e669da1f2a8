import { describe, expect, it } from 'vitest';
import { type Clock, fullJitterDelay, parseRetryAfter, withRetry } from '../../src/shared/retry.js';

function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('withRetry', () => {
  it('follows the full-jitter schedule, bounded by attempts', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('boom');
        },
        {
          attempts: 4,
          baseMs: 100,
          capMs: 1000,
          totalMs: 60_000,
          classify: () => ({ retry: true }),
          clock,
          random: () => 0.999,
        },
      ),
    ).rejects.toThrow('boom');
    expect(calls).toBe(4);
    expect(clock.slept).toEqual([99, 199, 399]);
  });

  it('honours a server hint larger than the jittered delay', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 2) throw Object.assign(new Error('429'), { afterMs: 12_000 });
        return 'ok';
      },
      {
        attempts: 5,
        baseMs: 1000,
        capMs: 30_000,
        totalMs: 60_000,
        clock,
        random: () => 0.5,
        classify: (e) => ({ retry: true, afterMs: (e as { afterMs?: number }).afterMs }),
      },
    );
    expect(value).toBe('ok');
    expect(clock.slept).toEqual([12_000]);
  });

  it('does not retry what classify rejects, and stops at the total time budget', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('404');
        },
        { attempts: 5, baseMs: 10, capMs: 10, totalMs: 1000, classify: () => ({ retry: false }), clock },
      ),
    ).rejects.toThrow('404');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('slow');
        },
        {
          attempts: 50,
          baseMs: 100,
          capMs: 100,
          totalMs: 250,
          classify: () => ({ retry: true, afterMs: 100 }),
          clock: fakeClock(),
        },
      ),
    ).rejects.toThrow('slow');
    expect(calls).toBe(3);
  });

  it('is abortable', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      withRetry(async () => 'never', {
        attempts: 3,
        baseMs: 1,
        capMs: 1,
        totalMs: 10,
        classify: () => ({ retry: true }),
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled');
  });

  it('computes delays and parses Retry-After', () => {
    expect(fullJitterDelay(10, 1000, 30_000, () => 0.5)).toBe(15_000);
    expect(parseRetryAfter('37')).toBe(37_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
