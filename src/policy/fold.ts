/**
 * How other filesystems see a path. A checkout on macOS (HFS+/APFS) or Windows (NTFS) folds case,
 * macOS also ignores some invisible code points and normalizes Unicode, and Windows drops trailing dots
 * and spaces and alternate data stream suffixes. A path that is harmless on the Linux runner can be
 * `.git/config` or `.husky/pre-commit` on a developer's machine, so path rules compare folded forms.
 */

/** Code points HFS+ ignores in names (git's utf8.c `next_hfs_char`, used by `is_hfs_dotgit`). */
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** One path segment as a case-insensitive, HFS- and NTFS-tolerant filesystem would name it. */
export function foldSegment(segment: string): string {
  return (
    segment
      .replace(HFS_IGNORABLE, '')
      .normalize('NFC')
      .toLowerCase()
      // NTFS: `name::$INDEX_ALLOCATION` and `name:stream` name `name` (git's `is_ntfs_dot_generic`).
      .replace(/:.*$/, '')
      // NTFS: trailing dots and spaces are dropped.
      .replace(/[. ]+$/, '')
  );
}

/** A whole path, folded segment by segment (separators as git sees them: `/`). */
export function foldPath(path: string): string {
  return path.split('/').map(foldSegment).join('/');
}

/** `.git` as any of the filesystems above (or the NTFS 8.3 short name `GIT~1`) would resolve it. */
export function isDotGit(segment: string): boolean {
  const folded = foldSegment(segment);
  return folded === '.git' || folded === 'git~1';
}
