import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDaytona, startFakeDaytona } from '../fakes/daytona/index.js';
import { PROJECT_ROOT, parseCommandFile, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/** Issue 10: no sandbox outlives a cancelled, killed or failing run (research R1, cases 46, 47, 52). */
let repo: TestRepo | undefined;
let fake: FakeDaytona | undefined;
afterEach(async () => {
  repo?.cleanup();
  await fake?.close();
});

const SANDBOX_PATH = /^\/api\/sandbox\/[^/]+$/;

/** `sandbox-agent sweep …` from dist/, asynchronously: the fake serves from this process. */
function sweepCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/cli/index.js'), 'sweep', ...args], {
      env: { PATH: process.env['PATH'], HOME: tempDir('sa-sweep-home-'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A sandbox of another repository, created straight through the fake's API. */
async function createForeignSandbox(): Promise<void> {
  const response = await fetch(`${fake!.url}/sandbox`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake!.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'foreign',
      labels: { 'sandbox-agent': '1', 'sandbox-agent-repo': 'other/repo' },
    }),
  });
  expect(response.status).toBe(200);
}

function setup(agentScript: string): {
  inputs: Record<string, string>;
  runnerTemp: string;
  env: NodeJS.ProcessEnv;
} {
  if (!fake) throw new Error('start the fake first');
  repo = makeRepo();
  const runnerTemp = tempDir('sa-lifecycle-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, agentScript);
  return {
    runnerTemp,
    env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
    inputs: {
      prompt: 'lifecycle',
      provider: 'daytona',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      output: 'artifact',
      workdir: join(tempDir('sa-lifecycle-root-'), 'workspace'),
    },
  };
}

describe('sandbox lifecycle of the built action (daytona loopback fake)', () => {
  it('SIGINT during the agent run deletes the sandbox within 7.5 s and exits; post deletes again idempotently', async () => {
    fake = await startFakeDaytona();
    const { inputs, runnerTemp, env } = setup('echo agent-running\nsleep 60\n');
    const pattern = /\[agent\] agent-running/;
    let signalledAt = 0;
    let seen = '';
    const run = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs,
      env,
      onStdout: (chunk) => {
        seen += chunk;
        if (!signalledAt && pattern.test(seen)) signalledAt = Date.now();
      },
      signalAfter: { pattern, signal: 'SIGINT' },
    });
    const exitedAt = Date.now();
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.exitCode, run.stdout + run.stderr).toBe(130);
    const deletes = fake.calls.filter((c) => c.method === 'DELETE' && SANDBOX_PATH.test(c.path));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.status).toBe(200);
    expect(deletes[0]!.at - signalledAt).toBeLessThan(7_500);
    expect(exitedAt - signalledAt).toBeLessThan(7_500);
    expect(fake.sandboxes()).toEqual([]);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('cancelled');
    expect(run.summary).toContain('`cancelled`');
    // The id stays in state after a signal exit, so post runs and deletes again: 404 counts as done.
    expect(run.state['sandbox-id']).toBe(deletes[0]!.path.split('/').pop());
    const before = fake.calls.length;
    const post = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env,
    });
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).not.toContain('::warning::');
    expect(post.stdout).toContain(`Deleted sandbox ${run.state['sandbox-id']}`);
    // The provider looks the id up before deleting: not found (404) is success, not a warning.
    const postCalls = fake.calls.slice(before).filter((c) => SANDBOX_PATH.test(c.path));
    expect(postCalls.length).toBeGreaterThan(0);
    expect(postCalls.every((c) => c.status === 404)).toBe(true);
    expect(fake.sandboxes()).toEqual([]);
    console.log(`SIGINT → DELETE ${deletes[0]!.at - signalledAt} ms, → exit ${exitedAt - signalledAt} ms`);
  });

  it('SIGKILL right after create leaks the sandbox; sweep finds it by its labels and deletes it', async () => {
    fake = await startFakeDaytona();
    const { inputs, runnerTemp, env } = setup('echo never\n');
    await createForeignSandbox();
    const run = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs,
      env,
      // The Stage group opens right after create returns: no handler, no finally, no post step.
      signalAfter: { pattern: /::group::Stage/, signal: 'SIGKILL' },
    });
    expect(run.exitCode).not.toBe(0);
    const leaked = fake.sandboxes().filter((s) => s.labels['sandbox-agent-repo'] === 'octo/demo');
    expect(leaked).toHaveLength(1);
    expect(leaked[0]!.createBody['autoDeleteInterval']).toBe(0);
    expect(Number(leaked[0]!.createBody['ttlMinutes'])).toBeGreaterThan(30);

    const dry = await sweepCli(
      ['--provider', 'daytona', '--older-than', '0s', '--repo', 'octo/demo', '--dry-run'],
      env,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain(`Would delete daytona sandbox ${leaked[0]!.id}`);
    expect(fake.sandboxes()).toHaveLength(2);

    const young = await sweepCli(['--provider', 'daytona', '--older-than', '2h', '--repo', 'octo/demo'], env);
    expect(young.code, young.stderr).toBe(0);
    expect(JSON.parse(young.stdout)).toMatchObject({ deleted: [], kept: 1 });
    expect(fake.sandboxes()).toHaveLength(2);

    const sweep = await sweepCli(['--provider', 'daytona', '--older-than', '0s', '--repo', 'octo/demo'], env);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(JSON.parse(sweep.stdout).deleted).toEqual([leaked[0]!.id]);
    expect(fake.sandboxes().filter((s) => s.labels['sandbox-agent-repo'] === 'octo/demo')).toEqual([]);
    // Another repository's sandbox is never touched.
    expect(fake.sandboxes().map((s) => s.name)).toEqual(['foreign']);
  });

  it('a delete that always fails (500) is a warning: the outcome stands, and sweep removes the sandbox later', async () => {
    fake = await startFakeDaytona();
    const { inputs, runnerTemp, env } = setup('echo change >> README.md\ngit commit -qam edit\n');
    fake.faults.add({ method: 'DELETE', path: SANDBOX_PATH, status: 500, times: Number.POSITIVE_INFINITY });
    const run = await runBuiltAction({ workspace: repo!.checkout, runnerTemp, inputs, env });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    expect(run.outputs['reason']).toBe('');
    expect(run.stdout).toMatch(/::warning::Deleting sandbox \S+ failed: .*The post step will try again\./);
    expect(fake.calls.filter((c) => c.method === 'DELETE').length).toBeGreaterThan(1);
    expect(fake.sandboxes()).toHaveLength(1);

    fake.faults.clear();
    const sweep = await sweepCli(['--older-than', '0s', '--repo', 'octo/demo'], env);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(fake.sandboxes()).toEqual([]);
  });

  it('SIGINT while create is in flight: no id was saved, so post finds the sandbox by its labels', async () => {
    fake = await startFakeDaytona();
    const { inputs, runnerTemp, env } = setup('echo never\n');
    // The create is answered (and the sandbox made) only after the action has exited.
    fake.faults.add({ method: 'POST', path: '/api/sandbox', delayMs: 1_500 });
    const run = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs,
      env,
      signalAfter: { pattern: /::group::Boot/, signal: 'SIGINT' },
    });
    expect(run.exitCode).toBe(130);
    expect(run.state['sandbox-id'] ?? '').toBe('');
    expect(run.state['sandbox-name']).toMatch(/^sa-octo-demo-4242-1-agent-/);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(fake.sandboxes()).toHaveLength(1);
    await createForeignSandbox();
    const post = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env,
    });
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).toMatch(/Deleted sandbox \S+ \(daytona\)\./);
    expect(fake.sandboxes().map((s) => s.name)).toEqual(['foreign']);
  });

  it('post finds a sandbox still starting by its name (the label list is not consistent yet) and retries the 409 until it is gone', async () => {
    // Daytona lists a new sandbox only eventually, and refuses DELETE with 409 while it is starting.
    fake = await startFakeDaytona({ startState: 'starting', startDelayMs: 4_000, listDelayMs: 60_000 });
    const { inputs, runnerTemp, env } = setup('echo never\n');
    fake.faults.add({ method: 'POST', path: '/api/sandbox', delayMs: 1_500 });
    const run = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs,
      env,
      signalAfter: { pattern: /::group::Boot/, signal: 'SIGINT' },
    });
    expect(run.exitCode).toBe(130);
    expect(run.state['sandbox-id'] ?? '').toBe('');
    for (let i = 0; i < 50 && fake.sandboxes().length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(fake.sandboxes().map((s) => s.state)).toEqual(['starting']);
    const id = fake.sandboxes()[0]!.id;
    const post = await runBuiltAction({
      workspace: repo!.checkout,
      runnerTemp,
      inputs: {},
      entry: 'dist/post/index.js',
      files: run.files,
      env,
    });
    expect(post.exitCode, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).not.toContain('::warning::');
    expect(post.stdout).toContain(`Deleted sandbox ${id} (daytona).`);
    const deletes = fake.calls.filter((c) => c.method === 'DELETE' && c.path === `/api/sandbox/${id}`);
    expect(deletes[0]!.status).toBe(409);
    expect(deletes.at(-1)!.status).toBe(200);
    expect(fake.sandboxes()).toEqual([]);
  });

  it('the built sweep sub-action deletes this repository’s stale sandboxes and sets its outputs', async () => {
    fake = await startFakeDaytona();
    const runnerTemp = tempDir('sa-sweep-action-');
    const ours = await fetch(`${fake.url}/sandbox`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'ours',
        labels: { 'sandbox-agent': '1', 'sandbox-agent-repo': 'octo/demo' },
      }),
    });
    expect(ours.status).toBe(200);
    await createForeignSandbox();
    const output = join(runnerTemp, 'github_output');
    writeFileSync(output, '');
    const result = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/sweep/index.js')], {
        env: {
          PATH: process.env['PATH'],
          RUNNER_TEMP: runnerTemp,
          GITHUB_OUTPUT: output,
          GITHUB_REPOSITORY: 'octo/demo',
          INPUT_PROVIDER: 'daytona',
          'INPUT_OLDER-THAN': '0s',
          'INPUT_DRY-RUN': 'false',
          'INPUT_DAYTONA-API-KEY': fake!.apiKey,
          'INPUT_DAYTONA-API-URL': fake!.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`::add-mask::${fake.apiKey}`);
    const logged = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(fake.apiKey);
    const outputs = parseCommandFile(readFileSync(output, 'utf8'));
    expect(outputs).toMatchObject({ stale: '1', deleted: '1', failed: '0' });
    expect(fake.sandboxes().map((s) => s.name)).toEqual(['foreign']);
  });
});
