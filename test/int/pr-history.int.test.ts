import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 20 item 4, end to end on the built action: on a PR comment the sandbox holds the PR's merge base
 * and its commits, under `origin/<base>` and `refs/sandbox-agent/base`; other runs still ship the tip only.
 * The checkout is `--depth 1` (actions/checkout's default), so the history is fetched with the token.
 */
const TOKEN = 'ghs_PrHistoryTestToken0123456789abcdefgh';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
});

/** The agent records what git shows of the history into `seen.txt` and commits it. */
const AGENT = `set -u
{
  echo "== log origin"; git log --format=%s origin/main..HEAD -- 2>&1 || echo "log origin failed"
  echo "== log fixed"; git log --format=%s refs/sandbox-agent/base..HEAD -- 2>&1 || echo "log fixed failed"
  echo "== diff"; git diff --stat origin/main...HEAD -- 2>&1 || echo "diff failed"
  echo "== count"; git rev-list --count HEAD -- 2>&1
  echo "== refs"; git for-each-ref --format='%(refname)' 2>&1
} > seen.txt
cp "$AGENT_PROMPT_FILE" "$SENTINELS/prompt.txt"
git add seen.txt
git commit -qm "Record what the agent saw"
`;

interface Setup {
  sentinels: string;
  run(
    event: { name: string; payload: Record<string, unknown> },
    inputs?: Record<string, string>,
  ): Promise<ActionRun>;
}

async function setup(): Promise<Setup> {
  repo = makeRepo({ files: { 'README.md': '# demo\n', 'src/app.txt': 'one\n' }, commits: 3 });
  server = await startGitServer({ token: TOKEN });
  github = await startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  github.permissions.set('octocat', WRITE);
  const runnerTemp = tempDir('sa-history-');
  const sentinels = join(runnerTemp, 'sentinels');
  mkdirSync(sentinels);
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, AGENT);
  return {
    sentinels,
    run: (event, inputs = {}) =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        event,
        inputs: {
          prompt: '',
          provider: 'local',
          agent: 'custom',
          'agent-command': `SENTINELS='${sentinels}' sh ${agent}`,
          'github-token': TOKEN,
          ...inputs,
        },
        env: {
          GITHUB_SERVER_URL: server!.url,
          GITHUB_API_URL: github!.url,
          GITHUB_TOKEN: TOKEN,
          GITHUB_ACTOR_ID: '583231',
        },
      }),
  };
}

/**
 * Pushes a 3-commit PR branch `feature` off main, then (when `moveMain`) a newer commit on main, and
 * registers PR #7 the way `GET /pulls/7` reports it: base.sha is main's tip, `commits` the PR's count.
 */
function openPull(options: { moveMain: boolean }): { headSha: string; mergeBase: string } {
  const work = tempDir('sa-feature-');
  git(work, ['clone', '-q', server!.repoPath('octo/demo'), '.']);
  const mergeBase = git(work, ['rev-parse', 'HEAD']);
  git(work, ['checkout', '-q', '-b', 'feature']);
  for (const [i, subject] of ['PR one', 'PR two', 'PR three'].entries()) {
    writeFileSync(join(work, `feature-${i}.txt`), `${subject}\n`);
    git(work, ['add', '-A']);
    git(work, ['commit', '-qm', subject]);
  }
  git(work, ['push', '-q', 'origin', 'HEAD:refs/heads/feature']);
  const headSha = git(work, ['rev-parse', 'HEAD']);
  git(work, ['checkout', '-q', 'main']);
  if (options.moveMain) {
    writeFileSync(join(work, 'main-moved.txt'), 'newer main\n');
    git(work, ['add', '-A']);
    git(work, ['commit', '-qm', 'Main moved on']);
    git(work, ['push', '-q', 'origin', 'HEAD:refs/heads/main']);
  }
  github!.pulls.push({
    number: 7,
    state: 'open',
    title: 'Feature',
    body: 'Adds a feature',
    draft: false,
    commits: 3,
    head: { ref: 'feature', label: 'octo:feature', sha: headSha, repo: { full_name: 'octo/demo' } },
    base: { ref: 'main', sha: git(work, ['rev-parse', 'HEAD']), repo: { full_name: 'octo/demo' } },
    html_url: '',
    labels: [],
    requested_reviewers: [],
    user: { login: 'octocat' },
  });
  return { headSha, mergeBase };
}

const prComment = {
  name: 'issue_comment',
  payload: {
    action: 'created',
    issue: { number: 7, title: 'Feature', body: 'Adds a feature', pull_request: {} },
    comment: { id: 555, body: '/agent look at your history', user: { login: 'octocat', type: 'User' } },
    sender: { login: 'octocat' },
  },
};

function section(seen: string, name: string): string {
  return seen.split(`== ${name}\n`)[1]?.split('\n== ')[0]?.trim() ?? '';
}

describe('the agent sees its pull request history', () => {
  it('PR comment on a depth-1 checkout whose base moved on: log and diff against the base show exactly the PR', async () => {
    const s = await setup();
    const { headSha, mergeBase } = openPull({ moveMain: true });
    const run = await s.run(prComment);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'pr-opened',
      branch: 'agent/pr-7-4242',
      'base-sha': headSha,
    });

    const bare = server!.repoPath('octo/demo');
    const seen = git(bare, ['show', 'agent/pr-7-4242:seen.txt']);
    expect(section(seen, 'log origin')).toBe('PR three\nPR two\nPR one');
    expect(section(seen, 'log fixed')).toBe('PR three\nPR two\nPR one');
    const diff = section(seen, 'diff');
    for (const file of ['feature-0.txt', 'feature-1.txt', 'feature-2.txt']) expect(diff).toContain(file);
    // The merge base, not main's newer tip: the base branch's later work is not in the PR's diff.
    expect(diff).not.toContain('main-moved.txt');
    expect(diff).toContain('3 files changed');
    // The merge base and the three PR commits, nothing older.
    expect(section(seen, 'count')).toBe('4');
    expect(section(seen, 'refs')).toContain('refs/remotes/origin/main');
    expect(section(seen, 'refs')).toContain('refs/sandbox-agent/base');

    // Capture is unaffected: the delivered branch is the head plus the agent's one commit.
    expect(git(bare, ['rev-list', '--count', `${headSha}..agent/pr-7-4242`])).toBe('1');
    expect(git(bare, ['rev-parse', 'agent/pr-7-4242~1'])).toBe(headSha);
    // The sandbox's base refs stay in the sandbox.
    expect(git(bare, ['for-each-ref', 'refs/sandbox-agent', 'refs/remotes'])).toBe('');
    expect(section(seen, 'diff')).toBe(git(bare, ['diff', '--stat', mergeBase, headSha, '--']).trim());

    const prompt = readFileSync(join(s.sentinels, 'prompt.txt'), 'utf8');
    expect(prompt).toContain('## Pull request history');
    expect(prompt).toContain('`git diff origin/main...HEAD`');
    expect(prompt).toContain("this pull request's 3 commit(s)");
    // The user's checkout was not moved.
    expect(git(repo!.checkout, ['rev-parse', 'HEAD'])).toBe(repo!.head);
  });

  it('a workflow_dispatch run still ships the tip only: no base ref, no history', async () => {
    const s = await setup();
    const run = await s.run(
      { name: 'workflow_dispatch', payload: {} },
      { prompt: 'Record history', output: 'artifact' },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const mbox = readFileSync(run.outputs['patch-path']!, 'utf8');
    expect(mbox).toContain('+== count\n+1\n');
    expect(mbox).toContain('+== refs\n+refs/heads/sandbox-agent\n+refs/remotes/snapshot/head\n');
    expect(mbox).toContain('log origin failed');
    const prompt = readFileSync(join(s.sentinels, 'prompt.txt'), 'utf8');
    expect(prompt).not.toContain('Pull request history');
  });
});
