import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import type { SandboxProvider } from '../../src/sandbox/types.js';
import { type FakeModal, startFakeModal } from '../fakes/modal/index.js';
import { FAST_TUNING, makeSpec, recordingLogger } from '../helpers/modal.js';

/** Sizes and env on the real modal@0.11.1 SDK against the gRPC fake (which records every request). */
describe('modal provider: sandbox size and the sandbox env on every exec', () => {
  let fake: FakeModal;
  let provider: SandboxProvider;
  const logger = recordingLogger();
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await startFakeModal();
    process.env['MODAL_SERVER_URL'] = fake.url;
    process.env['MODAL_IMAGE_BUILDER_VERSION'] = '2024.10';
    delete process.env['MODAL_SANDBOX_V2'];
    provider = await createModalProvider(
      { tokenId: 'ak-t', tokenSecret: 'as-t', app: 'sandbox-agent', image: '', environment: '' },
      logger,
      { tuning: FAST_TUNING },
    );
  });

  afterEach(() => expect(fake.sandboxes().map((s) => s.id)).toEqual([]));

  afterAll(async () => {
    process.env = saved;
    await fake.close();
  });

  it('sends cpu and memory on create and warns that disk-gib cannot apply', async () => {
    const sandbox = await provider.create(
      makeSpec({ size: { cpu: 1.5, memoryGib: 3, diskGib: 20 } }),
      () => undefined,
    );
    await sandbox.delete();
    // The SDK turns cpu (cores) and memoryMiB into the definition's milliCpu and memoryMb reservations.
    const create = fake.calls.filter((c) => c.method === 'SandboxCreateV2').at(-1)?.request;
    expect(create).toMatchObject({ definition: { resources: { milliCpu: 1500, memoryMb: 3072 } } });
    // Without size inputs: the 2 cores / 4 GiB defaults.
    const defaults = await provider.create(makeSpec(), () => undefined);
    await defaults.delete();
    const plain = fake.calls.filter((c) => c.method === 'SandboxCreateV2').at(-1)?.request;
    expect(plain).toMatchObject({ definition: { resources: { milliCpu: 2000, memoryMb: 4096 } } });
    expect(logger.lines).toContain(
      'warning: Modal sandboxes have no settable disk size, so disk-gib (20) is ignored.',
    );
  });

  it('passes the sandbox env (agent-env) with every exec, under the exec env', async () => {
    const sandbox = await provider.create(
      makeSpec({ env: { AGENT_KEY: 'sk-sandbox', SHARED: 'sandbox' } }),
      () => undefined,
    );
    try {
      const result = await sandbox.exec('printf "%s %s" "$AGENT_KEY" "$SHARED"', {
        env: { SHARED: 'exec' },
        timeoutMs: 10_000,
      });
      expect(result.stdout).toBe('sk-sandbox exec');
      const start = fake.calls.filter((c) => c.method === 'TaskExecStart').at(-1)?.request;
      // Sent on the exec itself, not only at create (research real-services.md #13).
      expect(JSON.stringify(start)).toContain('"AGENT_KEY":"sk-sandbox"');
    } finally {
      await sandbox.delete();
    }
  });
});
