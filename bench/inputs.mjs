// Deterministic inputs: a source-like repository with some history, checked out (a) with --depth 1 as
// actions/checkout does by default, (b) with full history, and (c) a depth-1 checkout with uncommitted
// changes. Plus, in full mode only, a repository of >= 1 GiB of incompressible blobs for streaming.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, prng, randomBytesFor, WORK } from './lib.mjs';

const WORDS = (
  'const let function return import export default class extends async await if else for while ' +
  'switch case break continue try catch finally throw new this super null undefined true false ' +
  'value index count result error buffer stream options config logger sandbox bundle commit tree ' +
  'patch verify stage boot capture deliver timeout retry signal process child parent path file'
).split(' ');

/**
 * Code-like text: random lines of words and numbers. Each file draws its own lines, so files compress
 * like source does (about 3:1) but do not delta against each other, which would make every checkout of
 * the input unrealistically slow (deep delta chains across 20,000 near-identical files).
 */
function fileContent(seed, bytes) {
  const next = prng(seed);
  const out = [`// generated file ${seed}`];
  let length = out[0].length;
  while (length < bytes) {
    const n = 3 + Math.floor(next() * 8);
    const words = [];
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
    const line = `${'  '.repeat(Math.floor(next() * 4))}${words.join(' ')}(${Math.floor(next() * 1e5)});`;
    out.push(line);
    length += line.length + 1;
  }
  return `${out.join('\n')}\n`;
}

export const filePath = (i) => join(`pkg${i % 50}`, `mod${i % 7}`, `file${i}.ts`);

/**
 * Builds the inputs. `files` files of about `avgBytes` bytes; `commits` further commits each rewriting
 * `touch` files, so the full-history checkout carries real history.
 */
export function buildRepoInputs({ files, avgBytes, commits, touch, dirtyFiles }) {
  const upstream = join(WORK, 'upstream');
  mkdirSync(upstream, { recursive: true });
  git(upstream, ['init', '-q', '-b', 'main']);
  git(upstream, ['config', 'gc.auto', '0']);
  let treeBytes = 0;
  for (let i = 0; i < files; i++) {
    const full = join(upstream, filePath(i));
    mkdirSync(join(full, '..'), { recursive: true });
    const content = fileContent(i, avgBytes * (0.75 + (i % 11) / 20));
    writeFileSync(full, content);
    treeBytes += content.length;
  }
  writeFileSync(join(upstream, 'README.md'), '# bench\n');
  git(upstream, ['add', '-A']);
  git(upstream, ['commit', '-q', '-m', 'initial']);
  for (let c = 0; c < commits; c++) {
    for (let t = 0; t < touch; t++) {
      const i = (c * 7919 + t * 104729) % files;
      const path = join(upstream, filePath(i));
      writeFileSync(path, `${readFileSync(path, 'utf8')}${fileContent(i + (c + 1) * 1_000_003, 200)}`);
    }
    git(upstream, ['commit', '-q', '-am', `change ${c + 1}`]);
  }
  // One pack, as a server would serve it.
  git(upstream, ['repack', '-adq']);

  const shallow = join(WORK, 'checkout-depth1');
  const full = join(WORK, 'checkout-full');
  const dirty = join(WORK, 'checkout-dirty');
  const url = `file://${upstream}`;
  git(WORK, ['clone', '-q', '--depth', '1', url, shallow]);
  git(WORK, ['clone', '-q', url, full]);
  git(WORK, ['clone', '-q', '--depth', '1', url, dirty]);
  for (let t = 0; t < dirtyFiles; t++) {
    const path = join(dirty, filePath((t * 7) % files));
    writeFileSync(path, `${readFileSync(path, 'utf8')}// uncommitted edit ${t}\n`);
  }
  const historyCommits = Number(git(full, ['rev-list', '--count', 'HEAD']));
  return {
    upstream,
    shallow,
    full,
    dirty,
    facts: { files: files + 1, treeBytes, historyCommits, dirtyFiles },
  };
}

/**
 * A repository whose tip holds `totalBytes` of incompressible blobs (files of 8 MiB), checked out with
 * --depth 1. Stored uncompressed (core.compression 0): the bytes are random, deflate would only cost time.
 */
export function buildLargeRepo(totalBytes) {
  const repo = join(WORK, 'large-upstream');
  mkdirSync(join(repo, 'blobs'), { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'core.compression', '0']);
  git(repo, ['config', 'gc.auto', '0']);
  const chunk = 8 * 1024 * 1024;
  let written = 0;
  for (let i = 0; written < totalBytes; i++) {
    const bytes = Math.min(chunk, totalBytes - written);
    writeFileSync(join(repo, 'blobs', `blob${i}.bin`), randomBytesFor(1000 + i, bytes));
    written += bytes;
  }
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'large blobs']);
  const checkout = join(WORK, 'large-checkout');
  git(WORK, ['-c', 'core.compression=0', 'clone', '-q', '--depth', '1', `file://${repo}`, checkout]);
  return { checkout, bytes: written };
}
