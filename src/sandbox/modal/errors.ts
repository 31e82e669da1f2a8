import type { RetryDecision } from '../../shared/retry.js';

/** gRPC status codes the provider cares about (nice-grpc `Status`, without importing it). */
export const GrpcStatus = {
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  GrpcStatus.CANCELLED,
  GrpcStatus.UNKNOWN,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNAVAILABLE,
]);

/** The status code of a nice-grpc `ClientError` that the SDK passed through untranslated. */
export function grpcCode(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'ClientError') return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

export function isAlreadyExists(error: unknown): boolean {
  return errorName(error) === 'AlreadyExistsError' || grpcCode(error) === GrpcStatus.ALREADY_EXISTS;
}

export function isNotFound(error: unknown): boolean {
  return errorName(error) === 'NotFoundError' || grpcCode(error) === GrpcStatus.NOT_FOUND;
}

/**
 * Worth another attempt: capacity (RESOURCE_EXHAUSTED, which the SDK does not retry), transport codes the
 * SDK already retried a few times, and stream failures (the SDK's stdio/stdin streams give up with plain
 * errors after their own bounded resumes).
 */
export function isTransient(error: unknown): boolean {
  const code = grpcCode(error);
  if (code !== undefined) return TRANSIENT_CODES.has(code);
  const name = errorName(error);
  if (name === 'ResourceExhaustedError') return true;
  if (!(error instanceof Error)) return false;
  return /Deadline exceeded while streaming|stream (was )?(closed|reset|ended)|ECONNRESET|ECONNREFUSED/i.test(
    error.message,
  );
}

export function classifyTransient(error: unknown): RetryDecision {
  return { retry: isTransient(error) };
}

/** One line for logs: the SDK's own message, which never carries credentials. */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
