import { randomBytes } from 'node:crypto';

/**
 * One logger for the whole pipeline. The action writes through @actions/core (see action-host.ts);
 * the CLI and tests write plain lines. Every line goes through `inertLines`, so no text we print (agent
 * paths, stderr tails, remote messages) can issue a workflow command. Agent output goes only through
 * `agentStream`, which redacts it and, on a runner, also fences it with `::stop-commands::`.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Opens a fenced section for untrusted output (stdout and stderr of one sandbox command). Chunks may
   * split lines anywhere; each complete line is redacted and prefixed.
   */
  agentStream(label: string): AgentStream;
}

export interface AgentStream {
  stdout(chunk: Buffer | string): void;
  stderr(chunk: Buffer | string): void;
  end(): void;
}

export interface LineSink {
  write(chunk: Buffer | string): void;
  end(): void;
}

export type Redactor = (text: string) => string;

/**
 * A redactor that can also say where it would replace text (a SecretRegistry is one). The line cutter
 * uses it to never cut an over-long line inside a secret.
 */
export interface SpanRedactor {
  redact(text: string): string;
  /** `[start, end)` of every part of `text` that `redact` replaces. */
  spans(text: string): Array<[number, number]>;
  /** Length of the longest registered value form (a cut keeps at least this much in hand). */
  longestForm(): number;
}

/** Line breaks as the runner reads them (.NET ReadLine): `\r\n`, `\n` and a bare `\r`. */
const LINE_BREAK = /\r\n|\r|\n/;
/** .NET's TrimStart also drops U+0085, which JavaScript's `\s` does not know. */
const V2_COMMAND_START = /^([\s\u0085]*:)(?=:)/;
const WORD_JOINER = '\u2060';

/**
 * Splits text into the lines the runner will see and makes each inert: a leading `::` (after
 * whitespace; the runner's V2 form) and every `##[` (the legacy form, honoured anywhere in a line)
 * get an invisible U+2060 WORD JOINER inside, so the runner never parses them as workflow commands.
 * `prefix` (a label such as `[agent] `) goes in front of every line before it is checked.
 */
export function inertLines(text: string, prefix = ''): string[] {
  return text.split(LINE_BREAK).map((line) => inertLine(`${prefix}${line}`));
}

function inertLine(line: string): string {
  return line.replace(V2_COMMAND_START, `$1${WORD_JOINER}`).replaceAll('##[', `##${WORD_JOINER}[`);
}

/**
 * JSON for stdout on a runner (the CLI's results): `##[` can only occur inside a string there, where
 * `##\u005b` decodes to the same value, so parsers get the exact data and the runner sees no command.
 * JSON.stringify escapes line breaks, and no line of its output starts with `::`.
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replaceAll('##[', '##\\u005b');
}

/** Pieces an over-long line is emitted in, so memory stays bounded. */
export const LINE_PIECE = 16_384;
/**
 * Characters held back past a cut so redaction sees a secret whole. Registered values are held back
 * whole, whatever their length; token-pattern matches (unbounded in principle) up to this length.
 */
export const TOKEN_HOLD_BACK = 4_096;

/**
 * Splits chunks into lines (`\n`, `\r\n` or a bare `\r`), redacts, neutralizes and prefixes each, and
 * hands complete lines to `emit`. A line longer than LINE_PIECE is emitted in pieces, each cut where no
 * secret crosses it (with a SpanRedactor), so a key straddling the cut is still masked.
 */
export function lineStream(
  prefix: string,
  redactor: Redactor | SpanRedactor,
  emit: (line: string) => void,
): LineSink {
  const redact = typeof redactor === 'function' ? redactor : (t: string) => redactor.redact(t);
  const spans = typeof redactor === 'function' ? () => [] : (t: string) => redactor.spans(t);
  const holdBack = (): number =>
    typeof redactor === 'function' ? 0 : Math.max(TOKEN_HOLD_BACK, redactor.longestForm() + 1);
  let pending = '';
  // Where to resume looking for a line break: pending before it holds none.
  let scanned = 0;
  const flush = (text: string): void => {
    for (const line of inertLines(redact(text), prefix)) emit(line);
  };
  // Emits pieces off the front of an over-long line while more than `keep` characters would remain.
  const cutPieces = (text: string, keep: number, lookahead: number): string => {
    let rest = text;
    while (rest.length > LINE_PIECE + keep) {
      const window = rest.slice(0, LINE_PIECE + lookahead);
      // With keep = 0 the text is a whole line: a window reaching its end knows where spans end.
      const endKnown = keep === 0 && window.length === rest.length;
      const cut = safeCut(window, LINE_PIECE, spans(window), endKnown);
      flush(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return rest;
  };
  const drain = (final: boolean): void => {
    const lookahead = holdBack();
    for (;;) {
      const match = LINE_BREAK.exec(pending.slice(scanned));
      if (!match) break;
      const at = scanned + match.index;
      // A `\r` at the very end may be the first half of `\r\n`: wait for the next chunk.
      if (!final && match[0] === '\r' && at === pending.length - 1) break;
      const line = pending.slice(0, at);
      flush(cutPieces(line, 0, lookahead));
      pending = pending.slice(at + match[0].length);
      scanned = 0;
    }
    // Keep at least the last character: a trailing `\r` must not be emitted before its `\n` arrives.
    pending = cutPieces(pending, final ? 0 : Math.max(1, lookahead), lookahead);
    scanned = Math.max(0, pending.length - 1);
  };
  return {
    write(chunk) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      drain(false);
    },
    end() {
      drain(true);
      if (pending) flush(pending);
      pending = '';
      scanned = 0;
    },
  };
}

/**
 * Moves a cut at `target` out of any span crossing it: left to the span's start, or, when a span
 * starts at 0 (longer than the piece), right to its end if that end is known (inside the window).
 * A token match longer than the window is cut at `target`: the bound TOKEN_HOLD_BACK documents.
 */
function safeCut(window: string, target: number, spans: Array<[number, number]>, endKnown: boolean): number {
  const crossing = (cut: number) => spans.filter(([start, end]) => start < cut && cut < end);
  let cut = target;
  for (let hits = crossing(cut); hits.length > 0 && cut > 0; hits = crossing(cut))
    cut = Math.min(...hits.map(([start]) => start));
  if (cut > 0) return cut;
  cut = target;
  for (let hits = crossing(cut); hits.length > 0 && cut < window.length; hits = crossing(cut))
    cut = Math.max(...hits.map(([, end]) => end));
  return cut < window.length || endKnown ? cut : target;
}

/** A random token for `::stop-commands::`, fresh per stream so the agent cannot guess it. */
export function stopCommandsToken(): string {
  return `sandbox-agent-${randomBytes(16).toString('hex')}`;
}

/** Logger for the CLI and tests: plain, inert lines to stderr (stdout stays free for machine output). */
export function consoleLogger(
  redactor: Redactor | SpanRedactor,
  write: (line: string) => void = defaultWrite,
): Logger {
  const redact = typeof redactor === 'function' ? redactor : (t: string) => redactor.redact(t);
  const lines = (label: string, m: string): void => {
    for (const line of inertLines(redact(m), label)) write(line);
  };
  return {
    info: (m) => lines('', m),
    warning: (m) => lines('warning: ', m),
    error: (m) => lines('error: ', m),
    debug: (m) => {
      if (process.env['SANDBOX_AGENT_DEBUG']) lines('debug: ', m);
    },
    async group(name, fn) {
      lines('── ', name.replace(/[\r\n]+/g, ' '));
      return fn();
    },
    agentStream: (label) => pairedStream(label, redactor, write),
  };
}

/** stdout and stderr line buffers for one command, with an optional fence around both. */
export function pairedStream(
  label: string,
  redactor: Redactor | SpanRedactor,
  emit: (line: string) => void,
  fence?: { open(): void; close(): void },
): AgentStream {
  fence?.open();
  const out = lineStream(`[${label}] `, redactor, emit);
  const err = lineStream(`[${label}:err] `, redactor, emit);
  let ended = false;
  return {
    stdout: (chunk) => out.write(chunk),
    stderr: (chunk) => err.write(chunk),
    end() {
      if (ended) return;
      ended = true;
      out.end();
      err.end();
      fence?.close();
    },
  };
}

function defaultWrite(line: string): void {
  process.stderr.write(`${line}\n`);
}
