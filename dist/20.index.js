export const id = 20;
export const ids = [20];
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

/***/ 38020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalProvider: () => (/* binding */ LocalProvider)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58382);
/* harmony import */ var _shared_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(87304);
/* harmony import */ var _bounded_download_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(55879);






const PREFIX = 'sandbox-agent-local-';
/**
 * Every process started in a local sandbox carries `SANDBOX_AGENT_LOCAL_SANDBOX=<sandbox root>` (a
 * random path) in its environment, inherited by whatever it starts, `setsid` children included. The
 * delete kills every process that carries it, so nothing the agent left running outlives the sandbox.
 */
const SANDBOX_MARKER = 'SANDBOX_AGENT_LOCAL_SANDBOX';
/**
 * `local`: a temp dir outside the workspace, commands as child processes with the allowlisted env.
 * No isolation: for trusted prompts, demos and the test suite. The sandbox id is the root dir path.
 */
class LocalProvider {
    parentDir;
    name = 'local';
    constructor(parentDir = defaultParent()) {
        this.parentDir = parentDir;
    }
    async create(spec, onCreated) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(this.parentDir, { recursive: true });
        const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.parentDir, PREFIX)));
        await assertOutsideWorkspace(root);
        onCreated(root);
        const paths = { workdir: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'workspace'), scratch: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'scratch') };
        await Promise.all([
            (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(paths.workdir, { recursive: true }),
            (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(paths.scratch, { recursive: true }),
            (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'home'), { recursive: true }),
            (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'tmp'), { recursive: true }),
        ]);
        return new LocalSandbox(root, paths, {
            // The host PATH lets the sandbox find git and sh; nothing else of the runner's env enters.
            PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
            HOME: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'home'),
            TMPDIR: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, 'tmp'),
            LANG: 'C.UTF-8',
            ...spec.env,
            [SANDBOX_MARKER]: root,
        });
    }
    async deleteById(id) {
        if (!isLocalSandboxRoot(id))
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('sandbox-error', `Not a local sandbox path: ${id}`);
        await killSandboxProcesses(id);
        await removeTree(id);
    }
    async list() {
        const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(this.parentDir).catch(() => []);
        const listings = [];
        for (const name of names.filter((n) => n.startsWith(PREFIX))) {
            const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.parentDir, name)).catch(() => null);
            if (info?.isDirectory()) {
                listings.push({ id: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.parentDir, name), labels: {}, createdAt: info.birthtime });
            }
        }
        return listings;
    }
}
class LocalSandbox {
    id;
    paths;
    env;
    provider = 'local';
    deleted = false;
    constructor(id, paths, env) {
        this.id = id;
        this.paths = paths;
        this.env = env;
    }
    async exec(command, options) {
        if (this.deleted)
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('sandbox-error', 'The local sandbox was already deleted.');
        const result = await (0,_shared_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .S)('sh', ['-c', command], {
            cwd: options.cwd ?? this.paths.workdir,
            env: { ...this.env, ...options.env, [SANDBOX_MARKER]: this.id },
            timeoutMs: options.timeoutMs,
            signal: options.signal,
            onStdout: options.onStdout,
            onStderr: options.onStderr,
        });
        return {
            exitCode: result.exitCode,
            stdout: result.stdout,
            stderr: result.stderr,
            timedOut: result.timedOut,
        };
    }
    async upload(localPath, remotePath) {
        const target = this.resolveInside(remotePath);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), { recursive: true });
        // copyFile lets the kernel copy (copy_file_range): a 52 MiB bundle in ~30 ms instead of ~140 ms.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(localPath, target);
    }
    async download(remotePath, localPath, options = {}) {
        const source = this.resolveInside(remotePath);
        const { maxBytes } = options;
        if (maxBytes === undefined) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(localPath), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(source, localPath);
            return;
        }
        // Never more than maxBytes + 1 bytes are read, even from a file that keeps growing: one byte past
        // the limit is enough to refuse it.
        const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(source, 'r').catch((error) => {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('sandbox-error', `Could not read ${remotePath} in the local sandbox: ${error.code ?? error.message}.`);
        });
        await (0,_bounded_download_js__WEBPACK_IMPORTED_MODULE_5__/* .writeDownload */ .A)(file.createReadStream({ end: maxBytes }), localPath, remotePath, maxBytes);
    }
    async delete() {
        this.deleted = true;
        await killSandboxProcesses(this.id);
        await removeTree(this.id);
    }
    /** Sandbox paths are absolute paths under the root; anything else is a programming error. */
    resolveInside(path) {
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(path);
        if (full !== this.id && !full.startsWith(this.id + node_path__WEBPACK_IMPORTED_MODULE_2__.sep)) {
            throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('sandbox-error', `Path ${path} is outside the local sandbox.`);
        }
        return full;
    }
}
/**
 * Kills every process whose environment carries this sandbox's marker (Linux: /proc/<pid>/environ;
 * only our own user's processes are readable, which are the only ones a sandbox can start), and the
 * whole process group of each: a child started with a cleared environment (`env -i sleep 300 &`) has
 * no marker but stays in the agent command's group (every sandbox command is its own group and
 * session, see exec.ts). Our own group is never signalled. Rounds repeat until none is left, so a
 * child forked between the scan and the kill is caught by the next one.
 */
async function killSandboxProcesses(root) {
    if (process.platform !== 'linux')
        return;
    const needle = Buffer.from(`\0${SANDBOX_MARKER}=${root}\0`);
    const ownGroup = await processGroupOf(process.pid);
    for (let round = 0; round < 20; round++) {
        const pids = [];
        const groups = new Set();
        for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)('/proc').catch(() => [])) {
            if (!/^\d+$/.test(name) || Number(name) === process.pid)
                continue;
            const environ = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`/proc/${name}/environ`).catch(() => null);
            // A leading NUL so the first variable matches like the others; a zombie's environ is empty.
            if (environ && Buffer.concat([Buffer.from([0]), environ, Buffer.from([0])]).includes(needle)) {
                pids.push(Number(name));
                const group = await processGroupOf(Number(name));
                if (group !== undefined && group > 1 && group !== ownGroup)
                    groups.add(group);
            }
        }
        if (pids.length === 0)
            return;
        for (const target of [...[...groups].map((group) => -group), ...pids]) {
            try {
                process.kill(target, 'SIGKILL');
            }
            catch {
                // Already gone.
            }
        }
        await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
}
/** The process group id (field 5 of /proc/<pid>/stat, read after the `)` that ends the command name). */
async function processGroupOf(pid) {
    const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const group = Number(fields[2]);
    return Number.isInteger(group) ? group : undefined;
}
/**
 * `rm -rf` takes half the CPU of Node's recursive rm on a checkout of 20,000 files (0.24 s vs 0.5 s);
 * Node's is the fallback where there is no `rm`. `path` is an absolute sandbox root we created.
 */
async function removeTree(path) {
    const result = await (0,_shared_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .execFile */ .S)('rm', ['-rf', '--', path], {
        env: { PATH: process.env['PATH'] ?? '' },
        timeoutMs: 120_000,
    }).catch(() => null);
    if (result?.exitCode !== 0)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(path, { recursive: true, force: true });
}
function defaultParent() {
    return process.env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
}
function isLocalSandboxRoot(path) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path).startsWith(PREFIX) && (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(path) === path;
}
async function assertOutsideWorkspace(root) {
    const workspace = process.env['GITHUB_WORKSPACE'];
    if (!workspace)
        return;
    const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(workspace).catch(() => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace));
    if (root === real || root.startsWith(real + node_path__WEBPACK_IMPORTED_MODULE_2__.sep)) {
        throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('sandbox-error', `The local sandbox ${root} would be inside the workspace ${real}.`, 'Point RUNNER_TEMP outside GITHUB_WORKSPACE.');
    }
}


/***/ })

};
