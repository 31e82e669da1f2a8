import type { CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams } from '@daytona/sdk';
import { classifyNetworkEntry, networkInputErrors } from '../../settings/network.js';
import { ActionError } from '../../shared/errors.js';
import type { NetworkPolicy, SandboxSpec } from '../types.js';
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
  if (config.image) return { ...base, image: config.image };
  return base;
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
