/**
 * One `agent-env` line as users write it, read the way they mean it. People paste dotenv syntax
 * (`KEY="sk-…"`, `KEY='…'`) or put spaces around `=`; taken literally the quotes or the leading space
 * become part of the key and the agent's CLI fails its auth after boot and install (ux-findings row 52–53).
 * Both are normalized, and `adjusted` says so, so the caller can warn with the name (never the value).
 */
export interface AgentEnvLine {
  name: string;
  value: string;
  /** The raw text after `=`, before normalizing: masked too, since it is what the log may echo. */
  rawValue: string;
  adjusted: boolean;
}

/** Undefined for blank lines, comments and lines without `=` (the caller reports those). */
export function readAgentEnvLine(line: string): AgentEnvLine | undefined {
  if (!line.trim() || line.trimStart().startsWith('#')) return undefined;
  const eq = line.indexOf('=');
  if (eq === -1) return undefined;
  const name = line.slice(0, eq).trim();
  const rawValue = line.slice(eq + 1);
  let value = rawValue.trim();
  // One pair of matching surrounding quotes, as dotenv and a shell would strip them.
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    value = value.slice(1, -1);
  }
  return { name, value, rawValue, adjusted: value !== rawValue };
}
