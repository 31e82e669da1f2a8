import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/** output: artifact on a (fake) runner: @actions/artifact really uploads the mbox and meta. */
let repo: TestRepo | undefined;
let service: FakeArtifactService | undefined;
afterEach(async () => {
  repo?.cleanup();
  await service?.close();
});

function zipEntries(bytes: Buffer): string[] {
  const file = join(tempDir(), 'a.zip');
  writeFileSync(file, bytes);
  const script = 'import sys,zipfile; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))';
  return execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim().split('\n');
}

describe('artifact delivery on a runner', () => {
  it('uploads agent.mbox and agent.meta.json and reports artifact-id; attempt 2 uses a distinct name', async () => {
    service = await startFakeArtifactService();
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const inputs = {
      prompt: 'x',
      provider: 'local',
      agent: 'custom',
      'agent-command': 'echo y >> README.md',
      output: 'artifact',
    };
    const first = await runBuiltAction({ workspace: repo.checkout, runnerTemp, inputs, env: service.env });
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs['outcome']).toBe('artifact');
    expect(first.outputs['artifact-id']).toBe('42');
    const uploaded = service.artifacts.get('agent-patch-4242-1');
    expect(uploaded?.finalized).toBe(true);
    expect(zipEntries(uploaded!.bytes)).toEqual(['agent.mbox', 'agent.meta.json']);
    expect(first.summary).toContain('`agent-patch-4242-1`');

    const second = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      inputs,
      env: { ...service.env, GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(second.outputs['artifact-id']).toBe('43');
    expect([...service.artifacts.keys()]).toEqual(['agent-patch-4242-1', 'agent-patch-4242-2']);
  });

  it('uploads nothing when there are no changes', async () => {
    service = await startFakeArtifactService();
    repo = makeRepo();
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command': 'true',
        output: 'artifact',
      },
      env: service.env,
    });
    expect(run.outputs['outcome']).toBe('no-changes');
    expect(service.calls).toEqual([]);
  });
});
