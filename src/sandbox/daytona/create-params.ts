import type { CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams } from '@daytona/sdk';
import { classifyNetworkEntry, networkInputErrors } from '../../settings/network.js';
import { ActionError } from '../../shared/errors.js';
import type { NetworkPolicy, SandboxSize, SandboxSpec } from '../types.js';
import type { ResolvedDaytonaConfig } from './config.js';

type CreateParams = CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams;

/**
 * The create request. Units: Daytona intervals are MINUTES.
 * - `autoStopInterval` covers the whole TTL, so a silent agent is not stopped for inactivity mid-run;
 * - `autoDeleteInterval: 0` deletes the sandbox as soon as it stops, so a leaked one cleans itself up;
 * - `ttlMinutes` is the hard wall-clock lifetime, whatever happens to us.
 * Neither snapshot nor image → the organization's default snapshot. No `envVars`: `spec.env` holds the
 * `agent-env` keys, and the sandbox record (its `env`, apps/api/src/sandbox/dto/sandbox.dto.ts) is
 * readable by every member of the organization; DaytonaSandbox passes it with each command instead
 * (research real-services.md #16).
 */
export function buildCreateParams(spec: SandboxSpec, config: ResolvedDaytonaConfig): CreateParams {
  const minutes = Math.max(1, Math.ceil(spec.ttlMs / 60_000));
  const base: CreateSandboxFromSnapshotParams = {
    name: spec.name,
    labels: { ...spec.labels },
    autoStopInterval: minutes,
    autoDeleteInterval: 0,
    ttlMinutes: minutes,
    ...networkParams(spec.network),
  };
  if (config.snapshot) return { ...base, snapshot: config.snapshot };
  if (config.image) return { ...base, image: config.image, resources: daytonaResources(spec.size) };
  return base;
}

/** Daytona's size when created from an image: enough for `npm ci` plus a Node agent (daytona-medium). */
export const DAYTONA_DEFAULT_SIZE = { cpu: 2, memory: 4, disk: 8 } as const;

/**
 * `resources` for a create from an image. Daytona counts whole vCPUs and GiB, so fractions round up.
 * A snapshot carries its own size: @daytona/sdk 0.216.0 types `resources` only on
 * `CreateSandboxFromImageParams`, so a create from a snapshot (named or the default) sends none.
 */
export function daytonaResources(size: SandboxSize | undefined): {
  cpu: number;
  memory: number;
  disk: number;
} {
  return {
    cpu: Math.ceil(size?.cpu ?? DAYTONA_DEFAULT_SIZE.cpu),
    memory: Math.ceil(size?.memoryGib ?? DAYTONA_DEFAULT_SIZE.memory),
    disk: Math.ceil(size?.diskGib ?? DAYTONA_DEFAULT_SIZE.disk),
  };
}

/** The warning for sizes that a snapshot-based create cannot apply, or undefined when none were asked for. */
export function ignoredSizeWarning(
  size: SandboxSize | undefined,
  config: ResolvedDaytonaConfig,
): string | undefined {
  if (config.image && !config.snapshot) return undefined;
  const given = [
    size?.cpu !== undefined && 'cpu',
    size?.memoryGib !== undefined && 'memory-gib',
    size?.diskGib !== undefined && 'disk-gib',
  ].filter((name): name is string => Boolean(name));
  if (given.length === 0) return undefined;
  const from = config.snapshot ? `the snapshot '${config.snapshot}'` : "the organization's default snapshot";
  return `Daytona takes the sandbox size from ${from}, so ${given.join(', ')} cannot apply. Pick a snapshot of the size you need (e.g. daytona-snapshot: daytona-medium for 2 vCPU / 4 GiB / 8 GiB), or set daytona-image.`;
}

export function networkParams(
  network: NetworkPolicy,
): Pick<CreateSandboxFromSnapshotParams, 'networkBlockAll' | 'networkAllowList' | 'domainAllowList'> {
  switch (network.mode) {
    case 'open':
      return {};
    case 'none':
      return { networkBlockAll: true };
    case 'allow': {
      // Normally refused at input parsing already (settings/network.ts); checked again so no caller can
      // send Daytona a list its API answers with 400 (IPv4 CIDRs only, at most 10 of each).
      const errors = networkInputErrors('daytona', 'custom', network);
      if (errors.length > 0) throw new ActionError('invalid-input', errors.join(' '));
      const cidrs: string[] = [];
      const domains: string[] = [];
      for (const raw of network.entries) {
        const entry = classifyNetworkEntry(raw);
        if (entry?.kind === 'cidr') cidrs.push(`${entry.address}/${entry.prefix}`);
        else if (entry?.kind === 'domain') domains.push(entry.name);
      }
      if (cidrs.length === 0 && domains.length === 0) return { networkBlockAll: true };
      return {
        ...(cidrs.length ? { networkAllowList: cidrs.join(',') } : {}),
        ...(domains.length ? { domainAllowList: domains.join(',') } : {}),
      };
    }
  }
}
