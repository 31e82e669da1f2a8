import { ActionError } from '../../shared/errors.js';
import type { ProviderSettings } from '../types.js';
import { Daytona } from './sdk.js';

export const DEFAULT_API_URL = 'https://app.daytona.io/api';

/** Every setting the provider passes to the SDK, resolved here so the SDK never has to guess. */
export interface ResolvedDaytonaConfig {
  apiKey: string;
  apiUrl: string;
  /** Empty: the organization's default region. */
  target: string;
  snapshot: string;
  image: string;
}

/**
 * Inputs first, then the runner's process environment, read explicitly here. Never a `.env` file:
 * the action runs inside the user's checkout, which is not ours to trust.
 */
export function resolveDaytonaConfig(
  settings: ProviderSettings['daytona'],
  env: NodeJS.ProcessEnv = process.env,
): ResolvedDaytonaConfig {
  const pick = (value: string | undefined, name: string): string =>
    (value ?? '').trim() || (env[name] ?? '').trim();
  const apiKey = pick(settings.apiKey, 'DAYTONA_API_KEY');
  if (!apiKey) {
    throw new ActionError(
      'invalid-input',
      'No Daytona API key was given: set the daytona-api-key input or the DAYTONA_API_KEY environment variable.',
    );
  }
  const apiUrl = pick(settings.apiUrl, 'DAYTONA_API_URL') || DEFAULT_API_URL;
  if (!/^https?:\/\//i.test(apiUrl)) {
    throw new ActionError('invalid-input', `The Daytona API URL must start with https:// (got ${apiUrl}).`);
  }
  const snapshot = pick(settings.snapshot, 'DAYTONA_SNAPSHOT');
  const image = pick(settings.image, 'DAYTONA_IMAGE');
  if (snapshot && image) {
    throw new ActionError(
      'invalid-input',
      'Both daytona-snapshot and daytona-image are set; choose one of them.',
    );
  }
  return { apiKey, apiUrl, target: pick(settings.target, 'DAYTONA_TARGET'), snapshot, image };
}

/**
 * DAYTONA_* names the SDK constructor reads from the process environment and, failing that, from
 * `.env` / `.env.local` in the working directory (utils/Runtime.js DaytonaEnvReader). Pinning them in
 * the process environment for the duration of the (synchronous) constructor makes the SDK take these
 * values instead of a file's: telemetry stays off and event sockets stay off.
 */
const PINNED_DURING_CONSTRUCTION: Record<string, string> = {
  DAYTONA_OTEL_ENABLED: 'false',
  DAYTONA_EXPERIMENTAL_OTEL_ENABLED: 'false',
  DAYTONA_USE_DEPRECATED_POLLING: 'true',
  DAYTONA_JWT_TOKEN: '',
  DAYTONA_ORGANIZATION_ID: '',
};

/** The client-wide HTTP deadline; uploads, downloads and log streams pass their own. */
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * Builds the SDK client with every setting explicit:
 * - `useDeprecatedPolling: true`: no socket.io connection, whose reconnect timers keep the process alive;
 * - telemetry off, whatever a `.env` file says;
 * - the target: the SDK fills an empty target from DAYTONA_TARGET in the process env or a `.env` file.
 *   The process env was already consulted by resolveDaytonaConfig, so a value the SDK found anyway can
 *   only come from a file; it is reset to ours.
 */
export function createDaytonaClient(
  config: ResolvedDaytonaConfig,
  requestTimeoutMs: number = REQUEST_TIMEOUT_MS,
): Daytona {
  const client = withPinnedEnv(
    { ...PINNED_DURING_CONSTRUCTION, DAYTONA_TARGET: config.target },
    () =>
      new Daytona({
        apiKey: config.apiKey,
        apiUrl: config.apiUrl,
        target: config.target || undefined,
        useDeprecatedPolling: true,
        otelEnabled: false,
        requestTimeoutMs,
      }),
  );
  const internals = client as unknown as { target?: string };
  internals.target = config.target || undefined;
  return client;
}

function withPinnedEnv<T>(values: Record<string, string>, fn: () => T): T {
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(values)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  try {
    return fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
