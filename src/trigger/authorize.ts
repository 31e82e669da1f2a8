import type { GitHubClient } from '../deliver/github.js';
import { errorText, httpStatus } from '../deliver/github.js';

export interface AuthorizationInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** `comment.user.login` and `comment.user.type`. */
  author: { login: string; type?: string };
  /** `sender.login`: must equal the author (no confused deputy). */
  sender: string;
  allowedBots: string[];
}

export type Authorization = { allowed: true; permission: string } | { allowed: false; why: string };

/**
 * Whether the comment's author may run the agent (SPEC §7): the permission API decides (admin, maintain,
 * write, or a custom role with push); `author_association` is never trusted; bots only when listed;
 * "not a user" (404) and every other error deny.
 */
export async function authorize(input: AuthorizationInput): Promise<Authorization> {
  const { login, type } = input.author;
  if (!login || login !== input.sender) {
    return {
      allowed: false,
      why: `the comment author (${login || 'unknown'}) is not the sender (${input.sender || 'unknown'})`,
    };
  }
  const isBot = type === 'Bot' || login.endsWith('[bot]');
  if (
    isBot &&
    !input.allowedBots.includes(login) &&
    !input.allowedBots.includes(login.replace(/\[bot\]$/, ''))
  ) {
    return { allowed: false, why: `${login} is a bot that is not in allowed-bots` };
  }
  try {
    const { data } = await input.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: input.owner,
      repo: input.repo,
      username: login,
    });
    const user = data.user as { permissions?: Record<string, boolean> } | null;
    const role = (data as { role_name?: string }).role_name ?? '';
    const p = user?.permissions ?? {};
    const allowed = p['admin'] || p['maintain'] || p['push'] || ['admin', 'maintain', 'write'].includes(role);
    return allowed
      ? { allowed: true, permission: role || data.permission }
      : { allowed: false, why: `${login} has ${role || data.permission} access; write access is required` };
  } catch (error) {
    const status = httpStatus(error);
    return {
      allowed: false,
      why: `the permission check for ${login} failed (${status ?? 'network'}: ${errorText(error).slice(0, 120)})`,
    };
  }
}
