import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDaytona } from '../fakes/daytona/index.js';
import { runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/** The foundation's end-to-end test, unchanged except for `provider: daytona` against the loopback fake. */
let repo: TestRepo | undefined;
let fake: Awaited<ReturnType<typeof startFakeDaytona>> | undefined;
afterEach(async () => {
  repo?.cleanup();
  await fake?.close();
});

describe('the built action on the daytona provider (loopback fake, real SDK)', () => {
  it('produces an mbox that applies to HEAD with git am and yields exactly head_tree; no sandbox is left', async () => {
    fake = await startFakeDaytona();
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const agent = join(runnerTemp, 'agent.sh');
    writeFileSync(
      agent,
      'set -e\necho "prompt: $(cat "$AGENT_PROMPT_FILE")"\necho change >> README.md\ngit commit -qam edit\necho new > added.txt\n',
    );
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Do it $(id)',
        provider: 'daytona',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
        workdir: join(tempDir('sa-daytona-root-'), 'workspace'),
      },
      env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    expect(run.outputs['commits']).toBe('2');
    expect(run.stdout).toContain('[agent] prompt: Do it $(id)');
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(fake.apiKey);
    const meta = JSON.parse(readFileSync(run.outputs['meta-path']!, 'utf8'));
    expect(meta.provider).toBe('daytona');
    expect(meta.sandbox_id).toBe(run.outputs['sandbox-id']);
    git(repo.checkout, ['am', '-q', '--patch-format=mboxrd', run.outputs['patch-path']!]);
    expect(git(repo.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);
    expect(fake.sandboxes()).toEqual([]);
    // Labels identify the run, so the sweeper can find a leak.
    const create = fake.calls.find((c) => c.method === 'POST' && c.path === '/api/sandbox');
    expect((create?.body as { labels?: Record<string, string> } | undefined)?.labels).toMatchObject({
      'sandbox-agent': '1',
      'sandbox-agent-repo': 'octo/demo',
      'sandbox-agent-run-id': '4242',
    });
    // post: nothing left to delete.
    const post = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('No sandbox left to clean up.');
  });
});
