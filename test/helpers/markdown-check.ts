import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * Reads Markdown the way GitHub renders it (CommonMark + GFM: autolink literals, tables, footnotes,
 * strikethrough) and lists everything in it GitHub would act on that we do not allow:
 * - a link, image or definition whose URL a browser on github.com would send elsewhere (other hosts,
 *   protocol-relative `//host`, `/\host`, `javascript:`, …);
 * - raw HTML;
 * - a closing keyword followed by an issue reference (`Fixes #1`, `closes o/r#3`, `resolves GH-2`,
 *   `fixes https://…/issues/1`) in the text of one block, code excluded;
 * - an `@` directly followed by a letter or digit (GitHub links it as a mention), code excluded;
 * - a line (outside fenced or indented code) that starts with `/` after its quote and list markers.
 * An empty list means the text is inert.
 */
export function githubViolations(
  markdown: string,
  allowedHosts: readonly string[] = ['github.com'],
): string[] {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const problems: string[] = [];
  const codeLines = new Set<number>();
  const visit = (node: Nodes): void => {
    if (node.type === 'html') problems.push(`html: ${node.value}`);
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !allowed(node.url)) {
      problems.push(`${node.type} to ${node.url}`);
    }
    if (node.type === 'code' && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) codeLines.add(line);
    }
    if (isBlockOfText(node)) {
      for (const text of [blockText(node, 'text'), blockText(node, 'url')]) {
        const keyword = CLOSING.exec(text);
        if (keyword) problems.push(`closing keyword: ${keyword[0]}`);
        const mention = /@[A-Za-z0-9][\w/-]*/.exec(text);
        if (mention) problems.push(`mention: ${mention[0]}`);
        // A line break in the text itself (an entity, a soft break) also starts a line for a bot.
        const slash = /(?:^|\n)[ \t]*\/\S*/.exec(text);
        if (slash) problems.push(`slash command: ${slash[0].trim()}`);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  const allowed = (url: string): boolean => {
    try {
      const parsed = new URL(url, 'https://github.com/o/r/pull/1');
      const host = parsed.hostname.toLowerCase();
      return (
        (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
        allowedHosts.some((h) => host === h || host.endsWith(`.${h}`))
      );
    } catch {
      return false;
    }
  };
  visit(tree);
  markdown.split('\n').forEach((line, index) => {
    if (codeLines.has(index + 1)) return;
    const rest = line.replace(/^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))*\s*/, '');
    if (rest.startsWith('/')) problems.push(`slash command line: ${line}`);
  });
  return problems;
}

const CLOSING =
  /(?<![A-Za-z0-9])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*(?:#\d|[\w.-]+\/[\w.-]+#\d|GH-\d|https?:\/\/\S*\/(?:issues|pull)\/\d|ISSUE-LINK)/i;

function isBlockOfText(node: Nodes): boolean {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
}

/** The text GitHub's filters see in one block: code left out; links as their text, or as their URL. */
function blockText(node: Nodes, links: 'text' | 'url'): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'inlineCode' || node.type === 'code') return ' ';
  if (node.type === 'image') return node.alt ?? '';
  // GitHub reads no text in a link's URL, but a keyword before a link to an issue closes it.
  if (node.type === 'link' && links === 'url') {
    return /\/(?:issues|pull)\/\d/.test(node.url) ? ' ISSUE-LINK ' : ' LINK ';
  }
  if (node.type === 'break') return '\n';
  if ('children' in node) return node.children.map((child) => blockText(child, links)).join('');
  return '';
}

/** The job summary's only raw HTML: our own fold of the details (src/deliver/summary.ts). */
const SUMMARY_FOLD = new Set(['html: <details><summary>Details</summary>', 'html: </details>']);

/** `githubViolations` for a job summary, which may carry our `<details>` fold and nothing else raw. */
export function summaryViolations(markdown: string, allowedHosts?: readonly string[]): string[] {
  return githubViolations(markdown, allowedHosts).filter((problem) => !SUMMARY_FOLD.has(problem));
}
