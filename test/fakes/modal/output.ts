import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** What `TaskExecStdioRead` serves from: bytes by offset, ending at EOF. */
export interface OutputSource {
  read(offset: number, signal: AbortSignal): AsyncGenerator<Buffer>;
  /** Everything produced so far, for assertions. */
  text(): string;
}

const MAX_MESSAGE = 1024 * 1024;

/**
 * The output of a real process. Kept whole (reads may resume from any offset), but with a bounded
 * *unread* window like a real pipe: when more than `limit` bytes are ahead of the furthest reader, the
 * child's pipe is paused, so a client that reads stdout to the end before touching stderr deadlocks here
 * just as it would against a real sandbox.
 */
export class PipeOutput implements OutputSource {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private readOffset = 0;
  private ended = false;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly pipe: Readable | null,
    private readonly limit: number,
  ) {
    if (!pipe) {
      this.ended = true;
      return;
    }
    pipe.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      if (this.length - this.readOffset > this.limit) pipe.pause();
      this.wake();
    });
    pipe.on('close', () => this.end());
    pipe.on('end', () => this.end());
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  async *read(offset: number, signal: AbortSignal): AsyncGenerator<Buffer> {
    let position = offset;
    for (;;) {
      if (signal.aborted) return;
      if (position < this.length) {
        const data = this.slice(position, Math.min(this.length, position + MAX_MESSAGE));
        position += data.length;
        this.noteRead(position);
        yield data;
        continue;
      }
      this.noteRead(position);
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.waiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  private noteRead(position: number): void {
    if (position > this.readOffset) this.readOffset = position;
    if (this.pipe?.isPaused() && this.length - this.readOffset <= this.limit) this.pipe.resume();
  }

  private slice(start: number, end: number): Buffer {
    const parts: Buffer[] = [];
    let base = 0;
    for (const chunk of this.chunks) {
      const chunkEnd = base + chunk.length;
      if (chunkEnd > start && base < end) {
        parts.push(chunk.subarray(Math.max(0, start - base), Math.min(chunk.length, end - base)));
      }
      if (chunkEnd >= end) break;
      base = chunkEnd;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Fixed output (fs-tools errors, empty streams). */
export class StaticOutput implements OutputSource {
  constructor(private readonly data: Buffer = Buffer.alloc(0)) {}
  async *read(offset: number): AsyncGenerator<Buffer> {
    if (offset < this.data.length) yield this.data.subarray(offset);
  }
  text(): string {
    return this.data.toString('utf8');
  }
}

/** A file streamed from disk at read time (fs-tools ReadFile): large downloads never sit in memory. */
export class FileOutput implements OutputSource {
  constructor(private readonly path: string) {}
  async *read(offset: number, signal: AbortSignal): AsyncGenerator<Buffer> {
    const stream = createReadStream(this.path, { start: offset, highWaterMark: 256 * 1024 });
    try {
      for await (const chunk of stream) {
        if (signal.aborted) return;
        yield chunk as Buffer;
      }
    } finally {
      stream.destroy();
    }
  }
  text(): string {
    return `<file ${this.path}>`;
  }
}
