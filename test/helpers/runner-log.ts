/**
 * Reads captured output the way the GitHub runner does (actions/runner ActionCommandManager and
 * ActionCommand.TryParseV2 / TryParse): lines split like .NET ReadLine (`\n`, `\r\n`, bare `\r`); per
 * line the V2 form `::cmd k=v,k=v::data` when the line starts with `::` after TrimStart, otherwise the
 * legacy form `##[cmd k=v;k=v]data` anywhere in the line (first `##[`, first `]` after it); V2 is tried
 * first and, when it parses, legacy is not. Command names are matched case-insensitively against the
 * registered set; while `stop-commands` is active nothing is processed until the resume token arrives
 * as a command (either form). Returns the commands the runner would process, in order.
 */
export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  form: 'v2' | 'legacy';
  /** The whole line, for failure messages. */
  line: string;
}

/** Commands the runner registers (actions/runner ActionCommandManager and its extensions). */
export const RUNNER_COMMANDS = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
] as const;

/** What .NET's char.IsWhiteSpace accepts (TrimStart): JavaScript's `\s` minus U+FEFF, plus U+0085. */
const DOTNET_LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

export function runnerLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // ReadLine yields no empty line after a final line break.
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function parseRunnerLog(text: string): RunnerCommand[] {
  const registered = new Set<string>(RUNNER_COMMANDS);
  const processed: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const line of runnerLines(text)) {
    const command = parseV2(line, registered) ?? parseLegacy(line, registered);
    if (!command) continue;
    const name = command.name.toLowerCase();
    if (stopToken !== undefined) {
      if (name !== stopToken) continue;
      registered.delete(stopToken);
      stopToken = undefined;
      processed.push(command);
      continue;
    }
    if (name === 'stop-commands') {
      stopToken = command.data.toLowerCase();
      registered.add(stopToken);
    }
    processed.push(command);
  }
  return processed;
}

function isRegistered(name: string, registered: Set<string>): boolean {
  return name !== '' && registered.has(name.toLowerCase());
}

function parseV2(line: string, registered: Set<string>): RunnerCommand | undefined {
  const message = line.replace(DOTNET_LEADING_SPACE, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(name, registered)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const [key, value] = splitPair(pair);
      if (key !== undefined && value !== undefined) properties[key] = unescapeRunner(value, PROPERTY_V2);
    }
  }
  return { name, properties, data: unescapeRunner(message.slice(end + 2), DATA_V2), form: 'v2', line };
}

function parseLegacy(line: string, registered: Set<string>): RunnerCommand | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const close = line.indexOf(']', prefix);
  if (close < 0) return undefined;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(name, registered)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const [key, value] = splitPair(pair);
      if (key !== undefined && value !== undefined) properties[key] = unescapeRunner(value, LEGACY);
    }
  }
  return { name, properties, data: unescapeRunner(line.slice(close + 1), LEGACY), form: 'legacy', line };
}

/** .NET `Split('=', 2, RemoveEmptyEntries)` keeping only two-part results. */
function splitPair(pair: string): [string | undefined, string | undefined] {
  const at = pair.indexOf('=');
  if (at < 0) return [undefined, undefined];
  const parts = [pair.slice(0, at), pair.slice(at + 1)].filter((p) => p !== '');
  // With RemoveEmptyEntries, "=a=b" splits to ["a=b"] (one part): not a property.
  if (parts.length !== 2) return [undefined, undefined];
  return [parts[0], parts[1]];
}

type Mapping = ReadonlyArray<[token: string, replacement: string]>;
const LEGACY: Mapping = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25'],
];
const DATA_V2: Mapping = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25'],
];
const PROPERTY_V2: Mapping = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25'],
];

function unescapeRunner(text: string, mapping: Mapping): string {
  let result = text;
  for (const [token, replacement] of mapping) result = result.replaceAll(replacement, token);
  return result;
}
