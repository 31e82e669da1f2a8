import { describe, expect, it } from 'vitest';
import {
  consoleLogger,
  inertJson,
  inertLines,
  LINE_PIECE,
  lineStream,
  pairedStream,
} from '../../src/shared/log.js';
import { SecretRegistry } from '../../src/shared/secrets.js';
import { parseRunnerLog } from '../helpers/runner-log.js';

describe('agent output streams', () => {
  it('reassembles lines split across chunks, prefixes and redacts each', () => {
    const lines: string[] = [];
    const stream = lineStream(
      '[agent] ',
      (t) => t.replaceAll('SECRET', '***'),
      (l) => lines.push(l),
    );
    stream.write('hel');
    stream.write(Buffer.from('lo SEC'));
    stream.write('RET\r\nsecond\nthi');
    stream.end();
    expect(lines).toEqual(['[agent] hello ***', '[agent] second', '[agent] thi']);
  });

  it('fences stdout and stderr together and closes once', () => {
    const events: string[] = [];
    const stream = pairedStream(
      'agent',
      (t) => t,
      (l) => events.push(l),
      {
        open: () => events.push('OPEN'),
        close: () => events.push('CLOSE'),
      },
    );
    stream.stdout('a\n');
    stream.stderr('b\n');
    stream.end();
    stream.end();
    expect(events).toEqual(['OPEN', '[agent] a', '[agent:err] b', 'CLOSE']);
  });
});

describe('inert log lines', () => {
  const processed = (lines: string[]) => parseRunnerLog(`${lines.join('\n')}\n`);

  it('breaks every command form the runner honours and keeps the text readable', () => {
    const attacks = [
      '.github/##[set-env name=X]Y',
      'a ##[error title=pwn]PWNED ##[add-path]/tmp',
      '::error::PWNED',
      ' \t\u0085::warning file=x::PWNED',
      '###[add-mask]x',
      'foo\r##[error]PWNED',
      '\r::notice::PWNED',
      'x\r\n::stop-commands::t\n::set-output name=a::b',
    ];
    for (const attack of attacks) {
      const lines = inertLines(attack);
      expect(processed(lines), attack).toEqual([]);
      // Only invisible word joiners were added.
      expect(lines.join('|').replaceAll('\u2060', '')).toBe(attack.split(/\r\n|\r|\n/).join('|'));
    }
    expect(inertLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('inertJson keeps the exact value for parsers and shows the runner no ##[', () => {
    const value = { message: 'path .github/##[set-env name=X]Y\r::error::x', n: 1 };
    for (const text of [inertJson(value), inertJson(value, 2)]) {
      expect(JSON.parse(text)).toEqual(value);
      expect(parseRunnerLog(text)).toEqual([]);
    }
  });

  it('consoleLogger writes every message, group name and agent line inert', async () => {
    const lines: string[] = [];
    const logger = consoleLogger(
      (t) => t,
      (l) => lines.push(l),
    );
    logger.info('Outcome: .github/##[set-env name=X]Y\r::error::PWNED');
    logger.warning('w ##[error]x');
    logger.error('::error::e');
    await logger.group('g ##[add-path]/x', async () => undefined);
    const stream = logger.agentStream('agent');
    stream.stdout('::error::a\r##[error]b\n');
    stream.end();
    expect(lines.length).toBe(7);
    expect(processed(lines)).toEqual([]);
  });
});

describe('agent streams split like the runner', () => {
  it('starts a prefixed line at a bare \\r, keeps \\r\\n one break even across chunks', () => {
    const lines: string[] = [];
    const stream = lineStream(
      '[agent] ',
      (t) => t,
      (l) => lines.push(l),
    );
    stream.write('progress 1\rprogress 2\r');
    stream.write('\nnext\r');
    stream.write('::warning::PWNED\nlast\r');
    stream.end();
    expect(lines).toEqual([
      '[agent] progress 1',
      '[agent] progress 2',
      '[agent] next',
      '[agent] ::warning::PWNED',
      '[agent] last',
    ]);
    expect(parseRunnerLog(`${lines.join('\n')}\n`)).toEqual([]);
  });
});

describe('secrets across the 16 KiB line cut (4a)', () => {
  const KEY = 'Zq8vN3xRkT1mW7pLc4Hy-registered-model-key-0123456789';
  const GHP = `ghp_${'A1b2C3d4E5'.repeat(4)}`;

  function streamed(text: string, chunk: number): string[] {
    const secrets = new SecretRegistry();
    secrets.add('model-key', KEY);
    const lines: string[] = [];
    const stream = lineStream('[agent] ', secrets, (l) => lines.push(l));
    for (let at = 0; at < text.length; at += chunk) stream.write(text.slice(at, at + chunk));
    stream.end();
    return lines;
  }

  it.each([
    ['a registered secret', KEY],
    ['a ghp_ token', GHP],
    ['the base64 form of a registered secret', Buffer.from(KEY).toString('base64')],
  ])('masks %s placed across the 16 384 boundary, whatever the chunking', (_, secret) => {
    for (const offset of [1, 7, secret.length - 1]) {
      const line = `${'x'.repeat(LINE_PIECE - offset)} ${secret} tail`.replace(' ', '-');
      for (const chunk of [1000, 4096, 16_384, 65_536, line.length]) {
        const lines = streamed(`${line}\n`, chunk);
        const joined = lines.map((l) => l.slice('[agent] '.length)).join('');
        expect(joined, `offset ${offset} chunk ${chunk}`).toContain('***');
        for (const l of lines) {
          expect(l.length).toBeLessThanOrEqual('[agent] '.length + LINE_PIECE);
          // No piece carries a recognisable part of the secret (its first or last 8 characters).
          expect(l).not.toContain(secret.slice(0, 8));
          expect(l).not.toContain(secret.slice(-8));
        }
      }
    }
  });

  it('masks every secret in a 5 MB line without a break and stays bounded', () => {
    const unit = `${'y'.repeat(9_000)} ${KEY} ${'z'.repeat(7_001)} ${GHP} `;
    const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const started = performance.now();
    const lines = streamed(text, 65_536);
    const ms = performance.now() - started;
    const joined = lines.map((l) => l.slice('[agent] '.length)).join('');
    expect(joined).not.toContain(KEY);
    expect(joined).not.toContain(GHP.slice(0, 12));
    expect(joined.split('***').length - 1).toBe((text.length / unit.length) * 2);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual('[agent] '.length + LINE_PIECE);
    expect(ms).toBeLessThan(5_000);
  });

  it('holds back a registered value longer than 4 KiB whole (a JSON credential, say)', () => {
    const long = `-----cred-${'k9'.repeat(3_000)}-----`;
    const secrets = new SecretRegistry();
    secrets.add('credential', long);
    const lines: string[] = [];
    const stream = lineStream('', secrets, (l) => lines.push(l));
    const text = `${'x'.repeat(LINE_PIECE - 2_000)}${long}${'y'.repeat(30_000)}`;
    for (let at = 0; at < text.length; at += 1_000) stream.write(text.slice(at, at + 1_000));
    stream.end();
    expect(lines.join('')).toBe(`${'x'.repeat(LINE_PIECE - 2_000)}***${'y'.repeat(30_000)}`);
    for (const line of lines) expect(line).not.toContain('k9k9k9k9');
  });

  it('without spans (a plain redactor) still cuts at 16 KiB', () => {
    const lines: string[] = [];
    const stream = lineStream(
      '',
      (t) => t,
      (l) => lines.push(l),
    );
    stream.write('a'.repeat(40_000));
    stream.end();
    expect(lines.map((l) => l.length)).toEqual([LINE_PIECE, LINE_PIECE, 40_000 - 2 * LINE_PIECE]);
  });
});
