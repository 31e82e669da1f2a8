import { posix } from 'node:path';
import type { Settings } from '../settings/index.js';
import type { AgentPreset } from './presets/index.js';
import { presetVersion } from './presets/index.js';

/** Exit code of the install script when the CLI is missing and the sandbox has no network. */
export const INSTALL_EXIT_OFFLINE = 3;

/** Node installed when the image has none (or one too old): an LTS line every preset supports. */
const NODE_VERSION = 'v22.12.0';

/**
 * Installs the preset's CLI in the sandbox, or accepts one already there. The rule for a CLI found on
 * PATH: with `agent-version` empty the image's CLI is used as it is (whoever built the image pinned it);
 * with `agent-version` set it is used only if its `--version` output names that version, else the
 * requested one is installed. Installs go under `$AGENT_TOOLS_DIR` (in the scratch dir, outside the
 * repository), never into the image's global prefix, so no root is needed. Node is the image's when new
 * enough, else the official tarball for the sandbox's architecture.
 */
export const INSTALL_SCRIPT = `set -eu
export PATH="$AGENT_TOOLS_DIR/npm/bin:$AGENT_TOOLS_DIR/node/bin:$PATH"
if command -v "$AGENT_BIN" >/dev/null 2>&1; then
  found=$("$AGENT_BIN" --version 2>/dev/null | head -n 1 || true)
  if [ -z "$AGENT_VERSION_REQUESTED" ]; then
    echo "Using $AGENT_BIN already in the sandbox: \${found:-unknown version}."
    exit 0
  fi
  case "$found" in
    *"$AGENT_VERSION_REQUESTED"*) echo "Using $AGENT_BIN $found already in the sandbox."; exit 0 ;;
  esac
  echo "Found $AGENT_BIN \${found:-of unknown version}; installing $AGENT_VERSION_REQUESTED as requested."
fi
if [ "$AGENT_OFFLINE" = 1 ]; then
  echo "$AGENT_BIN is not in the sandbox image and network is none, so it cannot be installed." >&2
  exit ${INSTALL_EXIT_OFFLINE}
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt "$AGENT_MIN_NODE" ]; then
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "No Node.js build for $(uname -m); use an image with Node $AGENT_MIN_NODE or newer." >&2; exit 1 ;;
  esac
  url="https://nodejs.org/dist/$NODE_VERSION/node-$NODE_VERSION-linux-$arch.tar.gz"
  echo "Node \${node_major} is older than $AGENT_MIN_NODE; installing Node $NODE_VERSION."
  mkdir -p "$AGENT_TOOLS_DIR/node"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 "$url" | tar -xz -C "$AGENT_TOOLS_DIR/node" --strip-components=1
  else
    wget -qO- "$url" | tar -xz -C "$AGENT_TOOLS_DIR/node" --strip-components=1
  fi
fi
echo "Installing $AGENT_PACKAGE@$AGENT_VERSION with npm $(npm --version)."
npm install --global --prefix "$AGENT_TOOLS_DIR/npm" --no-audit --no-fund --loglevel=error "$AGENT_PACKAGE@$AGENT_VERSION"
"$AGENT_BIN" --version
`;

/** Prefix for every agent command so the tools installed above are found first. */
export const TOOLS_PATH = 'export PATH="$AGENT_TOOLS_DIR/npm/bin:$AGENT_TOOLS_DIR/node/bin:$PATH"';

export function installEnv(preset: AgentPreset, settings: Settings, scratch: string): Record<string, string> {
  const install = preset.install;
  if (!install) return {};
  return {
    AGENT_BIN: install.bin,
    AGENT_PACKAGE: install.package,
    AGENT_VERSION: presetVersion(preset, settings),
    AGENT_VERSION_REQUESTED: settings.agentVersion,
    AGENT_MIN_NODE: String(install.minNodeMajor),
    AGENT_OFFLINE: settings.network.mode === 'none' ? '1' : '0',
    AGENT_TOOLS_DIR: toolsDir(scratch),
    NODE_VERSION,
  };
}

export function toolsDir(scratch: string): string {
  return posix.join(scratch, 'tools');
}
