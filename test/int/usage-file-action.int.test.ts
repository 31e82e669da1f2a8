import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { runAgentScript } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * A custom agent reports its usage through `$AGENT_USAGE_FILE` (docs/agents.md); the built action on
 * the local provider shows it in the job summary's Cost table, and a hostile file is ignored safely.
 */
describe('custom agent usage file (built action)', () => {
  let repo: TestRepo | undefined;
  let service: FakeArtifactService | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await service?.close();
  });

  async function run(script: string) {
    repo = makeRepo();
    service = await startFakeArtifactService();
    return runAgentScript({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      script: `echo change >> README.md\n${script}`,
      env: service.env,
    });
  }

  it('shows the tokens and $ a custom agent wrote to $AGENT_USAGE_FILE', async () => {
    const r = await run(
      `printf '%s' '{"input_tokens":1234,"output_tokens":56,"cached_input_tokens":789,"cost_usd":0.0421,"note":"x"}' > "$AGENT_USAGE_FILE"`,
    );
    expect(r.outputs['outcome'], r.stdout + r.stderr).toBe('artifact');
    expect(r.summary).toMatch(/^\| 1,234 \| 56 \| 789 \| \$0\.0421 \| [\d.]+ (ms|s) \|$/m);
    expect(r.summary).toMatch(/^## 📦 Patch saved as an artifact$/m);
    // The artifact the fake service stored, linked and with its URL as an output.
    const id = [...service!.artifacts.values()][0]?.id;
    expect(id).toBeDefined();
    const url = `https://github.com/octo/demo/actions/runs/4242/artifacts/${id}`;
    expect(r.outputs['artifact-url']).toBe(url);
    expect(r.summary).toContain(`](${url})`);
    expect(r.summary).toContain('gh run download 4242 -n ');
  });

  it.each([
    ['huge', `head -c 1000000 /dev/zero | tr '\\0' 1 > "$AGENT_USAGE_FILE"`, 'it is larger than 4096 bytes'],
    [
      'not JSON',
      `echo '<img src=https://evil.example/p.png> @octocat' > "$AGENT_USAGE_FILE"`,
      'it is not JSON',
    ],
    [
      'a string with Markdown',
      `printf '%s' '{"input_tokens":"[9](javascript:alert(1)) @octocat","cost_usd":"<b>0</b>"}' > "$AGENT_USAGE_FILE"`,
      'input_tokens is not a non-negative whole number',
    ],
    [
      'symlinked',
      `ln -s "$HOME/.secret-usage.json" "$AGENT_USAGE_FILE"; printf '{"input_tokens":7}' > "$HOME/.secret-usage.json"`,
      undefined,
    ],
  ])('ignores a hostile usage file (%s) and still delivers the work', async (_name, script, why) => {
    const r = await run(script);
    expect(r.outputs['outcome'], r.stdout + r.stderr).toBe('artifact');
    if (why) expect(r.stdout).toContain(`The agent's usage file was ignored: ${why}.`);
    // No token counts and no $: the Cost row only has the sandbox time.
    expect(r.summary).toMatch(/^\| — \| — \| — \| — \| [\d.]+ (ms|s) \|$/m);
    expect(r.summary).not.toMatch(/evil\.example|javascript:|<b>|<img|@octocat/);
  });
});
