export const id = 839;
export const ids = [839];
export const modules = {

/***/ 31839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeGitHub: () => (/* binding */ probeGitHub)
/* harmony export */ });
/* harmony import */ var _deliver_github_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6494);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43091);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27191);
// The preflight's GitHub probes, a chunk of their own: runPreflight (./index.ts) loads it only when the
// output includes a pull request and a token is set.




/** Each probe is short: three attempts within about 3 s, 10 s per request. */
const PROBE_RETRY = { attempts: 3, baseMs: 300, capMs: 1_000, totalMs: 3_000 };
/** Network errors and 5xx are worth another try; any other answer is the answer. */
function transient(error) {
    if (error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
        return { retry: false };
    const status = (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .httpStatus */ .nG)(error);
    return { retry: status === undefined || status >= 500 };
}
/**
 * Called by runPreflight only when the output includes a pull request and a token is set: the token
 * works (`GET /repos/{o}/{r}`), `base-branch` exists, and the token may push.
 */
async function probeGitHub(input) {
    const { settings, context, task, logger } = input;
    const [owner = '', repo = ''] = context.repository.split('/');
    const octokit = await (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .createGitHubClient */ .LX)(settings.githubToken, context.apiUrl, logger);
    const unverified = (what, error) => {
        logger.warning(`Could not check ${what} before starting (${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}); going on.`);
        return 'unverified';
    };
    let tokenStatus = 'passed';
    try {
        await call(() => octokit.rest.repos.get({ owner, repo, request: githubRequest() }));
    }
    catch (error) {
        refuseRepositoryAnswer(error, context.repository);
        tokenStatus = unverified('the github-token', error);
    }
    // A PR comment's base is the PR's head branch, which GitHub has just returned: only the input is probed.
    let baseStatus = 'skipped';
    if (settings.baseBranch && !task.baseBranch) {
        baseStatus = await checkBaseBranch(octokit, owner, repo, settings.baseBranch).catch((error) => {
            if (error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
                throw error;
            return unverified('base-branch', error);
        });
    }
    let pushStatus = 'passed';
    // allow-fork-prs: suggest on a fork PR pushes nothing (a review only): a read-only token is enough.
    const pushes = !(settings.suggestOnForks && task.pull && !task.pull.sameRepo);
    try {
        if (pushes)
            await call(() => probeReceivePack(context.serverUrl, context.repository, settings.githubToken));
        else
            pushStatus = 'skipped';
    }
    catch (error) {
        if (error instanceof _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ)
            throw error;
        pushStatus = unverified('push access', error);
    }
    return [
        { name: 'github-token', status: tokenStatus },
        { name: 'base-branch', status: baseStatus },
        { name: 'push-permission', status: pushStatus },
    ];
}
function call(operation) {
    return (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(operation, { ...PROBE_RETRY, classify: transient });
}
/** Per request: no Octokit retries (withRetry owns them, briefly) and a short timeout. */
function githubRequest() {
    return { retries: 0, timeout: _index_js__WEBPACK_IMPORTED_MODULE_2__/* .PROBE_TIMEOUT_MS */ .W7 };
}
/** 401/403/404 on `GET /repos/{o}/{r}` are answers about the token; anything else returns. */
function refuseRepositoryAnswer(error, repository) {
    const status = (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .httpStatus */ .nG)(error);
    if (status === 401) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('token-invalid', `github-token is invalid or expired (GitHub answered 401 ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}).`, 'Pass a valid token: secrets.GITHUB_TOKEN, or a freshly minted GitHub App token (they expire after one hour).');
    }
    if (status === 404 || status === 403) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('permission-missing', `github-token cannot see ${repository} (GitHub answered ${status} ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}).`, 'Use a token with access to this repository: secrets.GITHUB_TOKEN of this repository, a GitHub App installed on it, or a token with the repo scope.');
    }
}
async function checkBaseBranch(octokit, owner, repo, branch) {
    try {
        await call(() => octokit.rest.repos.getBranch({ owner, repo, branch, request: githubRequest() }));
        return 'passed';
    }
    catch (error) {
        // docs.github.com/rest/branches/branches#get-a-branch: 404 "Branch not found".
        if ((0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .httpStatus */ .nG)(error) === 404) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('base-missing', `The base branch '${branch}' does not exist in ${owner}/${repo}.`, 'Set base-branch to an existing branch, or leave it empty to use the workflow branch or the default branch.');
        }
        throw error;
    }
}
/**
 * Smart-HTTP service discovery for a push (git-scm.com/docs/http-protocol, "Smart Clients":
 * `GET $GIT_URL/info/refs?service=git-receive-pack`), which is where `git push` meets a read-only token:
 * GitHub answers 403 ("Permission to o/r.git denied"), the same as the push would, without writing
 * anything. The token goes in the Authorization header only (basic `x-access-token:<token>`, as the push
 * in deliver/push.ts sends it), never in argv or the URL.
 */
async function probeReceivePack(serverUrl, repository, token) {
    const url = `${serverUrl}/${repository}.git/info/refs?service=git-receive-pack`;
    const response = await fetch(url, {
        headers: {
            authorization: `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
            'user-agent': 'git/2.43.0 (sandbox-agent-action preflight)',
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(_index_js__WEBPACK_IMPORTED_MODULE_2__/* .PROBE_TIMEOUT_MS */ .W7),
    });
    await response.body?.cancel().catch(() => { });
    if (response.ok)
        return;
    if (response.status === 401 || response.status === 403) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('permission-missing', `github-token may not push to ${repository} (HTTP ${response.status} on git-receive-pack).`, 'Give the job `permissions: contents: write` (and `pull-requests: write` for the pull request), or pass a token that can push.');
    }
    throw Object.assign(new Error(`HTTP ${response.status} from ${serverUrl} on git-receive-pack`), {
        status: response.status,
    });
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
