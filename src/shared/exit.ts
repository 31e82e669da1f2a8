/** How long an entry point waits, once its work is done, for the event loop to empty by itself. */
export const LAST_RESORT_EXIT_MS = 5_000;

/**
 * Ends the process once `work` settled and its outputs are written, if something still holds the event
 * loop (an abandoned socket, such as a log stream a proxy left open but silent): the run is over, so
 * the step must not hang. The timer is unref'd, so a clean process exits at once without it. Entry
 * points only (src/index.ts, src/post.ts): tests that run the pipeline in-process never call it.
 */
export function exitWhenSettled(work: Promise<unknown>, delayMs = LAST_RESORT_EXIT_MS): void {
  const schedule = (): void => {
    setTimeout(() => {
      process.stderr.write(
        `Something still held the process ${delayMs / 1000} s after the run ended; exiting.\n`,
      );
      process.exit(process.exitCode ?? 0);
    }, delayMs).unref();
  };
  work.then(schedule, (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    schedule();
  });
}
