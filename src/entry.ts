/**
 * Which program dist/index.js runs. The build writes dist/post/index.js, dist/sweep/index.js and
 * dist/cli/index.js as stubs that set this global and import ../index.js (as actions/checkout runs main and
 * post from one bundle). A global, not an env var: it cannot leak into child processes (git, the agent)
 * or be set from outside the process.
 */
export const ENTRY_GLOBAL = '__sandboxAgentEntry';

export const ENTRY_NAMES = ['main', 'post', 'sweep', 'cli'] as const;
export type EntryName = (typeof ENTRY_NAMES)[number];

export function isEntryName(value: unknown): value is EntryName {
  return typeof value === 'string' && (ENTRY_NAMES as readonly string[]).includes(value);
}
