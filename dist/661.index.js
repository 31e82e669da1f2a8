export const id = 661;
export const ids = [661];
export const modules = {

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3894);
/* harmony import */ var _action_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22929);
/* harmony import */ var _sandbox_index_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(17235);
/* harmony import */ var _sandbox_spec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4824);
/* harmony import */ var _sandbox_types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(13014);
/* harmony import */ var _settings_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(92181);
/* harmony import */ var _settings_secrets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(54824);
/* harmony import */ var _shared_cleanup_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(10885);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(58382);
/* harmony import */ var _shared_secrets_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(33260);












/**
 * The `post` step: deletes the sandbox whose id `main` saved, if it is still recorded (main clears it
 * after a successful delete). If main recorded a sandbox name but never learned the id (cancelled while
 * create was in flight), the sandbox is looked up by that name (a single-record read, where the provider
 * has one) and then by the nonce label main saved (an eventually consistent list); never by run id and
 * job alone, which parallel matrix jobs share (research/real-services.md #3). Idempotent: a
 * sandbox that is already gone is success. Every failure is a warning.
 */
async function runPost() {
    const read = (name) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(name, { trimWhitespace: false });
    const secrets = new _shared_secrets_js__WEBPACK_IMPORTED_MODULE_8__/* .SecretRegistry */ .ks((value) => _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setSecret */ .Pq(value));
    (0,_settings_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .registerInputSecrets */ .h)(secrets, read, process.env);
    const logger = (0,_action_js__WEBPACK_IMPORTED_MODULE_3__/* .actionLogger */ .v0)(secrets);
    await removeWorkDir(_actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('work-dir'), logger);
    const provider = _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-provider');
    const id = _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-id');
    const lookUp = !id && _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-name') !== '' && _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-deleted') !== 'true';
    // Local sandboxes live in RUNNER_TEMP, which the runner empties; they carry no labels to look up by.
    if (!_sandbox_types_js__WEBPACK_IMPORTED_MODULE_9__/* .PROVIDER_NAMES */ .x.includes(provider) || (!id && !(lookUp && provider !== 'local'))) {
        logger.info('No sandbox left to clean up.');
        return;
    }
    try {
        const instance = await (0,_sandbox_index_js__WEBPACK_IMPORTED_MODULE_10__/* .loadProvider */ .C)(provider, (0,_settings_index_js__WEBPACK_IMPORTED_MODULE_5__/* .readProviderSettings */ .N6)(read, process.env['RUNNER_TEMP']), logger);
        if (id)
            await deleteOne(instance, id, logger);
        else
            await deleteByName(instance, _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-name'), _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('sandbox-nonce'), logger);
    }
    catch (error) {
        // A failed cleanup is a warning: the provider TTL and the sweeper bound the leak.
        logger.warning(`Could not clean up the ${provider} sandbox: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}`);
    }
}
/**
 * Issue 17 item 8: a main step killed outright (SIGKILL) leaves its runner scratch dir; it is removed
 * here, but only a dir directly under RUNNER_TEMP with the work-dir prefix (the state is ours, but a
 * path from it is never trusted further than that). The sandbox delete below ends any agent processes.
 */
async function removeWorkDir(path, logger) {
    const runnerTemp = process.env['RUNNER_TEMP'];
    if (!path || !runnerTemp)
        return;
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path) !== (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(runnerTemp) || !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path).startsWith(_shared_cleanup_js__WEBPACK_IMPORTED_MODULE_11__/* .WORK_DIR_PREFIX */ .t))
        return;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { recursive: true, force: true }).catch((error) => logger.warning(`Could not remove ${path}: ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}`));
}
async function deleteOne(provider, id, logger) {
    try {
        await provider.deleteById(id);
        logger.info(`Deleted sandbox ${id} (${provider.name}).`);
    }
    catch (error) {
        logger.warning(`Could not delete sandbox ${id} (${provider.name}): ${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}`);
    }
}
async function deleteByName(provider, name, nonce, logger) {
    const found = await provider.findByName?.(name).catch((error) => {
        logger.debug(`Looking up sandbox ${name} by name failed (${(0,_shared_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}); trying its labels.`);
        return undefined;
    });
    if (found)
        return deleteOne(provider, found.id, logger);
    await deleteByNonce(provider, nonce, logger);
}
async function deleteByNonce(provider, nonce, logger) {
    // Without the nonce (state from an older main) a label search could match a parallel job's sandbox.
    if (!nonce) {
        logger.info('No sandbox found by name, and no nonce recorded to search by; the TTL and sweep bound it.');
        return;
    }
    const wanted = { [_sandbox_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .SANDBOX_LABEL */ .xg]: '1', [_sandbox_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .NONCE_LABEL */ .fl]: nonce };
    // Checked again here: a provider filter that ignored a label must not hand over another job's sandbox.
    const found = (await provider.list(wanted)).filter((s) => s.labels[_sandbox_spec_js__WEBPACK_IMPORTED_MODULE_4__/* .NONCE_LABEL */ .fl] === nonce);
    if (found.length === 0)
        logger.info('No sandbox left to clean up.');
    for (const sandbox of found)
        await deleteOne(provider, sandbox.id, logger);
}


/***/ })

};
