import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { INSTALL_TIMEOUT_MS } from './agent/limits.js';
import { checkAgentReady } from './agent/ready.js';
import type { Capture } from './capture/index.js';
import { assertCanDeliver } from './deliver/can-deliver.js';
import type { Delivery } from './deliver/index.js';
import type { RunResult } from './deliver/result.js';
import { Timings } from './deliver/result.js';
// Cold start: the stages after the snapshot load on first use (src/lazy-stages.ts).
import {
  capturePatch,
  checkPolicy,
  deliver,
  keepWorkAfterFailure,
  quarantineUnverified,
  runAgent,
  stageRepository,
  verifyPatch,
} from './lazy-stages.js';
// Cold start: comment/issue trigger and review-thread code loads only for the events that need it
// (src/lazy-triggers.ts).
import {
  answerReviewThreads,
  buildHistoryNote,
  observePush,
  removeTriggerLabel,
  startTracking,
  type Tracker,
} from './lazy-triggers.js';
import { policyCrash } from './policy/crash.js';
import { runPreflight } from './preflight/index.js';
import { loadProvider } from './sandbox/index.js';
import { buildSandboxSpec } from './sandbox/spec.js';
import type { Sandbox } from './sandbox/types.js';
import type { RunContext } from './settings/context.js';
import type { Settings } from './settings/index.js';
import { type CleanupRegistry, WORK_DIR_PREFIX } from './shared/cleanup.js';
import {
  agentBudget,
  captureTimeout,
  createTimeout,
  describeShortening,
  planRun,
  type RunPlan,
  sandboxTtl,
  stageTimeout,
  TEARDOWN_RESERVE_MS,
  withTimeout,
} from './shared/deadline.js';
import { errorMessage, toActionError } from './shared/errors.js';
import { assertGitVersion, BOT_IDENTITY } from './shared/git.js';
import type { Logger } from './shared/log.js';
import type { SecretRegistry } from './shared/secrets.js';
import { createSnapshot } from './snapshot/index.js';
import type { PushedChange } from './threads/index.js';
import { resolveTask, type Task } from './trigger/index.js';

/** What the pipeline needs from whoever runs it (the action, the CLI, a test). */
export interface Host {
  logger: Logger;
  secrets: SecretRegistry;
  cleanup: CleanupRegistry;
  saveState(name: string, value: string): void;
}

export interface PipelineInput {
  settings: Settings;
  context: RunContext;
  host: Host;
  /** The checkout (GITHUB_WORKSPACE, or the CLI's repo). */
  repoDir: string;
  /** The deadline plan made at start (the action shares it with its watchdog); derived if absent. */
  plan?: RunPlan;
}

/**
 * The pipeline of SPEC: trigger → snapshot → boot → stage → run → capture → teardown → verify → deliver
 * (teardown runs alongside verify and deliver, and ends before the run does).
 * It never throws: every failure becomes a `failed` (or `refused`) result that keeps what was captured.
 */
export async function runPipeline(input: PipelineInput): Promise<RunResult> {
  const progress: Progress = {};
  const result = withoutLeakedSummary(await runStages(input, progress), input.host.secrets);
  // Issue 20 item 3: reply in the review threads this run answers, resolve those the push addressed.
  if (progress.task?.reviewThreads?.length) {
    const { settings, context, host } = input;
    const answer = { settings, context, task: progress.task, result, pushed: progress.pushed };
    await answerReviewThreads({ ...answer, logger: host.logger }).catch((error: unknown) =>
      host.logger.warning(`Could not answer the review threads: ${errorMessage(error)}`),
    );
  }
  await progress.tracker?.finish(result);
  // Issue 20 item 5: a labeled run takes its trigger label off, whatever the outcome.
  await removeTriggerLabel(input.settings, input.context, result, input.host.logger);
  return result;
}

/** What later steps of runPipeline need from the stages (the task; what a follow-up push changed). */
interface Progress {
  tracker?: Tracker;
  task?: Task;
  pushed?: PushedChange;
}

async function runStages(input: PipelineInput, progress: Progress): Promise<RunResult> {
  const { settings, context, host } = input;
  const { logger } = host;
  const timings = new Timings();
  const facts: Partial<RunResult> = {};
  const work = await mkdtemp(join(context.runnerTemp, WORK_DIR_PREFIX));
  // A cancel exits before the `finally` below: the signal path runs this, and after a SIGKILL the post
  // step removes the dir it finds in the state.
  host.cleanup.add('work-dir', () => rm(work, { recursive: true, force: true }));
  host.saveState('work-dir', work);
  // Work that runs alongside later stages (the sandbox delete) and must end before the run does.
  const background: Array<Promise<unknown>> = [];
  try {
    const plan =
      input.plan ??
      planRun({
        timeoutMinutes: settings.timeoutMinutes,
        deadlineMinutes: settings.deadlineMinutes,
        installMs: settings.agent === 'custom' ? 0 : INSTALL_TIMEOUT_MS,
        createMs: settings.createTimeoutMinutes * 60_000,
        now: Date.now(),
      });
    const shortened = describeShortening(plan, plan.agentMs);
    if (shortened) logger.warning(shortened);
    checkAgentReady(settings);
    assertCanDeliver(settings);
    const task = await resolveTask(settings, context, input.repoDir, logger);
    progress.task = task;
    // Before the tracking comment, the snapshot and any sandbox (issue 18): refuses with what to do.
    await timings.measure('preflight', () => runPreflight({ settings, context, task, logger }));
    progress.tracker = await startTracking(settings, context, task, logger);

    const snapshot = await timings.measure('snapshot', () =>
      logger.group('Snapshot', async () => {
        // The snapshot is the first use of the runner's git: its version is checked here, before it is
        // used and before any sandbox, not before the first log line (cold start, issue 19 item 6).
        await assertGitVersion();
        return createSnapshot({
          repoDir: input.repoDir,
          includeUncommitted: settings.includeUncommitted,
          commit: task.headSha,
          history: task.prBase,
          fetchFrom: {
            serverUrl: context.serverUrl,
            repository: context.repository,
            token: settings.githubToken,
          },
          workDir: join(work, 'snapshot'),
          secrets: host.secrets,
          logger,
        });
      }),
    );
    facts.baseSha = snapshot.baseSha;
    // Issue 20 item 4: the agent is told which ref is the PR's base only once it was shipped.
    if (snapshot.history) task.prompt += await buildHistoryNote(snapshot.history);

    const capture = await runInSandbox(input, plan, snapshot, task, work, timings, facts, background);
    facts.patchPath = capture.mboxPath;
    facts.metaPath = capture.metaPath;
    facts.patchBytes = capture.meta.size_bytes;
    facts.agentExitCode = capture.meta.agent_exit_code;

    if (capture.meta.head_tree === snapshot.shippedTree) {
      return noChanges(capture, timings, facts);
    }

    const verified = await timings.measure('verify', () =>
      logger.group('Verify', () =>
        verifyPatch({
          objectsDir: snapshot.objectsDir,
          baseSha: snapshot.baseSha,
          mboxPath: capture.mboxPath,
          meta: capture.meta,
          workDir: join(work, 'verify'),
          maxPatchBytes: settings.caps.maxPatchBytes,
        }),
      ),
    );
    facts.headTree = verified.headTree;
    facts.commits = verified.commits;
    facts.filesChanged = verified.filesChanged;
    logger.info(`Verified ${verified.commits} commit(s); tree ${verified.headTree} matches the sandbox.`);

    try {
      const policy = await timings.measure('policy', () =>
        checkPolicy({
          git: verified.git,
          baseSha: verified.baseSha,
          settings,
          mboxBytes: capture.meta.size_bytes,
          commits: verified.commits,
          secrets: host.secrets,
          texts: { prTitle: settings.pr.title || task.title, prBody: facts.agentSummary },
          transcriptPath: facts.transcriptPath,
          mboxPath: capture.mboxPath,
        }),
      );
      for (const finding of policy.findings) logger.warning(`Policy: ${finding.detail}`);
      const crashed = policyCrash(policy);
      if (crashed) throw crashed;
      if (policy.findings.some((f) => f.reason === 'secret-detected')) facts.agentSummary = undefined;
      if (policy.decision === 'refuse') {
        return {
          ...facts,
          outcome: 'refused',
          reason: policy.reason ?? 'policy-violation',
          message: policy.message ?? 'The patch was refused by policy.',
          timings: timings.entries,
        };
      }
      const policyFallback =
        policy.decision === 'fallback'
          ? { reason: policy.reason ?? 'policy-violation', message: policy.message ?? '' }
          : undefined;
      const delivery: Delivery = await timings.measure('deliver', () =>
        logger.group('Deliver', () =>
          deliver({
            settings,
            context,
            capture,
            verified,
            task,
            logger,
            secrets: host.secrets,
            agentSummary: facts.agentSummary,
            transcriptPath: facts.transcriptPath,
            policyFallback,
            pullMergeBase: snapshot.history?.mergeBase,
          }),
        ),
      );
      if (delivery.followUp && task.reviewThreads?.length && verified.baseSha === task.headSha) {
        const { baseSha: startHead, headSha: verifiedHead } = verified;
        const threads = task.reviewThreads;
        progress.pushed = await observePush({ git: verified.git, startHead, verifiedHead, threads, logger });
      }
      return { ...facts, ...delivery, timings: timings.entries };
    } catch (error) {
      // Issue 18 item 2: an unexpected failure after verify keeps the verified work like delivery does.
      const kept = await keepWorkAfterFailure({
        error,
        settings,
        context,
        capture,
        verified,
        transcriptPath: facts.transcriptPath,
        secrets: host.secrets,
        logger,
      });
      Object.assign(facts, kept.artifact);
      throw kept.failure;
    } finally {
      await verified.close();
    }
  } catch (error) {
    const failure = toActionError(error);
    // An mbox that was captured but not verified (tree-mismatch, apply-failed, refused by the expansion
    // scan before git am) is not known to be the sandbox's work: it leaves the outputs.
    if (facts.patchPath && !facts.headTree) await quarantineUnverified(facts, settings.outDir, logger);
    return {
      ...facts,
      outcome:
        failure.reason === 'not-triggered'
          ? 'no-changes'
          : REFUSAL_REASONS.has(failure.reason)
            ? 'refused'
            : 'failed',
      reason: failure.reason,
      message: failure.describe(),
      timings: timings.entries,
    };
  } finally {
    await Promise.allSettled(background);
    await rm(work, { recursive: true, force: true }).catch(() => {});
    host.cleanup.remove('work-dir');
  }
}

/** A secret found anywhere (policy, PR text, the summary itself) keeps the agent's summary unpublished. */
function withoutLeakedSummary(result: RunResult, secrets: SecretRegistry): RunResult {
  const summary = result.agentSummary;
  if (!summary) return result;
  const leaked =
    result.reason === 'secret-detected' ||
    [...secrets.scan(summary), ...secrets.scanSplit(summary)].length > 0;
  return leaked ? { ...result, agentSummary: undefined } : result;
}

const REFUSAL_REASONS = new Set([
  'not-authorized',
  'not-triggered',
  'fork-pr',
  'protected-path',
  'patch-too-large',
  'policy-violation',
  'secret-detected',
]);

/**
 * boot → stage → run → capture, with teardown always attempted and never masking the primary error.
 * Teardown is started here and added to `background`: verification and delivery use only the downloaded
 * mbox, so they need not wait for the delete (an API round trip, or 20,000 files for `local`).
 */
async function runInSandbox(
  input: PipelineInput,
  plan: RunPlan,
  snapshot: Awaited<ReturnType<typeof createSnapshot>>,
  task: Awaited<ReturnType<typeof resolveTask>>,
  work: string,
  timings: Timings,
  facts: Partial<RunResult>,
  background: Array<Promise<unknown>>,
): Promise<Capture> {
  const { settings, context, host } = input;
  const { logger } = host;
  const provider = await loadProvider(settings.provider, settings.providers, logger);
  const now = Date.now();
  const spec = {
    ...buildSandboxSpec(settings, context, sandboxTtl(plan, now)),
    createTimeoutMs: createTimeout(plan, now),
  };
  host.saveState('sandbox-provider', provider.name);
  facts.sandboxProvider = provider.name;
  host.saveState('sandbox-name', spec.name);
  // Post looks a lost create up by this nonce's label, never by labels a parallel matrix job shares.
  host.saveState('sandbox-nonce', spec.identity.nonce);

  let sandbox: Sandbox | undefined;
  const teardown = async (): Promise<void> => {
    const target = sandbox;
    if (!target) return;
    sandbox = undefined;
    // A signal handler already started the delete; the process is about to exit.
    if (host.cleanup.closing) return;
    try {
      // Bounded so delivery keeps its reserve; the post step, the TTL and the sweeper are the backstops.
      await withTimeout(target.delete(), TEARDOWN_RESERVE_MS, 'it did not finish within a minute.');
      host.saveState('sandbox-id', '');
      host.saveState('sandbox-deleted', 'true');
      logger.info(`Deleted sandbox ${target.id}.`);
    } catch (error) {
      logger.warning(
        `Deleting sandbox ${target.id} failed: ${errorMessage(error)} The post step will try again.`,
      );
    } finally {
      host.cleanup.remove('sandbox');
    }
  };
  try {
    sandbox = await timings.measure('boot', () =>
      logger.group(`Boot (${provider.name})`, () =>
        provider.create(spec, (id) => {
          facts.sandboxId = id;
          host.saveState('sandbox-id', id);
          host.cleanup.add('sandbox', () => provider.deleteById(id));
        }),
      ),
    );
    const active = sandbox;
    facts.sandboxId = active.id;
    await timings.measure('stage', () =>
      logger.group('Stage', () =>
        stageRepository({
          sandbox: active,
          snapshot,
          identity: BOT_IDENTITY,
          logger,
          timeoutMs: stageTimeout(plan, Date.now()),
        }),
      ),
    );
    // The budget is taken when the agent starts (after install), so slow steps shorten it, never the deadline.
    const agentBudgetNow = (): number => {
      const budgetMs = agentBudget(plan, Date.now());
      if (budgetMs < plan.agentMs) logger.warning(describeShortening(plan, budgetMs) ?? '');
      return budgetMs;
    };
    const agentRun = await runAgent({
      sandbox: active,
      settings,
      task,
      logger,
      secrets: host.secrets,
      timings,
      workDir: work,
      budgetMs: agentBudgetNow,
    });
    facts.agentSummary = agentRun.summary;
    facts.transcriptPath = agentRun.transcriptPath;
    if (agentRun.usage) {
      const { costUsd, ...tokens } = agentRun.usage;
      facts.tokens = tokens;
      facts.costUsd = costUsd;
    }
    return await timings.measure('capture', () =>
      logger.group('Capture', () =>
        capturePatch({
          sandbox: active,
          snapshot,
          agentRun,
          agentName: settings.agent,
          identity: BOT_IDENTITY,
          outDir: settings.outDir,
          maxPatchBytes: settings.caps.maxPatchBytes,
          logger,
          timeoutMs: captureTimeout(plan, Date.now()),
        }),
      ),
    );
  } finally {
    background.push(timings.measure('teardown', teardown));
  }
}

function noChanges(capture: Capture, timings: Timings, facts: Partial<RunResult>): RunResult {
  const failed = capture.meta.agent_exit_code !== 0;
  const reason = capture.meta.agent_timed_out ? 'agent-timeout' : failed ? 'agent-failed' : '';
  return {
    ...facts,
    commits: 0,
    filesChanged: 0,
    outcome: failed ? 'failed' : 'no-changes',
    reason,
    message: failed
      ? capture.meta.agent_timed_out
        ? 'The agent ran out of time without changing anything.'
        : `The agent exited with code ${capture.meta.agent_exit_code} without changing anything.`
      : 'The agent made no changes; nothing was delivered.',
    timings: timings.entries,
  };
}
