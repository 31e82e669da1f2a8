import { AGENT_CREDENTIALS } from '../ready.js';
import {
  type AgentUsage,
  add,
  hasUsage,
  type JsonObject,
  list,
  num,
  obj,
  str,
  type TranscriptReader,
  textLines,
  toolLine,
} from '../transcript.js';
import { type AgentPreset, modelFlag } from './index.js';

/**
 * Codex, headless: `codex exec --json` with the prompt on stdin (`-`), approvals and Codex's own sandbox
 * off (our sandbox is the isolation). Codex reads `CODEX_API_KEY` in exec mode; an `OPENAI_API_KEY` is
 * handed over under that name. A repository's `.codex/config.toml` is only layered in for projects
 * marked trusted in `$CODEX_HOME/config.toml`, and the sandbox's fresh home trusts none.
 */
export const codex: AgentPreset = {
  name: 'codex',
  install: { package: '@openai/codex', bin: 'codex', defaultVersion: '0.169.0', minNodeMajor: 18 },
  credentials: AGENT_CREDENTIALS['codex'],
  env: {},
  command: () =>
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, evaluated in the sandbox
      'CODEX_API_KEY="${CODEX_API_KEY:-${OPENAI_API_KEY:-}}"',
      'codex exec --json --dangerously-bypass-approvals-and-sandbox --skip-git-repo-check',
      modelFlag('-m'),
      '- < "$AGENT_PROMPT_FILE"',
    ].join(' '),
  transcript: () => new CodexReader(),
};

class CodexReader implements TranscriptReader {
  private lastText: string | undefined;
  private totals: AgentUsage = {};

  event(event: JsonObject): string[] {
    switch (event['type']) {
      case 'thread.started':
        return ['Codex session started'];
      case 'item.completed':
        return this.item(obj(event['item']));
      case 'turn.completed': {
        const usage = obj(event['usage']);
        this.totals = {
          inputTokens: add(this.totals.inputTokens, num(usage['input_tokens'])),
          cachedTokens: add(this.totals.cachedTokens, num(usage['cached_input_tokens'])),
          outputTokens: add(this.totals.outputTokens, num(usage['output_tokens'])),
        };
        return [];
      }
      case 'turn.failed':
        return [`error: ${str(obj(event['error'])['message']) ?? 'the turn failed'}`];
      case 'error':
        return [`error: ${str(event['message']) ?? 'unknown error'}`];
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

  private item(item: JsonObject): string[] {
    const kind = str(item['type']) ?? str(item['item_type']);
    switch (kind) {
      case 'agent_message':
      case 'assistant_message': {
        const text = str(item['text']) ?? '';
        if (text) this.lastText = text;
        return textLines(text);
      }
      case 'command_execution': {
        const exit = num(item['exit_code']);
        return [toolLine('shell', `${str(item['command']) ?? ''}${exit ? ` (exit ${exit})` : ''}`)];
      }
      case 'file_change':
        return [
          toolLine(
            'edit',
            list(item['changes'])
              .map(obj)
              .map((c) => `${str(c['kind']) ?? 'update'} ${str(c['path']) ?? '?'}`)
              .join(', '),
          ),
        ];
      case 'mcp_tool_call':
        return [toolLine(`${str(item['server']) ?? 'mcp'}.${str(item['tool']) ?? 'tool'}`)];
      case 'web_search':
        return [toolLine('web search', str(item['query']))];
      case 'error':
        return [`error: ${str(item['message']) ?? 'unknown error'}`];
      default:
        return [];
    }
  }
}
