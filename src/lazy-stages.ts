// Cold start (issue 19 item 6): the stages that run after the snapshot (agent, capture, verify, policy,
// deliver) are most of the bundle's own code, and compiling them at start delayed the first log line
// by about 25 ms (measured: the evaluation of that code before the first line). These wrappers have
// the stages' signatures and load their chunk on first call, once the run has started logging.
type Stages = typeof import('./lazy-stages-impl.js');

let loading: Promise<Stages> | undefined;
const stages = (): Promise<Stages> => {
  // A failed load is not cached: the next call tries again.
  loading ??= import('./lazy-stages-impl.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
};

export const runAgent: Stages['runAgent'] = async (...args) => (await stages()).runAgent(...args);
export const stageRepository: Stages['stageRepository'] = async (...args) =>
  (await stages()).stageRepository(...args);
export const capturePatch: Stages['capturePatch'] = async (...args) => (await stages()).capturePatch(...args);
export const deliver: Stages['deliver'] = async (...args) => (await stages()).deliver(...args);
export const keepWorkAfterFailure: Stages['keepWorkAfterFailure'] = async (...args) =>
  (await stages()).keepWorkAfterFailure(...args);
export const quarantineUnverified: Stages['quarantineUnverified'] = async (...args) =>
  (await stages()).quarantineUnverified(...args);
export const verifyPatch: Stages['verifyPatch'] = async (...args) => (await stages()).verifyPatch(...args);
export const checkPolicy: Stages['checkPolicy'] = async (...args) => (await stages()).checkPolicy(...args);
