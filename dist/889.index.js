export const id = 889;
export const ids = [889];
export const modules = {

/***/ 83889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Y: () => (/* binding */ verifyPatch)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/policy/caps.ts
var caps = __webpack_require__(15845);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(58382);
// EXTERNAL MODULE: ./src/shared/git.ts
var shared_git = __webpack_require__(84025);
// EXTERNAL MODULE: ./src/shared/inline-code.ts
var inline_code = __webpack_require__(25156);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/deliver/expansion.ts



/** A line longer than this is kept only up to here: headers and hunk headers are short. */
const LINE_KEEP = 1024;
/** Compressed bytes of a delta hunk read to find its result size (a dynamic Huffman header fits). */
const DELTA_HEAD_BYTES = 1024;
/** `Content-Transfer-Encoding` values git mailinfo leaves as they are. */
const IDENTITY_ENCODINGS = new Set(['', '7bit', '8bit', 'binary']);
/** Reads the mbox once and refuses it (`patch-too-large`) when its binary hunks would expand past `budget`. */
async function assertExpansionWithin(mboxPath, budget, what) {
    const scan = await scanMbox(mboxPath, budget);
    if (scan.binaryBytes > budget) {
        throw new errors/* ActionError */.lZ('patch-too-large', `The patch's binary hunks declare ${describeBytes(scan.binaryBytes)} once inflated, over the expansion budget of ${budget} bytes (${what}); it was not applied.`, 'Ask for a smaller change; large binary files belong in Git LFS or a release asset, not in the patch.');
    }
    return scan;
}
function describeBytes(n) {
    return Number.isFinite(n) ? `${n} bytes` : 'more bytes than fit in 64 bits';
}
/** Scans the mbox; stops early (returning the sum so far) once the sum passes `stopAbove`. */
async function scanMbox(mboxPath, stopAbove = Number.POSITIVE_INFINITY) {
    const scanner = new MboxScanner();
    const stream = (0,external_node_fs_.createReadStream)(mboxPath, { highWaterMark: 256 * 1024 });
    let line = [];
    let lineBytes = 0;
    try {
        for await (const chunk of stream) {
            let start = 0;
            for (;;) {
                const newline = chunk.indexOf(0x0a, start);
                const end = newline === -1 ? chunk.length : newline;
                if (lineBytes < LINE_KEEP && end > start) {
                    const piece = chunk.subarray(start, Math.min(end, start + LINE_KEEP - lineBytes));
                    line.push(piece);
                    lineBytes += piece.length;
                }
                if (newline === -1)
                    break;
                scanner.line(Buffer.concat(line, lineBytes).toString('latin1'));
                line = [];
                lineBytes = 0;
                start = newline + 1;
            }
            if (scanner.binaryBytes > stopAbove)
                break;
        }
        if (lineBytes > 0)
            scanner.line(Buffer.concat(line, lineBytes).toString('latin1'));
        scanner.end();
    }
    finally {
        stream.destroy();
    }
    return { binaryBytes: scanner.binaryBytes, binaryHunks: scanner.binaryHunks };
}
/** A line-at-a-time reader of git's mbox and binary-patch grammar (mailsplit, mailinfo, apply.c). */
class MboxScanner {
    binaryBytes = 0;
    binaryHunks = 0;
    section = 'headers';
    headers = [];
    binary = 'none';
    delta;
    deltaBytes = 0;
    line(raw) {
        // git matches some lines with their CR (--keep-cr); matching without it is the cautious reading.
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.startsWith('From ')) {
            // mboxrd quotes body lines that start with "From ", so this always starts a new message.
            this.endHunk();
            this.binary = 'none';
            this.section = 'headers';
            this.headers = [];
            return;
        }
        if (this.section === 'headers') {
            if (line === '') {
                this.checkHeaders();
                this.section = 'body';
            }
            else if (/^[ \t]/.test(line) && this.headers.length > 0) {
                this.headers[this.headers.length - 1] += ` ${line.trim()}`;
            }
            else {
                this.headers.push(line);
            }
            return;
        }
        this.bodyLine(line);
    }
    end() {
        if (this.section === 'headers')
            this.checkHeaders();
        this.endHunk();
    }
    bodyLine(line) {
        if (this.binary === 'data') {
            if (line === '') {
                this.endHunk();
                this.binary = 'expect-hunk';
            }
            else if (this.delta && this.deltaBytes < DELTA_HEAD_BYTES) {
                const bytes = decodeBase85Line(line);
                if (bytes) {
                    this.delta.push(bytes);
                    this.deltaBytes += bytes.length;
                }
            }
            return;
        }
        if (this.binary === 'expect-hunk') {
            const literal = line.startsWith('literal ');
            if (literal || line.startsWith('delta ')) {
                this.binaryHunks++;
                this.binaryBytes += strtoul(line.slice(literal ? 8 : 6));
                this.delta = literal ? undefined : [];
                this.deltaBytes = 0;
                this.binary = 'data';
                return;
            }
            this.binary = 'none';
        }
        if (line === 'GIT binary patch')
            this.binary = 'expect-hunk';
    }
    /** A delta also allocates its result, whose size is the second varint of the inflated delta. */
    endHunk() {
        if (this.delta) {
            this.binaryBytes += deltaResultSize(Buffer.concat(this.delta));
            this.delta = undefined;
        }
    }
    /** The capture's format-patch output is plain text: anything git mailinfo would decode first is refused. */
    checkHeaders() {
        for (const header of this.headers) {
            const colon = header.indexOf(':');
            if (colon === -1)
                continue;
            const name = header.slice(0, colon).trim().toLowerCase();
            const value = header
                .slice(colon + 1)
                .trim()
                .toLowerCase();
            const encoded = name === 'content-transfer-encoding' && !IDENTITY_ENCODINGS.has(value);
            const reshaped = name === 'content-type' && (value.includes('multipart/') || /format\s*=\s*"?flowed/.test(value));
            if (encoded || reshaped) {
                throw new errors/* ActionError */.lZ('apply-failed', `The mbox has a message with "${header.slice(0, 120)}", which the capture never produces: git would decode it before reading its hunks, so it was not applied.`, 'The mbox was tampered with; nothing was delivered from it.');
            }
        }
    }
}
/** C `strtoul(s, NULL, 10)` as apply.c reads a hunk size; a negative or overflowing one is unbounded. */
function strtoul(text) {
    const match = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text);
    const digits = (match?.[2] ?? '').replace(/^0+/, '');
    if (digits === '')
        return 0;
    if (match?.[1] === '-' || digits.length > 15)
        return Number.POSITIVE_INFINITY;
    return Number(digits);
}
const BASE85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const BASE85_VALUE = new Map([...BASE85].map((c, i) => [c, i]));
/** One data line of a binary hunk: a length letter (A-Z 1-26, a-z 27-52), then base85 (git base85.c). */
function decodeBase85Line(line) {
    const first = line.charCodeAt(0);
    const length = first >= 65 && first <= 90 ? first - 64 : first >= 97 && first <= 122 ? first - 96 + 26 : 0;
    if (length === 0)
        return undefined;
    const out = Buffer.alloc(Math.ceil(length / 4) * 4);
    for (let group = 0; group * 4 < length; group++) {
        let value = 0;
        for (let i = 0; i < 5; i++) {
            const digit = BASE85_VALUE.get(line[1 + group * 5 + i] ?? '');
            if (digit === undefined)
                return undefined;
            value = value * 85 + digit;
        }
        if (value > 0xffffffff)
            return undefined;
        out.writeUInt32BE(value, group * 4);
    }
    return out.subarray(0, length);
}
/**
 * The result size a git delta declares (its second varint, delta.h `get_delta_hdr_size`), read from the
 * start of the deflated hunk. A delta whose start cannot be read counts as unbounded: git would fail on
 * it anyway, and we cannot tell what it would allocate first.
 */
function deltaResultSize(deflated) {
    let inflated;
    try {
        inflated = (0,external_node_zlib_.inflateSync)(deflated, { finishFlush: external_node_zlib_.constants.Z_SYNC_FLUSH });
    }
    catch {
        return Number.POSITIVE_INFINITY;
    }
    let offset = 0;
    const varint = () => {
        let value = 0;
        let scale = 1;
        for (;;) {
            const byte = inflated[offset++];
            if (byte === undefined)
                return undefined;
            value += (byte & 0x7f) * scale;
            scale *= 128;
            if ((byte & 0x80) === 0)
                return value;
            if (scale > 2 ** 70)
                return Number.POSITIVE_INFINITY;
        }
    };
    if (varint() === undefined)
        return Number.POSITIVE_INFINITY;
    return varint() ?? Number.POSITIVE_INFINITY;
}

// EXTERNAL MODULE: ./src/shared/exec.ts
var exec = __webpack_require__(87304);
;// CONCATENATED MODULE: ./src/deliver/limited-git.ts


/**
 * Second layer behind the mbox scan: `git am` runs under rlimits so a hunk the scan did not see still
 * cannot write a file past the budget (RLIMIT_FSIZE, SIGXFSZ) or allocate without bound (RLIMIT_AS).
 * Arguments reach git as argv ("$@"), never through the script text. `ulimit -v` is not in every `sh`
 * (macOS refuses it): the file-size limit still holds there. git is not `exec`ed, so a git killed by
 * SIGXFSZ comes back as the shell's 128 + 25.
 */
const LIMITED_GIT = [
    'ulimit -f "$1" 2>/dev/null || :',
    'ulimit -v "$2" 2>/dev/null || :',
    'shift 2',
    // Not the last command, so dash does not turn it into an exec.
    'git "$@"',
    'exit "$?"',
].join('\n');
/** The index of a large checkout is written too; below this the file limit would stop honest runs. */
const MIN_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Address space git needs besides what it inflates: its code, malloc arenas, the pack windows and the
 * pack indexes, which are mapped whole (a very large repository's .idx files reach hundreds of MiB).
 * Generous on purpose: the mbox scan is the real bound; this layer only stops unbounded growth.
 */
const BASE_ADDRESS_SPACE = 2 * 1024 * 1024 * 1024;
/** Pack windows mapped at once stay small under the address-space limit (git unmaps the oldest). */
const PACK_CONFIG = ['core.packedGitWindowSize=16m', 'core.packedGitLimit=128m'];
const SIGXFSZ_EXIT = 128 + 25;
function limitsFor(budget) {
    return {
        fileBlocks: Math.ceil(Math.max(budget, MIN_FILE_BYTES) / 512),
        addressKiB: Math.ceil((BASE_ADDRESS_SPACE + 2 * budget) / 1024),
    };
}
async function runLimitedGit(git, args, options) {
    const { fileBlocks, addressKiB } = limitsFor(options.budget);
    const config = [...git.options.config, ...PACK_CONFIG].flatMap((entry) => ['-c', entry]);
    const result = await (0,exec/* execFile */.S)('sh', ['-c', LIMITED_GIT, 'sh', String(fileBlocks), String(addressKiB), ...config, ...args], {
        cwd: git.cwd,
        env: git.options.env,
        timeoutMs: git.options.timeoutMs ?? shared_git/* GIT_TIMEOUT_MS */.eS,
        ...(options.input ? { input: options.input } : {}),
    });
    const limitHit = result.exitCode === SIGXFSZ_EXIT ||
        /out of memory|cannot allocate memory|file too large|mmap failed/i.test(result.stderr);
    return { ...result, limitHit };
}

;// CONCATENATED MODULE: ./src/deliver/verify.ts








/** A sparse-checkout pattern no path matches: the base is checked out with every entry skip-worktree. */
const NO_PATHS = '/.sandbox-agent-verify-writes-no-files\n';
/**
 * Verification reads git objects only, so the working tree is scratch space for `git am`. Checking out
 * the whole base would write every file of the checkout (20,000 files took 2 to 18 s on one runner
 * disk) for nothing. With every entry skip-worktree, `git apply` checks out each file a patch touches
 * from the index before applying to it (apply.c `checkout_target`), so the result is the same tree a
 * full checkout gives; the fidelity suite runs through this path.
 */
async function startSparse(git, repoDir) {
    await git.run(['config', 'core.sparseCheckout', 'true']);
    await git.run(['config', 'core.sparseCheckoutCone', 'false']);
    // Otherwise every index read lstat()s each skip-worktree path to see whether it reappeared: 20,000
    // failing lstat calls per patch, 1 million for a 50-commit mbox.
    await git.run(['config', 'sparse.expectFilesOutsideOfPatterns', 'true']);
    await (0,promises_.mkdir)((0,external_node_path_.join)(repoDir, '.git', 'info'), { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(repoDir, '.git', 'info', 'sparse-checkout'), NO_PATHS);
}
/**
 * Applies the mbox in a fresh repository with isolated git config (SPEC §6; research D13) and checks it
 * against git's own view: same base, same commit count, identical `HEAD^{tree}`. The repository borrows
 * the checkout's objects through `alternates`; nothing of the workspace is read or written.
 */
async function verifyPatch(input) {
    await (0,promises_.rm)(input.workDir, { recursive: true, force: true });
    const repoDir = (0,external_node_path_.join)(input.workDir, 'repo');
    await (0,promises_.mkdir)(repoDir, { recursive: true });
    const git = await (0,shared_git/* isolatedGit */.QY)(repoDir, (0,external_node_path_.join)(input.workDir, 'home'), input.identity ?? shared_git/* BOT_IDENTITY */.br);
    const close = () => (0,promises_.rm)(input.workDir, { recursive: true, force: true });
    try {
        await git.run(['init', '--quiet', '--template=', '.']);
        await (0,promises_.writeFile)((0,external_node_path_.join)(repoDir, '.git', 'objects', 'info', 'alternates'), `${input.objectsDir}\n`);
        // The checkout is usually shallow; declaring the base shallow keeps history walks from leaving it.
        await (0,promises_.writeFile)((0,external_node_path_.join)(repoDir, '.git', 'shallow'), `${input.baseSha}\n`);
        if (!(await git.tryRun(['cat-file', '-e', `${input.baseSha}^{commit}`]))) {
            throw new errors/* ActionError */.lZ('apply-failed', `The base commit ${input.baseSha} is not in the local repository.`, 'Fetch it first (git fetch origin <sha>) and retry.');
        }
        await startSparse(git, repoDir);
        await git.run(['checkout', '--quiet', '--detach', input.baseSha, '--']);
        const budget = input.maxPatchBytes === undefined ? caps/* DEFAULT_EXPANSION_BUDGET */.m0 : caps/* EXPANSION_FACTOR */.cr * input.maxPatchBytes;
        await assertExpansionWithin(input.mboxPath, budget, `${caps/* EXPANSION_FACTOR */.cr} × max-patch-bytes`);
        const am = await runLimitedGit(git, ['am', '--quiet', '--keep-cr', '--patch-format=mboxrd', '--empty=stop', '--no-3way', '--no-gpg-sign'], { input: { file: input.mboxPath }, budget });
        if (am.limitHit) {
            await git.exec(['am', '--abort']);
            throw new errors/* ActionError */.lZ('patch-too-large', `Applying the patch went past the expansion budget of ${budget} bytes (${caps/* EXPANSION_FACTOR */.cr} × max-patch-bytes) and was stopped.`, 'Ask for a smaller change; large binary files belong in Git LFS or a release asset, not in the patch.');
        }
        if (am.exitCode !== 0) {
            await git.exec(['am', '--abort']);
            const detail = (am.stderr || am.stdout).trim().split('\n').slice(0, 3).join(' ');
            throw new errors/* ActionError */.lZ('apply-failed', `The patch does not apply to the base commit: ${(0,inline_code/* inlineCode */.t)(detail, 300)}`, 'Nothing was delivered from it; the action keeps it under out-dir/quarantine for inspection.');
        }
        const headSha = await git.run(['rev-parse', '--verify', 'HEAD']);
        const headTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
        const commits = Number(await git.run(['rev-list', '--count', `${input.baseSha}..HEAD`, '--']));
        if (commits !== input.meta.commits || headTree !== input.meta.head_tree) {
            throw new errors/* ActionError */.lZ('tree-mismatch', `The applied patch does not match the sandbox: ${commits} commit(s) and tree ${headTree.slice(0, 12)} ` +
                `on the runner, ${input.meta.commits} commit(s) and tree ${input.meta.head_tree.slice(0, 12)} in the sandbox.`, 'The mbox may have been tampered with or produced under hostile settings; nothing was delivered from it.');
        }
        const names = await git.run([
            'diff-tree',
            '-r',
            '--no-renames',
            '--name-only',
            '-z',
            input.baseSha,
            'HEAD',
            '--',
        ]);
        const filesChanged = names.split('\0').filter(Boolean).length;
        return { git, repoDir, baseSha: input.baseSha, headSha, headTree, commits, filesChanged, close };
    }
    catch (error) {
        await close();
        throw error;
    }
}


/***/ }),

/***/ 15845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cr: () => (/* binding */ EXPANSION_FACTOR),
/* harmony export */   jZ: () => (/* binding */ capFindings),
/* harmony export */   m0: () => (/* binding */ DEFAULT_EXPANSION_BUDGET)
/* harmony export */ });
/* unused harmony export MAX_BLOB_BYTES */
/* harmony import */ var _entries_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96622);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63943);


/** GitHub rejects blobs over 100 MB (GH001). */
const MAX_BLOB_BYTES = 100 * 1024 * 1024;
/**
 * Bytes the patch may add once expanded, as a multiple of max-patch-bytes. Text diffs carry their added
 * bytes literally, so only deflated binary patches (zip-bomb style, ~1000× for zeros) can come close.
 */
const EXPANSION_FACTOR = 10;
/** The budget at the default max-patch-bytes (4 MiB), for callers without settings (the CLI). */
const DEFAULT_EXPANSION_BUDGET = EXPANSION_FACTOR * 4 * 1024 * 1024;
/**
 * Caps (SPEC §6, research D9). Over max-files or max-commits the work is still reviewable, so it goes
 * out as an artifact (`fallback`); an mbox over max-patch-bytes, a blob over 100 MB or a patch that
 * expands past the limit is refused: nothing that large should be pushed or uploaded.
 */
async function capFindings(input) {
    const { caps, entries } = input;
    const findings = [];
    const cap = (detail, effect, path) => ({
        rule: 'cap',
        reason: 'patch-too-large',
        detail,
        effect,
        ...(path === undefined ? {} : { path: (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .showPath */ .P)(path) }),
    });
    if (input.mboxBytes > caps.maxPatchBytes) {
        findings.push(cap(`The patch is ${input.mboxBytes} bytes, over max-patch-bytes (${caps.maxPatchBytes}).`, 'refuse'));
    }
    const files = new Set(entries.map((e) => e.path)).size;
    if (files > caps.maxFiles) {
        findings.push(cap(`The patch changes ${files} files, over max-files (${caps.maxFiles}).`, 'fallback'));
    }
    if (input.commits > caps.maxCommits) {
        findings.push(cap(`The patch has ${input.commits} commits, over max-commits (${caps.maxCommits}).`, 'fallback'));
    }
    // Expanded sizes from git (`cat-file --batch-check`), per commit: each intermediate blob is pushed too.
    const sizes = await blobSizes(input.git, entries);
    let added = 0;
    const reported = new Set();
    for (const entry of entries) {
        const newSize = sizes.get(entry.newSha) ?? 0;
        const oldSize = sizes.get(entry.oldSha) ?? 0;
        added += Math.max(0, newSize - oldSize);
        if (newSize > MAX_BLOB_BYTES && !reported.has(entry.newSha)) {
            reported.add(entry.newSha);
            findings.push(cap(`${(0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .codePath */ .X)(entry.path)} is ${newSize} bytes, over GitHub's 100 MB file limit.`, 'refuse', entry.path));
        }
    }
    const limit = EXPANSION_FACTOR * caps.maxPatchBytes;
    if (added > limit) {
        findings.push(cap(`The patch expands to ${added} added bytes, over ${limit} (${EXPANSION_FACTOR} × max-patch-bytes).`, 'refuse'));
    }
    return findings;
}
/** Blob sizes by object id (gitlinks name commits of other repositories and are skipped). */
async function blobSizes(git, entries) {
    const shas = new Set();
    for (const e of entries) {
        if (e.newMode !== '160000' && !_entries_js__WEBPACK_IMPORTED_MODULE_1__/* .NULL_SHA */ .N.test(e.newSha))
            shas.add(e.newSha);
        if (e.oldMode !== '160000' && !_entries_js__WEBPACK_IMPORTED_MODULE_1__/* .NULL_SHA */ .N.test(e.oldSha))
            shas.add(e.oldSha);
    }
    const sizes = new Map();
    if (shas.size === 0)
        return sizes;
    const out = await git.run(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], {
        input: `${[...shas].join('\n')}\n`,
    });
    for (const line of out.split('\n')) {
        const [sha, type, size] = line.split(' ');
        if (sha && type === 'blob')
            sizes.set(sha, Number(size));
    }
    return sizes;
}


/***/ }),

/***/ 96622:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ readEntries),
/* harmony export */   N: () => (/* binding */ NULL_SHA)
/* harmony export */ });
const NULL_SHA = /^0+$/;
/**
 * Every change of every commit in base..HEAD, from git's own view (never the mbox text). Per commit,
 * not just base..HEAD: a pushed branch and the mbox carry each intermediate commit, so a symlink or a
 * huge blob that a later commit removes still goes out. `--no-renames` lists both sides of a rename.
 */
async function readEntries(git, baseSha) {
    const commits = (await git.run(['rev-list', '--reverse', '--no-merges', `${baseSha}..HEAD`, '--']))
        .split('\n')
        .filter(Boolean);
    if (commits.length === 0)
        return [];
    const raw = await git.run(['diff-tree', '--stdin', '-r', '-z', '--raw', '--no-renames', '--no-abbrev'], {
        input: `${commits.join('\n')}\n`,
    });
    const tokens = raw.split('\0');
    const entries = [];
    let commit = '';
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (!token.startsWith(':')) {
            // A commit header line (`<sha>`, sometimes with a trailing newline); empty tokens end the stream.
            if (token.trim())
                commit = token.trim();
            continue;
        }
        const [oldMode = '', newMode = '', oldSha = '', newSha = '', status = ''] = token.slice(1).split(' ');
        const path = tokens[++i] ?? '';
        entries.push({ commit, oldMode, newMode, oldSha, newSha, status, path });
    }
    return entries;
}


/***/ }),

/***/ 63943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ showPath),
/* harmony export */   X: () => (/* binding */ codePath)
/* harmony export */ });
/* harmony import */ var _shared_inline_code_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25156);

/** Shows a path safely in logs and Markdown: control characters escaped, never raw. */
function showPath(path) {
    return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}
/** A path as it is quoted in a finding's `detail`: `showPath` in a code span, inert in Markdown. */
function codePath(path) {
    return (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .t)(showPath(path), 300);
}


/***/ }),

/***/ 25156:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ inlineCode)
/* harmony export */ });
/* harmony import */ var _invisible_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77970);

/**
 * Text the agent chose (a path, a stderr tail) quoted as one Markdown code span that cannot be broken
 * out of: the fence is one backtick longer than the longest backtick run inside, line breaks and other
 * control or invisible characters become a visible `�`, and the text is capped. GitHub renders a code
 * span literally: no links, images, HTML, mentions or issue references. In the log it reads as a quote.
 */
function inlineCode(text, maxChars = 200) {
    let clean = text.replace(_invisible_js__WEBPACK_IMPORTED_MODULE_0__/* .INVISIBLE_OR_LINE_BREAK */ .N, '\uFFFD');
    const characters = Array.from(clean);
    if (characters.length > maxChars)
        clean = `${characters.slice(0, maxChars).join('')}…`;
    if (!clean)
        return '` `';
    const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    // A span that starts or ends with a backtick needs a space, and CommonMark strips one space from
    // each side when both are there: pad so the content comes out exactly.
    const pad = /^[` ]|[` ]$/.test(clean) && /[^ ]/.test(clean) ? ' ' : '';
    return `${fence}${pad}${clean}${pad}${fence}`;
}


/***/ }),

/***/ 77970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ INVISIBLE_OR_LINE_BREAK),
/* harmony export */   k: () => (/* binding */ INVISIBLE)
/* harmony export */ });
/**
 * The one definition of the characters a reader cannot see. Untrusted text (an issue body quoted into
 * the prompt, the agent's summary, a path it chose) can hide instructions or a different name in them,
 * so every place that shows or forwards such text removes them (or makes them visible).
 */
/** Zero-width and invisible formatting characters (incl. soft hyphen, word joiner, BOM, Hangul fillers). */
const ZERO_WIDTH = '\\u034F\\u00AD\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200D\\u2060-\\u2064\\u3164\\uFEFF\\uFFA0';
/** Bidirectional controls (embedding, override, isolates, marks). */
const BIDI = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** Unicode tag characters U+E0000–U+E007F (invisible ASCII smuggling). */
const TAGS = '\\u{E0000}-\\u{E007F}';
/** Variation selectors VS1–16 and VS17–256 (they can smuggle bytes after any character too). */
const VARIATION = '\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';
/** C0 and C1 controls other than tab and newline, and the line and paragraph separators. */
const CONTROLS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u2028\\u2029';
/** Tab and newline: kept where text may span lines. */
const LINE_BREAKS = '\\t\\n';
/**
 * Zero-width, bidi, tag and variation-selector characters, and controls other than tab and newline.
 * Global: use it with `replace`/`replaceAll` (`test` would keep state between calls).
 */
const INVISIBLE = new RegExp(`[${ZERO_WIDTH}${BIDI}${TAGS}${VARIATION}${CONTROLS}]`, 'gu');
/** `INVISIBLE` plus every line break and tab: for text that must stay on one line. */
const INVISIBLE_OR_LINE_BREAK = new RegExp(`[${ZERO_WIDTH}${BIDI}${TAGS}${VARIATION}${CONTROLS}${LINE_BREAKS}]`, 'gu');


/***/ })

};
