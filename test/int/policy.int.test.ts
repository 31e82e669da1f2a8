import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, type PolicyInput, type PolicyReport } from '../../src/policy/index.js';
import { DEFAULT_PROTECTED_PATHS, type ProtectedPathsPolicy } from '../../src/settings/index.js';
import { BOT_IDENTITY, isolatedGit } from '../../src/shared/git.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { git, TEST_GIT_ENV, tempDir, writeFiles } from '../helpers/repo.js';

const MODEL_KEY = 'sk-ant-api03-Zx9ModelKeyValue0123456789abcdefghij';
const CAPS = { maxPatchBytes: 4_194_304, maxFiles: 200, maxCommits: 50 };
const BASE_FILES = {
  'README.md': 'x\n',
  '.github/a.yml': 'on: push\n',
  'src/app.txt': 'a\n',
  // A pattern-shaped fixture that is already in the base: context, never a leak.
  'test/fixture.txt': 'aws = AKIAIOSFODNN7EXAMPLE\nline\n',
};

interface PolicyCase {
  policy?: ProtectedPathsPolicy;
  caps?: Partial<typeof CAPS>;
  mboxBytes?: number;
  files?: Record<string, string>;
  extra?: Partial<PolicyInput>;
}

/** A repo with a base commit, then `change` (a shell script or a function) committed; policy on base..HEAD. */
async function policyRun(
  change: string | ((dir: string) => void),
  options: PolicyCase = {},
): Promise<{ report: PolicyReport; dir: string; base: string }> {
  const dir = tempDir('sa-policy-');
  git(dir, ['init', '-q', '-b', 'main']);
  writeFiles(dir, options.files ?? BASE_FILES);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'base']);
  const base = git(dir, ['rev-parse', 'HEAD']);
  if (typeof change === 'function') change(dir);
  else execFileSync('sh', ['-c', `set -e\n${change}`], { cwd: dir, env: TEST_GIT_ENV });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'change']);
  const secrets = new SecretRegistry();
  secrets.add('agent-env ANTHROPIC_API_KEY', MODEL_KEY);
  const report = await checkPolicy({
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
    ...options.extra,
  });
  return { report, dir, base };
}

async function policyFor(change: string, options: PolicyCase = {}): Promise<PolicyReport> {
  return (await policyRun(change, options)).report;
}

const commit = (message: string): string => `git add -A && git commit -qm "${message}"`;
const GITLINK =
  'mkdir -p vendor/lib && git -C vendor/lib init -q && git -C vendor/lib -c user.name=a -c user.email=a@example.com commit -q --allow-empty -m x && git add vendor/lib';

describe('patch policy on the applied result', () => {
  it.each([
    ['a harmless change', 'echo b >> src/app.txt', 'allow', undefined],
    [
      'a change next to a pattern-shaped fixture in the base',
      'echo more >> test/fixture.txt',
      'allow',
      undefined,
    ],
    // Paths and modes
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
      'a workflow added, then deleted in a later commit (the pushed history still has it)',
      `mkdir -p .github/workflows && echo x > .github/workflows/x.yml && ${commit('wf')} && git rm -q .github/workflows/x.yml`,
      'fallback',
      'protected-path',
    ],
    [
      '.gitmodules',
      'printf "[submodule \\"x\\"]\\n\\tpath = x\\n\\turl = https://evil.example/x\\n" > .gitmodules',
      'refuse',
      'policy-violation',
    ],
    ['a gitlink', GITLINK, 'refuse', 'policy-violation'],
    ['a symlink to /etc/passwd', 'ln -s /etc/passwd passwd-link', 'refuse', 'policy-violation'],
    ['a symlink escaping with ..', 'mkdir -p d && ln -s ../../../x d/up', 'refuse', 'policy-violation'],
    ['a symlink to ~/.ssh', 'ln -s "~/.ssh" ssh', 'refuse', 'policy-violation'],
    ['a symlink into .git', 'ln -s .git/config cfg', 'refuse', 'policy-violation'],
    [
      'a relative symlink inside the repo (flagged, allowed)',
      'ln -s src/app.txt app-link',
      'allow',
      undefined,
    ],
    [
      'a symlink then a directory in a later commit',
      `ln -s /tmp evil && ${commit('link')} && git rm -q evil && mkdir evil && echo x > evil/file`,
      'refuse',
      'policy-violation',
    ],
    [
      'a symlink that escapes through another symlink (s/t → .., y → s/t/..)',
      'mkdir s && ln -s .. s/t && ln -s s/t/.. y',
      'refuse',
      'policy-violation',
    ],
    [
      'a symlink chained through a link from an earlier commit',
      `mkdir s && ln -s .. s/t && ${commit('inner')} && ln -s s/t/../etc y`,
      'refuse',
      'policy-violation',
    ],
    [
      'a symlink replacing the .github directory name',
      'ln -s docs .github-tmp && git rm -rq .github && mv .github-tmp .github',
      'fallback',
      'protected-path',
    ],
    ['a path with a newline', "printf x > 'a\nb'", 'refuse', 'policy-violation'],
    // Secrets
    ['the model key in a file', `echo "key=${MODEL_KEY}" > config.txt`, 'refuse', 'secret-detected'],
    [
      'the model key base64-encoded',
      `printf '%s' "${MODEL_KEY}" | base64 -w0 > enc.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key base64-encoded at another offset',
      `printf 'xy%s' "${MODEL_KEY}" | base64 -w0 > enc.txt`,
      'refuse',
      'secret-detected',
    ],
    ['the model key inside JSON', `printf '{"k":"%s"}' "${MODEL_KEY}" > k.json`, 'refuse', 'secret-detected'],
    [
      'the model key URL-encoded',
      `echo "${encodeURIComponent(`${MODEL_KEY}/x y`)}" > u.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key split across two lines',
      `printf '%s\\n%s\\n' "${MODEL_KEY.slice(0, 25)}" "${MODEL_KEY.slice(25)}" > split.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key split into concatenated string pieces',
      `printf 'const k = "%s" +\\n  "%s";\\n' "${MODEL_KEY.slice(0, 20)}" "${MODEL_KEY.slice(20)}" > k.js`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key base64-encoded and wrapped over lines',
      `printf '%s' "${MODEL_KEY}" | base64 -w 16 > wrapped.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key in a binary file',
      `printf '\\000\\001%s\\000' "${MODEL_KEY}" > blob.bin`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key added, then removed in a later commit (the mbox still carries it)',
      `echo "${MODEL_KEY}" > k.txt && ${commit('add')} && git rm -q k.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'a GitHub token pattern in a commit message',
      `echo y >> README.md && git commit -qam "token ghp_${'a'.repeat(36)}"`,
      'refuse',
      'secret-detected',
    ],
    [
      'the model key as the commit author name',
      `echo y >> README.md && git commit -qam msg --author="${MODEL_KEY} <a@example.com>"`,
      'refuse',
      'secret-detected',
    ],
    ['the model key as a file name', `echo x > "${MODEL_KEY}.txt"`, 'refuse', 'secret-detected'],
    ['gho_ OAuth token', `echo "gho_${'B'.repeat(36)}" > t.txt`, 'refuse', 'secret-detected'],
    ['ghs_ installation token', `echo "ghs_${'C'.repeat(36)}" > t.txt`, 'refuse', 'secret-detected'],
    ['github_pat_', `echo "github_pat_${'D'.repeat(40)}" > t.txt`, 'refuse', 'secret-detected'],
    ['an OpenAI sk- key', `echo "OPENAI=sk-proj-${'e'.repeat(40)}" > t.txt`, 'refuse', 'secret-detected'],
    ['an AWS access key', 'echo "AKIAABCDEFGHIJKLMNOP" > t.txt', 'refuse', 'secret-detected'],
    ['a private key header', 'echo "-----BEGIN OPENSSH PRIVATE KEY-----" > id', 'refuse', 'secret-detected'],
    [
      'a JWT',
      `echo "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'f'.repeat(20)}" > t.txt`,
      'refuse',
      'secret-detected',
    ],
    [
      'a secret and a protected path: the secret decides',
      `echo "${MODEL_KEY}" > CLAUDE.md`,
      'refuse',
      'secret-detected',
    ],
  ])('%s', async (_name, change, decision, reason) => {
    const report = await policyFor(change);
    expect(report.decision, JSON.stringify(report.findings)).toBe(decision);
    expect(report.reason).toBe(reason);
    // `paths` is git's own list (a file may be named after the key); what is shown never has it.
    const shown = JSON.stringify([report.findings, report.message]);
    expect(shown).not.toContain(MODEL_KEY);
    expect(shown).not.toContain(MODEL_KEY.slice(0, 25));
  });

  it('a secret finding names the file and the pattern, never the value', async () => {
    const report = await policyFor(`mkdir -p cfg && echo "k=${MODEL_KEY}" > cfg/leak.txt`);
    const finding = report.findings.find((f) => f.rule === 'secret');
    expect(finding).toMatchObject({
      path: 'cfg/leak.txt',
      pattern: 'agent-env ANTHROPIC_API_KEY',
      effect: 'refuse',
    });
    expect(report.message).toContain('cfg/leak.txt');
    expect(report.message).toContain('ANTHROPIC_API_KEY');
    const named = await policyFor(`echo x > "${MODEL_KEY}.txt"`);
    expect(named.message).toMatch(/in a file name/);
    expect(JSON.stringify(named.findings)).not.toContain(MODEL_KEY);
  });

  it('scans PR title and body, the transcript, and the mbox bytes as uploaded', async () => {
    const b64 = Buffer.from(MODEL_KEY).toString('base64');
    const title = await policyFor('echo b >> src/app.txt', {
      extra: { texts: { prTitle: `Fix ${MODEL_KEY}` } },
    });
    expect(title.message).toMatch(/pull request title/);
    const body = await policyFor('echo b >> src/app.txt', { extra: { texts: { prBody: `see ${b64}` } } });
    expect(body.message).toMatch(/pull request body/);
    const transcript = await policyFor('echo b >> src/app.txt', {
      extra: { texts: { transcript: `{"text":"ghp_${'z'.repeat(36)}"}` } },
    });
    expect(transcript.message).toMatch(/transcript/);
    // Bytes git am ignores (here: after the patch) still travel in the artifact.
    const mboxPath = join(tempDir('sa-mbox-'), 'agent.mbox');
    writeFileSync(mboxPath, `From x\n\ndiff --git a/a b/a\n-- \n2.43\n\nJunk: ${MODEL_KEY}\n`);
    const mbox = await policyFor('echo b >> src/app.txt', { extra: { mboxPath } });
    expect(mbox.reason).toBe('secret-detected');
    expect(mbox.message).toMatch(/the mbox/);
    // Pattern-shaped base context in the mbox is not a leak.
    writeFileSync(mboxPath, ' aws = AKIAIOSFODNN7EXAMPLE\n');
    expect((await policyFor('echo b >> src/app.txt', { extra: { mboxPath } })).decision).toBe('allow');
  });

  it('protected-paths-policy block refuses, allow lets it through (and still reports it)', async () => {
    expect((await policyFor('echo x > CLAUDE.md', { policy: 'block' })).decision).toBe('refuse');
    const allowed = await policyFor('echo x > CLAUDE.md', { policy: 'allow' });
    expect(allowed.decision).toBe('allow');
    expect(allowed.findings).toMatchObject([{ rule: 'protected', effect: 'note' }]);
  });

  it('caps: files and commits fall back to the artifact; mbox bytes refuse', async () => {
    const files = await policyFor('for i in 1 2 3; do echo $i > f$i; done', { caps: { maxFiles: 2 } });
    expect([files.decision, files.reason]).toEqual(['fallback', 'patch-too-large']);
    const commits = await policyFor(`echo a > a && ${commit('a')}`, { caps: { maxCommits: 1 } });
    expect([commits.decision, commits.reason]).toEqual(['fallback', 'patch-too-large']);
    const bytes = await policyFor('echo a > a', { mboxBytes: 5_000_000 });
    expect([bytes.decision, bytes.reason]).toEqual(['refuse', 'patch-too-large']);
  });

  it('a 282 KB mbox that expands to a 50 MB blob is refused by the expanded-size check', async () => {
    const { report, dir, base } = await policyRun('head -c 52428800 /dev/zero > bomb.bin');
    const mbox = execFileSync('git', ['format-patch', '--binary', '--stdout', `${base}..HEAD`], {
      cwd: dir,
      env: TEST_GIT_ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
    // The figure the test is named after: the mbox stays far below max-patch-bytes.
    expect(mbox.length).toBeGreaterThan(250_000);
    expect(mbox.length).toBeLessThan(300_000);
    expect(report.decision).toBe('refuse');
    expect(report.reason).toBe('patch-too-large');
    expect(report.message).toMatch(/expands to 52428800 added bytes/);
  });

  it('a blob over 100 MB is refused even when the expansion limit is high', async () => {
    const report = await policyFor('head -c 105000000 /dev/zero > huge.bin', {
      caps: { maxPatchBytes: 50_000_000 },
    });
    expect(report.decision).toBe('refuse');
    expect(report.findings).toMatchObject([{ rule: 'cap', path: 'huge.bin' }]);
    expect(report.message).toMatch(/over GitHub's 100 MB file limit/);
  });

  it('a symlink then a directory in a later commit: both paths reported, the symlink refused', async () => {
    const report = await policyFor(
      `ln -s /tmp evil && ${commit('link')} && git rm -q evil && mkdir evil && echo x > evil/file`,
    );
    expect(report.paths).toEqual(expect.arrayContaining(['evil', 'evil/file']));
    expect(report.findings).toMatchObject([{ rule: 'symlink', path: 'evil', effect: 'refuse' }]);
  });

  it('never throws: an unreadable base refuses', async () => {
    const report = await policyFor('echo b >> src/app.txt', { extra: { baseSha: 'f'.repeat(40) } });
    expect(report.decision).toBe('refuse');
    expect(report.findings[0]?.rule).toBe('internal');
  });

  it('property: the reported paths cover git --name-only -z, and the policy never throws', async () => {
    const segment = fc.stringMatching(/^[a-zä" -]{1,6}$/).filter((s) => s.trim() === s && s !== '-');
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(
            fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
            { minLength: 1, maxLength: 6 },
          )
          // A name that is also another name's directory cannot exist in one tree.
          .filter((names) => !names.some((a) => names.some((b) => b.startsWith(`${a}/`)))),
        fc.constantFrom('add', 'modify', 'delete', 'rename', 'symlink', 'chmod'),
        async (names, action) => {
          const files = Object.fromEntries(names.map((n) => [`keep/${n}`, 'base\n']));
          const change = (dir: string): void => {
            for (const name of names) {
              const path = `keep/${name}`;
              const run = (args: string[]): void => void git(dir, args);
              if (action === 'add') writeFiles(dir, { [`new/${name}`]: 'n\n' });
              if (action === 'modify') writeFiles(dir, { [path]: 'm\n' });
              if (action === 'delete') run(['rm', '-q', '--', path]);
              if (action === 'rename') {
                mkdirSync(join(dir, 'moved'), { recursive: true });
                run(['mv', '--', path, `moved/${name.replaceAll('/', '_')}`]);
              }
              if (action === 'symlink') {
                run(['rm', '-q', '--', path]);
                mkdirSync(dirname(join(dir, path)), { recursive: true });
                symlinkSync('../x', join(dir, path));
              }
              if (action === 'chmod') execFileSync('chmod', ['+x', join(dir, path)]);
            }
          };
          const { report, dir, base } = await policyRun(change, { files: { ...files, 'README.md': 'x\n' } });
          const expected = git(dir, ['diff', '--name-only', '-z', '--no-renames', base, 'HEAD'])
            .split('\0')
            .filter(Boolean);
          expect(expected.length).toBeGreaterThan(0);
          for (const path of expected) expect(report.paths).toContain(path);
        },
      ),
      { numRuns: 12 },
    );
  });
});
