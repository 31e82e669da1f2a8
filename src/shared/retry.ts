/**
 * One retry helper for providers and GitHub calls alike (research R3): exponential backoff with full
 * jitter, bounded in attempts and total time, abortable, and honouring server hints (Retry-After).
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RetryDecision {
  retry: boolean;
  /** A server-provided wait (Retry-After and friends), used instead of the jittered delay when larger. */
  afterMs?: number;
}

export interface RetryOptions {
  /** Total attempts, including the first. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** No new attempt starts after this much time has passed since the first. */
  totalMs: number;
  /** Decides whether an error is retryable and whether the server asked for a specific wait. */
  classify: (error: unknown) => RetryDecision;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
  clock?: Clock;
  random?: () => number;
}

export const DEFAULT_RETRY = { attempts: 5, baseMs: 1_000, capMs: 30_000, totalMs: 3 * 60_000 } as const;

/** `random(0, min(cap, base * 2^n))` — the AWS "full jitter" schedule. */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const started = clock.now();
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    try {
      return await operation(attempt);
    } catch (error) {
      const decision = options.classify(error);
      const isLast = attempt + 1 >= options.attempts;
      if (!decision.retry || isLast) throw error;
      const jittered = fullJitterDelay(attempt, options.baseMs, options.capMs, random);
      const delayMs = Math.max(jittered, decision.afterMs ?? 0);
      if (clock.now() - started + delayMs > options.totalMs) throw error;
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await clock.sleep(delayMs, options.signal);
    }
  }
}

/** Parses a Retry-After value (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}
