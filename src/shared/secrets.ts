/**
 * Every secret the action handles is registered here before the first log line. The registry masks
 * values in the runner log (through `mask`, which the action wires to `core.setSecret`), redacts
 * them from text we print or upload, and lists their derived forms for the scanners.
 */
export const REDACTED = '***';

/** Token shapes that are redacted from agent output and blocked in patches even when we never held them. */
export const TOKEN_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g },
  { name: 'github-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { name: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { name: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
];

/** Values shorter than this are not treated as secrets when scanning (too many false positives). */
const MIN_SCAN_LENGTH = 8;

export interface SecretHit {
  /** What matched, never the value: a label such as `github-token (base64)` or a pattern name. */
  kind: string;
}

export class SecretRegistry {
  private readonly entries: Array<{ label: string; value: string }> = [];

  constructor(private readonly mask: (value: string) => void = () => {}) {}

  /** Registers a secret (and each of its lines) for masking, redaction and scanning. */
  add(label: string, value: string | undefined): void {
    if (!value) return;
    const pieces = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length > 0);
    for (const piece of new Set(pieces)) {
      this.mask(piece);
      if (!this.entries.some((e) => e.value === piece)) this.entries.push({ label, value: piece });
    }
  }

  /** Exact values (lines included) long enough to scan for. */
  values(): string[] {
    return this.entries.filter((e) => e.value.length >= MIN_SCAN_LENGTH).map((e) => e.value);
  }

  /** Every form a secret may take in text: raw, base64 (three alignments), URL-encoded, JSON-escaped. */
  variants(): Array<{ kind: string; value: string }> {
    const out: Array<{ kind: string; value: string }> = [];
    for (const { label, value } of this.entries) {
      if (value.length < MIN_SCAN_LENGTH) continue;
      out.push({ kind: label, value });
      for (const b64 of base64Forms(value)) out.push({ kind: `${label} (base64)`, value: b64 });
      const url = encodeURIComponent(value);
      if (url !== value) out.push({ kind: `${label} (url-encoded)`, value: url });
      const json = JSON.stringify(value).slice(1, -1);
      if (json !== value) out.push({ kind: `${label} (json-escaped)`, value: json });
    }
    return out;
  }

  /** Replaces every known value (and derived form) and every token pattern with `***`. */
  redact(text: string): string {
    let result = text;
    const forms = this.variants().sort((a, b) => b.value.length - a.value.length);
    for (const { value } of forms) result = result.split(value).join(REDACTED);
    for (const { pattern } of TOKEN_PATTERNS) result = result.replace(pattern, REDACTED);
    return result;
  }

  /** `[start, end)` of every known value form and token-pattern match in `text` (what redact replaces). */
  spans(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const { value } of this.variants())
      for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1))
        out.push([at, at + value.length]);
    for (const { pattern } of TOKEN_PATTERNS)
      for (const match of text.matchAll(pattern)) out.push([match.index, match.index + match[0].length]);
    return out;
  }

  /** Length of the longest value form redact looks for (0 when none is registered). */
  longestForm(): number {
    return Math.max(0, ...this.variants().map((v) => v.value.length));
  }

  /** Finds secrets in `text`; the result names what matched, never the value. */
  scan(text: string): SecretHit[] {
    const hits: SecretHit[] = [];
    for (const { kind, value } of this.variants()) if (text.includes(value)) hits.push({ kind });
    for (const { name, pattern } of TOKEN_PATTERNS) {
      pattern.lastIndex = 0;
      if (pattern.test(text)) hits.push({ kind: name });
      pattern.lastIndex = 0;
    }
    return hits;
  }

  /**
   * Finds registered values (and derived forms) split across lines or string pieces: both sides are
   * squeezed before comparing. Exact values only: token patterns would match across joined lines by
   * accident, while a registered value of 8+ characters does not appear by chance.
   */
  scanSplit(text: string): SecretHit[] {
    const haystack = squeeze(text);
    const hits: SecretHit[] = [];
    for (const { kind, value } of this.variants()) {
      const needle = squeeze(value);
      if (needle.length >= MIN_SCAN_LENGTH && haystack.includes(needle))
        hits.push({ kind: `${kind} (split)` });
    }
    return hits;
  }

  /** Finds registered values and their forms only (no token patterns), whole or split. */
  scanValues(text: string): SecretHit[] {
    const hits: SecretHit[] = [];
    for (const { kind, value } of this.variants()) if (text.includes(value)) hits.push({ kind });
    return hits.length > 0 ? hits : this.scanSplit(text);
  }
}

/**
 * Squeezes out what may sit between the pieces of a split value: whitespace (line breaks), quotes,
 * `+` and `,` (string concatenation), backslashes (line continuations, JSON escapes).
 */
function squeeze(text: string): string {
  return text.replace(/[\s"'`+,\\]/g, '');
}

/**
 * base64 of a secret embedded in longer text depends on its offset modulo 3; the stable middle part of
 * each of the three encodings is what can be searched for.
 */
function base64Forms(value: string): string[] {
  const forms = new Set<string>();
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.from('\0'.repeat(pad) + value).toString('base64');
    // Character i covers bits [6i, 6i+6); keep only those that come from the secret's own bytes.
    const start = Math.ceil((8 * pad) / 6);
    const end = Math.floor((8 * (pad + Buffer.byteLength(value))) / 6);
    const middle = encoded.slice(start, end);
    if (middle.length >= MIN_SCAN_LENGTH) forms.add(middle);
  }
  return [...forms];
}
