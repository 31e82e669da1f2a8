import { describe, expect, it } from 'vitest';
import { buildSandboxSpec, sandboxLabels, sandboxName } from '../../src/sandbox/spec.js';
import type { RunIdentity } from '../../src/sandbox/types.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';

/** Research R4 / case 44: a re-run (attempt 2 of the same run id) must not collide with attempt 1. */
const attempt1: RunIdentity = {
  repository: 'Octo/Demo',
  runId: '4242',
  runAttempt: '1',
  job: 'agent',
  nonce: '0a1b2c3d',
};
const attempt2: RunIdentity = { ...attempt1, runAttempt: '2' };

function context(identity: RunIdentity): RunContext {
  return {
    ...identity,
    workflow: 'w',
    eventName: 'workflow_dispatch',
    event: {},
    actorId: '1',
    refType: 'branch',
    actor: 'octocat',
    workspace: '/ws',
    runnerTemp: '/rt',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    refName: 'main',
    onRunner: true,
  };
}

const read = (name: string): string => (name === 'prompt' ? 'x' : '');

describe('re-runs', () => {
  it('attempt 2 gets a distinct artifact name (upload-artifact would answer 409 to a duplicate)', () => {
    const first = parseSettings(read, context(attempt1)).artifactName;
    const second = parseSettings(read, context(attempt2)).artifactName;
    expect(first).toBe('agent-patch-4242-1');
    expect(second).toBe('agent-patch-4242-2');
  });

  it('the sandbox name is deterministic per attempt and nonce (known before create, so a lost create is found again)', () => {
    expect(sandboxName(attempt1)).toBe(sandboxName({ ...attempt1 }));
    expect(sandboxName(attempt2)).not.toBe(sandboxName(attempt1));
    expect(sandboxName(attempt1)).toMatch(/^sa-octo-demo-4242-1-agent-[0-9a-f]{10}-0a1b2c3d$/);
    // A different job of the same attempt (a matrix leg) gets its own name too.
    expect(sandboxName({ ...attempt1, job: 'agent-2' })).not.toBe(sandboxName(attempt1));
  });

  it('names stay within 63 characters and distinct even when the readable part is truncated', () => {
    const long = { ...attempt1, repository: `octo/${'x'.repeat(80)}` };
    expect(sandboxName(long).length).toBeLessThanOrEqual(63);
    expect(sandboxName(long)).not.toBe(sandboxName({ ...long, runAttempt: '2' }));
  });

  it('labels carry the attempt, and share the repo label the sweeper looks for', () => {
    const one = sandboxLabels(attempt1);
    const two = sandboxLabels(attempt2);
    expect(one['sandbox-agent-attempt']).toBe('1');
    expect(two['sandbox-agent-attempt']).toBe('2');
    expect(two).toMatchObject({
      'sandbox-agent': '1',
      'sandbox-agent-repo': 'Octo/Demo',
      'sandbox-agent-run-id': '4242',
    });
  });

  it('buildSandboxSpec records name and labels of the attempt it runs in', () => {
    const settings = parseSettings(read, context(attempt2));
    const spec = buildSandboxSpec(settings, context(attempt2), 60_000, attempt2.nonce);
    expect(spec.name).toBe(sandboxName(attempt2));
    expect(spec.labels).toEqual({
      ...sandboxLabels(attempt2),
      'sandbox-agent-created-at': expect.any(String),
    });
    expect(spec.identity).toEqual(attempt2);
  });
});
