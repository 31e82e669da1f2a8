import { afterEach, describe, expect, it } from 'vitest';
import { runAgentScript } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/** The size and create-timeout inputs through the built action (local provider: sizes do not apply). */
describe('sandbox size inputs (built action)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.cleanup());

  async function run(inputs: Record<string, string>) {
    repo = makeRepo();
    return runAgentScript({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      script: 'echo sized > sized.txt && git add sized.txt && git commit -qm sized',
      inputs,
    });
  }

  it('refuses a bad size before any sandbox, in one sentence per input', async () => {
    const result = await run({ cpu: '2; rm -rf /', 'create-timeout-minutes': '0' });
    expect(result.exitCode).not.toBe(0);
    expect(result.outputs['outcome']).toBe('failed');
    expect(result.outputs['reason']).toBe('invalid-input');
    expect(result.stdout).toContain(
      "Invalid cpu '2; rm -rf /'. Expected a number greater than 0 and at most 64.",
    );
    expect(result.stdout).toContain(
      "Invalid create-timeout-minutes '0'. Expected a number greater than 0 and at most 120.",
    );
    expect(result.state['sandbox-id'] ?? '').toBe('');
  }, 60_000);

  it('runs with sizes and a raised create timeout set', async () => {
    const result = await run({
      cpu: '4',
      'memory-gib': '8',
      'disk-gib': '20',
      'create-timeout-minutes': '20',
    });
    expect(result.outputs['outcome'], result.stdout).toBe('artifact');
  }, 120_000);
});
