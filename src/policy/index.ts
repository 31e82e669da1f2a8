import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Settings } from '../settings/index.js';
import type { ReasonCode } from '../shared/errors.js';
import type { Git } from '../shared/git.js';
import type { SecretRegistry } from '../shared/secrets.js';
import { matchesAny } from './glob.js';

/** GitHub rejects blobs over 100 MB (GH001). */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;

export interface PolicyInput {
  /** The isolated verification repository, HEAD = the verified result. */
  git: Git;
  baseSha: string;
  settings: Pick<Settings, 'caps' | 'protectedPaths' | 'protectedPathsPolicy'>;
  mboxBytes: number;
  commits: number;
  secrets: SecretRegistry;
  /** The agent's redacted transcript, scanned too (it is uploaded with the artifact). */
  transcriptPath?: string;
}

export interface Finding {
  rule: 'gitlink' | 'gitmodules' | 'symlink' | 'path' | 'protected' | 'cap' | 'secret';
  reason: ReasonCode;
  path?: string;
  /** One sentence; never contains a secret value. */
  detail: string;
  /** `refuse`: nothing goes out; `fallback`: artifact for review, no push; `note`: reported only. */
  effect: 'refuse' | 'fallback' | 'note';
}

export interface PolicyReport {
  /** Every path the patch touches (both sides of renames), from git's own view. */
  paths: string[];
  findings: Finding[];
  decision: 'allow' | 'fallback' | 'refuse';
  /** The deciding finding's reason and sentence (for refuse/fallback). */
  reason?: ReasonCode;
  message?: string;
}

interface Entry {
  oldMode: string;
  newMode: string;
  newSha: string;
  status: string;
  path: string;
}

/**
 * The last gate before a push or a public artifact (SPEC §6), applied to git's view of the applied
 * result, never to the mbox text: modes and paths from `diff-tree --raw`, sizes from `cat-file`, and a
 * secret scan of the diff, the commit messages and the transcript.
 */
export async function checkPolicy(input: PolicyInput): Promise<PolicyReport> {
  const entries = await diffEntries(input.git, input.baseSha);
  const findings: Finding[] = [
    ...(await pathFindings(input, entries)),
    ...(await capFindings(input, entries)),
    ...(await secretFindings(input)),
  ];
  const paths = [...new Set(entries.map((e) => e.path))];
  const deciding =
    findings.find((f) => f.effect === 'refuse') ?? findings.find((f) => f.effect === 'fallback');
  return {
    paths,
    findings,
    decision: deciding ? (deciding.effect === 'refuse' ? 'refuse' : 'fallback') : 'allow',
    reason: deciding?.reason,
    message: deciding?.detail,
  };
}

async function diffEntries(git: Git, base: string): Promise<Entry[]> {
  const raw = await git.run([
    'diff-tree',
    '-r',
    '-z',
    '--raw',
    '--no-renames',
    '--no-commit-id',
    base,
    'HEAD',
  ]);
  const parts = raw.split('\0');
  const entries: Entry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!.replace(/^:/, '').split(' ');
    entries.push({
      oldMode: meta[0]!,
      newMode: meta[1]!,
      newSha: meta[3]!,
      status: meta[4]!,
      path: parts[i + 1]!,
    });
  }
  return entries;
}

async function pathFindings(input: PolicyInput, entries: Entry[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { protectedPaths, protectedPathsPolicy } = input.settings;
  for (const entry of entries) {
    const { path } = entry;
    const segments = path.split('/');
    if (segments.some((s) => s === '..' || s.toLowerCase() === '.git') || path.startsWith('/')) {
      findings.push({
        rule: 'path',
        reason: 'policy-violation',
        path,
        detail: `The patch touches an invalid path (${path}).`,
        effect: 'refuse',
      });
    }
    if (entry.newMode === '160000' || entry.oldMode === '160000') {
      findings.push({
        rule: 'gitlink',
        reason: 'policy-violation',
        path,
        detail: `The patch changes a submodule (gitlink) at ${path}.`,
        effect: 'refuse',
      });
    }
    if (segments.at(-1) === '.gitmodules') {
      findings.push({
        rule: 'gitmodules',
        reason: 'policy-violation',
        path,
        detail: `The patch changes ${path}.`,
        effect: 'refuse',
      });
    }
    if (entry.newMode === '120000') {
      const target = (await input.git.exec(['cat-file', 'blob', entry.newSha])).stdout;
      const escapes =
        target.startsWith('/') || posix.normalize(posix.join(posix.dirname(path), target)).startsWith('..');
      findings.push({
        rule: 'symlink',
        reason: 'policy-violation',
        path,
        detail: escapes
          ? `The patch adds a symlink at ${path} that points outside the repository.`
          : `The patch adds a symlink at ${path}.`,
        effect: escapes ? 'refuse' : 'note',
      });
    }
    const glob = protectedPathsPolicy === 'allow' ? undefined : matchesAny(path, protectedPaths);
    if (glob) {
      findings.push({
        rule: 'protected',
        reason: 'protected-path',
        path,
        detail: `The patch changes the protected path ${path} (${glob}).`,
        effect: protectedPathsPolicy === 'block' ? 'refuse' : 'fallback',
      });
    }
  }
  return findings;
}

async function capFindings(input: PolicyInput, entries: Entry[]): Promise<Finding[]> {
  const { caps } = input.settings;
  const findings: Finding[] = [];
  const files = new Set(entries.map((e) => e.path)).size;
  const cap = (detail: string): Finding => ({
    rule: 'cap',
    reason: 'patch-too-large',
    detail,
    effect: 'fallback',
  });
  if (input.mboxBytes > caps.maxPatchBytes)
    findings.push(
      cap(`The patch is ${input.mboxBytes} bytes, over max-patch-bytes (${caps.maxPatchBytes}).`),
    );
  if (files > caps.maxFiles)
    findings.push(cap(`The patch changes ${files} files, over max-files (${caps.maxFiles}).`));
  if (input.commits > caps.maxCommits)
    findings.push(cap(`The patch has ${input.commits} commits, over max-commits (${caps.maxCommits}).`));
  // Expanded sizes: a small mbox can inflate to huge blobs (deflated binary patches).
  const shas = [...new Set(entries.map((e) => e.newSha).filter((sha) => !/^0+$/.test(sha)))];
  const modes = new Map(entries.map((e) => [e.newSha, e.newMode]));
  const batch = await input.git.exec(
    ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'],
    {
      input: `${shas.filter((s) => modes.get(s) !== '160000').join('\n')}\n`,
    },
  );
  let total = 0;
  // A deflated binary patch can expand ~200×; ten times the mbox cap is plenty for real work.
  const totalCap = 10 * caps.maxPatchBytes;
  for (const line of batch.stdout.split('\n').filter(Boolean)) {
    const [sha, type, size] = line.split(' ');
    if (type !== 'blob') continue;
    const bytes = Number(size);
    total += bytes;
    if (bytes > MAX_BLOB_BYTES) {
      const path = entries.find((e) => e.newSha === sha)?.path;
      findings.push({ ...cap(`${path} is ${bytes} bytes, over GitHub's 100 MB limit.`), path });
    }
  }
  if (total > totalCap)
    findings.push(cap(`The changed files expand to ${total} bytes, over the ${totalCap}-byte limit.`));
  return findings;
}

async function secretFindings(input: PolicyInput): Promise<Finding[]> {
  const { git, baseSha, secrets } = input;
  const findings: Finding[] = [];
  const found = (where: string, kinds: string[]): void => {
    for (const kind of new Set(kinds)) {
      findings.push({
        rule: 'secret',
        reason: 'secret-detected',
        path: where,
        detail: `The patch contains a secret (${kind}) in ${where}; nothing was pushed or uploaded.`,
        effect: 'refuse',
      });
    }
  };
  const diff = (
    await git.exec(['diff', '--text', '--no-color', '--no-ext-diff', '--no-textconv', baseSha, 'HEAD'])
  ).stdout;
  for (const chunk of diff.split(/^(?=diff --git )/m)) {
    const file = chunk.match(/^diff --git a\/.* b\/(.*)$/m)?.[1] ?? 'the diff';
    const added = chunk
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    // Joined lines catch a key the agent split across lines.
    const hits = [...secrets.scan(added.join('\n')), ...secrets.scan(added.map((l) => l.trim()).join(''))];
    found(
      file,
      hits.map((h) => h.kind),
    );
  }
  const messages = (await git.exec(['log', '--format=%B', `${baseSha}..HEAD`])).stdout;
  found(
    'a commit message',
    secrets.scan(messages).map((h) => h.kind),
  );
  if (input.transcriptPath) {
    const transcript = await readFile(input.transcriptPath, 'utf8').catch(() => '');
    found(
      'the agent transcript',
      secrets.scan(transcript).map((h) => h.kind),
    );
  }
  return findings;
}
