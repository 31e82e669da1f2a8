import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMbox } from './deliver/apply-local.js';
import { failsStep } from './deliver/result.js';
import { type Host, runPipeline } from './main.js';
import { readRunContext } from './settings/context.js';
import { parseSettings } from './settings/index.js';
import { registerInputSecrets } from './settings/secrets.js';
import { CleanupRegistry } from './shared/cleanup.js';
import { errorMessage, toActionError } from './shared/errors.js';
import { consoleLogger, inertJson, inertLines } from './shared/log.js';
import { SecretRegistry } from './shared/secrets.js';
import { createSnapshot } from './snapshot/index.js';
import { SWEEP_INPUTS, sweepFromInputs } from './sweep/run.js';

const USAGE = `sandbox-agent — run a coding agent in a sandbox and bring its work back as verified git history

Usage:
  sandbox-agent run [--repo DIR] [--out DIR] [--<input> VALUE ...]
      Runs the action's pipeline on a local repository. Options are the action's inputs
      (--prompt, --provider, --agent, --agent-command, --output, --timeout-minutes, ...).
      Defaults for the CLI: --provider local, --output artifact. Prints the result as JSON on stdout.
  sandbox-agent snapshot [--repo DIR] [--out DIR] [--include-uncommitted]
                         [--commit SHA --pr-base-ref BRANCH --pr-base-sha SHA]
      Builds the bundle the action would upload (tip only, tracked content only; with --pr-base-*,
      as for a pull request: the merge base and the commits up to --commit) and prints its facts
      as JSON, without creating a sandbox.
  sandbox-agent apply MBOX [--meta FILE] [--branch NAME] [--repo DIR]
      Applies an agent.mbox with the same isolated verification as the action (base, commit count,
      tree) and creates a new local branch with the verified commits.
  sandbox-agent sweep [--provider daytona] [--older-than 6h] [--dry-run] [--repo OWNER/NAME]
      Deletes this repository's sandboxes older than --older-than (30m, 2h, 1d), found by the labels
      every run attaches. --repo defaults to GITHUB_REPOSITORY. Credentials as for run
      (--daytona-api-key or DAYTONA_API_KEY, ...). Prints the result as JSON on stdout.
`;

const INPUT_NAMES = [
  'prompt',
  'prompt-file',
  'provider',
  'agent',
  'agent-command',
  'agent-version',
  'model',
  'setup-command',
  'agent-env',
  'agent-timeout-minutes',
  'timeout-minutes',
  'deadline-minutes',
  'output',
  'github-token',
  'base-branch',
  'branch-prefix',
  'pr-title',
  'pr-labels',
  'pr-draft',
  'pr-reviewers',
  'trigger-phrase',
  'allowed-bots',
  'include-uncommitted',
  'protected-paths',
  'protected-paths-policy',
  'max-patch-bytes',
  'max-files',
  'max-commits',
  'network',
  'daytona-api-key',
  'daytona-api-url',
  'daytona-target',
  'daytona-snapshot',
  'daytona-image',
  'modal-token-id',
  'modal-token-secret',
  'modal-app',
  'modal-image',
  'modal-environment',
  'workdir',
  'out-dir',
  'artifact-name',
] as const;

const CLI_DEFAULTS: Record<string, string> = { provider: 'local', output: 'artifact' };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'run') return runCommand(rest);
  if (command === 'apply') return applyCommand(rest);
  if (command === 'snapshot') return snapshotCommand(rest);
  if (command === 'sweep') return sweepCommand(rest);
  process.stdout.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

async function runCommand(args: string[]): Promise<number> {
  const options = Object.fromEntries(INPUT_NAMES.map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({
    args,
    options: { ...options, repo: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const given = values as Record<string, string | undefined>;
  const read = (name: string): string =>
    given[name] ?? (name === 'out-dir' ? given['out'] : undefined) ?? CLI_DEFAULTS[name] ?? '';
  const secrets = new SecretRegistry();
  registerInputSecrets(secrets, read, process.env);
  const logger = consoleLogger(secrets);
  const repoDir = resolve(given['repo'] ?? process.cwd());
  const context = { ...(await readRunContext(process.env)), workspace: repoDir, onRunner: false };
  const host: Host = { logger, secrets, cleanup: new CleanupRegistry(), saveState: () => {} };
  const stop = (): void => {
    void host.cleanup.runAll(6_000, () => {}).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const settings = parseSettings(read, context);
    const result = await runPipeline({ settings, context, host, repoDir });
    process.stdout.write(`${inertJson(result, 2)}\n`);
    logger.info(`${result.outcome}${result.reason ? ` (${result.reason})` : ''}: ${result.message}`);
    return failsStep(result.outcome) ? 1 : 0;
  } catch (error) {
    logger.error(errorMessage(error));
    return 1;
  }
}

async function sweepCommand(args: string[]): Promise<number> {
  const options = Object.fromEntries(
    SWEEP_INPUTS.filter((n) => n !== 'dry-run' && n !== 'repository').map((n) => [
      n,
      { type: 'string' as const },
    ]),
  );
  const { values } = parseArgs({
    args,
    options: { ...options, repo: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
  });
  const given = values as Record<string, string | boolean | undefined>;
  const read = (name: string): string => {
    const value = given[name === 'repository' ? 'repo' : name];
    return typeof value === 'boolean' ? String(value) : (value ?? '');
  };
  const secrets = new SecretRegistry();
  registerInputSecrets(secrets, read, process.env);
  const logger = consoleLogger(secrets);
  try {
    const report = await sweepFromInputs(read, process.env, logger);
    const stale = report.stale.map((s) => ({ ...s, createdAt: s.createdAt?.toISOString() }));
    process.stdout.write(`${inertJson({ ...report, stale }, 2)}\n`);
    return report.failed.length > 0 ? 1 : 0;
  } catch (error) {
    const failure = toActionError(error);
    logger.error(`${failure.reason}: ${failure.describe()}`);
    return 1;
  }
}

async function snapshotCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      repo: { type: 'string' },
      out: { type: 'string' },
      'include-uncommitted': { type: 'boolean' },
      commit: { type: 'string' },
      'pr-base-ref': { type: 'string' },
      'pr-base-sha': { type: 'string' },
    },
  });
  const logger = consoleLogger((text) => text);
  try {
    const baseRef = values['pr-base-ref'];
    const baseSha = values['pr-base-sha'];
    const snapshot = await createSnapshot({
      repoDir: resolve(values.repo ?? process.cwd()),
      includeUncommitted: values['include-uncommitted'] ?? false,
      ...(values.commit ? { commit: values.commit } : {}),
      ...(baseRef && baseSha ? { history: { ref: baseRef, sha: baseSha } } : {}),
      workDir: resolve(values.out ?? join(tmpdir(), `sandbox-agent-snapshot-${process.pid}`)),
      secrets: new SecretRegistry(),
      logger,
    });
    process.stdout.write(`${inertJson(snapshot, 2)}\n`);
    return 0;
  } catch (error) {
    logger.error(errorMessage(error));
    return 1;
  }
}

async function applyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { meta: { type: 'string' }, branch: { type: 'string' }, repo: { type: 'string' } },
  });
  const logger = consoleLogger((text) => text);
  const mbox = positionals[0];
  if (!mbox) {
    logger.error('apply needs the path of an agent.mbox.');
    return 2;
  }
  const mboxPath = resolve(mbox);
  const metaPath = resolve(values.meta ?? join(dirname(mboxPath), 'agent.meta.json'));
  try {
    const meta: unknown = JSON.parse(await readFile(metaPath, 'utf8'));
    const applied = await applyMbox({
      repoDir: resolve(values.repo ?? process.cwd()),
      mboxPath,
      meta,
      branch: values.branch,
      workDir: join(tmpdir(), `sandbox-agent-apply-${process.pid}`),
    });
    logger.info(
      `Created branch ${applied.branch} with ${applied.commits} verified commit(s) (tree ${applied.headTree}). ` +
        `Switch to it with: git switch ${applied.branch}`,
    );
    process.stdout.write(`${inertJson(applied)}\n`);
    return 0;
  } catch (error) {
    const failure = toActionError(error);
    logger.error(`${failure.reason}: ${failure.describe()}`);
    return 1;
  }
}

/**
 * Runs the CLI on this process's arguments and exits with its status (dist/cli/index.js calls it). The
 * promise settles only with the command: the entry's last-resort exit (src/shared/exit.ts) starts its
 * clock when it settles, so a command longer than that clock is never cut short.
 */
export async function runCli(): Promise<void> {
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (error) {
    for (const line of inertLines(errorMessage(error))) process.stderr.write(`sandbox-agent: ${line}\n`);
    code = 1;
  }
  process.exit(code);
}
