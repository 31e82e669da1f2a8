import { errorText, type GitHubClient, httpStatus } from '../deliver/github.js';
import { isBot } from './command.js';

export interface AuthorizeInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The comment's author. */
  author: { login: string; type?: string };
  /** `sender.login` of the event. */
  sender: string;
  allowedBots: string[];
}

export type Authorization = { allowed: true; role: string } | { allowed: false; why: string };

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * SPEC §7: the comment author must be the sender and hold admin, maintain or write (or a custom role
 * with push) per the permission API. `author_association` is never consulted; every API error denies.
 * Bots are denied unless listed in `allowed-bots` (Apps have no collaborator permission to check).
 */
export async function authorize(input: AuthorizeInput): Promise<Authorization> {
  const login = input.author.login;
  if (!login || login !== input.sender) {
    return { allowed: false, why: `the comment author (${login || 'unknown'}) is not the event sender` };
  }
  if (isBot(input.author)) {
    const name = login.replace(/\[bot\]$/, '');
    const listed = input.allowedBots.some((bot) => bot === login || bot.replace(/\[bot\]$/, '') === name);
    return listed
      ? { allowed: true, role: 'allowed-bot' }
      : { allowed: false, why: `${login} is a bot that is not listed in allowed-bots` };
  }
  try {
    const { data } = await input.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: input.owner,
      repo: input.repo,
      username: login,
      // Any error denies; the user can comment again (a retried 5xx would hold the job for seconds).
      request: { retries: 0 },
    });
    const role = (data as { role_name?: string }).role_name ?? '';
    const perms = (data.user as { permissions?: Record<string, boolean> } | null)?.permissions ?? {};
    if (
      WRITE_ROLES.has(role) ||
      perms['push'] === true ||
      perms['maintain'] === true ||
      perms['admin'] === true
    ) {
      return { allowed: true, role: role || 'push' };
    }
    return { allowed: false, why: `${login} has the ${role || 'no'} role; write access is required` };
  } catch (error) {
    const status = httpStatus(error);
    return {
      allowed: false,
      why: `the permission check for ${login} failed (${status ?? 'network error'}: ${errorText(error).slice(0, 120)})`,
    };
  }
}
