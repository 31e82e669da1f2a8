import type { Git } from '../shared/git.js';

/** One changed path in one commit, as `git diff-tree --raw` reports it. */
export interface Entry {
  commit: string;
  oldMode: string;
  newMode: string;
  oldSha: string;
  newSha: string;
  /** A (added), M, D, T (type change). */
  status: string;
  path: string;
}

export const NULL_SHA = /^0+$/;

/**
 * Every change of every commit in base..HEAD, from git's own view (never the mbox text). Per commit,
 * not just base..HEAD: a pushed branch and the mbox carry each intermediate commit, so a symlink or a
 * huge blob that a later commit removes still goes out. `--no-renames` lists both sides of a rename.
 */
export async function readEntries(git: Git, baseSha: string): Promise<Entry[]> {
  const commits = (await git.run(['rev-list', '--reverse', '--no-merges', `${baseSha}..HEAD`, '--']))
    .split('\n')
    .filter(Boolean);
  if (commits.length === 0) return [];
  const raw = await git.run(['diff-tree', '--stdin', '-r', '-z', '--raw', '--no-renames', '--no-abbrev'], {
    input: `${commits.join('\n')}\n`,
  });
  const tokens = raw.split('\0');
  const entries: Entry[] = [];
  let commit = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith(':')) {
      // A commit header line (`<sha>`, sometimes with a trailing newline); empty tokens end the stream.
      if (token.trim()) commit = token.trim();
      continue;
    }
    const [oldMode = '', newMode = '', oldSha = '', newSha = '', status = ''] = token.slice(1).split(' ');
    const path = tokens[++i] ?? '';
    entries.push({ commit, oldMode, newMode, oldSha, newSha, status, path });
  }
  return entries;
}
