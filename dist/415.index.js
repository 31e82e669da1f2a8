export const id = 415;
export const ids = [415];
export const modules = {

/***/ 47796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(58382);
// EXTERNAL MODULE: ./src/shared/git.ts
var shared_git = __webpack_require__(84025);
// EXTERNAL MODULE: ./src/deliver/verify.ts + 2 modules
var verify = __webpack_require__(83889);
;// CONCATENATED MODULE: ./src/deliver/apply-local.ts




/**
 * `sandbox-agent apply`: verifies an mbox exactly as the action does (isolated repository, base,
 * commit count, tree), then fetches the verified commits into the user's repository as a new branch.
 * Nothing is applied in the user's work tree.
 */
async function applyMbox(input) {
    const meta = input.meta;
    const commits = meta?.['commits'];
    if (!meta || !(0,shared_git/* isSha */.HH)(meta['base_sha']) || !(0,shared_git/* isSha */.HH)(meta['head_tree']) || typeof commits !== 'number') {
        throw new errors/* ActionError */.lZ('invalid-input', 'agent.meta.json is missing base_sha, head_tree or commits.');
    }
    const git = (0,shared_git/* hostGit */.R_)((0,external_node_path_.resolve)(input.repoDir));
    const repoDir = await git.run(['rev-parse', '--show-toplevel']).catch(() => {
        throw new errors/* ActionError */.lZ('invalid-input', `${input.repoDir} is not a git repository.`);
    });
    const local = (0,shared_git/* hostGit */.R_)(repoDir);
    const objectsDir = (0,external_node_path_.resolve)(repoDir, await local.run(['rev-parse', '--git-path', 'objects']));
    const verified = await (0,verify/* verifyPatch */.Y)({
        objectsDir,
        baseSha: meta['base_sha'],
        mboxPath: input.mboxPath,
        meta: { commits, head_tree: meta['head_tree'] },
        workDir: input.workDir,
    });
    try {
        const branch = input.branch ?? `agent/apply-${verified.headSha.slice(0, 8)}`;
        if (!(await local.tryRun(['check-ref-format', '--branch', branch]))) {
            throw new errors/* ActionError */.lZ('invalid-input', `'${branch}' is not a valid branch name.`);
        }
        if (await local.tryRun(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) {
            throw new errors/* ActionError */.lZ('invalid-input', `Branch ${branch} already exists; pass --branch with a new name.`);
        }
        await verified.git.run(['update-ref', 'refs/heads/verified', verified.headSha]);
        await local.run([
            'fetch',
            '--quiet',
            '--no-tags',
            verified.repoDir,
            `refs/heads/verified:refs/heads/${branch}`,
        ]);
        return { branch, headSha: verified.headSha, headTree: verified.headTree, commits: verified.commits };
    }
    finally {
        await verified.close();
    }
}

// EXTERNAL MODULE: ./src/deliver/result.ts
var deliver_result = __webpack_require__(52664);
// EXTERNAL MODULE: ./src/main.ts + 3 modules
var main = __webpack_require__(64046);
// EXTERNAL MODULE: ./src/settings/context.ts
var settings_context = __webpack_require__(17218);
// EXTERNAL MODULE: ./src/settings/index.ts
var src_settings = __webpack_require__(92181);
// EXTERNAL MODULE: ./src/settings/secrets.ts + 1 modules
var settings_secrets = __webpack_require__(54824);
// EXTERNAL MODULE: ./src/shared/cleanup.ts
var cleanup = __webpack_require__(10885);
// EXTERNAL MODULE: ./src/shared/log.ts
var log = __webpack_require__(21827);
// EXTERNAL MODULE: ./src/shared/secrets.ts
var shared_secrets = __webpack_require__(33260);
// EXTERNAL MODULE: ./src/snapshot/index.ts + 1 modules
var src_snapshot = __webpack_require__(93554);
// EXTERNAL MODULE: ./src/sweep/run.ts + 2 modules
var run = __webpack_require__(64382);
;// CONCATENATED MODULE: ./src/cli.ts
















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
];
const CLI_DEFAULTS = { provider: 'local', output: 'artifact' };
async function cli_main(argv) {
    const [command, ...rest] = argv;
    if (command === 'run')
        return runCommand(rest);
    if (command === 'apply')
        return applyCommand(rest);
    if (command === 'snapshot')
        return snapshotCommand(rest);
    if (command === 'sweep')
        return sweepCommand(rest);
    process.stdout.write(USAGE);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}
async function runCommand(args) {
    const options = Object.fromEntries(INPUT_NAMES.map((name) => [name, { type: 'string' }]));
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        options: { ...options, repo: { type: 'string' }, out: { type: 'string' } },
        strict: true,
    });
    const given = values;
    const read = (name) => given[name] ?? (name === 'out-dir' ? given['out'] : undefined) ?? CLI_DEFAULTS[name] ?? '';
    const secrets = new shared_secrets/* SecretRegistry */.ks();
    (0,settings_secrets/* registerInputSecrets */.h)(secrets, read, process.env);
    const logger = (0,log/* consoleLogger */.kS)(secrets);
    const repoDir = (0,external_node_path_.resolve)(given['repo'] ?? process.cwd());
    const context = { ...(await (0,settings_context/* readRunContext */.$)(process.env)), workspace: repoDir, onRunner: false };
    const host = { logger, secrets, cleanup: new cleanup/* CleanupRegistry */._(), saveState: () => { } };
    const stop = () => {
        void host.cleanup.runAll(6_000, () => { }).finally(() => process.exit(130));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
        const settings = (0,src_settings/* parseSettings */.P$)(read, context);
        const result = await (0,main/* runPipeline */.a)({ settings, context, host, repoDir });
        process.stdout.write(`${(0,log/* inertJson */.nl)(result, 2)}\n`);
        logger.info(`${result.outcome}${result.reason ? ` (${result.reason})` : ''}: ${result.message}`);
        return (0,deliver_result/* failsStep */.u)(result.outcome) ? 1 : 0;
    }
    catch (error) {
        logger.error((0,errors/* errorMessage */.gJ)(error));
        return 1;
    }
}
async function sweepCommand(args) {
    const options = Object.fromEntries(run/* SWEEP_INPUTS */.P.filter((n) => n !== 'dry-run' && n !== 'repository').map((n) => [
        n,
        { type: 'string' },
    ]));
    const { values } = (0,external_node_util_.parseArgs)({
        args,
        options: { ...options, repo: { type: 'string' }, 'dry-run': { type: 'boolean' } },
        strict: true,
    });
    const given = values;
    const read = (name) => {
        const value = given[name === 'repository' ? 'repo' : name];
        return typeof value === 'boolean' ? String(value) : (value ?? '');
    };
    const secrets = new shared_secrets/* SecretRegistry */.ks();
    (0,settings_secrets/* registerInputSecrets */.h)(secrets, read, process.env);
    const logger = (0,log/* consoleLogger */.kS)(secrets);
    try {
        const report = await (0,run/* sweepFromInputs */.E)(read, process.env, logger);
        const stale = report.stale.map((s) => ({ ...s, createdAt: s.createdAt?.toISOString() }));
        process.stdout.write(`${(0,log/* inertJson */.nl)({ ...report, stale }, 2)}\n`);
        return report.failed.length > 0 ? 1 : 0;
    }
    catch (error) {
        const failure = (0,errors/* toActionError */.ie)(error);
        logger.error(`${failure.reason}: ${failure.describe()}`);
        return 1;
    }
}
async function snapshotCommand(args) {
    const { values } = (0,external_node_util_.parseArgs)({
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
    const logger = (0,log/* consoleLogger */.kS)((text) => text);
    try {
        const baseRef = values['pr-base-ref'];
        const baseSha = values['pr-base-sha'];
        const snapshot = await (0,src_snapshot/* createSnapshot */.$p)({
            repoDir: (0,external_node_path_.resolve)(values.repo ?? process.cwd()),
            includeUncommitted: values['include-uncommitted'] ?? false,
            ...(values.commit ? { commit: values.commit } : {}),
            ...(baseRef && baseSha ? { history: { ref: baseRef, sha: baseSha } } : {}),
            workDir: (0,external_node_path_.resolve)(values.out ?? (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `sandbox-agent-snapshot-${process.pid}`)),
            secrets: new shared_secrets/* SecretRegistry */.ks(),
            logger,
        });
        process.stdout.write(`${(0,log/* inertJson */.nl)(snapshot, 2)}\n`);
        return 0;
    }
    catch (error) {
        logger.error((0,errors/* errorMessage */.gJ)(error));
        return 1;
    }
}
async function applyCommand(args) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args,
        allowPositionals: true,
        options: { meta: { type: 'string' }, branch: { type: 'string' }, repo: { type: 'string' } },
    });
    const logger = (0,log/* consoleLogger */.kS)((text) => text);
    const mbox = positionals[0];
    if (!mbox) {
        logger.error('apply needs the path of an agent.mbox.');
        return 2;
    }
    const mboxPath = (0,external_node_path_.resolve)(mbox);
    const metaPath = (0,external_node_path_.resolve)(values.meta ?? (0,external_node_path_.join)((0,external_node_path_.dirname)(mboxPath), 'agent.meta.json'));
    try {
        const meta = JSON.parse(await (0,promises_.readFile)(metaPath, 'utf8'));
        const applied = await applyMbox({
            repoDir: (0,external_node_path_.resolve)(values.repo ?? process.cwd()),
            mboxPath,
            meta,
            branch: values.branch,
            workDir: (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `sandbox-agent-apply-${process.pid}`),
        });
        logger.info(`Created branch ${applied.branch} with ${applied.commits} verified commit(s) (tree ${applied.headTree}). ` +
            `Switch to it with: git switch ${applied.branch}`);
        process.stdout.write(`${(0,log/* inertJson */.nl)(applied)}\n`);
        return 0;
    }
    catch (error) {
        const failure = (0,errors/* toActionError */.ie)(error);
        logger.error(`${failure.reason}: ${failure.describe()}`);
        return 1;
    }
}
/**
 * Runs the CLI on this process's arguments and exits with its status (dist/cli/index.js calls it). The
 * promise settles only with the command: the entry's last-resort exit (src/shared/exit.ts) starts its
 * clock when it settles, so a command longer than that clock is never cut short.
 */
async function runCli() {
    let code;
    try {
        code = await cli_main(process.argv.slice(2));
    }
    catch (error) {
        for (const line of (0,log/* inertLines */.wi)((0,errors/* errorMessage */.gJ)(error)))
            process.stderr.write(`sandbox-agent: ${line}\n`);
        code = 1;
    }
    process.exit(code);
}


/***/ }),

/***/ 64382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P: () => (/* binding */ SWEEP_INPUTS),
  E: () => (/* binding */ sweepFromInputs)
});

// EXTERNAL MODULE: ./src/sandbox/index.ts
var sandbox = __webpack_require__(17235);
// EXTERNAL MODULE: ./src/sandbox/types.ts
var types = __webpack_require__(13014);
// EXTERNAL MODULE: ./src/settings/index.ts
var src_settings = __webpack_require__(92181);
// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __webpack_require__(58382);
;// CONCATENATED MODULE: ./src/sweep/duration.ts

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Parses `90s`, `45m`, `2h`, `1d`, `1h30m` (or a bare number of minutes) into milliseconds. */
function parseDuration(raw, name = 'older-than') {
    const text = raw.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * UNIT_MS['m']);
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)];
    if (!text || parts.map((p) => p[0]).join('') !== text) {
        throw new shared_errors/* ActionError */.lZ('invalid-input', `Invalid ${name} '${raw}'. Expected a duration like 30m, 2h, 1d or 1h30m.`);
    }
    return Math.round(parts.reduce((sum, [, value, unit]) => sum + Number(value) * UNIT_MS[unit], 0));
}

// EXTERNAL MODULE: ./src/sandbox/spec.ts
var spec = __webpack_require__(4824);
;// CONCATENATED MODULE: ./src/sweep/index.ts


/** Old enough to belong to no live job on GitHub-hosted runners (6 h job limit). */
const DEFAULT_OLDER_THAN = '6h';
/**
 * The last layer of cleanup (research R1.4): deletes this repository's sandboxes older than
 * `olderThanMs`, found by the labels every run attaches before create. A failed delete is a warning.
 */
async function sweepSandboxes(options) {
    const { provider, logger } = options;
    const now = options.now ?? Date.now();
    const wanted = { [spec/* SANDBOX_LABEL */.xg]: '1', 'sandbox-agent-repo': options.repository };
    const listed = await provider.list(wanted);
    // The provider filters by labels already; checking again keeps a sloppy filter from reaching others'
    // sandboxes. `local` has no labels: its list is its own directory prefix.
    const ours = listed.filter((s) => provider.name === 'local' || Object.entries(wanted).every(([k, v]) => s.labels[k] === v));
    const stale = ours.filter((s) => {
        const created = (0,spec/* createdAt */.CT)(s);
        return created !== undefined && now - created.getTime() >= options.olderThanMs;
    });
    const report = { stale, deleted: [], failed: [], kept: ours.length - stale.length };
    for (const sandbox of stale) {
        const age = describeAge(now - ((0,spec/* createdAt */.CT)(sandbox)?.getTime() ?? now));
        const what = `${provider.name} sandbox ${sandbox.id}${sandbox.name ? ` (${sandbox.name})` : ''}, ${age} old`;
        if (options.dryRun) {
            logger.info(`Would delete ${what}.`);
            continue;
        }
        try {
            await provider.deleteById(sandbox.id);
            report.deleted.push(sandbox.id);
            logger.info(`Deleted ${what}.`);
        }
        catch (error) {
            report.failed.push(sandbox.id);
            logger.warning(`Could not delete ${what}: ${(0,shared_errors/* errorMessage */.gJ)(error)}`);
        }
    }
    logger.info(`${options.dryRun ? 'Dry run: ' : ''}${stale.length} stale sandbox(es) of ${options.repository} on ${provider.name}` +
        `${options.dryRun ? '' : `, ${report.deleted.length} deleted, ${report.failed.length} failed`}; ${report.kept} kept.`);
    return report;
}
function describeAge(ms) {
    const minutes = Math.floor(ms / 60_000);
    if (minutes < 1)
        return `${Math.floor(ms / 1000)} s`;
    if (minutes < 120)
        return `${minutes} min`;
    return `${(minutes / 60).toFixed(1)} h`;
}

;// CONCATENATED MODULE: ./src/sweep/run.ts






/** Inputs of the sweep sub-action and `sandbox-agent sweep` (same names, same meaning). */
const SWEEP_INPUTS = [
    'provider',
    'older-than',
    'dry-run',
    'repository',
    'daytona-api-key',
    'daytona-api-url',
    'daytona-target',
    'modal-token-id',
    'modal-token-secret',
    'modal-app',
    'modal-environment',
];
/** Reads the sweep inputs, loads the provider and sweeps. Invalid inputs throw `invalid-input`. */
async function sweepFromInputs(read, env, logger) {
    const input = (name) => read(name).trim();
    const provider = (input('provider') || 'daytona');
    const errors = [];
    if (!types/* PROVIDER_NAMES */.x.includes(provider)) {
        errors.push(`Invalid provider '${provider}'. Expected one of: ${types/* PROVIDER_NAMES */.x.join(', ')}.`);
    }
    let olderThanMs = 0;
    try {
        olderThanMs = parseDuration(input('older-than') || DEFAULT_OLDER_THAN);
    }
    catch (error) {
        errors.push(error.message);
    }
    const dryRun = input('dry-run').toLowerCase();
    if (!['', 'true', 'false'].includes(dryRun))
        errors.push(`Invalid dry-run '${dryRun}'. Expected true or false.`);
    const repository = input('repository') || env['GITHUB_REPOSITORY'] || '';
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
        errors.push(`Invalid repository '${repository}'. Expected owner/name (default: GITHUB_REPOSITORY).`);
    }
    if (errors.length > 0)
        throw new shared_errors/* ActionError */.lZ('invalid-input', errors.join(' '));
    const settings = (0,src_settings/* readProviderSettings */.N6)(read, env['RUNNER_TEMP'] || undefined);
    return sweepSandboxes({
        provider: await (0,sandbox/* loadProvider */.C)(provider, settings, logger),
        repository,
        olderThanMs,
        dryRun: dryRun === 'true',
        logger,
    });
}


/***/ })

};
