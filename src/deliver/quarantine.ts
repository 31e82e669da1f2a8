import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../shared/log.js';
import type { RunResult } from './result.js';

/** Failures that mean the mbox is not the work the sandbox verified: the summary never offers it as a patch. */
export const UNVERIFIED_REASONS: ReadonlySet<string> = new Set(['tree-mismatch', 'apply-failed']);

/**
 * Moves a rejected mbox and its meta out of the outputs, to `<out-dir>/quarantine/<name>.rejected`, and
 * clears `patchPath`/`metaPath`, so neither the outputs nor the summary point at unverified work. The
 * files are kept for debugging only; nothing uploads them. If they cannot be moved they are deleted.
 */
export async function quarantineUnverified(
  facts: Pick<RunResult, 'patchPath' | 'metaPath'>,
  outDir: string,
  logger: Logger,
): Promise<void> {
  const files = [facts.patchPath, facts.metaPath].filter((f): f is string => Boolean(f));
  delete facts.patchPath;
  delete facts.metaPath;
  if (files.length === 0) return;
  const dir = join(outDir, 'quarantine');
  const moved: string[] = [];
  for (const file of files) {
    const target = join(dir, `${basename(file)}.rejected`);
    try {
      await mkdir(dir, { recursive: true });
      await rename(file, target);
      moved.push(target);
    } catch {
      await rm(file, { force: true });
    }
  }
  if (moved.length > 0) {
    logger.warning(
      `The patch was not verified, so it is not an output and was not uploaded; for debugging only, it was moved to ${moved.join(' and ')}.`,
    );
  }
}
