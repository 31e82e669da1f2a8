import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix } from 'node:path';
import type { NetworkPolicy, ProviderName, ProviderSettings, SandboxSize } from '../sandbox/types.js';
import { PROVIDER_NAMES } from '../sandbox/types.js';
import { MIN_DEADLINE_MINUTES } from '../shared/deadline.js';
import { ActionError } from '../shared/errors.js';
import { readAgentEnvLine } from './agent-env.js';
import type { RunContext } from './context.js';
import { networkInputErrors } from './network.js';

export type AgentName = 'claude-code' | 'codex' | 'opencode' | 'gemini' | 'custom';
export const AGENT_NAMES: readonly AgentName[] = ['claude-code', 'codex', 'opencode', 'gemini', 'custom'];
export type OutputMode = 'pull-request' | 'artifact' | 'both';
export const OUTPUT_MODES: readonly OutputMode[] = ['pull-request', 'artifact', 'both'];
export type ProtectedPathsPolicy = 'fallback' | 'block' | 'allow';
/** `pr-link-keyword`: how the PR body links the issue or PR it came from; only these words. */
export type LinkKeyword = 'Refs' | 'Closes' | 'Fixes' | 'Resolves';
export const LINK_KEYWORDS: readonly LinkKeyword[] = ['Refs', 'Closes', 'Fixes', 'Resolves'];

export const PROTECTED_POLICIES: readonly ProtectedPathsPolicy[] = ['fallback', 'block', 'allow'];

/** SPEC §6 default protected paths; the `protected-paths` input adds to them. */
export const DEFAULT_PROTECTED_PATHS = [
  '.github/**',
  '.gitmodules',
  '.husky/**',
  'CODEOWNERS',
  '**/.env*',
  '.claude/**',
  'AGENTS.md',
  'CLAUDE.md',
  'GEMINI.md',
];

/** Every input of action.yml, parsed once (SPEC §1). */
export interface Settings {
  prompt: string;
  promptFile: string;
  provider: ProviderName;
  agent: AgentName;
  agentCommand: string;
  agentVersion: string;
  model: string;
  setupCommand: string;
  /** `agent-env`: the only runner values that enter the sandbox. */
  agentEnv: Record<string, string>;
  timeoutMinutes: number;
  /** `deadline-minutes`: the overall deadline; 0 derives it from `timeout-minutes` (shared/deadline.ts). */
  deadlineMinutes: number;
  output: OutputMode;
  githubToken: string;
  baseBranch: string;
  branchPrefix: string;
  pr: { title: string; labels: string[]; draft: boolean; reviewers: string[]; linkKeyword: LinkKeyword };
  triggerPhrase: string;
  /** `trigger-label` / `trigger-assignee`: the `issues` labeled / assigned triggers ('' = off). */
  triggerLabel: string;
  triggerAssignee: string;
  /** `remove-trigger-label`: take the trigger label off the issue once the run is over. */
  removeTriggerLabel: boolean;
  allowedBots: string[];
  /** `allow-fork-prs`: run on comments on fork PRs (off: outcome `refused`, reason `fork-pr`). */
  allowForkPrs: boolean;
  /** `allow-fork-prs: suggest`: a fork PR's verified change becomes a review of suggested changes (src/suggest). */
  suggestOnForks: boolean;
  /** `pr-push-to-head`: follow-ups may push onto same-repo PR branches a person opened (never forks). */
  prPushToHead: boolean;
  /** `resolve-threads`: resolve a review thread whose lines the verified follow-up push changed (replies stay on). */
  resolveThreads: boolean;
  includeUncommitted: boolean;
  protectedPaths: string[];
  protectedPathsPolicy: ProtectedPathsPolicy;
  caps: { maxPatchBytes: number; maxFiles: number; maxCommits: number };
  /** `cpu`, `memory-gib`, `disk-gib` as given; unset ones take the provider's defaults (SPEC §9). */
  sandboxSize: SandboxSize;
  /** `create-timeout-minutes`: 5, or 15 with `daytona-image` (an image build takes minutes). */
  createTimeoutMinutes: number;
  network: NetworkPolicy;
  providers: ProviderSettings;
  workdir: string;
  outDir: string;
  artifactName: string;
  /** Inputs that were accepted after a fix-up (names only, never values): preflight logs them. */
  inputWarnings?: string[];
}

/** Upper bounds for the size inputs: above what either provider offers, so a typo fails here, not at create. */
export const MAX_SANDBOX_SIZE = { cpu: 64, memoryGib: 256, diskGib: 1024 } as const;
export const DEFAULT_CREATE_TIMEOUT_MINUTES = 5;

export type InputReader = (name: string) => string;

/** Names that must never be passed into the sandbox, even on purpose (SPEC §4). */
const FORBIDDEN_AGENT_ENV = /^(GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|ACTIONS_.*|DAYTONA_.*|MODAL_.*|RUNNER_.*)$/;
/** Names the pipeline sets itself. */
const RESERVED_AGENT_ENV = /^(AGENT_PROMPT_FILE|AGENT_WORKDIR|PATH|HOME)$/;

export function parseSettings(read: InputReader, context: RunContext): Settings {
  const errors: string[] = [];
  const input = (name: string): string => read(name).trim();
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = input(name) || fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    errors.push(`Invalid ${name} '${value}'. Expected one of: ${allowed.join(', ')}.`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number): number => {
    const raw = input(name);
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      errors.push(`Invalid ${name} '${raw}'. Expected a whole number ≥ ${min}.`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string): boolean => {
    const raw = input(name).toLowerCase();
    if (raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    errors.push(`Invalid ${name} '${raw}'. Expected true or false.`);
    return false;
  };

  const agent = oneOf('agent', AGENT_NAMES, 'claude-code');
  const agentCommand = input('agent-command');
  if (agent === 'custom' && !agentCommand) errors.push('agent-command is required when agent is custom.');

  const budget = readAgentBudgetInput(input);
  errors.push(...budget.errors);
  const timeoutMinutes = budget.minutes;

  const deadlineMinutes = Number(input('deadline-minutes') || '0');
  if (
    !Number.isFinite(deadlineMinutes) ||
    (deadlineMinutes !== 0 && (deadlineMinutes < MIN_DEADLINE_MINUTES || deadlineMinutes > 24 * 60))
  ) {
    errors.push(
      `Invalid deadline-minutes '${input('deadline-minutes')}'. Expected empty or a number of minutes (${MIN_DEADLINE_MINUTES} ≤ m ≤ 1440).`,
    );
  }

  const workdir = input('workdir') || '/workspace';
  if (!posix.isAbsolute(workdir) || workdir.split('/').includes('..')) {
    errors.push(`Invalid workdir '${workdir}'. Expected an absolute path without '..'.`);
  }

  const provider = oneOf('provider', PROVIDER_NAMES, 'daytona');
  const network = parseNetwork(read('network'), errors);
  // Here, not in the provider: the provider is loaded after the snapshot and the tracking comment.
  errors.push(...networkInputErrors(provider, agent, network));
  if (provider === 'local' && network.mode !== 'open') {
    errors.push(
      `network: ${network.mode === 'none' ? 'none' : 'an allowlist'} cannot be enforced by provider: local (the agent runs on the runner with its network); use provider: daytona or modal, or network: open.`,
    );
  }
  const warnings: string[] = [...budget.warnings];
  const branchPrefix = input('branch-prefix') || 'agent/';
  errors.push(...branchPrefixErrors(branchPrefix));
  const artifactName = input('artifact-name') || defaultArtifactName(context);
  errors.push(...artifactNameErrors(artifactName));

  const positive = (name: string, max: number): number | undefined => {
    const raw = input(name);
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
      errors.push(`Invalid ${name} '${raw}'. Expected a number greater than 0 and at most ${max}.`);
      return undefined;
    }
    return value;
  };
  const sandboxSize: SandboxSize = {
    cpu: positive('cpu', MAX_SANDBOX_SIZE.cpu),
    memoryGib: positive('memory-gib', MAX_SANDBOX_SIZE.memoryGib),
    diskGib: positive('disk-gib', MAX_SANDBOX_SIZE.diskGib),
  };
  const createTimeoutMinutes =
    positive('create-timeout-minutes', 120) ?? (input('daytona-image') ? 15 : DEFAULT_CREATE_TIMEOUT_MINUTES);

  const outDirInput = input('out-dir');
  const settings: Settings = {
    prompt: read('prompt'),
    promptFile: input('prompt-file'),
    provider,
    agent,
    agentCommand,
    agentVersion: input('agent-version'),
    model: input('model'),
    setupCommand: input('setup-command'),
    agentEnv: parseAgentEnv(read('agent-env'), errors, warnings),
    timeoutMinutes: Number.isFinite(timeoutMinutes) && timeoutMinutes > 0 ? timeoutMinutes : 30,
    deadlineMinutes: Number.isFinite(deadlineMinutes) ? deadlineMinutes : 0,
    output: oneOf('output', OUTPUT_MODES, 'pull-request'),
    githubToken: input('github-token'),
    baseBranch: input('base-branch'),
    branchPrefix,
    pr: {
      title: input('pr-title'),
      labels: list(read('pr-labels')),
      draft: boolean('pr-draft'),
      reviewers: list(read('pr-reviewers')),
      linkKeyword: linkKeyword(input('pr-link-keyword'), errors),
    },
    triggerPhrase: input('trigger-phrase') || '/agent',
    triggerLabel: input('trigger-label'),
    triggerAssignee: input('trigger-assignee').replace(/^@/, ''),
    removeTriggerLabel: input('remove-trigger-label') === '' ? true : boolean('remove-trigger-label'),
    allowedBots: list(read('allowed-bots')),
    ...forkPrMode(input('allow-fork-prs'), errors),
    prPushToHead: boolean('pr-push-to-head'),
    resolveThreads: input('resolve-threads') === '' ? true : boolean('resolve-threads'),
    includeUncommitted: boolean('include-uncommitted'),
    protectedPaths: [...DEFAULT_PROTECTED_PATHS, ...lines(read('protected-paths'))],
    protectedPathsPolicy: oneOf('protected-paths-policy', PROTECTED_POLICIES, 'fallback'),
    caps: {
      maxPatchBytes: integer('max-patch-bytes', 4_194_304, 1),
      maxFiles: integer('max-files', 200, 1),
      maxCommits: integer('max-commits', 50, 1),
    },
    sandboxSize,
    createTimeoutMinutes,
    network,
    providers: readProviderSettings(read, context.runnerTemp),
    workdir,
    outDir: outDirInput
      ? isAbsolute(outDirInput)
        ? outDirInput
        : join(context.workspace, outDirInput)
      : join(context.runnerTemp || tmpdir(), 'sandbox-agent'),
    artifactName,
    inputWarnings: warnings,
  };
  if (errors.length > 0) {
    throw new ActionError('invalid-input', errors.join(' '), 'Fix the inputs listed above and re-run.');
  }
  return settings;
}

/** `allow-fork-prs`: `false` (default), `true`, or `suggest` (issue 20 item 6). */
function forkPrMode(raw: string, errors: string[]): { allowForkPrs: boolean; suggestOnForks: boolean } {
  const value = raw.toLowerCase();
  if (value === '' || value === 'false') return { allowForkPrs: false, suggestOnForks: false };
  if (value === 'true') return { allowForkPrs: true, suggestOnForks: false };
  if (value === 'suggest') return { allowForkPrs: true, suggestOnForks: true };
  errors.push(`Invalid allow-fork-prs '${raw}'. Expected false, true or suggest.`);
  return { allowForkPrs: false, suggestOnForks: false };
}

/** Provider settings alone (the `post` step and `sweep` need nothing else). */
export function readProviderSettings(read: InputReader, runnerTemp: string = tmpdir()): ProviderSettings {
  const input = (name: string): string => read(name).trim();
  return {
    local: { parentDir: runnerTemp },
    daytona: {
      apiKey: input('daytona-api-key'),
      apiUrl: input('daytona-api-url'),
      target: input('daytona-target'),
      snapshot: input('daytona-snapshot'),
      image: input('daytona-image'),
    },
    modal: {
      tokenId: input('modal-token-id'),
      tokenSecret: input('modal-token-secret'),
      app: input('modal-app') || 'sandbox-agent',
      image: input('modal-image'),
      environment: input('modal-environment'),
    },
  };
}

function parseAgentEnv(raw: string, errors: string[], warnings: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const entry = readAgentEnvLine(line);
    if (!entry || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.name)) {
      // Never echo the line: it may be a bare secret.
      errors.push(`agent-env line ${index + 1} is not NAME=value.`);
      continue;
    }
    const { name } = entry;
    if (FORBIDDEN_AGENT_ENV.test(name)) {
      errors.push(`agent-env may not set ${name}: GitHub and provider credentials never enter the sandbox.`);
      continue;
    }
    if (RESERVED_AGENT_ENV.test(name)) {
      errors.push(`agent-env may not set ${name}: the action sets it.`);
      continue;
    }
    if (entry.adjusted) {
      warnings.push(
        `agent-env ${name}: removed the quotes or spaces around its value (agent-env lines are NAME=value, taken literally); write it as ${name}=value to silence this warning.`,
      );
    }
    env[name] = entry.value;
  }
  return env;
}

/**
 * `branch-prefix` as git will see it in `<prefix><trigger>-<number|run>-<run_id>`: checked with
 * `git check-ref-format --branch` (argument array) on a sample name, so a prefix git refuses fails here,
 * before any sandbox, instead of after the agent ran (ux-findings rows 39–41).
 */
/**
 * Prefixes git's ref-name rules always accept in `<prefix>x-1`: '/'-separated components of letters,
 * digits, '_' and '-', none empty or starting with '-' (no '.', so no '..' or '.lock'). A property test
 * checks this against `git check-ref-format --branch`.
 */
export const PLAIN_BRANCH_PREFIX = /^[A-Za-z0-9_][A-Za-z0-9_-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_-]*)*\/?$/;

function branchPrefixErrors(prefix: string): string[] {
  if (/^refs\//.test(prefix)) {
    return [
      `Invalid branch-prefix '${prefix}': it must not start with refs/ (the action adds refs/heads/ itself); drop the refs/heads/ part.`,
    ];
  }
  // Cold start: the default (agent/) and other plain prefixes are valid by git's rules, so no git
  // process is started for them before the first log line; anything else is left to git itself.
  if (PLAIN_BRANCH_PREFIX.test(prefix)) return [];
  const sample = `${prefix}x-1`;
  const check = spawnSync('git', ['check-ref-format', '--branch', sample], { stdio: 'ignore' });
  if (check.error) return []; // git missing: assertGitVersion reports it with its own hint.
  if (check.status === 0) return [];
  return [
    `Invalid branch-prefix '${prefix}': git refuses branch names that start with it (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\', '@{', or a leading '-' or '.'); use letters, digits, '-', '_' and '/', like agent/.`,
  ];
}

/**
 * Characters the artifact service refuses in a name, copied from @actions/artifact 6.2.1
 * lib/internal/upload/path-and-artifact-name-validation.js (`invalidArtifactNameCharacters`:
 * the file-path set `" : < > | * ? \r \n` plus `\` and `/`). Checked here so a bad name fails before the
 * sandbox, not at upload after the agent's work is done (ux-findings row 47).
 */
const INVALID_ARTIFACT_NAME_CHARACTERS = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];

function artifactNameErrors(name: string): string[] {
  const bad = INVALID_ARTIFACT_NAME_CHARACTERS.filter((c) => name.includes(c));
  if (bad.length === 0) return [];
  const shown = bad.map((c) => JSON.stringify(c)).join(' ');
  return [
    `Invalid artifact-name: the artifact service refuses the character(s) ${shown}; use letters, digits, '-', '_' and '.'.`,
  ];
}

function parseNetwork(raw: string, errors: string[]): NetworkPolicy {
  const entries = lines(raw);
  if (entries.length === 0 || (entries.length === 1 && entries[0] === 'open')) return { mode: 'open' };
  if (entries.length === 1 && entries[0] === 'none') return { mode: 'none' };
  const keywords = entries.filter((e) => e === 'open' || e === 'none');
  if (keywords.length > 0) {
    errors.push(
      `network: \`${keywords.join('`, `')}\` cannot be mixed with other entries: give open, none, or a list of CIDRs/domains.`,
    );
  }
  return { mode: 'allow', entries: entries.filter((e) => e !== 'open' && e !== 'none') };
}

/** Newline- or comma-separated values. */
function list(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function lines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** SPEC's default artifact name; a parallel job that finds it taken falls back (deliver/artifact.ts). */
export function defaultArtifactName(context: Pick<RunContext, 'runId' | 'runAttempt'>): string {
  return `agent-patch-${context.runId}-${context.runAttempt}`;
}

/**
 * The agent budget: `agent-timeout-minutes`, or the deprecated `timeout-minutes` (its name collides with
 * the step keyword `timeout-minutes`, which GitHub enforces on the whole step). Both set and different
 * is an error: which one was meant cannot be guessed.
 */
const DEFAULT_AGENT_TIMEOUT_MINUTES = '30';

export function readAgentBudgetInput(input: (name: string) => string): {
  minutes: number;
  errors: string[];
  warnings: string[];
} {
  const current = input('agent-timeout-minutes');
  const deprecated = input('timeout-minutes');
  const warnings: string[] = [];
  const errors: string[] = [];
  if (deprecated) {
    warnings.push(
      'The input timeout-minutes is deprecated: rename it to agent-timeout-minutes (the step keyword timeout-minutes is a different thing).',
    );
  }
  // action.yml gives agent-timeout-minutes its default (30), so a value of 30 may be that default: then
  // the deprecated name, when set, is what the workflow asked for.
  const currentIsDefault = current === '' || current === DEFAULT_AGENT_TIMEOUT_MINUTES;
  if (current && deprecated && !currentIsDefault && Number(current) !== Number(deprecated)) {
    errors.push(
      `agent-timeout-minutes '${current}' and the deprecated timeout-minutes '${deprecated}' disagree: keep only agent-timeout-minutes.`,
    );
  }
  const useDeprecated = deprecated !== '' && currentIsDefault;
  const name = useDeprecated ? 'timeout-minutes' : 'agent-timeout-minutes';
  const raw = (useDeprecated ? deprecated : current) || DEFAULT_AGENT_TIMEOUT_MINUTES;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
    errors.push(`Invalid ${name} '${raw}'. Expected a number of minutes (0 < m ≤ 1440).`);
    return { minutes: 30, errors, warnings };
  }
  return { minutes, errors, warnings };
}

/** `pr-link-keyword`, any case (`closes` → `Closes`); anything else is an input error. */
function linkKeyword(raw: string, errors: string[]): LinkKeyword {
  if (!raw) return 'Refs';
  const match = LINK_KEYWORDS.find((k) => k.toLowerCase() === raw.toLowerCase());
  if (match) return match;
  errors.push(`Invalid pr-link-keyword '${raw}'. Expected one of: ${LINK_KEYWORDS.join(', ')}.`);
  return 'Refs';
}
