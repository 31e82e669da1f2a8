import { describe, expect, it } from 'vitest';
import { lineStream, pairedStream } from '../../src/shared/log.js';

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
