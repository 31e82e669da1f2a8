import { posix } from 'node:path';
import type { Settings } from '../settings/index.js';
import type { AgentPreset } from './presets/index.js';
import { presetVersion } from './presets/index.js';

/** Exit code of the install script when the CLI is missing and the sandbox has no network. */
export const INSTALL_EXIT_OFFLINE = 3;
/** Node is missing (or too old) and the image has neither `curl` nor `wget` to fetch it. */
export const INSTALL_EXIT_NO_NODE = 4;
/** Node must be unpacked but the image lacks `tar` or `gzip`. */
export const INSTALL_EXIT_NO_TAR = 5;
/** Node is new enough but `npm` is missing (some distro packages split it out). */
export const INSTALL_EXIT_NO_NPM = 6;
/** Downloading the Node tarball failed (network policy, proxy, or nodejs.org unreachable). */
export const INSTALL_EXIT_NODE_DOWNLOAD = 7;

/** Node installed when the image has none (or one too old): an LTS line every preset supports. */
const NODE_VERSION = 'v22.12.0';

/**
 * Installs the preset's CLI in the sandbox, or accepts one already there. The version that runs is the
 * pinned one (`agent-version`, else the preset's pin): a CLI found on PATH is used only when its
 * `--version` output names exactly that version, because images (Daytona's default snapshot among them)
 * ship older claude-code/codex/opencode builds. `agent-version: image` opts into the image's CLI as it
 * is (the pin is installed only when the image has none). Installs go under `$AGENT_TOOLS_DIR` (in the
 * scratch dir, outside the repository), never into the image's global prefix, so no root is needed.
 * Node is the image's when new enough, else the official tarball for the sandbox's architecture. The
 * last line names the version that runs (sandbox output; the runner prints it through an inert stream).
 *
 * Each missing tool has its own exit code (above) so the runner can name it in a sentence it writes
 * itself; every other failure exits 1, so the CLI's or npm's own exit codes never collide with them.
 */
export const INSTALL_SCRIPT = `set -eu
export PATH="$AGENT_TOOLS_DIR/npm/bin:$AGENT_TOOLS_DIR/node/bin:$PATH"
if command -v "$AGENT_BIN" >/dev/null 2>&1; then
  found=$("$AGENT_BIN" --version 2>/dev/null | head -n 1 || true)
  if [ "$AGENT_VERSION_REQUESTED" = image ]; then
    echo "Using $AGENT_BIN from the image as asked (agent-version: image): \${found:-unknown version}."
    exit 0
  fi
  case " $found " in
    *" $AGENT_VERSION "*|*" v$AGENT_VERSION "*)
      echo "Using $AGENT_BIN $AGENT_VERSION, already in the sandbox."
      exit 0 ;;
  esac
  if [ -n "$AGENT_VERSION_REQUESTED" ]; then
    echo "Found $AGENT_BIN \${found:-of unknown version}; installing $AGENT_VERSION as requested."
  elif [ "$AGENT_OFFLINE" = 1 ]; then
    echo "Found $AGENT_BIN \${found:-of unknown version}; with network: none the pinned $AGENT_VERSION cannot be installed, so the image's runs."
    exit 0
  else
    echo "Found $AGENT_BIN \${found:-of unknown version}; installing the pinned $AGENT_VERSION (agent-version: image would keep the image's)."
  fi
elif [ "$AGENT_VERSION_REQUESTED" = image ]; then
  echo "agent-version is image, but the image has no $AGENT_BIN; installing $AGENT_VERSION."
fi
if [ "$AGENT_OFFLINE" = 1 ]; then
  echo "$AGENT_BIN is not in the sandbox image and network is none, so it cannot be installed." >&2
  exit ${INSTALL_EXIT_OFFLINE}
fi
has() { command -v "$1" >/dev/null 2>&1; }
node_major=0
if has node; then
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
fi
if [ "$node_major" -lt "$AGENT_MIN_NODE" ]; then
  if has curl; then fetch=curl
  elif has wget; then fetch=wget
  else
    echo "The sandbox image has no node $AGENT_MIN_NODE+ (found: \${node_major}) and no curl or wget to download it." >&2
    exit ${INSTALL_EXIT_NO_NODE}
  fi
  if ! has tar || ! has gzip; then
    echo "The sandbox image has no tar or gzip to unpack Node." >&2
    exit ${INSTALL_EXIT_NO_TAR}
  fi
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "No Node.js build for $(uname -m); use an image with Node $AGENT_MIN_NODE or newer." >&2; exit 1 ;;
  esac
  url="https://nodejs.org/dist/$NODE_VERSION/node-$NODE_VERSION-linux-$arch.tar.gz"
  tarball="$AGENT_TOOLS_DIR/node.tar.gz"
  echo "Node \${node_major} is older than $AGENT_MIN_NODE; installing Node $NODE_VERSION with $fetch."
  mkdir -p "$AGENT_TOOLS_DIR/node"
  if [ "$fetch" = curl ]; then
    curl -fsSL --retry 3 -o "$tarball" "$url" || exit ${INSTALL_EXIT_NODE_DOWNLOAD}
  else
    wget -q -O "$tarball" "$url" || exit ${INSTALL_EXIT_NODE_DOWNLOAD}
  fi
  tar -xzf "$tarball" -C "$AGENT_TOOLS_DIR/node" --strip-components=1 || exit 1
  rm -f "$tarball"
fi
if ! has npm; then
  echo "The sandbox image has node but no npm." >&2
  exit ${INSTALL_EXIT_NO_NPM}
fi
echo "Installing $AGENT_PACKAGE@$AGENT_VERSION with npm $(npm --version)."
npm install --global --prefix "$AGENT_TOOLS_DIR/npm" --no-audit --no-fund --loglevel=error "$AGENT_PACKAGE@$AGENT_VERSION" || exit 1
# The shell remembers where it found the image's CLI above: forget it, so the new one is the one asked.
hash -r 2>/dev/null || true
ran=$("$AGENT_BIN" --version 2>&1) || exit 1
echo "Installed $AGENT_BIN: $(printf '%s\n' "$ran" | head -n 1)"
`;

/**
 * The runner's own sentence for a missing-tool exit of the install script (the sandbox's output is not
 * trusted to explain itself), or undefined for any other exit.
 */
export function missingToolMessage(
  exitCode: number,
  agent: string,
  minNodeMajor: number,
): { message: string; hint: string } | undefined {
  const needs = `Node ≥ ${minNodeMajor} is needed by the ${agent} preset`;
  const hint =
    "Modal's default image (node:22-bookworm-slim with git and curl) and Daytona's default snapshot have them.";
  switch (exitCode) {
    case INSTALL_EXIT_NO_NODE:
      return {
        message: `The sandbox image has no \`node\` (${needs}) and no \`curl\` or \`wget\` to download it: use an image with Node, or set modal-image / daytona-image.`,
        hint,
      };
    case INSTALL_EXIT_NO_TAR:
      return {
        message: `The sandbox image has no \`node\` (${needs}) and no \`tar\`/\`gzip\` to unpack it: use an image with Node, or set modal-image / daytona-image.`,
        hint,
      };
    case INSTALL_EXIT_NO_NPM:
      return {
        message: `The sandbox image has \`node\` but no \`npm\` (needed to install the ${agent} preset's CLI): use an image with npm, or set modal-image / daytona-image.`,
        hint,
      };
    case INSTALL_EXIT_NODE_DOWNLOAD:
      return {
        message: `The sandbox image has no \`node\` (${needs}) and downloading it from nodejs.org failed: allow nodejs.org in network, or use an image with Node.`,
        hint,
      };
    default:
      return undefined;
  }
}

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
