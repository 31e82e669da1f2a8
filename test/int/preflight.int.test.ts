import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 18 items 1 and 5 through the built action: configuration mistakes that can be known up front
 * fail before the snapshot, the tracking comment and any sandbox. The agent writes a marker outside the
 * sandbox (an absolute path in the runner temp dir), so "the agent never ran" is observed, not assumed.
 */
const TOKEN = 'ghs_PreflightWriteToken0123456789abcdefAB';
const READ_ONLY = 'ghs_PreflightReadOnlyToken0123456789abcd';
const WRONG = 'ghs_PreflightWrongToken0123456789abcdefgh';
const EXPIRED = 'ghs_PreflightExpiredAppToken0123456789ab';
const TRACKING = '<!-- sandbox-agent:tracking run=4242 -->';

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
let artifacts: FakeArtifactService | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
  await artifacts?.close();
  repo = server = github = artifacts = undefined;
});

interface Setup {
  marker: string;
  run(options?: {
    inputs?: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    event?: { name: string; payload: Record<string, unknown> };
  }): Promise<ActionRun>;
}

async function setup(): Promise<Setup> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN, readOnlyTokens: [READ_ONLY] });
  github = await startFakeGitHub({ token: TOKEN, otherTokens: [READ_ONLY], serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  const runnerTemp = tempDir('sa-preflight-');
  const marker = join(runnerTemp, 'agent-ran');
  const agent = join(runnerTemp, 'agent.sh');
  // The marker holds the value the agent saw for PROBE_KEY (the agent-env normalization row reads it).
  writeFileSync(agent, `set -e\nprintf '%s' "\${PROBE_KEY:-}" > '${marker}'\necho "agent" >> README.md\n`);
  return {
    marker,
    run: ({ inputs = {}, env = {}, event } = {}) =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        event,
        inputs: {
          prompt: 'Expand the README.',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': TOKEN,
          output: 'pull-request',
          ...inputs,
        },
        env: { GITHUB_SERVER_URL: server!.url, GITHUB_API_URL: github!.url, ...env },
      }),
  };
}

/** Everything a refusal before the sandbox must show. */
function expectRefusedBeforeSandbox(run: ActionRun, marker: string, reason: string, message: string): void {
  expect(run.outputs).toMatchObject({ outcome: 'failed', reason });
  expect(run.exitCode).toBe(1);
  expect(existsSync(marker)).toBe(false);
  expect(run.state['sandbox-id'] ?? '').toBe('');
  expect(run.stdout).toContain(message);
  expect(run.stdout).not.toMatch(/Snapshot|Boot \(/);
  const posted = (github?.calls ?? []).filter((c) => c.method !== 'GET');
  expect(posted).toEqual([]);
  expect(github?.comments.filter((c) => c.body.startsWith(TRACKING)) ?? []).toEqual([]);
}

describe('preflight: GitHub probe in pull-request mode', () => {
  it.each([
    ['a wrong token', WRONG],
    ['an expired App token', EXPIRED],
  ])('%s → token-invalid before the sandbox', async (_label, token) => {
    const s = await setup();
    const run = await s.run({ inputs: { 'github-token': token } });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'token-invalid',
      'github-token is invalid or expired (GitHub answered 401 Bad credentials). Pass a valid token',
    );
  });

  it('a token that cannot see the repository (404) → permission-missing', async () => {
    const s = await setup();
    github!.faults.push({
      method: 'GET',
      path: '/repos/octo/demo',
      status: 404,
      body: { message: 'Not Found' },
    });
    const run = await s.run();
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'permission-missing',
      'github-token cannot see octo/demo (GitHub answered 404 Not Found).',
    );
  });

  it('a missing base-branch → base-missing, naming the branch and the input', async () => {
    const s = await setup();
    const run = await s.run({ inputs: { 'base-branch': 'develop' } });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'base-missing',
      "The base branch 'develop' does not exist in octo/demo. Set base-branch to an existing branch",
    );
  });

  it('a read-only token (403 on git-receive-pack) → permission-missing naming contents: write', async () => {
    const s = await setup();
    const run = await s.run({ inputs: { 'github-token': READ_ONLY } });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'permission-missing',
      'github-token may not push to octo/demo (HTTP 403 on git-receive-pack). Give the job `permissions: contents: write`',
    );
    // The probe sent the token as basic auth in a header, never in the URL.
    const probe = server!.requests.find((r) => r.path === '/octo/demo.git/info/refs');
    expect(probe?.authorization).toBe(
      `basic ${Buffer.from(`x-access-token:${READ_ONLY}`).toString('base64')}`,
    );
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(READ_ONLY);
  });

  it('a valid token passes the probe, the agent runs and the PR opens; preflight time is in the summary', async () => {
    const s = await setup();
    github!.branches.set('octo/demo', new Set(['release']));
    // Once for warm-up, then measured, on the same fakes.
    const run = await s.run({ inputs: { 'base-branch': 'main' } });
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', reason: '' });
    expect(run.exitCode).toBe(0);
    expect(existsSync(s.marker)).toBe(true);
    const paths = github!.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths).toContain('GET /repos/octo/demo');
    expect(paths).toContain('GET /repos/octo/demo/branches/main');
    expect(server!.requests.some((r) => r.path === '/octo/demo.git/info/refs' && r.authorized)).toBe(true);
    const preflightMs = Number(run.summary.match(/\| preflight \| (\d+) ms \|/)?.[1]);
    expect(preflightMs).toBeGreaterThanOrEqual(0);
    expect(preflightMs).toBeLessThan(5_000);
    console.log(`preflight against the fakes: ${preflightMs} ms`);
  });

  it('GitHub down (5xx) → retried briefly, then the run goes on with a warning', async () => {
    const s = await setup();
    github!.faults.push({ method: 'GET', path: '/repos/octo/demo', status: 502, times: 3 });
    const run = await s.run({ inputs: { output: 'both' } });
    expect(run.stdout).toMatch(/Could not check the github-token before starting .*going on\./);
    expect(github!.calls.filter((c) => c.path === '/repos/octo/demo').length).toBeGreaterThanOrEqual(3);
    expect(existsSync(s.marker)).toBe(true);
  });
});

describe('preflight: inputs refused at parse time', () => {
  it.each([
    ['branch-prefix with a space', { 'branch-prefix': 'agent bot/' }, "Invalid branch-prefix 'agent bot/'"],
    ['branch-prefix with ..', { 'branch-prefix': 'agent..x/' }, "Invalid branch-prefix 'agent..x/'"],
    [
      'a refs/ branch-prefix',
      { 'branch-prefix': 'refs/heads/agent/' },
      'it must not start with refs/ (the action adds refs/heads/ itself); drop the refs/heads/ part.',
    ],
    [
      'artifact-name with a slash',
      { 'artifact-name': 'agent/patch', output: 'artifact' },
      'Invalid artifact-name: the artifact service refuses the character(s) "/"',
    ],
    [
      'network: none on provider: local',
      { network: 'none' },
      'network: none cannot be enforced by provider: local',
    ],
    [
      'a network allowlist on provider: local',
      { network: 'api.example.com' },
      'network: an allowlist cannot be enforced by provider: local',
    ],
  ])('%s → invalid-input, the agent never runs', async (_label, inputs, message) => {
    const s = await setup();
    const run = await s.run({ inputs });
    expectRefusedBeforeSandbox(run, s.marker, 'invalid-input', message);
  });
});

describe('preflight: agent-env written with dotenv quotes or spaces', () => {
  it.each([
    ['double quotes', 'PROBE_KEY="sk-ant-preflight-quoted-0123456789"'],
    ['single quotes', "PROBE_KEY='sk-ant-preflight-quoted-0123456789'"],
    ['spaces around =', 'PROBE_KEY = sk-ant-preflight-quoted-0123456789'],
  ])('%s: the agent gets the bare value, the log names the variable, never the value', async (_l, line) => {
    const s = await setup();
    const run = await s.run({ inputs: { 'agent-env': line, output: 'artifact' } });
    expect(run.outputs['outcome']).toBe('artifact');
    expect(readFileSync(s.marker, 'utf8')).toBe('sk-ant-preflight-quoted-0123456789');
    expect(run.stdout).toContain(
      '::warning::agent-env PROBE_KEY: removed the quotes or spaces around its value',
    );
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain('preflight-quoted');
    // Both the raw and the normalized value are masked.
    expect(run.stdout).toContain('::add-mask::sk-ant-preflight-quoted-0123456789');
  });
});

describe('preflight: GHES', () => {
  it.each(['artifact', 'both'])(
    'output: %s on a GHES runner → invalid-input before the sandbox, nothing uploaded',
    async (output) => {
      const s = await setup();
      artifacts = await startFakeArtifactService();
      const run = await s.run({
        inputs: { output },
        env: { ...artifacts.env, GITHUB_SERVER_URL: 'https://github.acme-corp.example' },
      });
      expectRefusedBeforeSandbox(
        run,
        s.marker,
        'invalid-input',
        'does not support on GitHub Enterprise Server (https://github.acme-corp.example). Use output: pull-request on GHES',
      );
      expect(artifacts.calls).toEqual([]);
    },
  );

  it('ghe.com (data residency) is not GHES: output: artifact runs and uploads', async () => {
    const s = await setup();
    artifacts = await startFakeArtifactService();
    const run = await s.run({
      inputs: { output: 'artifact' },
      env: { ...artifacts.env, GITHUB_SERVER_URL: 'https://acme.ghe.com' },
    });
    expect(run.outputs['outcome']).toBe('artifact');
    expect(existsSync(s.marker)).toBe(true);
  });
});

describe('preflight: comment trigger', () => {
  it('provider: daytona without a key → refused before the 👀 reaction and the tracking comment', async () => {
    const s = await setup();
    github!.permissions.set('octocat', {
      body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
    });
    const run = await s.run({
      inputs: { provider: 'daytona', prompt: '' },
      event: {
        name: 'issue_comment',
        payload: {
          action: 'created',
          issue: { number: 12, title: 'README is thin', body: 'Please expand it.' },
          comment: { id: 555, body: '/agent expand the README', user: { login: 'octocat', type: 'User' } },
          sender: { login: 'octocat' },
        },
      },
    });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'invalid-input',
      'No Daytona API key was given: set the daytona-api-key input or the DAYTONA_API_KEY environment variable.',
    );
    expect(github!.reactions).toEqual([]);
  });
});
