import { describe, expect, it } from 'vitest';
import {
  buildSandboxSpec,
  CREATED_AT_LABEL,
  createdAt,
  NONCE_LABEL,
  newRunNonce,
  sandboxLabels,
  sandboxName,
} from '../../src/sandbox/spec.js';
import type { RunContext } from '../../src/settings/context.js';
import type { Settings } from '../../src/settings/index.js';

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

describe('parallel matrix jobs (same repository, run id, attempt and job id)', () => {
  const leg = { repository: 'octo/demo', runId: '4242', runAttempt: '1', job: 'agent' };

  it('each run of the step gets its own nonce, hence its own name and nonce label', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newRunNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{8}$/);
    const [a, b] = [...nonces];
    const one = { ...leg, nonce: a! };
    const two = { ...leg, nonce: b! };
    expect(sandboxName(one)).not.toBe(sandboxName(two));
    expect(sandboxName(one)).toMatch(new RegExp(`^sa-octo-demo-4242-1-agent-[0-9a-f]{10}-${a}$`));
    expect(sandboxLabels(one)[NONCE_LABEL]).toBe(a);
    expect(sandboxLabels(two)[NONCE_LABEL]).toBe(b);
  });

  it('the same nonce gives the same name (a lost create reply is adopted within one run)', () => {
    expect(sandboxName({ ...leg, nonce: '0a1b2c3d' })).toBe(sandboxName({ ...leg, nonce: '0a1b2c3d' }));
  });

  it('keeps the nonce readable and the name within 63 characters when the prefix is long', () => {
    const long = { ...leg, repository: `octo/${'x'.repeat(80)}`, job: 'y'.repeat(100), nonce: 'deadbeef' };
    const name = sandboxName(long);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^sa-octo-x+-[0-9a-f]{10}-deadbeef$/);
    expect(name).not.toBe(sandboxName({ ...long, nonce: 'deadbeee' }));
  });

  it('buildSandboxSpec draws a fresh nonce per call and puts it in name, labels and identity', () => {
    const context = { repository: 'octo/demo', runId: '4242', runAttempt: '1', job: 'agent' } as RunContext;
    const settings = { agentEnv: {}, network: { mode: 'open' }, workdir: '/w' } as unknown as Settings;
    const one = buildSandboxSpec(settings, context, 60_000);
    const two = buildSandboxSpec(settings, context, 60_000);
    expect(one.identity.nonce).not.toBe(two.identity.nonce);
    expect(one.name).not.toBe(two.name);
    expect(one.labels[NONCE_LABEL]).toBe(one.identity.nonce);
    expect(one.name.endsWith(`-${one.identity.nonce}`)).toBe(true);
    // The labels the sweeper selects by are unchanged.
    expect(one.labels).toMatchObject({ 'sandbox-agent': '1', 'sandbox-agent-repo': 'octo/demo' });
  });
});
