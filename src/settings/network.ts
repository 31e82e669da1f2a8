import { isIP } from 'node:net';
import type { NetworkPolicy, ProviderName } from '../sandbox/types.js';

/**
 * The `network` input checked against what the chosen provider accepts, at input parsing: a list the
 * provider would refuse (or one that would starve the agent's install step) fails as `invalid-input`
 * before the snapshot, the tracking comment or any sandbox.
 *
 * Daytona (apps/api/src/sandbox/utils/network-validation.util.ts; docs network-limits.mdx "Network allow
 * list format"): `networkAllowList` takes IPv4 CIDRs only, at most 10; `domainAllowList` at most 10.
 * Modal (modal@0.11.1 `outboundCidrAllowlist` / `outboundDomainAllowlist`, index.d.ts): CIDRs and domains
 * with an optional `*.` prefix; neither the SDK nor the docs state a count limit or an IP version, so
 * only the syntax is checked.
 */
export const DAYTONA_MAX_CIDRS = 10;
export const DAYTONA_MAX_DOMAINS = 10;

/**
 * Hosts the install step (src/agent/install.ts) reaches when the image lacks the agent's CLI or Node:
 * the npm registry (`npm install`), nodejs.org (the Node tarball) and, for opencode, models.dev, which
 * the CLI fetches at startup. An allowlist blocks everything not on it on both providers (Daytona
 * examples/typescript/domain-allow-list; Modal `buildOutboundNetworkAccess`), and the provider's
 * allowlist is fixed for the sandbox's whole life here, so the action cannot open these for the install
 * alone: it asks the user to list them rather than widening their allowlist behind their back.
 */
export const NPM_REGISTRY_HOST = 'registry.npmjs.org';
export const NODE_DIST_HOST = 'nodejs.org';
export const OPENCODE_MODELS_HOST = 'models.dev';

export function installHosts(agent: string): string[] {
  if (agent === 'custom') return [];
  return [NPM_REGISTRY_HOST, NODE_DIST_HOST, ...(agent === 'opencode' ? [OPENCODE_MODELS_HOST] : [])];
}

export type NetworkEntry =
  | { kind: 'cidr'; version: 4 | 6; address: string; prefix: number }
  | { kind: 'domain'; name: string };

const DOMAIN =
  /^(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/;

/** A CIDR or bare address (a whole-host prefix is implied), a domain, or undefined for anything else. */
export function classifyNetworkEntry(raw: string): NetworkEntry | undefined {
  const entry = raw.trim();
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 4 || version === 6) {
    const max = version === 4 ? 32 : 128;
    if (rest.length > 0) return undefined;
    if (prefixText === undefined) return { kind: 'cidr', version, address, prefix: max };
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
    return { kind: 'cidr', version, address, prefix: Number(prefixText) };
  }
  // A dotted-quad that isIP refused (999.1.1.1) is a bad address, not a domain.
  if (/^[\d./]+$/.test(entry) || entry.includes(':')) return undefined;
  if (entry.length > 253 || !DOMAIN.test(entry)) return undefined;
  return { kind: 'domain', name: entry.replace(/\.$/, '').toLowerCase() };
}

/** True when `host` is allowed by one of the entries (exact name, `*.suffix`, or a CIDR of /0). */
function allows(entries: NetworkEntry[], host: string): boolean {
  return entries.some((entry) => {
    if (entry.kind === 'cidr') return entry.prefix === 0;
    if (entry.name === host) return true;
    return entry.name.startsWith('*.') && host.endsWith(entry.name.slice(1));
  });
}

/**
 * Each problem as one sentence that says what to do; empty when the policy is fine for this provider
 * and agent. `local` enforces no network policy, so only the syntax applies there.
 */
export function networkInputErrors(provider: ProviderName, agent: string, policy: NetworkPolicy): string[] {
  if (policy.mode !== 'allow') return [];
  const errors: string[] = [];
  const entries: NetworkEntry[] = [];
  for (const raw of policy.entries) {
    const entry = classifyNetworkEntry(raw);
    if (entry) entries.push(entry);
    else {
      errors.push(
        `network: \`${raw}\` is neither a CIDR (like 10.0.0.0/8), an IP address nor a domain (like api.example.com or *.example.com): fix or remove it.`,
      );
    }
  }
  if (provider === 'local') return errors;

  if (provider === 'daytona') {
    for (const entry of entries) {
      if (entry.kind === 'cidr' && entry.version === 6) {
        const shown = `${entry.address}/${entry.prefix}`;
        errors.push(
          `network: Daytona accepts IPv4 CIDRs only; \`${shown}\` is IPv6: remove it or use network: open.`,
        );
      }
    }
    const cidrs = entries.filter((e) => e.kind === 'cidr').length;
    const domains = entries.filter((e) => e.kind === 'domain').length;
    if (cidrs > DAYTONA_MAX_CIDRS) {
      errors.push(
        `network: Daytona accepts at most ${DAYTONA_MAX_CIDRS} CIDRs and ${cidrs} were given: merge them into wider ranges or use network: open.`,
      );
    }
    if (domains > DAYTONA_MAX_DOMAINS) {
      errors.push(
        `network: Daytona accepts at most ${DAYTONA_MAX_DOMAINS} domains and ${domains} were given: use wildcards (*.example.com) to cover several or use network: open.`,
      );
    }
  }

  const missing = installHosts(agent).filter((host) => !allows(entries, host));
  if (missing.length > 0) {
    errors.push(
      `network: the ${agent} install step needs ${missing.join(', ')}, which the allowlist blocks: add ${missing.length === 1 ? 'it' : 'them'} to network (or use network: open).`,
    );
  }
  return errors;
}
