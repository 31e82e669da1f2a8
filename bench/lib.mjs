// Shared helpers of the benchmark: a clean git environment, timing, medians, and child processes whose
// wall time, first output line and peak RSS are measured.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { accessSync, constants, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/**
 * Where inputs and runs live. Default: a RAM-backed dir (/dev/shm) when it has room, else bench/.work.
 * Why: on the ext4 (no journal) of the machines this was built on, creating files shortly after many
 * were deleted is 10-70x slower for minutes (ext4's `recently_deleted` inode scan; perf: 60% of a
 * 20,000-file checkout). Every run deletes a sandbox, so on disk each figure would mostly measure how
 * recently the previous run deleted its files. `--work-dir=DIR` (or BENCH_WORK_DIR) measures elsewhere.
 * The folder is named after this process, so two benches at once neither share nor delete each other's.
 */
const TMPFS_MAGIC = 0x01021994;
export const WORK = join(pickWorkParent(), `sandbox-agent-bench-${process.pid}`);

function pickWorkParent() {
  const given =
    process.argv.find((a) => a.startsWith('--work-dir='))?.slice('--work-dir='.length) ||
    process.env.BENCH_WORK_DIR;
  if (given) return resolve(given);
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= 8 * 1024 ** 3) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // no /dev/shm: use the disk
  }
  return join(ROOT, 'bench', '.work');
}

/**
 * Compiled test fakes go inside the project (not WORK, which may be on tmpfs) so that their imports
 * (busboy, the SDKs) resolve from its node_modules.
 */
export const FAKES_OUT = join(ROOT, 'node_modules', '.cache', 'bench-fakes');

/**
 * Compiles the test fake `test/fakes/<name>` (or `test/<folder>/<name>`; its `entries`, TypeScript) with the project's tsc into
 * FAKES_OUT and imports them. Returns the modules, in the order of `entries`.
 */
export async function loadFake(name, entries, folder = 'fakes') {
  const source = join(ROOT, 'test', folder, name);
  const out = join(FAKES_OUT, folder, name);
  const flags = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'];
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      ...['--outDir', out, '--rootDir', source, ...flags],
      ...['--types', 'node', '--skipLibCheck', '--esModuleInterop'],
      ...entries.map((entry) => join(source, entry)),
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  return Promise.all(
    entries.map((entry) => import(pathToFileURL(join(out, entry.replace(/\.ts$/, '.js'))).href)),
  );
}

/** The file system WORK is on, for results.json. */
export function workDirInfo() {
  const fs = statfsSync(dirname(WORK));
  return { path: WORK, fileSystem: fs.type === TMPFS_MAGIC ? 'tmpfs' : `type 0x${fs.type.toString(16)}` };
}
const RSS_PROBE = join(ROOT, 'bench', 'rss-probe.cjs');

/** No user or system git config, a fixed identity: every figure sees the same git. */
export const GIT_ENV = {
  PATH: process.env.PATH,
  HOME: WORK,
  TMPDIR: WORK,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  // No background `gc --auto` (a commit of 20,000 loose objects starts one): it would race the next
  // measurement for the CPU and the cleanup of its directory.
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'gc.auto',
  GIT_CONFIG_VALUE_0: '0',
};

export function git(cwd, args, options = {}) {
  return execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, ...options.env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  }).trim();
}

/** `git` without blocking the event loop: needed when the other end is a server in this process. */
export function gitAsync(cwd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: { ...GIT_ENV, ...options.env }, encoding: 'utf8', maxBuffer: 1 << 30 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolvePromise(stdout.trim()),
    );
  });
}

export function timeSync(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `ours` and `baseline` alternately, `runs` times each, so drift on a noisy machine hits both.
 * Each callback returns a number (ms) or an object with `ms`; the medians are returned with every sample.
 */
export async function interleave(runs, ours, baseline) {
  const samples = { ours: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    const first = i % 2 === 0 ? ['ours', ours] : ['baseline', baseline];
    const second = i % 2 === 0 ? ['baseline', baseline] : ['ours', ours];
    for (const [name, fn] of [first, second]) samples[name].push(await fn(i));
  }
  const ms = (s) => (typeof s === 'number' ? s : s.ms);
  return {
    ours: median(samples.ours.map(ms)),
    baseline: median(samples.baseline.map(ms)),
    samples,
  };
}

/**
 * Spawns a program and measures it: wall time to exit, time to the first stdout line, and (for node
 * programs started through `node`) its own peak RSS, read from `process.resourceUsage()` at exit by a
 * preloaded probe. The probe sees only that process: git children it spawns are not counted.
 */
export function measureChild(command, args, options = {}) {
  const rssFile = join(WORK, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const isNode = command === process.execPath;
  const finalArgs = isNode && options.rss ? ['--require', RSS_PROBE, ...args] : args;
  const env = { ...(options.env ?? GIT_ENV), ...(isNode && options.rss ? { BENCH_RSS_FILE: rssFile } : {}) };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, finalArgs, {
      cwd: options.cwd ?? WORK,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let firstLineMs;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (firstLineMs === undefined && stdout.includes('\n')) {
        firstLineMs = performance.now() - started;
        if (options.killAfterFirstLine) process.kill(-child.pid, 'SIGKILL');
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      let maxRssBytes;
      if (options.rss) {
        try {
          maxRssBytes = Number(readFileSync(rssFile, 'utf8')) * 1024;
          rmSync(rssFile, { force: true });
        } catch {
          maxRssBytes = undefined;
        }
      }
      if (code !== 0 && !options.killAfterFirstLine && !options.allowFailure) {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited ${code ?? signal}:\n${stderr}\n${stdout.slice(-4000)}`,
          ),
        );
        return;
      }
      resolve({ ms, firstLineMs, code, stdout, stderr, maxRssBytes });
    });
  });
}

/** Deterministic incompressible bytes: AES-256-CTR over zeros with a fixed key, seeded per file. */
export function randomBytesFor(seed, length) {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(seed >>> 0, 0); // high bytes: the CTR counter (low bytes) never overlaps another file
  const cipher = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), iv);
  return cipher.update(Buffer.alloc(length));
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ms = (value) => (value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`);
