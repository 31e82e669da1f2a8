import { AGENT_CREDENTIALS } from '../ready.js';
import {
  type AgentUsage,
  add,
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

/** Every permission opencode can ask for, allowed: nobody is there to answer in a headless run. */
const ALLOW_ALL = JSON.stringify({
  edit: 'allow',
  bash: 'allow',
  webfetch: 'allow',
  external_directory: 'allow',
  doom_loop: 'allow',
});

/**
 * opencode, headless: `opencode run --format json` with the prompt on stdin. `OPENCODE_PERMISSION`
 * allows every tool; `OPENCODE_DISABLE_PROJECT_CONFIG` keeps the repository's `opencode.json`,
 * `.opencode/` (plugins, agents, commands) and local rule files out of the run. `model` is
 * `provider/model`; the credential is the chosen provider's usual key.
 */
export const opencode: AgentPreset = {
  name: 'opencode',
  install: { package: 'opencode-ai', bin: 'opencode', defaultVersion: '1.18.33', minNodeMajor: 18 },
  credentials: AGENT_CREDENTIALS['opencode'],
  env: {
    OPENCODE_PERMISSION: ALLOW_ALL,
    OPENCODE_DISABLE_PROJECT_CONFIG: 'true',
    OPENCODE_DISABLE_AUTOUPDATE: 'true',
  },
  command: () => ['opencode run --format json', modelFlag('--model'), '< "$AGENT_PROMPT_FILE"'].join(' '),
  transcript: () => new OpencodeReader(),
};

class OpencodeReader implements TranscriptReader {
  private lastText: string | undefined;
  private totals: AgentUsage = {};

  event(event: JsonObject): string[] {
    const part = obj(event['part']);
    switch (event['type']) {
      case 'text': {
        const text = str(part['text']) ?? '';
        if (text.trim()) this.lastText = text;
        return textLines(text);
      }
      case 'tool_use': {
        const state = obj(part['state']);
        const failed = state['status'] === 'error' ? ' (failed)' : '';
        return [toolLine(str(part['tool']) ?? 'tool', `${toolDetail(state['input'])}${failed}`)];
      }
      case 'step_finish': {
        const tokens = obj(part['tokens']);
        const cache = obj(tokens['cache']);
        this.totals = {
          inputTokens: add(this.totals.inputTokens, num(tokens['input'])),
          outputTokens: add(add(this.totals.outputTokens, num(tokens['output'])), num(tokens['reasoning'])),
          cachedTokens: add(this.totals.cachedTokens, num(cache['read'])),
          costUsd: add(this.totals.costUsd, num(part['cost'])),
        };
        return [];
      }
      case 'error': {
        const error = obj(event['error']);
        const message = str(obj(error['data'])['message']) ?? str(error['message']) ?? str(event['message']);
        return [`error: ${message ?? str(error['name']) ?? 'unknown error'}`];
      }
      default:
        return [];
    }
  }

  flush(): string[] {
    return [];
  }

  finalMessage(): string | undefined {
    return this.lastText;
  }

  usage(): AgentUsage | undefined {
    return hasUsage(this.totals) ? this.totals : undefined;
  }
}
