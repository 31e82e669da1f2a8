import { describe, expect, it } from 'vitest';
import { buildCreateParams, ignoredSizeWarning } from '../../src/sandbox/daytona/create-params.js';
import { modalResources } from '../../src/sandbox/modal/config.js';
import { buildSandboxSpec } from '../../src/sandbox/spec.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { BOOT_CAP_MS, createTimeout, planRun } from '../../src/shared/deadline.js';
import { ActionError } from '../../src/shared/errors.js';
import { readActionYaml } from '../helpers/action.js';

const context = {
  repository: 'octo/demo',
  runId: '9',
  runAttempt: '1',
  job: 'j',
  workspace: '/ws',
  runnerTemp: '/rt',
} as RunContext;

function settingsWith(overrides: Record<string, string>) {
  const action = readActionYaml();
  return parseSettings(
    (name) =>
      overrides[name] ??
      (action.inputs[name]?.default?.includes('${{') ? '' : (action.inputs[name]?.default ?? '')),
    context,
  );
}

const daytona = { apiKey: 'k', apiUrl: 'http://x', target: '', snapshot: '', image: '' };

describe('size and create-timeout inputs', () => {
  it('default to the provider defaults and a 5 minute create', () => {
    const settings = settingsWith({});
    expect(settings.sandboxSize).toEqual({ cpu: undefined, memoryGib: undefined, diskGib: undefined });
    expect(settings.createTimeoutMinutes).toBe(5);
    expect(buildSandboxSpec(settings, context, 60_000).createTimeoutMs).toBe(5 * 60_000);
  });

  it('give an image build 15 minutes unless create-timeout-minutes says otherwise', () => {
    expect(settingsWith({ 'daytona-image': 'node:22' }).createTimeoutMinutes).toBe(15);
    expect(
      settingsWith({ 'daytona-image': 'node:22', 'create-timeout-minutes': '25' }).createTimeoutMinutes,
    ).toBe(25);
  });

  it('reach the sandbox spec', () => {
    const settings = settingsWith({
      cpu: '4',
      'memory-gib': '8',
      'disk-gib': '20',
      'create-timeout-minutes': '12',
    });
    const spec = buildSandboxSpec(settings, context, 60_000);
    expect(spec.size).toEqual({ cpu: 4, memoryGib: 8, diskGib: 20 });
    expect(spec.createTimeoutMs).toBe(12 * 60_000);
  });

  it.each([
    ['cpu', '0'],
    ['cpu', '-1'],
    ['cpu', 'two'],
    ['memory-gib', '1e9'],
    ['disk-gib', 'Infinity'],
    ['create-timeout-minutes', '0'],
    ['create-timeout-minutes', '600'],
  ])('refuse %s %s with one invalid-input sentence', (name, value) => {
    let caught: unknown;
    try {
      settingsWith({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ActionError);
    expect((caught as ActionError).reason).toBe('invalid-input');
    expect((caught as ActionError).message).toMatch(
      new RegExp(`^Invalid ${name} '${value}'\\. Expected a number`),
    );
  });

  it('cap the create stage of the deadline plan', () => {
    const now = 1_000_000;
    expect(createTimeout(planRun({ timeoutMinutes: 30, now }), now)).toBe(BOOT_CAP_MS);
    const plan = planRun({ timeoutMinutes: 30, createMs: 15 * 60_000, now });
    expect(createTimeout(plan, now)).toBe(15 * 60_000);
    // The derived deadline grows with it, so a long image build does not eat the agent budget.
    expect(plan.deadlineAt - planRun({ timeoutMinutes: 30, now }).deadlineAt).toBe(10 * 60_000);
  });
});

describe('Daytona create request sizes', () => {
  const spec = buildSandboxSpec(settingsWith({}), context, 60_000);

  it('sends resources (defaults 2/4/8, fractions rounded up) when creating from an image', () => {
    expect(buildCreateParams(spec, { ...daytona, image: 'node:22' })).toMatchObject({
      image: 'node:22',
      resources: { cpu: 2, memory: 4, disk: 8 },
    });
    const sized = { ...spec, size: { cpu: 1.5, memoryGib: 6, diskGib: 12.2 } };
    expect(buildCreateParams(sized, { ...daytona, image: 'node:22' })).toMatchObject({
      resources: { cpu: 2, memory: 6, disk: 13 },
    });
  });

  it('sends none with a snapshot, and warns only when sizes were asked for', () => {
    const sized = { ...spec, size: { cpu: 4 } };
    expect(buildCreateParams(sized, { ...daytona, snapshot: 'snap' })).not.toHaveProperty('resources');
    expect(buildCreateParams(sized, daytona)).not.toHaveProperty('resources');
    expect(ignoredSizeWarning(spec.size, { ...daytona, snapshot: 'snap' })).toBeUndefined();
    expect(ignoredSizeWarning(sized.size, { ...daytona, snapshot: 'snap' })).toMatch(
      /from the snapshot 'snap', so cpu cannot apply.*daytona-snapshot: daytona-medium/,
    );
    expect(ignoredSizeWarning(sized.size, daytona)).toMatch(/default snapshot/);
    expect(ignoredSizeWarning(sized.size, { ...daytona, image: 'node:22' })).toBeUndefined();
  });
});

describe('Modal create request sizes', () => {
  it('sends cpu and memoryMiB, defaults 2 cores / 4 GiB', () => {
    expect(modalResources(undefined)).toEqual({ cpu: 2, memoryMiB: 4096 });
    expect(modalResources({ cpu: 0.5, memoryGib: 1.5, diskGib: 9 })).toEqual({ cpu: 0.5, memoryMiB: 1536 });
  });
});
