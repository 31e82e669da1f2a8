import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, readActionYaml } from '../helpers/action.js';

/** The README's inputs/outputs tables must say what action.yml says: names, defaults and order. */
function tableRows(readme: string, heading: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  // The first table of the section only.
  const table = section.slice(section.indexOf('\n|')).split('\n\n')[0] ?? '';
  return table
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('README', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const action = readActionYaml();

  it('lists every input of action.yml with its default, in order', () => {
    const rows = tableRows(readme, 'Inputs');
    expect(rows.map((r) => r[0])).toEqual(Object.keys(action.inputs).map((n) => `\`${n}\``));
    for (const row of rows) {
      const name = row[0]!.slice(1, -1);
      const expected = action.inputs[name]?.default ?? '';
      expect(row[1], name).toBe(expected === '' ? "`''`" : `\`${expected}\``);
    }
  });

  it('lists every output of action.yml, in order', () => {
    const rows = tableRows(readme, 'Outputs');
    expect(rows.map((r) => r[0])).toEqual(Object.keys(action.outputs).map((n) => `\`${n}\``));
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });

  it('action.yml runs on node24 with main and post entries', () => {
    const { runs, branding } = readActionYaml() as unknown as {
      runs: Record<string, string>;
      branding: object;
    };
    expect(runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post/index.js' });
    expect(branding).toBeTruthy();
  });
});
