export const id = 81;
export const ids = [81];
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



/***/ })

};
