import { createHash, randomBytes } from 'node:crypto';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { buildSandboxEnv } from './env.js';
import type { RunIdentity, SandboxSpec } from './types.js';

export const SANDBOX_LABEL = 'sandbox-agent';
export const CREATED_AT_LABEL = 'sandbox-agent-created-at';
export const NONCE_LABEL = 'sandbox-agent-nonce';

/**
 * A random tag for one run of the step. Matrix jobs share repository, run id, attempt and job id
 * (research/real-services.md #3), so only this keeps two of them from adopting or deleting each other's
 * sandbox. 8 hex digits: a collision needs ~65,000 concurrent jobs of one run before it is likely.
 */
export function newRunNonce(): string {
  return randomBytes(4).toString('hex');
}

/** Labels every provider attaches (Daytona labels, Modal tags); the sweeper finds sandboxes by them. */
export function sandboxLabels(identity: RunIdentity): Record<string, string> {
  return {
    [SANDBOX_LABEL]: '1',
    'sandbox-agent-repo': identity.repository,
    'sandbox-agent-run-id': identity.runId,
    'sandbox-agent-attempt': identity.runAttempt,
    'sandbox-agent-job': identity.job,
    [NONCE_LABEL]: identity.nonce,
  };
}

/**
 * A name per run of the step (run attempt, job and nonce), known before create, so a lost create
 * response can be found again (and a retried create adopts its own sandbox instead of duplicating),
 * while a parallel matrix job, with its own nonce, never matches it. At most 63 characters.
 */
export function sandboxName(identity: RunIdentity): string {
  const readable = `sa-${identity.repository}-${identity.runId}-${identity.runAttempt}-${identity.job}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  const nonce = identity.nonce.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        identity.repository,
        identity.runId,
        identity.runAttempt,
        identity.job,
        identity.nonce,
      ]),
    )
    .digest('hex')
    .slice(0, 10);
  // The nonce stays readable at the end; the digest covers the parts the readable prefix cut off.
  const tail = nonce ? `-${digest}-${nonce}` : `-${digest}`;
  return `${readable.slice(0, 63 - tail.length).replace(/-$/, '')}${tail}`;
}

export function buildSandboxSpec(
  settings: Settings,
  context: RunContext,
  ttlMs: number,
  nonce: string = newRunNonce(),
): SandboxSpec {
  const identity: RunIdentity = {
    repository: context.repository,
    runId: context.runId,
    runAttempt: context.runAttempt,
    job: context.job,
    nonce,
  };
  return {
    identity,
    name: sandboxName(identity),
    // created-at lets the sweeper age sandboxes on providers whose listings carry no creation time (Modal).
    labels: { ...sandboxLabels(identity), [CREATED_AT_LABEL]: new Date().toISOString() },
    ttlMs,
    env: buildSandboxEnv(settings.agentEnv),
    network: settings.network,
    workdir: settings.workdir,
    createTimeoutMs: settings.createTimeoutMinutes * 60_000,
    size: { ...settings.sandboxSize },
  };
}

/** When a sandbox was created: the provider's own time, else our label. */
export function createdAt(listing: { createdAt?: Date; labels: Record<string, string> }): Date | undefined {
  if (listing.createdAt) return listing.createdAt;
  const label = Date.parse(listing.labels[CREATED_AT_LABEL] ?? '');
  return Number.isNaN(label) ? undefined : new Date(label);
}
