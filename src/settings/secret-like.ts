/**
 * Which `agent-env` values are secrets. `agent-env` carries API keys and plain settings alike
 * (`AWS_REGION=us-east-1`, `CLAUDE_CODE_USE_BEDROCK=1`); masking `1` blanks every "1" in the runner
 * log, and scanning the patch for `us-east-1` refuses every Terraform edit. So a value is a secret
 * (masked, redacted, scanned for) when its name or its value looks like one, and never when it is
 * too short to be a credential.
 */

/** No real credential is shorter than this; shorter values are never masked or scanned for. */
export const MIN_SECRET_LENGTH = 6;

/** Name components (split on `_`, `-`, `.` and camelCase) that mark a secret, compared upper-case. */
const SECRET_NAME_WORDS = new Set([
  'KEY',
  'KEYS',
  'APIKEY',
  'TOKEN',
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'PASSPHRASE',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'AUTH',
  'PRIVATE',
  'COOKIE',
  'SESSION',
  'CERT',
  'SIGNATURE',
  'PAT',
  'BEARER',
]);

/**
 * Glued spellings (`OPENAIKEY`, `ACCESSTOKEN`). `TOKENS` is deliberately absent: `MAX_OUTPUT_TOKENS`
 * is a count, not a credential.
 */
const SECRET_NAME_SUFFIXES = ['KEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD'];

/** Prefixes of well-known credentials (Anthropic, OpenAI, GitHub, AWS, Google, xAI, Slack, GitLab, …). */
const CREDENTIAL_PREFIXES = [
  'sk-',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'AKIA',
  'ASIA',
  'AIza',
  'xai-',
  'xoxb-',
  'xoxp-',
  'glpat-',
  'hf_',
  'gsk_',
  'pplx-',
  'eyJ',
  '-----BEGIN',
];

/** A known prefix counts only on a value this long: `sk-` alone or `AKIA` in a word is not a key. */
const MIN_PREFIXED_LENGTH = 16;

/** A run of letters and digits at least this long is checked for randomness. */
const MIN_RANDOM_RUN = 16;

/**
 * Share of neighbouring characters that switch between letter and digit or from lower to upper case.
 * Random hex and base62/base64 switch about 0.45 of the time; words, camelCase names, model names and
 * dates rarely (`AnthropicVertexProjectName` 0.12, `claude-sonnet-4-5-20250929` 0.05).
 */
const MIN_CLASS_SWITCH_RATIO = 0.2;

export type EnvValueKind =
  /** Masked, redacted and scanned for. */
  | 'secret'
  /** Passed to the sandbox only. */
  | 'setting'
  /** Shorter than any credential: treated as a setting, but its name says secret (worth a warning). */
  | 'short-secret-name';

/** Decides whether an `agent-env` value is treated as a secret; see the module comment. */
export function classifyEnvValue(name: string, rawValue: string): EnvValueKind {
  const value = rawValue.trim();
  const secretName = nameLooksSecret(name);
  if (value.length < MIN_SECRET_LENGTH) return secretName && !isFlag(value) ? 'short-secret-name' : 'setting';
  return secretName || valueLooksLikeCredential(value) ? 'secret' : 'setting';
}

/** `ANTHROPIC_API_KEY`, `AWS_SECRET_ACCESS_KEY`, `GH_PAT`, `dbPassword`: a component is a secret word. */
export function nameLooksSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word.length > 0);
  return words.some(
    (word) => SECRET_NAME_WORDS.has(word) || SECRET_NAME_SUFFIXES.some((suffix) => word.endsWith(suffix)),
  );
}

/** A known key prefix, a URL with a password, or a long run of characters that look random. */
export function valueLooksLikeCredential(value: string): boolean {
  if (CREDENTIAL_PREFIXES.some((prefix) => value.startsWith(prefix)) && value.length >= MIN_PREFIXED_LENGTH)
    return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i.test(value)) return true;
  if (/\s/.test(value.trim())) return false;
  // Base64 and base64url keep their `+/=_-` inside a run; `.`, `:` and `@` end it (hosts, ARNs, times).
  const runs = value.match(/[A-Za-z0-9+/=_-]+/g) ?? [];
  return runs.some(looksRandom);
}

/**
 * Counts class switches inside the pieces between separators only, so `claude-3-7-sonnet` (words and
 * numbers joined by `-`) is not random while a base64 key with an occasional `+` or `-` still is.
 */
function looksRandom(run: string): boolean {
  const alphanumeric = run.replace(/[^A-Za-z0-9]/g, '');
  if (alphanumeric.length < MIN_RANDOM_RUN || !/[A-Za-z]/.test(alphanumeric)) return false;
  if (!/[0-9]/.test(alphanumeric) && !(/[a-z]/.test(alphanumeric) && /[A-Z]/.test(alphanumeric)))
    return false;
  let switches = 0;
  for (const piece of run.split(/[^A-Za-z0-9]+/)) {
    for (let i = 1; i < piece.length; i++) {
      const before = charClass(piece[i - 1] ?? '');
      const after = charClass(piece[i] ?? '');
      // Upper → lower is how every capitalised word continues; only lower → upper starts a new one.
      if (before !== after && !(before === 'upper' && after === 'lower')) switches++;
    }
  }
  return switches / (alphanumeric.length - 1) >= MIN_CLASS_SWITCH_RATIO;
}

function charClass(char: string): 'lower' | 'upper' | 'digit' {
  if (char >= '0' && char <= '9') return 'digit';
  return char >= 'a' && char <= 'z' ? 'lower' : 'upper';
}

/** `1`, `true`, `off`: a switch under a secret-sounding name (`SKIP_AUTH=1`) deserves no warning. */
function isFlag(value: string): boolean {
  return /^(?:[01]|true|false|yes|no|on|off)?$/i.test(value);
}
