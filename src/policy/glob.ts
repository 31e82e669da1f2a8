import { foldPath } from './fold.js';

/**
 * Protected-path globs, gitignore-like: `*` and `?` stay inside one path segment, `**` spans segments,
 * a trailing `/**` covers everything below a directory and, unlike gitignore, the directory name itself
 * (a symlink or file named `.github` replacing the directory is a protected change too). A pattern
 * without `/` matches at the root only (`CODEOWNERS`), so write `**\/name` to match at any depth.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.replace(/^\.?\//, '');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*' && i + 2 === pattern.length && source.endsWith('/')) {
      source = `${source.slice(0, -1)}(?:/.*)?`;
      i += 1;
    } else if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * The first glob that matches `path` as any checkout would see it: case, Unicode normalization,
 * HFS-ignorable code points and NTFS trailing dots are folded on both sides, so `.Husky/pre-commit`,
 * `claude.md` and `.git\u200chub/x` are protected like `.husky/**`, `CLAUDE.md` and `.github/**`.
 */
export function matchesAny(path: string, globs: readonly string[]): string | undefined {
  const folded = foldPath(path);
  return globs.find((glob) => {
    const pattern = glob.normalize('NFC').toLowerCase();
    return (
      globToRegExp(pattern).test(folded) || globToRegExp(pattern).test(path.normalize('NFC').toLowerCase())
    );
  });
}
