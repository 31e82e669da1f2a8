/**
 * Test-only fault injection: `SANDBOX_AGENT_TEST_FAULT=<point>` makes that point throw, so the built
 * action's tests can reach paths no honest input reaches (an internal error after verify). Only tests set
 * this variable; production never does, and an unset or different value does nothing.
 */
export type TestFaultPoint = 'policy' | 'deliver';

export function injectTestFault(point: TestFaultPoint): void {
  if (process.env['SANDBOX_AGENT_TEST_FAULT'] === point) {
    throw new Error(`injected test fault at ${point} (SANDBOX_AGENT_TEST_FAULT)`);
  }
}
