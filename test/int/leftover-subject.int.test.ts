import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { leftoverSubject } from '../../src/capture/leftover-subject.js';
import { type FakeArtifactService, startFakeArtifactService } from '../fakes/artifact.js';
import { runAgentScript } from '../helpers/action.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 19 item 4: the commit the capture makes from what the agent left uncommitted takes its subject
 * from the first line of the agent's summary — agent text, so it is made one plain line (no control or
 * invisible characters, no Markdown markers, ≤ 72 characters), its closing keywords are broken and `::`
 * is broken, as in every other message we ship. It reaches the sandbox through env.
 */
let repo: TestRepo | undefined;
let service: FakeArtifactService | undefined;
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await service?.close();
  service = undefined;
});

async function leftoverCommitSubject(summaryPrintf: string): Promise<string> {
  repo = makeRepo();
  service = await startFakeArtifactService();
  const run = await runAgentScript({
    workspace: repo.checkout,
    runnerTemp: tempDir('sa-leftover-'),
    // Work left uncommitted (a change and a new file), and a summary with a hostile first line.
    script: `echo more >> README.md\necho new > added.txt\nprintf ${summaryPrintf} > "$AGENT_SUMMARY_FILE"`,
    env: service.env,
  });
  expect(run.outputs['outcome'], run.stdout + run.stderr).toBe('artifact');
  // The commit as `git am` makes it from the shipped mbox (the README's apply command).
  const mbox = run.outputs['patch-path']!;
  const fresh = tempDir('sa-leftover-apply-');
  git(fresh, ['clone', '-q', `file://${repo.origin}`, 'clone']);
  git(`${fresh}/clone`, ['am', '--keep-cr', '--patch-format=mboxrd', mbox]);
  expect(readFileSync(`${fresh}/clone/added.txt`, 'utf8')).toBe('new\n');
  return git(`${fresh}/clone`, ['log', '-1', '--format=%s']);
}

describe('the leftover commit subject', () => {
  it('hostile first line: control characters removed, the closing keyword and :: broken, one line', async () => {
    // printf arguments are single-quoted: the escapes are printf's (\\001, \\033, \\342\\200\\256 = U+202E).
    const subject = await leftoverCommitSubject(
      `'## Closes #1 \\001\\033[31m::error::x \\342\\200\\256evil\\r\\nsecond line\\n'`,
    );
    expect(subject).toBe('C\u2060loses #1 [31m:\u2060:error:\u2060:x evil');
    expect(subject).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(subject.replaceAll('\u2060', '')).not.toMatch(/^::|\s::[a-z]+::/);
  });

  it('no summary: the fixed subject', async () => {
    const subject = await leftoverCommitSubject(`''`);
    expect(subject).toBe('Changes left uncommitted by the agent');
  });
});

describe('leftoverSubject', () => {
  it('takes the first line with a letter, drops Markdown markers, caps at 72 characters', () => {
    expect(leftoverSubject('\n\n---\n# Fix the parser\n\nDetails…')).toBe('Fix the parser');
    expect(leftoverSubject('- fixes: #12 and Resolves GH-3')).toBe(
      'f\u2060ixes: #12 and R\u2060esolves GH-3',
    );
    const long = leftoverSubject(`Refactor ${'x'.repeat(100)}`);
    expect(Array.from(long)).toHaveLength(72);
    expect(long.endsWith('…')).toBe(true);
    expect(leftoverSubject('\u202E\u200B  ')).toBe('Changes left uncommitted by the agent');
    expect(leftoverSubject(undefined)).toBe('Changes left uncommitted by the agent');
  });
});
