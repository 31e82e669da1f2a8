import { describe, expect, it } from 'vitest';
import {
  ceilToSecondMs,
  isValidModalName,
  modalSandboxName,
  networkParams,
  resolveModalSettings,
  sandboxTimeoutMs,
} from '../../src/sandbox/modal/config.js';

const empty = { tokenId: '', tokenSecret: '', app: '', image: '', environment: '' };

describe('resolveModalSettings', () => {
  it('prefers inputs over env and falls back to MODAL_* env vars', () => {
    const env = { MODAL_TOKEN_ID: 'ak-env', MODAL_TOKEN_SECRET: 'as-env', MODAL_ENVIRONMENT: 'staging' };
    expect(resolveModalSettings(empty, env)).toEqual({
      tokenId: 'ak-env',
      tokenSecret: 'as-env',
      app: 'sandbox-agent',
      image: '',
      environment: 'staging',
      sandboxV2: true,
    });
    const inputs = {
      tokenId: 'ak-in',
      tokenSecret: 'as-in',
      app: 'my-app',
      image: 'python:3.12',
      environment: 'prod',
    };
    expect(resolveModalSettings(inputs, env)).toEqual({ ...inputs, sandboxV2: true });
  });

  it('chooses the V2 sandbox backend unless the runner sets MODAL_SANDBOX_V2=0 (or false)', () => {
    const creds = { ...empty, tokenId: 'a', tokenSecret: 'b' };
    expect(resolveModalSettings(creds, {}).sandboxV2).toBe(true);
    expect(resolveModalSettings(creds, { MODAL_SANDBOX_V2: '1' }).sandboxV2).toBe(true);
    expect(resolveModalSettings(creds, { MODAL_SANDBOX_V2: '0' }).sandboxV2).toBe(false);
    expect(resolveModalSettings(creds, { MODAL_SANDBOX_V2: 'False' }).sandboxV2).toBe(false);
  });

  it('names both ways to pass credentials when they are missing, without echoing anything', () => {
    expect(() => resolveModalSettings({ ...empty, tokenId: 'ak-only' }, {})).toThrow(
      /modal-token-id and modal-token-secret inputs, or the MODAL_TOKEN_ID and MODAL_TOKEN_SECRET/,
    );
    try {
      resolveModalSettings({ ...empty, tokenSecret: 'as-very-secret' }, {});
    } catch (error) {
      expect(String(error)).not.toContain('as-very-secret');
      expect(error).toMatchObject({ reason: 'invalid-input' });
    }
  });

  it('rejects an app name Modal would refuse', () => {
    expect(() =>
      resolveModalSettings({ ...empty, tokenId: 'a', tokenSecret: 'b', app: 'bad name' }, {}),
    ).toThrow(/Invalid modal-app/);
  });
});

describe('modalSandboxName', () => {
  it('keeps valid names and maps others deterministically onto the charset', () => {
    expect(modalSandboxName('sa-octo-repo-1-1-agent-0123456789')).toBe('sa-octo-repo-1-1-agent-0123456789');
    const mapped = modalSandboxName('sa/octo repo:1/é');
    expect(mapped).toBe(modalSandboxName('sa/octo repo:1/é'));
    expect(isValidModalName(mapped)).toBe(true);
    expect(mapped).not.toBe(modalSandboxName('sa/octo repo:1/è'));
    const long = modalSandboxName(`sa-${'x'.repeat(100)}`);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(isValidModalName(long)).toBe(true);
    expect(isValidModalName(modalSandboxName('ap-abcdefghijklmnopqrstuv'))).toBe(true);
  });
});

describe('timeouts', () => {
  it('rounds up to whole seconds and caps the lifetime at 24 h', () => {
    expect(ceilToSecondMs(1)).toBe(1000);
    expect(ceilToSecondMs(1000)).toBe(1000);
    expect(ceilToSecondMs(1001)).toBe(2000);
    expect(sandboxTimeoutMs(60_500)).toBe(61_000);
    expect(sandboxTimeoutMs(48 * 3600_000)).toBe(24 * 3600_000);
  });
});

describe('networkParams', () => {
  it('maps open, none and allowlists', () => {
    expect(networkParams({ mode: 'open' })).toEqual({});
    expect(networkParams({ mode: 'none' })).toEqual({ blockNetwork: true });
    expect(
      networkParams({
        mode: 'allow',
        entries: ['10.0.0.0/8', '2001:db8::/32', '1.1.1.1', 'GitHub.com', '*.npmjs.org'],
      }),
    ).toEqual({
      outboundCidrAllowlist: ['10.0.0.0/8', '2001:db8::/32', '1.1.1.1/32'],
      outboundDomainAllowlist: ['github.com', '*.npmjs.org'],
    });
  });

  it('rejects entries that are neither CIDRs nor domains', () => {
    expect(() => networkParams({ mode: 'allow', entries: ['10.0.0.0/33', 'http://x.com', 'a b'] })).toThrow(
      /Invalid network entries for Modal: 10\.0\.0\.0\/33, http:\/\/x\.com, a b\./,
    );
  });
});

describe('an unreachable Modal worker', () => {
  const routerError = (detail: string) =>
    Object.assign(
      new Error(
        `/modal.task_command_router.TaskCommandRouter/TaskExecStart UNAVAILABLE: No connection established. Last error: ${detail}. Resolution note: .`,
      ),
      { name: 'ClientError', code: 14 },
    );

  it('is told apart from other failures, with the address grpc-js tried', async () => {
    const { isWorkerUnreachable, workerAddress } = await import('../../src/sandbox/modal/exec.js');
    expect(isWorkerUnreachable(routerError('Error: connect ECONNREFUSED 10.1.2.3:443'))).toBe(true);
    expect(workerAddress(routerError('Error: connect ECONNREFUSED 10.1.2.3:443'))).toBe('10.1.2.3:443');
    expect(workerAddress(routerError('Error: getaddrinfo ENOTFOUND w-abc.modal-worker.example'))).toBe(
      'w-abc.modal-worker.example',
    );
    expect(workerAddress(routerError('Name resolution failed for target dns:w-1.example:443'))).toBe(
      'w-1.example:443',
    );
    // The control plane being down is not a worker problem.
    const control = Object.assign(new Error('/modal.client.ModalClient/SandboxCreateV2 UNAVAILABLE: x'), {
      name: 'ClientError',
      code: 14,
    });
    expect(isWorkerUnreachable(control)).toBe(false);
    expect(isWorkerUnreachable(Object.assign(routerError('x'), { code: 5 }))).toBe(false);
  });
});
