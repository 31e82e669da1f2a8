import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runAgentScript, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';
import { parseRunnerLog, type RunnerCommand, runnerLines } from '../helpers/runner-log.js';

/**
 * Issue 15 class 1: nothing the agent writes becomes a workflow command. The built action runs hostile
 * agents (file names, stdout/stderr, remote push messages carrying `##[…]` and `::…::`, bare `\r`), and
 * its whole stdout and stderr are read the way the runner reads them (test/helpers/runner-log.ts).
 */
const MARK = 'PWNED';
/** The commands the action itself issues (through @actions/core and the agent fence). */
const ACTION_COMMANDS = new Set([
  'add-mask',
  'group',
  'endgroup',
  'stop-commands',
  'warning',
  'error',
  'debug',
  'notice',
]);

let repo: TestRepo | undefined;
let service: FakeArtifactService | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await service?.close();
  await server?.close();
  await github?.close();
  repo = service = server = github = undefined;
});

async function runAgent(script: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  repo = makeRepo();
  service = await startFakeArtifactService();
  return runAgentScript({
    workspace: repo.checkout,
    runnerTemp: tempDir('sa-runner-'),
    script,
    inputs,
    env: service.env,
  });
}

/**
 * Every command the runner would process from this run is one the action issued: V2 form, a known
 * name, no properties, nothing planted. Fenced resume tokens are the only other names allowed.
 */
function expectOnlyActionCommands(run: ActionRun): RunnerCommand[] {
  const commands = [...parseRunnerLog(run.stdout), ...parseRunnerLog(run.stderr)];
  const tokens = new Set(commands.filter((c) => c.name === 'stop-commands').map((c) => c.data.toLowerCase()));
  for (const command of commands) {
    const where = `${command.form} ${command.name} from line ${JSON.stringify(command.line)}`;
    expect(command.form, where).toBe('v2');
    expect(ACTION_COMMANDS.has(command.name) || tokens.has(command.name.toLowerCase()), where).toBe(true);
    expect(command.properties, where).toEqual({});
    expect(command.name, where).not.toMatch(/set-env|add-path|PWNED/i);
    if (command.name === 'stop-commands') expect(command.data, where).toMatch(/^sandbox-agent-[0-9a-f]{32}$/);
  }
  return commands;
}

describe('no agent text becomes a workflow command (built action)', () => {
  it('protected file names carrying ##[…] and ::…:: are quoted inert in policy messages and the Outcome line', async () => {
    const run = await runAgent(
      [
        'mkdir -p .github',
        `echo x > '.github/##[set-env name=X]Y'`,
        `echo x > '.github/##[error title=pwn]${MARK}'`,
        `echo x > '.github/::error::${MARK}'`,
      ].join('\n'),
      { 'protected-paths-policy': 'block' },
    );
    expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'protected-path' });
    // The planted names do reach the log (the test would prove nothing otherwise), made inert.
    const outcome = runnerLines(run.stdout).find((l) => l.startsWith('Outcome:')) ?? '';
    expect(outcome.replaceAll('\u2060', '')).toContain('.github/##[');
    const text = run.stdout.replaceAll('\u2060', '');
    expect(text).toContain('.github/##[set-env name=X]Y');
    expect(text).toContain(`.github/##[error title=pwn]${MARK}`);
    expect(text).toContain(`.github/::error::${MARK}`);
    expectOnlyActionCommands(run);
  });

  it('file names with a CR or LF before a command are quoted, never a new log line', async () => {
    const run = await runAgent(
      [
        `echo x > "$(printf 'cr\\r::warning::${MARK}')"`,
        `echo x > "$(printf 'nl\\n##[add-mask]${MARK}')"`,
        `echo x > "$(printf 'both\\r\\n::error::${MARK}')"`,
      ].join('\n'),
    );
    expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'policy-violation' });
    expect(run.stdout).toContain(`cr\\r::warning::${MARK}`);
    expectOnlyActionCommands(run);
  });

  it('a symlink escape named like a command is quoted inert', async () => {
    const run = await runAgent(
      `ln -s /etc/passwd '##[error title=pwn]${MARK}'\nln -s /etc "$(printf 'x\\r::error::${MARK}')"`,
    );
    expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'policy-violation' });
    expect(run.stdout.replaceAll('\u2060', '')).toContain(`##[error title=pwn]${MARK}`);
    expectOnlyActionCommands(run);
  });

  it('agent stdout and stderr with bare \\r stay fenced, and every visual line carries the [agent] prefix', async () => {
    const run = await runAgent(
      [
        `printf 'foo\\r##[error]${MARK}\\n'`,
        `printf '\\r::warning::${MARK}\\n'`,
        `printf 'a\\r\\n::error::${MARK}\\r##[set-env name=X]Y\\rend'`,
        `printf 'bar\\r##[add-path]/tmp/${MARK}\\r::notice::${MARK}\\n' >&2`,
        'echo x > x',
      ].join('\n'),
    );
    expect(run.outputs['outcome']).toBe('artifact');
    const commands = expectOnlyActionCommands(run);
    expect(commands.filter((c) => c.name === 'stop-commands').length).toBeGreaterThan(0);
    // Every line the runner sees between the fence lines is an agent line with its prefix.
    const lines = runnerLines(run.stdout);
    const open = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const close = lines.findIndex((l, i) => i > open && /^::sandbox-agent-[0-9a-f]{32}::$/.test(l));
    const agentLines = lines.slice(open + 1, close);
    expect(agentLines).toHaveLength(11);
    for (const line of agentLines) expect(line, JSON.stringify(line)).toMatch(/^\[agent(:err)?\] /);
    expect(agentLines.filter((l) => l.includes(MARK))).toHaveLength(5);
  });

  it('a push rejection whose remote message carries ##[…] is logged inert', async () => {
    const token = 'ghs_WorkflowCommandsTestToken0123456789';
    repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
    server = await startGitServer({ token });
    github = await startFakeGitHub({ token, serverUrl: server.url });
    server.createRepo('octo/demo', repo.origin);
    server.rejectPushes(
      'octo/demo',
      `error: GH013: ##[set-env name=X]Y\n##[error title=pwn]${MARK}\n::error::${MARK}`,
    );
    const runnerTemp = tempDir('sa-runner-');
    writeFileSync(join(runnerTemp, 'agent.sh'), 'echo x >> README.md\n');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command': `sh ${join(runnerTemp, 'agent.sh')}`,
        'github-token': token,
      },
      env: {
        GITHUB_SERVER_URL: server.url,
        GITHUB_API_URL: github.url,
        GITHUB_TOKEN: token,
        GITHUB_ACTOR_ID: '583231',
      },
    });
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'push-rejected' });
    expect(run.stdout.replaceAll('\u2060', '')).toContain(`##[error title=pwn]${MARK}`);
    expectOnlyActionCommands(run);
  });
});

/** Issue 15 class 4a, through the built action: a key printed across the 16 KiB line cut is masked. */
describe('secrets across the agent line cut (built action)', () => {
  const MODEL_KEY = 'sk-ant-api03-LineCutModelKey0123456789abcdefghijklmn';
  const GHP = `ghp_${'Q7w8E9r0T1'.repeat(4)}`;

  it('a registered key and a ghp_ token straddling 16 384 characters are masked', async () => {
    // Each secret's first part arrives in one chunk, the rest after a pause: the old cut split it.
    const before = 'x'.repeat(16_384 - 20);
    const run = await runAgent(
      [
        `printf '%s %s' '${before}' "$(printf %s "$ANTHROPIC_API_KEY" | cut -c1-25)"`,
        'sleep 0.3',
        `printf '%s tail\\n' "$(printf %s "$ANTHROPIC_API_KEY" | cut -c26-)"`,
        `printf '%s %s' '${before}' '${GHP.slice(0, 25)}' >&2`,
        'sleep 0.3',
        `printf '%s tail\\n' '${GHP.slice(25)}' >&2`,
        'echo x > x',
      ].join('\n'),
      { 'agent-env': `ANTHROPIC_API_KEY=${MODEL_KEY}` },
    );
    expect(run.outputs['outcome']).toBe('artifact');
    const agentLines = runnerLines(run.stdout).filter((l) => /^\[agent(:err)?\] /.test(l));
    const out = agentLines.filter((l) => l.startsWith('[agent] ')).map((l) => l.slice(8));
    const err = agentLines.filter((l) => l.startsWith('[agent:err] ')).map((l) => l.slice(12));
    for (const [pieces, secret] of [
      [out, MODEL_KEY],
      [err, GHP],
    ] as const) {
      expect(pieces.join('')).toBe(`${before} *** tail`);
      for (const piece of pieces) {
        expect(piece).not.toContain(secret.slice(0, 10));
        expect(piece).not.toContain(secret.slice(-10));
      }
    }
  });
});
