import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase85Line, deltaResultSize, strtoul } from '../../src/deliver/expansion.js';
import { base85Lines, deflatedZeros } from '../helpers/bombs.js';

describe('mbox expansion scan pieces', () => {
  it('reads hunk sizes as C strtoul does: spaces and + skipped, - and overflow unbounded', () => {
    expect(strtoul('1234')).toBe(1234);
    expect(strtoul('  +77\r')).toBe(77);
    expect(strtoul('0001')).toBe(1);
    expect(strtoul('x')).toBe(0);
    expect(strtoul('-1')).toBe(Number.POSITIVE_INFINITY);
    expect(strtoul('99999999999999999999999')).toBe(Number.POSITIVE_INFINITY);
  });

  it('decodes git base85 lines (round trip of the test encoder)', () => {
    const data = Buffer.from(Array.from({ length: 130 }, (_, i) => (i * 37) & 0xff));
    const decoded = Buffer.concat(base85Lines(data).map((line) => decodeBase85Line(line) as Buffer));
    expect(decoded.equals(data)).toBe(true);
    expect(decodeBase85Line('A"""""')).toBeUndefined();
  });

  it('the forged zero stream inflates to exactly the zeros it claims', async () => {
    const stream = await deflatedZeros(3 * 1024 * 1024);
    const inflated = inflateSync(stream);
    expect(inflated.length).toBe(3 * 1024 * 1024);
    expect(inflated.every((b) => b === 0)).toBe(true);
  });

  it('reads the result size of a delta from the start of its deflated stream', () => {
    // src size 10, dst size 2^30 (varints), then garbage: only the header matters.
    const header = Buffer.from([10, 0x80, 0x80, 0x80, 0x80, 0x04, 0x90, 1, 2, 3]);
    expect(deltaResultSize(deflateSync(header))).toBe(2 ** 30);
    expect(deltaResultSize(deflateSync(header).subarray(0, 8))).toBeGreaterThan(0);
    expect(deltaResultSize(Buffer.from('not zlib'))).toBe(Number.POSITIVE_INFINITY);
  });
});
