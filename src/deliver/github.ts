import type { Logger } from '../shared/log.js';

export type GitHubClient = Awaited<ReturnType<typeof createGitHubClient>>;

/**
 * Octokit for `$GITHUB_API_URL` with the retry and throttling plugins, loaded only when a run talks to
 * GitHub (cold start). Throttling owns 403/429 rate limits (it honours `retry-after` and the reset
 * time); the retry plugin handles 5xx and network errors for idempotent calls. Non-idempotent writes
 * opt out per request (`request: { retries: 0 }`) and retry only after a lookup.
 */
export async function createGitHubClient(token: string, apiUrl: string, logger: Logger) {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      request: { timeout: 30_000 },
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: retryWarning('rate limit', logger),
        onSecondaryRateLimit: retryWarning('secondary rate limit', logger),
      },
    },
    retry,
    throttling,
  );
}

/** Throttling callback: log the wait, and retry at most twice. */
function retryWarning(kind: string, logger: Logger) {
  return (
    retryAfter: number,
    options: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ): boolean => {
    logger.warning(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s.`);
    return retryCount < 2;
  };
}

/** HTTP status of an Octokit error, or undefined for network errors. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The messages GitHub puts in an error response (message + errors[].message). */
export function errorText(error: unknown): string {
  const response = (
    error as { response?: { data?: { message?: string; errors?: Array<{ message?: string }> } } }
  )?.response;
  const parts = [response?.data?.message, ...(response?.data?.errors ?? []).map((e) => e.message)];
  const text = parts.filter(Boolean).join(' ');
  return text || (error instanceof Error ? error.message : String(error));
}
