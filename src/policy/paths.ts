import { posix } from 'node:path';
import type { Settings } from '../settings/index.js';
import type { Git } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import { type Entry, NULL_SHA } from './entries.js';
import { foldSegment, isDotGit } from './fold.js';
import { matchesAny } from './glob.js';
import { codePath, type Finding, showPath } from './types.js';

const GITLINK = '160000';
const SYMLINK = '120000';

/**
 * Path and mode rules (SPEC §6, research D4/D5/D8) on every change of every commit: invalid paths,
 * gitlinks and `.gitmodules` are refused; symlinks are flagged, refused when they leave the repository;
 * protected paths follow `protected-paths-policy`. Renames count on both sides (`--no-renames`).
 */
export async function pathFindings(
  git: Git,
  entries: readonly Entry[],
  settings: Pick<Settings, 'protectedPaths' | 'protectedPathsPolicy'>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const once = (finding: Finding): void => {
    const key = `${finding.rule}\0${finding.path}\0${finding.detail}`;
    if (!seen.has(key)) findings.push(finding);
    seen.add(key);
  };
  const targets = await symlinkTargets(git, entries);
  const linksByCommit = await symlinksOfCommits(git, entries);
  for (const entry of entries) {
    const shown = showPath(entry.path);
    const quoted = codePath(entry.path);
    const invalid = invalidPath(entry.path);
    if (invalid) {
      once({
        rule: 'path',
        reason: 'policy-violation',
        path: shown,
        detail: `The patch touches an invalid path ${quoted} (${invalid}).`,
        effect: 'refuse',
      });
    }
    if (entry.newMode === GITLINK || entry.oldMode === GITLINK) {
      once({
        rule: 'gitlink',
        reason: 'policy-violation',
        path: shown,
        detail: `The patch changes a submodule (gitlink) at ${quoted}.`,
        effect: 'refuse',
      });
    }
    if (isGitmodules(entry.path.split('/').at(-1) ?? '')) {
      once({
        rule: 'gitmodules',
        reason: 'policy-violation',
        path: shown,
        detail: `The patch changes ${quoted}, which declares submodules.`,
        effect: 'refuse',
      });
    }
    if (entry.newMode === SYMLINK) {
      const escapes =
        symlinkEscape(entry.path, targets.get(entry.newSha)) ??
        symlinkChainEscape(entry.path, linksByCommit.get(entry.commit) ?? new Map());
      once({
        rule: 'symlink',
        reason: 'policy-violation',
        path: shown,
        detail: escapes
          ? `The patch adds a symlink at ${quoted} that ${escapes}.`
          : `The patch adds a symlink at ${quoted} (inside the repository).`,
        effect: escapes ? 'refuse' : 'note',
      });
    }
    const glob = matchesAny(entry.path, settings.protectedPaths);
    if (glob) {
      const policy = settings.protectedPathsPolicy;
      once({
        rule: 'protected',
        reason: 'protected-path',
        path: shown,
        detail: `The patch changes the protected path ${quoted} (${inlineCode(glob)}).`,
        effect: policy === 'block' ? 'refuse' : policy === 'fallback' ? 'fallback' : 'note',
      });
    }
  }
  return findings;
}

/** Why git or a checkout on another OS must never see this path, or undefined when it is fine. */
export function invalidPath(path: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control characters';
  if (path.startsWith('/') || path.startsWith('\\')) return 'absolute';
  // Backslashes are separators on Windows checkouts; `.git` variants include NTFS 8.3 and trailing dots.
  for (const segment of path.split(/[/\\]/)) {
    if (segment === '' || segment === '.' || segment === '..') return 'empty, . or .. component';
    if (isDotGit(segment)) return '.git component';
  }
  return undefined;
}

/** `.gitmodules` as a case-folding, HFS or NTFS checkout would resolve it (NTFS short name included). */
function isGitmodules(name: string): boolean {
  const folded = foldSegment(name);
  return folded === '.gitmodules' || /^gitmod~\d$/.test(folded);
}

/** Why a symlink target leaves the repository (or reaches into `.git`), or undefined when it stays inside. */
export function symlinkEscape(path: string, target: string | undefined): string | undefined {
  if (target === undefined) return 'could not be read';
  if (target === '' || /[\u0000-\u001f\u007f]/.test(target)) return 'has an unusable target';
  if (target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target))
    return 'points to an absolute path';
  if (target.startsWith('~')) return 'points into a home directory';
  const resolved = posix.normalize(posix.join(posix.dirname(path), target.replace(/\\/g, '/')));
  if (resolved === '..' || resolved.startsWith('../')) return 'points outside the repository';
  if (resolved.split('/').some(isDotGit)) return 'points into .git';
  return undefined;
}

/** Following symlinks the way a checkout would: more hops than this is a loop (Linux allows 40). */
const MAX_SYMLINK_HOPS = 40;

/**
 * Why a symlink leaves the repository once other symlinks on its way are followed, or undefined.
 * `symlinkEscape` is lexical: `s/t -> ..` stays inside, but `y -> s/t/..` normalizes to `s` while the
 * OS resolves `s/t` to the root first and then `..` above it. `links` maps every symlink path of the
 * commit's tree to its target.
 */
export function symlinkChainEscape(path: string, links: ReadonlyMap<string, string>): string | undefined {
  const stack = posix
    .dirname(path)
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const target = links.get(path);
  if (target === undefined) return undefined;
  const pending = target.replace(/\\/g, '/').split('/');
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return 'points outside the repository through another symlink';
      stack.pop();
      continue;
    }
    stack.push(part);
    const next = links.get(stack.join('/'));
    if (next === undefined) continue;
    if (++hops > MAX_SYMLINK_HOPS) return 'is part of a symlink loop';
    if (next.startsWith('/') || next.startsWith('\\') || /^[A-Za-z]:/.test(next) || next.startsWith('~'))
      return 'points outside the repository through another symlink';
    stack.pop();
    pending.unshift(...next.replace(/\\/g, '/').split('/'));
  }
  if (stack.some(isDotGit)) return 'points into .git through another symlink';
  return undefined;
}

/**
 * Every symlink (path → target) in the tree of each commit that adds one: base symlinks and links from
 * earlier commits take part in a chain too. Commits without new symlinks cost nothing.
 */
async function symlinksOfCommits(
  git: Git,
  entries: readonly Entry[],
): Promise<Map<string, Map<string, string>>> {
  const commits = [...new Set(entries.filter((e) => e.newMode === SYMLINK).map((e) => e.commit))];
  const byCommit = new Map<string, Map<string, string>>();
  for (const commit of commits) {
    const listing = await git.run(['ls-tree', '-r', '-z', '--full-tree', commit, '--']);
    const paths = new Map<string, string>();
    for (const line of listing.split('\0')) {
      const tab = line.indexOf('\t');
      const [mode, type, sha] = line.slice(0, tab).split(' ');
      if (mode === SYMLINK && type === 'blob' && sha) paths.set(line.slice(tab + 1), sha);
    }
    const targets = await readBlobs(git, [...new Set(paths.values())]);
    const links = new Map<string, string>();
    for (const [path, sha] of paths) {
      const target = targets.get(sha);
      // An unreadable target is refused by symlinkEscape when it is new; treat old ones as leaving.
      links.set(path, target ?? '/');
    }
    byCommit.set(commit, links);
  }
  return byCommit;
}

/** Symlink targets, read as blobs through git (never through the filesystem of the verify repo). */
async function symlinkTargets(git: Git, entries: readonly Entry[]): Promise<Map<string, string>> {
  const shas = [
    ...new Set(entries.filter((e) => e.newMode === SYMLINK && !NULL_SHA.test(e.newSha)).map((e) => e.newSha)),
  ];
  return readBlobs(git, shas);
}

async function readBlobs(git: Git, shas: readonly string[]): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  if (shas.length === 0) return targets;
  const batch = await git.exec(['cat-file', '--batch'], { input: `${shas.join('\n')}\n` });
  const bytes = batch.stdoutBytes;
  let offset = 0;
  for (const sha of shas) {
    const headerEnd = bytes.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const [, type, size] = bytes.subarray(offset, headerEnd).toString('utf8').split(' ');
    offset = headerEnd + 1;
    if (type !== 'blob') continue;
    const length = Number(size);
    targets.set(sha, bytes.subarray(offset, offset + length).toString('utf8'));
    offset += length + 1;
  }
  return targets;
}
