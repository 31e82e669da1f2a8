/**
 * The agent's own account of its work, made safe to show in a PR body or job summary. The agent is
 * hostile, so its Markdown may not: load images or link to hosts we do not vouch for (tracking pixels,
 * phishing), carry raw HTML (hidden text, fake UI), ping people (`@mentions`) or issue slash commands to
 * bots that read PR bodies, or grow without bound. Text inside fenced code blocks is left as written:
 * GitHub renders it literally.
 */
export interface AgentSummaryOptions {
  /** Hosts whose links (and their subdomains) are kept. Default: github.com. */
  allowedHosts?: readonly string[];
  /** Maximum characters of summary text. Default: 6000. */
  maxChars?: number;
  /** Section heading. */
  heading?: string;
}

const DEFAULT_MAX = 6000;

export function renderAgentSummarySection(summary: string, options: AgentSummaryOptions = {}): string {
  const body = sanitizeAgentMarkdown(summary, options);
  if (!body) return '';
  return `### ${options.heading ?? 'What the agent did'}\n\n${body}\n`;
}

export function sanitizeAgentMarkdown(summary: string, options: AgentSummaryOptions = {}): string {
  const allowed = (options.allowedHosts ?? ['github.com']).map((h) => h.toLowerCase());
  const max = options.maxChars ?? DEFAULT_MAX;
  const cleaned = stripInvisible(summary.replace(/\r\n?/g, '\n'));
  const { text, cut } = cap(cleaned, max);
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        !line.trim().slice(marker.length)
      ) {
        fence = undefined;
      }
      continue;
    }
    if (marker) {
      fence = marker;
      // The info string is agent text too; keep only a plain language name.
      out.push(
        `${marker}${/^[\w+-]{1,30}$/.test(line.trim().slice(marker.length)) ? line.trim().slice(marker.length) : ''}`,
      );
      continue;
    }
    out.push(sanitizeLine(line, allowed));
  }
  // An unclosed fence would swallow whatever follows the section.
  if (fence) out.push(fence);
  let result = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (cut > 0) result += `\n\n*… summary truncated (${cut} more characters).*`;
  return result;
}

function sanitizeLine(line: string, allowed: readonly string[]): string {
  let text = line.replace(/<!--[\s\S]*?(-->|$)/g, '');
  text = text.replace(/<\/?[A-Za-z][^>]*>/g, '');
  const beforeGt = text;
  text = text.replace(/>/g, (m, offset: number) => (isQuoteMarker(beforeGt, offset) ? m : '&gt;'));
  text = text.replace(/</g, '&lt;');
  // Images: only from allowed hosts; otherwise their alt text.
  text = text.replace(/!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, alt: string, url: string) =>
    hostAllowed(url, allowed) ? `![${alt}](${url})` : alt ? `[image: ${alt}]` : '[image]',
  );
  // Inline links: kept for allowed hosts; otherwise the link text alone.
  text = text.replace(/\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) =>
    hostAllowed(url, allowed) ? `[${label}](${url})` : label,
  );
  // Reference definitions pointing elsewhere are dropped (their uses then render as plain text).
  if (/^ {0,3}\[[^\]]+\]:\s*\S+/.test(text)) {
    const url = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(text)?.[1] ?? '';
    if (!hostAllowed(url.replace(/^&lt;|&gt;$/g, ''), allowed)) return '';
  }
  // Bare URLs GitHub would autolink: shown as code unless allowed.
  text = text.replace(/(^|[\s(])((?:https?:\/\/|www\.)[^\s<>()`]+)/gi, (m, pre: string, url: string) =>
    hostAllowed(url.startsWith('www.') ? `https://${url}` : url, allowed) ? m : `${pre}\`${url}\``,
  );
  // Mentions (users and teams) get a zero-width joiner after the @ so nobody is pinged.
  text = text.replace(/(^|[^\w`/@.-])@(?=[A-Za-z0-9])/g, '$1@\u2060');
  // A leading slash command (also after a quote or list marker) is escaped.
  text = text.replace(/^(\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?)\//, '$1\\/');
  return text;
}

function isQuoteMarker(text: string, offset: number): boolean {
  return /^\s*(?:>\s*)*$/.test(text.slice(0, offset));
}

function hostAllowed(url: string, allowed: readonly string[]): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    host = parsed.hostname.toLowerCase();
  } catch {
    // Relative links resolve against github.com in a PR body.
    return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
  }
  return allowed.some((a) => host === a || host.endsWith(`.${a}`));
}

/** Zero-width, bidi and Unicode tag characters, and control characters other than tab/newline. */
function stripInvisible(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu,
    '',
  );
}

function cap(text: string, max: number): { text: string; cut: number } {
  if (text.length <= max) return { text, cut: 0 };
  const slice = text.slice(0, max);
  const lineEnd = slice.lastIndexOf('\n');
  const kept = lineEnd > max / 2 ? slice.slice(0, lineEnd) : slice;
  return { text: kept, cut: text.length - kept.length };
}
