export const id = 864;
export const ids = [864];
export const modules = {

/***/ 3864:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSweepAction: () => (/* binding */ runSweepAction)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3894);
/* harmony import */ var _action_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22929);
/* harmony import */ var _settings_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54824);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58382);
/* harmony import */ var _shared_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33260);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(64382);






/** The `sweep` sub-action (`uses: <owner>/sandbox-agent-action/sweep@v1`), typically on a schedule. */
async function runSweepAction() {
    const read = (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name, { trimWhitespace: false });
    const secrets = new _shared_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .SecretRegistry */ .ks((value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value));
    (0,_settings_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .registerInputSecrets */ .h)(secrets, read, process.env);
    const logger = (0,_action_js__WEBPACK_IMPORTED_MODULE_1__/* .actionLogger */ .v0)(secrets);
    try {
        const report = await (0,_run_js__WEBPACK_IMPORTED_MODULE_5__/* .sweepFromInputs */ .E)(read, process.env, logger);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('stale', String(report.stale.length));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('deleted', String(report.deleted.length));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('failed', String(report.failed.length));
    }
    catch (error) {
        const failure = (0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .toActionError */ .ie)(error);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('reason', failure.reason);
        (0,_action_js__WEBPACK_IMPORTED_MODULE_1__/* .failStep */ .vy)(logger, failure.describe());
    }
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
