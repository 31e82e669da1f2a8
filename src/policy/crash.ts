import { ActionError } from '../shared/errors.js';
import type { PolicyReport } from './index.js';

/** A policy check that could not finish decided nothing: it is an internal error, not a refusal. */
export function policyCrash(policy: PolicyReport): ActionError | undefined {
  const crash = policy.findings.find((f) => f.rule === 'internal');
  return crash && new ActionError('internal-error', crash.detail);
}
