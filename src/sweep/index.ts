import { createdAt, SANDBOX_LABEL } from '../sandbox/spec.js';
import type { SandboxListing, SandboxProvider } from '../sandbox/types.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';

/** Old enough to belong to no live job on GitHub-hosted runners (6 h job limit). */
export const DEFAULT_OLDER_THAN = '6h';

export interface SweepOptions {
  provider: SandboxProvider;
  /** `owner/name`: only this repository's sandboxes are touched. */
  repository: string;
  olderThanMs: number;
  dryRun: boolean;
  logger: Logger;
  now?: number;
}

export interface SweepReport {
  /** Sandboxes of this repository old enough to delete. */
  stale: SandboxListing[];
  deleted: string[];
  failed: string[];
  /** This repository's sandboxes left alone: too young, or of unknown age. */
  kept: number;
}

/**
 * The last layer of cleanup (research R1.4): deletes this repository's sandboxes older than
 * `olderThanMs`, found by the labels every run attaches before create. A failed delete is a warning.
 */
export async function sweepSandboxes(options: SweepOptions): Promise<SweepReport> {
  const { provider, logger } = options;
  const now = options.now ?? Date.now();
  const wanted = { [SANDBOX_LABEL]: '1', 'sandbox-agent-repo': options.repository };
  const listed = await provider.list(wanted);
  // The provider filters by labels already; checking again keeps a sloppy filter from reaching others'
  // sandboxes. `local` has no labels: its list is its own directory prefix.
  const ours = listed.filter(
    (s) => provider.name === 'local' || Object.entries(wanted).every(([k, v]) => s.labels[k] === v),
  );
  const stale = ours.filter((s) => {
    const created = createdAt(s);
    return created !== undefined && now - created.getTime() >= options.olderThanMs;
  });
  const report: SweepReport = { stale, deleted: [], failed: [], kept: ours.length - stale.length };
  for (const sandbox of stale) {
    const age = describeAge(now - (createdAt(sandbox)?.getTime() ?? now));
    const what = `${provider.name} sandbox ${sandbox.id}${sandbox.name ? ` (${sandbox.name})` : ''}, ${age} old`;
    if (options.dryRun) {
      logger.info(`Would delete ${what}.`);
      continue;
    }
    try {
      await provider.deleteById(sandbox.id);
      report.deleted.push(sandbox.id);
      logger.info(`Deleted ${what}.`);
    } catch (error) {
      report.failed.push(sandbox.id);
      logger.warning(`Could not delete ${what}: ${errorMessage(error)}`);
    }
  }
  logger.info(
    `${options.dryRun ? 'Dry run: ' : ''}${stale.length} stale sandbox(es) of ${options.repository} on ${provider.name}` +
      `${options.dryRun ? '' : `, ${report.deleted.length} deleted, ${report.failed.length} failed`}; ${report.kept} kept.`,
  );
  return report;
}

function describeAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}
