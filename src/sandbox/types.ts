/**
 * The sandbox provider interface (SPEC §4). Three implementations: `local` (child processes in a temp
 * dir), `daytona` (@daytona/sdk) and `modal` (modal@0.11.x). Providers are loaded with a dynamic
 * import so an unused SDK costs nothing at cold start.
 */
export type ProviderName = 'daytona' | 'modal' | 'local';

export const PROVIDER_NAMES: readonly ProviderName[] = ['daytona', 'modal', 'local'];

/** `open`, `none`, or a list of CIDRs / domains (SPEC §1 `network`). */
export type NetworkPolicy = { mode: 'open' } | { mode: 'none' } | { mode: 'allow'; entries: string[] };

/** Identity of one action run, used for labels/tags, deterministic names and the sweeper. */
export interface RunIdentity {
  /** `owner/repo`. */
  repository: string;
  runId: string;
  runAttempt: string;
  job: string;
  /** Random per run of the step (spec.ts `newRunNonce`): parallel matrix jobs share everything above. */
  nonce: string;
}

/** Sandbox size as the workflow asked for it; each provider fills in its own defaults (SPEC §9). */
export interface SandboxSize {
  cpu?: number;
  memoryGib?: number;
  diskGib?: number;
}

export interface SandboxSpec {
  identity: RunIdentity;
  /** Name from repo/run/attempt/job and the nonce, recorded before create so a lost create can be found. */
  name: string;
  /** Labels (Daytona) / tags (Modal); always includes `sandbox-agent=1`. */
  labels: Record<string, string>;
  /** Hard lifetime: the provider deletes/terminates the sandbox after this long even if we never do. */
  ttlMs: number;
  /** The complete environment for commands in the sandbox, built from the allowlist (sandbox/env.ts). */
  env: Record<string, string>;
  network: NetworkPolicy;
  /** Work dir inside the sandbox (SPEC §1 `workdir`). The provider may map it (local does). */
  workdir: string;
  /** Create must finish within this deadline (`create-timeout-minutes`). */
  createTimeoutMs: number;
  /** Requested size (`cpu`, `memory-gib`, `disk-gib`); absent = the provider's default. */
  size?: SandboxSize;
  signal?: AbortSignal;
}

export interface SandboxExecOptions {
  /** Absolute directory inside the sandbox; defaults to the sandbox work dir. */
  cwd?: string;
  /** Extra environment for this command, added to the sandbox env. Values never go into argv. */
  env?: Record<string, string>;
  /** Per-command deadline. Remote providers convert it to their own unit, rounding up. */
  timeoutMs: number;
  /** Streamed output, called as it arrives. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

export interface SandboxExecResult {
  /** 124 when the per-command timeout fired (the `timeout(1)` convention). */
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface DownloadOptions {
  /** Refuse the file once more than this many bytes have arrived (the sandbox's claims are not trusted). */
  maxBytes?: number;
  /** The size the sandbox reported, if known: remote providers bound each attempt in proportion to it. */
  expectedBytes?: number;
}

/** Where things live inside the sandbox. Remote providers use the requested paths verbatim. */
export interface SandboxPaths {
  /** The repository clone (SPEC §1 `workdir`). */
  workdir: string;
  /** Scratch dir outside the repo: bundle, prompt, capture script, mbox, meta. */
  scratch: string;
}

export interface Sandbox {
  readonly provider: ProviderName;
  readonly id: string;
  readonly paths: SandboxPaths;
  /**
   * Runs `command` through `sh -c` with stdin from /dev/null. Resolves for any exit code; rejects only
   * on transport failure, abort, or a dead sandbox (`ActionError` with reason `sandbox-error`).
   */
  exec(command: string, options: SandboxExecOptions): Promise<SandboxExecResult>;
  /** Streams a runner file into the sandbox, creating parent directories. No size cap of our own. */
  upload(localPath: string, remotePath: string): Promise<void>;
  /**
   * Streams a sandbox file to a runner path. With `maxBytes`, the bytes actually received are counted and
   * the transfer stops past the limit: `DownloadTooLargeError`, and no file (not even a partial one) is left.
   */
  download(remotePath: string, localPath: string, options?: DownloadOptions): Promise<void>;
  /** Deletes the sandbox. Idempotent: not-found (and "already being deleted") is success. */
  delete(): Promise<void>;
}

/** One sandbox found by the sweeper. */
export interface SandboxListing {
  id: string;
  name?: string;
  labels: Record<string, string>;
  createdAt?: Date;
  state?: string;
}

export interface SandboxProvider {
  readonly name: ProviderName;
  /**
   * Creates a sandbox, waits until it is ready, and returns it. `onCreated` is called with the id as
   * soon as the provider returns it (before waiting for readiness) so it can be saved for `post`.
   */
  create(spec: SandboxSpec, onCreated: (id: string) => void): Promise<Sandbox>;
  /** Deletes by id, for the `post` step and signal handlers. Idempotent. */
  deleteById(id: string): Promise<void>;
  /** Sandboxes whose labels include all of `labels` (for `sweep`). */
  list(labels: Record<string, string>): Promise<SandboxListing[]>;
  /** The live sandbox with this exact name, read as one record (consistent right after create), if supported. */
  findByName?(name: string): Promise<SandboxListing | undefined>;
}

/** Provider settings from inputs / env (SPEC §1); each provider reads only its own part. */
export interface ProviderSettings {
  local: {
    /** Parent of local sandbox dirs ($RUNNER_TEMP, outside the workspace). */
    parentDir: string;
  };
  daytona: {
    apiKey: string;
    apiUrl: string;
    target: string;
    snapshot: string;
    image: string;
  };
  modal: {
    tokenId: string;
    tokenSecret: string;
    app: string;
    image: string;
    environment: string;
  };
}
