import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 17 items 5 and 6 (+ issue 18 item 3) on the built action: faults on the git transport in front
 * of a real `git http-backend`, and GitHub refusing the PR after the branch was pushed.
 */
const TOKEN = 'ghs_WireDeliveryTestToken0123456789abcdef';
const BRANCH = 'agent/dispatch-run-4242';
const AGENT = 'echo x >> README.md && git commit -qam x';

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
});

async function setup(): Promise<{ runnerTemp: string; run: () => Promise<ActionRun> }> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN });
  github = await startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  const runnerTemp = tempDir('sa-wire-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, `set -e\n${AGENT}\n`);
  return {
    runnerTemp,
    run: () =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        inputs: {
          prompt: 'Improve the README',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': TOKEN,
        },
        env: { GITHUB_SERVER_URL: server!.url, GITHUB_API_URL: github!.url, GITHUB_TOKEN: TOKEN },
      }),
  };
}

function remoteBranches(): string[] {
  return git(server!.repoPath('octo/demo'), ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])
    .split('\n')
    .filter(Boolean);
}

describe('git transport faults (issue 17 item 5)', () => {
  it('a 502 on ls-remote and a 502 on the push are retried: the PR is opened', async () => {
    const s = await setup();
    // The first ref advertisement and the first pack upload answer 502, as GitHub's front end does.
    server!.faults.push(
      { service: 'git-upload-pack', phase: 'advertise', status: 502, body: 'Unicorn! 502\n', times: 1 },
      { service: 'git-receive-pack', phase: 'rpc', status: 502, body: 'Unicorn! 502\n', times: 1 },
    );
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', branch: BRANCH });
    expect(remoteBranches()).toContain(BRANCH);
    expect(server!.faults.every((f) => f.times === 0)).toBe(true);
    expect(run.stdout).toMatch(/network error \(try 1\); retrying/);
  });

  it('a connection reset during the pack upload is retried', async () => {
    const s = await setup();
    server!.faults.push({ service: 'git-receive-pack', phase: 'rpc', status: 'reset', times: 1 });
    const run = await s.run();
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', branch: BRANCH });
    expect(git(server!.repoPath('octo/demo'), ['log', '-1', '--format=%s', BRANCH])).toBe('x');
  });

  it('a real 403 on the push is not retried and names contents: write', async () => {
    const s = await setup();
    server!.faults.push({
      service: 'git-receive-pack',
      phase: 'advertise',
      status: 403,
      body: 'Permission to octo/demo.git denied to github-actions[bot].\n',
      times: 100,
      // The preflight's receive-pack probe passes (test/int/preflight.int.test.ts covers its 403).
      skip: 1,
    });
    const run = await s.run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'permission-missing' });
    expect(run.summary).toContain('permissions: contents: write');
    expect(100 - server!.faults[0]!.times).toBe(1);
    expect(run.stdout).not.toMatch(/retrying/);
    expect(remoteBranches()).toEqual(['main']);
    expect(existsSync(run.outputs['patch-path']!)).toBe(true);
  });
});

describe('PR refused after the push (issue 17 item 6, issue 18 item 3)', () => {
  // Real answers of POST /repos/{o}/{r}/pulls
  // (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request, 403 and 422).
  const cases = [
    {
      name: 'token without pull-requests: write',
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '403',
      },
      reason: 'permission-missing',
      fix: 'permissions: pull-requests: write',
    },
    {
      name: 'Actions may not create pull requests',
      status: 403,
      body: {
        message: 'GitHub Actions is not permitted to create or approve pull requests.',
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '403',
      },
      reason: 'pr-creation-forbidden',
      fix: 'Allow GitHub Actions to create and approve pull requests',
    },
    {
      name: 'base branch missing',
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }],
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '422',
      },
      reason: 'base-missing',
      fix: 'Set base-branch to an existing branch',
    },
  ];
  for (const c of cases) {
    it(`${c.name} → branch-pushed, compare link, the fix, the work kept, the step fails`, async () => {
      const s = await setup();
      github!.faults.push({
        method: 'POST',
        path: '/repos/octo/demo/pulls',
        status: c.status,
        body: c.body,
        times: 5,
      });
      const run = await s.run();
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({
        outcome: 'branch-pushed',
        reason: c.reason,
        branch: BRANCH,
        'pr-number': '',
      });
      expect(remoteBranches()).toContain(BRANCH);
      const compare = `${server!.url}/octo/demo/compare/main...${encodeURIComponent(BRANCH)}?expand=1`;
      expect(run.summary).toContain(compare);
      expect(run.summary).toContain(c.fix);
      expect(run.stdout).toContain(`::error::`);
      expect(run.stdout).toContain(c.fix);
      // The verified work is kept (out-dir off a runner) and offered as a patch.
      expect(existsSync(run.outputs['patch-path']!)).toBe(true);
      // A refusal is not retried (one create call).
      expect(
        github!.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/pulls')),
      ).toHaveLength(1);
    });
  }
});
