import { ActionError } from './errors.js';

/**
 * Deadline arithmetic (research R2): job `timeout-minutes` > the action's overall deadline > sandbox
 * TTL ≥ agent budget + capture + teardown > per-call timeouts. Pure: every function takes `now`, so
 * tests drive it with a fake clock.
 */

const MINUTE = 60_000;

/** Caps of the stages before the agent; they also make up the derived deadline. */
export const BOOT_CAP_MS = 5 * MINUTE;
export const STAGE_CAP_MS = 10 * MINUTE;
/** What must still fit after the agent stops: capture, teardown, then verify + deliver. */
export const CAPTURE_CAP_MS = 5 * MINUTE;
export const TEARDOWN_RESERVE_MS = 1 * MINUTE;
export const FINISH_RESERVE_MS = 3 * MINUTE;
export const AFTER_AGENT_RESERVE_MS = CAPTURE_CAP_MS + TEARDOWN_RESERVE_MS + FINISH_RESERVE_MS;
/** An agent budget below this is not worth a sandbox. */
export const MIN_AGENT_MS = 1 * MINUTE;
/** The sandbox outlives the deadline by this much, so a slow teardown never races the provider TTL. */
export const TTL_MARGIN_MS = 2 * MINUTE;
/** The least time a create and stage can be given (a fast provider; real ones may need the caps above). */
export const MIN_SETUP_MS = 1 * MINUTE;
/**
 * The smallest `deadline-minutes` accepted: a minimal create + stage, a minimal agent run, and the
 * reserve after the agent. Without the setup minute the smallest deadline left no time to create.
 */
export const MIN_DEADLINE_MINUTES = Math.ceil(
  (MIN_SETUP_MS + MIN_AGENT_MS + AFTER_AGENT_RESERVE_MS) / MINUTE,
);

export interface RunPlan {
  startedAt: number;
  /** Epoch ms by which everything (teardown and delivery included) must be done. */
  deadlineAt: number;
  /** Whether the deadline came from `deadline-minutes` (else it is derived from `timeout-minutes`). */
  explicit: boolean;
  /** `timeout-minutes` in ms. */
  requestedAgentMs: number;
  /** The agent budget known at start; `agentBudget()` shortens it further if boot/stage were slow. */
  agentMs: number;
  /** Cap of sandbox creation (`create-timeout-minutes`); `BOOT_CAP_MS` when absent. */
  createCapMs?: number;
}

/**
 * The plan at start. Without `deadlineMinutes` the deadline is derived (boot + stage caps + the agent
 * budget + the after-agent reserve), so it never shortens the agent. With it, the agent budget is cut
 * so the after-agent reserve fits; a deadline too small for even a minimal agent run is an input error.
 */
export function planRun(options: {
  timeoutMinutes: number;
  deadlineMinutes?: number;
  /** Time reserved for installing the agent CLI before the budget starts (derived deadlines only). */
  installMs?: number;
  /** `create-timeout-minutes` in ms: the create cap, and part of a derived deadline. */
  createMs?: number;
  now: number;
}): RunPlan {
  const requestedAgentMs = Math.round(options.timeoutMinutes * MINUTE);
  const createCapMs = options.createMs ?? BOOT_CAP_MS;
  if (!options.deadlineMinutes) {
    return {
      startedAt: options.now,
      deadlineAt:
        options.now +
        createCapMs +
        STAGE_CAP_MS +
        (options.installMs ?? 0) +
        requestedAgentMs +
        AFTER_AGENT_RESERVE_MS,
      explicit: false,
      requestedAgentMs,
      agentMs: requestedAgentMs,
      createCapMs,
    };
  }
  const overallMs = Math.round(options.deadlineMinutes * MINUTE);
  const room = overallMs - AFTER_AGENT_RESERVE_MS;
  if (room < MIN_SETUP_MS + MIN_AGENT_MS) {
    throw new ActionError(
      'invalid-input',
      `deadline-minutes (${options.deadlineMinutes}) leaves no time to create the sandbox and run the agent after the ${AFTER_AGENT_RESERVE_MS / MINUTE} min reserved for capture, teardown and delivery.`,
      `Set deadline-minutes to at least ${MIN_DEADLINE_MINUTES}, or leave it empty.`,
    );
  }
  return {
    startedAt: options.now,
    deadlineAt: options.now + overallMs,
    explicit: true,
    requestedAgentMs,
    agentMs: Math.min(requestedAgentMs, room),
    createCapMs,
  };
}

export function remainingMs(plan: RunPlan, now: number): number {
  return plan.deadlineAt - now;
}

/** Create deadline: its cap, but never eating into a minimal agent run and the after-agent reserve. */
export function createTimeout(plan: RunPlan, now: number): number {
  return clampStage(plan, now, plan.createCapMs ?? BOOT_CAP_MS, 'creating the sandbox');
}

/** Staging (upload + clone) deadline, on the same terms as create. */
export function stageTimeout(plan: RunPlan, now: number): number {
  return clampStage(plan, now, STAGE_CAP_MS, 'staging the repository');
}

/**
 * The agent budget when the agent starts: the planned budget, shortened so that capture, teardown and
 * delivery still fit before the deadline. Throws `deadline-exceeded` when not even a minimal run fits.
 */
export function agentBudget(plan: RunPlan, now: number): number {
  const room = remainingMs(plan, now) - AFTER_AGENT_RESERVE_MS;
  if (room < MIN_AGENT_MS) throw noTimeLeft(plan, now, 'running the agent');
  return Math.min(plan.agentMs, room);
}

/** Capture deadline: its cap, or what is left before teardown and delivery, whichever is smaller. */
export function captureTimeout(plan: RunPlan, now: number): number {
  const room = remainingMs(plan, now) - TEARDOWN_RESERVE_MS - FINISH_RESERVE_MS;
  return Math.max(30_000, Math.min(CAPTURE_CAP_MS, room));
}

/** Sandbox TTL at create: until the deadline plus a margin, so a leak ends soon after the run would. */
export function sandboxTtl(plan: RunPlan, now: number): number {
  return Math.max(MIN_AGENT_MS, remainingMs(plan, now)) + TTL_MARGIN_MS;
}

/** A one-line note for the log when the deadline shortened the agent budget. */
export function describeShortening(plan: RunPlan, agentMs: number): string | undefined {
  if (agentMs >= plan.requestedAgentMs) return undefined;
  return (
    `The agent budget is ${formatMinutes(agentMs)} instead of agent-timeout-minutes (${formatMinutes(plan.requestedAgentMs)}) ` +
    `so that capture, teardown and delivery fit the ${formatMinutes(plan.deadlineAt - plan.startedAt)} deadline.`
  );
}

export function formatMinutes(ms: number): string {
  const minutes = ms / MINUTE;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;
}

function clampStage(plan: RunPlan, now: number, capMs: number, what: string): number {
  const room = remainingMs(plan, now) - AFTER_AGENT_RESERVE_MS - MIN_AGENT_MS;
  if (room <= 0) throw noTimeLeft(plan, now, what);
  return Math.min(capMs, room);
}

function noTimeLeft(plan: RunPlan, now: number, what: string): ActionError {
  return new ActionError(
    'deadline-exceeded',
    `${formatMinutes(now - plan.startedAt)} of the ${formatMinutes(plan.deadlineAt - plan.startedAt)} deadline had passed before ${what}, leaving no time for the agent.`,
    'Raise deadline-minutes, or find out from the stage timings why the sandbox was slow to boot or stage.',
  );
}

/** Rejects with `Error(message)` if `promise` has not settled within `ms` (the work itself goes on). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
