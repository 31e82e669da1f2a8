import type { Settings } from '../settings/index.js';
import type { Git } from '../shared/git.js';
import { type Entry, NULL_SHA } from './entries.js';
import { codePath, type Finding, showPath } from './types.js';

/** GitHub rejects blobs over 100 MB (GH001). */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;

/**
 * Bytes the patch may add once expanded, as a multiple of max-patch-bytes. Text diffs carry their added
 * bytes literally, so only deflated binary patches (zip-bomb style, ~1000× for zeros) can come close.
 */
export const EXPANSION_FACTOR = 10;

/** The budget at the default max-patch-bytes (4 MiB), for callers without settings (the CLI). */
export const DEFAULT_EXPANSION_BUDGET = EXPANSION_FACTOR * 4 * 1024 * 1024;

export interface CapInput {
  git: Git;
  entries: readonly Entry[];
  caps: Settings['caps'];
  mboxBytes: number;
  commits: number;
}

/**
 * Caps (SPEC §6, research D9). Over max-files or max-commits the work is still reviewable, so it goes
 * out as an artifact (`fallback`); an mbox over max-patch-bytes, a blob over 100 MB or a patch that
 * expands past the limit is refused: nothing that large should be pushed or uploaded.
 */
export async function capFindings(input: CapInput): Promise<Finding[]> {
  const { caps, entries } = input;
  const findings: Finding[] = [];
  const cap = (detail: string, effect: Finding['effect'], path?: string): Finding => ({
    rule: 'cap',
    reason: 'patch-too-large',
    detail,
    effect,
    ...(path === undefined ? {} : { path: showPath(path) }),
  });
  if (input.mboxBytes > caps.maxPatchBytes) {
    findings.push(
      cap(`The patch is ${input.mboxBytes} bytes, over max-patch-bytes (${caps.maxPatchBytes}).`, 'refuse'),
    );
  }
  const files = new Set(entries.map((e) => e.path)).size;
  if (files > caps.maxFiles) {
    findings.push(cap(`The patch changes ${files} files, over max-files (${caps.maxFiles}).`, 'fallback'));
  }
  if (input.commits > caps.maxCommits) {
    findings.push(
      cap(`The patch has ${input.commits} commits, over max-commits (${caps.maxCommits}).`, 'fallback'),
    );
  }

  // Expanded sizes from git (`cat-file --batch-check`), per commit: each intermediate blob is pushed too.
  const sizes = await blobSizes(input.git, entries);
  let added = 0;
  const reported = new Set<string>();
  for (const entry of entries) {
    const newSize = sizes.get(entry.newSha) ?? 0;
    const oldSize = sizes.get(entry.oldSha) ?? 0;
    added += Math.max(0, newSize - oldSize);
    if (newSize > MAX_BLOB_BYTES && !reported.has(entry.newSha)) {
      reported.add(entry.newSha);
      findings.push(
        cap(
          `${codePath(entry.path)} is ${newSize} bytes, over GitHub's 100 MB file limit.`,
          'refuse',
          entry.path,
        ),
      );
    }
  }
  const limit = EXPANSION_FACTOR * caps.maxPatchBytes;
  if (added > limit) {
    findings.push(
      cap(
        `The patch expands to ${added} added bytes, over ${limit} (${EXPANSION_FACTOR} × max-patch-bytes).`,
        'refuse',
      ),
    );
  }
  return findings;
}

/** Blob sizes by object id (gitlinks name commits of other repositories and are skipped). */
async function blobSizes(git: Git, entries: readonly Entry[]): Promise<Map<string, number>> {
  const shas = new Set<string>();
  for (const e of entries) {
    if (e.newMode !== '160000' && !NULL_SHA.test(e.newSha)) shas.add(e.newSha);
    if (e.oldMode !== '160000' && !NULL_SHA.test(e.oldSha)) shas.add(e.oldSha);
  }
  const sizes = new Map<string, number>();
  if (shas.size === 0) return sizes;
  const out = await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], {
    input: `${[...shas].join('\n')}\n`,
  });
  for (const line of out.split('\n')) {
    const [sha, type, size] = line.split(' ');
    if (sha && type === 'blob') sizes.set(sha, Number(size));
  }
  return sizes;
}
