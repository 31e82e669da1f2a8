import type { SecretRegistry } from '../shared/secrets.js';
import { readAgentEnvLine } from './agent-env.js';
import type { InputReader } from './index.js';
import { classifyEnvValue, MIN_SECRET_LENGTH } from './secret-like.js';

/** Inputs and env variables whose values are secrets; all are registered before anything is logged. */
const SECRET_INPUTS = ['github-token', 'daytona-api-key', 'modal-token-id', 'modal-token-secret'];
const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN', 'DAYTONA_API_KEY', 'MODAL_TOKEN_ID', 'MODAL_TOKEN_SECRET'];

/**
 * Registers every secret the action holds, before the first log line. GitHub and provider
 * credentials always; an `agent-env` value only when its name or value looks secret
 * (src/settings/secret-like.ts), so settings such as `AWS_REGION=us-east-1` are neither masked nor
 * scanned for. Returns warnings to log once the registry masks the log (they name no value).
 */
export function registerInputSecrets(
  secrets: SecretRegistry,
  read: InputReader,
  env: NodeJS.ProcessEnv,
): string[] {
  for (const name of SECRET_INPUTS) secrets.add(name, read(name).trim());
  for (const name of SECRET_ENV) secrets.add(name, env[name]);
  const warnings: string[] = [];
  for (const line of read('agent-env').split(/\r?\n/)) {
    // Read as users mean it (quotes and spaces around `=` stripped, settings/agent-env.ts); the raw
    // text after `=` is masked too when the value is secret, since the log may echo either form.
    const entry = readAgentEnvLine(line);
    if (!entry?.name) continue;
    const kind = classifyEnvValue(entry.name, entry.value);
    if (kind === 'secret') {
      secrets.add(`agent-env ${entry.name}`, entry.rawValue);
      secrets.add(`agent-env ${entry.name}`, entry.value);
    } else if (kind === 'short-secret-name')
      warnings.push(
        `agent-env ${entry.name} looks like a secret but its value is shorter than ${MIN_SECRET_LENGTH} characters, so it is neither masked nor scanned for: check that the secret it comes from is set.`,
      );
  }
  return warnings;
}
