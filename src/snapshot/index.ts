import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ActionError } from '../shared/errors.js';
import { BOT_IDENTITY, type Git, hostGit } from '../shared/git.js';
import type { Logger } from '../shared/log.js';
import type { SecretRegistry } from '../shared/secrets.js';
import { type PackedBundle, writePackedBundle } from './bundle.js';
import { ensureCommit } from './fetch-commit.js';
import { type PullBase, resolveHistory, type ShippedHistory } from './history.js';

export interface SnapshotInput {
  /** Any directory inside the checkout. */
  repoDir: string;
  includeUncommitted: boolean;
  /** Snapshot this commit instead of HEAD (a PR head SHA); fetched into the object store if missing. */
  commit?: string;
  /** Where to fetch `commit` from when the checkout lacks it (token via env-only config, never argv). */
  fetchFrom?: { serverUrl: string; repository: string; token: string };
  /**
   * A pull request's base: ship its merge base and the commits up to `commit` too (issue 20 item 4), so
   * `git log`/`git diff` against the base work in the sandbox. Without it only the tip is shipped.
   */
  history?: PullBase;
  /** A private directory for the bundle and the snapshot's object store. */
  workDir: string;
  secrets: SecretRegistry;
  logger: Logger;
}

export interface Snapshot {
  /** Top level of the checkout. */
  repoDir: string;
  /** Object directory of the checkout, used to seed the verification repository. */
  objectsDir: string;
  bundlePath: string;
  bundleBytes: number;
  /** The real HEAD: the base every returned patch applies to. */
  baseSha: string;
  /** Commit holding uncommitted tracked changes on top of HEAD, or null. */
  snapshotSha: string | null;
  /** What the sandbox checks out: `snapshotSha ?? baseSha`. */
  shippedSha: string;
  /** Tree of `shippedSha`: if the agent's result has this tree, it changed nothing. */
  shippedTree: string;
  /** Branch name the bundle carries. */
  bundleRef: string;
  /** The index of the bundle's pack and where the pack starts, for staging without `index-pack`. */
  pack: Omit<PackedBundle, 'bundlePath'>;
  /** The PR history shipped with the head, or null (tip only: non-PR runs, or history not found). */
  history: ShippedHistory | null;
  /** Shipped commits whose parents were not shipped: the sandbox writes them to `.git/shallow`. */
  shallowCommits: string[];
  /** Whether the checkout itself is shallow (the usual actions/checkout case). */
  shallowCheckout: boolean;
  durationMs: number;
}

export const BUNDLE_REF = 'refs/heads/sandbox-agent-snapshot';

/**
 * Bundles the checked-out tree (SPEC §3). The bundle holds the HEAD commit only, never its history and
 * never anything untracked, ignored or from `.git/`: a private git dir borrows the checkout's objects
 * through `alternates` and declares HEAD shallow, so `git bundle` packs one commit's objects, reusing
 * the existing packs (no re-hashing of the work tree). The checkout's index, refs and config are never
 * written. For a pull request (`history`), the bundle also holds the PR's merge base and the commits
 * from it to the head (`history.ts`); a shallow checkout is deepened for them (objects only, no ref).
 */
export async function createSnapshot(input: SnapshotInput): Promise<Snapshot> {
  const started = performance.now();
  const probe = hostGit(resolve(input.repoDir));
  const inside = await probe.exec(['rev-parse', '--is-inside-work-tree']);
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    throw new ActionError(
      'invalid-input',
      `${input.repoDir} is not a git checkout.`,
      'Run actions/checkout before this action.',
    );
  }
  const repoDir = await probe.run(['rev-parse', '--show-toplevel']);
  const git = hostGit(repoDir);
  const baseSha = input.commit
    ? await ensureCommit(git, input.commit, input.fetchFrom)
    : await resolveHead(git, repoDir);
  const includeUncommitted = input.includeUncommitted && !input.commit;
  const objectsDir = resolve(repoDir, await git.run(['rev-parse', '--git-path', 'objects']));
  const shallowCheckout = (await git.run(['rev-parse', '--is-shallow-repository'])) === 'true';

  await rm(input.workDir, { recursive: true, force: true });
  await mkdir(input.workDir, { recursive: true });
  const gitDir = join(input.workDir, 'snapshot.git');
  await git.run(['init', '--quiet', '--bare', '--template=', gitDir]);
  await writeFile(join(gitDir, 'objects', 'info', 'alternates'), `${objectsDir}\n`);
  const history =
    input.history && input.commit
      ? await resolveHistory(git, repoDir, baseSha, input.history, input.fetchFrom, input.logger)
      : null;
  // HEAD (or, for a PR, the merge base and the range's other boundaries) is the shallow boundary: the
  // bundle stops there, whatever history the checkout has.
  const shallowCommits = history ? history.boundary : [baseSha];
  await writeFile(join(gitDir, 'shallow'), `${shallowCommits.join('\n')}\n`);
  const snapshotGit = git.with({ env: { GIT_DIR: gitDir } });

  const snapshotSha = includeUncommitted
    ? await commitUncommitted(git, repoDir, gitDir, objectsDir, input.workDir, baseSha)
    : null;
  const shippedSha = snapshotSha ?? baseSha;
  await snapshotGit.run(['update-ref', BUNDLE_REF, shippedSha]);

  const shippedTree = await snapshotGit.run(['rev-parse', '--verify', `${shippedSha}^{tree}`]);
  // The scan reads every blob (about 0.4 s for 150 MiB): run it while the pack is written. The bundle
  // stays in this private directory and is never uploaded if the scan refuses.
  const [{ bundlePath, ...pack }] = await Promise.all([
    writePackedBundle(snapshotGit, input.workDir, shippedSha, BUNDLE_REF, history ? [history.mergeBase] : []),
    // Every shipped commit's tree: a secret removed later in the PR is still in the bundle.
    refuseShippedSecrets(
      snapshotGit,
      history ? [...history.commits, history.mergeBase] : [shippedSha],
      input.secrets,
    ),
  ]);
  const bundleBytes = (await stat(bundlePath)).size;
  const durationMs = performance.now() - started;
  input.logger.info(
    `Snapshot ${shippedSha.slice(0, 12)} (base ${baseSha.slice(0, 12)}${snapshotSha ? ' + uncommitted changes' : ''}): ` +
      `bundle ${formatBytes(bundleBytes)} in ${Math.round(durationMs)} ms` +
      (history
        ? ` (pull request history: ${history.commits.length} commit(s) since the merge base ${history.mergeBase.slice(0, 12)} with ${history.branch}).`
        : `${shallowCheckout ? '' : ' (tip only; history not shipped)'}.`),
  );
  return {
    repoDir,
    objectsDir,
    bundlePath,
    bundleBytes,
    baseSha,
    snapshotSha,
    shippedSha,
    shippedTree,
    bundleRef: BUNDLE_REF,
    pack,
    history,
    shallowCommits,
    shallowCheckout,
    durationMs,
  };
}

async function resolveHead(git: Git, repoDir: string): Promise<string> {
  const head = await git.exec(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.exitCode !== 0) {
    throw new ActionError('invalid-input', `The checkout at ${repoDir} has no commit at HEAD.`);
  }
  return head.stdout.trim();
}

/**
 * Commits tracked-file changes on top of HEAD with a temporary index (a copy of the real one, so only
 * changed files are hashed) and a private object directory. Returns null when nothing changed.
 */
async function commitUncommitted(
  git: Git,
  repoDir: string,
  gitDir: string,
  objectsDir: string,
  workDir: string,
  baseSha: string,
): Promise<string | null> {
  const realIndex = resolve(repoDir, await git.run(['rev-parse', '--git-path', 'index']));
  const tempIndex = join(workDir, 'index');
  await copyFile(realIndex, tempIndex).catch(async () => {
    await git.run(['read-tree', baseSha], { env: { GIT_INDEX_FILE: tempIndex } });
  });
  const env = {
    GIT_INDEX_FILE: tempIndex,
    GIT_OBJECT_DIRECTORY: join(gitDir, 'objects'),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: objectsDir,
  };
  // The changed files' objects are temporary (pack-objects packs them next): store them uncompressed.
  await git.run(['-c', 'core.looseCompression=0', 'add', '--update', '--', '.'], { env });
  const tree = await git.run(['write-tree'], { env });
  const baseTree = await git.run(['rev-parse', '--verify', `${baseSha}^{tree}`]);
  if (tree === baseTree) return null;
  return git.run(
    ['commit-tree', tree, '-p', baseSha, '-m', 'sandbox-agent: uncommitted changes from the checkout'],
    {
      env: {
        ...env,
        GIT_AUTHOR_NAME: BOT_IDENTITY.name,
        GIT_AUTHOR_EMAIL: BOT_IDENTITY.email,
        GIT_COMMITTER_NAME: BOT_IDENTITY.name,
        GIT_COMMITTER_EMAIL: BOT_IDENTITY.email,
      },
    },
  );
}

/**
 * SPEC §3: refuse to upload a tree that contains the literal value of a secret we hold. Patterns go to
 * git on stdin, never in argv; the error names files, never values.
 */
async function refuseShippedSecrets(git: Git, commits: string[], secrets: SecretRegistry): Promise<void> {
  const values = secrets.values().filter((v) => !v.includes('\n'));
  if (values.length === 0) return;
  const result = await git.exec(
    ['grep', '--no-textconv', '--no-recurse-submodules', '-F', '-l', '-z', '-f', '-', ...commits, '--'],
    { input: `${values.join('\n')}\n` },
  );
  if (result.exitCode === 1) return;
  if (result.exitCode !== 0) {
    throw new ActionError('git-error', `Could not scan the snapshot for secrets: ${result.stderr.trim()}`);
  }
  // Entries are `<commit>:<path>`; every commit id has the same length.
  const idLength = commits[0]?.length ?? 40;
  const files = [
    ...new Set(
      result.stdout
        .split('\0')
        .filter(Boolean)
        .map((entry) => entry.slice(idLength + 1)),
    ),
  ];
  throw new ActionError(
    'secret-in-snapshot',
    `The checkout contains the value of a secret this action holds (in ${files.slice(0, 5).join(', ')}); nothing was uploaded.`,
    'Remove the secret from the repository, or do not pass it to this action.',
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
