// Cold start (issue 19 item 6): the comment/issue trigger code (tracking comment, trigger label, the
// prompt's history note) is needed only by the events that use it, or only after the snapshot. These
// wrappers have the functions' signatures; a run that cannot need the code (a dispatch run has no
// comment to track and no label to remove) returns at once without loading it. The guards are a cheap
// superset of the functions' own first checks, which still decide.
import type { RunResult } from './deliver/result.js';
import type { RunContext } from './settings/context.js';
import type { Settings } from './settings/index.js';
import { errorMessage } from './shared/errors.js';
import type { Logger } from './shared/log.js';
import type { ShippedHistory } from './snapshot/history.js';
import type { Task } from './trigger/index.js';
import type { Tracker } from './trigger/tracking.js';

export type { Tracker } from './trigger/tracking.js';

const NO_TRACKING: Tracker = { finish: async () => {} };

/** Only comment and issue triggers have a tracking comment (trigger/tracking.ts checks the rest). */
export async function startTracking(
  settings: Settings,
  context: RunContext,
  task: Task,
  logger: Logger,
): Promise<Tracker> {
  if (!task.comment && !task.issueTrigger) return NO_TRACKING;
  let tracking: typeof import('./trigger/tracking.js');
  try {
    tracking = await import('./trigger/tracking.js');
  } catch (error) {
    // As trigger/tracking.ts does when the GitHub client cannot load: the run goes on without it.
    logger.warning(`Could not load the tracking comment code: ${errorMessage(error)}`);
    return NO_TRACKING;
  }
  return tracking.startTracking(settings, context, task, logger);
}

/** Only an `issues` event has a trigger label (trigger/issue.ts checks the rest). */
export async function removeTriggerLabel(
  settings: Settings,
  context: RunContext,
  result: RunResult,
  logger: Logger,
): Promise<void> {
  if (context.eventName !== 'issues') return;
  let issue: typeof import('./trigger/issue.js');
  try {
    issue = await import('./trigger/issue.js');
  } catch (error) {
    // runPipeline never throws: the label stays, and the log says why.
    logger.warning(
      `Could not load the trigger label code; the label was not removed: ${errorMessage(error)}`,
    );
    return;
  }
  await issue.removeTriggerLabel(settings, context, result, logger);
}

export async function buildHistoryNote(history: ShippedHistory): Promise<string> {
  return (await import('./trigger/prompt.js')).buildHistoryNote(history);
}

type Threads = typeof import('./threads/index.js');

/** Review threads exist only on review triggers; main.ts calls these only when the task has some. */
export const answerReviewThreads: Threads['answerReviewThreads'] = async (...args) =>
  (await import('./threads/index.js')).answerReviewThreads(...args);
export const observePush: Threads['observePush'] = async (...args) =>
  (await import('./threads/index.js')).observePush(...args);
