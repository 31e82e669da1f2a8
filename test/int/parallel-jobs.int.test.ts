import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { startFakeDaytona } from '../fakes/daytona/index.js';
import { startFakeModal } from '../fakes/modal/index.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 16 #3 (research/real-services.md #3): matrix legs share GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT and
 * GITHUB_JOB. Two such runs of the built action at once must each get their own sandbox (Daytona
 * answers a duplicate name with 409, Modal with AlreadyExists; both fakes model that), their own
 * artifact (the results service answers a duplicate name with 409), and delete only their own sandbox.
 */
const repos: TestRepo[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) repo.cleanup();
  for (const close of closers.splice(0)) await close();
});

const AGENT = 'echo change >> README.md\ngit commit -qam edit\n';

/** One matrix leg: its own checkout and runner temp, the same run id, attempt and job id as the others. */
function leg(
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv,
  agentScript = AGENT,
  extra: Partial<Parameters<typeof runBuiltAction>[0]> = {},
): Promise<ActionRun> {
  const repo = makeRepo();
  repos.push(repo);
  const runnerTemp = tempDir('sa-parallel-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, agentScript);
  return runBuiltAction({
    workspace: repo.checkout,
    runnerTemp,
    inputs: {
      prompt: 'parallel',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      output: 'artifact',
      ...inputs,
    },
    env: { ...env, GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'agent' },
    ...extra,
  });
}

async function artifactService(): Promise<FakeArtifactService> {
  const service = await startFakeArtifactService();
  closers.push(() => service.close());
  return service;
}

function expectTwoArtifacts(runs: ActionRun[], service: FakeArtifactService): void {
  const names = [...service.artifacts.keys()];
  expect(names).toHaveLength(2);
  // The first upload keeps SPEC's default name; the second falls back to a name unique to its job run.
  expect(names[0]).toBe('agent-patch-4242-1');
  expect(names[1]).toMatch(/^agent-patch-4242-1-agent-[0-9a-f]{8}$/);
  for (const artifact of service.artifacts.values()) {
    expect(artifact.finalized).toBe(true);
    expect(artifact.bytes.length).toBeGreaterThan(0);
  }
  expect(new Set(runs.map((r) => r.outputs['artifact-id']))).toEqual(
    new Set([...service.artifacts.values()].map((a) => a.id)),
  );
  const fallback = runs.find((r) => r.stdout.includes('already exists in this workflow run'));
  expect(fallback?.stdout).toContain(`uploading as ${names[1]} instead.`);
  expect(fallback?.stdout).toContain(`Uploaded artifact ${names[1]} `);
  // The default name was not chosen by the user: the fallback is logged, not a warning.
  expect(fallback?.stdout).not.toContain('::warning::An artifact named');
}

describe('two matrix legs of one job run at once', () => {
  it('on Daytona: two sandboxes (no 409 on the name), two artifacts, nothing left', async () => {
    const fake = await startFakeDaytona();
    closers.push(() => fake.close());
    const service = await artifactService();
    const env = { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey, ...service.env };
    const inputs = { provider: 'daytona', workdir: join(tempDir('sa-parallel-root-'), 'workspace') };
    const runs = await Promise.all([
      leg(inputs, env),
      leg({ ...inputs, workdir: join(tempDir('sa-parallel-root-'), 'workspace') }, env),
    ]);
    for (const run of runs) {
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs['outcome']).toBe('artifact');
    }
    const creates = fake.calls.filter((c) => c.method === 'POST' && c.path === '/api/sandbox');
    expect(creates.map((c) => c.status)).toEqual([200, 200]);
    const names = creates.map((c) => (c.body as { name: string }).name);
    expect(new Set(names).size).toBe(2);
    expect(new Set(runs.map((r) => r.outputs['sandbox-id'])).size).toBe(2);
    expect(runs.map((r) => r.state['sandbox-name']).sort()).toEqual([...names].sort());
    expect(fake.sandboxes()).toEqual([]);
    expectTwoArtifacts(runs, service);
  });

  it('on Modal: two sandboxes (neither adopts the other on AlreadyExists), two artifacts, nothing left', async () => {
    const fake = await startFakeModal();
    closers.push(() => fake.close());
    const service = await artifactService();
    const env = { ...fake.env, ...service.env };
    const runs = await Promise.all([leg({ provider: 'modal' }, env), leg({ provider: 'modal' }, env)]);
    for (const run of runs) {
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs['outcome']).toBe('artifact');
      expect(run.stdout).not.toContain('Adopted the existing Modal sandbox');
    }
    const created = fake.allSandboxes();
    expect(created).toHaveLength(2);
    expect(new Set(created.map((s) => s.name)).size).toBe(2);
    expect(new Set(runs.map((r) => r.outputs['sandbox-id']))).toEqual(new Set(created.map((s) => s.id)));
    expect(fake.sandboxes()).toEqual([]);
    expectTwoArtifacts(runs, service);
  });
});

describe('an explicit artifact-name shared by two legs', () => {
  it('the second upload falls back to a unique name with a warning; no work is lost', async () => {
    const service = await artifactService();
    const inputs = { provider: 'local', 'artifact-name': 'my-patch' };
    const first = await leg(inputs, service.env);
    const second = await leg(inputs, service.env);
    for (const run of [first, second]) {
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs['outcome']).toBe('artifact');
    }
    const names = [...service.artifacts.keys()];
    expect(names[0]).toBe('my-patch');
    expect(names[1]).toMatch(/^my-patch-agent-[0-9a-f]{8}$/);
    expect(second.outputs['artifact-id']).toBe(service.artifacts.get(names[1]!)!.id);
    expect(second.stdout).toContain(
      `::warning::An artifact named my-patch already exists in this workflow run (another job of the run uploaded it); uploading as ${names[1]} instead. Give each job its own artifact-name.`,
    );
    expect(second.summary).toContain(names[1]);
  });
});

describe('the post step of a leg cancelled during create', () => {
  it('deletes its own sandbox only, never the other leg’s (which has the same run id, attempt and job labels)', async () => {
    const fake = await startFakeDaytona();
    closers.push(() => fake.close());
    const env = { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey };
    // The create is answered (and the sandbox made) only after the action has exited on SIGINT.
    fake.faults.add({ method: 'POST', path: '/api/sandbox', delayMs: 1_500 });
    const run = await leg(
      { provider: 'daytona', workdir: join(tempDir('sa-parallel-root-'), 'workspace') },
      env,
      'echo never\n',
      { signalAfter: { pattern: /::group::Boot/, signal: 'SIGINT' } },
    );
    expect(run.exitCode).toBe(130);
    expect(run.state['sandbox-id'] ?? '').toBe('');
    for (let i = 0; i < 50 && fake.sandboxes().length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const ours = fake.sandboxes();
    expect(ours).toHaveLength(1);

    // The other leg, still running: every label but the nonce is the same.
    const other = await fetch(`${fake.url}/sandbox`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'sa-octo-demo-4242-1-agent-0123456789-feedf00d',
        labels: { ...ours[0]!.labels, 'sandbox-agent-nonce': 'feedf00d' },
      }),
    });
    expect(other.status).toBe(200);
    // The single-record read by name fails, so post has to search by labels.
    fake.faults.add({
      method: 'GET',
      path: `/api/sandbox/${encodeURIComponent(run.state['sandbox-name']!)}`,
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });

    const post = await runBuiltAction({
      workspace: repos[0]!.checkout,
      runnerTemp: tempDir('sa-parallel-post-'),
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env: { ...env, GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'agent' },
    });
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).toContain(`Deleted sandbox ${ours[0]!.id} (daytona).`);
    expect(fake.sandboxes().map((s) => s.labels['sandbox-agent-nonce'])).toEqual(['feedf00d']);
    // Found by the nonce main saved before create, which the sandbox carries as a label.
    expect(run.state['sandbox-nonce']).toMatch(/^[0-9a-f]{8}$/);
    expect(ours[0]!.labels['sandbox-agent-nonce']).toBe(run.state['sandbox-nonce']);
  });
});
