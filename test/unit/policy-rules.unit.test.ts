import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../src/policy/glob.js';
import { invalidPath, symlinkChainEscape, symlinkEscape } from '../../src/policy/paths.js';
import { addedLinesByFile } from '../../src/policy/secrets.js';
import { DEFAULT_PROTECTED_PATHS } from '../../src/settings/index.js';
import { SecretRegistry } from '../../src/shared/secrets.js';

const KEY = 'sk-ant-api03-Zx9ModelKeyValue0123456789abcdefghij';

describe('path rules', () => {
  it.each([
    ['.git/hooks/x', '.git component'],
    ['../x', 'empty, . or .. component'],
    ['.GIT/config', '.git component'],
    ['a/.git/config', '.git component'],
    ['.git\\x', '.git component'],
    ['GIT~1/config', '.git component'],
    ['.git. /config', '.git component'],
    ['/etc/passwd', 'absolute'],
    ['a//b', 'empty, . or .. component'],
    ['a\nb', 'control characters'],
    ['src/app.ts', undefined],
    ['.github/workflows/x.yml', undefined],
    ['.gitignore', undefined],
    ['git~2/x', undefined],
    // HFS+ ignores these code points (git's is_hfs_dotgit): each is `.git` on a Mac checkout.
    ['.g\u200cit/config', '.git component'],
    ['.GIT\u200d/hooks/pre-commit', '.git component'],
    ['\ufeff.git/config', '.git component'],
    ['a/.gi\u206at/config', '.git component'],
    // NTFS alternate data stream syntax names the directory itself.
    ['.git::$INDEX_ALLOCATION/config', '.git component'],
    ['.g\u200bit/x', undefined],
  ])('%j → %s', (path, reason) => {
    expect(invalidPath(path)).toBe(reason);
  });

  it.each([
    ['link', '/etc/passwd', 'points to an absolute path'],
    ['link', '../../..', 'points outside the repository'],
    ['d/link', '../../x', 'points outside the repository'],
    ['link', '~/.ssh', 'points into a home directory'],
    ['link', '.git/config', 'points into .git'],
    ['d/link', '../.GIT/hooks', 'points into .git'],
    ['link', 'C:\\Windows', 'points to an absolute path'],
    ['link', '', 'has an unusable target'],
    ['link', undefined, 'could not be read'],
    ['link', 'src/app.txt', undefined],
    ['d/e/link', '../sibling', undefined],
    ['d/link', '..', undefined],
  ])('symlink %s → %j: %s', (path, target, reason) => {
    expect(symlinkEscape(path, target)).toBe(reason);
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    ['y', { 's/t': '..', y: 's/t/..' }, 'points outside the repository through another symlink'],
    ['y', { 'a/b': '../..', y: 'a/b' }, 'points outside the repository through another symlink'],
    ['y', { s: 'd/e', y: 's/../../..' }, 'points outside the repository through another symlink'],
    ['y', { s: 'src', y: 's/app.txt' }, undefined],
    ['y', { s: '/etc', y: 's/passwd' }, 'points outside the repository through another symlink'],
    ['y', { s: '.', y: 's/.git/config' }, 'points into .git through another symlink'],
    ['a', { a: 'b', b: 'a' }, 'is part of a symlink loop'],
    ['y', { y: 'plain/file' }, undefined],
  ])('symlink chain %s in %j: %s', (path, links, reason) => {
    expect(symlinkChainEscape(path, new Map(Object.entries(links)))).toBe(reason);
  });

  it.each([
    ['.github/a.yml', '.github/**'],
    ['.github/workflows/x.yml', '.github/**'],
    ['CODEOWNERS', 'CODEOWNERS'],
    ['a/b/.env.local', '**/.env*'],
    ['.env', '**/.env*'],
    ['.claude/settings.json', '.claude/**'],
    // The directory name itself: a symlink or file replacing `.github/` is protected too.
    ['.github', '.github/**'],
    ['.husky', '.husky/**'],
    ['.githubx', undefined],
    ['.github.yml', undefined],
    ['docs/a.yml', undefined],
    ['docs/CLAUDE.md', undefined],
    // Case-insensitive checkouts (macOS, Windows) resolve these to the protected names.
    ['.Husky/pre-commit', '.husky/**'],
    ['.CLAUDE/settings.json', '.claude/**'],
    ['claude.md', 'CLAUDE.md'],
    ['Agents.md', 'AGENTS.md'],
    ['.GitHub/workflows/x.yml', '.github/**'],
    ['codeowners', 'CODEOWNERS'],
    ['src/.ENV.local', '**/.env*'],
    // HFS-ignorable code points and NTFS trailing dots vanish on those filesystems.
    ['.git\u200chub/workflows/x.yml', '.github/**'],
    ['.husky\u200d/pre-commit', '.husky/**'],
    ['CLAUDE.md.', 'CLAUDE.md'],
    ['.github./workflows/x.yml', '.github/**'],
  ])('protected %j → %s', (path, glob) => {
    expect(matchesAny(path, DEFAULT_PROTECTED_PATHS)).toBe(glob);
  });
});

describe('folded matching', () => {
  it('matches user globs under Unicode normalization (NFD path, NFC glob)', () => {
    expect(matchesAny('docs/cafe\u0301.md', ['docs/café.md'])).toBe('docs/café.md');
    expect(matchesAny('Docs/CAFÉ.md', ['docs/café.md'])).toBe('docs/café.md');
  });
});

describe('secret scanning helpers', () => {
  it('splits git log -p output into added lines per file, never mistaking content for headers', () => {
    const patch = [
      '\0abc',
      '',
      'diff --git a/x.txt b/x.txt',
      '--- a/x.txt',
      '+++ b/x.txt',
      '@@ -1 +1,3 @@',
      ' context',
      '++++ b/fake.txt',
      '+diff --git a/y b/y',
      '-removed',
      'diff --git "a/\\303\\244.txt" "b/\\303\\244.txt"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/\\303\\244.txt"',
      '@@ -0,0 +1 @@',
      '+umlaut',
    ].join('\n');
    expect(addedLinesByFile(patch)).toEqual([
      ['x.txt', '+++ b/fake.txt\ndiff --git a/y b/y'],
      ['ä.txt', 'umlaut'],
    ]);
  });

  it('finds a registered value split over lines, string pieces, or wrapped base64', () => {
    const secrets = new SecretRegistry();
    secrets.add('model key', KEY);
    const b64 = Buffer.from(KEY).toString('base64');
    expect(secrets.scanSplit(`${KEY.slice(0, 10)}\n${KEY.slice(10)}`)).toEqual([
      { kind: 'model key (split)' },
    ]);
    expect(secrets.scanSplit(`"${KEY.slice(0, 10)}" +\n  '${KEY.slice(10)}'`)).not.toEqual([]);
    expect(secrets.scanSplit(b64.match(/.{1,16}/g)!.join('\n'))).not.toEqual([]);
    expect(secrets.scanSplit('nothing here\nat all')).toEqual([]);
    // Token patterns are not matched across joined lines (false positives); exact values are.
    expect(secrets.scanSplit(`ghp_${'a'.repeat(20)}\n${'a'.repeat(16)}`)).toEqual([]);
  });

  it('property: a registered value split anywhere with whitespace or quotes is found', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/),
        fc.integer({ min: 1, max: 11 }),
        fc.constantFrom('\n', '\r\n', '"\n+ "', "',\n'", ' \\\n'),
        (value, cut, glue) => {
          const secrets = new SecretRegistry();
          secrets.add('v', value);
          const text = `x = ${value.slice(0, cut)}${glue}${value.slice(cut)};`;
          expect(secrets.scanSplit(text).length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
