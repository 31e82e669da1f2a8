import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import {
  AFTER_AGENT_RESERVE_MS,
  agentBudget,
  BOOT_CAP_MS,
  CAPTURE_CAP_MS,
  captureTimeout,
  createTimeout,
  describeShortening,
  MIN_DEADLINE_MINUTES,
  planRun,
  STAGE_CAP_MS,
  sandboxTtl,
  stageTimeout,
  TTL_MARGIN_MS,
  withTimeout,
} from '../../src/shared/deadline.js';
import { ActionError } from '../../src/shared/errors.js';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

/** A fake clock: the pipeline's stages, advanced by hand. */
function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('deadline plan (research R2, case 53)', () => {
  it('derived deadline: the agent gets all of timeout-minutes even if boot and stage use their caps', () => {
    const c = clock();
    const plan = planRun({ timeoutMinutes: 30, now: c.now() });
    expect(plan.explicit).toBe(false);
    expect(plan.deadlineAt - T0).toBe(BOOT_CAP_MS + STAGE_CAP_MS + 30 * MIN + AFTER_AGENT_RESERVE_MS);
    expect(createTimeout(plan, c.now())).toBe(BOOT_CAP_MS);
    c.advance(BOOT_CAP_MS);
    expect(stageTimeout(plan, c.now())).toBe(STAGE_CAP_MS);
    c.advance(STAGE_CAP_MS);
    expect(agentBudget(plan, c.now())).toBe(30 * MIN);
    c.advance(30 * MIN);
    expect(captureTimeout(plan, c.now())).toBe(CAPTURE_CAP_MS);
    expect(describeShortening(plan, 30 * MIN)).toBeUndefined();
  });

  it('an overall deadline shortens the agent budget at start so capture, teardown and delivery fit', () => {
    const c = clock();
    const plan = planRun({ timeoutMinutes: 30, deadlineMinutes: 30, now: c.now() });
    expect(plan.agentMs).toBe(30 * MIN - AFTER_AGENT_RESERVE_MS);
    expect(describeShortening(plan, plan.agentMs)).toBe(
      'The agent budget is 21 min instead of agent-timeout-minutes (30 min) so that capture, teardown and delivery fit the 30 min deadline.',
    );
    // Boot and stage took 2 min: the budget shrinks by that much at agent start.
    c.advance(2 * MIN);
    const budget = agentBudget(plan, c.now());
    expect(budget).toBe(19 * MIN);
    // The agent uses its whole budget: the reserve is still there, to the millisecond.
    c.advance(budget);
    expect(plan.deadlineAt - c.now()).toBe(AFTER_AGENT_RESERVE_MS);
    expect(captureTimeout(plan, c.now())).toBe(CAPTURE_CAP_MS);
  });

  it('a generous deadline leaves timeout-minutes alone', () => {
    const plan = planRun({ timeoutMinutes: 10, deadlineMinutes: 60, now: T0 });
    expect(plan.agentMs).toBe(10 * MIN);
    expect(agentBudget(plan, T0 + 20 * MIN)).toBe(10 * MIN);
  });

  it('boot and stage are clamped so a minimal agent run and the reserve still fit', () => {
    const plan = planRun({ timeoutMinutes: 30, deadlineMinutes: 15, now: T0 });
    expect(createTimeout(plan, T0)).toBe(BOOT_CAP_MS);
    expect(stageTimeout(plan, T0 + 2 * MIN)).toBe(15 * MIN - 2 * MIN - AFTER_AGENT_RESERVE_MS - MIN);
  });

  it('slow boot and stage past the point of no return fail with deadline-exceeded, in one sentence', () => {
    const plan = planRun({ timeoutMinutes: 30, deadlineMinutes: 12, now: T0 });
    expect(() => stageTimeout(plan, T0 + 3 * MIN)).toThrow(ActionError);
    try {
      agentBudget(plan, T0 + 3 * MIN);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ActionError);
      expect((error as ActionError).reason).toBe('deadline-exceeded');
      expect((error as ActionError).message).toBe(
        '3 min of the 12 min deadline had passed before running the agent, leaving no time for the agent.',
      );
      expect((error as ActionError).hint).toMatch(/deadline-minutes/);
    }
  });

  it('a deadline below the reserve plus a minimal create and agent run is an input error', () => {
    expect(() => planRun({ timeoutMinutes: 30, deadlineMinutes: MIN_DEADLINE_MINUTES - 1, now: T0 })).toThrow(
      /leaves no time to create the sandbox and run the agent/,
    );
    expect(planRun({ timeoutMinutes: 30, deadlineMinutes: MIN_DEADLINE_MINUTES, now: T0 }).agentMs).toBe(
      2 * MIN,
    );
  });

  it('the smallest accepted deadline leaves room to create, stage and run the agent (issue 17 item 7)', () => {
    const plan = planRun({ timeoutMinutes: 30, deadlineMinutes: MIN_DEADLINE_MINUTES, now: T0 });
    // A quick create and stage (5 s each), then the agent: nothing throws, the agent gets at least a minute.
    expect(createTimeout(plan, T0 + 100)).toBeGreaterThan(0);
    expect(stageTimeout(plan, T0 + 5_000)).toBeGreaterThan(0);
    expect(agentBudget(plan, T0 + 10_000)).toBeGreaterThanOrEqual(MIN);
  });

  it('capture never gets less than 30 s, and shrinks when the deadline is close', () => {
    const plan = planRun({ timeoutMinutes: 30, deadlineMinutes: 20, now: T0 });
    expect(captureTimeout(plan, plan.deadlineAt - 6 * MIN)).toBe(2 * MIN);
    expect(captureTimeout(plan, plan.deadlineAt)).toBe(30_000);
  });

  it('the sandbox TTL covers the rest of the deadline plus a margin (Daytona rounds up to minutes)', () => {
    const plan = planRun({ timeoutMinutes: 30, now: T0 });
    expect(sandboxTtl(plan, T0)).toBe(plan.deadlineAt - T0 + TTL_MARGIN_MS);
    expect(sandboxTtl(plan, T0 + 5 * MIN)).toBe(plan.deadlineAt - T0 - 5 * MIN + TTL_MARGIN_MS);
    // TTL ≥ agent budget + capture + teardown at any point before the agent starts.
    expect(sandboxTtl(plan, T0 + 15 * MIN)).toBeGreaterThan(30 * MIN + AFTER_AGENT_RESERVE_MS);
  });

  it('withTimeout rejects a stuck call with a sentence instead of hanging', async () => {
    const stuck = new Promise<never>(() => {});
    await expect(withTimeout(stuck, 20, 'it did not answer within 20 ms.')).rejects.toThrow(
      'it did not answer within 20 ms.',
    );
    await expect(withTimeout(Promise.resolve(7), 1_000, 'x')).resolves.toBe(7);
  });
});

describe('deadline-minutes input', () => {
  const context = { repository: 'o/r', runId: '1', runAttempt: '1', workspace: '/ws', runnerTemp: '/rt' };
  const read =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? '';
  it('is optional; empty derives the deadline', () => {
    const s = parseSettings(read({ prompt: 'x' }), context as RunContext);
    expect(s.deadlineMinutes).toBe(0);
    expect(parseSettings(read({ 'deadline-minutes': '45' }), context as RunContext).deadlineMinutes).toBe(45);
  });
  it('rejects values below the minimum with the expected form', () => {
    expect(() => parseSettings(read({ 'deadline-minutes': '5' }), context as RunContext)).toThrow(
      `Invalid deadline-minutes '5'. Expected empty or a number of minutes (${MIN_DEADLINE_MINUTES} ≤ m ≤ 1440).`,
    );
    expect(() => parseSettings(read({ 'deadline-minutes': 'soon' }), context as RunContext)).toThrow(
      /Invalid deadline-minutes 'soon'/,
    );
  });
});
