import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import type { SandboxProvider } from '../../src/sandbox/types.js';
import type { ActionError } from '../../src/shared/errors.js';
import { type FakeModal, startFakeModal } from '../fakes/modal/index.js';
import { FAST_TUNING, makeSpec, recordingLogger } from '../helpers/modal.js';

describe('modal provider: a worker the runner cannot reach', () => {
  let fake: FakeModal;
  let provider: SandboxProvider;
  const logger = recordingLogger();
  const saved = { ...process.env };

  beforeAll(async () => {
    // Port 1 on loopback is closed: connecting to the "worker" is refused, as narrow egress would.
    fake = await startFakeModal({ routerUrl: 'https://127.0.0.1:1' });
    process.env['MODAL_SERVER_URL'] = fake.url;
    process.env['MODAL_IMAGE_BUILDER_VERSION'] = '2024.10';
    delete process.env['MODAL_SANDBOX_V2'];
    provider = await createModalProvider(
      { tokenId: 'ak-t', tokenSecret: 'as-t', app: 'sandbox-agent', image: '', environment: '' },
      logger,
      { tuning: FAST_TUNING },
    );
  });

  afterAll(async () => {
    process.env = saved;
    await fake.close();
  });

  it('says the Modal worker could not be reached, naming its host', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const error = await provider
      .create(makeSpec(), () => undefined)
      .then(
        () => undefined,
        (e: unknown) => e as ActionError,
      );
    expect(error?.reason).toBe('sandbox-error');
    expect(error?.message).toMatch(
      /^Could not reach the Modal worker at 127\.0\.0\.1:1 — self-hosted runners need egress to Modal's worker hosts, not only api\.modal\.com \(/,
    );
    expect(error?.hint).toMatch(/Allow outbound HTTPS from the runner to the Modal worker hosts/);
    // The SDK's own retries bound the wait; the sandbox it made was terminated.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(fake.sandboxes()).toEqual([]);
  });
});
