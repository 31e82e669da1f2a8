import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry } from '../../src/shared/secrets.js';

const KEY = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz';

describe('SecretRegistry', () => {
  it('masks each line of a multi-line secret and the whole value', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    secrets.add('key', '-----BEGIN KEY-----\nline-one-abcdef\nline-two-ghijkl\n');
    expect(masked).toContain('line-one-abcdef');
    expect(masked).toContain('line-two-ghijkl');
    expect(secrets.redact('x line-two-ghijkl y')).toBe(`x ${REDACTED} y`);
  });

  it('redacts raw, URL-encoded, JSON-escaped and base64 forms at any offset', () => {
    const secrets = new SecretRegistry();
    const value = 'p@ss/word"with\\odd+chars';
    secrets.add('pw', value);
    expect(secrets.redact(`raw ${value}`)).not.toContain(value);
    expect(secrets.redact(`url ${encodeURIComponent(value)}`)).not.toContain(encodeURIComponent(value));
    expect(secrets.redact(JSON.stringify({ v: value }))).not.toContain(JSON.stringify(value).slice(1, -1));
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}${value}suffix`).toString('base64');
      const hits = secrets.scan(encoded);
      expect(hits.map((h) => h.kind)).toContain('pw (base64)');
    }
  });

  it('redacts token patterns it never held', () => {
    const secrets = new SecretRegistry();
    const text = `a ghp_${'a'.repeat(36)} b github_pat_${'B'.repeat(30)} c ${KEY} d AKIAABCDEFGHIJKLMNOP e`;
    const redacted = secrets.redact(text);
    expect(redacted).not.toMatch(/ghp_|github_pat_|sk-ant-|AKIA/);
    expect(secrets.scan(text).map((h) => h.kind)).toEqual(
      expect.arrayContaining(['github-token', 'github-pat', 'anthropic-key', 'aws-access-key']),
    );
  });

  it('never reports the value itself', () => {
    const secrets = new SecretRegistry();
    secrets.add('model key', KEY);
    const hits = secrets.scan(`leak: ${KEY}`);
    expect(JSON.stringify(hits)).not.toContain(KEY);
  });

  it('property: redaction removes every registered value from any text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          fc.pre(secret.trim() === secret && !secret.includes('\n') && !secret.includes('\r'));
          const secrets = new SecretRegistry();
          secrets.add('s', secret);
          expect(secrets.redact(`${before}${secret}${after}`)).not.toContain(secret);
        },
      ),
    );
  });
});
