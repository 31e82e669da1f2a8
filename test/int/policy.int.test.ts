import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPolicy, type PolicyReport } from '../../src/policy/index.js';
import { DEFAULT_PROTECTED_PATHS, type ProtectedPathsPolicy } from '../../src/settings/index.js';
import { BOT_IDENTITY, isolatedGit } from '../../src/shared/git.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { startFakeArtifactService } from '../fakes/artifact.js';
import { runBuiltAction } from '../helpers/action.js';
import { git, makeRepo, TEST_GIT_ENV, type TestRepo, tempDir, writeFiles } from '../helpers/repo.js';

const MODEL_KEY = 'sk-ant-api03-Zx9ModelKeyValue0123456789abcdefghij';
const CAPS = { maxPatchBytes: 4_194_304, maxFiles: 200, maxCommits: 50 };

/** A repo with a base commit, then `change` run in it and committed; the policy runs on base..HEAD. */
async function policyFor(
  change: string,
  options: {
    policy?: ProtectedPathsPolicy;
    caps?: Partial<typeof CAPS>;
    mboxBytes?: number;
    files?: Record<string, string>;
  } = {},
): Promise<PolicyReport> {
  const dir = tempDir('sa-policy-');
  git(dir, ['init', '-q', '-b', 'main']);
  writeFiles(
    dir,
    options.files ?? { 'README.md': 'x\n', '.github/a.yml': 'on: push\n', 'src/app.txt': 'a\n' },
  );
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'base']);
  const base = git(dir, ['rev-parse', 'HEAD']);
  execFileSync('sh', ['-c', `set -e\n${change}\ngit add -A\ngit commit -q --allow-empty -m change`], {
    cwd: dir,
    env: TEST_GIT_ENV,
  });
  const secrets = new SecretRegistry();
  secrets.add('agent-env ANTHROPIC_API_KEY', MODEL_KEY);
  return checkPolicy({
    git: await isolatedGit(dir, join(dir, '..', 'home'), BOT_IDENTITY),
    baseSha: base,
    settings: {
      caps: { ...CAPS, ...options.caps },
      protectedPaths: DEFAULT_PROTECTED_PATHS,
      protectedPathsPolicy: options.policy ?? 'fallback',
    },
    mboxBytes: options.mboxBytes ?? 1000,
    commits: Number(git(dir, ['rev-list', '--count', `${base}..HEAD`])),
    secrets,
  });
}

describe('patch policy on the applied result', () => {
  it.each([
    ['a harmless change', 'echo b >> src/app.txt', 'allow', undefined],
    [
      'rename .github/a.yml → docs/a.yml counts as touching .github',
      'mkdir -p docs && git mv .github/a.yml docs/a.yml',
      'fallback',
      'protected-path',
    ],
    [
      'a new workflow',
      'mkdir -p .github/workflows && echo x > .github/workflows/x.yml',
      'fallback',
      'protected-path',
    ],
    ['CLAUDE.md at the root', 'echo x > CLAUDE.md', 'fallback', 'protected-path'],
    ['a nested .env file', 'mkdir -p a/b && echo K=v > a/b/.env.local', 'fallback', 'protected-path'],
    [
      '.gitmodules',
      'printf "[submodule \\"x\\"]\\n\\tpath = x\\n\\turl = https://evil.example/x\\n" > .gitmodules',
      'refuse',
      'policy-violation',
    ],
    [
      'a gitlink',
      'mkdir -p vendor/lib && git -C vendor/lib init -q && git -C vendor/lib -c user.name=a -c user.email=a@example.com commit -q --allow-empty -m x && git add vendor/lib',
      'refuse',
      'policy-violation',
    ],
    ['a symlink to /etc/passwd', 'ln -s /etc/passwd passwd-link', 'refuse', 'policy-violation'],
    ['a symlink escaping with ..', 'mkdir -p d && ln -s ../../../x d/up', 'refuse', 'policy-violation'],
    [
      'a relative symlink inside the repo (flagged, allowed)',
      'ln -s src/app.txt app-link',
      'allow',
      undefined,
    ],
    ['the model key in a file', `echo "key=${MODEL_KEY}" > config.txt`, 'refuse', 'secret-detected'],
    [
      'the model key base64-encoded',
      `printf '%s' "${MODEL_KEY}" | base64 -w0 > enc.txt`,
      'refuse',
      'secret-detected',
    ],
    ['the model key inside JSON', `printf '{"k":"%s"}' "${MODEL_KEY}" > k.json`, 'refuse', 'secret-detected'],
    [
      'the model key split across two lines',
      `printf '%s\\n%s\\n' "${MODEL_KEY.slice(0, 25)}" "${MODEL_KEY.slice(25)}" > split.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'a GitHub token pattern in a commit message',
      `echo y >> README.md && git commit -qam "token ghp_${'a'.repeat(36)}"`,
      'refuse',
      'secret-detected',
    ],
  ])('%s', async (_name, change, decision, reason) => {
    const report = await policyFor(change);
    expect(report.decision).toBe(decision);
    expect(report.reason).toBe(reason);
    expect(JSON.stringify(report)).not.toContain(MODEL_KEY);
  });

  it('protected-paths-policy block refuses, allow lets it through', async () => {
    expect((await policyFor('echo x > CLAUDE.md', { policy: 'block' })).decision).toBe('refuse');
    expect((await policyFor('echo x > CLAUDE.md', { policy: 'allow' })).decision).toBe('allow');
  });

  it('caps: files, commits, mbox bytes, and a small patch that expands to a huge blob', async () => {
    expect(
      (await policyFor('for i in 1 2 3; do echo $i > f$i; done', { caps: { maxFiles: 2 } })).reason,
    ).toBe('patch-too-large');
    expect(
      (await policyFor('echo a > a && git add a && git commit -qm a', { caps: { maxCommits: 1 } })).reason,
    ).toBe('patch-too-large');
    expect((await policyFor('echo a > a', { mboxBytes: 5_000_000 })).reason).toBe('patch-too-large');
    const bomb = await policyFor('head -c 52428800 /dev/zero > zeros.bin', {
      caps: { maxPatchBytes: 300_000 },
    });
    expect(bomb.decision).toBe('fallback');
    expect(bomb.message).toMatch(/expand to 52428800 bytes/);
  });

  it('a symlink then a directory in a later commit: reports the paths git sees', async () => {
    const report = await policyFor(
      'ln -s /tmp evil && git add evil && git commit -qm link && git rm -q evil && mkdir evil && echo x > evil/file',
    );
    expect(report.paths).toContain('evil/file');
    expect(report.decision).toBe('allow');
  });

  it('property: the reported paths cover git --name-only, and the policy never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(fc.stringMatching(/^[a-z]{1,6}(\/[a-z]{1,6}){0,2}$/), { minLength: 1, maxLength: 6 })
          // A name that is also another name's directory cannot exist in one tree.
          .filter((names) => !names.some((a) => names.some((b) => b.startsWith(`${a}/`)))),
        fc.constantFrom('add', 'modify', 'delete'),
        async (names, action) => {
          const files = Object.fromEntries(names.map((n) => [`keep/${n}`, 'base\n']));
          const change =
            action === 'add'
              ? names.map((n) => `mkdir -p "$(dirname "new/${n}")" && echo n > "new/${n}"`).join('\n')
              : action === 'modify'
                ? names.map((n) => `echo m >> "keep/${n}"`).join('\n')
                : names.map((n) => `rm -f "keep/${n}"`).join('\n');
          const report = await policyFor(change, { files: { ...files, 'README.md': 'x\n' } });
          const expected = action === 'add' ? names.map((n) => `new/${n}`) : names.map((n) => `keep/${n}`);
          for (const path of expected) expect(report.paths).toContain(path);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('blocked classes end to end (built action)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => repo?.cleanup());

  it.each([
    [
      'protected path, policy block',
      'mkdir -p .github/workflows && echo x > .github/workflows/x.yml',
      { 'protected-paths-policy': 'block' },
      'refused',
      'protected-path',
    ],
    ['protected path, policy fallback', 'echo x > CLAUDE.md', {}, 'artifact', 'protected-path'],
    ['a symlink to /etc/passwd', 'ln -s /etc/passwd passwd', {}, 'refused', 'policy-violation'],
    [
      'a gitlink',
      'mkdir -p vendor/lib && git -C vendor/lib init -q && git -C vendor/lib -c user.name=a -c user.email=a@example.com commit -q --allow-empty -m x && git add vendor/lib && git commit -qm sub',
      {},
      'refused',
      'policy-violation',
    ],
    [
      'too many files',
      'for i in 1 2 3 4; do echo $i > f$i; done',
      { 'max-files': '3' },
      'artifact',
      'patch-too-large',
    ],
  ])('%s', async (_name, script, inputs, outcome, reason) => {
    repo = makeRepo();
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp: tempDir('sa-runner-'),
      inputs: {
        prompt: 'x',
        provider: 'local',
        agent: 'custom',
        'agent-command': script,
        output: 'artifact',
        ...inputs,
      },
    });
    expect(run.outputs['outcome'], run.stdout).toBe(outcome);
    expect(run.outputs['reason']).toBe(reason);
    expect(run.summary).toContain(`\`${reason}\``);
  });

  it('a secret in the diff: refused, nothing uploaded, the summary says why without the value', async () => {
    repo = makeRepo();
    const service = await startFakeArtifactService();
    try {
      const runnerTemp = tempDir('sa-runner-');
      writeFileSync(
        join(runnerTemp, 'agent.sh'),
        `echo "ANTHROPIC_API_KEY=$ANTHROPIC_API_KEY" > leaked.txt\n`,
      );
      const run = await runBuiltAction({
        workspace: repo.checkout,
        runnerTemp,
        inputs: {
          prompt: 'x',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${join(runnerTemp, 'agent.sh')}`,
          output: 'artifact',
          'agent-env': `ANTHROPIC_API_KEY=${MODEL_KEY}`,
        },
        env: service.env,
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'secret-detected', 'artifact-id': '' });
      expect(run.summary).toContain('leaked.txt');
      expect(run.summary).not.toContain(MODEL_KEY);
      expect(service.calls).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
