import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROMPT_DETAILS_CLOSE, PROMPT_DETAILS_OPEN } from '../../src/deliver/pr-body.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { mentionsIn, violationsBesidesOurs } from '../helpers/github-text.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * output: pull-request end to end: the built action, the local provider, a scripted agent, a real git
 * smart-HTTP server (git http-backend) and a fake GitHub REST API.
 */
const TOKEN = 'ghs_PullRequestTestToken0123456789abcdef';
const BRANCH = 'agent/dispatch-run-4242';

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
});

interface Setup {
  runnerTemp: string;
  argvLog: string;
  sentinels: string;
  run(
    agentScript: string,
    extra?: { inputs?: Record<string, string>; env?: NodeJS.ProcessEnv },
  ): Promise<ActionRun>;
}

async function setup(): Promise<Setup> {
  repo = makeRepo({ files: { 'README.md': '# demo\n', 'src/app.txt': 'one\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN });
  github = await startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  const runnerTemp = tempDir('sa-runner-');
  // Every git process the action starts goes through this wrapper, which records its argv.
  const bin = join(runnerTemp, 'bin');
  mkdirSync(bin);
  const argvLog = join(runnerTemp, 'argv.log');
  const realGit = (await import('node:child_process'))
    .execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' })
    .trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const sentinels = join(runnerTemp, 'sentinels');
  mkdirSync(sentinels);
  return {
    runnerTemp,
    argvLog,
    sentinels,
    run: (agentScript, extra = {}) => {
      const agent = join(runnerTemp, `agent-${Date.now()}.sh`);
      writeFileSync(agent, `set -e\n${agentScript}\n`);
      return runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        inputs: {
          prompt: 'Improve the README',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': TOKEN,
          ...extra.inputs,
        },
        env: {
          PATH: `${bin}:${process.env['PATH']}`,
          GITHUB_SERVER_URL: server!.url,
          GITHUB_API_URL: github!.url,
          GITHUB_TOKEN: TOKEN,
          GITHUB_ACTOR_ID: '583231',
          ...extra.env,
        },
      });
    },
  };
}

function remoteBranches(): string[] {
  return git(server!.repoPath('octo/demo'), ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])
    .split('\n')
    .filter(Boolean);
}

describe('output: pull-request', () => {
  it('pushes the verified tree to a generated branch and opens one PR, authored by the bot', async () => {
    const s = await setup();
    const run = await s.run(
      `echo "better readme" >> README.md
       git commit -qam "Improve README" --author "Mallory <ceo@victim.example>" -m "Fixes #1, closes octo/other#3, Resolves: GH-2, fixed https://github.com/octo/demo/issues/4" -m "Co-authored-by: Maintainer <boss@example.com>" -m "Signed-off-by: Boss <boss@example.com>"
       echo extra > extra.txt
       printf 'Improved the README.\n\n<img src=https://evil.example/x.png> cc @everyone\n/agent do more\n' > "$AGENT_SUMMARY_FILE"`,
      { inputs: { 'pr-labels': 'agent, automated', 'pr-reviewers': 'alice', 'pr-draft': 'true' } },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'pr-opened',
      reason: '',
      branch: BRANCH,
      'pr-number': '100',
      commits: '2',
    });
    expect(run.outputs['pr-url']).toBe(`${server!.url}/octo/demo/pull/100`);

    const bare = server!.repoPath('octo/demo');
    expect(git(bare, ['rev-parse', `${BRANCH}^{tree}`])).toBe(run.outputs['head-tree']);
    expect(git(bare, ['rev-parse', `${BRANCH}~2`])).toBe(repo!.head);
    // Authors rewritten to the bot; attribution trailers replaced by the triggering user's.
    const log = git(bare, ['log', '--format=%an <%ae>|%cn|%B', `main..${BRANCH}`]);
    expect(log).not.toContain('Mallory');
    expect(log).not.toContain('boss@example.com');
    expect(log).toContain('github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>');
    expect(log).toContain('Co-authored-by: octocat <583231+octocat@users.noreply.github.com>');
    // Closing keywords in the agent's commit messages would close issues once merged: broken, still readable.
    expect(log).not.toMatch(
      /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*(?:[\w.-]+\/[\w.-]+)?(?:#|gh-)\d/i,
    );
    expect(log).not.toMatch(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*https?:\/\//i);
    expect(log.replaceAll('\u2060', '')).toContain(
      'Fixes #1, closes octo/other#3, Resolves: GH-2, fixed https://',
    );

    const creates = github!.calls.filter((c) => c.method === 'POST' && c.path === '/repos/octo/demo/pulls');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toMatchObject({
      head: BRANCH,
      base: 'main',
      title: 'Improve the README',
      draft: true,
    });
    const pull = github!.pulls[0]!;
    expect(pull.body).toContain('> Improve the README');
    expect(pull.body).toContain('`Improve README`');
    expect(pull.body).toContain('`extra.txt`');
    expect(pull.body).toContain('<!-- sandbox-agent:run=4242 -->');
    // The agent's own summary, sanitized: no raw HTML or foreign images, no live mention, no command.
    expect(pull.body).toContain('What the agent did');
    expect(pull.body).toContain('Improved the README.');
    expect(pull.body).not.toContain('@everyone');
    // Inert besides what we wrote on purpose: the marker, <details>, the requester's one mention.
    expect(
      violationsBesidesOurs(pull.body, {
        requester: 'octocat',
        html: [PROMPT_DETAILS_OPEN, PROMPT_DETAILS_CLOSE],
        allowedHosts: ['127.0.0.1'],
      }),
    ).toEqual([]);
    expect(mentionsIn(pull.body)).toEqual(['octocat']);
    expect(pull.labels.map((l) => l.name)).toEqual(['agent', 'automated']);
    expect(pull.requested_reviewers).toEqual([{ login: 'alice' }]);
    expect(run.summary).toContain('`pr-opened`');

    // The token never appears in argv, the logs, or out-dir; the git server saw it only as a header.
    expect(readFileSync(s.argvLog, 'utf8')).not.toContain(TOKEN);
    expect(readFileSync(s.argvLog, 'utf8')).not.toContain(
      Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
    );
    const logged = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(logged).not.toContain(TOKEN);
    for (const name of readdirSync(join(s.runnerTemp, 'sandbox-agent'))) {
      expect(readFileSync(join(s.runnerTemp, 'sandbox-agent', name), 'utf8')).not.toContain(TOKEN);
    }
    expect(server!.requests.every((r) => r.authorized)).toBe(true);
  });

  it('a re-run (attempt 2) updates the same branch and PR instead of opening a second one', async () => {
    const s = await setup();
    const first = await s.run('echo one >> README.md && git commit -qam one');
    expect(first.outputs['outcome']).toBe('pr-opened');
    const second = await s.run('echo two >> README.md && git commit -qam two', {
      env: { GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({ outcome: 'pr-updated', branch: BRANCH, 'pr-number': '100' });
    expect(github!.pulls).toHaveLength(1);
    expect(git(server!.repoPath('octo/demo'), ['show', `${BRANCH}:README.md`])).toContain('two');
  });

  it('never overwrites a branch the action did not create', async () => {
    const s = await setup();
    // A human-made branch with the generated name.
    git(repo!.origin, ['push', '-q', server!.repoPath('octo/demo'), `HEAD:refs/heads/${BRANCH}`]);
    const humanTip = git(server!.repoPath('octo/demo'), ['rev-parse', BRANCH]);
    const run = await s.run('echo x >> README.md && git commit -qam x');
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', branch: `${BRANCH}-1` });
    expect(git(server!.repoPath('octo/demo'), ['rev-parse', BRANCH])).toBe(humanTip);
  });

  it('PR creation forbidden → branch-pushed with a compare link in the summary, and the step fails', async () => {
    const s = await setup();
    github!.faults.push({
      method: 'POST',
      path: '/repos/octo/demo/pulls',
      status: 403,
      body: { message: 'GitHub Actions is not permitted to create or approve pull requests.' },
      times: 5,
    });
    const run = await s.run('echo x >> README.md && git commit -qam x');
    // A PR was asked for and not made (SPEC §9): red, with the branch and the work kept.
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      outcome: 'branch-pushed',
      reason: 'pr-creation-forbidden',
      branch: BRANCH,
      'pr-number': '',
    });
    expect(remoteBranches()).toContain(BRANCH);
    expect(run.summary).toContain(
      `${server!.url}/octo/demo/compare/main...${encodeURIComponent(BRANCH)}?expand=1`,
    );
    expect(github!.pulls).toHaveLength(0);
  });

  it('push rejected (GH013) → failed (a PR was asked for), the work kept, the reason verbatim', async () => {
    const s = await setup();
    server!.rejectPushes(
      'octo/demo',
      'error: GH013: Repository rule violations found for refs/heads/agent/dispatch-run-4242.\n- Cannot update this protected ref.',
    );
    const run = await s.run('echo x >> README.md && git commit -qam x');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'push-rejected' });
    expect(run.summary).toContain('GH013: Repository rule violations found');
    expect(run.outputs['patch-path']).not.toBe('');
    expect(remoteBranches()).toEqual(['main']);
    expect(github!.calls.some((c) => c.method === 'POST' && c.path.endsWith('/pulls'))).toBe(false);
  });

  it('502 on create (the PR was made) then a lookup → exactly one PR', async () => {
    const s = await setup();
    github!.faults.push({
      method: 'POST',
      path: '/repos/octo/demo/pulls',
      status: 502,
      afterHandler: true,
      times: 1,
    });
    const run = await s.run('echo x >> README.md && git commit -qam x');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['outcome']).toBe('pr-opened');
    expect(github!.pulls).toHaveLength(1);
    expect(github!.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/pulls'))).toHaveLength(1);
  });

  it('502 on create (nothing made), then 422 already exists on the retry → adopts, exactly one PR', async () => {
    const s = await setup();
    github!.faults.push({ method: 'POST', path: '/repos/octo/demo/pulls', status: 502, times: 1 });
    // The lookup after the 502 misses (eventual consistency), the retried create races a duplicate.
    github!.faults.push({ method: 'GET', path: '/repos/octo/demo/pulls', status: 200, body: [], times: 2 });
    github!.faults.push({
      method: 'POST',
      path: '/repos/octo/demo/pulls',
      status: 422,
      afterHandler: true,
      times: 1,
      body: {
        message: 'Validation Failed',
        errors: [{ message: 'A pull request already exists for octo:agent/dispatch-run-4242.' }],
      },
    });
    const run = await s.run('echo x >> README.md && git commit -qam x');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(github!.pulls).toHaveLength(1);
    expect(run.outputs['pr-number']).toBe('100');
  });

  it('honours retry-after on a secondary rate limit', async () => {
    const s = await setup();
    github!.faults.push({
      method: 'POST',
      path: '/repos/octo/demo/pulls',
      status: 403,
      headers: { 'retry-after': '2' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      times: 1,
    });
    const run = await s.run('echo x >> README.md && git commit -qam x');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['outcome']).toBe('pr-opened');
    const posts = github!.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/pulls'));
    expect(posts).toHaveLength(2);
    expect(github!.pulls).toHaveLength(1);
    expect(run.stdout).toContain('secondary rate limit');
  });

  it('a secret in the PR text (here the prompt) blocks the push and the PR', async () => {
    const s = await setup();
    const run = await s.run('echo x >> README.md && git commit -qam x', {
      inputs: { prompt: `Deploy with ghp_${'Z'.repeat(36)} please` },
    });
    expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'secret-detected' });
    expect(remoteBranches()).toEqual(['main']);
    expect(github!.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('output: both opens the PR and keeps the artifact', async () => {
    const s = await setup();
    const run = await s.run('echo x >> README.md && git commit -qam x', { inputs: { output: 'both' } });
    expect(run.outputs['outcome']).toBe('pr-opened');
    expect(existsSync(run.outputs['patch-path']!)).toBe(true);
  });

  it('a failed agent is never opened as a PR: its work goes to the artifact', async () => {
    const s = await setup();
    const run = await s.run('echo partial >> README.md\nexit 2');
    expect(run.outputs).toMatchObject({ outcome: 'artifact', reason: 'agent-failed', branch: '' });
    expect(remoteBranches()).toEqual(['main']);
  });
});

describe('adversarial patches never run code or get pushed unverified', () => {
  it('hooks from the checkout config and the runner config, and filters from the runner config, never run', async () => {
    const s = await setup();
    // Runner-level config (HOME is the runner temp dir): hooks path, and a filter driver.
    const hooks = join(s.runnerTemp, 'global-hooks');
    mkdirSync(hooks);
    for (const hook of [
      'pre-applypatch',
      'post-applypatch',
      'applypatch-msg',
      'post-commit',
      'pre-push',
      'post-checkout',
      'reference-transaction',
    ]) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch '${s.sentinels}/global-${hook}'\n`, { mode: 0o755 });
    }
    writeFileSync(
      join(s.runnerTemp, '.gitconfig'),
      `[core]\n\thooksPath = ${hooks}\n[filter "demo"]\n\tclean = touch ${s.sentinels}/filter-clean; cat\n\tsmudge = touch ${s.sentinels}/filter-smudge; cat\n`,
    );
    // Checkout-level config, as husky v6–8 leaves it.
    git(repo!.checkout, ['config', 'core.hooksPath', '.husky']);
    const run = await s.run(
      `mkdir -p .husky
       printf '#!/bin/sh\\ntouch ${s.sentinels}/husky-pre-applypatch\\n' > .husky/pre-applypatch
       printf '#!/bin/sh\\ntouch ${s.sentinels}/husky-post-applypatch\\n' > .husky/post-applypatch
       chmod +x .husky/pre-applypatch .husky/post-applypatch
       echo '* filter=demo' > .gitattributes
       git add -A && git commit -qm "hooks and attributes"
       echo changed >> src/app.txt && git commit -qam "modify after attributes"`,
      { inputs: { output: 'artifact' } },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    expect(readdirSync(s.sentinels)).toEqual([]);
  });

  it('a commit message hiding an unindented diff is caught by the tree check and nothing is pushed', async () => {
    const s = await setup();
    const message = [
      'innocent change',
      '',
      'diff --git a/SNEAKY b/SNEAKY',
      'new file mode 100644',
      'index 0000000..e69de29',
      '--- /dev/null',
      '+++ b/SNEAKY',
      '@@ -0,0 +1 @@',
      '+sneaky',
    ].join('\n');
    writeFileSync(join(s.runnerTemp, 'msg.txt'), `${message}\n`);
    const run = await s.run(`echo x >> README.md && git commit -q -a -F ${join(s.runnerTemp, 'msg.txt')}`);
    expect(run.exitCode).toBe(1);
    expect(run.outputs['reason']).toMatch(/tree-mismatch|apply-failed/);
    expect(remoteBranches()).toEqual(['main']);
    expect(github!.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('the token never reaches the sandbox environment', async () => {
    const s = await setup();
    const run = await s.run(`env > ${join(s.runnerTemp, 'sandbox-env.txt')}; echo x >> README.md`);
    expect(run.exitCode).toBe(0);
    const env = readFileSync(join(s.runnerTemp, 'sandbox-env.txt'), 'utf8');
    expect(env).not.toContain(TOKEN);
    expect(env).not.toMatch(/^(GITHUB_TOKEN|INPUT_GITHUB-TOKEN|ACTIONS_)/m);
  });
});
