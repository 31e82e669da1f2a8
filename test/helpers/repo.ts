import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Env for git in tests: no user or system config, a fixed identity. */
export const TEST_GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  LC_ALL: 'C',
};

export function git(cwd: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', args, {
    cwd,
    env: TEST_GIT_ENV,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).replace(/\n$/, '');
}

export function tempDir(prefix = 'sa-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export interface TestRepo {
  /** The upstream repository (full history). */
  origin: string;
  /** The checkout the action runs on (a clone, shallow unless `full`). */
  checkout: string;
  root: string;
  head: string;
  cleanup(): void;
}

/**
 * An upstream repo with `commits` commits of the given files, and a checkout of it, `--depth 1` as
 * actions/checkout makes it unless `full` is set.
 */
export function makeRepo(
  options: { files?: Record<string, string | Buffer>; commits?: number; full?: boolean } = {},
): TestRepo {
  const root = tempDir();
  const origin = join(root, 'origin');
  mkdirSync(origin);
  git(origin, ['init', '-q', '-b', 'main']);
  const files = options.files ?? { 'README.md': '# test\n', 'src/app.txt': 'one\ntwo\nthree\n' };
  const commits = options.commits ?? 2;
  for (let i = 0; i < commits; i++) {
    writeFiles(origin, i === 0 ? files : { 'history.txt': `commit ${i}\n` });
    git(origin, ['add', '-A']);
    git(origin, ['commit', '-q', '-m', `commit ${i}`]);
  }
  const checkout = join(root, 'checkout');
  const depth = options.full ? [] : ['--depth', '1'];
  git(root, ['clone', '-q', ...depth, `file://${origin}`, checkout]);
  return {
    origin,
    checkout,
    root,
    head: git(checkout, ['rev-parse', 'HEAD']),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
