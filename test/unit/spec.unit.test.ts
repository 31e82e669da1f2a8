import { describe, expect, it } from 'vitest';
import { CREATED_AT_LABEL, createdAt } from '../../src/sandbox/spec.js';

describe('createdAt', () => {
  it("prefers the provider's time, falls back to the created-at label, else unknown", () => {
    const provider = new Date('2026-01-01T00:00:00Z');
    expect(createdAt({ createdAt: provider, labels: { [CREATED_AT_LABEL]: '2020-01-01T00:00:00Z' } })).toBe(
      provider,
    );
    expect(createdAt({ labels: { [CREATED_AT_LABEL]: '2026-02-03T04:05:06.000Z' } })?.toISOString()).toBe(
      '2026-02-03T04:05:06.000Z',
    );
    expect(createdAt({ labels: { [CREATED_AT_LABEL]: 'garbage' } })).toBeUndefined();
    expect(createdAt({ labels: {} })).toBeUndefined();
  });
});
