/** Marker in everything the action posts, so its own comments can never trigger it. */
export const ACTION_MARKER = '<!-- sandbox-agent';

/**
 * Parses a slash command (SPEC §7): only the first token of the first line, exactly the trigger phrase.
 * `/agentfoo`, a quoted (`> /agent`) or fenced command, or one on line 2 does not trigger. Returns the
 * instruction text (the rest of the comment), or undefined when the comment is not a command.
 */
export function parseCommand(body: string, phrase: string): string | undefined {
  if (!phrase || body.includes(ACTION_MARKER)) return undefined;
  const normalized = body.replace(/\r\n?/g, '\n');
  const newline = normalized.indexOf('\n');
  const firstLine = (newline === -1 ? normalized : normalized.slice(0, newline)).trimStart();
  if (!firstLine.startsWith(phrase)) return undefined;
  const after = firstLine.slice(phrase.length);
  if (after !== '' && !/^\s/.test(after)) return undefined;
  const rest = newline === -1 ? '' : normalized.slice(newline + 1);
  return `${after.trim()}${rest ? `\n${rest}` : ''}`.trim();
}
