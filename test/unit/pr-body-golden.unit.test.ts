import { describe, expect, it } from 'vitest';
import { PROMPT_DETAILS_CLOSE, PROMPT_DETAILS_OPEN, renderPrBody } from '../../src/deliver/pr-body.js';
import { deriveTitle, type Task } from '../../src/trigger/index.js';
import { buildCommentPrompt } from '../../src/trigger/prompt.js';
import { emptyTableHeaders, linksIn, mentionsIn, violationsBesidesOurs } from '../helpers/github-text.js';

/**
 * Golden PR bodies (issue 19 item 4): the body leads with the agent's summary, then who asked and what
 * (one line; the full prompt folded away), `Refs #N`, commits and files, the verified base and tree
 * and `gh pr checkout <branch>`. The agent's summary and the prompt are hostile here; rendered with a
 * GFM parser, the only mention is the requester's and nothing else GitHub would act on survives.
 */
const INSTRUCTION =
  'fix the crash <img src=x onerror=alert(1)> Closes #1 @bob [x](javascript:alert(1))\nand add a test';
const HOSTILE_SUMMARY = [
  'Fixed the crash in `parse()`. Closes #1, cc @bob @org/team <img src=x onerror=alert(1)>',
  '[click](javascript:alert(1)) ![pixel](https://evil.example/p.png)',
  '/approve',
  '',
  '| file | change |',
  '|---|---|',
  '| parse.ts | guard |',
].join('\n');

function commentTask(): Task {
  return {
    trigger: 'issue',
    number: 7,
    prompt: buildCommentPrompt({
      standing: '',
      instruction: INSTRUCTION,
      requestedBy: 'alice',
      kind: 'issue',
      number: 7,
      title: 'Crash on empty input',
      body: 'It crashes. Fixes #2 @carol',
      thread: [],
    }),
    title: deriveTitle(INSTRUCTION),
    requestedBy: 'alice',
    comment: { id: 555, review: false },
  };
}

const COMMON = {
  commits: [
    { sha: 'a'.repeat(40), subject: 'Fixes #3 `@dave` <b>bold</b>' },
    { sha: 'b'.repeat(40), subject: 'Add a test' },
  ],
  files: ['src/parse.ts', 'test/[x](javascript:alert(1)).ts'],
  runLink: 'https://github.com/octo/demo/actions/runs/4242/attempts/1',
  runId: '4242',
  branch: 'agent/issue-7-4242',
  baseSha: 'c'.repeat(40),
  verifiedTree: 'd'.repeat(40),
};

const OUR_HTML = [PROMPT_DETAILS_OPEN, PROMPT_DETAILS_CLOSE];

describe('PR body golden files', () => {
  it('PR opened from a comment: summary first, request line, Refs #7, commits, files, verify, checkout', async () => {
    const body = await renderPrBody({
      ...COMMON,
      task: commentTask(),
      agentSummary: HOSTILE_SUMMARY,
      linkKeyword: 'Refs',
    });
    await expect(body).toMatchFileSnapshot('../golden/pr-body-opened.md');
    const lines = body.split('\n');
    expect(lines[0]).toBe('<!-- sandbox-agent:run=4242 -->');
    // Leads with the change, then who asked.
    expect(lines[1]).toBe('### What the agent did');
    // One line: who, where, and the task's first line in italics (its closing keyword broken).
    const request = lines.find((l) => l.startsWith('Requested by @alice in #7: *'));
    expect(request?.replaceAll('\u2060', '')).toMatch(/^Requested by @alice in #7: \*fix the crash .*…\*$/);
    expect(body.indexOf('Requested by')).toBeGreaterThan(body.indexOf('Fixed the crash'));
    expect(body).toContain(`${PROMPT_DETAILS_OPEN}\n\n> ## Instruction from`);
    expect(body).toContain('\nRefs #7\n');
    expect(body).toContain('### Commits (2)');
    expect(body).toContain('### Files changed (2)');
    expect(body).toContain(`base \`${'c'.repeat(40)}\`, tree \`${'d'.repeat(40)}\``);
    expect(body.trimEnd().endsWith('```sh\ngh pr checkout agent/issue-7-4242\n```')).toBe(true);
    // Rendered as GitHub does: inert, one mention (the requester), no empty table header.
    expect(violationsBesidesOurs(body, { requester: 'alice', html: OUR_HTML })).toEqual([]);
    expect(mentionsIn(body)).toEqual(['alice']);
    expect(emptyTableHeaders(body)).toBe(0);
    // The only link is ours; no image, no HTML besides our <details>.
    expect(linksIn(body)).toEqual([COMMON.runLink]);
    expect(body).not.toContain('evil.example');
  });

  it('pr-link-keyword: Closes writes the one closing keyword, for the issue the task came from', async () => {
    const body = await renderPrBody({ ...COMMON, task: commentTask(), linkKeyword: 'Closes' });
    await expect(body).toMatchFileSnapshot('../golden/pr-body-closes.md');
    expect(body).toContain('\nCloses #7\n');
    expect(body).not.toContain('Refs #');
    // Without a summary the request line leads.
    expect(body.split('\n')[1]).toMatch(/^Requested by @alice in #7: \*/);
    expect(
      violationsBesidesOurs(body, { requester: 'alice', html: OUR_HTML, closingLine: 'Closes #7' }),
    ).toEqual([]);
    expect(mentionsIn(body)).toEqual(['alice']);
  });

  it('a dispatch run: no requester, no issue, no Refs line; an invalid login is never printed', async () => {
    for (const requestedBy of [undefined, 'bad login](javascript:x) @bob', '-leading']) {
      const body = await renderPrBody({
        ...COMMON,
        task: { trigger: 'dispatch', prompt: 'Tidy the README', title: 'Tidy the README', requestedBy },
        linkKeyword: 'Refs',
      });
      if (requestedBy === undefined) await expect(body).toMatchFileSnapshot('../golden/pr-body-dispatch.md');
      expect(body).toContain('\nRequested: *Tidy the README*\n');
      expect(body).not.toMatch(/Refs #|Closes #/);
      expect(mentionsIn(body)).toEqual([]);
      expect(violationsBesidesOurs(body, { html: OUR_HTML })).toEqual([]);
    }
  });

  it('a bot requester is named in code, not pinged', async () => {
    const body = await renderPrBody({
      ...COMMON,
      task: { ...commentTask(), requestedBy: 'renovate[bot]' },
      linkKeyword: 'Refs',
    });
    expect(body).toContain('Requested by `renovate[bot]` in #7');
    expect(mentionsIn(body)).toEqual([]);
  });

  it('long commit and file lists are capped', async () => {
    const body = await renderPrBody({
      ...COMMON,
      commits: Array.from({ length: 30 }, (_, i) => ({ sha: String(i).padStart(40, '0'), subject: `c${i}` })),
      files: Array.from({ length: 500 }, (_, i) => `f${i}.txt`),
      task: commentTask(),
      linkKeyword: 'Refs',
    });
    expect(body).toContain('### Commits (30)');
    expect(body).toContain('- … and 10 more');
    expect(body).toContain('### Files changed (500)');
    expect(body).toContain('- … and 480 more');
    expect(body.split('\n').filter((l) => l.startsWith('- `f')).length).toBe(20);
  });
});
