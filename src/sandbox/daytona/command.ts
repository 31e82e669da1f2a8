import { ActionError } from '../../shared/errors.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Shell variables the wrapper itself uses; callers may not set them. */
const RESERVED = new Set(['sa_v', 'sa_cmd', 'sa_dir']);

export interface SessionCommandInput {
  /** The caller's script, run with `sh -c`. */
  command: string;
  /** Environment for this command (values are data, never parsed by a shell). */
  env: Record<string, string>;
  /** Absolute directory to run in. */
  cwd: string;
  /** In-sandbox deadline in whole seconds (`timeout(1)` when the image has it). */
  timeoutSec: number;
}

/**
 * Builds the string sent to the daemon's session exec. The daemon runs it in a persistent shell, so:
 * - everything runs in a `( … )` subshell: no `exit`, `cd` or `export` leaks into the session;
 * - every value (env values, the cwd and the command itself) travels base64-encoded inside single
 *   quotes (the base64 alphabet has no quote, `$`, backslash or newline) and is decoded into a variable
 *   at run time, so no value is ever parsed by a shell; the `x` suffix keeps trailing newlines;
 * - the script runs as `sh -c "$sa_cmd"` with stdin from /dev/null (async session commands otherwise get
 *   a stdin that never closes) under `timeout` when available.
 * Only env names (validated) and the integer timeout appear as plain text.
 */
export function buildSessionCommand(input: SessionCommandInput): string {
  const timeoutSec = Math.max(1, Math.ceil(input.timeoutSec));
  if (!Number.isSafeInteger(timeoutSec)) throw new ActionError('internal-error', 'Invalid exec timeout.');
  const lines: string[] = [];
  const assign = (name: string, value: string, exported: boolean): void => {
    if (value.includes('\0')) {
      throw new ActionError(
        'sandbox-error',
        `The value of ${name} contains a NUL byte and cannot be passed.`,
      );
    }
    const encoded = Buffer.from(value, 'utf8').toString('base64');
    lines.push(`sa_v=$(printf '%s' '${encoded}' | base64 -d && printf x) || exit 125`);
    lines.push(`${exported ? 'export ' : ''}${name}="\${sa_v%x}"`);
  };
  for (const [name, value] of Object.entries(input.env)) {
    if (!ENV_NAME.test(name) || RESERVED.has(name)) {
      throw new ActionError('sandbox-error', `Invalid environment variable name for the sandbox: ${name}`);
    }
    assign(name, value, true);
  }
  assign('sa_dir', input.cwd, false);
  assign('sa_cmd', input.command, false);
  lines.push('unset sa_v');
  lines.push('cd -- "$sa_dir" || exit 1');
  lines.push(
    'if command -v timeout >/dev/null 2>&1; then ' +
      `exec timeout -k 10 ${timeoutSec} sh -c "$sa_cmd" sh </dev/null; ` +
      'else exec sh -c "$sa_cmd" sh </dev/null; fi',
  );
  // One line: daemons differ in how they feed multi-line commands to the session shell.
  return `( ${lines.join('; ')} )`;
}

/** `Math.ceil(ms / 1000)`, at least 1: Daytona timeouts are in seconds. */
export function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
