import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/sandbox/types.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { classifyNetworkEntry, networkInputErrors } from '../../src/settings/network.js';
import { readActionYaml } from '../helpers/action.js';

const context: RunContext = {
  repository: 'octo/demo',
  runId: '9',
  runAttempt: '2',
  job: 'j',
  workflow: 'w',
  eventName: 'workflow_dispatch',
  event: {},
  actor: 'octocat',
  actorId: '1',
  refType: 'branch',
  workspace: '/ws',
  runnerTemp: '/rt',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  refName: 'main',
  onRunner: false,
};

function reader(overrides: Record<string, string>): (name: string) => string {
  const action = readActionYaml();
  return (name) =>
    overrides[name] ??
    (action.inputs[name]?.default?.includes('${{') ? '' : (action.inputs[name]?.default ?? ''));
}

const INSTALL = ['registry.npmjs.org', 'nodejs.org'];
const cidrs = (n: number): string[] => Array.from({ length: n }, (_, i) => `10.0.${i}.0/24`);
const domains = (n: number): string[] => Array.from({ length: n }, (_, i) => `h${i}.example.com`);
const allow = (entries: string[]) => ({ mode: 'allow' as const, entries });

describe('network input against the provider', () => {
  it.each<[string, ProviderName, string, string[], RegExp[]]>([
    // Daytona: IPv4 CIDRs only, at most 10 CIDRs and 10 domains.
    [
      'IPv6 CIDR on Daytona',
      'daytona',
      'custom',
      ['2001:db8::/32'],
      [
        /^network: Daytona accepts IPv4 CIDRs only; `2001:db8::\/32` is IPv6: remove it or use network: open\.$/,
      ],
    ],
    ['bare IPv6 address on Daytona', 'daytona', 'custom', ['::1'], [/`::1\/128` is IPv6/]],
    ['11 CIDRs on Daytona', 'daytona', 'custom', cidrs(11), [/at most 10 CIDRs and 11 were given/]],
    ['11 domains on Daytona', 'daytona', 'custom', domains(11), [/at most 10 domains and 11 were given/]],
    ['prefix out of range', 'daytona', 'custom', ['10.0.0.0/33'], [/`10\.0\.0\.0\/33` is neither a CIDR/]],
    ['octet out of range', 'modal', 'custom', ['999.1.1.1'], [/`999\.1\.1\.1` is neither/]],
    ['URL, not a domain', 'modal', 'custom', ['https://x.com'], [/`https:\/\/x\.com` is neither/]],
    ['shell text', 'local', 'custom', ['$(id)'], [/`\$\(id\)` is neither/]],
    // The install step needs the npm registry and nodejs.org (and models.dev for opencode).
    [
      'preset without install hosts',
      'daytona',
      'claude-code',
      ['api.anthropic.com'],
      [
        /^network: the claude-code install step needs registry\.npmjs\.org, nodejs\.org, which the allowlist blocks: add them/,
      ],
    ],
    [
      'opencode without models.dev',
      'modal',
      'opencode',
      [...INSTALL, 'api.openai.com'],
      [/the opencode install step needs models\.dev, which the allowlist blocks: add it/],
    ],
  ])('%s is refused', (_name, provider, agent, entries, expected) => {
    const errors = networkInputErrors(provider, agent, allow(entries));
    expect(errors).toHaveLength(expected.length);
    for (const [i, pattern] of expected.entries()) expect(errors[i]).toMatch(pattern);
  });

  it.each<[string, ProviderName, string, string[]]>([
    ['10 CIDRs and 10 domains on Daytona', 'daytona', 'custom', [...cidrs(10), ...domains(10)]],
    ['IPv6 on Modal (its SDK takes any CIDR)', 'modal', 'custom', ['2001:db8::/32', '10.0.0.0/8']],
    ['11 CIDRs on Modal (no documented limit)', 'modal', 'custom', cidrs(11)],
    ['bare IPv4 and wildcard domain', 'daytona', 'custom', ['1.2.3.4', '*.example.com', 'example.org.']],
    ['preset with install hosts', 'daytona', 'codex', [...INSTALL, 'api.openai.com']],
    ['preset with wildcards', 'modal', 'opencode', ['*.npmjs.org', 'nodejs.org', 'models.dev']],
    ['preset with 0.0.0.0/0', 'daytona', 'gemini', ['0.0.0.0/0']],
    ['IPv6 on local (no policy enforced)', 'local', 'claude-code', ['2001:db8::/32']],
  ])('%s is accepted', (_name, provider, agent, entries) => {
    expect(networkInputErrors(provider, agent, allow(entries))).toEqual([]);
  });

  it('open and none need nothing', () => {
    expect(networkInputErrors('daytona', 'claude-code', { mode: 'open' })).toEqual([]);
    expect(networkInputErrors('daytona', 'claude-code', { mode: 'none' })).toEqual([]);
  });

  it('classifies entries', () => {
    expect(classifyNetworkEntry('10.0.0.0/8')).toEqual({
      kind: 'cidr',
      version: 4,
      address: '10.0.0.0',
      prefix: 8,
    });
    expect(classifyNetworkEntry('fd00::/8')).toMatchObject({ kind: 'cidr', version: 6 });
    expect(classifyNetworkEntry('API.Example.com.')).toEqual({ kind: 'domain', name: 'api.example.com' });
    expect(classifyNetworkEntry('1.2.3.4/8/9')).toBeUndefined();
    expect(classifyNetworkEntry('a..b')).toBeUndefined();
    expect(classifyNetworkEntry('-a.com')).toBeUndefined();
  });

  it('parseSettings fails the run as invalid-input with every network problem in one message', () => {
    let caught: unknown;
    try {
      parseSettings(
        reader({ provider: 'daytona', network: ['2001:db8::/32', ...domains(11)].join('\n') }),
        context,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ reason: 'invalid-input' });
    const message = (caught as Error).message;
    expect(message).toContain('Daytona accepts IPv4 CIDRs only; `2001:db8::/32` is IPv6');
    expect(message).toContain('at most 10 domains and 11 were given');
    expect(message).toContain('the claude-code install step needs registry.npmjs.org, nodejs.org');
  });

  it('parseSettings refuses open or none mixed into a list', () => {
    expect(() =>
      parseSettings(reader({ agent: 'custom', 'agent-command': 'x', network: 'open\n10.0.0.0/8' }), context),
    ).toThrow(/network: `open` cannot be mixed with other entries/);
  });
});
