import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/deliver/github.js';
import { consoleLogger } from '../../src/shared/log.js';
import { authorize } from '../../src/trigger/authorize.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
});

const perms = (role: string, p: Partial<Record<string, boolean>>, association?: string) => ({
  body: {
    permission: role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role,
    role_name: role,
    user: { login: 'u', type: 'User', permissions: { pull: true, ...p } },
    // author_association-like hints must never matter.
    ...(association ? { author_association: association } : {}),
  },
});

describe('authorize (permission API matrix against the fake GitHub)', () => {
  const cases: Array<{
    name: string;
    login: string;
    sender?: string;
    type?: string;
    answer?: { status?: number; body?: unknown };
    bots?: string[];
    allowed: boolean;
  }> = [
    { name: 'read', login: 'reader', answer: perms('read', {}), allowed: false },
    { name: 'triage', login: 'triager', answer: perms('triage', { triage: true }), allowed: false },
    { name: 'write', login: 'writer', answer: perms('write', { push: true }), allowed: true },
    {
      name: 'maintain',
      login: 'maint',
      answer: perms('maintain', { push: true, maintain: true }),
      allowed: true,
    },
    { name: 'admin', login: 'boss', answer: perms('admin', { push: true, admin: true }), allowed: true },
    {
      name: 'custom role with push',
      login: 'custom',
      answer: perms('deployer', { push: true }),
      allowed: true,
    },
    { name: 'custom role without push', login: 'custom2', answer: perms('auditor', {}), allowed: false },
    { name: 'MEMBER with read', login: 'member', answer: perms('read', {}, 'MEMBER'), allowed: false },
    {
      name: 'CONTRIBUTOR with write',
      login: 'contrib',
      answer: perms('write', { push: true }, 'CONTRIBUTOR'),
      allowed: true,
    },
    { name: 'an App (404 not a user)', login: 'someapp', allowed: false },
    { name: 'a 500', login: 'flaky', answer: { status: 500, body: { message: 'boom' } }, allowed: false },
    {
      name: 'author ≠ sender',
      login: 'writer',
      sender: 'mallory',
      answer: perms('write', { push: true }),
      allowed: false,
    },
    {
      name: 'a bot with write',
      login: 'renovate[bot]',
      answer: perms('write', { push: true }),
      allowed: false,
    },
    {
      name: 'a type Bot user',
      login: 'helper',
      type: 'Bot',
      answer: perms('admin', { push: true }),
      allowed: false,
    },
    { name: 'an allowed bot', login: 'renovate[bot]', bots: ['renovate'], allowed: true },
  ];
  it.each(cases)('$name → allowed: $allowed', async (c) => {
    github = await startFakeGitHub();
    if (c.answer) github.permissions.set(c.login, c.answer);
    const octokit = await createGitHubClient(
      't',
      github.url,
      consoleLogger(
        (s) => s,
        () => {},
      ),
    );
    const verdict = await authorize({
      octokit,
      owner: 'octo',
      repo: 'demo',
      author: { login: c.login, type: c.type ?? (c.login.endsWith('[bot]') ? 'Bot' : 'User') },
      sender: c.sender ?? c.login,
      allowedBots: c.bots ?? [],
    });
    expect(verdict.allowed).toBe(c.allowed);
    const asked = github.calls.filter((call) => call.path.includes('/collaborators/'));
    const botOrMismatch = c.type === 'Bot' || c.login.endsWith('[bot]') || (c.sender && c.sender !== c.login);
    expect(asked.length).toBe(botOrMismatch ? 0 : 1);
  });
});
