import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SandboxListing, SandboxProvider } from '../../src/sandbox/types.js';
import { consoleLogger } from '../../src/shared/log.js';
import { parseDuration } from '../../src/sweep/duration.js';
import { sweepSandboxes } from '../../src/sweep/index.js';
import { SWEEP_INPUTS } from '../../src/sweep/run.js';
import { PROJECT_ROOT } from '../helpers/action.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;

function listing(id: string, ageHours: number | undefined, repo = 'octo/demo'): SandboxListing {
  return {
    id,
    labels: { 'sandbox-agent': '1', 'sandbox-agent-repo': repo },
    createdAt: ageHours === undefined ? undefined : new Date(NOW - ageHours * HOUR),
  };
}

/** An in-memory provider whose list ignores the label filter, to prove the sweep checks again. */
function memoryProvider(items: SandboxListing[], failing: string[] = []) {
  const alive = new Map(items.map((i) => [i.id, i]));
  const provider: SandboxProvider = {
    name: 'daytona',
    create: () => Promise.reject(new Error('not used')),
    deleteById: async (id) => {
      if (failing.includes(id)) throw new Error(`HTTP 500 for ${id}`);
      alive.delete(id);
    },
    list: async () => [...alive.values()],
  };
  return { provider, alive };
}

function captureLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: consoleLogger(
      (t) => t,
      (line) => lines.push(line),
    ),
  };
}

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['90s', 90_000],
    ['45m', 45 * 60_000],
    ['2h', 2 * HOUR],
    ['1d', 24 * HOUR],
    ['1h30m', 1.5 * HOUR],
    ['1.5h', 1.5 * HOUR],
    ['30', 30 * 60_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '2 hours', '-1h', 'h2', '2h-'])('rejects %j with the expected form', (text) => {
    expect(() => parseDuration(text)).toThrow(/Expected a duration like 30m, 2h, 1d or 1h30m/);
  });
});

describe('sweepSandboxes', () => {
  const items = [
    listing('old', 7),
    listing('young', 1),
    listing('unknown-age', undefined),
    listing('foreign-old', 9, 'other/repo'),
  ];

  it('deletes only this repository’s sandboxes older than the limit', async () => {
    const { provider, alive } = memoryProvider(items);
    const { logger, lines } = captureLogger();
    const report = await sweepSandboxes({
      provider,
      repository: 'octo/demo',
      olderThanMs: 6 * HOUR,
      dryRun: false,
      logger,
      now: NOW,
    });
    expect(report.deleted).toEqual(['old']);
    expect(report.kept).toBe(2);
    expect([...alive.keys()].sort()).toEqual(['foreign-old', 'unknown-age', 'young']);
    expect(lines).toContain('Deleted daytona sandbox old, 7.0 h old.');
  });

  it('--dry-run lists and deletes nothing', async () => {
    const { provider, alive } = memoryProvider(items);
    const { logger, lines } = captureLogger();
    const report = await sweepSandboxes({
      provider,
      repository: 'octo/demo',
      olderThanMs: 0,
      dryRun: true,
      logger,
      now: NOW,
    });
    expect(report.stale.map((s) => s.id)).toEqual(['old', 'young']);
    expect(report.deleted).toEqual([]);
    expect(alive.size).toBe(4);
    expect(lines.filter((l) => l.startsWith('Would delete'))).toHaveLength(2);
  });

  it('a failing delete is a warning; the others are still deleted', async () => {
    const { provider, alive } = memoryProvider([listing('a', 8), listing('b', 8)], ['a']);
    const { logger, lines } = captureLogger();
    const report = await sweepSandboxes({
      provider,
      repository: 'octo/demo',
      olderThanMs: HOUR,
      dryRun: false,
      logger,
      now: NOW,
    });
    expect(report).toMatchObject({ deleted: ['b'], failed: ['a'] });
    expect([...alive.keys()]).toEqual(['a']);
    expect(
      lines.some(
        (l) => l.startsWith('warning: Could not delete daytona sandbox a') && l.includes('HTTP 500'),
      ),
    ).toBe(true);
  });
});

describe('sweep sub-action', () => {
  const action = parse(readFileSync(join(PROJECT_ROOT, 'sweep', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: Record<string, string>;
  };

  it('runs the built sweep entry on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: '../dist/sweep/index.js' });
    const build = readFileSync(join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'utf8');
    // dist/sweep/index.js is a stub the build writes; it runs the sweep entry of the one bundle.
    expect(build).toContain("{ dir: 'dist/sweep', entry: 'sweep', shebang: false }");
  });

  it('has exactly the inputs the sweep reads (the CLI takes the same names)', () => {
    expect(Object.keys(action.inputs)).toEqual([...SWEEP_INPUTS]);
    expect(action.inputs['older-than']?.default).toBe('6h');
    expect(action.inputs['repository']?.default).toBe(['$', '{{ github.repository }}'].join(''));
  });
});
