import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { ActionError } from '../../shared/errors.js';
import type { NetworkPolicy, ProviderSettings, SandboxSize } from '../types.js';

/**
 * Pure helpers for the Modal provider: settings with their env fallbacks, names, timeouts and the
 * network policy. Nothing here loads the SDK.
 */
export interface ResolvedModalSettings {
  tokenId: string;
  tokenSecret: string;
  app: string;
  /** Registry tag, or '' for the default image (Node 22, npm, git, curl; see DEFAULT_BASE_IMAGE). */
  image: string;
  /** '' lets the SDK use the account's default environment. */
  environment: string;
  /**
   * Modal's sandbox backend: V2 (the command router: execs go straight to the sandbox's worker) unless
   * the runner sets MODAL_SANDBOX_V2=0. Chosen here and set on the client, so neither an SDK default
   * that changes nor a config profile decides it.
   */
  sandboxV2: boolean;
}

export const DEFAULT_APP = 'sandbox-agent';
/**
 * The default image must run every preset's install: Node ≥ 22 (claude-code's minimum) and npm come with
 * the official node image; its slim variant has no git or curl (docker-library/node purges the curl it
 * downloads Node with), so they are added. The JS SDK has no `debianSlim`/`aptInstall` helpers: it
 * builds exactly these Dockerfile commands (`modal` 0.11.1 `Image.fromRegistry` + `dockerfileCommands`).
 */
export const DEFAULT_BASE_IMAGE = 'node:22-bookworm-slim';
export const DEFAULT_IMAGE_COMMANDS: readonly string[] = [
  'RUN apt-get update && apt-get install -y --no-install-recommends git curl ca-certificates && rm -rf /var/lib/apt/lists/*',
];
/** Modal's hard cap on a sandbox's lifetime. */
export const MAX_SANDBOX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** Inputs win over env; env vars are read here explicitly, never through the SDK's own profile lookup. */
export function resolveModalSettings(
  settings: ProviderSettings['modal'],
  env: NodeJS.ProcessEnv = process.env,
): ResolvedModalSettings {
  const tokenId = settings.tokenId.trim() || env['MODAL_TOKEN_ID']?.trim() || '';
  const tokenSecret = settings.tokenSecret.trim() || env['MODAL_TOKEN_SECRET']?.trim() || '';
  if (!tokenId || !tokenSecret) {
    throw new ActionError(
      'invalid-input',
      'Modal credentials are missing: set the modal-token-id and modal-token-secret inputs, or the MODAL_TOKEN_ID and MODAL_TOKEN_SECRET environment variables.',
    );
  }
  const app = settings.app.trim() || DEFAULT_APP;
  if (!isValidModalName(app)) {
    throw new ActionError(
      'invalid-input',
      `Invalid modal-app '${app}'. Expected letters, digits, '-', '_' or '.', at most 64 characters.`,
    );
  }
  return {
    tokenId,
    tokenSecret,
    app,
    image: settings.image.trim(),
    environment: settings.environment.trim() || env['MODAL_ENVIRONMENT']?.trim() || '',
    sandboxV2: !['0', 'false'].includes((env['MODAL_SANDBOX_V2'] ?? '').trim().toLowerCase()),
  };
}

const NAME_CHARSET = /^[a-zA-Z0-9\-_.]+$/;
const APP_ID_PATTERN = /^ap-[a-zA-Z0-9]{22}$/;
const MAX_NAME = 64;

/** Modal object names: `[A-Za-z0-9-_.]`, at most 64 characters, not shaped like an App id. */
export function isValidModalName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME && NAME_CHARSET.test(name) && !APP_ID_PATTERN.test(name);
}

/**
 * Maps a sandbox name onto Modal's charset, deterministically: valid names pass unchanged, others have
 * bad characters replaced and, when that changed or shortened them, a digest of the original appended so
 * two different names cannot collide.
 */
export function modalSandboxName(name: string): string {
  if (isValidModalName(name)) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 10);
  const cleaned = name
    .replace(/[^a-zA-Z0-9\-_.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const head = cleaned.slice(0, MAX_NAME - digest.length - 1).replace(/-$/, '');
  return head ? `${head}-${digest}` : `sa-${digest}`;
}

/** Modal takes whole seconds (as milliseconds): round up so a budget is never cut short. */
export function ceilToSecondMs(ms: number): number {
  return Math.max(1000, Math.ceil(ms / 1000) * 1000);
}

/** The sandbox lifetime: `ttlMs` rounded up to a whole second, capped at Modal's 24 h maximum. */
export function sandboxTimeoutMs(ttlMs: number): number {
  return Math.min(ceilToSecondMs(ttlMs), MAX_SANDBOX_TIMEOUT_MS);
}

export interface ModalNetworkParams {
  blockNetwork?: boolean;
  outboundCidrAllowlist?: string[];
  outboundDomainAllowlist?: string[];
}

const DOMAIN =
  /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** `open` → nothing; `none` → blockNetwork; `allow` → CIDR and domain allowlists (both exist in 0.11.1). */
export function networkParams(policy: NetworkPolicy): ModalNetworkParams {
  if (policy.mode === 'open') return {};
  if (policy.mode === 'none') return { blockNetwork: true };
  const cidrs: string[] = [];
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const raw of policy.entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (isCidr(entry)) cidrs.push(entry.includes('/') ? entry : `${entry}/${isIP(entry) === 6 ? 128 : 32}`);
    else if (DOMAIN.test(entry) && entry.length <= 253) domains.push(entry.toLowerCase());
    else invalid.push(entry);
  }
  if (invalid.length > 0) {
    throw new ActionError(
      'invalid-input',
      `Invalid network entries for Modal: ${invalid.join(', ')}. Expected CIDRs (10.0.0.0/8), IP addresses or domains (example.com, *.example.com).`,
    );
  }
  // An empty allowlist blocks all egress, which is what an explicit allowlist with no entries means.
  return { outboundCidrAllowlist: cidrs, outboundDomainAllowlist: domains };
}

function isCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Modal's size by default: enough for `npm ci` plus a Node agent. */
export const MODAL_DEFAULT_SIZE = { cpu: 2, memoryGib: 4 } as const;

/**
 * `cpu` (cores, may be fractional) and `memoryMiB` for `sandboxes.create` (modal@0.11.1
 * `SandboxCreateParams`: both are reservations). Modal has no disk size for sandboxes, so `disk-gib`
 * is not sent (the provider warns when it was given).
 */
export function modalResources(size: SandboxSize | undefined): { cpu: number; memoryMiB: number } {
  return {
    cpu: size?.cpu ?? MODAL_DEFAULT_SIZE.cpu,
    memoryMiB: Math.ceil((size?.memoryGib ?? MODAL_DEFAULT_SIZE.memoryGib) * 1024),
  };
}
