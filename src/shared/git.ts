import { mkdir } from 'node:fs/promises';
import { ActionError } from './errors.js';
import { type ExecOptions, type ExecResult, execFile } from './exec.js';

/** Every git process has a deadline; a stuck git must fail with a sentence, not hang the job. */
export const GIT_TIMEOUT_MS = 10 * 60_000;
/** `git am --empty=stop` (2.35) and `GIT_CONFIG_COUNT` (2.31) are the newest features we rely on. */
export const GIT_VERSION_FLOOR = [2, 35] as const;

/** Settings that stop a repository (or a patch) from making git run code or rewrite content. */
const SAFETY_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'submodule.recurse=false',
  'protocol.ext.allow=never',
  'commit.gpgsign=false',
  'tag.gpgsign=false',
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Stricter settings for repositories that hold agent output: no symlinks on disk, no line-ending games. */
const ISOLATED_CONFIG = [
  ...SAFETY_CONFIG,
  'core.symlinks=false',
  'core.autocrlf=false',
  'core.safecrlf=false',
  'core.eol=lf',
  'apply.whitespace=nowarn',
  'am.threeWay=false',
  'am.keepcr=true',
  'init.defaultBranch=main',
];

export interface GitOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  config: readonly string[];
  timeoutMs?: number;
}

export type GitRunOptions = Omit<Partial<ExecOptions>, 'env'> & { env?: NodeJS.ProcessEnv };

export class Git {
  constructor(readonly options: GitOptions) {}

  get cwd(): string {
    return this.options.cwd;
  }

  /** Runs git and resolves with any exit code. */
  exec(args: readonly string[], extra: GitRunOptions = {}): Promise<ExecResult> {
    const config = this.options.config.flatMap((entry) => ['-c', entry]);
    return execFile('git', [...config, ...args], {
      cwd: this.options.cwd,
      timeoutMs: this.options.timeoutMs ?? GIT_TIMEOUT_MS,
      ...extra,
      env: { ...this.options.env, ...extra.env },
    });
  }

  /** Runs git and returns stdout without the trailing newline; a non-zero exit throws `git-error`. */
  async run(args: readonly string[], extra: GitRunOptions = {}): Promise<string> {
    const result = await this.exec(args, extra);
    if (result.exitCode !== 0) throw gitFailure(args, result);
    return result.stdout.replace(/\n$/, '');
  }

  async tryRun(args: readonly string[], extra: GitRunOptions = {}): Promise<boolean> {
    return (await this.exec(args, extra)).exitCode === 0;
  }

  /** A copy with other settings (another directory, extra `-c`, extra env). */
  with(changes: { cwd?: string; config?: readonly string[]; env?: NodeJS.ProcessEnv }): Git {
    return new Git({
      ...this.options,
      cwd: changes.cwd ?? this.options.cwd,
      config: [...this.options.config, ...(changes.config ?? [])],
      env: { ...this.options.env, ...changes.env },
    });
  }
}

export function gitFailure(args: readonly string[], result: ExecResult): ActionError {
  const what = args.find((a) => !a.startsWith('-')) ?? 'git';
  const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 500);
  const cause = result.timedOut ? 'timed out' : `exited ${result.exitCode}`;
  return new ActionError('git-error', `git ${what} ${cause}: ${detail}`);
}

function baseEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LC_ALL: 'C',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
  };
}

/**
 * Git for the user's own checkout (read-only use: bundle, grep, object writes into a private dir).
 * The user's global config still applies (LFS filters, safe.directory); hooks and fsmonitor never run.
 */
export function hostGit(repoDir: string, extraEnv: NodeJS.ProcessEnv = {}): Git {
  return new Git({
    cwd: repoDir,
    env: { ...baseEnv(), HOME: process.env['HOME'] ?? '/', ...extraEnv },
    config: [...SAFETY_CONFIG, `safe.directory=${repoDir}`],
  });
}

/**
 * Git with no system or global config and a private HOME, for repositories that hold agent output
 * (SPEC §6, research D13). Nothing the runner or the patch configures can run code here.
 */
export async function isolatedGit(cwd: string, privateHome: string, identity: Identity): Promise<Git> {
  await mkdir(privateHome, { recursive: true });
  return new Git({
    cwd,
    env: {
      ...baseEnv(),
      HOME: privateHome,
      XDG_CONFIG_HOME: privateHome,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_ATTR_NOSYSTEM: '1',
      GIT_ALLOW_PROTOCOL: 'file:https',
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    },
    config: [...ISOLATED_CONFIG, `user.name=${identity.name}`, `user.email=${identity.email}`],
  });
}

export interface Identity {
  name: string;
  email: string;
}

export const BOT_IDENTITY: Identity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

export async function gitVersion(): Promise<[number, number, number]> {
  const result = await execFile('git', ['--version'], { env: baseEnv(), timeoutMs: 30_000 }).catch(
    () => null,
  );
  const match = result?.stdout.match(/(\d+)\.(\d+)(?:\.(\d+))?/);
  if (!match) throw new ActionError('git-error', 'git was not found on PATH.', 'Install git 2.35 or newer.');
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export async function assertGitVersion(): Promise<string> {
  const [major, minor, patch] = await gitVersion();
  const [floorMajor, floorMinor] = GIT_VERSION_FLOOR;
  if (major < floorMajor || (major === floorMajor && minor < floorMinor)) {
    throw new ActionError(
      'git-error',
      `git ${major}.${minor}.${patch} is too old.`,
      `Use git ${floorMajor}.${floorMinor} or newer (ubuntu-22.04 and later runners have it).`,
    );
  }
  return `${major}.${minor}.${patch}`;
}

export const SHA_PATTERN = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export function isSha(value: unknown): value is string {
  return typeof value === 'string' && SHA_PATTERN.test(value);
}
