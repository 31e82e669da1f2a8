import { createReadStream } from 'node:fs';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { ActionError } from '../shared/errors.js';

/**
 * What `git am` would inflate, read from the mbox before it runs. Text hunks carry their bytes literally
 * (bounded by the mbox size); binary hunks (`GIT binary patch`) are deflated, so a 2 MB mbox can declare
 * a 1.5 GB file, and git allocates each declared size up front (apply.c `inflate_it`, then
 * `patch_delta` for the delta's result). Those sizes are summed here, in one pass with bounded memory.
 */
export interface ExpansionScan {
  /** Bytes git would allocate for binary hunks: declared sizes plus each delta's result size. */
  binaryBytes: number;
  binaryHunks: number;
}

/** A line longer than this is kept only up to here: headers and hunk headers are short. */
const LINE_KEEP = 1024;
/** Compressed bytes of a delta hunk read to find its result size (a dynamic Huffman header fits). */
const DELTA_HEAD_BYTES = 1024;
/** `Content-Transfer-Encoding` values git mailinfo leaves as they are. */
const IDENTITY_ENCODINGS = new Set(['', '7bit', '8bit', 'binary']);

/** Reads the mbox once and refuses it (`patch-too-large`) when its binary hunks would expand past `budget`. */
export async function assertExpansionWithin(
  mboxPath: string,
  budget: number,
  what: string,
): Promise<ExpansionScan> {
  const scan = await scanMbox(mboxPath, budget);
  if (scan.binaryBytes > budget) {
    throw new ActionError(
      'patch-too-large',
      `The patch's binary hunks declare ${describeBytes(scan.binaryBytes)} once inflated, over the expansion budget of ${budget} bytes (${what}); it was not applied.`,
      'Ask for a smaller change; large binary files belong in Git LFS or a release asset, not in the patch.',
    );
  }
  return scan;
}

function describeBytes(n: number): string {
  return Number.isFinite(n) ? `${n} bytes` : 'more bytes than fit in 64 bits';
}

/** Scans the mbox; stops early (returning the sum so far) once the sum passes `stopAbove`. */
export async function scanMbox(
  mboxPath: string,
  stopAbove = Number.POSITIVE_INFINITY,
): Promise<ExpansionScan> {
  const scanner = new MboxScanner();
  const stream = createReadStream(mboxPath, { highWaterMark: 256 * 1024 });
  let line: Buffer[] = [];
  let lineBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, start);
        const end = newline === -1 ? chunk.length : newline;
        if (lineBytes < LINE_KEEP && end > start) {
          const piece = chunk.subarray(start, Math.min(end, start + LINE_KEEP - lineBytes));
          line.push(piece);
          lineBytes += piece.length;
        }
        if (newline === -1) break;
        scanner.line(Buffer.concat(line, lineBytes).toString('latin1'));
        line = [];
        lineBytes = 0;
        start = newline + 1;
      }
      if (scanner.binaryBytes > stopAbove) break;
    }
    if (lineBytes > 0) scanner.line(Buffer.concat(line, lineBytes).toString('latin1'));
    scanner.end();
  } finally {
    stream.destroy();
  }
  return { binaryBytes: scanner.binaryBytes, binaryHunks: scanner.binaryHunks };
}

type Section = 'headers' | 'body';
type Binary = 'none' | 'expect-hunk' | 'data';

/** A line-at-a-time reader of git's mbox and binary-patch grammar (mailsplit, mailinfo, apply.c). */
class MboxScanner {
  binaryBytes = 0;
  binaryHunks = 0;
  private section: Section = 'headers';
  private headers: string[] = [];
  private binary: Binary = 'none';
  private delta: Buffer[] | undefined;
  private deltaBytes = 0;

  line(raw: string): void {
    // git matches some lines with their CR (--keep-cr); matching without it is the cautious reading.
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('From ')) {
      // mboxrd quotes body lines that start with "From ", so this always starts a new message.
      this.endHunk();
      this.binary = 'none';
      this.section = 'headers';
      this.headers = [];
      return;
    }
    if (this.section === 'headers') {
      if (line === '') {
        this.checkHeaders();
        this.section = 'body';
      } else if (/^[ \t]/.test(line) && this.headers.length > 0) {
        this.headers[this.headers.length - 1] += ` ${line.trim()}`;
      } else {
        this.headers.push(line);
      }
      return;
    }
    this.bodyLine(line);
  }

  end(): void {
    if (this.section === 'headers') this.checkHeaders();
    this.endHunk();
  }

  private bodyLine(line: string): void {
    if (this.binary === 'data') {
      if (line === '') {
        this.endHunk();
        this.binary = 'expect-hunk';
      } else if (this.delta && this.deltaBytes < DELTA_HEAD_BYTES) {
        const bytes = decodeBase85Line(line);
        if (bytes) {
          this.delta.push(bytes);
          this.deltaBytes += bytes.length;
        }
      }
      return;
    }
    if (this.binary === 'expect-hunk') {
      const literal = line.startsWith('literal ');
      if (literal || line.startsWith('delta ')) {
        this.binaryHunks++;
        this.binaryBytes += strtoul(line.slice(literal ? 8 : 6));
        this.delta = literal ? undefined : [];
        this.deltaBytes = 0;
        this.binary = 'data';
        return;
      }
      this.binary = 'none';
    }
    if (line === 'GIT binary patch') this.binary = 'expect-hunk';
  }

  /** A delta also allocates its result, whose size is the second varint of the inflated delta. */
  private endHunk(): void {
    if (this.delta) {
      this.binaryBytes += deltaResultSize(Buffer.concat(this.delta));
      this.delta = undefined;
    }
  }

  /** The capture's format-patch output is plain text: anything git mailinfo would decode first is refused. */
  private checkHeaders(): void {
    for (const header of this.headers) {
      const colon = header.indexOf(':');
      if (colon === -1) continue;
      const name = header.slice(0, colon).trim().toLowerCase();
      const value = header
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      const encoded = name === 'content-transfer-encoding' && !IDENTITY_ENCODINGS.has(value);
      const reshaped =
        name === 'content-type' && (value.includes('multipart/') || /format\s*=\s*"?flowed/.test(value));
      if (encoded || reshaped) {
        throw new ActionError(
          'apply-failed',
          `The mbox has a message with "${header.slice(0, 120)}", which the capture never produces: git would decode it before reading its hunks, so it was not applied.`,
          'The mbox was tampered with; nothing was delivered from it.',
        );
      }
    }
  }
}

/** C `strtoul(s, NULL, 10)` as apply.c reads a hunk size; a negative or overflowing one is unbounded. */
export function strtoul(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text);
  const digits = (match?.[2] ?? '').replace(/^0+/, '');
  if (digits === '') return 0;
  if (match?.[1] === '-' || digits.length > 15) return Number.POSITIVE_INFINITY;
  return Number(digits);
}

const BASE85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const BASE85_VALUE = new Map([...BASE85].map((c, i) => [c, i]));

/** One data line of a binary hunk: a length letter (A-Z 1-26, a-z 27-52), then base85 (git base85.c). */
export function decodeBase85Line(line: string): Buffer | undefined {
  const first = line.charCodeAt(0);
  const length = first >= 65 && first <= 90 ? first - 64 : first >= 97 && first <= 122 ? first - 96 + 26 : 0;
  if (length === 0) return undefined;
  const out = Buffer.alloc(Math.ceil(length / 4) * 4);
  for (let group = 0; group * 4 < length; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const digit = BASE85_VALUE.get(line[1 + group * 5 + i] ?? '');
      if (digit === undefined) return undefined;
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) return undefined;
    out.writeUInt32BE(value, group * 4);
  }
  return out.subarray(0, length);
}

/**
 * The result size a git delta declares (its second varint, delta.h `get_delta_hdr_size`), read from the
 * start of the deflated hunk. A delta whose start cannot be read counts as unbounded: git would fail on
 * it anyway, and we cannot tell what it would allocate first.
 */
export function deltaResultSize(deflated: Buffer): number {
  let inflated: Buffer;
  try {
    inflated = inflateSync(deflated, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  let offset = 0;
  const varint = (): number | undefined => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = inflated[offset++];
      if (byte === undefined) return undefined;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return value;
      if (scale > 2 ** 70) return Number.POSITIVE_INFINITY;
    }
  };
  if (varint() === undefined) return Number.POSITIVE_INFINITY;
  return varint() ?? Number.POSITIVE_INFINITY;
}
