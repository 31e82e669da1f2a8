import { ActionError } from '../shared/errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `45m`, `2h`, `1d`, `1h30m` (or a bare number of minutes) into milliseconds. */
export function parseDuration(raw: string, name = 'older-than'): number {
  const text = raw.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * UNIT_MS['m']!);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)];
  if (!text || parts.map((p) => p[0]).join('') !== text) {
    throw new ActionError(
      'invalid-input',
      `Invalid ${name} '${raw}'. Expected a duration like 30m, 2h, 1d or 1h30m.`,
    );
  }
  return Math.round(parts.reduce((sum, [, value, unit]) => sum + Number(value) * UNIT_MS[unit!]!, 0));
}
