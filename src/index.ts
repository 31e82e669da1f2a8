import { runAction } from './action.js';
import { ENTRY_GLOBAL, isEntryName } from './entry.js';
import { exitWhenSettled } from './shared/exit.js';

// The one bundle behind dist/: the action's main step runs when dist/index.js is loaded as is; the stubs
// the build writes (dist/post, dist/sweep, dist/cli) set ENTRY_GLOBAL first and import this file, so the
// four share one set of chunks. The others load lazily: main's cold start stays that of the action alone.
const requested: unknown = (globalThis as Record<string, unknown>)[ENTRY_GLOBAL] ?? 'main';

if (!isEntryName(requested)) {
  process.stderr.write(
    `sandbox-agent: unknown entry ${JSON.stringify(String(requested)).slice(0, 40)}; run dist/index.js, ` +
      'dist/post/index.js, dist/sweep/index.js or dist/cli/index.js.\n',
  );
  process.exitCode = 1;
} else if (requested === 'main') {
  exitWhenSettled(runAction());
} else {
  const started =
    requested === 'post'
      ? import('./post.js').then((entry) => entry.runPost())
      : requested === 'sweep'
        ? import('./sweep/action.js').then((entry) => entry.runSweepAction())
        : import('./cli.js').then((entry) => entry.runCli());
  // Once the run is over the process ends, even if an abandoned socket still holds the event loop.
  exitWhenSettled(
    started.catch((error: unknown) => {
      process.stderr.write(`sandbox-agent: could not start the ${requested} entry: ${String(error)}\n`);
      process.exitCode = 1;
    }),
  );
}
