// What a run leaves behind on this machine, for the soak (figure 7): processes found by an environment
// marker, unexpected entries in a dir, this process's open fds (the in-process fakes' sockets), and the
// trend of a series of measurements.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Pids of processes (readable by us, other than this one) whose environment contains any of `needles`. */
export function processesWithEnv(needles) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue; // gone, or not ours
    }
    // Entries are NUL-separated: match a needle only at the start of one.
    if (needles.some((needle) => `\0${environ}`.includes(`\0${needle}`))) found.push(Number(entry));
  }
  return found;
}

/** Names in `dir` that are not in `expected` (a Set). */
export function unexpectedEntries(dir, expected) {
  return readdirSync(dir).filter((name) => !expected.has(name));
}

export function openFds() {
  return readdirSync('/proc/self/fd').length;
}

/** What this process holds open, by kind (socket, pipe, a file's path), to explain an fd left over. */
export function fdKinds() {
  const kinds = {};
  for (const fd of readdirSync('/proc/self/fd')) {
    let target;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // the fd readdir itself used, closed since
    }
    const kind = target.replace(/:\[\d+\]$/, '').replace(/^anon_inode:.*/, 'anon_inode');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** Waits up to `limitMs` for `check()` to hold (an exited client's socket closes a moment later). */
export async function settle(check, limitMs = 3000) {
  const deadline = Date.now() + limitMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

/**
 * How much `values` (one per run, in order) grow from the first run to the last along their
 * least-squares line: slope × (n − 1). 0 for fewer than 2 values.
 */
export function linearTrend(values) {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((value, x) => {
    covariance += (x - meanX) * (value - meanY);
    variance += (x - meanX) ** 2;
  });
  return (covariance / variance) * (n - 1);
}
