import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleLogger } from '../../src/shared/log.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { createSnapshot } from '../../src/snapshot/index.js';
import { git, makeRepo, type TestRepo, tempDir, writeFiles } from '../helpers/repo.js';

const TOKEN = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB';
const logger = consoleLogger(
  (t) => t,
  () => {},
);

let repo: TestRepo | undefined;

/** Deterministic, incompressible text. */
function noise(seed: number, length: number): string {
  let out = '';
  let block = createHash('sha256').update(String(seed)).digest('hex');
  while (out.length < length) {
    out += `${block}\n`;
    block = createHash('sha256').update(block).digest('hex');
  }
  return out.slice(0, length);
}
afterEach(() => repo?.cleanup());

/** Unpacks a bundle into a fresh repo the way the sandbox does, and returns every object's content. */
function unpackBundle(bundle: string, base: string, ref: string): { dir: string; allObjects: string } {
  const dir = tempDir('sa-unbundle-');
  git(dir, ['init', '-q']);
  writeFileSync(join(dir, '.git', 'shallow'), `${base}\n`);
  git(dir, ['fetch', '-q', bundle, `${ref}:refs/heads/shipped`]);
  const objects = git(dir, ['cat-file', '--batch-all-objects', '--batch-check=%(objectname)']).split('\n');
  const allObjects = git(dir, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  return { dir, allObjects };
}

describe('snapshot', () => {
  it('ships HEAD of a shallow checkout and nothing from .git/, untracked or ignored files', async () => {
    repo = makeRepo({ commits: 1, files: { 'README.md': 'hi\n', '.gitignore': '*.log\n' } });
    const { checkout } = repo;
    // Persisted credentials, as actions/checkout < v6 leaves them, and a token-bearing remote URL.
    git(checkout, [
      'config',
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
    ]);
    git(checkout, [
      'remote',
      'set-url',
      'origin',
      `https://x-access-token:${TOKEN}@github.com/octo/demo.git`,
    ]);
    // v6 layout: credentials in a separate file pulled in by includeIf.
    const credFile = join(repo.root, 'creds.gitconfig');
    writeFileSync(credFile, `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: bearer ${TOKEN}\n`);
    git(checkout, ['config', `includeIf.gitdir:${checkout}/.git.path`, credFile]);
    writeFiles(checkout, {
      'gha-creds-x.json': JSON.stringify({ private_key: 'PRIVATE-KEY-MATERIAL' }),
      'debug.log': 'ignored file\n',
      'README.md': 'modified but not committed\n',
    });
    const secrets = new SecretRegistry();
    secrets.add('github-token', TOKEN);
    const snapshot = await createSnapshot({
      repoDir: checkout,
      includeUncommitted: false,
      workDir: join(repo.root, 'snap'),
      secrets,
      logger,
    });

    expect(snapshot.baseSha).toBe(repo.head);
    expect(snapshot.snapshotSha).toBeNull();
    expect(snapshot.shallowCheckout).toBe(true);
    const bundle = readFileSync(snapshot.bundlePath);
    expect(bundle.includes(Buffer.from(TOKEN))).toBe(false);
    const { dir, allObjects } = unpackBundle(snapshot.bundlePath, snapshot.baseSha, snapshot.bundleRef);
    expect(allObjects).not.toContain(TOKEN);
    expect(allObjects).not.toContain('PRIVATE-KEY-MATERIAL');
    expect(allObjects).not.toContain('extraheader');
    expect(allObjects).not.toContain('modified but not committed');
    expect(git(dir, ['ls-tree', '-r', '--name-only', 'shipped']).split('\n').sort()).toEqual([
      '.gitignore',
      'README.md',
    ]);
    // The unpacked repository has no remote and none of the checkout's config.
    expect(readFileSync(join(dir, '.git', 'config'), 'utf8')).not.toContain('extraheader');
  });

  it('ships only the tip of a full-history checkout, about the size of a depth-1 bundle', async () => {
    repo = makeRepo({ commits: 30, full: true, files: { 'big.txt': noise(0, 200_000) } });
    for (let i = 0; i < 10; i++) {
      writeFiles(repo.checkout, { 'big.txt': noise(i, 200_000), [`file-${i}.txt`]: noise(100 + i, 20_000) });
      git(repo.checkout, ['add', '-A']);
      git(repo.checkout, ['commit', '-qm', `rewrite ${i}`]);
    }
    const head = git(repo.checkout, ['rev-parse', 'HEAD']);
    const snapshot = await createSnapshot({
      repoDir: repo.checkout,
      includeUncommitted: false,
      workDir: join(repo.root, 'snap'),
      secrets: new SecretRegistry(),
      logger,
    });
    expect(snapshot.shallowCheckout).toBe(false);
    const { dir } = unpackBundle(snapshot.bundlePath, snapshot.baseSha, snapshot.bundleRef);
    expect(git(dir, ['rev-list', '--count', 'shipped'])).toBe('1');
    expect(git(dir, ['rev-parse', 'shipped'])).toBe(head);
    // Compare with a depth-1 clone's bundle of the same commit.
    const shallow = join(repo.root, 'shallow');
    git(repo.root, ['clone', '-q', '--depth', '1', `file://${repo.checkout}`, shallow]);
    git(shallow, ['bundle', 'create', '-q', join(repo.root, 'd1.bundle'), 'HEAD']);
    const ratio = snapshot.bundleBytes / statSync(join(repo.root, 'd1.bundle')).size;
    expect(ratio).toBeLessThanOrEqual(1.05);
    // The checkout was not touched.
    expect(git(repo.checkout, ['rev-parse', '--is-shallow-repository'])).toBe('false');
  });

  it('include-uncommitted: a snapshot commit on top of HEAD, without touching the index, refs or config', async () => {
    repo = makeRepo({ commits: 1, files: { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } });
    const { checkout } = repo;
    writeFiles(checkout, { 'a.txt': 'a changed\n', 'untracked.txt': 'never shipped\n' });
    git(checkout, ['rm', '-q', 'b.txt']);
    writeFiles(checkout, { 'staged-new.txt': 'staged\n' });
    git(checkout, ['add', 'staged-new.txt']);
    const indexBefore = readFileSync(join(checkout, '.git', 'index'));
    const refsBefore = git(checkout, ['for-each-ref']);
    const configBefore = readFileSync(join(checkout, '.git', 'config'), 'utf8');
    const statusBefore = git(checkout, ['status', '--porcelain']);

    const snapshot = await createSnapshot({
      repoDir: checkout,
      includeUncommitted: true,
      workDir: join(repo.root, 'snap'),
      secrets: new SecretRegistry(),
      logger,
    });
    expect(snapshot.baseSha).toBe(repo.head);
    expect(snapshot.snapshotSha).toMatch(/^[0-9a-f]{40}$/);
    expect(snapshot.shippedSha).toBe(snapshot.snapshotSha);
    const { dir } = unpackBundle(snapshot.bundlePath, snapshot.baseSha, snapshot.bundleRef);
    expect(git(dir, ['rev-parse', 'shipped^'])).toBe(repo.head);
    expect(git(dir, ['ls-tree', '-r', '--name-only', 'shipped']).split('\n').sort()).toEqual([
      'a.txt',
      'c.txt',
      'staged-new.txt',
    ]);
    expect(git(dir, ['show', 'shipped:a.txt'])).toBe('a changed');

    expect(readFileSync(join(checkout, '.git', 'index')).equals(indexBefore)).toBe(true);
    expect(git(checkout, ['for-each-ref'])).toBe(refsBefore);
    expect(readFileSync(join(checkout, '.git', 'config'), 'utf8')).toBe(configBefore);
    expect(git(checkout, ['status', '--porcelain'])).toBe(statusBefore);
    // The snapshot commit's objects live in the private dir, not in the checkout's object store.
    expect(() => git(checkout, ['cat-file', '-e', snapshot.snapshotSha!])).toThrow();
  });

  it('include-uncommitted with a clean tree ships HEAD itself', async () => {
    repo = makeRepo();
    const snapshot = await createSnapshot({
      repoDir: repo.checkout,
      includeUncommitted: true,
      workDir: join(repo.root, 'snap'),
      secrets: new SecretRegistry(),
      logger,
    });
    expect(snapshot.snapshotSha).toBeNull();
    expect(snapshot.shippedSha).toBe(repo.head);
  });

  it('refuses to ship a tracked file that contains a secret value, naming the file but not the value', async () => {
    repo = makeRepo({ files: { 'config/settings.json': `{"token": "${TOKEN}"}\n`, 'ok.txt': 'fine\n' } });
    const secrets = new SecretRegistry();
    secrets.add('github-token', TOKEN);
    const attempt = createSnapshot({
      repoDir: repo.checkout,
      includeUncommitted: false,
      workDir: join(repo.root, 'snap'),
      secrets,
      logger,
    });
    await expect(attempt).rejects.toMatchObject({ reason: 'secret-in-snapshot' });
    await attempt.catch((error: Error) => {
      expect(error.message).toContain('config/settings.json');
      expect(error.message).not.toContain(TOKEN);
    });
  });

  it('refuses a secret that only exists in an uncommitted change when include-uncommitted is on', async () => {
    repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    writeFiles(repo.checkout, { 'a.txt': `leaked ${TOKEN}\n` });
    const secrets = new SecretRegistry();
    secrets.add('github-token', TOKEN);
    await expect(
      createSnapshot({
        repoDir: repo.checkout,
        includeUncommitted: true,
        workDir: join(repo.root, 'snap'),
        secrets,
        logger,
      }),
    ).rejects.toMatchObject({ reason: 'secret-in-snapshot' });
  });

  it('says clearly when the directory is not a checkout', async () => {
    const dir = tempDir();
    await expect(
      createSnapshot({
        repoDir: dir,
        includeUncommitted: false,
        workDir: join(dir, 'snap'),
        secrets: new SecretRegistry(),
        logger,
      }),
    ).rejects.toMatchObject({
      reason: 'invalid-input',
      message: expect.stringContaining('is not a git checkout'),
    });
  });
});
