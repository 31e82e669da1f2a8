import { describe, expect, it } from 'vitest';
import { parseUsageFile, USAGE_FILE_LIMIT } from '../../src/agent/usage-file.js';

describe('$AGENT_USAGE_FILE parsing', () => {
  it('keeps the four known fields and ignores others', () => {
    expect(
      parseUsageFile(
        JSON.stringify({
          input_tokens: 1200,
          output_tokens: 340,
          cached_input_tokens: 800,
          cost_usd: 0.0123,
          model: '<img src=x> @octocat',
        }),
      ),
    ).toEqual({ usage: { inputTokens: 1200, outputTokens: 340, cachedTokens: 800, costUsd: 0.0123 } });
    expect(parseUsageFile('{"cost_usd": 0}')).toEqual({ usage: { costUsd: 0 } });
  });

  it('reports no file as undefined', () => {
    expect(parseUsageFile(undefined)).toBeUndefined();
  });

  it.each([
    ['non-JSON', 'tokens: lots', 'it is not JSON'],
    ['an array', '[1,2]', 'it is not a JSON object'],
    ['null', 'null', 'it is not a JSON object'],
    ['no known field', '{"tokens": 5}', 'it has none of the known fields'],
    ['a string number', '{"input_tokens": "1200"}', 'input_tokens is not a non-negative whole number'],
    ['Markdown in a field', '{"cost_usd": "[$0](javascript:x)"}', 'cost_usd is not a non-negative number'],
    ['a negative count', '{"output_tokens": -1}', 'output_tokens is not a non-negative whole number'],
    ['a fractional count', '{"input_tokens": 1.5}', 'input_tokens is not a non-negative whole number'],
    ['an absurd count', '{"input_tokens": 1e300}', 'input_tokens is not a non-negative whole number'],
    ['an absurd cost', '{"cost_usd": 1e9}', 'cost_usd is not a non-negative number'],
    ['a nested object', '{"cost_usd": {"valueOf": 1}}', 'cost_usd is not a non-negative number'],
    [
      'an oversized file',
      JSON.stringify({ input_tokens: 1, pad: 'x'.repeat(USAGE_FILE_LIMIT) }),
      `it is larger than ${USAGE_FILE_LIMIT} bytes`,
    ],
  ])('ignores %s whole', (_name, text, why) => {
    expect(parseUsageFile(text)).toEqual({ ignored: why });
  });

  it('does not take fields from the prototype', () => {
    expect(parseUsageFile('{"__proto__": {"input_tokens": 5}}')).toEqual({
      ignored: 'it has none of the known fields',
    });
  });
});
