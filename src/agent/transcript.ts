/**
 * The agent CLIs stream JSON lines. The recorder keeps the raw stream (for the artifact), splits it into
 * lines as chunks arrive (a chunk may end mid-line), and hands each JSON object to the preset's reader,
 * which turns it into a few readable lines: assistant text, and one line per tool call. Lines that are
 * not JSON are shown as they are.
 */
export type JsonObject = Record<string, unknown>;

export interface AgentUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** Input tokens served from the provider's cache (already part of, or in addition to, input). */
  cachedTokens?: number;
  costUsd?: number;
}

export interface TranscriptReader {
  /** Readable lines for one event (may be none). */
  event(event: JsonObject): string[];
  /** Lines still buffered at the end of the stream (e.g. streamed text deltas). */
  flush(): string[];
  /** The agent's last message to the user, if it sent one. */
  finalMessage(): string | undefined;
  usage(): AgentUsage | undefined;
}

/** Raw transcripts larger than this are cut (the rest is still rendered into the log). */
const RAW_LIMIT = 32 * 1024 * 1024;
/** A line longer than this cannot be one JSON event we render; it is shown (cut) as text. */
const LINE_LIMIT = 4 * 1024 * 1024;

export class TranscriptRecorder {
  private readonly raw: string[] = [];
  private rawBytes = 0;
  private rawCut = false;
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly reader: TranscriptReader,
    private readonly emit: (line: string) => void,
  ) {}

  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    this.keepRaw(text);
    this.pending += text;
    let index = this.pending.indexOf('\n');
    while (index !== -1) {
      this.line(this.pending.slice(0, index));
      this.pending = this.pending.slice(index + 1);
      index = this.pending.indexOf('\n');
    }
    if (this.pending.length > LINE_LIMIT) {
      this.emit(this.pending.slice(0, 4096));
      this.pending = '';
    }
  }

  end(): void {
    const rest = this.decoder.decode();
    if (rest) this.write(rest);
    if (this.pending) this.line(this.pending);
    this.pending = '';
    for (const line of this.reader.flush()) this.emit(line);
  }

  /** The raw stream as received (JSON lines), with a marker if it was cut. */
  rawText(): string {
    return this.raw.join('') + (this.rawCut ? '\n{"type":"sandbox-agent.truncated"}\n' : '');
  }

  private line(raw: string): void {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    const event = parseObject(line);
    if (!event) {
      this.emit(line);
      return;
    }
    let lines: string[];
    try {
      lines = this.reader.event(event);
    } catch {
      // An event of an unexpected shape is skipped in the log; it stays in the raw transcript.
      lines = [];
    }
    for (const out of lines) this.emit(out);
  }

  private keepRaw(text: string): void {
    if (this.rawCut) return;
    const bytes = Buffer.byteLength(text);
    if (this.rawBytes + bytes > RAW_LIMIT) {
      this.rawCut = true;
      return;
    }
    this.rawBytes += bytes;
    this.raw.push(text);
  }
}

function parseObject(line: string): JsonObject | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// ---- helpers for the preset readers -------------------------------------------------------------

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Multi-line text as log lines (blank lines dropped). */
export function textLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
}

/** One log line for a tool call: `→ Name: detail`, newlines folded, cut at 200 characters. */
export function toolLine(name: string, detail?: string): string {
  const oneLine = (detail ?? '').replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
  return cut ? `→ ${name}: ${cut}` : `→ ${name}`;
}

/** The most telling argument of a tool call: a command, a path, a pattern, else compact JSON. */
export function toolDetail(input: unknown): string {
  const args = obj(input);
  for (const key of [
    'command',
    'cmd',
    'file_path',
    'filePath',
    'path',
    'absolute_path',
    'pattern',
    'url',
    'query',
    'description',
  ]) {
    const value = args[key];
    if (typeof value === 'string' && value) return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  }
  const json = JSON.stringify(args);
  return json === '{}' ? '' : json;
}

/** Adds token counts, keeping `undefined` when neither side has one. */
export function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

export function hasUsage(usage: AgentUsage): boolean {
  return Object.values(usage).some((v) => v !== undefined);
}
