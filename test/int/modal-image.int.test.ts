import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_EXIT_NO_NODE, INSTALL_SCRIPT, missingToolMessage } from '../../src/agent/install.js';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import { type FakeModal, startFakeModal } from '../fakes/modal/index.js';
import { FAST_TUNING, makeSpec, recordingLogger } from '../helpers/modal.js';

/**
 * The install step on Modal's images. The fake hides from PATH the commands the image lacks (see
 * test/fakes/modal/image.ts), so a preset install in a bare image fails here as it does on Modal.
 */
const SCRATCH = '/tmp/sandbox-agent';

/** The install script's env for a CLI that is not in the image; npm is kept offline (no network in tests). */
function installEnv(minNode = '20'): Record<string, string> {
  return {
    AGENT_BIN: 'sa-no-such-cli',
    AGENT_PACKAGE: 'sa-no-such-package',
    AGENT_VERSION: '1.0.0',
    AGENT_VERSION_REQUESTED: '',
    AGENT_MIN_NODE: minNode,
    AGENT_OFFLINE: '0',
    AGENT_TOOLS_DIR: `${SCRATCH}/tools`,
    NODE_VERSION: 'v22.12.0',
    npm_config_offline: 'true',
    npm_config_cache: `${SCRATCH}/npm-cache`,
  };
}

describe('Modal images and the install step (real SDK against the fake)', () => {
  let fake: FakeModal;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await startFakeModal();
    process.env['MODAL_SERVER_URL'] = fake.url;
    process.env['MODAL_IMAGE_BUILDER_VERSION'] = '2024.10';
    delete process.env['MODAL_SANDBOX_V2'];
  });

  afterAll(async () => {
    await fake?.close();
    process.env = saved;
  });

  async function withSandbox<T>(image: string, fn: (sandbox: Sandbox) => Promise<T>): Promise<T> {
    const provider = await createModalProvider(
      { tokenId: 'ak-id', tokenSecret: 'as-secret', app: 'sandbox-agent', image, environment: '' },
      recordingLogger(),
      { tuning: FAST_TUNING },
    );
    const sandbox = await provider.create(makeSpec(), () => undefined);
    try {
      return await fn(sandbox);
    } finally {
      await sandbox.delete();
    }
  }

  it('the default image has node, npm, git and curl, so a preset install gets as far as npm', async () => {
    await withSandbox('', async (sandbox) => {
      const [live] = fake.sandboxes();
      expect(live?.missingTools).toEqual(['wget']);
      const layers = fake.images.map((i) => i.dockerfileCommands.join('\n')).join('\n');
      expect(layers).toMatch(/^FROM node:22-bookworm-slim$/m);
      expect(layers).toMatch(/apt-get install -y --no-install-recommends git curl ca-certificates/);

      const tools = await sandbox.exec('command -v node npm git curl', { env: {}, timeoutMs: 10_000 });
      expect(tools.exitCode, tools.stderr).toBe(0);

      const install = await sandbox.exec(INSTALL_SCRIPT, { env: installEnv(), timeoutMs: 60_000 });
      // npm ran (offline, so the unknown package is not found): node and npm were found, nothing downloaded.
      expect(install.stdout).toContain('Installing sa-no-such-package@1.0.0 with npm');
      expect(install.stdout).not.toContain('installing Node');
      expect(install.exitCode).toBe(1);
    });
  });

  it('a bare debian-slim image (the old default, less git) has no node, curl or wget: the install names them', async () => {
    await withSandbox('debian:bookworm-slim', async (sandbox) => {
      const [live] = fake.sandboxes();
      expect(live?.missingTools).toEqual(expect.arrayContaining(['node', 'npm', 'curl', 'wget', 'git']));
      const node = await sandbox.exec('command -v node || echo absent', { env: {}, timeoutMs: 10_000 });
      expect(node.stdout.trim()).toBe('absent');

      const install = await sandbox.exec(INSTALL_SCRIPT, { env: installEnv(), timeoutMs: 60_000 });
      expect(install.exitCode).toBe(INSTALL_EXIT_NO_NODE);
      // Not the old cryptic "wget: not found" / "gzip: unexpected end of file".
      expect(install.stderr).toContain('no node 20+ (found: 0) and no curl or wget to download it');
      expect(install.stderr).not.toMatch(/not found|unexpected end of file/);
      expect(missingToolMessage(install.exitCode, 'gemini', 20)?.message).toBe(
        'The sandbox image has no `node` (Node ≥ 20 is needed by the gemini preset) and no `curl` or `wget` to download it: use an image with Node, or set modal-image / daytona-image.',
      );
    });
  });

  it('node:22-bookworm-slim alone has node but no git or curl (why the default adds them)', async () => {
    await withSandbox('node:22-bookworm-slim', async (sandbox) => {
      const [live] = fake.sandboxes();
      expect(live?.missingTools).toEqual(['curl', 'wget', 'git']);
      const tools = await sandbox.exec(
        'for t in node npm git curl; do command -v "$t" >/dev/null && echo "$t"; done; true',
        {
          env: {},
          timeoutMs: 10_000,
        },
      );
      expect(tools.stdout.split('\n').filter(Boolean)).toEqual(['node', 'npm']);
    });
  });
});
