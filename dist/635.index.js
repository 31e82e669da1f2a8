export const id = 635;
export const ids = [635];
export const modules = {

/***/ 3214:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _K: () => (/* binding */ grpcCode),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   dp: () => (/* binding */ GrpcStatus),
/* harmony export */   j0: () => (/* binding */ classifyTransient),
/* harmony export */   q0: () => (/* binding */ describe),
/* harmony export */   x9: () => (/* binding */ isAlreadyExists)
/* harmony export */ });
/* unused harmony export errorName */
/** gRPC status codes the provider cares about (nice-grpc `Status`, without importing it). */
const GrpcStatus = {
    CANCELLED: 1,
    UNKNOWN: 2,
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    UNAUTHENTICATED: 16,
};
const TRANSIENT_CODES = new Set([
    GrpcStatus.CANCELLED,
    GrpcStatus.UNKNOWN,
    GrpcStatus.DEADLINE_EXCEEDED,
    GrpcStatus.RESOURCE_EXHAUSTED,
    GrpcStatus.ABORTED,
    GrpcStatus.INTERNAL,
    GrpcStatus.UNAVAILABLE,
]);
/** The status code of a nice-grpc `ClientError` that the SDK passed through untranslated. */
function grpcCode(error) {
    if (!(error instanceof Error) || error.name !== 'ClientError')
        return undefined;
    const code = error.code;
    return typeof code === 'number' ? code : undefined;
}
function errorName(error) {
    return error instanceof Error ? error.name : '';
}
function isAlreadyExists(error) {
    return errorName(error) === 'AlreadyExistsError' || grpcCode(error) === GrpcStatus.ALREADY_EXISTS;
}
function isNotFound(error) {
    return errorName(error) === 'NotFoundError' || grpcCode(error) === GrpcStatus.NOT_FOUND;
}
/**
 * Worth another attempt: capacity (RESOURCE_EXHAUSTED, which the SDK does not retry), transport codes the
 * SDK already retried a few times, and stream failures (the SDK's stdio/stdin streams give up with plain
 * errors after their own bounded resumes).
 */
function isTransient(error) {
    const code = grpcCode(error);
    if (code !== undefined)
        return TRANSIENT_CODES.has(code);
    const name = errorName(error);
    if (name === 'ResourceExhaustedError')
        return true;
    if (!(error instanceof Error))
        return false;
    return /Deadline exceeded while streaming|stream (was )?(closed|reset|ended)|ECONNRESET|ECONNREFUSED/i.test(error.message);
}
function classifyTransient(error) {
    return { retry: isTransient(error) };
}
/** One line for logs: the SDK's own message, which never carries credentials. */
function describe(error) {
    if (error instanceof Error)
        return `${error.name}: ${error.message}`;
    return String(error);
}


/***/ }),

/***/ 90635:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeModalCredentials: () => (/* binding */ probeModalCredentials)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3214);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80285);



/**
 * One authenticated call without side effects: `client.apps.fromName(app)` without createIfMissing
 * (modal@0.11.1 `AppService.fromName`). The SDK first exchanges the token id/secret for a JWT
 * (`AuthTokenGet`), then sends `AppGetOrCreate{objectCreationType: UNSPECIFIED}`, which never creates
 * anything: a missing app is NOT_FOUND (NotFoundError), which proves the token works. A wrong or revoked
 * token is answered with gRPC UNAUTHENTICATED, a token without access with PERMISSION_DENIED; the SDK
 * itself treats exactly those two as "auth denied" and does not retry them (`AuthTokenManager.isAuthDenied`).
 * Throws ActionError('invalid-input') for them; any other failure is rethrown for the caller to downgrade
 * to a warning.
 */
async function probeModalCredentials(resolved, logger) {
    const sdk = await (0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .loadModalSdk */ .S)();
    const client = new sdk.ModalClient({
        tokenId: resolved.tokenId,
        tokenSecret: resolved.tokenSecret,
        ...(resolved.environment ? { environment: resolved.environment } : {}),
        logLevel: 'warn',
        // The probe's own verdict is the one line the user sees; the SDK's retries stay in the debug log.
        logger: {
            debug: (message) => logger.debug(`modal: ${message}`),
            info: (message) => logger.debug(`modal: ${message}`),
            warn: (message) => logger.debug(`modal: ${message}`),
            error: (message) => logger.debug(`modal: ${message}`),
        },
    });
    try {
        await client.apps.fromName(resolved.app, { createIfMissing: false });
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isNotFound */ .c4)(error))
            return;
        const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .grpcCode */ ._K)(error);
        if (code === _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GrpcStatus */ .dp.UNAUTHENTICATED || code === _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GrpcStatus */ .dp.PERMISSION_DENIED) {
            const what = code === _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GrpcStatus */ .dp.UNAUTHENTICATED ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED';
            const detail = error.message.split(resolved.tokenSecret).join('***');
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('invalid-input', `Modal refused the token (${what}: ${detail}).`, 'Set the modal-token-id and modal-token-secret inputs (or MODAL_TOKEN_ID and MODAL_TOKEN_SECRET) to a valid token pair: create one at https://modal.com/settings/tokens and store both as repository secrets.', { cause: error });
        }
        throw error;
    }
    finally {
        client.close();
    }
}


/***/ }),

/***/ 80285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ loadModalSdk)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);

let loading;
/**
 * Loads `modal` (only ever from here, itself reached only through the dynamic import in
 * `sandbox/index.ts`, so the local path never pays for it).
 *
 * The SDK reads its TOML config once, when the module is evaluated: `MODAL_CONFIG_PATH` or
 * `~/.modal.toml`, whose active profile could change the server, the environment, the V1/V2 backend or
 * the credentials. The action takes its Modal settings only from inputs and `MODAL_*` env vars, so the
 * config path points at the null device while the module loads (an empty config), and is restored after.
 * The server URL then comes only from `MODAL_SERVER_URL` (how the tests reach the loopback fake).
 */
function loadModalSdk() {
    loading ??= (async () => {
        const previous = process.env['MODAL_CONFIG_PATH'];
        process.env['MODAL_CONFIG_PATH'] = node_os__WEBPACK_IMPORTED_MODULE_0__.devNull;
        try {
            return await __webpack_require__.e(/* import() */ 442).then(__webpack_require__.bind(__webpack_require__, 34442));
        }
        finally {
            if (previous === undefined)
                delete process.env['MODAL_CONFIG_PATH'];
            else
                process.env['MODAL_CONFIG_PATH'] = previous;
        }
    })();
    return loading;
}


/***/ })

};
