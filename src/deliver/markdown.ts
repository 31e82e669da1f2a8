/**
 * The Markdown parser behind `agent-summary.ts`, loaded only when there is text to render (it is a
 * separate chunk of the bundle, so it costs nothing at start). Text is parsed into a syntax tree
 * (micromark with GFM: CommonMark plus tables, autolink literals, strikethrough, footnotes, task lists,
 * which is what GitHub renders), the tree is rewritten, and `mdast-util-to-markdown` writes it back with
 * every text node escaped, so no text can re-form links, images, HTML or any other syntax.
 */
import type {
  BlockContent,
  Definition,
  Image,
  Link,
  Nodes,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  Text,
} from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfm } from 'micromark-extension-gfm';
import { CLOSING_KEYWORDS } from '../shared/closing-keywords.js';
import { INVISIBLE } from '../shared/invisible.js';

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function serializeMarkdown(root: Root): string {
  return toMarkdown(root, {
    extensions: [gfmToMarkdown()],
    fences: true,
    bullet: '-',
    rule: '-',
    emphasis: '*',
    strong: '*',
  }).trim();
}

/**
 * Untrusted Markdown made inert (`sanitizeTree`) and written back; `quote` puts it in a block quote,
 * `note` appends one line of our own in italics (a truncation marker).
 */
export function renderUntrusted(
  text: string,
  allowedHosts: readonly string[],
  options: { quote?: boolean; note?: string } = {},
): string {
  const clean = sanitizeTree(parseMarkdown(limitNesting(stripInvisible(text))), allowedHosts);
  if (clean.children.length === 0) return '';
  if (options.note) {
    clean.children.push({
      type: 'paragraph',
      children: [{ type: 'emphasis', children: [{ type: 'text', value: options.note }] }],
    });
  }
  const root: Root = options.quote
    ? { type: 'root', children: [{ type: 'blockquote', children: clean.children as BlockContent[] }] }
    : clean;
  return serializeMarkdown(root);
}

/**
 * The parser spends seconds on a line that opens thousands of nested quotes or lists (`>>>>…`,
 * `1. 1. 1. …`). A joiner after the first 48 characters of such a prefix ends the nesting there (the
 * rest is text); the joiner itself is removed again with the other invisible characters.
 */
function limitNesting(text: string): string {
  return text.replace(/^[ \t>*+\-.)\d]{48}(?=[ \t>*+\-.)\d])/gm, `$&${JOINER}`);
}

/** Nesting deeper than this (quotes in lists in quotes…) is flattened to text: nobody writes it. */
const MAX_DEPTH = 24;

/**
 * Agent Markdown made inert (see `agent-summary.ts`): HTML dropped; links and images kept only for the
 * allowed hosts (after the parser decoded entities and resolved references), else their text;
 * definitions dropped; code kept (the writer picks a fence the code cannot close); then mentions,
 * closing keywords and line-leading slash commands neutralized in every text node.
 */
export function sanitizeTree(root: Root, allowedHosts: readonly string[]): Root {
  const definitions = new Map<string, Definition>();
  collectDefinitions(root, definitions, 0);
  const context: SanitizeContext = { definitions, allowedHosts };
  const clean: Root = { type: 'root', children: sanitizeChildren(root, context, 0) as RootContent[] };
  neutralizeTree(clean);
  return clean;
}

/**
 * Our own sentence (`result.message`) reduced to plain text and inline code: whatever else the parser
 * finds in it (an agent-chosen path that looks like a link, a stderr tail with HTML) becomes text.
 */
export function flattenToParagraph(text: string, linkHosts: readonly string[] = []): Paragraph {
  const parts: PhrasingContent[] = [];
  flattenInto(parseMarkdown(text), parts, 0, linkHosts);
  const paragraph: Paragraph = { type: 'paragraph', children: mergeText(parts) };
  neutralizeTree(paragraph);
  return paragraph;
}

/**
 * One line of untrusted text (the task's first line) in italics: plain text and inline code only
 * (`flattenToParagraph` without link hosts, so no link survives), mentions and keywords neutralized.
 */
export function emphasizedLine(text: string): string {
  const flat = flattenToParagraph(text.replace(/\s+/g, ' ').trim());
  if (flat.children.length === 0) return '';
  return serializeMarkdown({
    type: 'root',
    children: [{ type: 'paragraph', children: [{ type: 'emphasis', children: flat.children }] }],
  });
}

interface SanitizeContext {
  definitions: Map<string, Definition>;
  allowedHosts: readonly string[];
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>, depth: number): void {
  if (node.type === 'definition') {
    // The first definition of a label wins, as in CommonMark.
    if (!into.has(node.identifier)) into.set(node.identifier, node);
    return;
  }
  if ('children' in node && depth < MAX_DEPTH) {
    for (const child of node.children) collectDefinitions(child, into, depth + 1);
  }
}

function sanitizeChildren(parent: Parents, context: SanitizeContext, depth: number): Nodes[] {
  const out: Nodes[] = [];
  for (const child of parent.children) out.push(...sanitizeNode(child, context, depth + 1));
  return mergeText(out);
}

function sanitizeNode(node: Nodes, context: SanitizeContext, depth: number): Nodes[] {
  switch (node.type) {
    case 'html':
    case 'definition':
      return [];
    case 'text':
      return [{ type: 'text', value: node.value }];
    case 'inlineCode':
      return [{ type: 'inlineCode', value: node.value }];
    case 'code':
      return [{ type: 'code', lang: safeLanguage(node.lang), meta: null, value: node.value }];
    case 'link':
    case 'linkReference': {
      const url = node.type === 'link' ? node.url : context.definitions.get(node.identifier)?.url;
      const children = sanitizeChildren(node, context, depth) as PhrasingContent[];
      if (url !== undefined && hostAllowed(url, context.allowedHosts)) {
        return [{ type: 'link', url, title: null, children } satisfies Link];
      }
      return children;
    }
    case 'image':
    case 'imageReference': {
      const url = node.type === 'image' ? node.url : context.definitions.get(node.identifier)?.url;
      const alt = node.alt ?? '';
      if (url !== undefined && hostAllowed(url, context.allowedHosts)) {
        return [{ type: 'image', url, title: null, alt } satisfies Image];
      }
      return [{ type: 'text', value: alt ? `[image: ${alt}]` : '[image]' }];
    }
    default:
      if (!('children' in node)) return [{ ...node }];
      if (depth >= MAX_DEPTH) return [{ type: 'text', value: plainText(node) }];
      return [{ ...node, children: sanitizeChildren(node, context, depth) } as Nodes];
  }
}

/** Plain text and inline code only; blocks are separated by line breaks inside the one paragraph. */
function flattenInto(
  node: Nodes,
  parts: PhrasingContent[],
  depth: number,
  linkHosts: readonly string[],
): void {
  switch (node.type) {
    case 'text':
      parts.push({ type: 'text', value: node.value });
      return;
    case 'inlineCode':
      parts.push({ type: 'inlineCode', value: node.value });
      return;
    case 'code':
      parts.push({ type: 'inlineCode', value: node.value.replace(/\s*\n\s*/g, ' ') });
      return;
    case 'html':
      parts.push({ type: 'text', value: node.value });
      return;
    case 'break':
      parts.push({ type: 'text', value: '\n' });
      return;
    case 'image':
    case 'imageReference':
      parts.push({ type: 'text', value: node.alt ?? '' });
      return;
    case 'definition':
      parts.push({ type: 'text', value: `[${node.label ?? node.identifier}]: ${node.url}` });
      return;
    case 'link': {
      // Only a bare URL (the link's text is the URL itself) to a host we name stays a link.
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type === 'text' && only.value === node.url && hostAllowed(node.url, linkHosts)) {
        parts.push({
          type: 'link',
          url: node.url,
          title: null,
          children: [{ type: 'text', value: node.url }],
        });
        return;
      }
      break;
    }
  }
  flattenChildren(node, parts, depth, linkHosts);
}

function flattenChildren(
  node: Nodes,
  parts: PhrasingContent[],
  depth: number,
  linkHosts: readonly string[],
): void {
  if (!('children' in node)) return;
  if (depth >= MAX_DEPTH) {
    parts.push({ type: 'text', value: plainText(node) });
    return;
  }
  node.children.forEach((child, index) => {
    // Blocks (paragraphs, list items, cells) stay apart.
    if (index > 0 && !isPhrasing(child)) parts.push({ type: 'text', value: '\n' });
    flattenInto(child, parts, depth + 1, linkHosts);
  });
}

function isPhrasing(node: Nodes): boolean {
  return [
    'text',
    'inlineCode',
    'emphasis',
    'strong',
    'delete',
    'link',
    'linkReference',
    'image',
    'imageReference',
    'break',
    'html',
    'footnoteReference',
  ].includes(node.type);
}

/** The text content of a subtree, without recursion (a hostile tree may be thousands deep). */
function plainText(node: Nodes): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if ('value' in current && current.type !== 'html') out.push(current.value);
    else if (current.type === 'image' || current.type === 'imageReference') out.push(current.alt ?? '');
    if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
      if (!isPhrasing(current)) out.push(' ');
    }
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** Adjacent text nodes (a link unwrapped next to text) become one, so neutralizing sees whole words. */
function mergeText<T extends Nodes>(nodes: T[]): T[] {
  const out: T[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') (last as Text).value += (node as Text).value;
    else out.push(node);
  }
  return out;
}

function neutralizeTree(root: Nodes): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'text') node.value = neutralizeText(node.value);
    else if (node.type === 'image') node.alt = neutralizeText(node.alt ?? '');
    else if (node.type === 'inlineCode' || node.type === 'code') node.value = stripInvisible(node.value);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}

/** U+2060 WORD JOINER: invisible, not whitespace, not a word character. */
const JOINER = '\u2060';

/**
 * What GitHub acts on in rendered text, broken with an invisible joiner:
 * - `@name` and `@org/team` (a mention pings): `@` + joiner;
 * - closing keywords (`Fixes #1`, `closes o/r#3`, `resolved: https://…/issues/1`): a joiner after the
 *   keyword's first letter, for every whole-word keyword (whatever follows, since the reference may be
 *   the next node: a link or a URL) and for a word at the end of the node that starts one (`fi*xes*`);
 * - a URL in text (`https://…`, `HTTPS://`, `ftp://`, `www.…`) that GitHub would autolink: a joiner
 *   after the scheme's colon or after `www` (escaping is not enough: GitHub's renderer finds autolink
 *   literals in text after escapes are resolved), so it stays plain text;
 * - a slash command at the start of a line (`/approve`): a joiner before the slash.
 */
export function neutralizeText(value: string): string {
  // A blank line inside one text node (dropped HTML between two line breaks, `&#10;&#10;`) is one break.
  const text = stripInvisible(value).replace(/[ \t]*\n\s*\n[ \t]*/g, '\n');
  const words = text.replace(/[A-Za-z]+/g, (word, offset: number) => {
    const lower = word.toLowerCase();
    const atEnd = offset + word.length === text.length;
    const keyword =
      CLOSING_KEYWORDS.has(lower) || (atEnd && [...CLOSING_KEYWORDS].some((k) => k.startsWith(lower)));
    return keyword ? `${word[0]}${JOINER}${word.slice(1)}` : word;
  });
  return words
    .replace(/@(?=[A-Za-z0-9]|$)/g, `@${JOINER}`)
    .replace(/(?<=[A-Za-z][A-Za-z0-9+.-]*:)(?=\/\/)/g, JOINER)
    .replace(/(?<![A-Za-z0-9])(www)(?=\.)/gi, `$1${JOINER}`)
    .replace(/(^|\n)([ \t]*)\//g, `$1$2${JOINER}/`);
}

/** Invisible and control characters (`shared/invisible.ts`); tab and newline stay. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Only a plain language name survives as a fence's info string (it is agent text too). */
function safeLanguage(lang: string | null | undefined): string | null {
  return lang && /^[\w+-]{1,30}$/.test(lang) ? lang : null;
}

/**
 * Whether GitHub's page would send a click (or an image load) to an allowed host. The URL is resolved
 * as a browser resolves it on github.com (`//host`, `/\host`, tabs and entities already decoded by the
 * parser); only http(s) to an allowed host or its subdomains passes.
 */
export function hostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://github.com/owner/repo/pull/1');
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
