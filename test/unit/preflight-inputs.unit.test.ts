import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGhes } from '../../src/preflight/index.js';
import { readAgentEnvLine } from '../../src/settings/agent-env.js';
import type { RunContext } from '../../src/settings/context.js';
import { PLAIN_BRANCH_PREFIX, parseSettings } from '../../src/settings/index.js';
import { registerInputSecrets } from '../../src/settings/secrets.js';
import { ActionError } from '../../src/shared/errors.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { readActionYaml } from '../helpers/action.js';

const context: RunContext = {
  repository: 'octo/demo',
  runId: '9',
  runAttempt: '1',
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

/** The invalid-input message parseSettings throws, or '' when it accepts the inputs. */
function refusal(inputs: Record<string, string>): string {
  try {
    parseSettings(reader({ prompt: 'x', provider: 'local', ...inputs }), context);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe('invalid-input');
    return (error as ActionError).message;
  }
}

describe('branch-prefix (git check-ref-format --branch on <prefix>x-1)', () => {
  it.each([
    ['agent bot/', 'a space'],
    ['agent..x/', "'..'"],
    ['agent~/', "'~'"],
    ['agent:x/', "':'"],
    ['-agent/', 'a leading dash (would read as an option)'],
    ['.agent/', 'a leading dot'],
    ['agent/.x/', 'a component starting with a dot'],
    ['agent.lock/', 'a component ending in .lock'],
    ['a@{b/', "'@{'"],
  ])('refuses %j (%s)', (prefix) => {
    expect(refusal({ 'branch-prefix': prefix })).toContain(`Invalid branch-prefix '${prefix}'`);
  });

  it('refuses a refs/ prefix with a hint to drop it', () => {
    expect(refusal({ 'branch-prefix': 'refs/heads/agent/' })).toContain(
      'it must not start with refs/ (the action adds refs/heads/ itself); drop the refs/heads/ part.',
    );
  });

  it.each(['agent/', 'bots/sandbox-agent/', 'ai-', 'team_x/agent.v2/'])('accepts %j', (prefix) => {
    expect(refusal({ 'branch-prefix': prefix })).toBe('');
  });

  // Cold start (issue 19 item 6): plain prefixes such as the default skip the git process; the shortcut
  // must never accept a prefix git refuses.
  const gitAccepts = (prefix: string): boolean =>
    spawnSync('git', ['check-ref-format', '--branch', `${prefix}x-1`], { stdio: 'ignore' }).status === 0;

  it('takes the no-git shortcut only for prefixes git accepts (property, against git itself)', () => {
    const component = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,8}$/);
    const plain = fc
      .tuple(fc.array(component, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([parts, slash]) => `${parts.join('/')}${slash ? '/' : ''}`);
    fc.assert(
      fc.property(plain, (prefix) => {
        expect(PLAIN_BRANCH_PREFIX.test(prefix)).toBe(true);
        expect(gitAccepts(prefix)).toBe(true);
      }),
      { numRuns: 60 },
    );
    // Any string at all: when the shortcut says plain, git agrees.
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (prefix) => {
        if (PLAIN_BRANCH_PREFIX.test(prefix)) expect(gitAccepts(prefix)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    'agent bot/',
    'agent..x/',
    '-agent/',
    '.agent/',
    'agent/.x/',
    'agent.lock/',
    'a@{b/',
    'a//b/',
    '/a/',
  ])('leaves %j to git (not plain)', (prefix) => {
    expect(PLAIN_BRANCH_PREFIX.test(prefix)).toBe(false);
  });
});

describe('artifact-name (the @actions/artifact character rule)', () => {
  it.each(['agent/patch', 'a:b', 'a"b', 'a<b', 'a>b', 'a|b', 'a*b', 'a?b', 'a\\b'])('refuses %j', (name) => {
    expect(refusal({ 'artifact-name': name })).toContain(
      'Invalid artifact-name: the artifact service refuses',
    );
  });

  it('names the offending character', () => {
    expect(refusal({ 'artifact-name': 'agent/patch' })).toContain('"/"');
  });

  it.each(['agent-patch', 'agent_patch.v2', 'Agent Patch 1'])('accepts %j', (name) => {
    expect(refusal({ 'artifact-name': name })).toBe('');
  });
});

describe('network on provider: local', () => {
  it.each([['none'], ['api.example.com']])('refuses network %j: local cannot enforce it', (network) => {
    expect(refusal({ network })).toContain(
      'cannot be enforced by provider: local (the agent runs on the runner with its network); use provider: daytona or modal, or network: open.',
    );
  });

  it('accepts open', () => {
    expect(refusal({ network: 'open' })).toBe('');
  });
});

describe('agent-env quotes and spaces', () => {
  it.each([
    ['KEY="sk-value"', 'KEY', 'sk-value', true],
    ["KEY='sk-value'", 'KEY', 'sk-value', true],
    ['KEY = sk-value', 'KEY', 'sk-value', true],
    ['KEY= "sk-value" ', 'KEY', 'sk-value', true],
    ['KEY=sk-value', 'KEY', 'sk-value', false],
    ['KEY="unbalanced', 'KEY', '"unbalanced', false],
    ['KEY="a"b"', 'KEY', 'a"b', true],
    ['KEY=\'mixed"', 'KEY', '\'mixed"', false],
    ['KEY==x', 'KEY', '=x', false],
  ])('%j → %s=%j', (line, name, value, adjusted) => {
    expect(readAgentEnvLine(line)).toMatchObject({ name, value, adjusted });
  });

  it('normalizes the value and warns with the name only', () => {
    const secret = 'sk-ant-quoted-0123456789abcdef';
    const settings = parseSettings(
      reader({ prompt: 'x', provider: 'local', 'agent-env': `ANTHROPIC_API_KEY="${secret}"\nREGION = eu` }),
      context,
    );
    expect(settings.agentEnv).toEqual({ ANTHROPIC_API_KEY: secret, REGION: 'eu' });
    expect(settings.inputWarnings).toHaveLength(2);
    expect(settings.inputWarnings?.[0]).toContain(
      'agent-env ANTHROPIC_API_KEY: removed the quotes or spaces',
    );
    expect(settings.inputWarnings?.join('\n')).not.toContain(secret);
    expect(settings.inputWarnings?.join('\n')).not.toContain('eu');
  });

  it('masks the normalized value as well as the raw one', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((value) => masked.push(value));
    const secret = 'sk-ant-quoted-0123456789abcdef';
    registerInputSecrets(secrets, reader({ 'agent-env': `ANTHROPIC_API_KEY="${secret}"` }), {});
    expect(masked).toContain(secret);
    expect(masked).toContain(`"${secret}"`);
    expect(secrets.redact(`token ${secret} here`)).not.toContain(secret);
  });
});

describe('isGhes (the @actions/artifact rule)', () => {
  it.each([
    ['https://github.com', false],
    ['https://GitHub.com/', false],
    ['https://acme.ghe.com', false],
    ['http://github.localhost', false],
    ['https://github.acme-corp.com', true],
    ['https://ghes.example', true],
    ['http://127.0.0.1:4000', true],
  ])('%s → %s', (url, expected) => {
    expect(isGhes(url)).toBe(expected);
  });
});
