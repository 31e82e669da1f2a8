import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_IMAGE, DEFAULT_IMAGE_COMMANDS } from '../../src/sandbox/modal/config.js';
import { imageLayers, missingTools } from '../fakes/modal/image.js';

/** The fake's model of image contents, on the layer shapes modal 0.11.1's Image.build sends. */
describe('fake Modal image model', () => {
  const layers = (from: string, ...runs: string[][]) => [
    { imageId: 'im-0', dockerfileCommands: [`FROM ${from}`] },
    ...runs.map((commands, i) => ({
      imageId: `im-${i + 1}`,
      dockerfileCommands: ['FROM base', ...commands],
      baseImageId: `im-${i}`,
    })),
  ];

  it('the old default (debian:bookworm-slim + git ca-certificates) lacks node, npm, curl and wget', () => {
    const old = layers('debian:bookworm-slim', [
      'RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*',
    ]);
    expect(missingTools(imageLayers(old, 'im-1'))).toEqual([
      'node',
      'npm',
      'npx',
      'corepack',
      'curl',
      'wget',
    ]);
  });

  it('the new default lacks only wget', () => {
    const current = layers(DEFAULT_BASE_IMAGE, [...DEFAULT_IMAGE_COMMANDS]);
    expect(missingTools(imageLayers(current, 'im-1'))).toEqual(['wget']);
  });

  it('unknown bases hide nothing; apt options and version pins are not packages', () => {
    expect(missingTools(layers('ghcr.io/acme/agent:1'))).toEqual([]);
    const pinned = layers('debian:12', [
      'RUN apt install -y -q nodejs=18.19.0 npm; apt-get install --yes wget',
    ]);
    expect(missingTools(imageLayers(pinned, 'im-1'))).toEqual(['corepack', 'curl', 'git']);
  });
});
