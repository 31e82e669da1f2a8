import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, type FakePull, type FakeReview, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { linksIn, mentionsIn } from '../helpers/github-text.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 20 item 6 end to end (built action, local provider, real git smart-HTTP server, fake GitHub):
 * `allow-fork-prs: suggest` turns the verified change to a fork PR into one review of suggested changes
 * on the fork PR's own diff lines; nothing is pushed, no PR or branch is made, the mbox is kept.
 */
const TOKEN = 'ghs_ForkSuggestTestToken0123456789abcdef';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};
const lines = (n: number, name: (i: number) => string) =>
  `${Array.from({ length: n }, (_, i) => name(i + 1)).join('\n')}\n`;
const APP = lines(40, (i) => `line ${i}`);
const DOCS = lines(10, (i) => `doc ${i}`);

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
});

interface Setup {
  bare: string;
  forkHead: string;
  runnerTemp: string;
  agentDoes(script: string): void;
  run(inputs?: Record<string, string>): Promise<ActionRun>;
}

/** A fork PR #7 (mallory/demo) that changes lines 10 and 30 of src/app.txt, exposed as refs/pull/7/head. */
async function setup(
  options: { pullDiff?: (pull: FakePull) => string | undefined; sameRepo?: boolean } = {},
): Promise<Setup> {
  repo = makeRepo({ files: { 'src/app.txt': APP, 'docs.txt': DOCS }, commits: 1 });
  server = await startGitServer({ token: TOKEN });
  const bare = server.createRepo('octo/demo', repo.origin);
  const fork = tempDir('sa-fork-');
  git(fork, ['clone', '-q', bare, '.']);
  writeFileSync(
    join(fork, 'src/app.txt'),
    APP.replace('line 10\n', 'fork 10\n').replace('line 30\n', 'fork 30\n'),
  );
  git(fork, ['-c', 'user.name=Mallory', '-c', 'user.email=m@example.com', 'commit', '-qam', 'Fork work']);
  git(fork, ['push', '-q', 'origin', 'HEAD:refs/pull/7/head']);
  if (options.sameRepo) git(fork, ['push', '-q', 'origin', 'HEAD:refs/heads/feature']);
  const headRepo = options.sameRepo ? 'octo/demo' : 'mallory/demo';
  const forkHead = git(fork, ['rev-parse', 'HEAD']);
  const mainSha = git(bare, ['rev-parse', 'refs/heads/main']);
  // What GitHub shows as the PR's diff: base...head, 3 lines of context.
  const prDiff = () => git(bare, ['diff', '--no-color', `${mainSha}...${forkHead}`]);
  github = await startFakeGitHub({
    token: TOKEN,
    serverUrl: server.url,
    pullDiff: options.pullDiff ?? prDiff,
  });
  github.permissions.set('octocat', WRITE);
  github.pulls.push({
    number: 7,
    state: 'open',
    title: 'Fork feature',
    body: 'Please review.',
    draft: false,
    head: {
      ref: 'feature',
      label: `${headRepo.split('/')[0]}:feature`,
      sha: forkHead,
      repo: { full_name: headRepo },
    },
    base: { ref: 'main', sha: mainSha, repo: { full_name: 'octo/demo' } },
    commits: 1,
    html_url: `${server.url}/octo/demo/pull/7`,
    labels: [],
    requested_reviewers: [],
    user: { login: 'mallory' },
  });
  const runnerTemp = tempDir('sa-fork-suggest-');
  const agent = join(runnerTemp, 'agent.sh');
  return {
    bare,
    forkHead,
    runnerTemp,
    agentDoes: (script) =>
      writeFileSync(agent, `set -e\n${script}\ngit add -A\ngit commit -qm "Agent change"\n`),
    run: (inputs = {}) =>
      runBuiltAction({
        workspace: repo!.checkout,
        runnerTemp,
        event: {
          name: 'issue_comment',
          payload: {
            action: 'created',
            issue: { number: 7, title: 'Fork feature', body: 'Please review.', pull_request: {} },
            comment: { id: 562, body: '/agent tidy this up', user: { login: 'octocat', type: 'User' } },
            sender: { login: 'octocat' },
          },
        },
        inputs: {
          prompt: '',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': TOKEN,
          'allow-fork-prs': 'suggest',
          ...inputs,
        },
        env: {
          GITHUB_SERVER_URL: server!.url,
          GITHUB_API_URL: github!.url,
          GITHUB_TOKEN: TOKEN,
          GITHUB_RUN_ID: '4242',
        },
      }),
  };
}

const HOSTILE = ['```', '@mallory see [this](https://evil.example)', '```suggestion', 'rm -rf /'];
const AGENT_SCRIPT = [
  // Edited bottom-up so each sed's line numbers are the head file's.
  // A pure insertion after line 30 (the fork's changed line).
  `sed -i '30a\\\nafter thirty' src/app.txt`,
  // Line 12 becomes content with fences in it: the suggestion's own fence must be longer.
  `sed -i '12c\\\n${HOSTILE.join('\\\n')}' src/app.txt`,
  // Lines 9-10 (inside the PR hunk around line 10) become three lines: a multi-line suggestion.
  `sed -i '9,10c\\\nnine a\\\nnine b\\\nten c' src/app.txt`,
  // Outside the PR's diff, and a new file: listed in the review body, not comments.
  `sed -i '5c\\\ndoc five' docs.txt`,
  `printf 'new\\n' > NEW.md`,
].join('\n');

const HOSTILE_SUMMARY =
  'Tidied it. @admin please merge ![px](https://evil.example/p.png) [x](https://evil.example/)';

/** Applies a review's suggestions to the head content as GitHub's "Commit suggestion" would. */
function applySuggestions(content: string, review: FakeReview, path: string): string {
  const fileLines = content.split('\n');
  const comments = review.comments
    .filter((c) => c.path === path)
    .sort((a, b) => (b.line ?? 0) - (a.line ?? 0));
  for (const c of comments) {
    const body = c.body.split('\n');
    const replacement = body.slice(1, -1);
    const start = (c.start_line ?? c.line!) - 1;
    fileLines.splice(start, c.line! - start, ...replacement);
  }
  return fileLines.join('\n');
}

const receivePacks = () => server!.requests.filter((r) => r.path.includes('receive-pack'));

describe('allow-fork-prs: suggest', () => {
  it('fork PR: one COMMENT review on the head SHA whose suggestions rebuild the verified file; nothing pushed', async () => {
    const s = await setup();
    s.agentDoes(`${AGENT_SCRIPT}\nprintf '%s\\n' '${HOSTILE_SUMMARY}' > "$AGENT_SUMMARY_FILE"`);
    const run = await s.run();
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'artifact',
      reason: '',
      suggestions: '3',
      'pr-number': '7',
      'pr-url': `${server!.url}/octo/demo/pull/7`,
      branch: '',
      'base-sha': s.forkHead,
    });
    expect(github!.reviews).toHaveLength(1);
    const review = github!.reviews[0]!;
    expect(review).toMatchObject({ pull_number: 7, commit_id: s.forkHead, event: 'COMMENT' });
    expect(review.comments).toEqual([
      {
        path: 'src/app.txt',
        start_line: 9,
        line: 10,
        side: 'RIGHT',
        start_side: 'RIGHT',
        body: '```suggestion\nnine a\nnine b\nten c\n```',
      },
      {
        path: 'src/app.txt',
        line: 12,
        side: 'RIGHT',
        body: `\`\`\`\`suggestion\n${HOSTILE.join('\n')}\n\`\`\`\``,
      },
      { path: 'src/app.txt', line: 30, side: 'RIGHT', body: '```suggestion\nfork 30\nafter thirty\n```' },
    ]);
    // Accepting every suggestion gives exactly the agent's verified file.
    const head = git(s.bare, ['show', `${s.forkHead}:src/app.txt`]);
    const mbox = readFileSync(run.outputs['patch-path']!, 'utf8');
    const verified = tempDir('sa-verified-');
    git(verified, ['clone', '-q', s.bare, '.']);
    git(verified, ['fetch', '-q', 'origin', 'refs/pull/7/head']);
    git(verified, ['checkout', '-q', '--detach', s.forkHead]);
    git(verified, ['am', '-q', '--keep-cr', '--patch-format=mboxrd'], mbox);
    expect(applySuggestions(head, review, 'src/app.txt')).toBe(git(verified, ['show', 'HEAD:src/app.txt']));
    // The rest is listed by path in our body, with the verification line and how to apply the mbox.
    expect(review.body).toContain("- `docs.txt`: line 5: outside the pull request's diff");
    expect(review.body).toContain('- `NEW.md`: new file');
    expect(review.body).toContain('3 suggestion(s) below, 2 part(s) that cannot be suggestions listed here');
    expect(review.body).toContain(`gives tree \`${run.outputs['head-tree']}\``);
    expect(review.body.startsWith('<!-- sandbox-agent:suggestions -->')).toBe(true);
    // The agent's summary is shown only through the Markdown neutralizer: no ping, no foreign link.
    expect(review.body).toContain('### What the agent did');
    expect(review.body).toContain('Tidied it.');
    expect(mentionsIn(review.body)).toEqual([]);
    expect(linksIn(review.body).filter((url) => url.includes('evil.example'))).toEqual([]);
    // Nothing pushed (not even the preflight's push probe), no branch, no PR; the mbox is kept.
    expect(receivePacks()).toEqual([]);
    expect(git(s.bare, ['for-each-ref', '--format=%(refname)', 'refs/heads/'])).toBe('refs/heads/main');
    expect(github!.pulls).toHaveLength(1);
    expect(github!.calls.filter((c) => c.method === 'POST' && /\/pulls$/.test(c.path))).toEqual([]);
    expect(existsSync(run.outputs['patch-path']!)).toBe(true);
  });

  it('GitHub refuses the line comments (422, not part of the diff): the review body alone, every hunk listed', async () => {
    // GitHub's diff of the PR disagrees with ours (e.g. the PR moved): no line of src/app.txt is in it.
    const s = await setup({ pullDiff: () => '' });
    s.agentDoes(AGENT_SCRIPT);
    const run = await s.run();
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'artifact', suggestions: '0', 'pr-number': '7' });
    const posts = github!.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/pulls/7/reviews'));
    expect(posts).toHaveLength(2);
    expect(github!.reviews).toHaveLength(1);
    const review = github!.reviews[0]!;
    expect(review.comments).toEqual([]);
    expect(review.body).toContain('Pull request review thread line must be part of the diff');
    expect(review.body).toContain('- `src/app.txt`: lines 9-10: GitHub refused the line comment');
    expect(review.body).toContain('- `src/app.txt`: line 30: GitHub refused the line comment');
    expect(receivePacks()).toEqual([]);
  });

  it('no review at all (403): the step fails naming pull-requests: write, and the mbox is kept', async () => {
    const s = await setup();
    s.agentDoes(AGENT_SCRIPT);
    github!.faults.push({
      method: 'POST',
      path: '/repos/octo/demo/pulls/7/reviews',
      status: 403,
      body: { message: 'Resource not accessible by integration', status: '403' },
      times: 2,
    });
    const run = await s.run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'permission-missing', 'pr-number': '7' });
    expect(run.stdout + run.stderr).toContain('pull-requests: write');
    expect(github!.reviews).toEqual([]);
    expect(existsSync(run.outputs['patch-path']!)).toBe(true);
    expect(receivePacks()).toEqual([]);
  });

  it('an unknown value is invalid-input before any sandbox or API call', async () => {
    const s = await setup();
    s.agentDoes('touch should-not-run');
    const run = await s.run({ 'allow-fork-prs': 'suggestions' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failed', reason: 'invalid-input' });
    expect(run.stdout + run.stderr).toContain(
      "Invalid allow-fork-prs 'suggestions'. Expected false, true or suggest.",
    );
    expect(github!.calls).toEqual([]);
  });

  it('fork code never runs on the runner: filter and textconv drivers the runner defines are not used', async () => {
    const s = await setup();
    const marker = join(s.runnerTemp, 'PWNED');
    // A runner whose global git config defines drivers (HOME is runnerTemp in runBuiltAction), and an
    // agent that adds .gitattributes naming them: any git on the runner honouring them would run them.
    writeFileSync(
      join(s.runnerTemp, '.gitconfig'),
      `[filter "evil"]\n\tclean = touch ${marker}; cat\n\tsmudge = touch ${marker}; cat\n[diff "evil"]\n\ttextconv = touch ${marker}; cat\n`,
    );
    s.agentDoes(`printf '* filter=evil diff=evil\\n' > .gitattributes\n${AGENT_SCRIPT}`);
    const run = await s.run();
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'artifact', suggestions: '3' });
    expect(existsSync(marker)).toBe(false);
  });

  it('a same-repository PR is not a fork: suggest changes nothing there (a new PR into its branch, as today)', async () => {
    const s = await setup({ sameRepo: true });
    s.agentDoes(AGENT_SCRIPT);
    const run = await s.run();
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'pr-opened', branch: 'agent/pr-7-4242', suggestions: '' });
    expect(github!.reviews).toEqual([]);
  });
});
