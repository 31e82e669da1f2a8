/**
 * Which tools a sandbox's image has, so commands in the fake see what they would see on Modal. Modal
 * runs a sandbox on exactly the image the SDK defined: `modal` 0.11.1 `Image.fromRegistry(tag)` sends a
 * first layer `FROM <tag>` and each `dockerfileCommands([...])` call a layer `FROM base` + the commands,
 * with `baseImages: [{ dockerTag: 'base', imageId }]` naming the layer below (`dist/index.js`,
 * `Image.build`). Nothing is added to a registry image (the JS SDK has no debianSlim/aptInstall).
 *
 * Known bases (see /work/shared/research/real-services.md, row 1):
 * - `debian:*`: built by debuerreotype (`debootstrap --variant=minbase`), only required-priority
 *   packages, so no node, npm, curl, wget or git;
 * - `node:*-slim` (docker-library/node): node, npm, npx, corepack; the curl used to fetch Node is purged,
 *   and there is no git or wget;
 * - anything else: unknown, so nothing is hidden (the host's tools show through).
 * `apt-get install` in a RUN layer adds the listed packages' commands back. Versions are not modelled:
 * a visible `node` is the host's.
 */
const NODE_TOOLS = ['node', 'npm', 'npx', 'corepack'];
const FETCH_TOOLS = ['curl', 'wget'];

const BASES: Array<{ tag: RegExp; lacks: readonly string[] }> = [
  { tag: /^(docker\.io\/)?(library\/)?debian(:|@|$)/, lacks: [...NODE_TOOLS, ...FETCH_TOOLS, 'git'] },
  { tag: /^(docker\.io\/)?(library\/)?node:[^@]*slim/, lacks: [...FETCH_TOOLS, 'git'] },
];

/** Debian packages and the commands they install (only those the fake hides). */
const PACKAGE_COMMANDS: Record<string, readonly string[]> = {
  git: ['git'],
  curl: ['curl'],
  wget: ['wget'],
  nodejs: ['node'],
  npm: ['npm', 'npx'],
};

export interface FakeImageLayer {
  imageId: string;
  dockerfileCommands: string[];
  /** The `FROM base` layer's image id, when this layer extends another. */
  baseImageId?: string;
}

/** Commands the image lacks, from its layers (root layer first). */
export function missingTools(layers: readonly FakeImageLayer[]): string[] {
  const from = layers[0]?.dockerfileCommands[0]?.match(/^FROM\s+(\S+)/i)?.[1] ?? '';
  const base = BASES.find((b) => b.tag.test(from));
  if (!base) return [];
  const added = new Set<string>();
  for (const layer of layers) {
    for (const command of layer.dockerfileCommands) {
      for (const pkg of aptInstalled(command))
        for (const tool of PACKAGE_COMMANDS[pkg] ?? []) added.add(tool);
    }
  }
  return base.lacks.filter((tool) => !added.has(tool));
}

/** Packages named by each `apt-get install` (or `apt install`) in a RUN command. */
function aptInstalled(command: string): string[] {
  if (!/^RUN\s/i.test(command)) return [];
  const packages: string[] = [];
  for (const step of command.slice(4).split(/&&|;|\|\|/)) {
    const words = step.trim().split(/\s+/);
    const at = words.findIndex((w, i) => /^(apt-get|apt)$/.test(w) && words.slice(i + 1).includes('install'));
    if (at < 0) continue;
    const rest = words.slice(words.indexOf('install', at) + 1);
    packages.push(...rest.filter((w) => w && !w.startsWith('-')).map((w) => w.split('=')[0] ?? w));
  }
  return packages;
}

/** The layer chain of `imageId`, root first. */
export function imageLayers(images: readonly FakeImageLayer[], imageId: string): FakeImageLayer[] {
  const chain: FakeImageLayer[] = [];
  let id: string | undefined = imageId;
  while (id && chain.length < 100) {
    const layer = images.find((i) => i.imageId === id);
    if (!layer) break;
    chain.unshift(layer);
    id = layer.baseImageId;
  }
  return chain;
}
