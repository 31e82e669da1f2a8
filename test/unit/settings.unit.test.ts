import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/settings/context.js';
import { DEFAULT_PROTECTED_PATHS, parseSettings } from '../../src/settings/index.js';
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

/** Inputs as the runner passes them: action.yml defaults unless overridden. */
function reader(overrides: Record<string, string>): (name: string) => string {
  const action = readActionYaml();
  return (name) =>
    overrides[name] ??
    (action.inputs[name]?.default?.includes('${{') ? '' : (action.inputs[name]?.default ?? ''));
}

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    const s = parseSettings(reader({ prompt: 'x' }), context);
    expect(s).toMatchObject({
      provider: 'daytona',
      agent: 'claude-code',
      output: 'pull-request',
      timeoutMinutes: 30,
      branchPrefix: 'agent/',
      triggerPhrase: '/agent',
      includeUncommitted: false,
      protectedPathsPolicy: 'fallback',
      workdir: '/workspace',
      caps: { maxPatchBytes: 4194304, maxFiles: 200, maxCommits: 50 },
      network: { mode: 'open' },
      outDir: '/rt/sandbox-agent',
      artifactName: 'agent-patch-9-2',
    });
    expect(s.providers.modal.app).toBe('sandbox-agent');
    expect(s.protectedPaths).toEqual(DEFAULT_PROTECTED_PATHS);
  });

  it('parses lists, booleans, numbers and network policies', () => {
    const s = parseSettings(
      reader({
        'pr-labels': 'a, b\nc',
        'pr-draft': 'true',
        'max-files': '7',
        agent: 'custom',
        'agent-command': 'true',
        network: '10.0.0.0/8\napi.example.com',
        'protected-paths': 'package.json\n\nsrc/secret/**',
        'agent-env': 'A=1\n# comment\nB=x=y\n\nC=',
      }),
      context,
    );
    expect(s.pr.labels).toEqual(['a', 'b', 'c']);
    expect(s.pr.draft).toBe(true);
    expect(s.caps.maxFiles).toBe(7);
    expect(s.network).toEqual({ mode: 'allow', entries: ['10.0.0.0/8', 'api.example.com'] });
    expect(s.protectedPaths.slice(-2)).toEqual(['package.json', 'src/secret/**']);
    expect(s.agentEnv).toEqual({ A: '1', B: 'x=y', C: '' });
    expect(parseSettings(reader({ network: 'none' }), context).network).toEqual({ mode: 'none' });
  });

  it('collects every invalid input into one error that names the expected form', () => {
    let message = '';
    try {
      parseSettings(
        reader({
          provider: 'daytna',
          agent: 'custom',
          output: 'zip',
          'max-files': '-1',
          'pr-draft': 'yes',
          workdir: 'rel/dir',
          'timeout-minutes': 'abc',
        }),
        context,
      );
    } catch (error) {
      message = (error as Error).message;
      expect(error).toMatchObject({ reason: 'invalid-input' });
    }
    expect(message).toContain("Invalid provider 'daytna'. Expected one of: daytona, modal, local.");
    expect(message).toContain("Invalid output 'zip'. Expected one of: pull-request, artifact, both.");
    expect(message).toContain('agent-command is required when agent is custom.');
    expect(message).toContain("Invalid max-files '-1'");
    expect(message).toContain("Invalid pr-draft 'yes'");
    expect(message).toContain("Invalid workdir 'rel/dir'");
    expect(message).toContain("Invalid timeout-minutes 'abc'");
  });

  it.each([
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'DAYTONA_API_KEY',
    'MODAL_TOKEN_SECRET',
    'AGENT_PROMPT_FILE',
  ])('refuses agent-env %s without echoing its value', (name) => {
    expect(() => parseSettings(reader({ 'agent-env': `${name}=super-secret-value` }), context)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('super-secret-value') }),
    );
    expect(() => parseSettings(reader({ 'agent-env': `${name}=v` }), context)).toThrow(name);
  });

  it('allow-fork-prs: false, true or suggest (issue 20 item 6); anything else is invalid-input', () => {
    const mode = (value: string) => {
      const s = parseSettings(reader({ prompt: 'x', 'allow-fork-prs': value }), context);
      return [s.allowForkPrs, s.suggestOnForks];
    };
    expect(mode('false')).toEqual([false, false]);
    expect(mode('')).toEqual([false, false]);
    expect(mode('true')).toEqual([true, false]);
    expect(mode('suggest')).toEqual([true, true]);
    expect(mode('SUGGEST')).toEqual([true, true]);
    expect(() => mode('suggestions')).toThrow(
      expect.objectContaining({
        reason: 'invalid-input',
        message: "Invalid allow-fork-prs 'suggestions'. Expected false, true or suggest.",
      }),
    );
  });

  it('refuses malformed agent-env lines without echoing them', () => {
    expect(() => parseSettings(reader({ 'agent-env': 'A=1\njust-a-secret-value' }), context)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('agent-env line 2 is not NAME=value.') }),
    );
    expect(() => parseSettings(reader({ 'agent-env': 'just-a-secret-value' }), context)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('just-a-secret-value') }),
    );
  });
});

describe('agent-timeout-minutes and its deprecated alias timeout-minutes', () => {
  it('takes agent-timeout-minutes, without a warning', () => {
    const s = parseSettings(reader({ prompt: 'x', 'agent-timeout-minutes': '45' }), context);
    expect(s.timeoutMinutes).toBe(45);
    expect(s.inputWarnings ?? []).not.toContainEqual(expect.stringContaining('deprecated'));
  });

  it('still honours timeout-minutes (action.yml default of the new name untouched), with a warning', () => {
    const s = parseSettings(reader({ prompt: 'x', 'timeout-minutes': '12' }), context);
    expect(s.timeoutMinutes).toBe(12);
    expect(s.inputWarnings).toContainEqual(
      expect.stringContaining('timeout-minutes is deprecated: rename it to agent-timeout-minutes'),
    );
  });

  it('refuses both names with different values, naming both', () => {
    expect(() =>
      parseSettings(reader({ prompt: 'x', 'agent-timeout-minutes': '45', 'timeout-minutes': '12' }), context),
    ).toThrow(/agent-timeout-minutes '45' and the deprecated timeout-minutes '12' disagree/);
  });

  it('names the input that was used in a range error', () => {
    expect(() => parseSettings(reader({ prompt: 'x', 'agent-timeout-minutes': '0' }), context)).toThrow(
      /Invalid agent-timeout-minutes '0'/,
    );
  });
});
