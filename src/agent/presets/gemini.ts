import { AGENT_CREDENTIALS } from '../ready.js';
import {
  type AgentUsage,
  hasUsage,
  type JsonObject,
  num,
  obj,
  str,
  type TranscriptReader,
  textLines,
  toolDetail,
  toolLine,
} from '../transcript.js';
import { type AgentPreset, modelFlag } from './index.js';

/**
 * Moves the repository's `.gemini/` (settings with hooks, MCP servers, tool-discovery commands) out of
 * the work tree for the run, marking its files skip-worktree so a `git add -A` by the agent does not
 * record them as deleted; `RESTORE` puts it back before capture.
 */
const HIDE_PROJECT_CONFIG = `set -eu
rm -rf -- "$AGENT_HIDDEN_DIR"
mkdir -p -- "$AGENT_HIDDEN_DIR"
if [ -e .gemini ] || [ -L .gemini ]; then
  git ls-files -z -- .gemini | xargs -0 -r git update-index --skip-worktree --
  mv -- .gemini "$AGENT_HIDDEN_DIR/.gemini"
  echo "The repository's .gemini/ is not trusted: hidden from Gemini CLI for this run."
fi`;

const RESTORE_PROJECT_CONFIG = `set -eu
if [ -e "$AGENT_HIDDEN_DIR/.gemini" ] || [ -L "$AGENT_HIDDEN_DIR/.gemini" ]; then
  rm -rf -- .gemini
  mv -- "$AGENT_HIDDEN_DIR/.gemini" .gemini
  git ls-files -z -- .gemini | xargs -0 -r git update-index --no-skip-worktree --
fi`;

/**
 * Gemini CLI, headless: the prompt on stdin (not a TTY, so no UI), `stream-json` events, approval mode
 * `yolo`. Gemini refuses to run headless in a folder it does not trust, and trusting the folder would
 * load the repository's `.gemini/settings.json`; so the preset hides `.gemini/` during the run and only
 * then passes `--skip-trust`. `GEMINI_CLI_TRUST_WORKSPACE` is never set by the action.
 */
export const gemini: AgentPreset = {
  name: 'gemini',
  install: { package: '@google/gemini-cli', bin: 'gemini', defaultVersion: '0.61.0', minNodeMajor: 20 },
  credentials: AGENT_CREDENTIALS['gemini'],
  env: {},
  beforeRun: HIDE_PROJECT_CONFIG,
  afterRun: RESTORE_PROJECT_CONFIG,
  command: () =>
    [
      'gemini --output-format stream-json --approval-mode yolo --skip-trust',
      modelFlag('--model'),
      '< "$AGENT_PROMPT_FILE"',
    ].join(' '),
  transcript: () => new GeminiReader(),
};

class GeminiReader implements TranscriptReader {
  /** Assistant text arrives in deltas; it is shown once a turn's text is complete. */
  private buffer = '';
  private lastText: string | undefined;
  private totals: AgentUsage = {};

  event(event: JsonObject): string[] {
    if (event['type'] === 'message') {
      if (event['role'] !== 'assistant') return [];
      const content = str(event['content']) ?? '';
      this.buffer = event['delta'] === true ? this.buffer + content : content;
      return [];
    }
    const lines = this.flush();
    switch (event['type']) {
      case 'init':
        lines.push(`Gemini CLI session started (model ${str(event['model']) ?? '?'})`);
        break;
      case 'tool_use':
        lines.push(toolLine(str(event['tool_name']) ?? 'tool', toolDetail(event['parameters'])));
        break;
      case 'tool_result':
        if (event['status'] === 'error') {
          lines.push(toolLine('tool error', str(obj(event['error'])['message']) ?? str(event['output'])));
        }
        break;
      case 'error':
        lines.push(`error: ${str(event['message']) ?? 'unknown error'}`);
        break;
      case 'result': {
        const stats = obj(event['stats']);
        this.totals = {
          inputTokens: num(stats['input_tokens']) ?? num(stats['inputTokens']),
          outputTokens: num(stats['output_tokens']) ?? num(stats['outputTokens']),
          cachedTokens: num(stats['cached']) ?? num(stats['cached_tokens']),
        };
        lines.push(`Gemini CLI finished: ${str(event['status']) ?? 'done'}`);
        break;
      }
    }
    return lines;
  }

  flush(): string[] {
    const text = this.buffer;
    this.buffer = '';
    if (!text.trim()) return [];
    this.lastText = text;
    return textLines(text);
  }

  finalMessage(): string | undefined {
    return this.buffer.trim() ? this.buffer : this.lastText;
  }

  usage(): AgentUsage | undefined {
    return hasUsage(this.totals) ? this.totals : undefined;
  }
}
