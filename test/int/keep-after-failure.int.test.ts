import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type ActionRun, runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 18 item 2 for failures nobody planned: an exception after a successful verify (the policy check
 * crashing, delivery throwing) keeps the verified work like every planned outcome does: uploaded as the
 * artifact on a runner, and named in the summary. The exception is injected with the test-only
 * SANDBOX_AGENT_TEST_FAULT hook (src/shared/test-fault.ts), as no honest input makes them throw. The
 * policy's secret scan may be what did not run, so a registered secret in the work still keeps it from
 * being uploaded.
 */
const API_KEY = 'sk-live-KeepAfterFailure0123456789abcdefXYZ';

let repo: TestRepo | undefined;
let artifacts: FakeArtifactService | undefined;
afterEach(async () => {
  repo?.cleanup();
  await artifacts?.close();
  repo = artifacts = undefined;
});

async function run(fault: string, agentScript: string): Promise<{ run: ActionRun; runnerTemp: string }> {
  repo = makeRepo({ files: { 'README.md': '# demo\n' }, commits: 1 });
  artifacts = await startFakeArtifactService();
  const runnerTemp = tempDir('sa-keep-crash-');
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, `set -e\n${agentScript}\n`);
  const result = await runBuiltAction({
    workspace: repo.checkout,
    runnerTemp,
    inputs: {
      prompt: 'Expand the README.',
      provider: 'local',
      agent: 'custom',
      'agent-command': `sh ${agent}`,
      'agent-env': `SERVICE_API_KEY=${API_KEY}`,
      output: 'artifact',
    },
    env: { ...artifacts.env, SANDBOX_AGENT_TEST_FAULT: fault },
  });
  return { run: result, runnerTemp };
}

const EDIT = 'echo "more docs" >> README.md\ngit commit -qam "Expand the README"';

/** The uploaded artifact holds the verified mbox, and the outputs and the summary name it. */
function expectUploaded(result: ActionRun, runnerTemp: string): void {
  const mbox = result.outputs['patch-path']!;
  expect(mbox).toBe(join(runnerTemp, 'sandbox-agent', 'agent.mbox'));
  expect(existsSync(mbox)).toBe(true);
  expect(artifacts!.artifacts.size).toBe(1);
  const [name, stored] = [...artifacts!.artifacts.entries()][0]!;
  expect(stored.finalized).toBe(true);
  expect(result.outputs['artifact-id']).toBe(stored.id);
  expect(result.stdout).toContain(`was uploaded as artifact ${name}.`);
  expect(result.summary).toContain(name);
  expect(result.summary).toContain(`- Artifact: [\`${name}\`](`);
  expect(result.summary).toContain(`-n ${name}\ngit am --keep-cr --patch-format=mboxrd agent.mbox`);
}

describe('an unexpected failure after verify keeps the verified work (issue 18 item 2)', () => {
  it('the policy check crashes → failed / internal-error, nothing pushed, the mbox uploaded as the artifact', async () => {
    const { run: result, runnerTemp } = await run('policy', EDIT);
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({ outcome: 'failed', reason: 'internal-error' });
    expect(result.stdout).toMatch(
      /::error::The policy check could not finish \(injected test fault at policy \(SANDBOX_AGENT_TEST_FAULT\)\), so nothing was pushed\. The work \(1 verified commit\(s\) touching 1 file\(s\)\) was uploaded as artifact /,
    );
    expectUploaded(result, runnerTemp);
  });

  it('delivery throws → failed / internal-error, the mbox uploaded as the artifact', async () => {
    const { run: result, runnerTemp } = await run('deliver', EDIT);
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs).toMatchObject({ outcome: 'failed', reason: 'internal-error' });
    expect(result.stdout).toContain('injected test fault at deliver');
    expectUploaded(result, runnerTemp);
  });

  it('the policy check crashes on work that holds a secret → refused / secret-detected, nothing uploaded', async () => {
    const { run: result } = await run(
      'policy',
      `printf '%s\\n' "$SERVICE_API_KEY" > leak.txt\ngit add leak.txt\n${EDIT}`,
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      outcome: 'refused',
      reason: 'secret-detected',
      'artifact-id': '',
    });
    expect(result.stdout).toMatch(
      /The patch contains a secret \([^)]*SERVICE_API_KEY[^)]*\); nothing was pushed or uploaded/,
    );
    expect(artifacts!.artifacts.size).toBe(0);
    expect(result.summary).not.toMatch(/- Artifact:|gh run download/);
    const logged = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(API_KEY);
    expect(readFileSync(join(repo!.checkout, 'README.md'), 'utf8')).toBe('# demo\n');
  });
});
