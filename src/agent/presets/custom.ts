import { AGENT_CREDENTIALS } from '../ready.js';
import type { AgentPreset } from './index.js';

/** `agent-command` as the workflow author wrote it (trusted text); its output is shown as plain text. */
export const custom: AgentPreset = {
  name: 'custom',
  credentials: AGENT_CREDENTIALS['custom'],
  env: {},
  command: (settings) => settings.agentCommand,
};
