import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSessionCommand, toSeconds } from '../../src/sandbox/daytona/command.js';
import { resolveDaytonaConfig } from '../../src/sandbox/daytona/config.js';
import { buildCreateParams, networkParams } from '../../src/sandbox/daytona/create-params.js';
import { classifyTransient, retryAfterMs } from '../../src/sandbox/daytona/errors.js';
import { DaytonaConnectionError, DaytonaError } from '../../src/sandbox/daytona/sdk.js';
import type { SandboxSpec } from '../../src/sandbox/types.js';

/** Runs the built session command the way the daemon does: fed to a shell. */
function runBuilt(script: string): { status: number | null; stdout: string } {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: process.env['PATH'] } });
  return { status: r.status, stdout: r.stdout };
}

describe('buildSessionCommand', () => {
  it('carries any value verbatim through env, never through the shell', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
        (value) => {
          const script = buildSessionCommand({
            command: 'printf "%s" "$V"',
            env: { V: value },
            cwd: '/',
            timeoutSec: 10,
          });
          // Nothing of the value appears in the command text.
          if (value.length > 3) expect(script.includes(value)).toBe(false);
          expect(runBuilt(script).stdout).toBe(value);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('runs in the cwd with stdin from /dev/null and propagates the exit code', () => {
    const script = buildSessionCommand({
      command: 'pwd; cat; exit 9',
      env: {},
      cwd: '/tmp',
      timeoutSec: 10,
    });
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', input: 'must not be read\n' });
    expect(r.status).toBe(9);
    expect(r.stdout).toBe('/tmp\n');
  });

  it('uses whole seconds for the in-sandbox timeout and rejects bad names', () => {
    expect(toSeconds(1)).toBe(1);
    expect(toSeconds(1000)).toBe(1);
    expect(toSeconds(1001)).toBe(2);
    expect(toSeconds(30 * 60_000)).toBe(1800);
    expect(buildSessionCommand({ command: 'true', env: {}, cwd: '/', timeoutSec: 1.2 })).toContain(
      'timeout -k 10 2 ',
    );
    expect(() =>
      buildSessionCommand({ command: 'true', env: { 'A B': 'x' }, cwd: '/', timeoutSec: 1 }),
    ).toThrow();
    expect(() =>
      buildSessionCommand({ command: 'true', env: { 'A;rm': 'x' }, cwd: '/', timeoutSec: 1 }),
    ).toThrow();
  });

  it('times out in the sandbox with exit 124', () => {
    const script = buildSessionCommand({ command: 'sleep 5', env: {}, cwd: '/', timeoutSec: 1 });
    expect(runBuilt(script).status).toBe(124);
  });
});

describe('create parameters', () => {
  const spec = (over: Partial<SandboxSpec> = {}): SandboxSpec => ({
    identity: { repository: 'o/r', runId: '1', runAttempt: '1', job: 'j', nonce: 'c0ffee01' },
    name: 'n',
    labels: { 'sandbox-agent': '1' },
    ttlMs: 61_000,
    env: { A: 'b' },
    network: { mode: 'open' },
    workdir: '/workspace',
    createTimeoutMs: 1000,
    ...over,
  });
  const config = { apiKey: 'k', apiUrl: 'https://x/api', target: '', snapshot: '', image: '' };

  it('uses minutes, rounding up, and an ephemeral lifetime', () => {
    expect(buildCreateParams(spec(), config)).toMatchObject({
      autoStopInterval: 2,
      ttlMinutes: 2,
      autoDeleteInterval: 0,
    });
    expect(buildCreateParams(spec(), config)).not.toHaveProperty('envVars');
  });

  it('maps network policies', () => {
    expect(networkParams({ mode: 'open' })).toEqual({});
    expect(networkParams({ mode: 'none' })).toEqual({ networkBlockAll: true });
    expect(networkParams({ mode: 'allow', entries: [] })).toEqual({ networkBlockAll: true });
    expect(networkParams({ mode: 'allow', entries: ['1.2.3.0/24', 'github.com'] })).toEqual({
      networkAllowList: '1.2.3.0/24',
      domainAllowList: 'github.com',
    });
    expect(() => networkParams({ mode: 'allow', entries: ['$(x)'] })).toThrow(/neither a CIDR/);
    // Daytona's API answers 400 to these; the mapper refuses them too, whoever calls it.
    expect(() => networkParams({ mode: 'allow', entries: ['2001:db8::/32'] })).toThrow(/IPv4 CIDRs only/);
    expect(networkParams({ mode: 'allow', entries: ['1.2.3.4', 'API.Example.com.'] })).toEqual({
      networkAllowList: '1.2.3.4/32',
      domainAllowList: 'api.example.com',
    });
  });
});

describe('config', () => {
  const empty = { apiKey: '', apiUrl: '', target: '', snapshot: '', image: '' };
  it('prefers inputs, then the process env, then the default URL', () => {
    expect(resolveDaytonaConfig({ ...empty, apiKey: 'in' }, { DAYTONA_API_KEY: 'env' })).toMatchObject({
      apiKey: 'in',
      apiUrl: 'https://app.daytona.io/api',
    });
    expect(
      resolveDaytonaConfig(empty, {
        DAYTONA_API_KEY: 'env',
        DAYTONA_API_URL: 'https://app-eu.daytona.io/api',
        DAYTONA_TARGET: 'eu',
      }),
    ).toMatchObject({ apiKey: 'env', apiUrl: 'https://app-eu.daytona.io/api', target: 'eu' });
  });
  it('names the key when it is missing', () => {
    expect(() => resolveDaytonaConfig(empty, {})).toThrow(/daytona-api-key.*DAYTONA_API_KEY/);
  });
});

describe('retry classification', () => {
  it('honours suffixed Retry-After headers', () => {
    const e = new DaytonaError('slow down', 429, {
      'retry-after-sandbox-create': '3',
      'x-other': '1',
    } as never);
    expect(retryAfterMs(e)).toBe(3000);
    expect(classifyTransient(e)).toEqual({ retry: true, afterMs: 3000 });
  });
  it('retries 5xx and connection failures, not 4xx', () => {
    expect(classifyTransient(new DaytonaError('bad gateway', 502)).retry).toBe(true);
    expect(classifyTransient(new DaytonaConnectionError('reset')).retry).toBe(true);
    expect(classifyTransient(new DaytonaError('nope', 400)).retry).toBe(false);
    expect(classifyTransient(new DaytonaError('auth', 401)).retry).toBe(false);
  });
});
