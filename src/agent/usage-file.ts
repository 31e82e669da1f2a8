import type { Sandbox } from '../sandbox/types.js';
import type { AgentUsage } from './transcript.js';

/**
 * `$AGENT_USAGE_FILE`: how a `custom` agent reports what it spent. The file is written by the agent,
 * so it is hostile input: read at most `USAGE_FILE_LIMIT` bytes (a larger file is ignored whole),
 * parsed as JSON, and kept only when every known field is a plain non-negative number. Unknown fields
 * are ignored; nothing but numbers ever leaves this module, so no agent text reaches the summary.
 *
 * ```json
 * {"input_tokens": 1200, "output_tokens": 340, "cached_input_tokens": 800, "cost_usd": 0.0123}
 * ```
 */
export const USAGE_FILE_LIMIT = 4096;

/** Upper bounds that no real run reaches; larger values are a lie or a bug and are ignored. */
const MAX_TOKENS = 1e12;
const MAX_COST_USD = 1e6;

const FIELDS = {
  input_tokens: 'inputTokens',
  output_tokens: 'outputTokens',
  cached_input_tokens: 'cachedTokens',
  cost_usd: 'costUsd',
} as const satisfies Record<string, keyof AgentUsage>;

export type UsageFileResult = { usage: AgentUsage } | { ignored: string } | undefined;

/** The usage the file reports, why it was ignored, or undefined when there is no file at all. */
export function parseUsageFile(text: string | undefined): UsageFileResult {
  if (text === undefined) return undefined;
  if (Buffer.byteLength(text, 'utf8') > USAGE_FILE_LIMIT) {
    return { ignored: `it is larger than ${USAGE_FILE_LIMIT} bytes` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ignored: 'it is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ignored: 'it is not a JSON object' };
  }
  const record = parsed as Record<string, unknown>;
  const usage: AgentUsage = {};
  for (const [field, key] of Object.entries(FIELDS)) {
    if (!Object.hasOwn(record, field)) continue;
    const value = record[field];
    const isCost = key === 'costUsd';
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= (isCost ? MAX_COST_USD : MAX_TOKENS) &&
      (isCost || Number.isInteger(value));
    if (!valid) {
      return {
        ignored: `${field} is not a ${isCost ? 'non-negative number' : 'non-negative whole number'}`,
      };
    }
    usage[key] = value;
  }
  if (Object.keys(usage).length === 0) return { ignored: 'it has none of the known fields' };
  return { usage };
}

/**
 * Reads the usage file from the sandbox: a regular file (never a symlink, which could point at a file
 * the agent should not make us read), at most one byte more than the limit so an oversized file is seen.
 */
export async function readUsageFile(sandbox: Sandbox, path: string): Promise<string | undefined> {
  const result = await sandbox.exec(
    `if [ -f "$F" ] && [ ! -L "$F" ]; then head -c ${USAGE_FILE_LIMIT + 1} -- "$F"; else exit 3; fi`,
    { env: { F: path }, timeoutMs: 30_000 },
  );
  return result.exitCode === 0 ? result.stdout : undefined;
}
