import { randomBytes } from 'node:crypto';

/**
 * One logger for the whole pipeline. The action writes through @actions/core (see action-host.ts);
 * the CLI and tests write plain lines. Agent output goes only through `agentStream`, which redacts it
 * and, on a runner, fences it so it cannot issue workflow commands.
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

/** Splits chunks into lines, redacts and prefixes each, and hands complete lines to `emit`. */
export function lineStream(prefix: string, redact: Redactor, emit: (line: string) => void): LineSink {
  let pending = '';
  const flush = (line: string): void => emit(`${prefix}${redact(line)}`);
  return {
    write(chunk) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      let index = pending.indexOf('\n');
      while (index !== -1) {
        flush(pending.slice(0, index).replace(/\r$/, ''));
        pending = pending.slice(index + 1);
        index = pending.indexOf('\n');
      }
      // Very long lines without a newline are emitted in pieces so memory stays bounded.
      if (pending.length > 16_384) {
        flush(pending);
        pending = '';
      }
    },
    end() {
      if (pending) flush(pending);
      pending = '';
    },
  };
}

/** A random token for `::stop-commands::`, fresh per stream so the agent cannot guess it. */
export function stopCommandsToken(): string {
  return `sandbox-agent-${randomBytes(16).toString('hex')}`;
}

/** Logger for the CLI and tests: plain lines to stderr (stdout stays free for machine output). */
export function consoleLogger(redact: Redactor, write: (line: string) => void = defaultWrite): Logger {
  return {
    info: (m) => write(redact(m)),
    warning: (m) => write(`warning: ${redact(m)}`),
    error: (m) => write(`error: ${redact(m)}`),
    debug: (m) => {
      if (process.env['SANDBOX_AGENT_DEBUG']) write(`debug: ${redact(m)}`);
    },
    async group(name, fn) {
      write(`── ${name}`);
      return fn();
    },
    agentStream: (label) => pairedStream(label, redact, write),
  };
}

/** stdout and stderr line buffers for one command, with an optional fence around both. */
export function pairedStream(
  label: string,
  redact: Redactor,
  emit: (line: string) => void,
  fence?: { open(): void; close(): void },
): AgentStream {
  fence?.open();
  const out = lineStream(`[${label}] `, redact, emit);
  const err = lineStream(`[${label}:err] `, redact, emit);
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
