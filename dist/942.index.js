export const id = 942;
export const ids = [942,81];
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

/***/ 55879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ writeDownload),
/* harmony export */   E: () => (/* binding */ DownloadTooLargeError)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(58382);







/**
 * A download that went past its byte limit. Counted on the bytes received, never on what the sandbox
 * says about the file. The caller knows what the file was and rewords it (patch-too-large for the mbox).
 */
class DownloadTooLargeError extends _shared_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ActionError */ .lZ {
    remotePath;
    maxBytes;
    constructor(remotePath, maxBytes) {
        super('patch-too-large', `${remotePath} in the sandbox is over ${maxBytes} bytes; the download was stopped and nothing was kept.`);
        this.remotePath = remotePath;
        this.maxBytes = maxBytes;
    }
}
/** Counts bytes through a pipeline and fails it as soon as more than `maxBytes` have passed. */
class ByteLimit extends node_stream__WEBPACK_IMPORTED_MODULE_4__.Transform {
    maxBytes;
    remotePath;
    received = 0;
    constructor(maxBytes, remotePath) {
        super();
        this.maxBytes = maxBytes;
        this.remotePath = remotePath;
    }
    _transform(chunk, _encoding, done) {
        this.received += chunk.length;
        if (this.received > this.maxBytes)
            done(new DownloadTooLargeError(this.remotePath, this.maxBytes));
        else
            done(null, chunk);
    }
}
/**
 * Writes `source` to `localPath` through a temp file beside it, renamed only when complete, so a stopped
 * or failed transfer never leaves a partial file. With `maxBytes`, more bytes than that abort the
 * pipeline (destroying `source`, which ends the remote read) with `DownloadTooLargeError`.
 */
async function writeDownload(source, localPath, remotePath, maxBytes, 
/** Runs once every byte is written, before the file appears (e.g. the remote reader's exit status). */
beforeCommit) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(localPath), { recursive: true });
    const partial = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(localPath), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(localPath)}.partial-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
    try {
        if (maxBytes === undefined)
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(source, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(partial));
        else
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_5__.pipeline)(source, new ByteLimit(maxBytes, remotePath), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(partial));
        await beforeCommit?.();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(partial, localPath);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(partial, { force: true });
        throw error;
    }
}


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

/***/ 9825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDaytonaProvider: () => (/* binding */ createDaytonaProvider)
});

// UNUSED EXPORTS: DEFAULT_DAYTONA_TUNING

// EXTERNAL MODULE: ./src/shared/deadline.ts
var deadline = __webpack_require__(18013);
// EXTERNAL MODULE: ./src/sandbox/daytona/config.ts
var daytona_config = __webpack_require__(29086);
// EXTERNAL MODULE: ./src/sandbox/daytona/errors.ts
var errors = __webpack_require__(76735);
// EXTERNAL MODULE: ./src/shared/retry.ts
var shared_retry = __webpack_require__(43091);
// EXTERNAL MODULE: ./src/settings/network.ts
var settings_network = __webpack_require__(2151);
// EXTERNAL MODULE: ./src/shared/errors.ts
var shared_errors = __webpack_require__(58382);
;// CONCATENATED MODULE: ./src/sandbox/daytona/create-params.ts


/**
 * The create request. Units: Daytona intervals are MINUTES.
 * - `autoStopInterval` covers the whole TTL, so a silent agent is not stopped for inactivity mid-run;
 * - `autoDeleteInterval: 0` deletes the sandbox as soon as it stops, so a leaked one cleans itself up;
 * - `ttlMinutes` is the hard wall-clock lifetime, whatever happens to us.
 * Neither snapshot nor image → the organization's default snapshot. No `envVars`: `spec.env` holds the
 * `agent-env` keys, and the sandbox record (its `env`, apps/api/src/sandbox/dto/sandbox.dto.ts) is
 * readable by every member of the organization; DaytonaSandbox passes it with each command instead
 * (research real-services.md #16).
 */
function buildCreateParams(spec, config) {
    const minutes = Math.max(1, Math.ceil(spec.ttlMs / 60_000));
    const base = {
        name: spec.name,
        labels: { ...spec.labels },
        autoStopInterval: minutes,
        autoDeleteInterval: 0,
        ttlMinutes: minutes,
        ...networkParams(spec.network),
    };
    if (config.snapshot)
        return { ...base, snapshot: config.snapshot };
    if (config.image)
        return { ...base, image: config.image, resources: daytonaResources(spec.size) };
    return base;
}
/** Daytona's size when created from an image: enough for `npm ci` plus a Node agent (daytona-medium). */
const DAYTONA_DEFAULT_SIZE = { cpu: 2, memory: 4, disk: 8 };
/**
 * `resources` for a create from an image. Daytona counts whole vCPUs and GiB, so fractions round up.
 * A snapshot carries its own size: @daytona/sdk 0.216.0 types `resources` only on
 * `CreateSandboxFromImageParams`, so a create from a snapshot (named or the default) sends none.
 */
function daytonaResources(size) {
    return {
        cpu: Math.ceil(size?.cpu ?? DAYTONA_DEFAULT_SIZE.cpu),
        memory: Math.ceil(size?.memoryGib ?? DAYTONA_DEFAULT_SIZE.memory),
        disk: Math.ceil(size?.diskGib ?? DAYTONA_DEFAULT_SIZE.disk),
    };
}
/** The warning for sizes that a snapshot-based create cannot apply, or undefined when none were asked for. */
function ignoredSizeWarning(size, config) {
    if (config.image && !config.snapshot)
        return undefined;
    const given = [
        size?.cpu !== undefined && 'cpu',
        size?.memoryGib !== undefined && 'memory-gib',
        size?.diskGib !== undefined && 'disk-gib',
    ].filter((name) => Boolean(name));
    if (given.length === 0)
        return undefined;
    const from = config.snapshot ? `the snapshot '${config.snapshot}'` : "the organization's default snapshot";
    return `Daytona takes the sandbox size from ${from}, so ${given.join(', ')} cannot apply. Pick a snapshot of the size you need (e.g. daytona-snapshot: daytona-medium for 2 vCPU / 4 GiB / 8 GiB), or set daytona-image.`;
}
function networkParams(network) {
    switch (network.mode) {
        case 'open':
            return {};
        case 'none':
            return { networkBlockAll: true };
        case 'allow': {
            // Normally refused at input parsing already (settings/network.ts); checked again so no caller can
            // send Daytona a list its API answers with 400 (IPv4 CIDRs only, at most 10 of each).
            const errors = (0,settings_network/* networkInputErrors */.QH)('daytona', 'custom', network);
            if (errors.length > 0)
                throw new shared_errors/* ActionError */.lZ('invalid-input', errors.join(' '));
            const cidrs = [];
            const domains = [];
            for (const raw of network.entries) {
                const entry = (0,settings_network/* classifyNetworkEntry */.nH)(raw);
                if (entry?.kind === 'cidr')
                    cidrs.push(`${entry.address}/${entry.prefix}`);
                else if (entry?.kind === 'domain')
                    domains.push(entry.name);
            }
            if (cidrs.length === 0 && domains.length === 0)
                return { networkBlockAll: true };
            return {
                ...(cidrs.length ? { networkAllowList: cidrs.join(',') } : {}),
                ...(domains.length ? { domainAllowList: domains.join(',') } : {}),
            };
        }
    }
}

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(53916);
// EXTERNAL MODULE: ./src/sandbox/bounded-download.ts
var bounded_download = __webpack_require__(55879);
;// CONCATENATED MODULE: ./src/sandbox/daytona/command.ts

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Shell variables the wrapper itself uses; callers may not set them. */
const RESERVED = new Set(['sa_v', 'sa_cmd', 'sa_dir']);
/**
 * Builds the string sent to the daemon's session exec. The daemon runs it in a persistent shell, so:
 * - everything runs in a `( … )` subshell: no `exit`, `cd` or `export` leaks into the session;
 * - every value (env values, the cwd and the command itself) travels base64-encoded inside single
 *   quotes (the base64 alphabet has no quote, `$`, backslash or newline) and is decoded into a variable
 *   at run time, so no value is ever parsed by a shell; the `x` suffix keeps trailing newlines;
 * - the script runs as `sh -c "$sa_cmd"` with stdin from /dev/null (async session commands otherwise get
 *   a stdin that never closes) under `timeout` when available.
 * Only env names (validated) and the integer timeout appear as plain text.
 */
function buildSessionCommand(input) {
    const timeoutSec = Math.max(1, Math.ceil(input.timeoutSec));
    if (!Number.isSafeInteger(timeoutSec))
        throw new shared_errors/* ActionError */.lZ('internal-error', 'Invalid exec timeout.');
    const lines = [];
    const assign = (name, value, exported) => {
        if (value.includes('\0')) {
            throw new shared_errors/* ActionError */.lZ('sandbox-error', `The value of ${name} contains a NUL byte and cannot be passed.`);
        }
        const encoded = Buffer.from(value, 'utf8').toString('base64');
        lines.push(`sa_v=$(printf '%s' '${encoded}' | base64 -d && printf x) || exit 125`);
        lines.push(`${exported ? 'export ' : ''}${name}="\${sa_v%x}"`);
    };
    for (const [name, value] of Object.entries(input.env)) {
        if (!ENV_NAME.test(name) || RESERVED.has(name)) {
            throw new shared_errors/* ActionError */.lZ('sandbox-error', `Invalid environment variable name for the sandbox: ${name}`);
        }
        assign(name, value, true);
    }
    assign('sa_dir', input.cwd, false);
    assign('sa_cmd', input.command, false);
    lines.push('unset sa_v');
    lines.push('cd -- "$sa_dir" || exit 1');
    lines.push('if command -v timeout >/dev/null 2>&1; then ' +
        `exec timeout -k 10 ${timeoutSec} sh -c "$sa_cmd" sh </dev/null; ` +
        'else exec sh -c "$sa_cmd" sh </dev/null; fi');
    // One line: daemons differ in how they feed multi-line commands to the session shell.
    return `( ${lines.join('; ')} )`;
}
/** `Math.ceil(ms / 1000)`, at least 1: Daytona timeouts are in seconds. */
function toSeconds(ms) {
    return Math.max(1, Math.ceil(ms / 1000));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/sandbox/daytona/session-exec.ts




const DEFAULT_SESSION_TUNING = { pollIntervalMs: 3_000, drainMs: 3_000 };
/** Results keep at most this much of each stream; the callbacks see everything. */
const MAX_CAPTURE = 16 * 1024 * 1024;
/** The final log read: attempts, and the deadline of each. */
const FINAL_READ_ATTEMPTS = 2;
const FINAL_READ_TIMEOUT_MS = 30_000;
/**
 * Runs one prepared command string in a fresh session (one per exec, so commands never share shell
 * state) and streams its output over the SDK's log WebSocket while it runs. Completion is decided by
 * the command's exit code, read when the stream ends and on every poll tick, so a stream that never
 * closes cannot hang the run. Each tick also probes the sandbox (fast failure when it died) and is
 * toolbox traffic, which keeps Daytona's inactivity auto-stop from firing during silent agent runs.
 *
 * The log stream is only for live output. The SDK's `getSessionCommandLogs(…, onStdout, onStderr)`
 * resolves on ANY close of its WebSocket (`esm/utils/Stream.js` `stdDemuxStream`: `handleClose`
 * resolves, also for 1006 without a close frame), e.g. a proxy cutting a socket that was silent for
 * about 60 s (research real-services.md #2). A close before the exit code is known is therefore treated
 * as a failed stream: the output is then polled over HTTP, deduplicated by what was already passed on.
 * No keep-alive ping is sent: the SDK opens the socket inside `getSessionCommandLogs`
 * (`esm/utils/WebSocket.js`) and never hands it out, so the polling fallback is what keeps logs whole.
 * The result's stdout/stderr come from one HTTP read of the full logs after the command ended, never
 * from what the stream happened to deliver, so callers may parse them.
 */
async function runInSession(sandbox, script, options, probe, tuning, logger, 
/** Bounds for re-sending the session create and the exec after a transient failure. */
retry) {
    if (options.signal?.aborted)
        throw cancelled();
    const sessionId = `sandbox-agent-${(0,external_node_crypto_.randomUUID)()}`;
    const retrying = (what) => ({
        classify: errors/* classifyTransient */.j0,
        signal: options.signal,
        onRetry: ({ attempt, delayMs, error }) => logger.info(`${what} failed (${(0,errors/* describeError */.Uc)(error)}); retry ${attempt} in ${delayMs} ms.`),
    });
    try {
        // Idempotent by id: a 409 on a re-sent create means the first one (whose answer was lost) worked.
        await (0,shared_retry/* withRetry */.bD)(async () => {
            try {
                await sandbox.process.createSession(sessionId);
            }
            catch (error) {
                if (!(0,errors/* isConflict */.dh)(error))
                    throw error;
            }
        }, { ...retry, ...retrying('Starting a Daytona command session') });
    }
    catch (error) {
        throw await explain(error, probe, 'Could not start a command session');
    }
    let cmdId;
    try {
        cmdId = await (0,shared_retry/* withRetry */.bD)(async (attempt) => {
            if (attempt > 0) {
                // The session is ours alone: a command in it means the lost request did start it. Adopt it
                // rather than run it twice.
                const started = (await sandbox.process.getSession(sessionId)).commands?.[0]?.id;
                if (started) {
                    logger.info('The command had started before its answer was lost; following it.');
                    return started;
                }
            }
            return (await sandbox.process.executeSessionCommand(sessionId, { command: script, runAsync: true }))
                .cmdId;
        }, { ...retry, ...retrying('Starting a command in the Daytona sandbox') });
    }
    catch (error) {
        void deleteSession(sandbox, sessionId);
        throw await explain(error, probe, 'Could not start the command');
    }
    if (!cmdId) {
        void deleteSession(sandbox, sessionId);
        throw new shared_errors/* ActionError */.lZ('sandbox-error', 'The Daytona daemon did not return a command id.');
    }
    const commandId = cmdId;
    return new Promise((resolve, reject) => {
        const stdout = new Capture();
        const stderr = new Capture();
        let settled = false;
        let completing = false;
        let streamOpen = true;
        let streamFailed = false;
        let streamEndedAt = 0;
        let exitCode;
        let pollTimer;
        let drainTimer;
        let polling = false;
        const started = Date.now();
        const finish = (outcome, keepSession = false) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(pollTimer);
            clearTimeout(drainTimer);
            clearTimeout(deadline);
            options.signal?.removeEventListener('abort', onAbort);
            const done = () => (outcome.error ? reject(outcome.error) : resolve(outcome.result));
            if (keepSession) {
                done();
                return;
            }
            // Deleting the session ends its processes (kill on timeout/abort) and closes the log stream.
            void deleteSession(sandbox, sessionId).finally(done);
        };
        /** Reads the final logs once over HTTP; they, not the stream, are the result (bounded). */
        const complete = async (code, timedOut) => {
            if (settled || completing)
                return;
            completing = true;
            clearTimeout(pollTimer);
            clearTimeout(drainTimer);
            const logs = await readFinalLogs(sandbox, sessionId, commandId, logger);
            if (settled)
                return;
            let out;
            let err;
            if (logs) {
                // The callbacks get whatever the stream had not delivered yet, so they too see everything.
                emitNew(logs.stdout, stdout, onStdout);
                emitNew(logs.stderr, stderr, onStderr);
                out = bounded(logs.stdout);
                err = bounded(logs.stderr);
            }
            else {
                out = stdout.text();
                err = stderr.text();
            }
            finish({ result: { exitCode: code, stdout: out, stderr: err, timedOut } });
        };
        const onExitCode = (code) => {
            exitCode = code;
            const timedOut = code === 124 && Date.now() - started >= options.timeoutMs - 1_000;
            if (!streamOpen) {
                void complete(code, timedOut);
                return;
            }
            // The daemon closes the stream shortly after the exit code; give the tail a moment to arrive live.
            drainTimer ??= setTimeout(() => void complete(code, timedOut), tuning.drainMs);
        };
        const onStdout = (text) => {
            if (settled)
                return;
            const chunk = stdout.add(text);
            options.onStdout?.(chunk);
        };
        const onStderr = (text) => {
            if (settled)
                return;
            const chunk = stderr.add(text);
            options.onStderr?.(chunk);
        };
        const streamEnded = (why) => {
            streamOpen = false;
            if (exitCode !== undefined) {
                onExitCode(exitCode);
                return;
            }
            // Ended before the command did (or the command just finished): poll the logs from now on.
            streamFailed = true;
            streamEndedAt = Date.now();
            logger.debug(`Daytona log stream ended before the command did (${why}); polling logs instead.`);
            void tick();
        };
        sandbox.process.getSessionCommandLogs(sessionId, commandId, onStdout, onStderr).then(() => streamEnded('closed'), (error) => streamEnded((0,errors/* describeError */.Uc)(error)));
        /** Without the WebSocket, fetch the whole log and emit what is new. */
        const pollLogs = async () => {
            const logs = normalizeLogs(await sandbox.process.getSessionCommandLogs(sessionId, commandId));
            if (settled || completing)
                return;
            emitNew(logs.stdout, stdout, onStdout);
            emitNew(logs.stderr, stderr, onStderr);
        };
        const tick = async () => {
            if (settled || completing || polling)
                return;
            polling = true;
            clearTimeout(pollTimer);
            try {
                let code;
                try {
                    if (streamFailed)
                        await pollLogs();
                    const command = await sandbox.process.getSessionCommand(sessionId, commandId);
                    if (typeof command.exitCode === 'number')
                        code = command.exitCode;
                }
                catch (error) {
                    logger.debug(`Daytona command status failed: ${(0,errors/* describeError */.Uc)(error)}`);
                }
                if (settled || completing)
                    return;
                if (code !== undefined)
                    return onExitCode(code);
                const dead = await probe();
                if (dead)
                    return finish({ error: dead }, true);
            }
            finally {
                polling = false;
                if (!settled && !completing) {
                    // Right after the stream ended the command has usually just finished: look again soon.
                    const soon = streamFailed && Date.now() - streamEndedAt < 2_000;
                    pollTimer = setTimeout(() => void tick(), soon ? 250 : tuning.pollIntervalMs);
                }
            }
        };
        pollTimer = setTimeout(() => void tick(), tuning.pollIntervalMs);
        const deadline = setTimeout(() => {
            logger.debug(`Command exceeded its ${options.timeoutMs} ms deadline; killing its session.`);
            void complete(124, true);
        }, options.timeoutMs + 1_000);
        const onAbort = () => finish({ error: cancelled() });
        options.signal?.addEventListener('abort', onAbort, { once: true });
        if (options.signal?.aborted)
            onAbort();
    });
}
/** Older daemons fill only `output` (stdout and stderr mixed); the SDK then returns '' for both. */
function normalizeLogs(logs) {
    const stdout = logs.stdout ?? '';
    const stderr = logs.stderr ?? '';
    if (!stdout && !stderr && logs.output)
        return { stdout: logs.output, stderr: '' };
    return { stdout, stderr };
}
/** Passes on the part of `all` that `capture` has not seen yet (it counts the characters it saw). */
function emitNew(all, capture, emit) {
    if (all.length > capture.chars)
        emit(all.slice(capture.chars));
}
/** The final full logs, read twice at most and with a deadline; undefined when that failed. */
async function readFinalLogs(sandbox, sessionId, commandId, logger) {
    for (let attempt = 1; attempt <= FINAL_READ_ATTEMPTS; attempt++) {
        let timer;
        try {
            const logs = await Promise.race([
                sandbox.process.getSessionCommandLogs(sessionId, commandId),
                new Promise((_, reject) => {
                    timer = setTimeout(() => reject(new Error('timed out')), FINAL_READ_TIMEOUT_MS);
                }),
            ]);
            return normalizeLogs(logs);
        }
        catch (error) {
            logger.debug(`Reading the final command logs failed (attempt ${attempt}): ${(0,errors/* describeError */.Uc)(error)}`);
        }
        finally {
            clearTimeout(timer);
        }
    }
    logger.warning('Could not read the final command logs from Daytona; the output may be incomplete.');
    return undefined;
}
/** The first MAX_CAPTURE bytes of `text` (whole characters). */
function bounded(text) {
    if (text.length * 3 <= MAX_CAPTURE)
        return text;
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= MAX_CAPTURE)
        return text;
    return new TextDecoder().decode(bytes.subarray(0, MAX_CAPTURE)).replace(/\uFFFD$/, '');
}
/** Best effort and bounded: a slow daemon must not hold up the result of a finished command. */
async function deleteSession(sandbox, sessionId) {
    let timer;
    try {
        await Promise.race([
            sandbox.process.deleteSession(sessionId),
            new Promise((resolve) => {
                timer = setTimeout(resolve, 10_000);
            }),
        ]);
    }
    catch {
        // The session may already be gone with its sandbox; nothing to clean up then.
    }
    finally {
        clearTimeout(timer);
    }
}
/** A toolbox failure is reported as the sandbox's death when the sandbox is in fact gone. */
async function explain(error, probe, what) {
    const dead = await probe().catch(() => undefined);
    if (dead)
        return dead;
    const status = (0,errors/* statusOf */.c2)(error);
    return new shared_errors/* ActionError */.lZ('sandbox-error', `${what} in the Daytona sandbox: ${(0,errors/* describeError */.Uc)(error)}.`, status === 401 || status === 403 ? 'Check the daytona-api-key input (or DAYTONA_API_KEY).' : undefined, { cause: error });
}
function cancelled() {
    return new shared_errors/* ActionError */.lZ('cancelled', 'The command in the Daytona sandbox was cancelled.');
}
/**
 * Keeps the first MAX_CAPTURE bytes of a stream (used only when the final logs cannot be read), and
 * counts the characters passed on, so polling and the final read never pass anything on twice.
 */
class Capture {
    chunks = [];
    bytes = 0;
    chars = 0;
    /** Records `text` and returns it as bytes for the caller's callback. */
    add(text) {
        this.chars += text.length;
        const chunk = Buffer.from(text, 'utf8');
        if (this.bytes >= MAX_CAPTURE)
            return chunk;
        const room = MAX_CAPTURE - this.bytes;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        this.chunks.push(kept);
        this.bytes += kept.length;
        return chunk;
    }
    text() {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}

;// CONCATENATED MODULE: ./src/sandbox/daytona/sandbox.ts







/** States from which a sandbox will not run our commands again (or is on its way there). */
const DEAD_STATES = new Set([
    'stopping',
    'stopped',
    'error',
    'build_failed',
    'destroying',
    'destroyed',
    'archiving',
    'archived',
    // A pausable sandbox class freezes its processes; nothing resumes it during our run
    // (`@daytona/api-client` SandboxState; research real-services.md #15). `resuming` is left out: it is
    // on its way back to `started`.
    'pausing',
    'paused',
]);
/** Uploads get their own deadline (seconds); there is no size cap of our own. */
const TRANSFER_TIMEOUT_SEC = 60 * 60;
const MIB = 1024 * 1024;
/** A download attempt gets `transferBaseMs` plus this much per MiB of its expected size. */
const TRANSFER_MS_PER_MIB = 1_000;
/** Default `transferBaseMs`: minutes for a large patch, never the hour an upload may take. */
const DEFAULT_TRANSFER_BASE_MS = 60_000;
/** A download attempt that did not complete within its size-proportional deadline. */
class DownloadStalledError extends Error {
    constructor(remotePath, ms) {
        super(`the download of ${remotePath} did not complete within ${Math.round(ms / 1000)} s`);
    }
}
/**
 * A download is read again after any transient failure, and also after one that ended early or stalled:
 * a multipart body without its closing boundary or a short body surfaces as a plain stream error (no
 * status). Only a refusal (4xx, e.g. FILE_NOT_FOUND) or our own size limit is final.
 */
function classifyDownload(error) {
    if (error instanceof bounded_download/* DownloadTooLargeError */.E || error instanceof shared_errors/* ActionError */.lZ)
        return { retry: false };
    if ((0,errors/* statusOf */.c2)(error) !== undefined)
        return (0,errors/* classifyTransient */.j0)(error);
    return { retry: true };
}
class DaytonaSandbox {
    sdk;
    paths;
    ctx;
    env;
    provider = 'daytona';
    id;
    deleted = false;
    failingSince;
    constructor(sdk, paths, ctx, 
    /**
     * The sandbox environment (`spec.env`, which holds the `agent-env` keys). It is passed with every
     * command, never put on the sandbox record, where the org's members could read it.
     */
    env = {}) {
        this.sdk = sdk;
        this.paths = paths;
        this.ctx = ctx;
        this.env = env;
        this.id = sdk.id;
    }
    async exec(command, options) {
        if (this.deleted)
            throw new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} was already deleted.`);
        const script = buildSessionCommand({
            command,
            env: { ...this.env, ...options.env },
            cwd: options.cwd ?? this.paths.workdir,
            timeoutSec: toSeconds(options.timeoutMs),
        });
        return runInSession(this.sdk, script, options, this.probe, this.ctx.tuning, this.ctx.logger, this.ctx.retry);
    }
    async upload(localPath, remotePath) {
        const dir = (0,posix_.dirname)(remotePath);
        const mkdir = await this.exec('mkdir -p -- "$SANDBOX_AGENT_DIR"', {
            env: { SANDBOX_AGENT_DIR: dir },
            cwd: '/',
            timeoutMs: 60_000,
        });
        if (mkdir.exitCode !== 0) {
            throw new shared_errors/* ActionError */.lZ('sandbox-error', `Could not create ${dir} in the Daytona sandbox (exit ${mkdir.exitCode}): ${mkdir.stderr.trim() || mkdir.stdout.trim()}`);
        }
        // The SDK streams a path source (fs.createReadStream into a multipart body): nothing is buffered.
        await this.transfer(`Could not upload ${remotePath} to the Daytona sandbox`, () => this.sdk.fs.uploadFile(localPath, remotePath, TRANSFER_TIMEOUT_SEC));
    }
    async download(remotePath, localPath, options = {}) {
        const { maxBytes, expectedBytes } = options;
        // Each attempt is bounded by its expected size: a body that stops arriving is cut and tried again.
        const attemptMs = this.ctx.transferBaseMs + Math.ceil(((expectedBytes ?? maxBytes ?? 0) / MIB) * TRANSFER_MS_PER_MIB);
        // The streaming variant lets us count what arrives, abort the HTTP request past the limit or the
        // attempt's deadline, and see a body that ended early (busboy's "Unexpected end of form") as an error
        // of our pipeline, never as an unhandled `error` event.
        await this.transfer(`Could not download ${remotePath} from the Daytona sandbox`, async () => {
            const abort = new AbortController();
            const timer = setTimeout(() => abort.abort(new DownloadStalledError(remotePath, attemptMs)), attemptMs);
            try {
                const stream = await this.sdk.fs.downloadFileStream(remotePath, {
                    timeout: Math.ceil(attemptMs / 1000),
                    signal: abort.signal,
                });
                await (0,bounded_download/* writeDownload */.A)(stream, localPath, remotePath, maxBytes, async () => {
                    if (abort.signal.aborted)
                        throw abort.signal.reason;
                });
            }
            catch (error) {
                throw abort.signal.aborted && !(error instanceof bounded_download/* DownloadTooLargeError */.E)
                    ? new DownloadStalledError(remotePath, attemptMs)
                    : error;
            }
            finally {
                clearTimeout(timer);
                abort.abort();
            }
        }, classifyDownload);
    }
    /** Deletes until Daytona accepted it (see `deleteUntilGone`); 404 counts as done. */
    async delete(options = {}) {
        this.deleted = true;
        await deleteUntilGone({
            remove: () => this.sdk.delete(),
            state: async () => {
                try {
                    await this.sdk.refreshData();
                }
                catch (error) {
                    if ((0,errors/* isNotFound */.c4)(error))
                        return undefined;
                    throw error;
                }
                return String(this.sdk.state ?? 'unknown');
            },
        }, this.id, this.ctx, options);
    }
    /** Refreshes the sandbox state; a dead, missing or long-unreachable sandbox yields an error. */
    probe = async () => {
        try {
            await withTimeout(this.sdk.refreshData(), this.ctx.probeTimeoutMs);
            this.failingSince = undefined;
        }
        catch (error) {
            if ((0,errors/* isNotFound */.c4)(error)) {
                return new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} no longer exists.`, 'It was deleted from outside (dashboard, TTL, or a sweep with too small an older-than); run the job again.');
            }
            const now = Date.now();
            this.failingSince ??= now;
            this.ctx.logger.debug(`Daytona state probe failed: ${(0,errors/* describeError */.Uc)(error)}`);
            if (now - this.failingSince >= this.ctx.unreachableMs) {
                return new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} has not answered for ${Math.round((now - this.failingSince) / 1000)} s.`, 'The Daytona API or the sandbox is unreachable; check the Daytona status page and run the job again.');
            }
            return undefined;
        }
        const state = String(this.sdk.state ?? '');
        if (DEAD_STATES.has(state)) {
            const reason = this.sdk.errorReason ? ` (${this.sdk.errorReason})` : '';
            if (state === 'pausing' || state === 'paused') {
                return new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} is ${state}; it was paused while a command was running, and a paused sandbox runs nothing.`, 'Its class may pause idle sandboxes (auto-pause), or it was paused from the dashboard; use a sandbox class or snapshot without auto-pause, or run the job again.');
            }
            return new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} is ${state}${reason}; it stopped while a command was running.`, 'It may have hit its auto-stop interval or been stopped from the dashboard; run the job again.');
        }
        return undefined;
    };
    async transfer(what, run, classify = errors/* classifyTransient */.j0) {
        if (this.deleted)
            throw new shared_errors/* ActionError */.lZ('sandbox-error', `The Daytona sandbox ${this.id} was already deleted.`);
        try {
            await (0,shared_retry/* withRetry */.bD)(run, {
                ...this.ctx.retry,
                classify,
                onRetry: ({ attempt, delayMs, error }) => this.ctx.logger.info(`${what} (${(0,errors/* describeError */.Uc)(error)}); retry ${attempt} in ${delayMs} ms.`),
            });
        }
        catch (error) {
            const dead = await this.probe().catch(() => undefined);
            throw dead ?? (0,errors/* sandboxError */.kA)(what, error);
        }
    }
}
/** States in which Daytona has accepted the delete: the sandbox is going away. */
const GOING_STATES = new Set(['destroying', 'destroyed']);
/** Longest wait between two delete attempts refused with 409, whatever the retry cap. */
const CONFLICT_WAIT_CAP_MS = 5_000;
/**
 * Deletes until Daytona has really accepted the delete. The API answers 409 (StateChangeInProgressError)
 * to a DELETE while the sandbox is pending: creating, pulling, building, starting or stopping
 * (apps/api/src/sandbox/services/sandbox.service.ts `destroy`, research real-services.md #6). That is
 * "not deleted yet", so a 409 is retried with backoff until the state is destroying/destroyed or the
 * sandbox is gone (404), within the teardown budget. Transient failures (5xx, 429, connection) are
 * retried up to `retry.attempts`; anything else, or a sandbox still alive at the deadline, throws.
 */
async function deleteUntilGone(target, id, ctx, options = {}) {
    const started = Date.now();
    const deadlineAt = options.deadlineAt ?? started + ctx.deleteBudgetMs;
    let transientFailures = 0;
    let conflicts = 0;
    let lastState = 'unknown';
    for (;;) {
        if (options.signal?.aborted)
            throw (0,errors/* sandboxError */.kA)(`Deleting the Daytona sandbox ${id} was aborted`, options.signal.reason);
        let waitMs;
        try {
            await target.remove();
            return;
        }
        catch (error) {
            if ((0,errors/* isNotFound */.c4)(error))
                return;
            if ((0,errors/* isConflict */.dh)(error)) {
                const state = await target.state().catch((stateError) => {
                    ctx.logger.debug(`Reading the state of Daytona sandbox ${id} failed: ${(0,errors/* describeError */.Uc)(stateError)}`);
                    return lastState;
                });
                if (state === undefined || GOING_STATES.has(state))
                    return;
                lastState = state;
                conflicts += 1;
                waitMs = Math.min(ctx.retry.capMs, CONFLICT_WAIT_CAP_MS, ctx.retry.baseMs * 2 ** Math.min(conflicts - 1, 16));
                ctx.logger.info(`Daytona refused to delete sandbox ${id} while it is ${state} (HTTP 409); retrying in ${waitMs} ms.`);
            }
            else {
                const decision = (0,errors/* classifyTransient */.j0)(error);
                transientFailures += 1;
                if (!decision.retry ||
                    transientFailures >= ctx.retry.attempts ||
                    Date.now() - started > ctx.retry.totalMs)
                    throw (0,errors/* sandboxError */.kA)(`Could not delete the Daytona sandbox ${id}`, error);
                const jitter = Math.floor(Math.random() * Math.min(ctx.retry.capMs, ctx.retry.baseMs * 2 ** transientFailures));
                waitMs = Math.max(jitter, decision.afterMs ?? 0);
                ctx.logger.info(`Deleting Daytona sandbox ${id} failed (${(0,errors/* describeError */.Uc)(error)}); retry ${transientFailures} in ${waitMs} ms.`);
            }
        }
        const left = deadlineAt - Date.now();
        if (left <= 0)
            break;
        try {
            await shared_retry/* realClock */.dQ.sleep(Math.min(waitMs, left), options.signal);
        }
        catch (error) {
            throw (0,errors/* sandboxError */.kA)(`Deleting the Daytona sandbox ${id} was aborted`, error);
        }
    }
    throw new shared_errors/* ActionError */.lZ('sandbox-error', `Could not delete the Daytona sandbox ${id}: it was still ${lastState} after ${Math.round((Date.now() - started) / 1000)} s and Daytona refused every delete (HTTP 409, a state change is in progress).`, 'The post step tries again; the sandbox TTL and `sandbox-agent sweep` remove it if that fails too.');
}
function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

;// CONCATENATED MODULE: ./src/sandbox/daytona/scratch.ts

const DEFAULT_SCRATCH = '/tmp/sandbox-agent';
/**
 * Creates the scratch dir and tries to create the work dir, and returns the scratch path:
 * `${TMPDIR:-/tmp}/sandbox-agent` as seen inside the sandbox. On Daytona images TMPDIR is unset, so
 * this is `/tmp/sandbox-agent`; a sandbox that sets TMPDIR (such as the loopback fake, which gives each
 * sandbox its own root) gets its own. The work dir may need root (`/workspace`): `sudo -n` is tried,
 * and a failure is left for the clone step to report.
 */
async function resolveScratch(sandbox, workdir) {
    const script = [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
        's="${TMPDIR:-/tmp}"; s="${s%/}/sandbox-agent"',
        'mkdir -p -- "$s" || exit 1',
        'if ! mkdir -p -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null; then',
        '  if command -v sudo >/dev/null 2>&1; then',
        '    sudo -n mkdir -p -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null &&',
        '      sudo -n chown "$(id -u):$(id -g)" -- "$SANDBOX_AGENT_WORKDIR" 2>/dev/null',
        '  fi',
        'fi',
        'printf "%s" "$s"',
    ].join('\n');
    const result = await sandbox.exec(script, {
        env: { SANDBOX_AGENT_WORKDIR: workdir },
        cwd: '/',
        timeoutMs: 60_000,
    });
    const scratch = result.stdout.trim();
    if (result.exitCode !== 0 || !scratch.startsWith('/') || scratch.includes('\n')) {
        throw new shared_errors/* ActionError */.lZ('sandbox-error', `Could not create the scratch directory in the Daytona sandbox (exit ${result.exitCode}): ${result.stderr.trim()}`);
    }
    return scratch;
}

;// CONCATENATED MODULE: ./src/sandbox/daytona/provider.ts






class DaytonaProvider {
    client;
    config;
    logger;
    tuning;
    name = 'daytona';
    constructor(client, config, logger, tuning) {
        this.client = client;
        this.config = config;
        this.logger = logger;
        this.tuning = tuning;
    }
    get retry() {
        return this.tuning.retry;
    }
    async create(spec, onCreated) {
        const params = buildCreateParams(spec, this.config);
        const ignoredSize = ignoredSizeWarning(spec.size, this.config);
        if (ignoredSize)
            this.logger.warning(ignoredSize);
        const started = Date.now();
        const remainingSec = () => Math.max(1, Math.ceil((spec.createTimeoutMs - (Date.now() - started)) / 1000));
        let notified;
        const notify = (id) => {
            if (id === notified)
                return;
            notified = id;
            onCreated(id);
        };
        let sdk;
        let createTimedOut = false;
        try {
            sdk = await (0,shared_retry/* withRetry */.bD)(async (attempt) => {
                if (attempt > 0) {
                    // A create whose response was lost may have made the sandbox: adopt it instead of a second one.
                    const found = await this.findOne(spec.name, spec.labels);
                    if (found) {
                        this.logger.info(`Adopting Daytona sandbox ${found.id}, created by an earlier attempt.`);
                        notify(found.id);
                        if (found.state !== 'started')
                            await found.waitUntilStarted(remainingSec());
                        return found;
                    }
                }
                const stopWatching = this.watchForId(spec.name, notify);
                try {
                    // The SDK adds a label of its own to the object it is given: pass a fresh copy each time.
                    const fresh = copyParams(params);
                    const creating = 'image' in fresh
                        ? this.client.create(fresh, {
                            timeout: remainingSec(),
                            // An image build takes minutes: show its log (remote text; the logger makes it inert).
                            onSnapshotCreateLogs: (chunk) => {
                                for (const line of chunk.split(/\r?\n/))
                                    this.logger.info(`[daytona image build] ${line}`);
                            },
                        })
                        : this.client.create(fresh, { timeout: remainingSec() });
                    // The SDK checks its timeout while the build is pending and after it, not while it follows the
                    // build log (@daytona/sdk 0.216.0 Daytona.create): bound the whole call ourselves.
                    const created = await (0,deadline/* withTimeout */.wj)(creating, Math.max(1_000, spec.createTimeoutMs - (Date.now() - started)), `the sandbox was not ready within ${Math.ceil(spec.createTimeoutMs / 1000)} s`).catch((error) => {
                        if (Date.now() - started >= spec.createTimeoutMs)
                            createTimedOut = true;
                        throw error;
                    });
                    notify(created.id);
                    return created;
                }
                finally {
                    stopWatching();
                }
            }, {
                ...this.retry,
                totalMs: Math.min(this.retry.totalMs, spec.createTimeoutMs),
                classify: errors/* classifyTransient */.j0,
                signal: spec.signal,
                onRetry: ({ attempt, delayMs, error }) => this.logger.info(`Creating the Daytona sandbox failed (${(0,errors/* describeError */.Uc)(error)}); retry ${attempt} in ${delayMs} ms.`),
            });
        }
        catch (error) {
            await this.cleanupAfterFailedCreate(spec.name, spec.labels, notified);
            throw (0,errors/* sandboxError */.kA)('Could not create the Daytona sandbox', error, createTimedOut
                ? 'Raise create-timeout-minutes (an image build can take 10 minutes or more), or use a prebuilt daytona-snapshot.'
                : undefined);
        }
        const ctx = { ...this.tuning, logger: this.logger };
        const sandbox = new DaytonaSandbox(sdk, { workdir: spec.workdir, scratch: '/tmp/sandbox-agent' }, ctx, spec.env);
        try {
            const scratch = await resolveScratch(sandbox, spec.workdir);
            return new DaytonaSandbox(sdk, { workdir: spec.workdir, scratch }, ctx, spec.env);
        }
        catch (error) {
            await sandbox.delete().catch(() => undefined);
            throw (0,errors/* sandboxError */.kA)('Could not prepare the Daytona sandbox', error);
        }
    }
    /** Deletes by id (or name) until Daytona accepted it; 409 while starting is retried (see `deleteUntilGone`). */
    async deleteById(id, options = {}) {
        await deleteUntilGone({
            remove: async () => {
                const sandbox = await this.client.get(id);
                if (sandbox.state === 'destroying' || sandbox.state === 'destroyed')
                    return;
                await sandbox.delete();
            },
            state: async () => {
                try {
                    return String((await this.client.get(id)).state ?? 'unknown');
                }
                catch (error) {
                    if ((0,errors/* isNotFound */.c4)(error))
                        return undefined;
                    throw error;
                }
            },
        }, id, { logger: this.logger, retry: this.retry, deleteBudgetMs: this.tuning.deleteBudgetMs }, options);
    }
    /**
     * The sandbox with this name, read as a single record (`GET /sandbox/{sandboxIdOrName}`), which is
     * consistent right after create, unlike the label list (research real-services.md #9).
     */
    async findByName(name) {
        const found = await this.getByName(name);
        return found && listing(found);
    }
    async list(labels) {
        try {
            return await (0,shared_retry/* withRetry */.bD)(async () => {
                const listings = [];
                for await (const sandbox of this.client.list({ labels }))
                    listings.push(listing(sandbox));
                return listings;
            }, { ...this.retry, classify: errors/* classifyTransient */.j0 });
        }
        catch (error) {
            throw (0,errors/* sandboxError */.kA)('Could not list Daytona sandboxes', error);
        }
    }
    async getByName(name) {
        try {
            const sandbox = await this.client.get(name);
            return sandbox.state === 'destroyed' || sandbox.state === 'destroying' ? undefined : sandbox;
        }
        catch (error) {
            if ((0,errors/* isNotFound */.c4)(error))
                return undefined;
            throw error;
        }
    }
    /**
     * The sandbox an earlier (lost) create made: by name first, since `GET /sandbox` is "eventually
     * consistent" (apps/api/src/sandbox/controllers/sandbox.controller.ts) and may not list it yet; the
     * label list stays as a fallback.
     */
    async findOne(name, labels) {
        const byName = await this.getByName(name);
        if (byName)
            return byName;
        for await (const sandbox of this.client.list({ labels, limit: 10 })) {
            if (sandbox.state !== 'destroyed' && sandbox.state !== 'destroying')
                return sandbox;
        }
        return undefined;
    }
    /**
     * The SDK returns the sandbox only once it has started, which can take minutes for an image build.
     * So that `onCreated` (which saves the id for the post step) happens as soon as the sandbox exists,
     * look it up by its name while create is still waiting.
     */
    watchForId(name, notify) {
        let stopped = false;
        let timer;
        const look = async () => {
            try {
                const found = await this.getByName(name);
                if (found && !stopped)
                    return notify(found.id);
            }
            catch (error) {
                this.logger.debug(`Looking up the new Daytona sandbox failed: ${(0,errors/* describeError */.Uc)(error)}`);
            }
            if (!stopped)
                timer = setTimeout(() => void look(), this.tuning.idWatchMs);
        };
        timer = setTimeout(() => void look(), this.tuning.idWatchMs);
        return () => {
            stopped = true;
            clearTimeout(timer);
        };
    }
    /** After a failed create, nothing may stay behind: delete what the id, the name or the labels find. */
    async cleanupAfterFailedCreate(name, labels, id) {
        const ids = new Set(id ? [id] : []);
        try {
            const byName = await this.getByName(name);
            if (byName)
                ids.add(byName.id);
        }
        catch (error) {
            this.logger.debug(`Could not look up the sandbox ${name} after a failed create: ${(0,errors/* describeError */.Uc)(error)}`);
        }
        try {
            for await (const sandbox of this.client.list({ labels }))
                ids.add(sandbox.id);
        }
        catch (error) {
            this.logger.debug(`Could not look up sandboxes after a failed create: ${(0,errors/* describeError */.Uc)(error)}`);
        }
        for (const leftover of ids) {
            await this.deleteById(leftover).catch((error) => this.logger.warning(`Could not delete the Daytona sandbox ${leftover}: ${(0,errors/* describeError */.Uc)(error)}`));
        }
    }
}
function listing(sandbox) {
    return {
        id: sandbox.id,
        name: sandbox.name,
        labels: { ...sandbox.labels },
        createdAt: sandbox.createdAt ? new Date(sandbox.createdAt) : undefined,
        state: sandbox.state,
    };
}
function copyParams(params) {
    return { ...params, labels: { ...params.labels } };
}

;// CONCATENATED MODULE: ./src/sandbox/daytona/index.ts






const DEFAULT_DAYTONA_TUNING = {
    retry: errors/* DAYTONA_RETRY */.qQ,
    tuning: DEFAULT_SESSION_TUNING,
    unreachableMs: 60_000,
    probeTimeoutMs: 20_000,
    idWatchMs: 3_000,
    // Ends before main's teardown bound (TEARDOWN_RESERVE_MS) so our own, clearer error is the one logged.
    deleteBudgetMs: deadline/* TEARDOWN_RESERVE_MS */.p$ - 5_000,
    transferBaseMs: DEFAULT_TRANSFER_BASE_MS,
};
/**
 * Test hook: `SANDBOX_AGENT_TEST_DAYTONA_TUNING` (JSON: `pollIntervalMs`, `drainMs`, `transferBaseMs`,
 * `retryBaseMs`)
 * shrinks the waits so the built action's fault tests run in seconds. Production never sets it.
 */
function testTuning() {
    const raw = process.env['SANDBOX_AGENT_TEST_DAYTONA_TUNING'];
    if (!raw)
        return {};
    const parsed = JSON.parse(raw);
    const session = { ...DEFAULT_SESSION_TUNING };
    if (parsed.pollIntervalMs)
        session.pollIntervalMs = parsed.pollIntervalMs;
    if (parsed.drainMs)
        session.drainMs = parsed.drainMs;
    return {
        tuning: session,
        ...(parsed.transferBaseMs ? { transferBaseMs: parsed.transferBaseMs } : {}),
        ...(parsed.retryBaseMs
            ? { retry: { ...errors/* DAYTONA_RETRY */.qQ, baseMs: parsed.retryBaseMs, capMs: parsed.retryBaseMs * 8 } }
            : {}),
    };
}
/**
 * `provider: daytona` with @daytona/sdk (pinned). Settings come from the inputs, then from the
 * runner's process environment (DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET, DAYTONA_SNAPSHOT,
 * DAYTONA_IMAGE), never from a `.env` file in the checkout. `tuning` is for tests.
 */
function createDaytonaProvider(settings, logger, tuning = {}) {
    const config = (0,daytona_config.resolveDaytonaConfig)(settings);
    const client = (0,daytona_config/* createDaytonaClient */.O3)(config);
    logger.debug(`Daytona API: ${config.apiUrl}${config.target ? ` (target ${config.target})` : ''}`);
    return new DaytonaProvider(client, config, logger, {
        ...DEFAULT_DAYTONA_TUNING,
        ...testTuning(),
        ...tuning,
    });
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
