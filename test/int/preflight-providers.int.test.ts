import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDaytona, startFakeDaytona } from '../fakes/daytona/index.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type FakeModal, startFakeModal } from '../fakes/modal/index.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 18 item 1, provider credentials: a wrong or revoked Daytona key or Modal token is found by one
 * authenticated call without side effects in the preflight stage, before the 👀 reaction, the tracking
 * comment, the snapshot and any sandbox. A probe that gets no answer is one warning and the run goes on.
 * The agent writes a marker outside the sandbox, so "the agent never ran" is observed, not assumed.
 */
const TOKEN = 'ghs_PreflightProviderToken0123456789abcdef';
const TRACKING = '<!-- sandbox-agent:tracking run=4242 -->';
const WRONG_DAYTONA_KEY = 'dtn_revoked0123456789abcdef0123456789abcdef';
const REVOKED_MODAL_ID = 'ak-RevokedTokenId0123456789';

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
let daytona: FakeDaytona | undefined;
let modal: FakeModal | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
  await daytona?.close();
  await modal?.close();
  repo = server = github = daytona = modal = undefined;
});

interface Setup {
  marker: string;
  run(options: { inputs?: Record<string, string>; env: NodeJS.ProcessEnv }): Promise<ActionRun>;
}

/** A `/agent` comment on issue 12 by a writer: the run would react 👀 and post a tracking comment. */
async function setup(): Promise<Setup> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN });
  github = await startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  github.permissions.set('octocat', {
    body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
  });
  const runnerTemp = tempDir('sa-preflight-provider-');
  const marker = join(runnerTemp, 'agent-ran');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, `set -e\n: > '${marker}'\necho "agent" >> README.md\n`);
  return {
    marker,
    run: ({ inputs = {}, env }) =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        event: {
          name: 'issue_comment',
          payload: {
            action: 'created',
            issue: { number: 12, title: 'README is thin', body: 'Please expand it.' },
            comment: { id: 555, body: '/agent expand the README', user: { login: 'octocat', type: 'User' } },
            sender: { login: 'octocat' },
          },
        },
        inputs: {
          prompt: '',
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

/** Refused in preflight: outputs, exit code, one sentence, and nothing started or posted. */
function expectRefusedBeforeSandbox(run: ActionRun, marker: string, sentence: string): void {
  expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'invalid-input' });
  expect(run.exitCode).toBe(1);
  expect(existsSync(marker)).toBe(false);
  expect(run.state['sandbox-id'] ?? '').toBe('');
  expect(run.stdout).toContain(sentence);
  expect(run.stdout).not.toMatch(/Snapshot|Boot \(/);
  expect(github!.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  expect(github!.comments.filter((c) => c.body.startsWith(TRACKING))).toEqual([]);
  expect(github!.reactions).toEqual([]);
}

function daytonaInputs(): Record<string, string> {
  // The Daytona fake runs commands on the host: the work dir must be a writable host path.
  return { provider: 'daytona', workdir: join(tempDir('sa-daytona-root-'), 'workspace') };
}

describe('preflight: provider credentials are checked with the provider', () => {
  it('a wrong Daytona key (401) → failed / invalid-input before the 👀, the comment and any sandbox', async () => {
    const s = await setup();
    daytona = await startFakeDaytona();
    const run = await s.run({
      inputs: daytonaInputs(),
      env: { DAYTONA_API_URL: daytona.url, DAYTONA_API_KEY: WRONG_DAYTONA_KEY },
    });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'Daytona refused the API key (HTTP 401: Unauthorized). Set the daytona-api-key input (or DAYTONA_API_KEY) to a valid key: create one at https://app.daytona.io/dashboard/keys',
    );
    // One read, no write: the probe is the only call the fake saw, and it created nothing.
    expect(daytona.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(['GET /api/sandbox 401']);
    expect(daytona.sandboxes()).toEqual([]);
    // The wrong key is still a secret: masked, never printed.
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(WRONG_DAYTONA_KEY);
  });

  it('a revoked Modal token (UNAUTHENTICATED) → failed / invalid-input, no app, image or sandbox', async () => {
    const s = await setup();
    modal = await startFakeModal({ revokedTokenIds: [REVOKED_MODAL_ID] });
    const run = await s.run({
      inputs: { provider: 'modal' },
      env: { ...modal.env, MODAL_TOKEN_ID: REVOKED_MODAL_ID },
    });
    expectRefusedBeforeSandbox(
      run,
      s.marker,
      'Set the modal-token-id and modal-token-secret inputs (or MODAL_TOKEN_ID and MODAL_TOKEN_SECRET) to a valid token pair: create one at https://modal.com/settings/tokens',
    );
    expect(run.stdout).toMatch(/Modal refused the token \(UNAUTHENTICATED: .*Invalid token id or secret\)\./);
    // AuthTokenGet is refused, so nothing else is reached: no app, no image, no sandbox.
    expect(modal.calls.map((c) => c.method)).toEqual(['AuthTokenGet']);
    expect(modal.sandboxes()).toEqual([]);
  });

  it('a valid Modal token for an app that does not exist yet passes the probe (NOT_FOUND creates nothing)', async () => {
    const s = await setup();
    modal = await startFakeModal();
    const run = await s.run({ inputs: { provider: 'modal', 'modal-app': 'never-created' }, env: modal.env });
    expect(run.stdout).not.toMatch(/Modal refused|Could not check the modal credentials/);
    const methods = modal.calls.map((c) => c.method);
    // The probe's lookup (objectCreationType 0, never create) precedes the real run's get-or-create (1).
    const creationTypes = modal.calls
      .filter((c) => c.method === 'AppGetOrCreate')
      .map((c) => (c.request as { objectCreationType?: number }).objectCreationType ?? 0);
    expect(creationTypes).toEqual([0, 1]);
    expect(methods).toContain('SandboxCreateV2');
    expect(existsSync(s.marker)).toBe(true);
    expect(run.outputs['outcome']).toBe('pr-opened');
  });

  it('Daytona unreachable for the probe (connection dropped) → one warning, the run goes on and opens the PR', async () => {
    const s = await setup();
    daytona = await startFakeDaytona();
    // The SDK replays a GET whose connection failed twice (@daytona/sdk utils/RetryAdapter.js
    // MAX_RETRIES = 2): all three attempts of the probe are dropped; later calls are answered.
    daytona.faults.add({ method: 'GET', path: '/api/sandbox', drop: 'before', times: 3 });
    const run = await s.run({
      inputs: daytonaInputs(),
      env: { DAYTONA_API_URL: daytona.url, DAYTONA_API_KEY: daytona.apiKey },
    });
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(
      warnings.filter((w) => w.includes('Could not check the daytona credentials before starting')),
    ).toHaveLength(1);
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', reason: '' });
    expect(run.exitCode).toBe(0);
    expect(existsSync(s.marker)).toBe(true);
    expect(daytona.calls.filter((c) => c.method === 'GET' && c.path === '/api/sandbox')).toHaveLength(3);
  });

  it('Daytona 503 on the probe → one warning, the run goes on (a flaky API never fails a run that would work)', async () => {
    const s = await setup();
    daytona = await startFakeDaytona();
    daytona.faults.add({ method: 'GET', path: '/api/sandbox', status: 503, times: 1 });
    const run = await s.run({
      inputs: daytonaInputs(),
      env: { DAYTONA_API_URL: daytona.url, DAYTONA_API_KEY: daytona.apiKey },
    });
    expect(run.stdout).toMatch(
      /::warning::Could not check the daytona credentials before starting \(.*\); going on\./,
    );
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', reason: '' });
    expect(run.exitCode).toBe(0);
  });

  it('Daytona silent on the probe → the probe gives up after about 10 s with a warning, the run goes on', async () => {
    const s = await setup();
    daytona = await startFakeDaytona();
    daytona.faults.add({ method: 'GET', path: '/api/sandbox', delayMs: 20_000, drop: 'before', times: 1 });
    const started = Date.now();
    const run = await s.run({
      inputs: daytonaInputs(),
      env: { DAYTONA_API_URL: daytona.url, DAYTONA_API_KEY: daytona.apiKey },
    });
    expect(run.stdout).toMatch(/::warning::Could not check the daytona credentials before starting/);
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened' });
    // Bounded: the run did not wait for the 20 s silence.
    expect(Date.now() - started).toBeLessThan(19_000);
  }, 40_000);
});
