import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDaytona } from '../fakes/daytona/index.js';
import { startFakeModal } from '../fakes/modal/index.js';
import { runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * The foundation's end-to-end test, unchanged except for the provider: the built action talks to a
 * loopback fake through the real SDK (Daytona over HTTP, Modal over gRPC).
 */
interface ProviderCase {
  name: string;
  start(): Promise<{
    env: NodeJS.ProcessEnv;
    inputs: Record<string, string>;
    live(): number;
    secret: string;
    close(): Promise<void>;
  }>;
}

const CASES: ProviderCase[] = [
  {
    name: 'daytona',
    async start() {
      const fake = await startFakeDaytona();
      return {
        env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
        // The Daytona fake runs commands on the host: the work dir must be a writable host path.
        inputs: { provider: 'daytona', workdir: join(tempDir('sa-daytona-root-'), 'workspace') },
        live: () => fake.sandboxes().length,
        secret: fake.apiKey,
        close: () => fake.close(),
      };
    },
  },
  ...['2', '1'].map(
    (version): ProviderCase => ({
      name: `modal (sandbox V${version})`,
      async start() {
        const fake = await startFakeModal();
        return {
          env: { ...fake.env, ...(version === '1' ? { MODAL_SANDBOX_V2: '0' } : {}) },
          inputs: { provider: 'modal' },
          live: () => fake.sandboxes().length,
          secret: String(fake.env['MODAL_TOKEN_SECRET']),
          close: () => fake.close(),
        };
      },
    }),
  ),
];

let repo: TestRepo | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  repo?.cleanup();
  await close?.();
});

describe.each(CASES)('the built action on $name (loopback fake, real SDK)', (provider) => {
  it('produces an mbox that applies to HEAD with git am and yields exactly head_tree; no sandbox is left', async () => {
    const fake = await provider.start();
    close = fake.close;
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
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
        ...fake.inputs,
      },
      env: fake.env,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    expect(run.outputs['commits']).toBe('2');
    expect(run.stdout).toContain('[agent] prompt: Do it $(id)');
    const logged = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(fake.secret);
    const meta = JSON.parse(readFileSync(run.outputs['meta-path']!, 'utf8'));
    expect(meta.provider).toBe(fake.inputs['provider']);
    expect(meta.sandbox_id).toBe(run.outputs['sandbox-id']);
    git(repo.checkout, ['am', '-q', '--patch-format=mboxrd', run.outputs['patch-path']!]);
    expect(git(repo.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);
    expect(fake.live()).toBe(0);
    const post = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env: fake.env,
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('No sandbox left to clean up.');
  });
});
