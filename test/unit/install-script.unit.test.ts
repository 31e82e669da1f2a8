import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTALL_EXIT_OFFLINE, INSTALL_SCRIPT, installEnv } from '../../src/agent/install.js';
import { getPreset, presetVersion } from '../../src/agent/presets/index.js';
import type { Settings } from '../../src/settings/index.js';

/**
 * The install decision, run for real with sh: a stub `npm` (records its arguments and "installs" a CLI
 * that prints the version it was asked for) and, where the test says so, an old CLI already on PATH,
 * as Daytona's default snapshot has.
 */
let dir: string;
let stubs: string;
let npmLog: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'install-script-'));
  stubs = join(dir, 'stubs');
  mkdirSync(stubs);
  symlinkSync(process.execPath, join(stubs, 'node'));
  npmLog = join(dir, 'npm.log');
  executable(
    join(stubs, 'npm'),
    `#!/bin/sh
if [ "$1" = --version ]; then echo 10.9.0; exit 0; fi
echo "$@" >> "${npmLog}"
prefix=""; spec=""
while [ $# -gt 0 ]; do
  case "$1" in --prefix) prefix=$2; shift ;; @*|[a-z]*@*) spec=$1 ;; esac
  shift
done
version=\${spec##*@}
mkdir -p "$prefix/bin"
printf '#!/bin/sh\\necho "%s (Claude Code)"\\n' "$version" > "$prefix/bin/claude"
chmod +x "$prefix/bin/claude"
`,
  );
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function executable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function oldCliOnPath(version: string): void {
  executable(join(stubs, 'claude'), `#!/bin/sh\necho "${version} (Claude Code)"\n`);
}

function run(agentVersion: string, network: Settings['network'] = { mode: 'open' }) {
  const preset = getPreset('claude-code');
  const settings = { agentVersion, network } as Settings;
  const env = {
    ...installEnv(preset, settings, join(dir, 'scratch')),
    AGENT_MIN_NODE: '18',
    PATH: `${stubs}:/usr/bin:/bin`,
  };
  const result = spawnSync('sh', ['-c', INSTALL_SCRIPT], { env, encoding: 'utf8' });
  let npm = '';
  try {
    npm = readFileSync(npmLog, 'utf8');
  } catch {}
  return { code: result.status, out: result.stdout + result.stderr, npm };
}

const PINNED = presetVersion(getPreset('claude-code'), { agentVersion: '' } as Settings);

describe('install script: the pinned agent is the one that runs', () => {
  it('replaces an older CLI already in the image with the pinned version, and says which ran', () => {
    oldCliOnPath('1.0.3');
    const { code, out, npm } = run('');
    expect(code, out).toBe(0);
    expect(npm).toContain(`@anthropic-ai/claude-code@${PINNED}`);
    expect(out).toContain(`Found claude 1.0.3 (Claude Code); installing the pinned ${PINNED}`);
    expect(out).toContain(`Installed claude: ${PINNED} (Claude Code)`);
  });

  it('keeps the image CLI when it already is the pinned version (no install)', () => {
    oldCliOnPath(PINNED);
    const { code, out, npm } = run('');
    expect(code, out).toBe(0);
    expect(npm).toBe('');
    expect(out).toContain(`Using claude ${PINNED}, already in the sandbox.`);
  });

  it('does not take a version that merely starts with the pin (1.0.30 is not 1.0.3)', () => {
    oldCliOnPath('1.0.30');
    const { code, npm } = run('1.0.3');
    expect(code).toBe(0);
    expect(npm).toContain('@anthropic-ai/claude-code@1.0.3');
  });

  it('agent-version: image runs the image CLI whatever its version', () => {
    oldCliOnPath('1.0.3');
    const { code, out, npm } = run('image');
    expect(code, out).toBe(0);
    expect(npm).toBe('');
    expect(out).toContain(
      'Using claude from the image as asked (agent-version: image): 1.0.3 (Claude Code).',
    );
  });

  it('agent-version: image installs the pin when the image has no CLI', () => {
    const { code, out, npm } = run('image');
    expect(code, out).toBe(0);
    expect(npm).toContain(`@anthropic-ai/claude-code@${PINNED}`);
    expect(out).toContain(`Installed claude: ${PINNED} (Claude Code)`);
  });

  it('with network: none keeps an older image CLI (it cannot install) and says so', () => {
    oldCliOnPath('1.0.3');
    const { code, out, npm } = run('', { mode: 'none' });
    expect(code, out).toBe(0);
    expect(npm).toBe('');
    expect(out).toContain(`with network: none the pinned ${PINNED} cannot be installed`);
  });

  // network: none cannot run on the local provider (preflight refuses it), so the offline decisions are
  // checked here, on the script itself, as a sandbox with no network would run it.
  it('with network: none and no CLI in the image, fails clearly instead of installing', () => {
    const { code, out, npm } = run('', { mode: 'none' });
    expect(code).toBe(INSTALL_EXIT_OFFLINE);
    expect(npm).toBe('');
    expect(out).toContain(
      'claude is not in the sandbox image and network is none, so it cannot be installed.',
    );
  });

  it('an explicit agent-version is not swapped for another image CLI; offline it refuses', () => {
    oldCliOnPath('2.1.0');
    const { code, out, npm } = run('2.1.330', { mode: 'none' });
    expect(out).toContain('Found claude 2.1.0 (Claude Code); installing 2.1.330 as requested.');
    expect(code).toBe(INSTALL_EXIT_OFFLINE);
    expect(npm).toBe('');
  });
});
