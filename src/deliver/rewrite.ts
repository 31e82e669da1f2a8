import { CLOSING_KEYWORDS } from '../shared/closing-keywords.js';
import { ActionError } from '../shared/errors.js';
import type { Git, Identity } from '../shared/git.js';

/** Trailers that attribute work to people; the agent may not choose who they name. */
const ATTRIBUTION_TRAILER = /^(co-authored-by|signed-off-by)\s*:/i;

/**
 * A closing keyword before an issue reference (`Fixes #1`, `closes o/r#3`, `Resolves: GH-2`,
 * `fixed https://github.com/o/r/issues/4`): GitHub closes that issue when the commit reaches the
 * default branch, so an agent could close any issue it names.
 */
const CLOSING_REFERENCE = new RegExp(
  `\\b(?:${[...CLOSING_KEYWORDS].join('|')})(?=\\s*:?\\s*(?:[\\w.-]+\\/[\\w.-]+)?(?:#|gh-)\\d|\\s*:?\\s*https?:\\/\\/\\S+\\/(?:issues|pull)\\/\\d)`,
  'gi',
);

export interface RewriteInput {
  git: Git;
  baseSha: string;
  /** Author and committer of every rewritten commit. */
  identity: Identity;
  /** The user the work is attributed to (`Co-authored-by:`), unless it is a bot. */
  coAuthor?: Identity;
}

/**
 * Re-creates every commit of base..HEAD with the bot as author and committer (the mbox `From:` is
 * agent-chosen), strips `Co-authored-by`/`Signed-off-by` lines, breaks closing keywords, and adds
 * `Co-authored-by` for the triggering user. Trees are untouched, so the verified tree stays the tree that is pushed.
 */
export async function rewriteAuthors(input: RewriteInput): Promise<string> {
  const { git } = input;
  const commits = (await git.run(['rev-list', '--reverse', `${input.baseSha}..HEAD`, '--']))
    .split('\n')
    .filter(Boolean);
  const finalTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
  let parent = input.baseSha;
  for (const commit of commits) {
    const raw = (await git.exec(['cat-file', 'commit', commit])).stdoutBytes.toString('utf8');
    const split = raw.indexOf('\n\n');
    const header = raw.slice(0, split);
    const message = rewriteMessage(raw.slice(split + 2), input.coAuthor);
    const tree = header.match(/^tree ([0-9a-f]+)$/m)?.[1];
    const authorDate = header.match(/^author .* (\d+ [+-]\d{4})$/m)?.[1];
    if (!tree) throw new ActionError('git-error', `Commit ${commit} has no tree.`);
    parent = await git.run(['commit-tree', tree, '-p', parent, '-F', '-'], {
      input: message,
      env: {
        GIT_AUTHOR_NAME: input.identity.name,
        GIT_AUTHOR_EMAIL: input.identity.email,
        GIT_COMMITTER_NAME: input.identity.name,
        GIT_COMMITTER_EMAIL: input.identity.email,
        ...(authorDate ? { GIT_AUTHOR_DATE: authorDate } : {}),
      },
    });
  }
  await git.run(['update-ref', 'HEAD', parent]);
  if ((await git.run(['rev-parse', '--verify', 'HEAD^{tree}'])) !== finalTree) {
    throw new ActionError('tree-mismatch', 'Rewriting the authors changed the tree; nothing was pushed.');
  }
  return parent;
}

export function rewriteMessage(message: string, coAuthor?: Identity): string {
  const kept = message
    .split('\n')
    .filter((line) => !ATTRIBUTION_TRAILER.test(line.trim()))
    .join('\n')
    .replace(/\s+$/, '');
  const body = neutralizeClosingReferences(kept) || 'Agent changes';
  return coAuthor ? `${body}\n\nCo-authored-by: ${coAuthor.name} <${coAuthor.email}>\n` : `${body}\n`;
}

/** An invisible U+2060 WORD JOINER after a closing keyword's first letter: it reads the same, closes nothing. */
export function neutralizeClosingReferences(text: string): string {
  return text.replace(CLOSING_REFERENCE, (keyword) => `${keyword[0]}\u2060${keyword.slice(1)}`);
}

/** GitHub's noreply identity for a user, which links the commit to the account. */
export function githubUserIdentity(login: string, id?: string): Identity | undefined {
  if (!login || login.endsWith('[bot]') || !/^[A-Za-z0-9-]+$/.test(login)) return undefined;
  return {
    name: login,
    email: id ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com`,
  };
}
