import { readFile } from 'node:fs/promises';
import type { Git } from '../shared/git.js';
import type { SecretHit, SecretRegistry } from '../shared/secrets.js';
import type { Entry } from './entries.js';
import { codePath, type Finding, showPath } from './types.js';

/** Texts that leave the runner besides the commits; each is optional (built elsewhere). */
export interface OutboundTexts {
  prTitle?: string;
  prBody?: string;
  /** The agent transcript as text (or see `transcriptPath`). */
  transcript?: string;
}

export interface SecretScanInput {
  git: Git;
  baseSha: string;
  entries: readonly Entry[];
  secrets: SecretRegistry;
  texts?: OutboundTexts;
  /** The redacted transcript on disk, uploaded with the artifact. */
  transcriptPath?: string;
  /** The mbox as it would be uploaded (bytes git am ignores can still carry a value out). */
  mboxPath?: string;
}

/**
 * Secret hygiene (SPEC §6, research C4): every outbound byte is scanned for the exact values the action
 * handled (raw, base64, URL-encoded, JSON-escaped, also split across lines) and for token patterns.
 * - The diff of every commit (added lines, `--text` so binary files are read too), from git's view.
 * - Commit messages and author/committer identities (the mbox carries both).
 * - File names, PR title/body, the transcript.
 * - The mbox bytes, for registered values only: its context lines come from the base, where a
 *   pattern-shaped test fixture is no leak.
 * A hit blocks both the push and the artifact; findings name the place and the pattern, never the value.
 */
export async function secretFindings(input: SecretScanInput): Promise<Finding[]> {
  const { git, baseSha, secrets } = input;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const found = (where: string, hits: SecretHit[], path?: string): void => {
    for (const { kind } of hits) {
      const key = `${where}\0${kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        rule: 'secret',
        reason: 'secret-detected',
        ...(path === undefined ? {} : { path }),
        pattern: kind,
        detail: `The patch contains a secret (${kind}) in ${where}; nothing was pushed or uploaded.`,
        effect: 'refuse',
      });
    }
  };
  const full = (text: string): SecretHit[] => [...secrets.scan(text), ...secrets.scanSplit(text)];

  const log = await git.exec([
    'log',
    '-p',
    '--text',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--format=%x00%H',
    `${baseSha}..HEAD`,
    '--',
  ]);
  if (log.exitCode !== 0 || log.truncated) {
    findings.push({
      rule: 'secret',
      reason: log.truncated ? 'patch-too-large' : 'policy-violation',
      detail: log.truncated
        ? 'The patch is too large to scan for secrets, so it was not pushed or uploaded.'
        : 'The diff could not be read to scan it for secrets, so it was not pushed or uploaded.',
      effect: 'refuse',
    });
  } else {
    for (const [file, added] of addedLinesByFile(log.stdout)) {
      found(codePath(file), full(added), showPath(file));
    }
  }

  const messages = await git.run(['log', '--format=%an <%ae>%n%cn <%ce>%n%B%x00', `${baseSha}..HEAD`, '--']);
  found('a commit message or author', full(messages));
  // A secret as a file name: the finding cannot name the file.
  found('a file name', secrets.scan([...new Set(input.entries.map((e) => e.path))].join('\n')));

  if (input.texts?.prTitle) found('the pull request title', full(input.texts.prTitle));
  if (input.texts?.prBody) found('the pull request body', full(input.texts.prBody));
  const transcript =
    input.texts?.transcript ??
    (input.transcriptPath ? await readFile(input.transcriptPath, 'utf8').catch(() => '') : '');
  if (transcript) found('the agent transcript', full(transcript));
  if (input.mboxPath) {
    const mbox = await readFile(input.mboxPath, 'utf8').catch(() => '');
    found('the mbox', secrets.scanValues(mbox));
  }
  return findings;
}

/**
 * Added lines per file from `git log -p` output, joined per commit and file. Headers end at the first
 * `@@`; inside hunks every line has a one-character prefix, so content never looks like a header.
 */
export function addedLinesByFile(patch: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let file = '';
  let lines: string[] = [];
  let inHunk = false;
  const flush = (): void => {
    if (lines.length > 0) out.push([file || 'the diff', lines.join('\n')]);
    lines = [];
  };
  for (const line of patch.split('\n')) {
    if (line.startsWith('\0') || line.startsWith('diff --git ')) {
      flush();
      inHunk = false;
      if (line.startsWith('diff --git ')) file = diffHeaderPath(line);
      continue;
    }
    if (!inHunk) {
      if (line.startsWith('+++ ') && line !== '+++ /dev/null')
        file = unquote(line.slice(4)).replace(/^b\//, '');
      if (line.startsWith('@@')) inHunk = true;
      continue;
    }
    if (line.startsWith('+')) lines.push(line.slice(1));
  }
  flush();
  return out;
}

function diffHeaderPath(line: string): string {
  const rest = line.slice('diff --git '.length);
  const b = rest.lastIndexOf(' b/');
  return b >= 0 ? rest.slice(b + 3) : unquote(rest);
}

/** Git quotes unusual paths C-style ("b/\303\244"); decode the octal escapes for display. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };
      bytes.push(escapes[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
