import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_BRANCH, stageRepository } from '../../src/agent/stage.js';
import { LocalProvider } from '../../src/sandbox/local.js';
import { buildSandboxSpec } from '../../src/sandbox/spec.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { BOT_IDENTITY } from '../../src/shared/git.js';
import { consoleLogger } from '../../src/shared/log.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { createSnapshot, type Snapshot } from '../../src/snapshot/index.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Staging ships the bundle plus its pack's index, so the sandbox places the pack instead of running
 * `git index-pack`. The bundle itself stays a plain bundle, and the sandbox falls back to fetching it
 * whenever the index is absent or does not match.
 */
const context = {
  repository: 'octo/demo',
  runId: '1',
  runAttempt: '1',
  job: 'j',
  runnerTemp: '/tmp',
  workspace: '/nonexistent',
} as RunContext;

let repo: TestRepo | undefined;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.delete();
  repo?.cleanup();
});

async function setup(): Promise<{ snapshot: Snapshot; box: Sandbox; logs: string[] }> {
  const files: Record<string, string> = { 'README.md': '# demo\n' };
  for (let i = 0; i < 50; i++) files[`src/file${i}.txt`] = `content ${i}\n`.repeat(i + 1);
  repo = makeRepo({ files, commits: 3, full: true });
  const logs: string[] = [];
  const logger = consoleLogger(
    (t) => t,
    (line) => logs.push(line),
  );
  const snapshot = await createSnapshot({
    repoDir: repo.checkout,
    includeUncommitted: false,
    workDir: tempDir('sa-stage-snap-'),
    secrets: new SecretRegistry(),
    logger,
  });
  const settings = parseSettings((n) => ({ provider: 'local' })[n] ?? '', context);
  sandbox = await new LocalProvider(tempDir('sa-stage-')).create(
    buildSandboxSpec(settings, context, 60_000),
    () => {},
  );
  return { snapshot, box: sandbox, logs };
}

async function stage(snapshot: Snapshot, box: Sandbox, packIndex?: boolean): Promise<string> {
  const logs: string[] = [];
  const previous = process.env['SANDBOX_AGENT_DEBUG'];
  process.env['SANDBOX_AGENT_DEBUG'] = '1';
  try {
    await stageRepository({
      sandbox: box,
      snapshot,
      identity: BOT_IDENTITY,
      logger: consoleLogger(
        (t) => t,
        (line) => logs.push(line),
      ),
      timeoutMs: 60_000,
      packIndex,
    });
  } finally {
    if (previous === undefined) delete process.env['SANDBOX_AGENT_DEBUG'];
    else process.env['SANDBOX_AGENT_DEBUG'] = previous;
  }
  return logs.join('\n');
}

function checkStaged(box: Sandbox, snapshot: Snapshot): void {
  const work = box.paths.workdir;
  expect(git(work, ['rev-parse', 'HEAD'])).toBe(snapshot.shippedSha);
  expect(git(work, ['symbolic-ref', '--short', 'HEAD'])).toBe(SANDBOX_BRANCH);
  expect(git(work, ['status', '--porcelain'])).toBe('');
  // Every object of the shipped commit is readable and intact; no history came along.
  git(work, ['fsck', '--no-dangling', '--connectivity-only']);
  expect(git(work, ['rev-list', '--count', 'HEAD'])).toBe('1');
  expect(readdirSync(box.paths.scratch)).toEqual([]);
}

describe('stage', () => {
  it('the bundle is a plain v2 bundle of the shipped commit that any git can verify and fetch', async () => {
    const { snapshot } = await setup();
    const dir = tempDir('sa-stage-verify-');
    git(dir, ['init', '-q']);
    writeFileSync(join(dir, '.git', 'shallow'), `${snapshot.baseSha}\n`);
    expect(git(dir, ['bundle', 'list-heads', snapshot.bundlePath])).toBe(
      `${snapshot.shippedSha} ${snapshot.bundleRef}`,
    );
    git(dir, ['bundle', 'verify', '-q', snapshot.bundlePath]);
    git(dir, ['fetch', '-q', snapshot.bundlePath, `${snapshot.bundleRef}:refs/heads/x`]);
    expect(git(dir, ['rev-parse', 'x^{tree}'])).toBe(snapshot.shippedTree);
  });

  it('places the shipped pack with its index, without index-pack', async () => {
    const { snapshot, box } = await setup();
    const logs = await stage(snapshot, box);
    expect(logs).toContain('shipped pack index');
    checkStaged(box, snapshot);
    const packs = readdirSync(join(box.paths.workdir, '.git', 'objects', 'pack'));
    expect(packs.sort()).toEqual([
      `pack-${snapshot.pack.packName}.idx`,
      `pack-${snapshot.pack.packName}.pack`,
    ]);
  });

  it('fetches the bundle when no index is shipped', async () => {
    const { snapshot, box } = await setup();
    const logs = await stage(snapshot, box, false);
    expect(logs).toContain('git fetch of the bundle');
    checkStaged(box, snapshot);
  });

  it('falls back to fetching the bundle when the index does not match the pack', async () => {
    const { snapshot, box } = await setup();
    // An index of another pack: git refuses it ("does not match index"), so the fast path must not stick.
    const other = makeRepo({ files: { 'other.txt': 'x\n' }, commits: 1 });
    try {
      const objects = git(other.checkout, ['rev-list', '--objects', '--all'])
        .split('\n')
        .map((line) => line.split(' ')[0])
        .join('\n');
      const prefix = join(tempDir('sa-stage-other-'), 'p');
      const name = git(other.checkout, ['pack-objects', prefix], `${objects}\n`);
      const forged = { ...snapshot, pack: { ...snapshot.pack, packIndexPath: `${prefix}-${name}.idx` } };
      const logs = await stage(forged, box);
      expect(logs).toContain('git fetch of the bundle');
      checkStaged(box, snapshot);
    } finally {
      other.cleanup();
    }
  });
});
