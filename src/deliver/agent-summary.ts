/**
 * Text that becomes GitHub Markdown (the job summary, the tracking comment, the PR body) and was not
 * written by us: the agent's own account of its work, the task prompt, and our messages where they
 * quote agent paths or stderr. The agent is hostile, so that text must not: close issues (`Fixes #1`),
 * ping people (`@user`, `@org/team`), load images or link to hosts we do not vouch for (tracking pixels,
 * phishing), carry raw HTML (hidden text, fake UI), issue slash commands to bots that read PR bodies, or
 * grow without bound. It is parsed with a real Markdown parser and written back from the rewritten
 * tree (see `markdown.ts`), never patched with regular expressions. Code spans and fenced code are kept
 * as written: GitHub renders them literally and ignores mentions and references in them.
 *
 * The parser is a chunk of its own, imported on first use.
 */
import { inlineCode } from '../shared/inline-code.js';

export interface AgentSummaryOptions {
  /** Hosts whose links and images (and their subdomains') are kept. Default: github.com. */
  allowedHosts?: readonly string[];
  /** Maximum characters of summary text. Default: 6000. */
  maxChars?: number;
  /** Section heading. */
  heading?: string;
}

const DEFAULT_MAX = 6000;
const DEFAULT_HOSTS = ['github.com'];

type MarkdownModule = typeof import('./markdown.js');
let loading: Promise<MarkdownModule> | undefined;
const loadMarkdown = (): Promise<MarkdownModule> => {
  loading ??= import('./markdown.js');
  return loading;
};

/** `### What the agent did` and the sanitized summary, or '' when nothing is left to show. */
export async function renderAgentSummarySection(
  summary: string,
  options: AgentSummaryOptions = {},
): Promise<string> {
  const body = await sanitizeAgentMarkdown(summary, options);
  if (!body) return '';
  return `### ${options.heading ?? 'What the agent did'}\n\n${body}\n`;
}

/** Untrusted Markdown made inert, keeping its formatting (see the module comment). */
export function sanitizeAgentMarkdown(summary: string, options: AgentSummaryOptions = {}): Promise<string> {
  return renderUntrusted(summary, options.maxChars ?? DEFAULT_MAX, options.allowedHosts, false, (cut) =>
    cut > 0 ? `… summary truncated (${cut} more characters).` : undefined,
  );
}

/** Untrusted Markdown (the task prompt) as a block quote, made inert the same way, capped. */
export function renderQuote(text: string, maxChars: number): Promise<string> {
  return renderUntrusted(text, maxChars, undefined, true, (cut) => (cut > 0 ? '… (truncated)' : undefined));
}

async function renderUntrusted(
  text: string,
  maxChars: number,
  allowedHosts: readonly string[] = DEFAULT_HOSTS,
  quote: boolean,
  note: (cut: number) => string | undefined,
): Promise<string> {
  const { text: kept, cut } = cap(text.replace(/\r\n?/g, '\n'), maxChars);
  if (!kept.trim()) return '';
  const markdown = await loadMarkdown();
  const hosts = allowedHosts.map((host) => host.toLowerCase());
  try {
    return markdown.renderUntrusted(kept, hosts, { quote, note: note(cut) });
  } catch {
    // Whatever the parser or writer chokes on is shown as code, never as Markdown.
    const block = codeBlock(markdown.stripInvisible(kept));
    return quote ? block.replace(/^/gm, '> ') : block;
  }
}

/**
 * Our own sentence (`RunResult.message`) as Markdown: plain text and inline code only. Messages quote
 * agent paths and stderr tails (as code spans, `inlineCode`); anything else Markdown-like in them comes
 * out as escaped text, and mentions and closing keywords are neutralized. A bare URL to one of
 * `linkHosts` (our compare link on the GitHub server) stays a link.
 */
export async function renderMessage(message: string, linkHosts: readonly string[] = []): Promise<string> {
  if (!message.trim()) return '';
  const markdown = await loadMarkdown();
  try {
    return markdown.serializeMarkdown({
      type: 'root',
      children: [markdown.flattenToParagraph(message, linkHosts)],
    });
  } catch {
    return inlineCode(message, 2_000);
  }
}

/** One line of untrusted text (the task's first line) as inert italics, capped; '' when empty. */
export async function renderExcerpt(text: string, maxChars = 120): Promise<string> {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  if (characters.length === 0) return '';
  const kept =
    characters.length > maxChars ? `${characters.slice(0, maxChars - 1).join('')}…` : characters.join('');
  const markdown = await loadMarkdown();
  try {
    return markdown.emphasizedLine(kept);
  } catch {
    return inlineCode(kept, maxChars);
  }
}

/** The host of one of our own URLs, for `renderMessage`'s `linkHosts`; none when it does not parse. */
export function hostsOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).hostname.toLowerCase()];
  } catch {
    return [];
  }
}

/** A fenced code block its content cannot close. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function cap(text: string, max: number): { text: string; cut: number } {
  if (text.length <= max) return { text, cut: 0 };
  const slice = text.slice(0, max);
  const lineEnd = slice.lastIndexOf('\n');
  const kept = lineEnd > max / 2 ? slice.slice(0, lineEnd) : slice;
  return { text: kept, cut: text.length - kept.length };
}
