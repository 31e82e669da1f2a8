import { describe, expect, it } from 'vitest';
import { assertAgentReady, getPreset } from '../../src/agent/presets/index.js';
import { TranscriptRecorder } from '../../src/agent/transcript.js';
import type { Settings } from '../../src/settings/index.js';

function record(
  agent: 'claude-code' | 'gemini',
  chunks: Array<string | Buffer>,
): { lines: string[]; final?: string } {
  const reader = getPreset(agent).transcript?.();
  if (!reader) throw new Error('no reader');
  const lines: string[] = [];
  const recorder = new TranscriptRecorder(reader, (l) => lines.push(l));
  for (const chunk of chunks) recorder.write(chunk);
  recorder.end();
  return { lines, final: reader.finalMessage() };
}

describe('TranscriptRecorder', () => {
  it('joins lines split across chunks, including inside a UTF-8 character', () => {
    const event = JSON.stringify({
      type: 'assistant',
      message: { content: [{ type: 'text', text: 'héllo 🚀' }] },
    });
    const bytes = Buffer.from(`${event}\n`);
    const cut = bytes.indexOf(Buffer.from('🚀')) + 2;
    const { lines } = record('claude-code', [bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(lines).toEqual(['héllo 🚀']);
  });

  it('shows non-JSON lines as they are and skips events of unexpected shape', () => {
    const { lines } = record('claude-code', [
      'Error: something on stdout\n',
      '{"type":"assistant","message":{"content":"not a list"}}\n',
      '[1,2]\n{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"a\\nb"}}]}}',
    ]);
    expect(lines).toEqual(['Error: something on stdout', '[1,2]', '→ Read: a b']);
  });

  it('flushes streamed text deltas at the end and keeps them as the final message', () => {
    const { lines, final } = record('gemini', [
      '{"type":"message","role":"assistant","content":"Done ","delta":true}\n',
      '{"type":"message","role":"assistant","content":"now.","delta":true}\n',
    ]);
    expect(lines).toEqual(['Done now.']);
    expect(final).toBe('Done now.');
  });

  it('keeps the raw stream byte for byte', () => {
    const reader = getPreset('claude-code').transcript?.();
    const recorder = new TranscriptRecorder(reader!, () => {});
    recorder.write('{"type":"x"}\npartial');
    recorder.end();
    expect(recorder.rawText()).toBe('{"type":"x"}\npartial');
  });
});

describe('assertAgentReady', () => {
  const base = { agentCommand: '', agentVersion: '', agentEnv: {} } as unknown as Settings;

  it('names the missing variable and its alternatives', () => {
    expect(() => assertAgentReady({ ...base, agent: 'claude-code' })).toThrow(
      /needs ANTHROPIC_API_KEY \(or one of CLAUDE_CODE_OAUTH_TOKEN, .*\) in agent-env/,
    );
  });

  it('accepts an alternative credential', () => {
    const settings = { ...base, agent: 'codex', agentEnv: { CODEX_API_KEY: 'x' } } as Settings;
    expect(assertAgentReady(settings).name).toBe('codex');
  });

  it('rejects an agent-version that is not a plain version or tag', () => {
    const settings = {
      ...base,
      agent: 'gemini',
      agentVersion: '1.0; rm -rf /',
      agentEnv: { GEMINI_API_KEY: 'k' },
    };
    expect(() => assertAgentReady(settings as Settings)).toThrow(/Invalid agent-version/);
  });

  it('needs nothing but the command for custom', () => {
    expect(assertAgentReady({ ...base, agent: 'custom', agentCommand: 'true' }).name).toBe('custom');
  });
});

describe('preset shell scripts', () => {
  it('parse with sh -n (the install script and every preset command and hook)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { INSTALL_SCRIPT } = await import('../../src/agent/install.js');
    const settings = { agentCommand: 'true' } as Settings;
    const scripts = [INSTALL_SCRIPT];
    for (const name of ['claude-code', 'codex', 'opencode', 'gemini', 'custom'] as const) {
      const preset = getPreset(name);
      scripts.push(preset.command(settings), preset.beforeRun ?? '', preset.afterRun ?? '');
    }
    for (const script of scripts) execFileSync('sh', ['-n', '-c', script]);
  });
});
