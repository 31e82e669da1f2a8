import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DownloadTooLargeError } from '../../src/sandbox/bounded-download.js';
import type { Sandbox } from '../../src/sandbox/types.js';

const MiB = 1024 * 1024;

/**
 * The `{ maxBytes }` contract against any provider: a sandbox that sends more than the limit (whatever it
 * claimed elsewhere) is stopped with `patch-too-large` and leaves nothing in the target directory, not
 * even a partial file; a file of exactly the limit arrives whole.
 */
export async function expectBoundedDownloads(
  sandbox: Sandbox,
  remoteDir: string,
  localDir: string,
): Promise<void> {
  const made = await sandbox.exec(
    'mkdir -p "$D" && head -c 1048576 /dev/urandom > "$D/exact.bin" && head -c 3145728 /dev/urandom > "$D/big.bin"',
    { env: { D: remoteDir }, cwd: '/', timeoutMs: 30_000 },
  );
  expect(made.exitCode).toBe(0);

  await sandbox.download(`${remoteDir}/exact.bin`, join(localDir, 'exact.bin'), { maxBytes: MiB });
  expect(statSync(join(localDir, 'exact.bin')).size).toBe(MiB);

  const started = Date.now();
  const error = await sandbox
    .download(`${remoteDir}/big.bin`, join(localDir, 'big.bin'), { maxBytes: MiB })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadTooLargeError);
  expect(error).toMatchObject({ reason: 'patch-too-large', maxBytes: MiB });
  expect(Date.now() - started).toBeLessThan(20_000);

  await expect(
    sandbox.download(`${remoteDir}/missing.bin`, join(localDir, 'missing.bin'), { maxBytes: MiB }),
  ).rejects.toMatchObject({ reason: 'sandbox-error' });
  // Only the complete file: no big.bin, no partial temp file, nothing for the missing one.
  expect(readdirSync(localDir)).toEqual(['exact.bin']);
}
