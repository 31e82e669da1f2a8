import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ActionError } from '../shared/errors.js';

/**
 * A download that went past its byte limit. Counted on the bytes received, never on what the sandbox
 * says about the file. The caller knows what the file was and rewords it (patch-too-large for the mbox).
 */
export class DownloadTooLargeError extends ActionError {
  constructor(
    readonly remotePath: string,
    readonly maxBytes: number,
  ) {
    super(
      'patch-too-large',
      `${remotePath} in the sandbox is over ${maxBytes} bytes; the download was stopped and nothing was kept.`,
    );
  }
}

/** Counts bytes through a pipeline and fails it as soon as more than `maxBytes` have passed. */
class ByteLimit extends Transform {
  received = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly remotePath: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.maxBytes) done(new DownloadTooLargeError(this.remotePath, this.maxBytes));
    else done(null, chunk);
  }
}

/**
 * Writes `source` to `localPath` through a temp file beside it, renamed only when complete, so a stopped
 * or failed transfer never leaves a partial file. With `maxBytes`, more bytes than that abort the
 * pipeline (destroying `source`, which ends the remote read) with `DownloadTooLargeError`.
 */
export async function writeDownload(
  source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  localPath: string,
  remotePath: string,
  maxBytes?: number,
  /** Runs once every byte is written, before the file appears (e.g. the remote reader's exit status). */
  beforeCommit?: () => Promise<void>,
): Promise<void> {
  await mkdir(dirname(localPath), { recursive: true });
  const partial = join(
    dirname(localPath),
    `.${basename(localPath)}.partial-${randomBytes(6).toString('hex')}`,
  );
  try {
    if (maxBytes === undefined) await pipeline(source, createWriteStream(partial));
    else await pipeline(source, new ByteLimit(maxBytes, remotePath), createWriteStream(partial));
    await beforeCommit?.();
    await rename(partial, localPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
