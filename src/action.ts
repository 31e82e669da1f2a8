import * as core from '@actions/core';
import { failsStep, type RunResult } from './deliver/result.js';
import { artifactUrl, type SummaryLinks } from './deliver/summary-links.js';
import { type Host, runPipeline } from './main.js';
import { type RunContext, readRunContext, runUrl } from './settings/context.js';
import { parseSettings } from './settings/index.js';
import { registerInputSecrets } from './settings/secrets.js';
import { CleanupRegistry } from './shared/cleanup.js';
import { formatMinutes, planRun, type RunPlan } from './shared/deadline.js';
import { errorMessage, toActionError } from './shared/errors.js';
import { inertLines, type Logger, pairedStream, stopCommandsToken } from './shared/log.js';
import { SecretRegistry } from './shared/secrets.js';

const readInput = (name: string): string => core.getInput(name, { trimWhitespace: false });

/** The action's `main` entry: masks secrets, runs the pipeline, sets outputs and the job summary. */
export async function runAction(): Promise<void> {
  // Mask every secret before the first log line (SPEC §4, research C3).
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  const secretWarnings = registerInputSecrets(secrets, readInput, process.env);
  const logger = actionLogger(secrets);
  for (const warning of secretWarnings) logger.warning(warning);
  const cleanup = new CleanupRegistry();
  const context = await readRunContext();
  const link = summaryLinks(context);
  installSignalHandlers(cleanup, logger, link);
  installCrashGuard(cleanup, logger, link);

  let result: RunResult;
  let stopWatchdog = (): void => {};
  try {
    const settings = parseSettings(readInput, context);
    const plan = planRun({
      timeoutMinutes: settings.timeoutMinutes,
      deadlineMinutes: settings.deadlineMinutes,
      createMs: settings.createTimeoutMinutes * 60_000,
      now: Date.now(),
    });
    stopWatchdog = startWatchdog(plan, cleanup, logger, link);
    result = await runPipeline({
      settings,
      context,
      plan,
      repoDir: context.workspace,
      host: {
        logger,
        secrets,
        cleanup,
        saveState: (name, value) => core.saveState(name, value),
      } satisfies Host,
    });
  } catch (error) {
    const failure = toActionError(error);
    result = { outcome: 'failed', reason: failure.reason, message: failure.describe(), timings: [] };
  } finally {
    stopWatchdog();
  }
  // A signal or the watchdog is stopping the run: that path reports the outcome and exits.
  if (stopping) return;
  setOutputs(result, link);
  await writeSummary(result, link, logger);
  if (failsStep(result.outcome)) failStep(logger, result.message);
  else logger.info(`Outcome: ${result.outcome}. ${result.message}`);
}

/** Outputs carry only codes, numbers, paths, ids and hashes (SPEC §2); never agent or comment text. */
function setOutputs(result: RunResult, links: SummaryLinks): void {
  const outputs: Record<string, string | number | undefined> = {
    outcome: result.outcome,
    reason: result.reason,
    'pr-number': result.prNumber,
    'pr-url': result.prUrl,
    branch: result.branch,
    'follow-up': result.followUp ? 'true' : 'false',
    commits: result.commits,
    'files-changed': result.filesChanged,
    'patch-path': result.patchPath,
    'meta-path': result.metaPath,
    'artifact-id': result.artifactId,
    'artifact-url': artifactUrl(links, result.artifactId),
    'sandbox-id': result.sandboxId,
    'base-sha': result.baseSha,
    'head-tree': result.headTree,
    // allow-fork-prs: suggest (issue 20 item 6); '' on every other run.
    suggestions: result.suggestions,
  };
  for (const [name, value] of Object.entries(outputs))
    core.setOutput(name, value === undefined ? '' : String(value));
}

/** The run's own GitHub coordinates (runner env), for the summary's links and `artifact-url`. */
function summaryLinks(context: RunContext): SummaryLinks {
  return {
    runUrl: runUrl(context),
    serverUrl: context.serverUrl,
    repository: context.repository,
    runId: context.runId,
  };
}

async function writeSummary(result: RunResult, link: SummaryLinks, logger: Logger): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return;
  try {
    // Loaded here, not at start: the renderer is not needed before the first log line (issue 19).
    const { renderSummary } = await import('./deliver/summary.js');
    await core.summary.addRaw(await renderSummary(result, link)).write();
  } catch (error) {
    logger.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

let stopping = false;

/**
 * Ends the run from outside the pipeline (a signal, or the deadline watchdog): the sandbox delete starts
 * at once and is bounded to 6 s, then the outcome is reported and the process exits. In-flight sandbox
 * commands are abandoned: deleting the sandbox ends them.
 */
function stopRun(
  cleanup: CleanupRegistry,
  logger: Logger,
  link: SummaryLinks,
  failure: { reason: 'cancelled' | 'deadline-exceeded' | 'internal-error'; message: string },
  exitCode: number,
): void {
  if (stopping) return;
  stopping = true;
  logger.warning(failure.message);
  void cleanup
    .runAll(6_000, (key, error) =>
      logger.warning(`Cleanup of ${key} failed: ${errorMessage(error)} The post step will try again.`),
    )
    .then(async () => {
      const result: RunResult = { outcome: 'failed', ...failure, timings: [] };
      setOutputs(result, link);
      await writeSummary(result, link, logger);
      failStep(logger, failure.message);
    })
    .finally(() => process.exit(exitCode));
}

/** The runner sends SIGINT, then SIGTERM 7.5 s later, then kills: start deleting the sandbox at once. */
function installSignalHandlers(cleanup: CleanupRegistry, logger: Logger, link: SummaryLinks): void {
  const onSignal = (signal: NodeJS.Signals): void =>
    stopRun(
      cleanup,
      logger,
      link,
      {
        reason: 'cancelled',
        message: `The run was cancelled (${signal}); the sandbox is deleted before exiting.`,
      },
      130,
    );
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Last line of defence: an exception nothing caught (an `error` event without a listener deep in an SDK,
 * a rejected promise nobody awaited) would kill the process with no outputs and the sandbox left
 * running. Instead the run ends as it would on a signal: the sandbox is deleted, the outputs say
 * failed/internal-error, and the process exits 1.
 */
function installCrashGuard(cleanup: CleanupRegistry, logger: Logger, link: SummaryLinks): void {
  const onCrash = (error: unknown): void =>
    stopRun(
      cleanup,
      logger,
      link,
      {
        reason: 'internal-error',
        message: `The run stopped on an unexpected error: ${errorMessage(error)}. The sandbox is deleted before exiting; run the job again, and report this if it repeats.`,
      },
      1,
    );
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
}

/** Grace after the deadline before the watchdog steps in (the pipeline's own timeouts come first). */
const WATCHDOG_GRACE_MS = 60_000;

/** If the pipeline is still running a minute past its deadline, something is stuck: stop it. */
function startWatchdog(
  plan: RunPlan,
  cleanup: CleanupRegistry,
  logger: Logger,
  link: SummaryLinks,
): () => void {
  const overall = formatMinutes(plan.deadlineAt - plan.startedAt);
  const timer = setTimeout(
    () =>
      stopRun(
        cleanup,
        logger,
        link,
        {
          reason: 'deadline-exceeded',
          message: `The run did not finish within its ${overall} deadline; the sandbox was deleted and the run stopped. The log shows the stage that was still running: raise deadline-minutes or fix that stage.`,
        },
        1,
      ),
    Math.max(0, plan.deadlineAt - Date.now()) + WATCHDOG_GRACE_MS,
  );
  timer.unref();
  return () => clearTimeout(timer);
}

/**
 * Logger on top of @actions/core. Every line is redacted and made inert (`inertLines`): agent-chosen
 * paths, stderr tails and remote messages cannot issue workflow commands. Agent output is also fenced
 * with a random `::stop-commands::` token.
 */
export function actionLogger(secrets: SecretRegistry): Logger {
  const inert = (text: string): string[] => inertLines(secrets.redact(text));
  return {
    info: (m) => {
      for (const line of inert(m)) core.info(line);
    },
    // core.warning/error/debug escape line breaks in the command data; inert lines keep it uniform.
    warning: (m) => core.warning(inert(m).join('\n')),
    error: (m) => core.error(inert(m).join('\n')),
    debug: (m) => core.debug(inert(m).join('\n')),
    group: (name, fn) => core.group(inert(name).join(' '), fn),
    agentStream(label) {
      const token = stopCommandsToken();
      return pairedStream(label, secrets, (line) => process.stdout.write(`${line}\n`), {
        open: () => process.stdout.write(`::stop-commands::${token}\n`),
        close: () => process.stdout.write(`::${token}::\n`),
      });
    },
  };
}

/** core.setFailed without its raw `core.error`: the message is redacted and made inert by the logger. */
export function failStep(logger: Logger, message: string): void {
  process.exitCode = 1;
  logger.error(message);
}
