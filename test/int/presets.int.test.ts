import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAgentSummarySection } from '../../src/deliver/agent-summary.js';
import { renderSummary } from '../../src/deliver/summary.js';
import { RENDERED, SECRET, STREAMS } from '../fixtures/agent-streams.js';
import { installStub, withPath } from '../helpers/agent-stub.js';
import { barePath } from '../helpers/bare-path.js';
import { runLocalPipeline } from '../helpers/pipeline.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Each preset runs a stub of its CLI (same command name, first on PATH in the local sandbox) that
 * records how it was called and replays output in the CLI's recorded format.
 */
const PROMPT = `Fix "the bug" in 'quotes' & pipes | $(touch /tmp/sa-pwned) \`id\` $HOME \\n
second line\tTab ünïcødé 🚀 — ${'x'.repeat(20)}`;
const MODEL = 'vendor/model "x" $(y)';
const GITHUB_TOKEN = `ghs_${'R'.repeat(36)}`;
const RUNTIME_TOKEN = 'runtime-token-value-1234567890';

interface Case {
  bin: string;
  keyName: string;
  key: string;
  argv: string[];
  env: Record<string, string>;
  summary: string;
  usage: string;
}

const CASES: Record<keyof typeof STREAMS, Case> = {
  'claude-code': {
    bin: 'claude',
    keyName: 'ANTHROPIC_API_KEY',
    key: `sk-ant-api03-${'A'.repeat(30)}`,
    argv: [
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--dangerously-skip-permissions',
      '--setting-sources',
      'user',
      '--strict-mcp-config',
      '--model',
      MODEL,
    ],
    env: { IS_SANDBOX: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    summary: 'Added a greeting to README.md and ran the tests.',
    usage: '| 120 | 50 | 300 | $0.0123 |',
  },
  codex: {
    bin: 'codex',
    keyName: 'OPENAI_API_KEY',
    key: `sk-proj-${'B'.repeat(30)}`,
    argv: [
      'exec',
      '--json',
      '--dangerously-bypass-approvals-and-sandbox',
      '--skip-git-repo-check',
      '-m',
      MODEL,
      '-',
    ],
    env: {},
    summary: 'Updated README.md with a greeting.',
    usage: '| 1,200 | 90 | 800 | tokens only (the agent reports no cost) |',
  },
  opencode: {
    bin: 'opencode',
    keyName: 'ANTHROPIC_API_KEY',
    key: `sk-ant-api03-${'C'.repeat(30)}`,
    argv: ['run', '--format', 'json', '--model', MODEL],
    env: { OPENCODE_DISABLE_PROJECT_CONFIG: 'true' },
    summary: 'Greeting added to README.md.',
    usage: '| 1,100 | 70 | 100 | $0.0120 |',
  },
  gemini: {
    bin: 'gemini',
    keyName: 'GEMINI_API_KEY',
    key: `AIza${'D'.repeat(35)}`,
    argv: ['--output-format', 'stream-json', '--approval-mode', 'yolo', '--skip-trust', '--model', MODEL],
    env: {},
    summary: 'Added the greeting to README.md.',
    usage: '| 600 | 100 | — | tokens only (the agent reports no cost) |',
  },
};

let repo: TestRepo | undefined;
const savedEnv = { ...process.env };

beforeEach(() => {
  // Runner secrets the sandbox must never see.
  process.env['GITHUB_TOKEN'] = GITHUB_TOKEN;
  process.env['ACTIONS_RUNTIME_TOKEN'] = RUNTIME_TOKEN;
  process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = RUNTIME_TOKEN;
});

afterEach(() => {
  for (const name of ['GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  repo?.cleanup();
  repo = undefined;
});

describe.each(Object.keys(CASES) as Array<keyof typeof CASES>)('agent preset %s', (agent) => {
  const c = CASES[agent];

  it('installs nothing when the CLI is there, runs it headless, renders the transcript and keeps the summary', async () => {
    repo = makeRepo({ files: { 'README.md': '# demo\n', '.gemini/settings.json': '{"hooks":{}}\n' } });
    const runnerTemp = tempDir('sa-runner-');
    const stubDir = join(runnerTemp, 'bin');
    const lines = STREAMS[agent].map((event) => JSON.stringify(event).replaceAll(SECRET, c.key));
    const stub = installStub(stubDir, c.bin, { lines: ['not json: a plain line', ...lines] });

    const { result, logs } = await withPath(stubDir, () =>
      runLocalPipeline({
        checkout: repo!.checkout,
        runnerTemp,
        agentCommand: '',
        inputs: {
          agent,
          prompt: PROMPT,
          model: MODEL,
          'github-token': GITHUB_TOKEN,
          'agent-env': `${c.keyName}=${c.key}`,
          // The stub on PATH plays the image's CLI; without this the pinned version would be installed.
          'agent-version': 'image',
        },
      }),
    );

    expect(result.reason).toBe('');
    expect(result.outcome).toBe('artifact');
    const call = stub.read();
    expect(call.argv).toEqual(c.argv);
    expect(call.stdin).toBe(PROMPT);
    expect(existsSync('/tmp/sa-pwned')).toBe(false);
    expect(call.env[c.keyName]).toBe(c.key);
    expect(call.env).toMatchObject(c.env);
    expect(call.env['AGENT_PROMPT_FILE']).toMatch(/prompt\.md$/);
    expect(call.env['AGENT_SUMMARY_FILE']).toMatch(/agent-summary\.md$/);
    for (const name of Object.keys(call.env)) expect(name).not.toMatch(/^(GITHUB_TOKEN|ACTIONS_|INPUT_)/);
    const values = Object.values(call.env).join('\n');
    expect(values).not.toContain(GITHUB_TOKEN);
    expect(values).not.toContain(RUNTIME_TOKEN);
    expect(call.env['GEMINI_CLI_TRUST_WORKSPACE']).toBeUndefined();

    // The transcript, rendered into the agent's log stream; secrets redacted there too.
    const agentLines = logs.filter((l) => l.startsWith('[agent] ')).map((l) => l.slice('[agent] '.length));
    expect(agentLines).toEqual(['not json: a plain line', ...RENDERED[agent]]);
    expect(logs).toContain('[agent:err] a line on stderr');
    expect(logs.join('\n')).not.toContain(c.key);

    // The raw transcript, redacted, next to the mbox.
    expect(result.transcriptPath).toBe(join(runnerTemp, 'out', 'agent.transcript.jsonl'));
    const raw = readFileSync(result.transcriptPath!, 'utf8');
    expect(raw).not.toContain(c.key);
    expect(raw).toContain('***');
    expect(raw.split('\n').filter(Boolean)).toHaveLength(lines.length + 1);

    // The agent's summary, its usage, and the work itself.
    expect(result.agentSummary).toContain(c.summary);
    const summary = await renderSummary(result);
    // The Cost row: input, output, cached, then $ (or "tokens only") as the CLI reported them.
    expect(summary).toContain(c.usage);
    expect(summary).toContain('### What the agent did');
    expect(await renderAgentSummarySection(result.agentSummary!)).toContain(c.summary);
    expect(readFileSync(result.patchPath!, 'utf8')).toContain('+work from the stub');
    expect(result.timings.map((t) => t.stage)).toEqual(
      expect.arrayContaining(['snapshot', 'boot', 'stage', 'install', 'agent', 'capture', 'teardown']),
    );
    expect(
      logs.some((l) =>
        l.includes(`Using ${c.bin} from the image as asked (agent-version: image): 0.0.0-stub.`),
      ),
    ).toBe(true);

    if (agent === 'gemini') {
      // The repository's .gemini/ was hidden during the run, restored after, and not in the patch.
      expect(call.geminiDirPresent).toBe(false);
      expect(readFileSync(result.patchPath!, 'utf8')).not.toContain('.gemini');
    } else {
      expect(call.geminiDirPresent).toBe(true);
    }
  });

  it(`fails before creating a sandbox when ${c.keyName} is not in agent-env`, async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const { result, state } = await runLocalPipeline({
      checkout: repo.checkout,
      runnerTemp,
      agentCommand: '',
      inputs: { agent },
      // The runner's own env never counts.
      env: { [c.keyName]: c.key },
    });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('agent-env-missing');
    expect(result.message).toContain(agent === 'opencode' ? 'ANTHROPIC_API_KEY' : c.keyName);
    expect(result.sandboxId).toBeUndefined();
    expect(state['sandbox-id']).toBeUndefined();
  });
});

describe('agent presets: summary file, timeout, offline install', () => {
  it('prefers the summary file the agent wrote over its final message', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const stubDir = join(runnerTemp, 'bin');
    const lines = STREAMS['claude-code'].map((e) => JSON.stringify(e));
    installStub(stubDir, 'claude', {
      lines,
      summaryFile: '## Done\n\nWrote <b>docs</b>. See ![x](https://evil.example/p.png)\n',
    });
    const { result } = await withPath(stubDir, () =>
      runLocalPipeline({
        checkout: repo!.checkout,
        runnerTemp,
        agentCommand: '',
        inputs: {
          agent: 'claude-code',
          'agent-version': 'image',
          'agent-env': `CLAUDE_CODE_OAUTH_TOKEN=oauth-${'t'.repeat(20)}`,
        },
      }),
    );
    expect(result.agentSummary).toBe('## Done\n\nWrote <b>docs</b>. See ![x](https://evil.example/p.png)');
    const section = await renderAgentSummarySection(result.agentSummary!);
    expect(section).toContain('Wrote docs. See \\[image: x]');
    expect(section).not.toContain('evil.example');
  });

  it('kills a CLI that never exits at the budget and still captures its work and transcript', async () => {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const stubDir = join(runnerTemp, 'bin');
    const lines = STREAMS.codex.slice(0, 4).map((e) => JSON.stringify(e));
    installStub(stubDir, 'codex', { lines, hang: true });
    const started = Date.now();
    const { result, logs } = await withPath(stubDir, () =>
      runLocalPipeline({
        checkout: repo!.checkout,
        runnerTemp,
        agentCommand: '',
        inputs: {
          agent: 'codex',
          'agent-version': 'image',
          'timeout-minutes': '0.05',
          'agent-env': `CODEX_API_KEY=codex-${'k'.repeat(20)}`,
        },
      }),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.outcome).toBe('artifact');
    expect(result.reason).toBe('agent-timeout');
    expect(readFileSync(result.patchPath!, 'utf8')).toContain('+work from the stub');
    expect(logs).toContain('[agent] Codex session started');
    expect(readFileSync(result.transcriptPath!, 'utf8')).toContain('thread.started');
  });

  /** Runs a preset on the local provider with a PATH that lacks `hidden` (as a bare image would). */
  async function runWithout(hidden: string[], agent: string, env: string) {
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const saved = process.env['PATH'];
    process.env['PATH'] = barePath(runnerTemp, hidden);
    try {
      return await runLocalPipeline({
        checkout: repo.checkout,
        runnerTemp,
        agentCommand: '',
        inputs: { agent, 'agent-env': env },
      });
    } finally {
      process.env['PATH'] = saved;
    }
  }

  it('an image without node, curl and wget fails at install with a sentence naming node, not a shell error', async () => {
    const { result, logs } = await runWithout(
      ['node', 'npm', 'npx', 'curl', 'wget', 'claude'],
      'claude-code',
      `ANTHROPIC_API_KEY=sk-ant-${'G'.repeat(30)}`,
    );
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('agent-install-failed');
    expect(result.message).toContain(
      'The sandbox image has no `node` (Node ≥ 22 is needed by the claude-code preset) and no `curl` or `wget` to download it: use an image with Node, or set modal-image / daytona-image.',
    );
    expect(logs.join('\n')).not.toMatch(/wget: not found|unexpected end of file/);
  });

  it('an image with node but no npm fails at install naming npm', async () => {
    // The host's node (>= 20) is kept; npm is not, as with a distro nodejs package that splits npm out.
    const { result } = await runWithout(
      ['npm', 'npx', 'gemini'],
      'gemini',
      `GEMINI_API_KEY=AIza${'H'.repeat(35)}`,
    );
    expect(result.reason).toBe('agent-install-failed');
    expect(result.message).toContain('The sandbox image has `node` but no `npm`');
    expect(result.message).toContain('gemini preset');
  });
});
