import { describe, expect, it } from 'vitest';
import { parseRunnerLog, runnerLines } from '../helpers/runner-log.js';

const names = (text: string) => parseRunnerLog(text).map((c) => `${c.form}:${c.name}`);

/** The test helper must read a log as actions/runner does, or the workflow-command tests prove nothing. */
describe('runner log parser (test helper)', () => {
  it('splits lines on \\n, \\r\\n and a bare \\r, like .NET ReadLine', () => {
    expect(runnerLines('a\nb\r\nc\rd\r\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(names('x\r::error::one\r\n##[warning]two')).toEqual(['v2:error', 'legacy:warning']);
  });

  it('parses the V2 form after leading whitespace (including U+0085) with properties and escapes', () => {
    const [command] = parseRunnerLog(' \t\u0085::error file=a%2Cb.ts,line=3,title=x%3Ay::one%0Atwo%25\n');
    expect(command).toEqual({
      name: 'error',
      properties: { file: 'a,b.ts', line: '3', title: 'x:y' },
      data: 'one\ntwo%',
      form: 'v2',
      line: ' \t\u0085::error file=a%2Cb.ts,line=3,title=x%3Ay::one%0Atwo%25',
    });
  });

  it('parses the legacy form anywhere in a line, with ;-separated properties', () => {
    const [command] = parseRunnerLog('src/.github/##[set-env name=X;other=a%3Bb]Y%5D\n');
    expect(command).toMatchObject({ name: 'set-env', properties: { name: 'X', other: 'a;b' }, data: 'Y]' });
    expect(command?.form).toBe('legacy');
  });

  it('matches names case-insensitively and ignores unknown names and broken forms', () => {
    expect(names('::ERROR::x\n##[Add-Mask]y\n::nope::z\n##[nope]z\n::error\n##[error\n:: error::x')).toEqual([
      'v2:ERROR',
      'legacy:Add-Mask',
    ]);
  });

  it('tries V2 first: a V2 line whose data carries ##[ is one V2 command; an unparsable V2 line falls back', () => {
    expect(names('::warning::see ##[error]inside\n')).toEqual(['v2:warning']);
    expect(names('::not-a-command::##[error]x\n')).toEqual(['legacy:error']);
  });

  it('stops at stop-commands and resumes only at its token, in either form', () => {
    const log = [
      '::error::before',
      '::stop-commands::tok-1',
      '::error::fenced',
      '##[set-env name=A]fenced',
      '::tok-2::',
      '::TOK-1::',
      '::warning::after',
      '::stop-commands::tok-3',
      'x ##[tok-3]',
      '##[error]after legacy resume',
    ].join('\n');
    expect(names(log)).toEqual([
      'v2:error',
      'v2:stop-commands',
      'v2:TOK-1',
      'v2:warning',
      'v2:stop-commands',
      'legacy:tok-3',
      'legacy:error',
    ]);
  });

  it('never resumes after stop-commands with an empty token', () => {
    expect(names('::stop-commands::\n::error::x\n##[]\n')).toEqual(['v2:stop-commands']);
  });
});
