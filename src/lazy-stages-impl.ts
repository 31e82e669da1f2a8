// The stages that run after the snapshot, gathered so that the bundle puts them in one chunk that
// src/lazy-stages.ts loads on first use. Import them from there, not from here.
export { runAgent } from './agent/index.js';
export { stageRepository } from './agent/stage.js';
export { capturePatch } from './capture/index.js';
export { deliver } from './deliver/index.js';
export { keepWorkAfterFailure } from './deliver/keep-after-failure.js';
export { quarantineUnverified } from './deliver/quarantine.js';
export { verifyPatch } from './deliver/verify.js';
export { checkPolicy } from './policy/index.js';
