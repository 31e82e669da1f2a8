import { createHash } from 'node:crypto';
import { createDeflate, constants as zlibConstants } from 'node:zlib';

/**
 * Hostile mboxes as a root agent can write them (issue 15 class 2), built without creating the big file:
 * a zero-file `literal` hunk (what `git -c core.compression=9 format-patch --binary` emits for a file of
 * zeros, ~1000:1) and a forged `delta` hunk that declares a huge size in a few hundred bytes.
 */

const MiB = 1024 * 1024;
const GIT_BASE85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** git's binary-hunk lines (base85.c): a length letter, then base85 of up to 52 bytes. */
export function base85Lines(data: Buffer): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < data.length; offset += 52) {
    const piece = data.subarray(offset, offset + 52);
    const length = piece.length;
    let line = length <= 26 ? String.fromCharCode(64 + length) : String.fromCharCode(96 + length - 26);
    const padded = Buffer.alloc(Math.ceil(length / 4) * 4);
    piece.copy(padded);
    for (let i = 0; i < padded.length; i += 4) {
      let value = padded.readUInt32BE(i);
      const digits: string[] = [];
      for (let d = 0; d < 5; d++) {
        digits.unshift(GIT_BASE85[value % 85] as string);
        value = Math.floor(value / 85);
      }
      line += digits.join('');
    }
    lines.push(line);
  }
  return lines;
}

/**
 * zlib stream of `bytes` zeros (a multiple of 1 MiB) at level 9, in milliseconds: after a full flush the
 * compressor starts afresh, so every further MiB of zeros compresses to the same bytes.
 */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  if (bytes % MiB !== 0 || bytes <= 0) throw new Error('bytes must be a positive multiple of 1 MiB');
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  deflate.write(Buffer.alloc(MiB));
  await new Promise<void>((resolve) => deflate.flush(zlibConstants.Z_FULL_FLUSH, () => resolve()));
  await new Promise((resolve) => setImmediate(resolve));
  deflate.destroy();
  const first = Buffer.concat(out);
  const header = first.subarray(0, 2);
  const segment = first.subarray(2);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((bytes % 65521) << 16) | 1) >>> 0);
  // An empty final fixed-Huffman block ends the stream, then the Adler-32 of the zeros.
  return Buffer.concat([
    header,
    ...Array<Buffer>(bytes / MiB).fill(segment),
    Buffer.from([0x03, 0x00]),
    adler,
  ]);
}

/** The blob id git computes for `bytes` zeros, so the forged hunk is one git would accept. */
export function zeroBlobId(bytes: number): string {
  const hash = createHash('sha1').update(`blob ${bytes}\0`);
  const zeros = Buffer.alloc(MiB);
  for (let left = bytes; left > 0; left -= MiB) hash.update(left >= MiB ? zeros : zeros.subarray(0, left));
  return hash.digest('hex');
}

function mbox(subject: string, path: string, hunks: string): string {
  return [
    'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001',
    'From: Agent <agent@example.com>',
    'Date: Thu, 1 Jan 2026 00:00:00 +0000',
    `Subject: [PATCH] ${subject}`,
    '',
    '---',
    '',
    `diff --git a/${path} b/${path}`,
    hunks,
    '--',
    '2.43.0',
    '',
    '',
  ].join('\n');
}

/** ~1.5 MB of mbox that `git am` would inflate into a file of `bytes` zeros. */
export async function zeroFileBombMbox(bytes: number, path = 'zero.bin'): Promise<string> {
  const deflated = await deflatedZeros(bytes);
  const hunks = [
    'new file mode 100644',
    `index 0000000000000000000000000000000000000000..${zeroBlobId(bytes)}`,
    'GIT binary patch',
    `literal ${bytes}`,
    ...base85Lines(deflated),
    '',
    'literal 0',
    'HcmV?d00001',
    '',
  ].join('\n');
  return mbox('zeros', path, hunks);
}

/**
 * A forged `delta` hunk of ~1.4 KB of mbox that declares `declared` bytes: git allocates that much before
 * it inflates a byte (apply.c `inflate_it`). The modified file is README.md of the test repository.
 */
export function forgedDeltaMbox(declared: number, path = 'README.md'): string {
  const junk = Buffer.alloc(900);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 131 + 7) & 0xff;
  const hunks = [
    'index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644',
    'GIT binary patch',
    `delta ${declared}`,
    ...base85Lines(junk),
    '',
    `delta ${declared}`,
    ...base85Lines(junk.subarray(0, 52)),
    '',
  ].join('\n');
  return mbox('delta', path, hunks);
}
