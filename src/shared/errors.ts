/** Machine-readable reasons, surfaced as the `reason` output. Free text never goes into outputs. */
export type ReasonCode =
  | 'invalid-input'
  | 'missing-prompt'
  | 'provider-unavailable'
  | 'sandbox-error'
  | 'setup-failed'
  | 'agent-env-missing'
  | 'agent-install-failed'
  | 'agent-failed'
  | 'agent-timeout'
  | 'capture-failed'
  | 'history-rewritten'
  | 'merge-unsupported'
  | 'tree-mismatch'
  | 'apply-failed'
  | 'patch-too-large'
  | 'secret-in-snapshot'
  | 'secret-detected'
  | 'protected-path'
  | 'policy-violation'
  | 'not-authorized'
  | 'not-triggered'
  | 'fork-pr'
  | 'pr-creation-forbidden'
  | 'permission-missing'
  | 'base-missing'
  | 'push-rejected'
  | 'artifact-upload-failed'
  | 'cancelled'
  | 'deadline-exceeded'
  | 'git-error'
  | 'internal-error'
  // SPEC §9, found by the preflight stage (src/preflight) before any sandbox exists.
  | 'token-invalid'
  | 'permission-missing'
  | 'base-missing'
  // SPEC §9: a follow-up could not land on the PR's moved branch (src/deliver/follow-up.ts).
  | 'rebase-conflict';

/** A failure the user can act on: a reason code, one sentence of cause, and what to do. */
export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly reason: ReasonCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The message plus the hint, as shown in the log and the summary. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function toActionError(error: unknown, fallback: ReasonCode = 'internal-error'): ActionError {
  if (error instanceof ActionError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ActionError(fallback, message, undefined, { cause: error });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ActionError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}
