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
  toolDetail,
  toolLine,
} from '../transcript.js';
import { type AgentPreset, modelFlag } from './index.js';

/**
 * Claude Code, headless: `-p` with the prompt on stdin, `stream-json` events (needs `--verbose`), all
 * permissions open (the sandbox is the isolation; `IS_SANDBOX=1` lets that work as root). Settings come
 * from the user level only (`--setting-sources user`), so hooks, `apiKeyHelper` and `env` in the
 * repository's `.claude/settings*.json` never run, and `--strict-mcp-config` ignores its `.mcp.json`.
 */
export const claudeCode: AgentPreset = {
  name: 'claude-code',
  install: {
    package: '@anthropic-ai/claude-code',
    bin: 'claude',
    defaultVersion: '2.1.330',
    minNodeMajor: 22,
  },
  credentials: AGENT_CREDENTIALS['claude-code'],
  env: {
    IS_SANDBOX: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  },
  command: () =>
    [
      'claude -p --output-format stream-json --verbose --dangerously-skip-permissions',
      '--setting-sources user --strict-mcp-config',
      modelFlag('--model'),
      '< "$AGENT_PROMPT_FILE"',
    ].join(' '),
  transcript: () => new ClaudeReader(),
};

class ClaudeReader implements TranscriptReader {
  private lastText: string | undefined;
  private result: string | undefined;
  private totals: AgentUsage = {};

  event(event: JsonObject): string[] {
    switch (event['type']) {
      case 'system':
        return event['subtype'] === 'init'
          ? [`Claude Code session started (model ${str(event['model']) ?? '?'})`]
          : [];
      case 'assistant':
        return this.assistant(obj(event['message']));
      case 'user':
        return toolErrors(obj(event['message']));
      case 'result':
        return this.finish(event);
      default:
        return [];
    }
  }

  flush(): string[] {
    return [];
  }

  finalMessage(): string | undefined {
    return this.result ?? this.lastText;
  }

  usage(): AgentUsage | undefined {
    return hasUsage(this.totals) ? this.totals : undefined;
  }

  private assistant(message: JsonObject): string[] {
    const lines: string[] = [];
    for (const block of list(message['content']).map(obj)) {
      if (block['type'] === 'text' && str(block['text'])) {
        this.lastText = str(block['text']);
        lines.push(...textLines(this.lastText ?? ''));
      } else if (block['type'] === 'tool_use') {
        lines.push(toolLine(str(block['name']) ?? 'tool', toolDetail(block['input'])));
      }
    }
    return lines;
  }

  private finish(event: JsonObject): string[] {
    this.result = str(event['result']) || undefined;
    const usage = obj(event['usage']);
    this.totals = {
      inputTokens: add(num(usage['input_tokens']), num(usage['cache_creation_input_tokens'])),
      outputTokens: num(usage['output_tokens']),
      cachedTokens: num(usage['cache_read_input_tokens']),
      costUsd: num(event['total_cost_usd']) ?? num(event['cost_usd']),
    };
    const turns = num(event['num_turns']);
    const subtype = str(event['subtype']) ?? 'done';
    return [`Claude Code finished: ${subtype}${turns === undefined ? '' : `, ${turns} turn(s)`}`];
  }
}

function toolErrors(message: JsonObject): string[] {
  return list(message['content'])
    .map(obj)
    .filter((block) => block['type'] === 'tool_result' && block['is_error'] === true)
    .map((block) => {
      const content = block['content'];
      const text = typeof content === 'string' ? content : str(obj(list(content)[0])['text']);
      return toolLine('tool error', text ?? '');
    });
}
