import { type ExecResult, execFile } from '../shared/exec.js';
import { GIT_TIMEOUT_MS, type Git } from '../shared/git.js';

/**
 * Second layer behind the mbox scan: `git am` runs under rlimits so a hunk the scan did not see still
 * cannot write a file past the budget (RLIMIT_FSIZE, SIGXFSZ) or allocate without bound (RLIMIT_AS).
 * Arguments reach git as argv ("$@"), never through the script text. `ulimit -v` is not in every `sh`
 * (macOS refuses it): the file-size limit still holds there. git is not `exec`ed, so a git killed by
 * SIGXFSZ comes back as the shell's 128 + 25.
 */
const LIMITED_GIT = [
  'ulimit -f "$1" 2>/dev/null || :',
  'ulimit -v "$2" 2>/dev/null || :',
  'shift 2',
  // Not the last command, so dash does not turn it into an exec.
  'git "$@"',
  'exit "$?"',
].join('\n');

/** The index of a large checkout is written too; below this the file limit would stop honest runs. */
const MIN_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Address space git needs besides what it inflates: its code, malloc arenas, the pack windows and the
 * pack indexes, which are mapped whole (a very large repository's .idx files reach hundreds of MiB).
 * Generous on purpose: the mbox scan is the real bound; this layer only stops unbounded growth.
 */
const BASE_ADDRESS_SPACE = 2 * 1024 * 1024 * 1024;
/** Pack windows mapped at once stay small under the address-space limit (git unmaps the oldest). */
const PACK_CONFIG = ['core.packedGitWindowSize=16m', 'core.packedGitLimit=128m'];

const SIGXFSZ_EXIT = 128 + 25;

export interface LimitedResult extends ExecResult {
  /** git was stopped by a limit: a file past the budget, or memory it could not get. */
  limitHit: boolean;
}

export function limitsFor(budget: number): { fileBlocks: number; addressKiB: number } {
  return {
    fileBlocks: Math.ceil(Math.max(budget, MIN_FILE_BYTES) / 512),
    addressKiB: Math.ceil((BASE_ADDRESS_SPACE + 2 * budget) / 1024),
  };
}

export async function runLimitedGit(
  git: Git,
  args: readonly string[],
  options: { input?: { file: string }; budget: number },
): Promise<LimitedResult> {
  const { fileBlocks, addressKiB } = limitsFor(options.budget);
  const config = [...git.options.config, ...PACK_CONFIG].flatMap((entry) => ['-c', entry]);
  const result = await execFile(
    'sh',
    ['-c', LIMITED_GIT, 'sh', String(fileBlocks), String(addressKiB), ...config, ...args],
    {
      cwd: git.cwd,
      env: git.options.env,
      timeoutMs: git.options.timeoutMs ?? GIT_TIMEOUT_MS,
      ...(options.input ? { input: options.input } : {}),
    },
  );
  const limitHit =
    result.exitCode === SIGXFSZ_EXIT ||
    /out of memory|cannot allocate memory|file too large|mmap failed/i.test(result.stderr);
  return { ...result, limitHit };
}
