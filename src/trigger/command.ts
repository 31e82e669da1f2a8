/** Hidden marker in every comment this action posts; a comment carrying it never triggers a run. */
export const TRACKING_MARKER_PREFIX = '<!-- sandbox-agent:';

export interface SlashCommand {
  /** The user's text after the trigger phrase (rest of the first line, then the following lines). */
  instruction: string;
}

/**
 * SPEC §7: a comment triggers only when the first token of its first line is exactly the trigger
 * phrase. Quoted (`> /agent`), fenced or indented (code) text, the phrase on a later line, and
 * `/agentfoo` do not. Bodies carrying our own marker never trigger (nothing we post re-triggers us).
 */
export function parseCommand(body: string, phrase: string): SlashCommand | null {
  if (!phrase || body.includes(TRACKING_MARKER_PREFIX)) return null;
  const text = body.replace(/^\uFEFF/, '');
  const newline = text.search(/\r?\n/);
  const first = newline === -1 ? text : text.slice(0, newline);
  const rest = newline === -1 ? '' : text.slice(newline).replace(/^\r?\n/, '');
  // Up to three spaces of indentation; four or a tab is a markdown code block.
  const match = /^ {0,3}(\S+)(?:[ \t]+(.*))?$/.exec(first);
  if (!match || match[1] !== phrase) return null;
  const head = (match[2] ?? '').trim();
  const instruction = [head, rest].filter((part) => part.trim().length > 0).join('\n');
  return { instruction: instruction.replace(/\s+$/, '') };
}

/** Bot accounts: the `[bot]` login suffix or `type: Bot`. */
export function isBot(user: { login?: string; type?: string }): boolean {
  return (user.login ?? '').endsWith('[bot]') || user.type === 'Bot';
}
