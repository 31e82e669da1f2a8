import type { CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams } from '@daytona/sdk';
import { ActionError } from '../../shared/errors.js';
import type { NetworkPolicy, SandboxSpec } from '../types.js';
import type { ResolvedDaytonaConfig } from './config.js';

type CreateParams = CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams;

/** IPv4 or IPv6 address with an optional prefix length. */
const CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(?:\/\d{1,3})?$/;
const DOMAIN = /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/;

/**
 * The create request. Units: Daytona intervals are MINUTES.
 * - `autoStopInterval` covers the whole TTL, so a silent agent is not stopped for inactivity mid-run;
 * - `autoDeleteInterval: 0` deletes the sandbox as soon as it stops, so a leaked one cleans itself up;
 * - `ttlMinutes` is the hard wall-clock lifetime, whatever happens to us.
 * Neither snapshot nor image → the organization's default snapshot. The env is exactly `spec.env`.
 */
export function buildCreateParams(spec: SandboxSpec, config: ResolvedDaytonaConfig): CreateParams {
  const minutes = Math.max(1, Math.ceil(spec.ttlMs / 60_000));
  const base: CreateSandboxFromSnapshotParams = {
    name: spec.name,
    labels: { ...spec.labels },
    envVars: { ...spec.env },
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
      const cidrs: string[] = [];
      const domains: string[] = [];
      for (const raw of network.entries) {
        const entry = raw.trim();
        if (!entry) continue;
        if (CIDR.test(entry))
          cidrs.push(entry.includes('/') ? entry : `${entry}/${entry.includes(':') ? 128 : 32}`);
        else if (DOMAIN.test(entry)) domains.push(entry.replace(/\.$/, ''));
        else {
          throw new ActionError(
            'invalid-input',
            `The network entry "${entry}" is neither a CIDR (like 10.0.0.0/8) nor a domain name (like api.example.com).`,
          );
        }
      }
      if (cidrs.length === 0 && domains.length === 0) return { networkBlockAll: true };
      return {
        ...(cidrs.length ? { networkAllowList: cidrs.join(',') } : {}),
        ...(domains.length ? { domainAllowList: domains.join(',') } : {}),
      };
    }
  }
}
