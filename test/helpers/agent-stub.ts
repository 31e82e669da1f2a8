import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a stub CLI saw: its arguments, environment, stdin and whether the repo's `.gemini/` was there. */
export interface StubRecord {
  argv: string[];
  env: Record<string, string>;
  stdin: string;
  cwd: string;
  geminiDirPresent: boolean;
}

export interface StubOptions {
  /** JSON lines replayed on stdout, each written in two halves so the reader sees partial lines. */
  lines: string[];
  version?: string;
  /** Written to $AGENT_SUMMARY_FILE when set. */
  summaryFile?: string;
  /** Never exit after replaying (for the timeout test). */
  hang?: boolean;
  exitCode?: number;
}

/**
 * Writes an executable named `bin` into `dir` that stands in for an agent CLI: `--version` prints a
 * version; otherwise it records argv/env/stdin, appends a line to README.md, and replays `lines`.
 * Its config path is baked into the script (the sandbox env carries nothing of the test's).
 */
export function installStub(dir: string, bin: string, options: StubOptions): { read(): StubRecord } {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, `${bin}.config.json`);
  const record = join(dir, `${bin}.record.json`);
  writeFileSync(config, JSON.stringify({ version: '0.0.0-stub', ...options, record }));
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const cfg = JSON.parse(fs.readFileSync(${JSON.stringify(config)}, 'utf8'));
if (process.argv[2] === '--version') { console.log(cfg.version); process.exit(0); }
const stdin = fs.readFileSync(0);
fs.writeFileSync(cfg.record, JSON.stringify({
  argv: process.argv.slice(2), env: process.env, stdin: stdin.toString('base64'), cwd: process.cwd(),
  geminiDirPresent: fs.existsSync('.gemini'),
}));
fs.appendFileSync('README.md', 'work from the stub\\n');
if (cfg.summaryFile) fs.writeFileSync(process.env.AGENT_SUMMARY_FILE, cfg.summaryFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  for (const line of cfg.lines) {
    const half = Math.floor(line.length / 2);
    process.stdout.write(line.slice(0, half));
    await sleep(3);
    process.stdout.write(line.slice(half) + '\\n');
  }
  process.stderr.write('a line on stderr\\n');
  if (cfg.hang) { setInterval(() => {}, 1000); return; }
  process.exit(cfg.exitCode || 0);
})();
`;
  const path = join(dir, bin);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    read(): StubRecord {
      const raw = JSON.parse(readFileSync(record, 'utf8')) as StubRecord;
      return { ...raw, stdin: Buffer.from(raw.stdin, 'base64').toString('utf8') };
    },
  };
}

/** Runs `fn` with `dir` first on PATH (the local provider hands the host PATH to the sandbox). */
export async function withPath<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env['PATH'];
  process.env['PATH'] = `${dir}:${saved ?? ''}`;
  try {
    return await fn();
  } finally {
    process.env['PATH'] = saved;
  }
}
