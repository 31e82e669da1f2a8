/**
 * Cleanup work that must run even when the process is interrupted (SIGINT/SIGTERM from a cancelled
 * job). The pipeline registers the sandbox delete as soon as the sandbox exists.
 */
export class CleanupRegistry {
  private readonly tasks = new Map<string, () => Promise<void>>();
  private ran = false;

  /** True once `runAll` has started: the process is going down and the cleanups are under way. */
  get closing(): boolean {
    return this.ran;
  }

  add(key: string, task: () => Promise<void>): void {
    this.tasks.set(key, task);
  }

  remove(key: string): void {
    this.tasks.delete(key);
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Runs every task concurrently, bounded by `timeoutMs`; failures are reported, never thrown. */
  async runAll(timeoutMs: number, onError: (key: string, error: unknown) => void): Promise<void> {
    this.ran = true;
    const pending = [...this.tasks.entries()];
    this.tasks.clear();
    const all = Promise.all(
      pending.map(async ([key, task]) => {
        try {
          await task();
        } catch (error) {
          onError(key, error);
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([all, timeout]);
    if (timer) clearTimeout(timer);
  }
}

/** The runner-side scratch dir of a run, under RUNNER_TEMP (post removes only dirs named like this). */
export const WORK_DIR_PREFIX = 'sandbox-agent-work-';
