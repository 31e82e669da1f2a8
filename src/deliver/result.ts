/**
 * SPEC §2 outcomes. `refused` and `no-changes` exit 0; `failed` fails the step, and so does
 * `branch-pushed` (SPEC §9: a PR was asked for and GitHub refused it; the branch and the work are kept).
 */
export type Outcome =
  | 'pr-opened'
  | 'pr-updated'
  | 'branch-pushed'
  | 'artifact'
  | 'no-changes'
  | 'refused'
  | 'failed';

/** Whether the outcome fails the step (exit 1). */
export function failsStep(outcome: Outcome): boolean {
  return outcome === 'failed' || outcome === 'branch-pushed';
}

export interface StageTiming {
  stage: string;
  /** Duration in ms (endMs - startMs). */
  ms: number;
  /** Start and end in ms since the run started, so overlapping stages (teardown during verify) show. */
  startMs: number;
  endMs: number;
}

/** Everything the run produced. Free text here (`message`) is ours, never the agent's or a commenter's. */
export interface RunResult {
  outcome: Outcome;
  /** Short machine code, or '' when there is nothing to explain. */
  reason: string;
  /** One sentence for the log, summary and comments. */
  message: string;
  sandboxId?: string;
  baseSha?: string;
  headTree?: string;
  commits?: number;
  filesChanged?: number;
  patchPath?: string;
  metaPath?: string;
  patchBytes?: number;
  artifactId?: string;
  artifactName?: string;
  prNumber?: number;
  prUrl?: string;
  branch?: string;
  /** The pushed branch compared with its base (`…/compare/base...branch`), when a branch was pushed. */
  compareUrl?: string;
  /** The verified commits were pushed onto an existing PR's branch (output `follow-up`). */
  followUp?: boolean;
  /** `allow-fork-prs: suggest`: suggestion comments in the review posted on the fork PR (output `suggestions`). */
  suggestions?: number;
  agentExitCode?: number;
  /**
   * The agent's own account of its work (redacted, not yet sanitized: render it only through
   * `renderAgentSummarySection`). Never an output.
   */
  agentSummary?: string;
  /** Runner path of the redacted raw transcript (`agent.transcript.jsonl`), for JSON-streaming presets. */
  transcriptPath?: string;
  /** Token counts and cost as the agent CLI reported them. */
  tokens?: { inputTokens?: number; outputTokens?: number; cachedTokens?: number };
  costUsd?: number;
  /** Provider name (`daytona`, `modal`, `local`), for the sandbox's dashboard link. */
  sandboxProvider?: string;
  timings: StageTiming[];
}

/** Measures each stage as a start and an end since the run began; the summary draws them as a timeline. */
export class Timings {
  readonly entries: StageTiming[] = [];
  private readonly origin = performance.now();

  async measure<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const startMs = Math.round(performance.now() - this.origin);
    try {
      return await fn();
    } finally {
      const endMs = Math.max(startMs, Math.round(performance.now() - this.origin));
      this.entries.push({ stage, ms: endMs - startMs, startMs, endMs });
    }
  }
}
