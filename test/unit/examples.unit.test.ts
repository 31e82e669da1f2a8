import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT, readActionYaml } from '../helpers/action.js';

/** Every example parses and passes only inputs the action (or the sweep sub-action) declares. */
describe('examples/', () => {
  const main = Object.keys(readActionYaml().inputs);
  const sweep = Object.keys(readActionYaml(join(PROJECT_ROOT, 'sweep', 'action.yml')).inputs);
  const files = readdirSync(join(PROJECT_ROOT, 'examples')).filter((f) => f.endsWith('.yml'));

  it('has the manual, comment, issue, review and weekly workflows', () => {
    expect(files.sort()).toEqual([
      'comment.yml',
      'dispatch.yml',
      'issue-label.yml',
      'review.yml',
      'weekly.yml',
    ]);
  });

  it('review.yml: submitted reviews, review comments and PR comments, pre-filtered on the phrase, least permissions', () => {
    const workflow = parse(readFileSync(join(PROJECT_ROOT, 'examples', 'review.yml'), 'utf8')) as {
      on: Record<string, { types: string[] }>;
      permissions: Record<string, string>;
      jobs: { agent: { if: string } };
    };
    expect(workflow.on).toEqual({
      pull_request_review: { types: ['submitted'] },
      pull_request_review_comment: { types: ['created'] },
      issue_comment: { types: ['created'] },
    });
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(workflow.jobs.agent.if).toContain("startsWith(github.event.review.body, '/agent')");
    expect(workflow.jobs.agent.if).toContain("startsWith(github.event.comment.body, '/agent')");
  });

  it('review.yml grants what thread replies and resolveReviewThread need, and README’s Permissions table says the same', () => {
    const workflow = parse(readFileSync(join(PROJECT_ROOT, 'examples', 'review.yml'), 'utf8')) as {
      permissions: Record<string, string>;
    };
    // Replies: REST "Create a reply for a review comment" needs "Pull requests" (write)
    // (docs.github.com/rest/pulls/comments#create-a-reply-for-a-review-comment). resolveReviewThread
    // needs pull-requests: write and repository write access, i.e. contents: write for an app token
    // (github.com/orgs/community/discussions/204269; GraphQL documents no per-mutation permission).
    expect(workflow.permissions['pull-requests']).toBe('write');
    expect(workflow.permissions['contents']).toBe('write');

    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Permissions'));
    const rowOf = (event: string): string[] => {
      const line = section.split('\n').find((l) => l.startsWith(`| ${event} |`));
      expect(line, event).toBeDefined();
      return line!.split('|').map((cell) => cell.trim());
    };
    const granted = Object.entries(workflow.permissions)
      .map(([scope, level]) => `\`${scope}: ${level}\``)
      .sort();
    for (const event of ['`pull_request_review_comment`', '`pull_request_review` (`submitted`)']) {
      // Columns: '', trigger, output: artifact, output: pull-request or both, ''.
      const forPullRequests = rowOf(event)[3]!.split(', ').sort();
      expect(forPullRequests, event).toEqual(granted);
    }
    expect(section).toMatch(
      /resolving a thread \(GraphQL `resolveReviewThread`[^)]*\)\s+needs `pull-requests: write` plus write access to the repository \(`contents: write`\)/,
    );
  });

  it.each(files)('%s uses only declared inputs', (file) => {
    const workflow = parse(readFileSync(join(PROJECT_ROOT, 'examples', file), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    expect(workflow.permissions).toBeTruthy();
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const ours = steps.filter((s) => s.uses?.startsWith('sandbox-agent/sandbox-agent-action'));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) {
      const allowed = step.uses?.includes('/sweep@') ? sweep : main;
      for (const name of Object.keys(step.with ?? {})) expect(allowed, `${file}: ${name}`).toContain(name);
    }
  });
});
