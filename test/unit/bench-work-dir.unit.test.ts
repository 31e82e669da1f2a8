import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const LIB = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'lib.mjs');

/** The work dir a bench process would use, with its pid, from a fresh node process. */
async function benchWorkDir(env: NodeJS.ProcessEnv = {}): Promise<{ work: string; pid: number }> {
  const script = `import(${JSON.stringify(LIB)}).then((m) => console.log(JSON.stringify({ work: m.WORK, pid: process.pid })))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, BENCH_WORK_DIR: '', ...env },
  });
  return JSON.parse(stdout);
}

describe('bench work dir', () => {
  it('differs between two benches running at once (run.mjs deletes it at start and end)', async () => {
    const [first, second] = await Promise.all([benchWorkDir(), benchWorkDir()]);
    expect(first.work).not.toBe(second.work);
    expect(first.work).toMatch(new RegExp(`sandbox-agent-bench-${first.pid}$`));
    expect(second.work).toMatch(new RegExp(`sandbox-agent-bench-${second.pid}$`));
  });

  it('lives under BENCH_WORK_DIR (or --work-dir) when one is given', async () => {
    const { work, pid } = await benchWorkDir({ BENCH_WORK_DIR: '/tmp/somewhere' });
    expect(work).toBe(`/tmp/somewhere/sandbox-agent-bench-${pid}`);
  });
});
