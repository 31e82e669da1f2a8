export const id = 9;
export const ids = [9,81];
export const modules = {

/***/ 74880:
/***/ ((module) => {

function webpackEmptyAsyncContext(req) {
	// Here Promise.resolve().then() is used instead of new Promise() to prevent
	// uncaught exception popping up in devtools
	return Promise.resolve().then(() => {
		var e = new Error("Cannot find module '" + req + "'");
		e.code = 'MODULE_NOT_FOUND';
		throw e;
	});
}
webpackEmptyAsyncContext.keys = () => ([]);
webpackEmptyAsyncContext.resolve = webpackEmptyAsyncContext;
webpackEmptyAsyncContext.id = 74880;
module.exports = webpackEmptyAsyncContext;

/***/ }),

/***/ 29086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O3: () => (/* binding */ createDaytonaClient),
/* harmony export */   resolveDaytonaConfig: () => (/* binding */ resolveDaytonaConfig)
/* harmony export */ });
/* unused harmony exports DEFAULT_API_URL, REQUEST_TIMEOUT_MS */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22317);


const DEFAULT_API_URL = 'https://app.daytona.io/api';
/**
 * Inputs first, then the runner's process environment, read explicitly here. Never a `.env` file:
 * the action runs inside the user's checkout, which is not ours to trust.
 */
function resolveDaytonaConfig(settings, env = process.env) {
    const pick = (value, name) => (value ?? '').trim() || (env[name] ?? '').trim();
    const apiKey = pick(settings.apiKey, 'DAYTONA_API_KEY');
    if (!apiKey) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('invalid-input', 'No Daytona API key was given: set the daytona-api-key input or the DAYTONA_API_KEY environment variable.');
    }
    const apiUrl = pick(settings.apiUrl, 'DAYTONA_API_URL') || DEFAULT_API_URL;
    if (!/^https?:\/\//i.test(apiUrl)) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('invalid-input', `The Daytona API URL must start with https:// (got ${apiUrl}).`);
    }
    const snapshot = pick(settings.snapshot, 'DAYTONA_SNAPSHOT');
    const image = pick(settings.image, 'DAYTONA_IMAGE');
    if (snapshot && image) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('invalid-input', 'Both daytona-snapshot and daytona-image are set; choose one of them.');
    }
    return { apiKey, apiUrl, target: pick(settings.target, 'DAYTONA_TARGET'), snapshot, image };
}
/**
 * DAYTONA_* names the SDK constructor reads from the process environment and, failing that, from
 * `.env` / `.env.local` in the working directory (utils/Runtime.js DaytonaEnvReader). Pinning them in
 * the process environment for the duration of the (synchronous) constructor makes the SDK take these
 * values instead of a file's: telemetry stays off and event sockets stay off.
 */
const PINNED_DURING_CONSTRUCTION = {
    DAYTONA_OTEL_ENABLED: 'false',
    DAYTONA_EXPERIMENTAL_OTEL_ENABLED: 'false',
    DAYTONA_USE_DEPRECATED_POLLING: 'true',
    DAYTONA_JWT_TOKEN: '',
    DAYTONA_ORGANIZATION_ID: '',
};
/** The client-wide HTTP deadline; uploads, downloads and log streams pass their own. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * Builds the SDK client with every setting explicit:
 * - `useDeprecatedPolling: true`: no socket.io connection, whose reconnect timers keep the process alive;
 * - telemetry off, whatever a `.env` file says;
 * - the target: the SDK fills an empty target from DAYTONA_TARGET in the process env or a `.env` file.
 *   The process env was already consulted by resolveDaytonaConfig, so a value the SDK found anyway can
 *   only come from a file; it is reset to ours.
 */
function createDaytonaClient(config, requestTimeoutMs = REQUEST_TIMEOUT_MS) {
    const client = withPinnedEnv({ ...PINNED_DURING_CONSTRUCTION, DAYTONA_TARGET: config.target }, () => new _sdk_js__WEBPACK_IMPORTED_MODULE_1__/* .Daytona */ .dc({
        apiKey: config.apiKey,
        apiUrl: config.apiUrl,
        target: config.target || undefined,
        useDeprecatedPolling: true,
        otelEnabled: false,
        requestTimeoutMs,
    }));
    const internals = client;
    internals.target = config.target || undefined;
    return client;
}
function withPinnedEnv(values, fn) {
    const saved = new Map();
    for (const [name, value] of Object.entries(values)) {
        saved.set(name, process.env[name]);
        process.env[name] = value;
    }
    try {
        return fn();
    }
    finally {
        for (const [name, value] of saved) {
            if (value === undefined)
                delete process.env[name];
            else
                process.env[name] = value;
        }
    }
}


/***/ }),

/***/ 76735:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   dh: () => (/* binding */ isConflict),
/* harmony export */   j0: () => (/* binding */ classifyTransient),
/* harmony export */   kA: () => (/* binding */ sandboxError),
/* harmony export */   qQ: () => (/* binding */ DAYTONA_RETRY)
/* harmony export */ });
/* unused harmony exports retryAfterMs, isConnectionError */
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43091);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(22317);



const DAYTONA_RETRY = { ..._shared_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RETRY */ .vI };
const CONNECTION_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_SOCKET',
]);
function statusOf(error) {
    if (error instanceof _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .DaytonaError */ .hY)
        return error.statusCode;
    const status = error?.response?.status;
    return typeof status === 'number' ? status : undefined;
}
function isNotFound(error) {
    return error instanceof _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .DaytonaNotFoundError */ .yS || statusOf(error) === 404;
}
/**
 * 409. On DELETE it is StateChangeInProgressError: the sandbox is still creating/starting/stopping and
 * was NOT deleted (apps/api/src/sandbox/services/sandbox.service.ts `destroy`); see `deleteUntilGone`.
 */
function isConflict(error) {
    return statusOf(error) === 409;
}
/**
 * Daytona's rate-limit hints are suffixed per limit (`Retry-After-sandbox-create`,
 * `Retry-After-sandbox-lifecycle`, …), so every `retry-after*` header counts; the largest wins.
 */
function retryAfterMs(error, now = Date.now()) {
    const headers = headersOf(error);
    let best;
    for (const [name, value] of headers) {
        if (!name.startsWith('retry-after'))
            continue;
        const ms = (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(value, now);
        if (ms !== undefined && (best === undefined || ms > best))
            best = ms;
    }
    return best;
}
function headersOf(error) {
    const raw = error instanceof _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .DaytonaError */ .hY
        ? error.headers
        : error?.response?.headers;
    if (!raw || typeof raw !== 'object')
        return [];
    const source = typeof raw.toJSON === 'function'
        ? raw.toJSON()
        : raw;
    const out = [];
    for (const [name, value] of Object.entries(source)) {
        const text = Array.isArray(value) ? value[0] : value;
        if (typeof text === 'string' || typeof text === 'number')
            out.push([name.toLowerCase(), String(text)]);
    }
    return out;
}
function isConnectionError(error) {
    if (error instanceof _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .DaytonaConnectionError */ .vZ)
        return true;
    const code = error?.code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code))
        return true;
    const cause = error?.cause;
    return cause !== undefined && cause !== error && isConnectionError(cause);
}
/** 408, 429, 5xx and connection failures are worth another try; everything else is final. */
function classifyTransient(error) {
    const status = statusOf(error);
    if (status === 429 || status === 408 || (status !== undefined && status >= 500)) {
        return { retry: true, afterMs: retryAfterMs(error) };
    }
    if (status === undefined && isConnectionError(error))
        return { retry: true };
    return { retry: false };
}
function describeError(error) {
    if (error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
        return error.message;
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    return status ? `${message} (HTTP ${status})` : message;
}
/** Wraps an SDK failure in the one reason the pipeline understands for sandbox trouble. */
function sandboxError(what, error, hint) {
    if (error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
        return error;
    const status = statusOf(error);
    const authHint = status === 403 && isRegionRefusal(error)
        ? 'Check the daytona-api-key input (or DAYTONA_API_KEY) and the daytona-target input: the organization of that key has no quota in that region.'
        : status === 401 || status === 403
            ? 'Check the daytona-api-key input (or DAYTONA_API_KEY) and its permissions.'
            : undefined;
    const cause = describeError(error).replace(/\.+$/, '');
    return new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('sandbox-error', `${what}: ${cause}.`, hint ?? authHint, {
        cause: error,
    });
}
/**
 * A create refused because the organization has no quota for the requested `target`: Daytona answers
 * 403 "Region … is not available to the organization" (apps/api/src/sandbox/services/sandbox.service.ts
 * quota check; research real-services.md #17).
 */
function isRegionRefusal(error) {
    const message = error instanceof Error ? error.message : String(error);
    return /\bregion\b|\btarget\b/i.test(message);
}


/***/ }),

/***/ 74072:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeDaytonaCredentials: () => (/* binding */ probeDaytonaCredentials)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29086);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76735);



/** A label no sandbox carries: the probe's list answers with an empty page and no follow-up calls. */
const PROBE_LABELS = { 'sandbox-agent.preflight': 'credentials-probe' };
/**
 * One authenticated read without side effects: the first page (limit 1) of the SDK's own
 * `daytona.list()`, i.e. `GET /sandbox?labels=…&limit=1` (@daytona/sdk 0.216.0 Daytona.js `list`,
 * shared/research/daytona-sdk-wire.md §list), the call the post step and the sweeper already make, so
 * a key the action can use at all can make it. Daytona's API answers a wrong or revoked key with 401
 * `{"statusCode":401,"message":"Unauthorized"}` (NestJS UnauthorizedException), which the SDK raises as
 * DaytonaAuthenticationError; 403 is a key without access (DaytonaAuthorizationError).
 * Resolves when Daytona accepted the key; throws ActionError('invalid-input') on 401/403; any other
 * failure (network, timeout, 5xx) is rethrown as is for the caller to downgrade to a warning.
 */
async function probeDaytonaCredentials(config, timeoutMs) {
    const client = (0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .createDaytonaClient */ .O3)(config, timeoutMs);
    try {
        await client
            .list({ labels: { ...PROBE_LABELS }, limit: 1 })[Symbol.asyncIterator]()
            .next();
    }
    catch (error) {
        const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(error);
        if (status === 401 || status === 403) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('invalid-input', `Daytona refused the API key (HTTP ${status}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error).replace(/\s*\(HTTP \d+\)$/, '')}).`, 'Set the daytona-api-key input (or DAYTONA_API_KEY) to a valid key: create one at https://app.daytona.io/dashboard/keys and store it as a repository secret.', { cause: error });
        }
        throw error;
    }
}


/***/ }),

/***/ 22317:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dc: () => (/* reexport */ esm/* Daytona */.dc),
  vZ: () => (/* reexport */ esm/* DaytonaConnectionError */.vZ),
  hY: () => (/* reexport */ esm/* DaytonaError */.hY),
  yS: () => (/* reexport */ esm/* DaytonaNotFoundError */.yS)
});

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: ./node_modules/busboy/lib/index.js
var lib = __webpack_require__(680);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./node_modules/form-data/lib/form_data.js
var form_data = __webpack_require__(96454);
var form_data_default = /*#__PURE__*/__webpack_require__.n(form_data);
;// CONCATENATED MODULE: ./src/sandbox/daytona/sdk-require.ts



/**
 * The ESM build of @daytona/sdk loads `form-data` (uploads) and `busboy` (downloads) at run time with
 * `createRequire(import.meta.url)`, or with a global `require` when one exists. Inside the ncc bundle
 * `import.meta.url` is dist/index.js, next to which there is no node_modules, so uploads and downloads
 * would fail with "Module form-data is not available". This module, evaluated just before the SDK
 * (see sdk.ts), offers a global `require` that returns the bundled copies; sdk.ts removes it again
 * once the SDK has captured it. Everything else goes to a normal `require` (builtins; `dotenv` is
 * deliberately not bundled, so in the action the SDK cannot read a `.env` file at all).
 */
const provided = { busboy: (lib_default()), 'form-data': (form_data_default()) };
const nodeRequire = (0,external_node_module_.createRequire)(import.meta.url);
const globals = globalThis;
const installedShim = globals.require === undefined;
if (installedShim) {
    const shim = (id) => (Object.hasOwn(provided, id) ? provided[id] : nodeRequire(id));
    globals.require = Object.assign(shim, { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
}
function removeRequireShim() {
    if (installedShim)
        delete globals.require;
}

// EXTERNAL MODULE: ./node_modules/@daytona/sdk/esm/index.js + 127 modules
var esm = __webpack_require__(59210);
;// CONCATENATED MODULE: ./src/sandbox/daytona/sdk.ts
// Order matters: the shim must be evaluated before the SDK, which captures `require` when it loads.
// A bare import is never reordered by import sorting, and it evaluates sdk-require.ts first.



removeRequireShim();
/**
 * The SDK's runtime exports, loaded after the require shim (sdk-require.ts). Import them from here,
 * never from '@daytona/sdk' directly (type-only imports are fine). The ncc test in
 * test/int/daytona-provider.int.test.ts fails if the order breaks.
 */



/***/ }),

/***/ 43091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dQ: () => (/* binding */ realClock),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export fullJitterDelay */
const realClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(abortError(signal));
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(abortError(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
const DEFAULT_RETRY = { attempts: 5, baseMs: 1_000, capMs: 30_000, totalMs: 3 * 60_000 };
/** `random(0, min(cap, base * 2^n))` — the AWS "full jitter" schedule. */
function fullJitterDelay(attempt, baseMs, capMs, random) {
    const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
    return Math.floor(random() * ceiling);
}
async function withRetry(operation, options) {
    const clock = options.clock ?? realClock;
    const random = options.random ?? Math.random;
    const started = clock.now();
    for (let attempt = 0;; attempt++) {
        if (options.signal?.aborted)
            throw abortError(options.signal);
        try {
            return await operation(attempt);
        }
        catch (error) {
            const decision = options.classify(error);
            const isLast = attempt + 1 >= options.attempts;
            if (!decision.retry || isLast)
                throw error;
            const jittered = fullJitterDelay(attempt, options.baseMs, options.capMs, random);
            const delayMs = Math.max(jittered, decision.afterMs ?? 0);
            if (clock.now() - started + delayMs > options.totalMs)
                throw error;
            options.onRetry?.({ attempt: attempt + 1, delayMs, error });
            await clock.sleep(delayMs, options.signal);
        }
    }
}
/** Parses a Retry-After value (seconds or an HTTP date) into milliseconds. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0)
        return Math.ceil(seconds * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function abortError(signal) {
    const reason = signal?.reason;
    return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}


/***/ })

};
