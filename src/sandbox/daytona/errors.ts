import { ActionError } from '../../shared/errors.js';
import { DEFAULT_RETRY, parseRetryAfter, type RetryDecision, type RetryOptions } from '../../shared/retry.js';
import { DaytonaConnectionError, DaytonaError, DaytonaNotFoundError } from './sdk.js';

/** Retry bounds for Daytona calls (research R3); tests shrink them. */
export type RetryBounds = Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs' | 'totalMs'>;

export const DAYTONA_RETRY: RetryBounds = { ...DEFAULT_RETRY };

const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

export function statusOf(error: unknown): number | undefined {
  if (error instanceof DaytonaError) return error.statusCode;
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof DaytonaNotFoundError || statusOf(error) === 404;
}

/**
 * 409. On DELETE it is StateChangeInProgressError: the sandbox is still creating/starting/stopping and
 * was NOT deleted (apps/api/src/sandbox/services/sandbox.service.ts `destroy`); see `deleteUntilGone`.
 */
export function isConflict(error: unknown): boolean {
  return statusOf(error) === 409;
}

/**
 * Daytona's rate-limit hints are suffixed per limit (`Retry-After-sandbox-create`,
 * `Retry-After-sandbox-lifecycle`, …), so every `retry-after*` header counts; the largest wins.
 */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  const headers = headersOf(error);
  let best: number | undefined;
  for (const [name, value] of headers) {
    if (!name.startsWith('retry-after')) continue;
    const ms = parseRetryAfter(value, now);
    if (ms !== undefined && (best === undefined || ms > best)) best = ms;
  }
  return best;
}

function headersOf(error: unknown): Array<[string, string]> {
  const raw =
    error instanceof DaytonaError
      ? error.headers
      : (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (!raw || typeof raw !== 'object') return [];
  const source =
    typeof (raw as { toJSON?: unknown }).toJSON === 'function'
      ? (raw as { toJSON(): Record<string, unknown> }).toJSON()
      : (raw as Record<string, unknown>);
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(source)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' || typeof text === 'number') out.push([name.toLowerCase(), String(text)]);
  }
  return out;
}

export function isConnectionError(error: unknown): boolean {
  if (error instanceof DaytonaConnectionError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== error && isConnectionError(cause);
}

/** 408, 429, 5xx and connection failures are worth another try; everything else is final. */
export function classifyTransient(error: unknown): RetryDecision {
  const status = statusOf(error);
  if (status === 429 || status === 408 || (status !== undefined && status >= 500)) {
    return { retry: true, afterMs: retryAfterMs(error) };
  }
  if (status === undefined && isConnectionError(error)) return { retry: true };
  return { retry: false };
}

export function describeError(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status ? `${message} (HTTP ${status})` : message;
}

/** Wraps an SDK failure in the one reason the pipeline understands for sandbox trouble. */
export function sandboxError(what: string, error: unknown, hint?: string): ActionError {
  if (error instanceof ActionError) return error;
  const status = statusOf(error);
  const authHint =
    status === 403 && isRegionRefusal(error)
      ? 'Check the daytona-api-key input (or DAYTONA_API_KEY) and the daytona-target input: the organization of that key has no quota in that region.'
      : status === 401 || status === 403
        ? 'Check the daytona-api-key input (or DAYTONA_API_KEY) and its permissions.'
        : undefined;
  const cause = describeError(error).replace(/\.+$/, '');
  return new ActionError('sandbox-error', `${what}: ${cause}.`, hint ?? authHint, {
    cause: error,
  });
}

/**
 * A create refused because the organization has no quota for the requested `target`: Daytona answers
 * 403 "Region … is not available to the organization" (apps/api/src/sandbox/services/sandbox.service.ts
 * quota check; research real-services.md #17).
 */
function isRegionRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /\bregion\b|\btarget\b/i.test(message);
}
