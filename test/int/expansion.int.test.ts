import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanMbox } from '../../src/deliver/expansion.js';
import { runLimitedGit } from '../../src/deliver/limited-git.js';
import { verifyPatch } from '../../src/deliver/verify.js';
import { ActionError } from '../../src/shared/errors.js';
import { BOT_IDENTITY, isolatedGit } from '../../src/shared/git.js';
import { forgedDeltaMbox, zeroFileBombMbox } from '../helpers/bombs.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

const MiB = 1024 * 1024;
const BUDGET = 40 * MiB;

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

function formatPatch(dir: string, base: string): string {
  const mboxPath = join(tempDir('sa-exp-'), 'agent.mbox');
  const mbox = git(dir, [
    'format-patch',
    '--stdout',
    '--always',
    '--binary',
    '--full-index',
    '--pretty=mboxrd',
    `${base}..HEAD`,
  ]);
  writeFileSync(mboxPath, `${mbox}\n`);
  return mboxPath;
}

function verifyAt(mboxPath: string, meta = { commits: 1, head_tree: '0'.repeat(40) }) {
  return verifyPatch({
    objectsDir: join(repo!.checkout, '.git', 'objects'),
    baseSha: repo!.head,
    mboxPath,
    meta,
    workDir: tempDir('sa-exp-verify-'),
    maxPatchBytes: BUDGET / 10,
  });
}

/** Bytes under `root` (what git wrote), for the "nothing was expanded" checks. */
function diskBytes(root: string): number {
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

describe('expansion budget before and during git am', () => {
  it('counts what git would inflate for honest binary patches (literal and delta), and still applies them', async () => {
    const blob = randomBytes(200_000);
    repo = makeRepo({ files: { 'README.md': '# x\n', 'data.bin': blob } });
    const dir = join(tempDir('sa-exp-agent-'), 'clone');
    git(repo.checkout, ['clone', '-q', '--no-local', repo.checkout, dir]);
    const changed = Buffer.from(blob);
    changed.write('changed in the middle', 100_000);
    writeFileSync(join(dir, 'data.bin'), changed);
    writeFileSync(join(dir, 'new.bin'), randomBytes(5000));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'binary edits']);
    const mboxPath = formatPatch(dir, repo.head);
    const scan = await scanMbox(mboxPath);
    // new.bin: literal 5000 + reverse literal 0; data.bin: a delta each way, each allocating its
    // inflated delta and a 200,000-byte result.
    expect(scan.binaryHunks).toBe(4);
    expect(scan.binaryBytes).toBeGreaterThan(5000 + 2 * 200_000);
    expect(scan.binaryBytes).toBeLessThan(5000 + 2 * 200_000 + 10_000);
    const verified = await verifyAt(mboxPath, {
      commits: 1,
      head_tree: git(dir, ['rev-parse', 'HEAD^{tree}']),
    });
    await verified.close();
  });

  it('refuses a 1.5 MB mbox of a 1.5 GB zero file before git inflates it', async () => {
    repo = makeRepo();
    const mboxPath = join(tempDir('sa-exp-'), 'agent.mbox');
    writeFileSync(mboxPath, await zeroFileBombMbox(1536 * MiB));
    expect(statSync(mboxPath).size).toBeLessThan(2.2 * MiB);
    const workDir = tempDir('sa-exp-verify-');
    const started = Date.now();
    const error = await verifyPatch({
      objectsDir: join(repo.checkout, '.git', 'objects'),
      baseSha: repo.head,
      mboxPath,
      meta: { commits: 1, head_tree: '0'.repeat(40) },
      workDir,
      maxPatchBytes: BUDGET / 10,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ reason: 'patch-too-large' });
    expect((error as ActionError).message).toContain(`declare ${1536 * MiB} bytes`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(diskBytes(workDir)).toBeLessThan(MiB);
  });

  it('refuses a 1.4 KB forged delta hunk that declares 1 GB', async () => {
    repo = makeRepo();
    const mboxPath = join(tempDir('sa-exp-'), 'agent.mbox');
    writeFileSync(mboxPath, forgedDeltaMbox(1024 * MiB));
    expect(statSync(mboxPath).size).toBeLessThan(1600);
    const error = await verifyAt(mboxPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'patch-too-large' });
  });

  it('refuses many hunks that are each under the budget but not together', async () => {
    repo = makeRepo();
    const one = await zeroFileBombMbox(16 * MiB, 'a.bin');
    const mboxPath = join(tempDir('sa-exp-'), 'agent.mbox');
    writeFileSync(
      mboxPath,
      [one, one.replaceAll('a.bin', 'b.bin'), one.replaceAll('a.bin', 'c.bin')].join(''),
    );
    const error = await verifyAt(mboxPath, { commits: 3, head_tree: '0'.repeat(40) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: 'patch-too-large' });
  });

  it('refuses a message body git would decode first (base64), which would hide its hunks from the scan', async () => {
    repo = makeRepo();
    const bomb = await zeroFileBombMbox(64 * MiB);
    const [headers, ...body] = bomb.split('\n\n');
    const encoded = Buffer.from(body.join('\n\n')).toString('base64').replace(/.{76}/g, '$&\n');
    const mboxPath = join(tempDir('sa-exp-'), 'agent.mbox');
    writeFileSync(
      mboxPath,
      `${headers}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding:\n base64\n\n${encoded}\n`,
    );
    const error = await verifyAt(mboxPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'apply-failed' });
    expect((error as ActionError).message).toContain('Content-Transfer-Encoding');
  });

  it('second layer: git under the rlimits cannot write a file past the budget or allocate 4 GB', async () => {
    repo = makeRepo();
    const dir = tempDir('sa-exp-limit-');
    const limited = await isolatedGit(repo.checkout, join(dir, 'home'), BOT_IDENTITY);
    // 64 MiB of zeros against a 1 MiB budget (the file limit has a 32 MiB floor): SIGXFSZ, file cut.
    const bombPath = join(dir, 'zeros.mbox');
    writeFileSync(bombPath, await zeroFileBombMbox(64 * MiB));
    const big = await runLimitedGit(limited, ['apply', '--directory=out', bombPath], { budget: MiB });
    expect(big.limitHit).toBe(true);
    expect(
      statSync(join(repo.checkout, 'out', 'zero.bin'), { throwIfNoEntry: false })?.size ?? 0,
    ).toBeLessThanOrEqual(32 * MiB);
    // A delta hunk declaring 4 GiB: malloc fails under the address-space limit instead of succeeding.
    const deltaPath = join(dir, 'delta.mbox');
    writeFileSync(deltaPath, forgedDeltaMbox(4096 * MiB));
    const delta = await runLimitedGit(limited, ['apply', '--check', deltaPath], { budget: BUDGET });
    expect(delta.exitCode).not.toBe(0);
    expect(delta.limitHit).toBe(true);
  });
});
