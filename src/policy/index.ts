import type { Settings } from '../settings/index.js';
import type { ReasonCode } from '../shared/errors.js';
import { errorMessage } from '../shared/errors.js';
import type { Git } from '../shared/git.js';
import type { SecretRegistry } from '../shared/secrets.js';
import { injectTestFault } from '../shared/test-fault.js';
import { capFindings } from './caps.js';
import { readEntries } from './entries.js';
import { pathFindings } from './paths.js';
import { type OutboundTexts, secretFindings } from './secrets.js';
import type { Finding } from './types.js';

export { MAX_BLOB_BYTES } from './caps.js';
export type { OutboundTexts } from './secrets.js';
export type { Effect, Finding, Rule } from './types.js';

export interface PolicyInput {
  /** The isolated verification repository; HEAD is the verified result. */
  git: Git;
  baseSha: string;
  settings: Pick<Settings, 'caps' | 'protectedPaths' | 'protectedPathsPolicy'>;
  mboxBytes: number;
  commits: number;
  secrets: SecretRegistry;
  /** PR title/body and transcript text, when the caller has them. */
  texts?: OutboundTexts;
  /** The agent's redacted transcript on disk (uploaded with the artifact). */
  transcriptPath?: string;
  /** The mbox as it would be uploaded; scanned for registered secret values. */
  mboxPath?: string;
}

/**
 * - `allow`: deliver as configured.
 * - `fallback`: no push; deliver the mbox as an artifact with `reason` (protected path with policy
 *   `fallback`, too many files or commits).
 * - `refuse`: nothing goes out, no push and no artifact; outcome `refused` with `reason`.
 */
export type PolicyDecision = 'allow' | 'fallback' | 'refuse';

export interface PolicyReport {
  /** Every path any commit touches (both sides of renames), from git's own view. */
  paths: string[];
  findings: Finding[];
  decision: PolicyDecision;
  /** The deciding finding's reason and sentence (for refuse/fallback). */
  reason?: ReasonCode;
  message?: string;
}

/** When several findings refuse, the reason reported is the most serious one. */
const SEVERITY: readonly ReasonCode[] = [
  'secret-detected',
  'policy-violation',
  'protected-path',
  'patch-too-large',
];

/**
 * The last gate before a push or a public artifact (SPEC §6). It runs on git's view of the applied
 * result, never on the mbox text: modes and paths from `diff-tree --raw` per commit, sizes from
 * `cat-file`, and a secret scan of every outbound text. It never throws: an internal error refuses.
 */
export async function checkPolicy(input: PolicyInput): Promise<PolicyReport> {
  let paths: string[] = [];
  let findings: Finding[];
  try {
    injectTestFault('policy');
    const entries = await readEntries(input.git, input.baseSha);
    paths = [...new Set(entries.map((e) => e.path))];
    const caps = await capFindings({
      git: input.git,
      entries,
      caps: input.settings.caps,
      mboxBytes: input.mboxBytes,
      commits: input.commits,
    });
    // A patch that expands past the limits is refused anyway; do not feed gigabytes to the scanner.
    const expanded = caps.some((f) => f.effect === 'refuse');
    findings = [
      ...(await pathFindings(input.git, entries, input.settings)),
      ...caps,
      ...(expanded ? [] : await secretFindings({ ...input, entries })),
    ];
  } catch (error) {
    findings = [
      {
        rule: 'internal',
        reason: 'policy-violation',
        detail: `The policy check could not finish (${errorMessage(error)}), so nothing was pushed.`,
        effect: 'refuse',
      },
    ];
  }
  // Details quote paths the agent chose; a path may itself carry a secret.
  findings = findings.map((f) => ({ ...f, detail: input.secrets.redact(f.detail) }));
  return { paths, findings, ...decide(findings) };
}

function decide(findings: readonly Finding[]): Pick<PolicyReport, 'decision' | 'reason' | 'message'> {
  const rank = (f: Finding): number => {
    const index = SEVERITY.indexOf(f.reason);
    return index < 0 ? SEVERITY.length : index;
  };
  for (const effect of ['refuse', 'fallback'] as const) {
    const deciding = findings.filter((f) => f.effect === effect).sort((a, b) => rank(a) - rank(b))[0];
    if (deciding) return { decision: effect, reason: deciding.reason, message: deciding.detail };
  }
  return { decision: 'allow' };
}
