import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDaytona } from '../fakes/daytona/index.js';
import { startFakeModal } from '../fakes/modal/index.js';
import { runBuiltAction } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * A `network` list the provider would refuse fails the built action as invalid-input while the inputs
 * are read: no snapshot, no provider call, no sandbox. Before, Daytona got the list in the create
 * request (the real API answers 400, src: apps/api network-validation.util.ts; the fake accepts it and
 * the run went on), and Modal's bad entries were reported only at boot, after the snapshot.
 */
let repo: TestRepo | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  repo?.cleanup();
  await close?.();
  close = undefined;
});

function customAgent(runnerTemp: string): string {
  const agent = join(runnerTemp, 'agent.sh');
  writeFileSync(agent, 'set -e\necho change >> README.md\ngit commit -qam edit\n');
  return `sh ${agent}`;
}

describe('network inputs the provider refuses fail before anything runs', () => {
  it('daytona: an IPv6 CIDR and 11 CIDRs fail as invalid-input, exit 1, no API call, no sandbox', async () => {
    const fake = await startFakeDaytona();
    close = () => fake.close();
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const cidrs = Array.from({ length: 10 }, (_, i) => `10.0.${i}.0/24`);
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Do it',
        provider: 'daytona',
        workdir: join(tempDir('sa-daytona-root-'), 'workspace'),
        agent: 'custom',
        'agent-command': customAgent(runnerTemp),
        output: 'artifact',
        network: ['2001:db8::/32', ...cidrs].join('\n'),
      },
      env: { DAYTONA_API_URL: fake.url, DAYTONA_API_KEY: fake.apiKey },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('invalid-input');
    expect(run.stdout).toContain(
      'network: Daytona accepts IPv4 CIDRs only; `2001:db8::/32` is IPv6: remove it or use network: open.',
    );
    expect(run.stdout).toContain('network: Daytona accepts at most 10 CIDRs and 11 were given');
    expect(run.stdout).not.toContain('::group::Snapshot');
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path === '/api/sandbox')).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(fake.sandboxes()).toEqual([]);
  });

  it('modal: a malformed CIDR fails as invalid-input before the snapshot, with no Modal call', async () => {
    const fake = await startFakeModal();
    close = () => fake.close();
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'Do it',
        provider: 'modal',
        agent: 'custom',
        'agent-command': customAgent(runnerTemp),
        output: 'artifact',
        network: '10.0.0.0/33\napi.example.com',
      },
      env: fake.env,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(run.outputs['reason']).toBe('invalid-input');
    expect(run.stdout).not.toContain('::group::Snapshot');
    expect(fake.methods()).toEqual([]);
    expect(run.stdout).toContain('network: `10.0.0.0/33` is neither a CIDR');
    expect(fake.allSandboxes()).toEqual([]);
  });
});
