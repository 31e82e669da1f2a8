export const id = 829;
export const ids = [829,775];
export const modules = {

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

/***/ 25775:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fm: () => (/* binding */ ceilToSecondMs),
/* harmony export */   dz: () => (/* binding */ DEFAULT_IMAGE_COMMANDS),
/* harmony export */   hP: () => (/* binding */ modalResources),
/* harmony export */   jE: () => (/* binding */ sandboxTimeoutMs),
/* harmony export */   o8: () => (/* binding */ modalSandboxName),
/* harmony export */   resolveModalSettings: () => (/* binding */ resolveModalSettings),
/* harmony export */   sb: () => (/* binding */ DEFAULT_BASE_IMAGE),
/* harmony export */   zq: () => (/* binding */ networkParams)
/* harmony export */ });
/* unused harmony exports DEFAULT_APP, MAX_SANDBOX_TIMEOUT_MS, isValidModalName, MODAL_DEFAULT_SIZE */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58382);



const DEFAULT_APP = 'sandbox-agent';
/**
 * The default image must run every preset's install: Node ≥ 22 (claude-code's minimum) and npm come with
 * the official node image; its slim variant has no git or curl (docker-library/node purges the curl it
 * downloads Node with), so they are added. The JS SDK has no `debianSlim`/`aptInstall` helpers: it
 * builds exactly these Dockerfile commands (`modal` 0.11.1 `Image.fromRegistry` + `dockerfileCommands`).
 */
const DEFAULT_BASE_IMAGE = 'node:22-bookworm-slim';
const DEFAULT_IMAGE_COMMANDS = [
    'RUN apt-get update && apt-get install -y --no-install-recommends git curl ca-certificates && rm -rf /var/lib/apt/lists/*',
];
/** Modal's hard cap on a sandbox's lifetime. */
const MAX_SANDBOX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
/** Inputs win over env; env vars are read here explicitly, never through the SDK's own profile lookup. */
function resolveModalSettings(settings, env = process.env) {
    const tokenId = settings.tokenId.trim() || env['MODAL_TOKEN_ID']?.trim() || '';
    const tokenSecret = settings.tokenSecret.trim() || env['MODAL_TOKEN_SECRET']?.trim() || '';
    if (!tokenId || !tokenSecret) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('invalid-input', 'Modal credentials are missing: set the modal-token-id and modal-token-secret inputs, or the MODAL_TOKEN_ID and MODAL_TOKEN_SECRET environment variables.');
    }
    const app = settings.app.trim() || DEFAULT_APP;
    if (!isValidModalName(app)) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('invalid-input', `Invalid modal-app '${app}'. Expected letters, digits, '-', '_' or '.', at most 64 characters.`);
    }
    return {
        tokenId,
        tokenSecret,
        app,
        image: settings.image.trim(),
        environment: settings.environment.trim() || env['MODAL_ENVIRONMENT']?.trim() || '',
        sandboxV2: !['0', 'false'].includes((env['MODAL_SANDBOX_V2'] ?? '').trim().toLowerCase()),
    };
}
const NAME_CHARSET = /^[a-zA-Z0-9\-_.]+$/;
const APP_ID_PATTERN = /^ap-[a-zA-Z0-9]{22}$/;
const MAX_NAME = 64;
/** Modal object names: `[A-Za-z0-9-_.]`, at most 64 characters, not shaped like an App id. */
function isValidModalName(name) {
    return name.length > 0 && name.length <= MAX_NAME && NAME_CHARSET.test(name) && !APP_ID_PATTERN.test(name);
}
/**
 * Maps a sandbox name onto Modal's charset, deterministically: valid names pass unchanged, others have
 * bad characters replaced and, when that changed or shortened them, a digest of the original appended so
 * two different names cannot collide.
 */
function modalSandboxName(name) {
    if (isValidModalName(name))
        return name;
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex').slice(0, 10);
    const cleaned = name
        .replace(/[^a-zA-Z0-9\-_.]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '');
    const head = cleaned.slice(0, MAX_NAME - digest.length - 1).replace(/-$/, '');
    return head ? `${head}-${digest}` : `sa-${digest}`;
}
/** Modal takes whole seconds (as milliseconds): round up so a budget is never cut short. */
function ceilToSecondMs(ms) {
    return Math.max(1000, Math.ceil(ms / 1000) * 1000);
}
/** The sandbox lifetime: `ttlMs` rounded up to a whole second, capped at Modal's 24 h maximum. */
function sandboxTimeoutMs(ttlMs) {
    return Math.min(ceilToSecondMs(ttlMs), MAX_SANDBOX_TIMEOUT_MS);
}
const DOMAIN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
/** `open` → nothing; `none` → blockNetwork; `allow` → CIDR and domain allowlists (both exist in 0.11.1). */
function networkParams(policy) {
    if (policy.mode === 'open')
        return {};
    if (policy.mode === 'none')
        return { blockNetwork: true };
    const cidrs = [];
    const domains = [];
    const invalid = [];
    for (const raw of policy.entries) {
        const entry = raw.trim();
        if (!entry)
            continue;
        if (isCidr(entry))
            cidrs.push(entry.includes('/') ? entry : `${entry}/${(0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(entry) === 6 ? 128 : 32}`);
        else if (DOMAIN.test(entry) && entry.length <= 253)
            domains.push(entry.toLowerCase());
        else
            invalid.push(entry);
    }
    if (invalid.length > 0) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('invalid-input', `Invalid network entries for Modal: ${invalid.join(', ')}. Expected CIDRs (10.0.0.0/8), IP addresses or domains (example.com, *.example.com).`);
    }
    // An empty allowlist blocks all egress, which is what an explicit allowlist with no entries means.
    return { outboundCidrAllowlist: cidrs, outboundDomainAllowlist: domains };
}
function isCidr(entry) {
    const [address, prefix, ...rest] = entry.split('/');
    if (rest.length > 0 || !address)
        return false;
    const version = (0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(address);
    if (version === 0)
        return false;
    if (prefix === undefined)
        return true;
    if (!/^\d{1,3}$/.test(prefix))
        return false;
    return Number(prefix) <= (version === 4 ? 32 : 128);
}
/** Modal's size by default: enough for `npm ci` plus a Node agent. */
const MODAL_DEFAULT_SIZE = { cpu: 2, memoryGib: 4 };
/**
 * `cpu` (cores, may be fractional) and `memoryMiB` for `sandboxes.create` (modal@0.11.1
 * `SandboxCreateParams`: both are reservations). Modal has no disk size for sandboxes, so `disk-gib`
 * is not sent (the provider warns when it was given).
 */
function modalResources(size) {
    return {
        cpu: size?.cpu ?? MODAL_DEFAULT_SIZE.cpu,
        memoryMiB: Math.ceil((size?.memoryGib ?? MODAL_DEFAULT_SIZE.memoryGib) * 1024),
    };
}


/***/ }),

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

/***/ 55829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createModalProvider: () => (/* binding */ createModalProvider)
});

// UNUSED EXPORTS: DEFAULT_MODAL_TUNING, MODAL_SCRATCH

// EXTERNAL MODULE: ./src/sandbox/modal/config.ts
var config = __webpack_require__(25775);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(58382);
// EXTERNAL MODULE: ./src/shared/retry.ts
var shared_retry = __webpack_require__(43091);
// EXTERNAL MODULE: ./src/sandbox/modal/errors.ts
var modal_errors = __webpack_require__(3214);
// EXTERNAL MODULE: ./src/sandbox/bounded-download.ts
var bounded_download = __webpack_require__(55879);
;// CONCATENATED MODULE: ./src/sandbox/modal/exec.ts




/** Thrown when `TaskExecStart` does not answer within `startTimeoutMs`; transient, so it is retried. */
class ExecStartStalledError extends Error {
    name = 'ExecStartStalledError';
}
/**
 * Runs `sh -c command` in a Modal sandbox. Data reaches the command only through `env`. stdout and stderr
 * are read concurrently as they arrive (a full pipe cannot stall the other), the command's timeout is
 * Modal's own `timeoutSecs` (rounded up), and `sandbox.poll()` runs alongside so a sandbox that dies
 * mid-command ends the wait at once instead of after the router's retries.
 */
async function runCommand(handle, command, cwd, options, tuning) {
    const timeoutMs = (0,config/* ceilToSecondMs */.Fm)(options.timeoutMs);
    const started = Date.now();
    const out = new Collector(tuning.maxBuffer);
    const err = new Collector(tuning.maxBuffer);
    if (options.signal?.aborted)
        return { end: { kind: 'aborted' }, stdout: out.bytes(), stderr: err.bytes() };
    let proc;
    try {
        proc = await startCommand(handle, command, cwd, options, timeoutMs, tuning);
    }
    catch (error) {
        if (options.signal?.aborted)
            return { end: { kind: 'aborted' }, stdout: out.bytes(), stderr: err.bytes() };
        return { end: await failureEnd(handle, error), stdout: out.bytes(), stderr: err.bytes() };
    }
    const giveUp = new AbortController();
    // stdin is a pipe on Modal: close it at once so commands that read stdin see EOF, as with /dev/null.
    proc.stdin.close().catch(() => undefined);
    // The exit status decides the outcome: once it is known, the streams get `drainAfterExitMs` to reach
    // EOF and are then cancelled (a background process the command started may keep them open and silent).
    let drainTimer;
    const exited = proc._wait(giveUp.signal).then((code) => {
        drainTimer = setTimeout(() => giveUp.abort(), tuning.drainAfterExitMs);
        return code;
    });
    const finished = Promise.all([
        exited,
        pump(proc.stdout, out, options.onStdout, giveUp.signal),
        pump(proc.stderr, err, options.onStderr, giveUp.signal),
    ]).then(([code]) => ({ kind: 'exit', code }), (error) => ({ kind: 'failed', error }));
    finished.finally(() => clearTimeout(drainTimer)).catch(() => undefined);
    const timers = [];
    let settled = false;
    let onAbort;
    const ended = await new Promise((resolve) => {
        finished.then(resolve);
        const hardStop = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs + tuning.timeoutGraceMs);
        timers.push(hardStop);
        const watch = () => {
            const timer = setTimeout(async () => {
                const code = await pollSandbox(handle);
                if (code !== null)
                    resolve({ kind: 'sandbox-gone', code });
                else if (!settled)
                    watch();
            }, tuning.pollIntervalMs);
            timers.push(timer);
        };
        watch();
        onAbort = () => resolve({ kind: 'aborted' });
        options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    settled = true;
    for (const timer of timers)
        clearTimeout(timer);
    if (onAbort)
        options.signal?.removeEventListener('abort', onAbort);
    giveUp.abort();
    // Let the readers settle (cancelled or finished) so no callback fires after we return.
    await finished.catch(() => undefined);
    return {
        end: await settle(handle, ended, Date.now() - started >= timeoutMs),
        stdout: out.bytes(),
        stderr: err.bytes(),
    };
}
/**
 * `sandbox.exec` with retries of its own. The SDK already re-sends `TaskExecStart` up to 10 times on
 * UNAVAILABLE/INTERNAL/UNKNOWN/CANCELLED/DEADLINE_EXCEEDED with the same `execId`, which Modal uses as the
 * idempotency key (modal@0.11.1 `callUnary`, `#execInternal`), so a command never starts twice from
 * those. It surfaces RESOURCE_EXHAUSTED at once and never bounds a call that does not answer. We retry
 * what it surfaces with a new `execId`, which the protocol gives us no way to check first (the SDK keeps
 * the `execId` to itself, so `TaskExecPoll` cannot ask about the lost one). Re-sending is safe because
 * an error reply means the router refused the start; only a start that stalled past `startTimeoutMs` may
 * have run, and every command the pipeline sends is safe to run again: mkdir -p, staging (a clone into
 * an emptied dir), the agent (whose lost start never produced output), and the capture script, which
 * removes its outputs first, commits leftovers only once (the second run finds none) and rebuilds the
 * same linear chain from BASE_SHA.
 */
async function startCommand(handle, command, cwd, options, timeoutMs, tuning) {
    return (0,shared_retry/* withRetry */.bD)(async () => {
        let timer;
        const stalled = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new ExecStartStalledError(`Starting the command got no answer in ${tuning.startTimeoutMs} ms`)), tuning.startTimeoutMs);
        });
        const started = handle.exec(['sh', '-c', command], {
            mode: 'binary',
            stdout: 'pipe',
            stderr: 'pipe',
            workdir: cwd,
            env: options.env ?? {},
            timeoutMs,
        });
        try {
            return await Promise.race([started, stalled]);
        }
        finally {
            clearTimeout(timer);
            // A start abandoned as stalled may still settle later; its result is dropped (its streams are
            // lazy and were never opened).
            started.catch(() => undefined);
        }
    }, {
        ...tuning.startRetry,
        // A worker the runner cannot connect to already had the SDK's ~10 s of retries: say so at once.
        classify: (error) => error instanceof ExecStartStalledError
            ? { retry: true }
            : isWorkerUnreachable(error)
                ? { retry: false }
                : (0,modal_errors/* classifyTransient */.j0)(error),
        ...(options.signal ? { signal: options.signal } : {}),
    });
}
/** Turns an ambiguous end into a precise one: a killed or failed command may mean the sandbox died. */
async function settle(handle, end, pastTimeout) {
    if (end.kind === 'exit') {
        // Modal kills a command at its timeout (137 via SIGKILL); a dying sandbox ends it the same way.
        const suspicious = end.code === 137 || end.code === 124 || (pastTimeout && end.code !== 0);
        if (!suspicious)
            return end;
        const code = await pollSandbox(handle);
        if (code !== null)
            return { kind: 'sandbox-gone', code };
        return pastTimeout ? { kind: 'timeout' } : end;
    }
    if (end.kind === 'failed') {
        const code = await pollSandbox(handle);
        if (code !== null)
            return { kind: 'sandbox-gone', code };
        // The SDK's stdio streams fail with "Deadline exceeded" once the command's own deadline passes.
        return pastTimeout ? { kind: 'timeout' } : end;
    }
    return end;
}
async function failureEnd(handle, error) {
    const code = await pollSandbox(handle);
    if (code !== null)
        return { kind: 'sandbox-gone', code };
    return { kind: 'failed', error };
}
/** `null` while the sandbox runs; its exit code once finished; 137 when Modal no longer knows it. */
async function pollSandbox(handle) {
    try {
        return await handle.poll();
    }
    catch (error) {
        return (0,modal_errors/* isNotFound */.c4)(error) ? 137 : null;
    }
}
async function pump(stream, sink, onChunk, signal) {
    const reader = stream.getReader();
    const cancel = () => {
        reader.cancel().catch(() => undefined);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                return;
            if (signal.aborted)
                return;
            const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
            sink.push(chunk);
            onChunk?.(chunk);
        }
    }
    catch (error) {
        if (signal.aborted)
            return;
        throw error;
    }
    finally {
        signal.removeEventListener('abort', cancel);
    }
}
/**
 * A V2 exec talks to the task command router on the sandbox's worker, a host other than api.modal.com
 * (modal@0.11.1 `TaskCommandRouterClientImpl`): UNAVAILABLE from a router method means the runner
 * could not connect there (the control plane answered, or there would be no sandbox).
 */
function isWorkerUnreachable(error) {
    return ((0,modal_errors/* grpcCode */._K)(error) === modal_errors/* GrpcStatus */.dp.UNAVAILABLE &&
        error instanceof Error &&
        error.message.includes('modal.task_command_router.TaskCommandRouter/'));
}
/**
 * The address grpc-js failed to connect to, from its own message (runner-side text, e.g. "connect
 * ECONNREFUSED 1.2.3.4:443", "getaddrinfo ENOTFOUND host", "Name resolution failed for target dns:host:443").
 * The SDK keeps the router URL private, so this is where the host can be read.
 */
function workerAddress(error) {
    if (!(error instanceof Error))
        return undefined;
    const match = /(?:dns:|ENOTFOUND |ECONNREFUSED |ETIMEDOUT |EHOSTUNREACH |ENETUNREACH |ECONNRESET )([A-Za-z0-9.:[\]-]{1,255}?)(?=[.,;\s]*(?:\s|$))/.exec(error.message);
    return match?.[1];
}
/** Maps how a command ended onto the `Sandbox.exec` contract. */
function toExecResult(end, stdout, stderr, context) {
    const text = { stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
    switch (end.kind) {
        case 'exit':
            return { exitCode: end.code, ...text, timedOut: false };
        case 'timeout':
            return { exitCode: 124, ...text, timedOut: true };
        case 'aborted':
            throw new errors/* ActionError */.lZ('cancelled', 'The command in the Modal sandbox was cancelled.');
        case 'sandbox-gone':
            throw sandboxGoneError(context.sandboxId, end.code, context.lifetimeSeconds);
        case 'failed':
            if (isWorkerUnreachable(end.error)) {
                const host = workerAddress(end.error) ?? "the sandbox's worker";
                throw new errors/* ActionError */.lZ('sandbox-error', `Could not reach the Modal worker at ${host} — self-hosted runners need egress to Modal's worker hosts, not only api.modal.com (${(0,modal_errors/* describe */.q0)(end.error)}).`, 'Allow outbound HTTPS from the runner to the Modal worker hosts, or run on a GitHub-hosted runner.', { cause: end.error });
            }
            throw new errors/* ActionError */.lZ('sandbox-error', `Running a command in the Modal sandbox ${context.sandboxId} failed: ${(0,modal_errors/* describe */.q0)(end.error)}.`, undefined, { cause: end.error });
    }
}
function sandboxGoneError(sandboxId, code, lifetimeSeconds) {
    const message = code === 124
        ? `The Modal sandbox ${sandboxId} reached its ${lifetimeSeconds} s lifetime and was stopped by Modal.`
        : `The Modal sandbox ${sandboxId} is no longer running (exit ${code}).`;
    return new errors/* ActionError */.lZ('sandbox-error', message, 'Raise agent-timeout-minutes if the agent needs longer, or check the sandbox in the Modal dashboard.');
}
class Collector {
    limit;
    chunks = [];
    size = 0;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        const room = this.limit - this.size;
        if (room <= 0)
            return;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        // Copy: the SDK may reuse the underlying buffer of a chunk.
        this.chunks.push(Buffer.from(kept));
        this.size += kept.length;
    }
    bytes() {
        return Buffer.concat(this.chunks);
    }
}

;// CONCATENATED MODULE: ./src/sandbox/modal/sandbox.ts





/** The remote reader's own deadline, and the per-attempt bound when the size is unknown. */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;
/**
 * A download that stopped short of the size the sandbox reported (a stream that ended early) or took
 * longer than its attempt's bound (a stream that hangs). Transient: the download is tried again, and a
 * short file is never kept.
 */
class IncompleteDownloadError extends Error {
    name = 'IncompleteDownloadError';
}
/** Reads `size`, then the file: the size goes to stderr first so the runner can tell a short read. */
const DOWNLOAD_SCRIPT = `size=$(wc -c < "$SANDBOX_AGENT_FILE") || exit 1
printf 'size=%d\\n' "$size" >&2
if [ -n "$SANDBOX_AGENT_LIMIT" ]; then exec head -c "$SANDBOX_AGENT_LIMIT" -- "$SANDBOX_AGENT_FILE"; fi
exec cat -- "$SANDBOX_AGENT_FILE"`;
/** One Modal sandbox behind the provider interface. */
class ModalSandbox {
    handle;
    paths;
    lifetimeSeconds;
    tuning;
    logger;
    sandboxEnv;
    provider = 'modal';
    deleted = false;
    /** Set once the sandbox is known to have stopped: later calls fail fast without an RPC. */
    goneCode;
    constructor(handle, paths, lifetimeSeconds, tuning, logger, 
    /** `spec.env`, sent again with every exec: whether execs inherit the create's env is unproven on Modal. */
    sandboxEnv = {}) {
        this.handle = handle;
        this.paths = paths;
        this.lifetimeSeconds = lifetimeSeconds;
        this.tuning = tuning;
        this.logger = logger;
        this.sandboxEnv = sandboxEnv;
    }
    get id() {
        return this.handle.sandboxId;
    }
    async exec(command, options) {
        this.assertUsable();
        const { end, stdout, stderr } = await runCommand(this.handle, command, options.cwd ?? this.paths.workdir, { ...options, env: { ...this.sandboxEnv, ...options.env } }, this.tuning);
        if (end.kind === 'sandbox-gone')
            this.goneCode = end.code;
        return toExecResult(end, stdout, stderr, { sandboxId: this.id, lifetimeSeconds: this.lifetimeSeconds });
    }
    /** `copyFromLocal` streams the file through the exec's stdin in 256 KiB chunks; nothing is buffered whole. */
    async upload(localPath, remotePath) {
        await this.transfer('upload', remotePath, () => this.handle.filesystem.copyFromLocal(localPath, remotePath));
    }
    /**
     * One exec reads the file (with a limit, `head` stops one byte past it: the SDK's reader cannot stop
     * early, and a hostile sandbox could replace `head`, so the runner's count is the one that decides) and
     * reports its size first. Each attempt is bounded in time by that size; a stream that ends before the
     * reported size, or an attempt over its bound, is retried and its partial file never kept. The SDK's
     * `copyToLocal` is not used: a stdio stream that ends early is EOF to it, so it would keep a short file.
     */
    async download(remotePath, localPath, options = {}) {
        await this.transfer('download', remotePath, () => this.downloadOnce(remotePath, localPath, options.maxBytes));
    }
    async downloadOnce(remotePath, localPath, maxBytes) {
        const { baseMs, bytesPerSecond } = this.tuning.downloadAttempt;
        const attempt = new AbortController();
        const boundFor = (bytes) => Math.min(TRANSFER_TIMEOUT_MS, baseMs + (bytes / bytesPerSecond) * 1000);
        let timer = setTimeout(() => attempt.abort(), boundFor(0));
        const stalled = () => new IncompleteDownloadError(`The download of ${remotePath} stalled; no answer within its time bound`);
        const bounded = (work) => new Promise((resolve, reject) => {
            if (attempt.signal.aborted)
                return reject(stalled());
            attempt.signal.addEventListener('abort', () => reject(stalled()), { once: true });
            work.then(resolve, reject);
        });
        try {
            const proc = await bounded(this.handle.exec(['sh', '-c', DOWNLOAD_SCRIPT], {
                mode: 'binary',
                stdout: 'pipe',
                stderr: 'pipe',
                workdir: '/',
                env: {
                    SANDBOX_AGENT_FILE: remotePath,
                    SANDBOX_AGENT_LIMIT: maxBytes === undefined ? '' : String(maxBytes + 1),
                },
                timeoutMs: TRANSFER_TIMEOUT_MS,
            }));
            proc.stdin.close().catch(() => undefined);
            // stderr is drained alongside (a full stderr pipe would stall stdout); only its start is kept. Its
            // first line is the size, which stretches this attempt's bound (capped by maxBytes: a sandbox's
            // claim cannot buy it more time than the largest file we would accept).
            const stderr = readStart(proc.stderr, 2048, attempt.signal, (start) => {
                const size = reportedSize(start);
                if (size === undefined)
                    return;
                clearTimeout(timer);
                timer = setTimeout(() => attempt.abort(), boundFor(Math.min(size, maxBytes ?? size)));
            });
            let received = 0;
            const counted = async function* (source, signal) {
                for await (const chunk of readUntilAborted(source, signal)) {
                    received += chunk.length;
                    yield chunk;
                }
            };
            await (0,bounded_download/* writeDownload */.A)(counted(proc.stdout, attempt.signal), localPath, remotePath, maxBytes, async () => {
                const code = await bounded(proc.wait());
                const detail = await stderr;
                if (code !== 0) {
                    throw new errors/* ActionError */.lZ('sandbox-error', `Could not read ${remotePath} in the Modal sandbox ${this.id} (exit ${code}): ${detail.replace(/^size=\d+\n/, '').trim()}`);
                }
                const size = reportedSize(detail);
                // The file's size decides completeness: the stream's end can be a lost connection, not EOF.
                const expected = size === undefined ? undefined : Math.min(size, (maxBytes ?? size) + 1);
                if (expected === undefined || received < expected) {
                    throw new IncompleteDownloadError(`The download of ${remotePath} ended early: ${received} of ${expected ?? 'an unknown number of'} bytes`);
                }
            });
        }
        catch (error) {
            // Only the attempt's timer aborts inside this block: whatever failed, the cause was the stall.
            if (attempt.signal.aborted)
                throw stalled();
            throw error;
        }
        finally {
            clearTimeout(timer);
            attempt.abort();
        }
    }
    async delete() {
        if (this.deleted)
            return;
        await terminateSandbox(this.handle, this.tuning.terminateRetry, this.logger);
        this.deleted = true;
        this.handle.detach();
    }
    async transfer(what, remotePath, operation) {
        this.assertUsable();
        try {
            await (0,shared_retry/* withRetry */.bD)(operation, {
                ...this.tuning.transferRetry,
                classify: (error) => error instanceof IncompleteDownloadError ? { retry: true } : (0,modal_errors/* classifyTransient */.j0)(error),
                onRetry: ({ attempt, error }) => this.logger.warning(`Modal ${what} of ${remotePath} failed (${(0,modal_errors/* describe */.q0)(error)}); attempt ${attempt + 1}.`),
            });
        }
        catch (error) {
            const code = await pollSandbox(this.handle);
            if (code !== null) {
                this.goneCode = code;
                throw sandboxGoneError(this.id, code, this.lifetimeSeconds);
            }
            if (error instanceof errors/* ActionError */.lZ)
                throw error;
            throw new errors/* ActionError */.lZ('sandbox-error', `The ${what} of ${remotePath} in the Modal sandbox ${this.id} failed: ${(0,modal_errors/* describe */.q0)(error)}.`, undefined, { cause: error });
        }
    }
    assertUsable() {
        if (this.deleted)
            throw new errors/* ActionError */.lZ('sandbox-error', `The Modal sandbox ${this.id} was already deleted.`);
        if (this.goneCode !== undefined)
            throw sandboxGoneError(this.id, this.goneCode, this.lifetimeSeconds);
    }
}
/**
 * Terminates a sandbox: idempotent (a sandbox Modal no longer knows counts as terminated, and terminating a
 * finished one is a no-op), retried a bounded number of times on transient failures, then thrown.
 */
async function terminateSandbox(handle, retry, logger) {
    try {
        await (0,shared_retry/* withRetry */.bD)(async () => {
            try {
                await handle.terminate();
            }
            catch (error) {
                if (!(0,modal_errors/* isNotFound */.c4)(error))
                    throw error;
            }
        }, {
            ...retry,
            classify: modal_errors/* classifyTransient */.j0,
            onRetry: ({ attempt, error }) => logger.warning(`Terminating the Modal sandbox ${handle.sandboxId} failed (${(0,modal_errors/* describe */.q0)(error)}); attempt ${attempt + 1}.`),
        });
    }
    catch (error) {
        throw new errors/* ActionError */.lZ('sandbox-error', `Could not terminate the Modal sandbox ${handle.sandboxId}: ${(0,modal_errors/* describe */.q0)(error)}.`, 'It stops by itself when its lifetime runs out; the post step and the sweeper try again.', { cause: error });
    }
}
/**
 * The first `limit` bytes of a stream as text; the rest is read and dropped. `onStart` sees the kept
 * text as it grows. Ends (without throwing) when the stream breaks or `signal` aborts.
 */
async function readStart(stream, limit, signal, onStart) {
    const kept = [];
    let size = 0;
    try {
        for await (const chunk of readUntilAborted(stream, signal)) {
            if (size < limit) {
                kept.push(Buffer.from(chunk.subarray(0, limit - size)));
                onStart(Buffer.concat(kept).toString('utf8'));
            }
            size += chunk.length;
        }
    }
    catch {
        // A cancelled or broken stderr only loses the error detail (and the size: then the read is retried).
    }
    return Buffer.concat(kept).toString('utf8');
}
/** The `size=N` line the download script writes first on stderr. */
function reportedSize(stderr) {
    const match = /^size=(\d{1,15})\n/.exec(stderr);
    return match ? Number(match[1]) : undefined;
}
/**
 * The chunks of `stream` until it ends or `signal` aborts. Cancelling the reader settles a pending read
 * at once (WHATWG streams), even when the SDK's gRPC read below it never answers.
 */
async function* readUntilAborted(stream, signal) {
    const reader = stream.getReader();
    const cancel = () => {
        reader.cancel().catch(() => undefined);
    };
    if (signal.aborted)
        cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (signal.aborted)
                throw new IncompleteDownloadError('The download was stopped at its time bound');
            if (done)
                return;
            yield value;
        }
    }
    finally {
        signal.removeEventListener('abort', cancel);
    }
}

;// CONCATENATED MODULE: ./src/sandbox/modal/provider.ts





/** The scratch dir inside every Modal sandbox (bundle, prompt, capture output). */
const MODAL_SCRATCH = '/tmp/sandbox-agent';
/** `provider: modal` on the Modal JS SDK (`modal@0.11.1`), without a Python sidecar. */
class ModalProvider {
    client;
    settings;
    tuning;
    logger;
    name = 'modal';
    app;
    builtImage;
    constructor(client, settings, tuning, logger) {
        this.client = client;
        this.settings = settings;
        this.tuning = tuning;
        this.logger = logger;
    }
    async create(spec, onCreated) {
        const timeoutMs = (0,config/* sandboxTimeoutMs */.jE)(spec.ttlMs);
        if (timeoutMs < spec.ttlMs) {
            this.logger.warning(`Modal caps a sandbox's lifetime at 24 h; the sandbox TTL is cut to ${timeoutMs / 1000} s.`);
        }
        const name = (0,config/* modalSandboxName */.o8)(spec.name);
        const params = {
            name,
            tags: { ...spec.labels },
            env: { ...spec.env },
            timeoutMs,
            ...(0,config/* modalResources */.hP)(spec.size),
            ...(0,config/* networkParams */.zq)(spec.network),
        };
        if (spec.size?.diskGib !== undefined) {
            this.logger.warning(`Modal sandboxes have no settable disk size, so disk-gib (${spec.size.diskGib}) is ignored.`);
        }
        const paths = { workdir: spec.workdir, scratch: MODAL_SCRATCH };
        if (!spec.workdir.startsWith('/')) {
            throw new errors/* ActionError */.lZ('invalid-input', `The workdir '${spec.workdir}' must be an absolute path.`);
        }
        const handle = await this.createOrAdopt(name, params, spec);
        onCreated(handle.sandboxId);
        this.logger.info(`Modal sandbox ${handle.sandboxId} (${name}) is up; lifetime ${timeoutMs / 1000} s.`);
        const sandbox = new ModalSandbox(handle, paths, timeoutMs / 1000, this.tuning, this.logger, spec.env);
        try {
            // Ready means a shell runs: make the work and scratch dirs (paths go in through env, never argv text).
            const ready = await sandbox.exec('mkdir -p "$SANDBOX_AGENT_WORKDIR" "$SANDBOX_AGENT_SCRATCH"', {
                cwd: '/',
                env: { SANDBOX_AGENT_WORKDIR: paths.workdir, SANDBOX_AGENT_SCRATCH: paths.scratch },
                timeoutMs: 60_000,
                signal: spec.signal,
            });
            if (ready.exitCode !== 0) {
                throw new errors/* ActionError */.lZ('sandbox-error', `The Modal sandbox could not create ${paths.workdir} (exit ${ready.exitCode}): ${ready.stderr.trim().slice(0, 300)}`, 'The image needs sh and mkdir; check modal-image.');
            }
        }
        catch (error) {
            await sandbox.delete().catch((e) => this.logger.warning((0,modal_errors/* describe */.q0)(e)));
            throw error;
        }
        return sandbox;
    }
    async deleteById(id) {
        const handle = await this.client.sandboxes.fromId(id);
        try {
            await terminateSandbox(handle, this.tuning.terminateRetry, this.logger);
        }
        finally {
            handle.detach();
        }
    }
    async list(labels) {
        let app;
        try {
            app = await this.client.apps.fromName(this.settings.app, this.environmentParams());
        }
        catch (error) {
            if ((0,modal_errors/* isNotFound */.c4)(error))
                return [];
            throw new errors/* ActionError */.lZ('sandbox-error', `Listing Modal sandboxes failed: ${(0,modal_errors/* describe */.q0)(error)}.`);
        }
        const listings = [];
        try {
            for await (const handle of this.client.sandboxes.list({ appId: app.appId, tags: labels })) {
                try {
                    listings.push({ id: handle.sandboxId, labels: await handle.getTags(), state: 'running' });
                }
                catch (error) {
                    // Finished between the listing and the lookup: nothing left to sweep.
                    if (!(0,modal_errors/* isNotFound */.c4)(error))
                        throw error;
                }
                finally {
                    handle.detach();
                }
            }
        }
        catch (error) {
            throw new errors/* ActionError */.lZ('sandbox-error', `Listing Modal sandboxes failed: ${(0,modal_errors/* describe */.q0)(error)}.`, undefined, {
                cause: error,
            });
        }
        return listings;
    }
    /**
     * Creates the sandbox within `createTimeoutMs`, retrying capacity and transport failures. The name is
     * unique within the App, so an attempt whose reply was lost makes the next one fail with
     * AlreadyExists: that sandbox is ours (the name encodes repo, run, attempt, job and this run's nonce, so a
     * parallel matrix job never matches it) and is adopted.
     */
    async createOrAdopt(name, params, spec) {
        const deadline = new AbortController();
        const onAbort = () => deadline.abort(spec.signal?.reason);
        spec.signal?.addEventListener('abort', onAbort, { once: true });
        let late = false;
        const attempt = (0,shared_retry/* withRetry */.bD)(async () => {
            const app = await this.getApp();
            try {
                return await this.client.sandboxes.create(app, this.image(), params);
            }
            catch (error) {
                if (!(0,modal_errors/* isAlreadyExists */.x9)(error))
                    throw error;
                const existing = await this.client.sandboxes.fromName(this.settings.app, name, this.environmentParams());
                this.logger.info(`Adopted the existing Modal sandbox ${existing.sandboxId} named ${name}.`);
                return existing;
            }
        }, {
            ...this.tuning.createRetry,
            totalMs: spec.createTimeoutMs,
            classify: (error) => ({ retry: (0,modal_errors/* isTransient */.dg)(error) || (0,modal_errors/* isNotFound */.c4)(error) }),
            onRetry: ({ attempt: n, delayMs, error }) => this.logger.warning(`Creating the Modal sandbox failed (${(0,modal_errors/* describe */.q0)(error)}); attempt ${n + 1} in ${delayMs} ms.`),
            signal: deadline.signal,
        });
        let timer;
        const timedOut = new Promise((_, reject) => {
            timer = setTimeout(() => {
                late = true;
                deadline.abort();
                reject(new errors/* ActionError */.lZ('sandbox-error', `Modal did not create the sandbox within ${Math.ceil(spec.createTimeoutMs / 1000)} s.`, 'Modal may be short of capacity or still building the image; try again later.'));
            }, spec.createTimeoutMs);
        });
        try {
            return await Promise.race([attempt, timedOut]);
        }
        catch (error) {
            if (error instanceof errors/* ActionError */.lZ)
                throw error;
            throw new errors/* ActionError */.lZ('sandbox-error', `Creating the Modal sandbox failed: ${(0,modal_errors/* describe */.q0)(error)}.`, undefined, {
                cause: error,
            });
        }
        finally {
            clearTimeout(timer);
            spec.signal?.removeEventListener('abort', onAbort);
            // A create that completes after we gave up would run unattended until its lifetime ends: stop it.
            attempt.then((handle) => {
                if (!late)
                    return;
                terminateSandbox(handle, this.tuning.terminateRetry, this.logger)
                    .catch((e) => this.logger.warning((0,modal_errors/* describe */.q0)(e)))
                    .finally(() => handle.detach());
            }, () => undefined);
        }
    }
    getApp() {
        this.app ??= this.client.apps
            .fromName(this.settings.app, { ...this.environmentParams(), createIfMissing: true })
            .catch((error) => {
            this.app = undefined;
            throw error;
        });
        return this.app;
    }
    /** Lazy: no RPC until create builds it (once per image; Modal caches the layers). */
    image() {
        this.builtImage ??= this.settings.image
            ? this.client.images.fromRegistry(this.settings.image)
            : this.client.images.fromRegistry(config/* DEFAULT_BASE_IMAGE */.sb).dockerfileCommands([...config/* DEFAULT_IMAGE_COMMANDS */.dz]);
        return this.builtImage;
    }
    environmentParams() {
        return this.settings.environment ? { environment: this.settings.environment } : {};
    }
}

// EXTERNAL MODULE: ./src/sandbox/modal/sdk.ts
var modal_sdk = __webpack_require__(80285);
;// CONCATENATED MODULE: ./src/sandbox/modal/index.ts




const DEFAULT_MODAL_TUNING = {
    pollIntervalMs: 10_000,
    timeoutGraceMs: 30_000,
    maxBuffer: 64 * 1024 * 1024,
    // Daytona drains its log stream for a few seconds after the exit code too (issue 17 item 4).
    drainAfterExitMs: 5_000,
    startRetry: { attempts: 4, baseMs: 1_000, capMs: 10_000, totalMs: 3 * 60_000 },
    // Well above the SDK's own start retries (10, from 10 ms doubling: ~10 s), so they finish first.
    startTimeoutMs: 2 * 60_000,
    // 1 minute plus 1 s per 256 KiB: a 10 MiB mbox gets 100 s per attempt, a 100 MiB one under 8 minutes.
    downloadAttempt: { baseMs: 60_000, bytesPerSecond: 256 * 1024 },
    createRetry: { attempts: 5, baseMs: 2_000, capMs: 30_000 },
    transferRetry: { attempts: 3, baseMs: 1_000, capMs: 10_000, totalMs: 5 * 60_000 },
    terminateRetry: { attempts: 4, baseMs: 500, capMs: 5_000, totalMs: 30_000 },
};
/**
 * `provider: modal`. Reached only through the dynamic import in `sandbox/index.ts`; the SDK itself is
 * loaded here, after the settings are checked, so a missing token fails before any SDK cost.
 */
async function createModalProvider(settings, logger, options = {}) {
    const resolved = (0,config.resolveModalSettings)(settings, options.env);
    const sdk = await (0,modal_sdk/* loadModalSdk */.S)();
    const secrets = [resolved.tokenId, resolved.tokenSecret];
    const scrub = (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
    const line = (message, args) => scrub(args.length
        ? `${message} ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`
        : message);
    const client = new sdk.ModalClient({
        tokenId: resolved.tokenId,
        tokenSecret: resolved.tokenSecret,
        ...(resolved.environment ? { environment: resolved.environment } : {}),
        logLevel: 'warn',
        logger: {
            debug: (message, ...args) => logger.debug(`modal: ${line(message, args)}`),
            info: (message, ...args) => logger.debug(`modal: ${line(message, args)}`),
            // The SDK warns about insecure TLS when pointed at a loopback server (the test fake): not news.
            warn: (message, ...args) => /insecure TLS/.test(message)
                ? logger.debug(`modal: ${message}`)
                : logger.warning(`modal: ${line(message, args)}`),
            error: (message, ...args) => logger.warning(`modal: ${line(message, args)}`),
        },
    });
    // Explicit, not the SDK's default (modal@0.11.1 reads MODAL_SANDBOX_V2 or the profile, else V2).
    client.profile.sandboxV2 = resolved.sandboxV2;
    logger.debug(`Modal sandbox backend: ${resolved.sandboxV2 ? 'V2' : 'V1 (MODAL_SANDBOX_V2=0)'}.`);
    return new ModalProvider(client, resolved, { ...DEFAULT_MODAL_TUNING, ...options.tuning }, logger);
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
