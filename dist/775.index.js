export const id = 775;
export const ids = [775];
export const modules = {

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


/***/ })

};
