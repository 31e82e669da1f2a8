// Types of bench/leftovers.mjs, for the unit test that imports it.
export function processesWithEnv(needles: string[]): number[];
export function unexpectedEntries(dir: string, expected: ReadonlySet<string>): string[];
export function openFds(): number;
export function fdKinds(): Record<string, number>;
export function settle(check: () => boolean, limitMs?: number): Promise<boolean>;
export function linearTrend(values: number[]): number;
