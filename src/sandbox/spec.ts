import { createHash } from 'node:crypto';
import type { RunContext } from '../settings/context.js';
import type { Settings } from '../settings/index.js';
import { buildSandboxEnv } from './env.js';
import type { RunIdentity, SandboxSpec } from './types.js';

export const SANDBOX_LABEL = 'sandbox-agent';
export const CREATED_AT_LABEL = 'sandbox-agent-created-at';

/** Labels every provider attaches (Daytona labels, Modal tags); the sweeper finds sandboxes by them. */
export function sandboxLabels(identity: RunIdentity): Record<string, string> {
  return {
    [SANDBOX_LABEL]: '1',
    'sandbox-agent-repo': identity.repository,
    'sandbox-agent-run-id': identity.runId,
    'sandbox-agent-attempt': identity.runAttempt,
    'sandbox-agent-job': identity.job,
  };
}

/**
 * A deterministic name per run attempt and job, known before create, so a lost create response can be
 * found again (and a retried create adopts instead of duplicating). At most 63 characters.
 */
export function sandboxName(identity: RunIdentity): string {
  const readable = `sa-${identity.repository}-${identity.runId}-${identity.runAttempt}-${identity.job}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  const digest = createHash('sha256')
    .update(JSON.stringify([identity.repository, identity.runId, identity.runAttempt, identity.job]))
    .digest('hex')
    .slice(0, 10);
  return `${readable.slice(0, 52).replace(/-$/, '')}-${digest}`;
}

export function buildSandboxSpec(settings: Settings, context: RunContext, ttlMs: number): SandboxSpec {
  const identity: RunIdentity = {
    repository: context.repository,
    runId: context.runId,
    runAttempt: context.runAttempt,
    job: context.job,
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
