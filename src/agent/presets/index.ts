import type { AgentName, Settings } from '../../settings/index.js';
import { ActionError } from '../../shared/errors.js';
import type { TranscriptReader } from '../transcript.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { custom } from './custom.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';

/**
 * One agent CLI, described once: how to install it, how to run it headless, which `agent-env` variables
 * it needs, and how to read its streamed output. Commands are fixed shell text: data (prompt, model,
 * version) reaches them only through environment variables, never by interpolation.
 */
export interface AgentPreset {
  readonly name: AgentName;
  /** The npm package and the command it installs; absent for `custom`. */
  readonly install?: {
    package: string;
    bin: string;
    /** Pinned default; `agent-version` overrides it. */
    defaultVersion: string;
    /** Oldest Node major the CLI supports; an older image Node is replaced by our own. */
    minNodeMajor: number;
  };
  /**
   * `agent-env` must set at least one of these (an API key or an equivalent credential); checked before
   * any sandbox exists. Empty: nothing required.
   */
  readonly credentials: readonly string[];
  /** Non-secret env the CLI needs in the sandbox (telemetry/auto-update off, headless markers). */
  readonly env: Readonly<Record<string, string>>;
  /** The shell command that runs the agent in the work dir (see `AGENT_*` variables in agent/index.ts). */
  command(settings: Settings): string;
  /** Shell run before / after the agent (after: even on timeout), e.g. to hide untrusted project config. */
  readonly beforeRun?: string;
  readonly afterRun?: string;
  /** Reads the CLI's JSON stream; absent when the output is plain text. */
  transcript?(): TranscriptReader;
}

const PRESETS: Record<AgentName, AgentPreset> = {
  'claude-code': claudeCode,
  codex,
  opencode,
  gemini,
  custom,
};

export function getPreset(name: AgentName): AgentPreset {
  return PRESETS[name];
}

/** The version to install: `agent-version` when set, else the preset's pin. */
/** `agent-version: image`: run the preset's CLI found in the image, whatever its version. */
export const AGENT_VERSION_FROM_IMAGE = 'image';

export function presetVersion(preset: AgentPreset, settings: Settings): string {
  // `image` keeps a CLI the image already has; the pin is what gets installed when it has none.
  const requested = settings.agentVersion === AGENT_VERSION_FROM_IMAGE ? '' : settings.agentVersion;
  return requested || preset.install?.defaultVersion || '';
}

/**
 * Checked before any sandbox is created, so a run that cannot work costs nothing: `custom` needs its
 * command, presets need one of their credentials in `agent-env` (the runner's own env never counts).
 */
export function assertAgentReady(settings: Settings): AgentPreset {
  const preset = getPreset(settings.agent);
  if (settings.agent === 'custom' && !settings.agentCommand) {
    throw new ActionError('invalid-input', 'agent-command is required when agent is custom.');
  }
  if (preset.credentials.length > 0 && !preset.credentials.some((name) => settings.agentEnv[name])) {
    const [first, ...others] = preset.credentials;
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
  return preset;
}

/** `--model "$AGENT_MODEL"` when a model is set; the value stays in the environment. */
export function modelFlag(flag: string): string {
  return `\${AGENT_MODEL:+${flag} "$AGENT_MODEL"}`;
}
