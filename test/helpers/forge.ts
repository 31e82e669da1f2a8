import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Forgery {
  /** Replaces agent.mbox after the capture wrote it. */
  mbox?: string | Buffer;
  /**
   * Rewrites size_bytes and mbox_sha256 in the meta to the forged mbox's real size and digest (otherwise
   * the old claims stay), as a sandbox that forges consistently would.
   */
  claimTrueSize?: boolean;
  /** Pads the meta with this many bytes of trailing spaces (still valid JSON). */
  padMetaBytes?: number;
}

function which(program: string): string {
  return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).trim();
}

/**
 * A `cat` shim for the front of PATH, as a root agent can install one in its sandbox: the capture script
 * runs `cat "$OUT_DIR/agent.meta.json"` as its last step, after writing the mbox and the meta, so the
 * shim swaps them there, deterministically, just before the runner downloads them. Everywhere else
 * (the runner's own processes share PATH on `local`) it is plain cat. Returns the directory for PATH.
 */
export function installForgeShim(dir: string, forgery: Forgery): string {
  const bin = join(dir, 'bin');
  const forge = join(dir, 'forge');
  mkdirSync(bin, { recursive: true });
  mkdirSync(forge, { recursive: true });
  if (forgery.mbox !== undefined) writeFileSync(join(forge, 'agent.mbox'), forgery.mbox);
  if (forgery.claimTrueSize) writeFileSync(join(forge, 'claim-true-size'), '');
  if (forgery.padMetaBytes) writeFileSync(join(forge, 'pad-meta'), String(forgery.padMetaBytes));
  const [cat, cp, sed, wc, head, tr, sha256sum, cut] = [
    'cat',
    'cp',
    'sed',
    'wc',
    'head',
    'tr',
    'sha256sum',
    'cut',
  ].map(which);
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    join(bin, 'cat'),
    `#!/bin/sh
forge=${q(forge)}
case "\${1-}" in
  */sandbox-agent-local-*/scratch/out/agent.meta.json)
    out=\${1%/agent.meta.json}
    if [ -f "$forge/agent.mbox" ]; then
      ${q(cp!)} "$forge/agent.mbox" "$out/agent.mbox"
      if [ -f "$forge/claim-true-size" ]; then
        size=$(${q(wc!)} -c < "$out/agent.mbox" | ${q(tr!)} -d ' ')
        ${q(sed!)} -i "s/\\"size_bytes\\":[0-9]*/\\"size_bytes\\":$size/" "$1"
        sha=$(${q(sha256sum!)} < "$out/agent.mbox" | ${q(cut!)} -d " " -f 1)
        ${q(sed!)} -i "s/\\"mbox_sha256\\":\\"[0-9a-f]*\\"/\\"mbox_sha256\\":\\"$sha\\"/" "$1"
      fi
    fi
    if [ -f "$forge/pad-meta" ]; then
      ${q(head!)} -c "$(${q(cat!)} "$forge/pad-meta")" /dev/zero | ${q(tr!)} '\\000' ' ' >> "$1"
    fi
    ;;
esac
exec ${q(cat!)} "$@"
`,
  );
  chmodSync(join(bin, 'cat'), 0o755);
  return bin;
}
