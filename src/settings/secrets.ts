import type { SecretRegistry } from '../shared/secrets.js';
import { readAgentEnvLine } from './agent-env.js';
import type { InputReader } from './index.js';

/** Inputs and env variables whose values are secrets; all are registered before anything is logged. */
const SECRET_INPUTS = ['github-token', 'daytona-api-key', 'modal-token-id', 'modal-token-secret'];
const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN', 'DAYTONA_API_KEY', 'MODAL_TOKEN_ID', 'MODAL_TOKEN_SECRET'];

export function registerInputSecrets(
  secrets: SecretRegistry,
  read: InputReader,
  env: NodeJS.ProcessEnv,
): void {
  for (const name of SECRET_INPUTS) secrets.add(name, read(name).trim());
  for (const name of SECRET_ENV) secrets.add(name, env[name]);
  // Every agent-env value is masked, whatever its name (SPEC §1).
  // Both the value as written and as normalized (quotes and spaces stripped, settings/agent-env.ts).
  for (const line of read('agent-env').split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) secrets.add(`agent-env ${line.slice(0, eq).trim()}`, line.slice(eq + 1));
    const entry = readAgentEnvLine(line);
    if (entry?.name && entry.adjusted) secrets.add(`agent-env ${entry.name}`, entry.value);
  }
}
