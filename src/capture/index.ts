import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { AgentRun } from '../agent/index.js';
import { DownloadTooLargeError } from '../sandbox/bounded-download.js';
import type { Sandbox } from '../sandbox/types.js';
import { ActionError } from '../shared/errors.js';
import { type Identity, isSha } from '../shared/git.js';
import { inlineCode } from '../shared/inline-code.js';
import type { Logger } from '../shared/log.js';
import type { Snapshot } from '../snapshot/index.js';
import { leftoverSubject } from './leftover-subject.js';
import { CAPTURE_EXIT, CAPTURE_SCRIPT } from './script.js';

/** `agent.meta.json` (SPEC §5). Written by the runner from validated sandbox facts and its own values. */
export interface PatchMeta {
  version: 1;
  provider: string;
  sandbox_id: string;
  base_sha: string;
  snapshot_sha: string | null;
  head_tree: string;
  commits: number;
  files_changed: number;
  format: 'mboxrd';
  size_bytes: number;
  agent: string;
  agent_exit_code: number;
  agent_timed_out: boolean;
  linearized: boolean;
  leftovers_committed: boolean;
  /** Commits that changed nothing (`--allow-empty`, a merge that brought nothing), left out of the mbox. */
  empty_commits_dropped: number;
  started_at: string;
  finished_at: string;
}

export interface Capture {
  mboxPath: string;
  metaPath: string;
  meta: PatchMeta;
}

export interface CaptureInput {
  sandbox: Sandbox;
  snapshot: Snapshot;
  agentRun: AgentRun;
  agentName: string;
  identity: Identity;
  outDir: string;
  /** max-patch-bytes: a larger mbox (by the sandbox's own count) is refused before it is downloaded. */
  maxPatchBytes?: number;
  logger: Logger;
  timeoutMs: number;
}

/** The sandbox's facts are a few hundred bytes; anything near this is an attack on the runner's memory. */
export const MAX_META_BYTES = 64 * 1024;

/** Downloads with a byte limit counted on the runner; past it, `refusal()` replaces the provider's error. */
async function downloadAtMost(
  sandbox: Sandbox,
  remotePath: string,
  localPath: string,
  maxBytes: number | undefined,
  refusal: () => ActionError,
  expectedBytes?: number,
): Promise<void> {
  try {
    await sandbox.download(remotePath, localPath, {
      ...(maxBytes === undefined ? {} : { maxBytes }),
      ...(expectedBytes === undefined ? {} : { expectedBytes }),
    });
  } catch (error) {
    if (error instanceof DownloadTooLargeError) throw refusal();
    throw error;
  }
}

/** Downloads of a capture file that did not match what the sandbox reported, before the run fails. */
const VERIFY_ATTEMPTS = 3;

/**
 * Downloads until the file matches what the sandbox reported (size and sha256 for the mbox, the printed
 * copy for the meta). A mismatch is a transfer cut short, so it is read again; an unverified file is never
 * used: after the last attempt the run fails as sandbox-error.
 */
async function downloadVerified<T>(
  what: string,
  attempt: () => Promise<{ value: T } | { mismatch: string }>,
): Promise<T> {
  let last = '';
  for (let i = 0; i < VERIFY_ATTEMPTS; i++) {
    const outcome = await attempt();
    if ('value' in outcome) return outcome.value;
    last = outcome.mismatch;
  }
  throw new ActionError(
    'sandbox-error',
    `The downloaded ${what} did not match what the sandbox reported after ${VERIFY_ATTEMPTS} attempts (${last}); nothing was delivered from it.`,
    'The transfer from the sandbox was cut short repeatedly; run the job again.',
  );
}

/** The last line of `text` that is a JSON object, as printed (trimmed). */
function lastJsonLine(text: string): string | undefined {
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('{') && line.endsWith('}')) return line;
  }
  return undefined;
}

/** Runs the capture script in the sandbox and downloads the mbox and meta into `out-dir`. */
export async function capturePatch(input: CaptureInput): Promise<Capture> {
  const { sandbox, snapshot } = input;
  const remoteOut = posix.join(sandbox.paths.scratch, 'out');
  const result = await sandbox.exec(CAPTURE_SCRIPT, {
    cwd: sandbox.paths.scratch,
    timeoutMs: input.timeoutMs,
    env: {
      WORKDIR: sandbox.paths.workdir,
      OUT_DIR: remoteOut,
      BASE_SHA: snapshot.baseSha,
      BOT_NAME: input.identity.name,
      BOT_EMAIL: input.identity.email,
      LEFTOVER_MESSAGE: leftoverSubject(input.agentRun.summary),
    },
  });
  if (result.exitCode === CAPTURE_EXIT.historyRewritten) {
    throw new ActionError(
      'history-rewritten',
      'The agent rewrote history: the sandbox HEAD no longer descends from the base commit, so nothing could be captured.',
      'Ask the agent to commit on top of the checked-out commit instead of resetting or rebasing it.',
    );
  }
  if (result.exitCode === CAPTURE_EXIT.mergeUnsupported) {
    throw new ActionError(
      'merge-unsupported',
      "The agent's merge history could not be linearized: its first-parent chain does not start at the base commit.",
      'Ask the agent not to merge other branches into its work.',
    );
  }
  if (result.exitCode !== 0) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
    throw new ActionError(
      'capture-failed',
      `Capturing the agent's changes failed (exit ${result.exitCode}): ${inlineCode(detail, 300)}`,
    );
  }

  await mkdir(input.outDir, { recursive: true });
  const mboxPath = join(input.outDir, 'agent.mbox');
  const metaPath = join(input.outDir, 'agent.meta.json');
  await rm(mboxPath, { force: true });
  const rawMetaPath = join(input.outDir, '.sandbox.meta.json');
  // The capture printed the meta it wrote: a download that does not match it (cut short) is read again.
  const printedMeta = lastJsonLine(result.stdout);
  const facts = await downloadVerified<SandboxFacts>('patch metadata', async () => {
    await downloadAtMost(
      sandbox,
      posix.join(remoteOut, 'agent.meta.json'),
      rawMetaPath,
      MAX_META_BYTES,
      () =>
        new ActionError(
          'capture-failed',
          `The sandbox's patch metadata is over ${MAX_META_BYTES} bytes (it is a few hundred); it was not read.`,
          'The sandbox or the agent tampered with the capture output; nothing was delivered from it.',
        ),
    );
    const text = await readFile(rawMetaPath, 'utf8');
    await rm(rawMetaPath, { force: true });
    if (printedMeta !== undefined && text.trim() !== printedMeta) {
      return { mismatch: 'it differs from the metadata the capture printed' };
    }
    try {
      return { value: parseSandboxFacts(text, snapshot.baseSha) };
    } catch (error) {
      // Without the printed copy, a cut-off download is only seen as unreadable JSON: read it again.
      if (printedMeta === undefined && error instanceof ActionError && /unreadable/.test(error.message))
        return { mismatch: 'it is not complete JSON' };
      throw error;
    }
  });
  if (facts.embedded_repos_left_out) {
    input.logger.warning(
      `${facts.embedded_repos_left_out} git repositor${facts.embedded_repos_left_out === 1 ? 'y' : 'ies'} the agent created inside the work tree (a clone or git init) ` +
        'were left out of the patch: they cannot be shipped as files.',
    );
  }
  const tooLarge = (message: string) =>
    new ActionError('patch-too-large', message, 'Ask for a smaller change, or raise max-patch-bytes.');
  // The sandbox's own count refuses an honest large patch early; the download counts for itself.
  if (input.maxPatchBytes !== undefined && facts.size_bytes > input.maxPatchBytes) {
    throw tooLarge(
      `The patch is ${facts.size_bytes} bytes, over max-patch-bytes (${input.maxPatchBytes}); it was not downloaded.`,
    );
  }
  const size = await downloadVerified<number>('mbox', async () => {
    await downloadAtMost(
      sandbox,
      posix.join(remoteOut, 'agent.mbox'),
      mboxPath,
      input.maxPatchBytes,
      () =>
        tooLarge(
          `The mbox the sandbox sent passed max-patch-bytes (${input.maxPatchBytes}) as counted on the runner, ` +
            `though the sandbox claimed ${facts.size_bytes} bytes; the download was stopped and nothing was kept.`,
        ),
      facts.size_bytes,
    );
    const bytes = await readFile(mboxPath);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== facts.size_bytes || (facts.mbox_sha256 && digest !== facts.mbox_sha256)) {
      await rm(mboxPath, { force: true });
      return {
        mismatch: `it has ${bytes.length} bytes and sha256 ${digest}, the sandbox reported ${facts.size_bytes} bytes${facts.mbox_sha256 ? ` and ${facts.mbox_sha256}` : ''}`,
      };
    }
    return { value: bytes.length };
  });
  const meta: PatchMeta = {
    version: 1,
    provider: sandbox.provider,
    sandbox_id: sandbox.id,
    base_sha: snapshot.baseSha,
    snapshot_sha: snapshot.snapshotSha,
    head_tree: facts.head_tree,
    commits: facts.commits,
    files_changed: facts.files_changed,
    format: 'mboxrd',
    size_bytes: size,
    agent: input.agentName,
    agent_exit_code: input.agentRun.exitCode,
    agent_timed_out: input.agentRun.timedOut,
    linearized: facts.linearized,
    leftovers_committed: facts.leftovers_committed,
    empty_commits_dropped: facts.empty_commits_dropped ?? 0,
    started_at: input.agentRun.startedAt,
    finished_at: input.agentRun.finishedAt,
  };
  await writeFile(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  if (meta.empty_commits_dropped > 0) {
    input.logger.info(
      `Dropped ${meta.empty_commits_dropped} empty commit(s) that changed nothing, so the mbox applies with git am.`,
    );
  }
  input.logger.info(
    `Captured ${meta.commits} commit(s), ${meta.files_changed} file(s), ${size} bytes of mbox` +
      `${meta.linearized ? ' (merges linearized)' : ''}.`,
  );
  return { mboxPath, metaPath, meta };
}

interface SandboxFacts {
  head_tree: string;
  commits: number;
  files_changed: number;
  size_bytes: number;
  linearized: boolean;
  leftovers_committed: boolean;
  /** Embedded repositories (the agent's clones or `git init`s) left out of the leftover commit. */
  embedded_repos_left_out?: number;
  /** Commits that changed nothing, dropped from the mbox. */
  empty_commits_dropped?: number;
  /** sha256 of the mbox in the sandbox; empty when the image has no tool to compute it. */
  mbox_sha256?: string;
}

/** The sandbox is untrusted: accept only well-formed facts, and only for the base we shipped. */
export function parseSandboxFacts(text: string, expectedBase: string): SandboxFacts {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ActionError('capture-failed', 'The sandbox returned unreadable patch metadata.');
  }
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const ok =
    raw &&
    typeof raw === 'object' &&
    raw['base_sha'] === expectedBase &&
    isSha(raw['head_tree']) &&
    count(raw['commits']) &&
    count(raw['files_changed']) &&
    count(raw['size_bytes']) &&
    typeof raw['linearized'] === 'boolean' &&
    typeof raw['leftovers_committed'] === 'boolean' &&
    (raw['embedded_repos_left_out'] === undefined || count(raw['embedded_repos_left_out'])) &&
    (raw['empty_commits_dropped'] === undefined || count(raw['empty_commits_dropped'])) &&
    (raw['mbox_sha256'] === undefined ||
      raw['mbox_sha256'] === '' ||
      (typeof raw['mbox_sha256'] === 'string' && /^[0-9a-f]{64}$/.test(raw['mbox_sha256'])));
  if (!ok) throw new ActionError('capture-failed', 'The sandbox returned malformed patch metadata.');
  return raw as unknown as SandboxFacts;
}
