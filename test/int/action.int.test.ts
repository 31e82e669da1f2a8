import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * The built action, run as the runner runs it: `node dist/index.js` with INPUT_*, GITHUB_EVENT_PATH,
 * GITHUB_OUTPUT, GITHUB_STATE and GITHUB_STEP_SUMMARY, provider local, agent custom, output artifact.
 */
const TOKEN = 'ghs_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const AGENT_KEY = 'sk-ant-api03-secretvalue-0123456789abcdefghij';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'index.js')))
    throw new Error('Build dist/ first (npm run build).');
});

function localSandboxes(runnerTemp: string): string[] {
  return readdirSync(runnerTemp).filter((name) => name.startsWith('sandbox-agent-local-'));
}

describe('the built action on the local provider', () => {
  it('produces an mbox that applies to HEAD with git am and yields exactly head_tree', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const agent = join(runnerTemp, 'agent.sh');
    writeFileSync(
      agent,
      [
        'set -e',
        'echo "prompt: $(cat "$AGENT_PROMPT_FILE")"',
        'echo "workdir ok: $([ "$AGENT_WORKDIR" = "$(pwd)" ] && echo yes)"',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
        'echo "token visible: ${GITHUB_TOKEN:-no} ${ACTIONS_RUNTIME_TOKEN:-no} ${INPUT_GITHUB_TOKEN:-no}"',
        'echo "key: $ANTHROPIC_API_KEY"',
        'echo "::add-mask::x"',
        'echo "::set-output name=outcome::pwned"',
        'echo "::error file=.github/x::pwn"',
        'echo change >> README.md && git commit -qam "edit readme"',
        'echo new > added.txt',
      ].join('\n'),
    );
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Fix it: $(id) `uname` "quoted" \'single\' ünïcode',
        provider: 'local',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
        'github-token': TOKEN,
        'agent-env': `ANTHROPIC_API_KEY=${AGENT_KEY}`,
      },
      env: { GITHUB_TOKEN: TOKEN, ACTIONS_RUNTIME_TOKEN: 'runtime-token-value' },
    });
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const { outputs } = run;
    expect(outputs['outcome']).toBe('artifact');
    expect(outputs['reason']).toBe('');
    expect(outputs['commits']).toBe('2');
    expect(outputs['files-changed']).toBe('2');
    expect(outputs['base-sha']).toBe(repo.head);
    const meta = JSON.parse(readFileSync(outputs['meta-path']!, 'utf8'));
    expect(meta).toMatchObject({
      version: 1,
      provider: 'local',
      base_sha: repo.head,
      snapshot_sha: null,
      commits: 2,
      files_changed: 2,
      format: 'mboxrd',
      agent: 'custom',
      agent_exit_code: 0,
    });
    expect(meta.sandbox_id).toBe(outputs['sandbox-id']);
    expect(outputs['head-tree']).toBe(meta.head_tree);

    // The mbox applies to the checkout's HEAD with plain git and gives exactly head_tree.
    git(repo.checkout, ['am', '-q', '--patch-format=mboxrd', outputs['patch-path']!]);
    expect(git(repo.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);

    // The prompt arrived byte for byte; no runner secret was visible; the agent key was masked.
    expect(run.stdout).toContain('prompt: Fix it: $(id) `uname` "quoted" \'single\' ünïcode');
    expect(run.stdout).toContain('workdir ok: yes');
    expect(run.stdout).toContain('token visible: no no no');
    // Secrets are registered for masking before the first log line; apart from those commands they never appear.
    const lines = run.stdout.split('\n');
    const firstMask = lines.findIndex((l) => l.startsWith('::add-mask::'));
    expect(firstMask).toBe(0);
    expect(lines.some((l) => l === `::add-mask::${AGENT_KEY}`)).toBe(true);
    const logged = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(logged).not.toContain(AGENT_KEY);
    expect(logged).not.toContain(TOKEN);
    expect(logged).toContain('key: ***');
    // Agent output is fenced: its workflow commands sit between ::stop-commands::T and ::T::.
    const fence = run.stdout.match(/::stop-commands::(sandbox-agent-[0-9a-f]{32})\n([\s\S]*?)\n::\1::/);
    expect(fence?.[2]).toContain('::set-output name=outcome::pwned');
    expect(fence?.[2]).toContain('::error file=.github/x::pwn');
    const outside = run.stdout.replace(fence?.[0] ?? '', '');
    expect(outside).not.toContain('pwned');

    // Summary table with timings per stage.
    expect(run.summary).toContain('| Outcome | `artifact` |');
    for (const stage of ['snapshot', 'boot', 'stage', 'agent', 'capture', 'teardown', 'verify', 'deliver']) {
      expect(run.summary).toContain(`| ${stage} |`);
    }
    // State recorded for post; the sandbox is gone and post has nothing left to do.
    expect(run.state['sandbox-provider']).toBe('local');
    expect(run.state['sandbox-id']).toBe('');
    expect(localSandboxes(runnerTemp)).toEqual([]);
    const post = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('No sandbox left to clean up.');
    // Nothing secret in out-dir.
    for (const name of readdirSync(join(runnerTemp, 'sandbox-agent'))) {
      const content = readFileSync(join(runnerTemp, 'sandbox-agent', name), 'utf8');
      expect(content).not.toContain(TOKEN);
      expect(content).not.toContain(AGENT_KEY);
    }
  });

  it('keeps redacting agent output with ACTIONS_STEP_DEBUG on', async () => {
    repo = makeRepo();
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command':
          'echo "key=$ANTHROPIC_API_KEY"; printf "%s" "$ANTHROPIC_API_KEY" | base64; echo "pat=ghp_abcdefghijklmnopqrstuvwxyz0123456789"',
        output: 'artifact',
        'agent-env': `ANTHROPIC_API_KEY=${AGENT_KEY}`,
      },
      env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' },
    });
    const logged = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(logged).toContain('[agent] key=***');
    expect(logged).not.toContain(AGENT_KEY);
    expect(logged).not.toContain(Buffer.from(AGENT_KEY).toString('base64').slice(4, 30));
    expect(logged).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('exits 0 with outcome no-changes when the agent changes nothing', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'nothing',
        provider: 'local',
        agent: 'custom',
        'agent-command': 'true',
        output: 'artifact',
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['outcome']).toBe('no-changes');
    expect(run.outputs['commits']).toBe('0');
    expect(run.outputs['artifact-id']).toBe('');
    expect(run.summary).toContain('`no-changes`');
  });

  it('fails the step with one clear sentence when a PR is wanted without a token, before creating a sandbox', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: { prompt: 'x', provider: 'local', agent: 'custom', 'agent-command': 'true' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('invalid-input');
    expect(run.stdout).toMatch(/::error::output: pull-request needs github-token, which is empty\./);
    expect(run.state['sandbox-provider']).toBeUndefined();
  });

  it('reports every invalid input at once', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'x',
        provider: 'daytna',
        agent: 'custom',
        output: 'zip',
        'agent-env': 'GITHUB_TOKEN=abc',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason']).toBe('invalid-input');
    expect(run.stdout).toContain("Invalid provider 'daytna'. Expected one of: daytona, modal, local.");
    expect(run.stdout).toContain("Invalid output 'zip'");
    expect(run.stdout).toContain('agent-command is required when agent is custom.');
    expect(run.stdout).toContain('agent-env may not set GITHUB_TOKEN');
  });

  it('fails clearly on an empty prompt', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: { provider: 'local', agent: 'custom', 'agent-command': 'true', output: 'artifact' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason']).toBe('missing-prompt');
  });

  it('the post step deletes a sandbox left behind by main (idempotently)', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const leaked = join(runnerTemp, 'sandbox-agent-local-leaked');
    writeFileSync(
      join(runnerTemp, 'github_state'),
      `sandbox-provider<<EOF\nlocal\nEOF\nsandbox-id<<EOF\n${leaked}\nEOF\n`,
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(leaked, 'workspace'), { recursive: true });
    const files = {
      output: join(runnerTemp, 'github_output'),
      state: join(runnerTemp, 'github_state'),
      summary: join(runnerTemp, 'github_summary'),
    };
    const first = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files,
    });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`Deleted sandbox ${leaked} (local).`);
    expect(existsSync(leaked)).toBe(false);
    const second = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files,
    });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain(`Deleted sandbox ${leaked} (local).`);
  });
});
