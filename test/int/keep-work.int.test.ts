import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 18 items 2 and 3 through the built action: after a successful verify the work is never lost
 * (artifact on a runner, out-dir otherwise or when the upload fails), and a pull request that was asked
 * for and not opened fails the step with the exact fix. Matrix legs keeping two distinct artifacts are
 * covered by test/int/parallel-jobs.int.test.ts.
 */
const TOKEN = 'ghs_KeepWorkWriteToken0123456789abcdefABCD';
const BRANCH = 'agent/dispatch-run-4242';

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
  runnerTemp: string;
  run(options?: { inputs?: Record<string, string>; env?: NodeJS.ProcessEnv }): Promise<ActionRun>;
}

async function setup(
  options: { expireRestAfter?: number; expireGitAfter?: number; output?: string } = {},
): Promise<Setup> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN, expireTokenAfterRequests: options.expireGitAfter });
  github = await startFakeGitHub({
    token: TOKEN,
    serverUrl: server.url,
    expireTokenAfterCalls: options.expireRestAfter,
  });
  server.createRepo('octo/demo', repo.origin);
  const runnerTemp = tempDir('sa-keep-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, 'set -e\necho "more docs" >> README.md\ngit commit -qam "Expand the README"\n');
  return {
    runnerTemp,
    run: ({ inputs = {}, env = {} } = {}) =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        inputs: {
          prompt: 'Expand the README.',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': TOKEN,
          output: options.output ?? 'pull-request',
          ...inputs,
        },
        env: { GITHUB_SERVER_URL: server!.url, GITHUB_API_URL: github!.url, ...env },
      }),
  };
}

function remoteBranches(): string[] {
  return git(server!.repoPath('octo/demo'), ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])
    .split('\n')
    .filter(Boolean);
}

/** The verified work is on disk where the outputs and the summary say, and it applies. */
function expectKeptInOutDir(run: ActionRun, runnerTemp: string): void {
  const mbox = run.outputs['patch-path']!;
  expect(mbox).toBe(join(runnerTemp, 'sandbox-agent', 'agent.mbox'));
  expect(existsSync(mbox)).toBe(true);
  expect(readFileSync(mbox, 'utf8')).toContain('Subject: [PATCH] Expand the README');
  expect(existsSync(run.outputs['meta-path']!)).toBe(true);
  expect(run.summary).toContain(mbox);
  expect(run.summary).toContain('git am --keep-cr --patch-format=mboxrd agent.mbox');
  expect(run.summary).not.toMatch(/Download the artifact/);
}

describe('asked for a pull request, none opened → red, the work kept (issue 18 item 3)', () => {
  it('push denied at delivery (403, no contents: write) → failed / permission-missing, kept, hint', async () => {
    const s = await setup();
    // The preflight's receive-pack probe passes; the push itself meets GitHub's 403 (ux-findings row 43).
    server!.faults.push({
      service: 'git-receive-pack',
      phase: 'advertise',
      status: 403,
      body: 'Permission to octo/demo.git denied to github-actions[bot].\n',
      times: 10,
      skip: 1,
    });
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'permission-missing', branch: '' });
    expect(run.stdout).toMatch(
      /::error::No pull request was opened: .*give the job `permissions: contents: write`/,
    );
    expect(run.summary).toContain('permissions: contents: write');
    expect(run.summary).toContain('No pull request was opened');
    expect(remoteBranches()).toEqual(['main']);
    expectKeptInOutDir(run, s.runnerTemp);
  });

  it('token expired between the preflight and the push → failed / token-invalid, kept', async () => {
    // The preflight makes one REST call (GET /repos) and one git request (the receive-pack probe).
    const s = await setup({ expireRestAfter: 1, expireGitAfter: 1 });
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'token-invalid' });
    expect(run.stdout).toContain('expired or was revoked');
    expect(run.stdout).toContain('GitHub App tokens expire after one hour');
    expect(run.stdout).not.toContain('internal-error');
    expect(remoteBranches()).toEqual(['main']);
    expectKeptInOutDir(run, s.runnerTemp);
  });

  it('token expired after the push (401 on the PR calls) → branch-pushed / token-invalid, compare link', async () => {
    // git keeps working (the push lands); the REST token dies after the preflight's GET /repos and
    // delivery's GET /repos (the default branch as the base).
    const s = await setup({ expireRestAfter: 2 });
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'branch-pushed', reason: 'token-invalid', branch: BRANCH });
    expect(remoteBranches()).toContain(BRANCH);
    expect(run.summary).toContain(
      `${server!.url}/octo/demo/compare/main...${encodeURIComponent(BRANCH)}?expand=1`,
    );
    expect(run.summary).toContain('Bad credentials');
    expect(existsSync(run.outputs['patch-path']!)).toBe(true);
    expect(github!.pulls).toHaveLength(0);
  });

  it('GitHub 5xx on every POST /pulls after the push → branch-pushed with the compare link, red', async () => {
    const s = await setup();
    github!.faults.push({ method: 'POST', path: '/repos/octo/demo/pulls', status: 503, times: 10 });
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'branch-pushed', reason: 'push-rejected', branch: BRANCH });
    expect(run.summary).toContain(`/octo/demo/compare/main...${encodeURIComponent(BRANCH)}?expand=1`);
    expect(remoteBranches()).toContain(BRANCH);
  }, 120_000);

  it('a push rule refusal (GH013) → failed / push-rejected, the reason verbatim, kept', async () => {
    const s = await setup();
    server!.rejectPushes('octo/demo', 'error: GH013: Repository rule violations found for refs/heads/x.');
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'push-rejected' });
    expect(run.summary).toContain('GH013: Repository rule violations found');
    expectKeptInOutDir(run, s.runnerTemp);
  });
});

describe('the artifact upload fails → the work stays in out-dir and the summary says where (item 2)', () => {
  it('storage quota hit on CreateArtifact → failed / artifact-upload-failed, mbox on disk, no "download"', async () => {
    repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
    artifacts = await startFakeArtifactService();
    artifacts.failCreate = {
      status: 429,
      code: 'resource_exhausted',
      msg: 'insufficient usage to create artifact',
    };
    const runnerTemp = tempDir('sa-keep-');
    const agent = join(runnerTemp, 'agent.sh');
    writeFileSync(agent, 'set -e\necho "more docs" >> README.md\ngit commit -qam "Expand the README"\n');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Expand the README.',
        provider: 'local',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
      },
      env: { ...artifacts.env },
    });
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({
      outcome: 'failed',
      reason: 'artifact-upload-failed',
      'artifact-id': '',
    });
    expect(run.stdout).toContain('Artifact storage quota has been hit');
    expect(run.summary).toContain('the artifact upload failed');
    expect(run.summary).toContain('The patch was not uploaded; it is on the runner at');
    expect(artifacts.artifacts.size).toBe(0);
    expectKeptInOutDir(run, runnerTemp);
  });
});

describe('comment trigger without issues: write (ux-findings row 60)', () => {
  it('one warning naming issues: write instead of three vague ones; the PR is still opened', async () => {
    const s = await setup();
    github!.permissions.set('octocat', {
      body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
    });
    // What GitHub answers a token without issues: write on the reaction and comment endpoints
    // (docs.github.com/rest/reactions, docs.github.com/rest/issues/comments: 403).
    const denied = { message: 'Resource not accessible by integration', status: '403' };
    for (const path of [/\/reactions$/, /\/issues\/\d+\/comments$/, /\/issues\/comments\/\d+$/]) {
      github!.faults.push({ method: 'POST', path, status: 403, body: denied, times: 10 });
      github!.faults.push({ method: 'PATCH', path, status: 403, body: denied, times: 10 });
    }
    const run = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp: s.runnerTemp,
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
        provider: 'local',
        agent: 'custom',
        'agent-command': `sh ${join(s.runnerTemp, 'agent.sh')}`,
        'github-token': TOKEN,
      },
      env: {
        GITHUB_SERVER_URL: server!.url,
        GITHUB_API_URL: github!.url,
        GITHUB_TOKEN: TOKEN,
        GITHUB_ACTOR_ID: '583231',
      },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['outcome']).toBe('pr-opened');
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings.filter((w) => /Resource not accessible by integration/.test(w))).toHaveLength(1);
    expect(warnings.join('\n')).toContain('permissions: issues: write');
    expect(run.stdout).not.toContain('Could not update the tracking comment');
    expect(run.stdout).not.toContain('Could not add the');
  });
});
