/**
 * GitHub's login rule: 1–39 characters, letters, digits and single hyphens, neither first nor last.
 * An app's account is its slug plus `[bot]`.
 */
const USER_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const BOT_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\[bot\]$/;

/**
 * How GitHub text names the person who asked for the run: `@login` (a mention, on purpose: they asked)
 * for a valid user login, the bot's login in code (a bot is not pinged), nothing for anything else, so
 * a login that is not one can never smuggle Markdown or a second mention into our text.
 */
export function requesterMention(login: string | undefined): string | undefined {
  if (!login) return undefined;
  if (USER_LOGIN.test(login)) return `@${login}`;
  if (BOT_LOGIN.test(login)) return `\`${login}\``;
  return undefined;
}
