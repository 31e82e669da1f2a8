import type { AgentName, Settings } from '../../settings/index.js';
import { checkAgentReady } from '../ready.js';
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

/** checkAgentReady (../ready.ts), returning the agent's preset. */
export function assertAgentReady(settings: Settings): AgentPreset {
  checkAgentReady(settings);
  return getPreset(settings.agent);
}

/** `--model "$AGENT_MODEL"` when a model is set; the value stays in the environment. */
export function modelFlag(flag: string): string {
  return `\${AGENT_MODEL:+${flag} "$AGENT_MODEL"}`;
}
