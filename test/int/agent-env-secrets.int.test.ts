import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { type ActionRun, runAgentScript } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

const MODEL_KEY = 'sk-ant-api03-SettingsTestKey0123456789abcdefghij';
const BEDROCK_SETTINGS = 'CLAUDE_CODE_USE_BEDROCK=1\nAWS_REGION=us-east-1';
const WRITE_TERRAFORM = 'printf \'provider "aws" {\\n  region = "%s"\\n}\\n\' "$AWS_REGION" > infra.tf';

/** Lines the runner would act on as `::add-mask::` commands (the action's own, before any prefixing). */
function maskedValues(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

/**
 * Issue 18 item 4 through the built action (local provider, custom agent): plain settings in agent-env
 * reach the agent but are neither masked nor scanned for; keys keep every protection.
 */
describe('agent-env settings are not secrets (built action)', () => {
  let repo: TestRepo | undefined;
  let service: FakeArtifactService | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await service?.close();
  });

  async function run(script: string, agentEnv: string, files?: Record<string, string>) {
    repo = makeRepo(files ? { files } : {});
    service = await startFakeArtifactService();
    return runAgentScript({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      script,
      inputs: { 'agent-env': agentEnv },
      env: service.env,
    });
  }

  it('a region in a Terraform edit is delivered, and neither `1` nor the region is masked', async () => {
    const result = await run(WRITE_TERRAFORM, BEDROCK_SETTINGS);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'artifact' });
    expect(result.outputs['reason']).not.toBe('secret-detected');
    expect(result.outputs['artifact-id']).not.toBe('');
    expect(result.summary).not.toContain('secret-detected');
    // The settings reached the agent: the patch adds one file with the region the agent read from env.
    expect(result.outputs['files-changed']).toBe('1');
    expect(maskedValues(result)).not.toContain('1');
    expect(maskedValues(result)).not.toContain('us-east-1');
    expect(result.stdout).not.toMatch(/^::add-mask::(?:1|us-east-1)$/m);
  });

  it('a repository that already names the region is shipped to the sandbox, not refused', async () => {
    const result = await run(
      `${WRITE_TERRAFORM.replace('infra.tf', 'infra.tf.new')} && mv infra.tf.new infra.tf`,
      BEDROCK_SETTINGS,
      {
        'README.md': '# infra\n',
        'infra.tf': 'provider "aws" {\n  region = "us-east-1"\n  profile = "old"\n}\n',
      },
    );
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'artifact' });
    expect(result.outputs['files-changed']).toBe('1');
  });

  it('the model key written into a file is still secret-detected, and masked before any other line', async () => {
    const result = await run(
      'echo "key = \\"$ANTHROPIC_API_KEY\\"" > leaked.txt',
      `${BEDROCK_SETTINGS}\nANTHROPIC_API_KEY=${MODEL_KEY}`,
    );
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      outcome: 'refused',
      reason: 'secret-detected',
      'artifact-id': '',
    });
    expect(service?.calls).toEqual([]);
    const lines = result.stdout.split('\n');
    const maskAt = lines.indexOf(`::add-mask::${MODEL_KEY}`);
    const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    expect(maskAt).toBeGreaterThanOrEqual(0);
    expect(maskAt).toBeLessThan(firstOther);
    expect(maskedValues(result)).not.toContain('1');
    const logged = lines.filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const text of [logged, result.summary, JSON.stringify(result.outputs)])
      expect(text).not.toContain(MODEL_KEY);
  });

  it('a random key under an innocent name is still masked and secret-detected', async () => {
    const key = 'q7Xk2LmP9vR4tZ8wB3nJ6yH1cF5gD0sA';
    const result = await run('echo "upstream = $UPSTREAM" > upstream.conf', `UPSTREAM=${key}`);
    expect(result.outputs).toMatchObject({ outcome: 'refused', reason: 'secret-detected' });
    expect(maskedValues(result)).toContain(key);
  });

  it('a secret name with a value too short to be a key is warned about, without the value', async () => {
    const result = await run('echo x > x.txt', 'ANTHROPIC_API_KEY=abc');
    expect(result.outputs).toMatchObject({ outcome: 'artifact' });
    expect(result.stdout).toMatch(
      /^::warning::agent-env ANTHROPIC_API_KEY looks like a secret but its value is shorter than 6 characters/m,
    );
    expect(maskedValues(result)).not.toContain('abc');
  });
});
