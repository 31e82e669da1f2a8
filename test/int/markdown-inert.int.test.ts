import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROMPT_DETAILS_CLOSE, PROMPT_DETAILS_OPEN } from '../../src/deliver/pr-body.js';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { mentionsIn, violationsBesidesOurs } from '../helpers/github-text.js';
import { summaryViolations } from '../helpers/markdown-check.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 15, classes (3) and (4b), through the built action on the local provider with a comment trigger,
 * a real git smart-HTTP server and the fake GitHub: whatever the agent (or the commenter) writes, the PR
 * body, the job summary and the tracking comment are inert when GitHub renders them, and a secret found
 * anywhere keeps the agent's summary out of all of them.
 */
const TOKEN = 'ghs_MarkdownInertTestToken0123456789abcdef';
const MARKER = '<!-- sandbox-agent:tracking run=4242 -->';
const WRITE = {
  body: { role_name: 'write', user: { login: 'octocat', permissions: { pull: true, push: true } } },
};

/** Everything at once: a summary that would close issues, ping, track, phish and command bots. */
const HOSTILE_SUMMARY = [
  'Improved the README. Fixes #1, closes octo/demo#3, Resolves: #2.',
  'fixes https://github.com/octo/demo/issues/4',
  'Thanks &#64;octocat and @octo/maintainers!',
  '![pixel](https://evil.example/p.png) [login](https&#58;//evil.example/login)',
  '[[ok](https://github.com)](https://evil.example) [a [b] c](//evil.example/x) <https://evil.example>',
  'www.evil.example and [ref][1]',
  '<img src=x onerror=alert(1)><!-- hidden -->',
  '/approve',
  '',
  '[1]: https://evil.example/ref',
].join('\n');

let repo: TestRepo | undefined;
let server: GitServer | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  await github?.close();
});

async function run(
  agentScript: string,
  comment: string,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  server = await startGitServer({ token: TOKEN });
  github = await startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo('octo/demo', repo.origin);
  github.permissions.set('octocat', WRITE);
  const runnerTemp = tempDir('sa-markdown-');
  const agent = join(runnerTemp, 'agent.sh');
  // The local sandbox shares the file system: the agent copies the hostile summary from here.
  writeFileSync(join(runnerTemp, 'summary.md'), HOSTILE_SUMMARY);
  writeFileSync(agent, `set -e\nSUMMARY_SOURCE='${join(runnerTemp, 'summary.md')}'\n${agentScript}\n`);
  return runBuiltAction({
    workspace: repo.checkout,
    runnerTemp,
    event: {
      name: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 12, title: 'README is thin', body: '' },
        comment: { id: 555, body: comment, user: { login: 'octocat', type: 'User' } },
        sender: { login: 'octocat' },
      },
    },
    inputs: {
      prompt: '',
      provider: 'local',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      'github-token': TOKEN,
      ...inputs,
    },
    env: {
      GITHUB_SERVER_URL: server.url,
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: TOKEN,
      GITHUB_ACTOR_ID: '583231',
    },
  });
}

/** Our own links point at the fake servers on 127.0.0.1; everything else must stay on github.com. */
const ALLOWED = ['github.com', '127.0.0.1'];

function trackingComment(): string {
  const bodies = github!.comments.filter((c) => c.body.startsWith(MARKER)).map((c) => c.body);
  expect(bodies).toHaveLength(1);
  return bodies[0]!.slice(MARKER.length);
}

describe('PR body, job summary and tracking comment are inert (issue 15, class 3)', () => {
  it('a hostile summary and a hostile prompt: the PR body and the job summary are inert', async () => {
    const result = await run(
      'echo better >> README.md && git commit -qam \'Fixes #1 `@octocat` <b>\'\ncp "$SUMMARY_SOURCE" "$AGENT_SUMMARY_FILE"',
      '/agent expand it. Fixes #7 @bob ![t](https://evil.example/t.png)\n/approve',
    );
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['outcome'], result.stdout).toBe('pr-opened');

    const body = github!.pulls[0]!.body;
    expect(body.startsWith('<!-- sandbox-agent:run=4242 -->\n')).toBe(true);
    // Inert besides what we wrote on purpose (marker, <details>, the requester's one mention).
    expect(
      violationsBesidesOurs(body, {
        requester: 'octocat',
        html: [PROMPT_DETAILS_OPEN, PROMPT_DETAILS_CLOSE],
        allowedHosts: ALLOWED,
      }),
    ).toEqual([]);
    expect(mentionsIn(body)).toEqual(['octocat']);
    expect(summaryViolations(result.summary, ALLOWED)).toEqual([]);
    // The summary and the prompt are there, as text.
    expect(body).toContain('### What the agent did');
    expect(body).toContain('Improved the README.');
    expect(body).toContain('\\[image: pixel]');
    expect(body).toContain('> expand it.');
    // Commit subjects stay in code spans (GitHub acts on no keyword or mention in code); a backtick
    // cannot end the span. The pushed commit message itself has the keyword broken (rewrite.ts).
    expect(body).toContain('``Fixes #1 `@octocat` <b>``');
    expect(result.summary).toContain('Improved the README.');
  });

  it('a protected path with Markdown in its name is quoted as code in the summary and the tracking comment', async () => {
    const name = '.github/fixes #1 [x](https&#58;&#47;&#47;evil.example) @octocat <b>';
    const result = await run(
      `mkdir -p .github && echo x > '${name}' && git add -A && git commit -qm add\ncp "$SUMMARY_SOURCE" "$AGENT_SUMMARY_FILE"`,
      '/agent go',
      { 'protected-paths-policy': 'block' },
    );
    expect(result.outputs, result.stdout).toMatchObject({ outcome: 'refused', reason: 'protected-path' });
    const quoted = `\`${name}\``;
    const comment = trackingComment();
    for (const text of [result.summary, comment]) {
      expect(text).toContain(`The patch changes the protected path ${quoted}`);
      expect(text).toContain('Improved the README.');
    }
    expect(summaryViolations(result.summary, ALLOWED)).toEqual([]);
    expect(violationsBesidesOurs(comment, { requester: 'octocat', allowedHosts: ALLOWED })).toEqual([]);
    expect(mentionsIn(comment)).toEqual(['octocat']);
    expect(comment).toMatch(/^\n🚫 @octocat's task was refused after \d+s \(`protected-path`\) — \[run\]\(/);
    expect(comment).toContain('### What the agent did');
  });
});

describe('a secret found anywhere keeps the agent summary unpublished (issue 15, class 4b)', () => {
  const half = TOKEN.length / 2;
  it.each([
    [
      'the token in the patch',
      `echo "${TOKEN}" > leak.txt && git add -A && git commit -qm leak\necho 'Did the work.' > "$AGENT_SUMMARY_FILE"`,
      'refused',
    ],
    [
      'the token split across lines in the summary',
      `echo ok >> README.md && git commit -qam ok\nprintf 'Did the work.\\n%s\\n%s\\n' '${TOKEN.slice(0, half)}' '${TOKEN.slice(half)}' > "$AGENT_SUMMARY_FILE"`,
      'refused',
    ],
    [
      'the token split in the summary of a run without changes',
      `printf 'Did the work.\\n%s\\n%s\\n' '${TOKEN.slice(0, half)}' '${TOKEN.slice(half)}' > "$AGENT_SUMMARY_FILE"`,
      'no-changes',
    ],
  ])('%s: no summary section in the job summary or the tracking comment', async (_name, script, outcome) => {
    const result = await run(script, '/agent go');
    expect(result.outputs['outcome'], result.stdout).toBe(outcome);
    if (outcome === 'refused') expect(result.outputs['reason']).toBe('secret-detected');
    const comment = trackingComment();
    for (const text of [result.summary, comment]) {
      expect(text).not.toContain('What the agent did');
      expect(text).not.toContain('Did the work.');
      expect(text).not.toContain(TOKEN.slice(0, half));
    }
    expect(github!.pulls).toEqual([]);
  });
});
