import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * A directory standing in for `PATH` on an image that lacks some tools: a symlink to every entry of the
 * host's `PATH` directories (the first one of a name wins, as a shell's lookup does) except `hidden`.
 * Built once per hidden set under `root` and reused.
 */
export function barePath(
  root: string,
  hidden: readonly string[],
  hostPath = process.env['PATH'] ?? '',
): string {
  const key = createHash('sha256')
    .update([...hidden].sort().join('\0'))
    .update('\0\0')
    .update(hostPath)
    .digest('hex')
    .slice(0, 12);
  const dir = join(root, `bare-path-${key}`);
  if (existsSync(dir)) return dir;
  const building = `${dir}.building-${process.pid}-${Date.now()}`;
  mkdirSync(building, { recursive: true });
  const skip = new Set(hidden);
  for (const source of hostPath.split(delimiter)) {
    if (!source || !existsSync(source)) continue;
    let names: string[];
    try {
      names = readdirSync(source);
    } catch {
      continue;
    }
    for (const name of names) {
      if (skip.has(name)) continue;
      skip.add(name);
      symlinkSync(join(source, name), join(building, name));
    }
  }
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another caller built it first
  }
  return dir;
}
