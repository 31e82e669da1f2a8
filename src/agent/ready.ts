// What a run checks about its agent before any sandbox, apart from the presets (their commands and
// transcript readers) so that the check does not load them before the first log line (cold start,
// issue 19 item 6). The presets take their `credentials` from here: one list per agent.
import type { AgentName, Settings } from '../settings/index.js';
import { ActionError } from '../shared/errors.js';

/** `agent-env` must set at least one of these for the agent (an API key or an equivalent credential). */
export const AGENT_CREDENTIALS: Readonly<Record<AgentName, readonly string[]>> = {
  'claude-code': [
    'ANTHROPIC_API_KEY',
    'CLAUDE_CODE_OAUTH_TOKEN',
    'ANTHROPIC_AUTH_TOKEN',
    'CLAUDE_CODE_USE_BEDROCK',
    'CLAUDE_CODE_USE_VERTEX',
  ],
  codex: ['OPENAI_API_KEY', 'CODEX_API_KEY'],
  opencode: [
    'ANTHROPIC_API_KEY',
    'OPENAI_API_KEY',
    'OPENROUTER_API_KEY',
    'GOOGLE_GENERATIVE_AI_API_KEY',
    'OPENCODE_API_KEY',
    'GROQ_API_KEY',
    'XAI_API_KEY',
    'DEEPSEEK_API_KEY',
  ],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI'],
  custom: [],
};

/**
 * Checked before any sandbox is created, so a run that cannot work costs nothing: `custom` needs its
 * command, presets need one of their credentials in `agent-env` (the runner's own env never counts).
 */
export function checkAgentReady(settings: Settings): void {
  const credentials = AGENT_CREDENTIALS[settings.agent];
  if (settings.agent === 'custom' && !settings.agentCommand) {
    throw new ActionError('invalid-input', 'agent-command is required when agent is custom.');
  }
  if (credentials.length > 0 && !credentials.some((name) => settings.agentEnv[name])) {
    const [first, ...others] = credentials;
    const alternatives = others.length > 0 ? ` (or one of ${others.join(', ')})` : '';
    throw new ActionError(
      'agent-env-missing',
      `The ${settings.agent} agent needs ${first}${alternatives} in agent-env; none is set.`,
      `Add a line such as ${first}=\${{ secrets.${first} }} to agent-env.`,
    );
  }
  if (settings.agentVersion && !/^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(settings.agentVersion)) {
    throw new ActionError(
      'invalid-input',
      `Invalid agent-version '${settings.agentVersion}'. Expected an npm version or tag such as 1.2.3 or latest.`,
    );
  }
}
