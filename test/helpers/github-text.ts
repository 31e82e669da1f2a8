import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { githubViolations } from './markdown-check.js';

/** GFM as GitHub parses it (CommonMark + tables, autolinks, footnotes, strikethrough, task lists). */
export function parseGfm(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * Every `@login` GitHub would turn into a mention (a ping): in rendered text, not in code, preceded by
 * no letter, digit or backtick. A mention broken by a joiner (`@\u2060bob`) is not one.
 */
export function mentionsIn(markdown: string): string[] {
  const found: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'text') {
      for (const m of node.value.matchAll(/(?<![A-Za-z0-9`])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[\w-]+)?)/g)) {
        found.push(m[1]!);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseGfm(markdown));
  return found;
}

/** The URL of every link, image and raw HTML node GitHub would render, in order. */
export function linksIn(markdown: string): string[] {
  const found: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push(node.url);
    if (node.type === 'html') found.push(`html:${node.value}`);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseGfm(markdown.replace(/^<!-- sandbox-agent:[^\n]*-->$/gm, '').replace(/^<\/?details>.*$/gm, '')));
  return found;
}

/** Tables whose header row has an empty cell (GitHub draws an empty grey bar). */
export function emptyTableHeaders(markdown: string): number {
  let count = 0;
  const visit = (node: Nodes): void => {
    if (node.type === 'table') {
      const header = node.children[0];
      if (!header || header.children.some((cell) => cell.children.length === 0)) count++;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseGfm(markdown));
  return count;
}

/**
 * `githubViolations` for text the action writes, after removing exactly what the action puts there on
 * purpose: its hidden markers, its own `<details>` tags, the requester's mention and, when asked for,
 * one `Closes #N` line. Whatever is left must be inert. Pair it with `mentionsIn` to prove the only
 * mention is the requester's, as often as we wrote it.
 */
export function violationsBesidesOurs(
  markdown: string,
  ours: { requester?: string; html?: string[]; closingLine?: string; allowedHosts?: string[] } = {},
): string[] {
  let text = markdown.replace(/^<!-- sandbox-agent:[^\n]*-->$/gm, '');
  for (const tag of ours.html ?? []) text = text.replaceAll(tag, '');
  if (ours.requester) text = text.replaceAll(`@${ours.requester}`, ours.requester);
  if (ours.closingLine) text = text.replace(new RegExp(`^${ours.closingLine}$`, 'm'), '');
  return githubViolations(text, ours.allowedHosts ?? ['github.com']);
}
