import { ActionError } from '../../shared/errors.js';
import type { Sandbox } from '../types.js';

export const DEFAULT_SCRATCH = '/tmp/sandbox-agent';

/**
 * Creates the scratch dir and tries to create the work dir, and returns the scratch path:
 * `${TMPDIR:-/tmp}/sandbox-agent` as seen inside the sandbox. On Daytona images TMPDIR is unset, so
 * this is `/tmp/sandbox-agent`; a sandbox that sets TMPDIR (such as the loopback fake, which gives each
 * sandbox its own root) gets its own. The work dir may need root (`/workspace`): `sudo -n` is tried,
 * and a failure is left for the clone step to report.
 */
export async function resolveScratch(sandbox: Sandbox, workdir: string): Promise<string> {
  const script = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
    's="${TMPDIR:-/tmp}"; s="${s%/}/sandbox-agent"',
    'mkdir -p -- "$s" || exit 1',
    'if ! mkdir -p -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null; then',
    '  if command -v sudo >/dev/null 2>&1; then',
    '    sudo -n mkdir -p -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null &&',
    '      sudo -n chown "$(id -u):$(id -g)" -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null',
    '  fi',
    'fi',
    'printf "%s" "$s"',
  ].join('\n');
  const result = await sandbox.exec(script, {
    env: { SANDBOX_AGENT_WORKDIR: workdir },
    cwd: '/',
    timeoutMs: 60_000,
  });
  const scratch = result.stdout.trim();
  if (result.exitCode !== 0 || !scratch.startsWith('/') || scratch.includes('\n')) {
    throw new ActionError(
      'sandbox-error',
      `Could not create the scratch directory in the Daytona sandbox (exit ${result.exitCode}): ${result.stderr.trim()}`,
    );
  }
  return scratch;
}
