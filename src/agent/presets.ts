import type { Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';

/**
 * The shell command that runs the agent in the sandbox work dir. `custom` runs `agent-command` as the
 * workflow author wrote it (trusted text); the prompt itself is only ever read from AGENT_PROMPT_FILE.
 */
export function resolveAgentCommand(settings: Settings): string {
  if (settings.agent === 'custom') return settings.agentCommand;
  throw presetUnavailable(settings.agent);
}

/** Checked before any sandbox is created, so an unsupported agent costs nothing. */
export function assertAgentAvailable(settings: Settings): void {
  resolveAgentCommand(settings);
}

function presetUnavailable(agent: string): ActionError {
  return new ActionError(
    'invalid-input',
    `The ${agent} agent preset is not available in this version of sandbox-agent-action.`,
    'Use agent: custom with agent-command (for example: claude -p "$(cat "$AGENT_PROMPT_FILE")").',
  );
}
