export const id = 614;
export const ids = [614];
export const modules = {

/***/ 789:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jx: () => (/* binding */ renderQuote),
/* harmony export */   NS: () => (/* binding */ renderAgentSummarySection),
/* harmony export */   PP: () => (/* binding */ hostsOf),
/* harmony export */   e4: () => (/* binding */ renderMessage),
/* harmony export */   uD: () => (/* binding */ renderExcerpt)
/* harmony export */ });
/* unused harmony export sanitizeAgentMarkdown */
/* harmony import */ var _shared_inline_code_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25156);
/**
 * Text that becomes GitHub Markdown (the job summary, the tracking comment, the PR body) and was not
 * written by us: the agent's own account of its work, the task prompt, and our messages where they
 * quote agent paths or stderr. The agent is hostile, so that text must not: close issues (`Fixes #1`),
 * ping people (`@user`, `@org/team`), load images or link to hosts we do not vouch for (tracking pixels,
 * phishing), carry raw HTML (hidden text, fake UI), issue slash commands to bots that read PR bodies, or
 * grow without bound. It is parsed with a real Markdown parser and written back from the rewritten
 * tree (see `markdown.ts`), never patched with regular expressions. Code spans and fenced code are kept
 * as written: GitHub renders them literally and ignores mentions and references in them.
 *
 * The parser is a chunk of its own, imported on first use.
 */

const DEFAULT_MAX = 6000;
const DEFAULT_HOSTS = ['github.com'];
let loading;
const loadMarkdown = () => {
    loading ??= Promise.all(/* import() */[__webpack_require__.e(693), __webpack_require__.e(824)]).then(__webpack_require__.bind(__webpack_require__, 71824));
    return loading;
};
/** `### What the agent did` and the sanitized summary, or '' when nothing is left to show. */
async function renderAgentSummarySection(summary, options = {}) {
    const body = await sanitizeAgentMarkdown(summary, options);
    if (!body)
        return '';
    return `### ${options.heading ?? 'What the agent did'}\n\n${body}\n`;
}
/** Untrusted Markdown made inert, keeping its formatting (see the module comment). */
function sanitizeAgentMarkdown(summary, options = {}) {
    return renderUntrusted(summary, options.maxChars ?? DEFAULT_MAX, options.allowedHosts, false, (cut) => cut > 0 ? `… summary truncated (${cut} more characters).` : undefined);
}
/** Untrusted Markdown (the task prompt) as a block quote, made inert the same way, capped. */
function renderQuote(text, maxChars) {
    return renderUntrusted(text, maxChars, undefined, true, (cut) => (cut > 0 ? '… (truncated)' : undefined));
}
async function renderUntrusted(text, maxChars, allowedHosts = DEFAULT_HOSTS, quote, note) {
    const { text: kept, cut } = cap(text.replace(/\r\n?/g, '\n'), maxChars);
    if (!kept.trim())
        return '';
    const markdown = await loadMarkdown();
    const hosts = allowedHosts.map((host) => host.toLowerCase());
    try {
        return markdown.renderUntrusted(kept, hosts, { quote, note: note(cut) });
    }
    catch {
        // Whatever the parser or writer chokes on is shown as code, never as Markdown.
        const block = codeBlock(markdown.stripInvisible(kept));
        return quote ? block.replace(/^/gm, '> ') : block;
    }
}
/**
 * Our own sentence (`RunResult.message`) as Markdown: plain text and inline code only. Messages quote
 * agent paths and stderr tails (as code spans, `inlineCode`); anything else Markdown-like in them comes
 * out as escaped text, and mentions and closing keywords are neutralized. A bare URL to one of
 * `linkHosts` (our compare link on the GitHub server) stays a link.
 */
async function renderMessage(message, linkHosts = []) {
    if (!message.trim())
        return '';
    const markdown = await loadMarkdown();
    try {
        return markdown.serializeMarkdown({
            type: 'root',
            children: [markdown.flattenToParagraph(message, linkHosts)],
        });
    }
    catch {
        return (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .t)(message, 2_000);
    }
}
/** One line of untrusted text (the task's first line) as inert italics, capped; '' when empty. */
async function renderExcerpt(text, maxChars = 120) {
    const characters = Array.from(text.replace(/\s+/g, ' ').trim());
    if (characters.length === 0)
        return '';
    const kept = characters.length > maxChars ? `${characters.slice(0, maxChars - 1).join('')}…` : characters.join('');
    const markdown = await loadMarkdown();
    try {
        return markdown.emphasizedLine(kept);
    }
    catch {
        return (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_0__/* .inlineCode */ .t)(kept, maxChars);
    }
}
/** The host of one of our own URLs, for `renderMessage`'s `linkHosts`; none when it does not parse. */
function hostsOf(url) {
    if (!url)
        return [];
    try {
        return [new URL(url).hostname.toLowerCase()];
    }
    catch {
        return [];
    }
}
/** A fenced code block its content cannot close. */
function codeBlock(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}text\n${text}\n${fence}`;
}
function cap(text, max) {
    if (text.length <= max)
        return { text, cut: 0 };
    const slice = text.slice(0, max);
    const lineEnd = slice.lastIndexOf('\n');
    const kept = lineEnd > max / 2 ? slice.slice(0, lineEnd) : slice;
    return { text: kept, cut: text.length - kept.length };
}


/***/ }),

/***/ 79033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ quarantineUnverified),
/* harmony export */   W: () => (/* binding */ UNVERIFIED_REASONS)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** Failures that mean the mbox is not the work the sandbox verified: the summary never offers it as a patch. */
const UNVERIFIED_REASONS = new Set(['tree-mismatch', 'apply-failed']);
/**
 * Moves a rejected mbox and its meta out of the outputs, to `<out-dir>/quarantine/<name>.rejected`, and
 * clears `patchPath`/`metaPath`, so neither the outputs nor the summary point at unverified work. The
 * files are kept for debugging only; nothing uploads them. If they cannot be moved they are deleted.
 */
async function quarantineUnverified(facts, outDir, logger) {
    const files = [facts.patchPath, facts.metaPath].filter((f) => Boolean(f));
    delete facts.patchPath;
    delete facts.metaPath;
    if (files.length === 0)
        return;
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outDir, 'quarantine');
    const moved = [];
    for (const file of files) {
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(file)}.rejected`);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(file, target);
            moved.push(target);
        }
        catch {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(file, { force: true });
        }
    }
    if (moved.length > 0) {
        logger.warning(`The patch was not verified, so it is not an output and was not uploaded; for debugging only, it was moved to ${moved.join(' and ')}.`);
    }
}


/***/ }),

/***/ 31614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  capturePatch: () => (/* reexport */ capturePatch),
  checkPolicy: () => (/* reexport */ checkPolicy),
  deliver: () => (/* reexport */ deliver),
  keepWorkAfterFailure: () => (/* reexport */ keepWorkAfterFailure),
  quarantineUnverified: () => (/* reexport */ quarantine/* quarantineUnverified */.E),
  runAgent: () => (/* reexport */ runAgent),
  stageRepository: () => (/* reexport */ stageRepository),
  verifyPatch: () => (/* reexport */ verify/* verifyPatch */.Y)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/sandbox/env.ts
var sandbox_env = __webpack_require__(27072);
// EXTERNAL MODULE: ./src/shared/errors.ts
var errors = __webpack_require__(58382);
// EXTERNAL MODULE: ./src/agent/ready.ts
var ready = __webpack_require__(9158);
;// CONCATENATED MODULE: ./src/agent/transcript.ts
/** Raw transcripts larger than this are cut (the rest is still rendered into the log). */
const RAW_LIMIT = 32 * 1024 * 1024;
/** A line longer than this cannot be one JSON event we render; it is shown (cut) as text. */
const LINE_LIMIT = 4 * 1024 * 1024;
class TranscriptRecorder {
    reader;
    emit;
    raw = [];
    rawBytes = 0;
    rawCut = false;
    pending = '';
    decoder = new TextDecoder('utf-8');
    constructor(reader, emit) {
        this.reader = reader;
        this.emit = emit;
    }
    write(chunk) {
        const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
        this.keepRaw(text);
        this.pending += text;
        let index = this.pending.indexOf('\n');
        while (index !== -1) {
            this.line(this.pending.slice(0, index));
            this.pending = this.pending.slice(index + 1);
            index = this.pending.indexOf('\n');
        }
        if (this.pending.length > LINE_LIMIT) {
            this.emit(this.pending.slice(0, 4096));
            this.pending = '';
        }
    }
    end() {
        const rest = this.decoder.decode();
        if (rest)
            this.write(rest);
        if (this.pending)
            this.line(this.pending);
        this.pending = '';
        for (const line of this.reader.flush())
            this.emit(line);
    }
    /** The raw stream as received (JSON lines), with a marker if it was cut. */
    rawText() {
        return this.raw.join('') + (this.rawCut ? '\n{"type":"sandbox-agent.truncated"}\n' : '');
    }
    line(raw) {
        const line = raw.replace(/\r$/, '');
        if (!line.trim())
            return;
        const event = parseObject(line);
        if (!event) {
            this.emit(line);
            return;
        }
        let lines;
        try {
            lines = this.reader.event(event);
        }
        catch {
            // An event of an unexpected shape is skipped in the log; it stays in the raw transcript.
            lines = [];
        }
        for (const out of lines)
            this.emit(out);
    }
    keepRaw(text) {
        if (this.rawCut)
            return;
        const bytes = Buffer.byteLength(text);
        if (this.rawBytes + bytes > RAW_LIMIT) {
            this.rawCut = true;
            return;
        }
        this.rawBytes += bytes;
        this.raw.push(text);
    }
}
function parseObject(line) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{'))
        return undefined;
    try {
        const value = JSON.parse(trimmed);
        return isObject(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
// ---- helpers for the preset readers -------------------------------------------------------------
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function obj(value) {
    return isObject(value) ? value : {};
}
function str(value) {
    return typeof value === 'string' ? value : undefined;
}
function num(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function list(value) {
    return Array.isArray(value) ? value : [];
}
/** Multi-line text as log lines (blank lines dropped). */
function textLines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trimEnd())
        .filter((l) => l.trim().length > 0);
}
/** One log line for a tool call: `→ Name: detail`, newlines folded, cut at 200 characters. */
function toolLine(name, detail) {
    const oneLine = (detail ?? '').replace(/\s+/g, ' ').trim();
    const cut = oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
    return cut ? `→ ${name}: ${cut}` : `→ ${name}`;
}
/** The most telling argument of a tool call: a command, a path, a pattern, else compact JSON. */
function toolDetail(input) {
    const args = obj(input);
    for (const key of [
        'command',
        'cmd',
        'file_path',
        'filePath',
        'path',
        'absolute_path',
        'pattern',
        'url',
        'query',
        'description',
    ]) {
        const value = args[key];
        if (typeof value === 'string' && value)
            return value;
        if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
            return value.join(' ');
    }
    const json = JSON.stringify(args);
    return json === '{}' ? '' : json;
}
/** Adds token counts, keeping `undefined` when neither side has one. */
function add(a, b) {
    return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}
function hasUsage(usage) {
    return Object.values(usage).some((v) => v !== undefined);
}

;// CONCATENATED MODULE: ./src/agent/presets/claude-code.ts



/**
 * Claude Code, headless: `-p` with the prompt on stdin, `stream-json` events (needs `--verbose`), all
 * permissions open (the sandbox is the isolation; `IS_SANDBOX=1` lets that work as root). Settings come
 * from the user level only (`--setting-sources user`), so hooks, `apiKeyHelper` and `env` in the
 * repository's `.claude/settings*.json` never run, and `--strict-mcp-config` ignores its `.mcp.json`.
 */
const claudeCode = {
    name: 'claude-code',
    install: {
        package: '@anthropic-ai/claude-code',
        bin: 'claude',
        defaultVersion: '2.1.330',
        minNodeMajor: 22,
    },
    credentials: ready/* AGENT_CREDENTIALS */.$['claude-code'],
    env: {
        IS_SANDBOX: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
    },
    command: () => [
        'claude -p --output-format stream-json --verbose --dangerously-skip-permissions',
        '--setting-sources user --strict-mcp-config',
        modelFlag('--model'),
        '< "$AGENT_PROMPT_FILE"',
    ].join(' '),
    transcript: () => new ClaudeReader(),
};
class ClaudeReader {
    lastText;
    result;
    totals = {};
    event(event) {
        switch (event['type']) {
            case 'system':
                return event['subtype'] === 'init'
                    ? [`Claude Code session started (model ${str(event['model']) ?? '?'})`]
                    : [];
            case 'assistant':
                return this.assistant(obj(event['message']));
            case 'user':
                return toolErrors(obj(event['message']));
            case 'result':
                return this.finish(event);
            default:
                return [];
        }
    }
    flush() {
        return [];
    }
    finalMessage() {
        return this.result ?? this.lastText;
    }
    usage() {
        return hasUsage(this.totals) ? this.totals : undefined;
    }
    assistant(message) {
        const lines = [];
        for (const block of list(message['content']).map(obj)) {
            if (block['type'] === 'text' && str(block['text'])) {
                this.lastText = str(block['text']);
                lines.push(...textLines(this.lastText ?? ''));
            }
            else if (block['type'] === 'tool_use') {
                lines.push(toolLine(str(block['name']) ?? 'tool', toolDetail(block['input'])));
            }
        }
        return lines;
    }
    finish(event) {
        this.result = str(event['result']) || undefined;
        const usage = obj(event['usage']);
        this.totals = {
            inputTokens: add(num(usage['input_tokens']), num(usage['cache_creation_input_tokens'])),
            outputTokens: num(usage['output_tokens']),
            cachedTokens: num(usage['cache_read_input_tokens']),
            costUsd: num(event['total_cost_usd']) ?? num(event['cost_usd']),
        };
        const turns = num(event['num_turns']);
        const subtype = str(event['subtype']) ?? 'done';
        return [`Claude Code finished: ${subtype}${turns === undefined ? '' : `, ${turns} turn(s)`}`];
    }
}
function toolErrors(message) {
    return list(message['content'])
        .map(obj)
        .filter((block) => block['type'] === 'tool_result' && block['is_error'] === true)
        .map((block) => {
        const content = block['content'];
        const text = typeof content === 'string' ? content : str(obj(list(content)[0])['text']);
        return toolLine('tool error', text ?? '');
    });
}

;// CONCATENATED MODULE: ./src/agent/presets/codex.ts



/**
 * Codex, headless: `codex exec --json` with the prompt on stdin (`-`), approvals and Codex's own sandbox
 * off (our sandbox is the isolation). Codex reads `CODEX_API_KEY` in exec mode; an `OPENAI_API_KEY` is
 * handed over under that name. A repository's `.codex/config.toml` is only layered in for projects
 * marked trusted in `$CODEX_HOME/config.toml`, and the sandbox's fresh home trusts none.
 */
const codex = {
    name: 'codex',
    install: { package: '@openai/codex', bin: 'codex', defaultVersion: '0.169.0', minNodeMajor: 18 },
    credentials: ready/* AGENT_CREDENTIALS */.$['codex'],
    env: {},
    command: () => [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, evaluated in the sandbox
        'CODEX_API_KEY="${CODEX_API_KEY:-${OPENAI_API_KEY:-}}"',
        'codex exec --json --dangerously-bypass-approvals-and-sandbox --skip-git-repo-check',
        modelFlag('-m'),
        '- < "$AGENT_PROMPT_FILE"',
    ].join(' '),
    transcript: () => new CodexReader(),
};
class CodexReader {
    lastText;
    totals = {};
    event(event) {
        switch (event['type']) {
            case 'thread.started':
                return ['Codex session started'];
            case 'item.completed':
                return this.item(obj(event['item']));
            case 'turn.completed': {
                const usage = obj(event['usage']);
                this.totals = {
                    inputTokens: add(this.totals.inputTokens, num(usage['input_tokens'])),
                    cachedTokens: add(this.totals.cachedTokens, num(usage['cached_input_tokens'])),
                    outputTokens: add(this.totals.outputTokens, num(usage['output_tokens'])),
                };
                return [];
            }
            case 'turn.failed':
                return [`error: ${str(obj(event['error'])['message']) ?? 'the turn failed'}`];
            case 'error':
                return [`error: ${str(event['message']) ?? 'unknown error'}`];
            default:
                return [];
        }
    }
    flush() {
        return [];
    }
    finalMessage() {
        return this.lastText;
    }
    usage() {
        return hasUsage(this.totals) ? this.totals : undefined;
    }
    item(item) {
        const kind = str(item['type']) ?? str(item['item_type']);
        switch (kind) {
            case 'agent_message':
            case 'assistant_message': {
                const text = str(item['text']) ?? '';
                if (text)
                    this.lastText = text;
                return textLines(text);
            }
            case 'command_execution': {
                const exit = num(item['exit_code']);
                return [toolLine('shell', `${str(item['command']) ?? ''}${exit ? ` (exit ${exit})` : ''}`)];
            }
            case 'file_change':
                return [
                    toolLine('edit', list(item['changes'])
                        .map(obj)
                        .map((c) => `${str(c['kind']) ?? 'update'} ${str(c['path']) ?? '?'}`)
                        .join(', ')),
                ];
            case 'mcp_tool_call':
                return [toolLine(`${str(item['server']) ?? 'mcp'}.${str(item['tool']) ?? 'tool'}`)];
            case 'web_search':
                return [toolLine('web search', str(item['query']))];
            case 'error':
                return [`error: ${str(item['message']) ?? 'unknown error'}`];
            default:
                return [];
        }
    }
}

;// CONCATENATED MODULE: ./src/agent/presets/custom.ts

/** `agent-command` as the workflow author wrote it (trusted text); its output is shown as plain text. */
const custom = {
    name: 'custom',
    credentials: ready/* AGENT_CREDENTIALS */.$['custom'],
    env: {},
    command: (settings) => settings.agentCommand,
};

;// CONCATENATED MODULE: ./src/agent/presets/gemini.ts



/**
 * Moves the repository's `.gemini/` (settings with hooks, MCP servers, tool-discovery commands) out of
 * the work tree for the run, marking its files skip-worktree so a `git add -A` by the agent does not
 * record them as deleted; `RESTORE` puts it back before capture.
 */
const HIDE_PROJECT_CONFIG = `set -eu
rm -rf -- "$AGENT_HIDDEN_DIR"
mkdir -p -- "$AGENT_HIDDEN_DIR"
if [ -e .gemini ] || [ -L .gemini ]; then
  git ls-files -z -- .gemini | xargs -0 -r git update-index --skip-worktree --
  mv -- .gemini "$AGENT_HIDDEN_DIR/.gemini"
  echo "The repository's .gemini/ is not trusted: hidden from Gemini CLI for this run."
fi`;
const RESTORE_PROJECT_CONFIG = `set -eu
if [ -e "$AGENT_HIDDEN_DIR/.gemini" ] || [ -L "$AGENT_HIDDEN_DIR/.gemini" ]; then
  rm -rf -- .gemini
  mv -- "$AGENT_HIDDEN_DIR/.gemini" .gemini
  git ls-files -z -- .gemini | xargs -0 -r git update-index --no-skip-worktree --
fi`;
/**
 * Gemini CLI, headless: the prompt on stdin (not a TTY, so no UI), `stream-json` events, approval mode
 * `yolo`. Gemini refuses to run headless in a folder it does not trust, and trusting the folder would
 * load the repository's `.gemini/settings.json`; so the preset hides `.gemini/` during the run and only
 * then passes `--skip-trust`. `GEMINI_CLI_TRUST_WORKSPACE` is never set by the action.
 */
const gemini = {
    name: 'gemini',
    install: { package: '@google/gemini-cli', bin: 'gemini', defaultVersion: '0.61.0', minNodeMajor: 20 },
    credentials: ready/* AGENT_CREDENTIALS */.$['gemini'],
    env: {},
    beforeRun: HIDE_PROJECT_CONFIG,
    afterRun: RESTORE_PROJECT_CONFIG,
    command: () => [
        'gemini --output-format stream-json --approval-mode yolo --skip-trust',
        modelFlag('--model'),
        '< "$AGENT_PROMPT_FILE"',
    ].join(' '),
    transcript: () => new GeminiReader(),
};
class GeminiReader {
    /** Assistant text arrives in deltas; it is shown once a turn's text is complete. */
    buffer = '';
    lastText;
    totals = {};
    event(event) {
        if (event['type'] === 'message') {
            if (event['role'] !== 'assistant')
                return [];
            const content = str(event['content']) ?? '';
            this.buffer = event['delta'] === true ? this.buffer + content : content;
            return [];
        }
        const lines = this.flush();
        switch (event['type']) {
            case 'init':
                lines.push(`Gemini CLI session started (model ${str(event['model']) ?? '?'})`);
                break;
            case 'tool_use':
                lines.push(toolLine(str(event['tool_name']) ?? 'tool', toolDetail(event['parameters'])));
                break;
            case 'tool_result':
                if (event['status'] === 'error') {
                    lines.push(toolLine('tool error', str(obj(event['error'])['message']) ?? str(event['output'])));
                }
                break;
            case 'error':
                lines.push(`error: ${str(event['message']) ?? 'unknown error'}`);
                break;
            case 'result': {
                const stats = obj(event['stats']);
                this.totals = {
                    inputTokens: num(stats['input_tokens']) ?? num(stats['inputTokens']),
                    outputTokens: num(stats['output_tokens']) ?? num(stats['outputTokens']),
                    cachedTokens: num(stats['cached']) ?? num(stats['cached_tokens']),
                };
                lines.push(`Gemini CLI finished: ${str(event['status']) ?? 'done'}`);
                break;
            }
        }
        return lines;
    }
    flush() {
        const text = this.buffer;
        this.buffer = '';
        if (!text.trim())
            return [];
        this.lastText = text;
        return textLines(text);
    }
    finalMessage() {
        return this.buffer.trim() ? this.buffer : this.lastText;
    }
    usage() {
        return hasUsage(this.totals) ? this.totals : undefined;
    }
}

;// CONCATENATED MODULE: ./src/agent/presets/opencode.ts



/** Every permission opencode can ask for, allowed: nobody is there to answer in a headless run. */
const ALLOW_ALL = JSON.stringify({
    edit: 'allow',
    bash: 'allow',
    webfetch: 'allow',
    external_directory: 'allow',
    doom_loop: 'allow',
});
/**
 * opencode, headless: `opencode run --format json` with the prompt on stdin. `OPENCODE_PERMISSION`
 * allows every tool; `OPENCODE_DISABLE_PROJECT_CONFIG` keeps the repository's `opencode.json`,
 * `.opencode/` (plugins, agents, commands) and local rule files out of the run. `model` is
 * `provider/model`; the credential is the chosen provider's usual key.
 */
const opencode = {
    name: 'opencode',
    install: { package: 'opencode-ai', bin: 'opencode', defaultVersion: '1.18.33', minNodeMajor: 18 },
    credentials: ready/* AGENT_CREDENTIALS */.$['opencode'],
    env: {
        OPENCODE_PERMISSION: ALLOW_ALL,
        OPENCODE_DISABLE_PROJECT_CONFIG: 'true',
        OPENCODE_DISABLE_AUTOUPDATE: 'true',
    },
    command: () => ['opencode run --format json', modelFlag('--model'), '< "$AGENT_PROMPT_FILE"'].join(' '),
    transcript: () => new OpencodeReader(),
};
class OpencodeReader {
    lastText;
    totals = {};
    event(event) {
        const part = obj(event['part']);
        switch (event['type']) {
            case 'text': {
                const text = str(part['text']) ?? '';
                if (text.trim())
                    this.lastText = text;
                return textLines(text);
            }
            case 'tool_use': {
                const state = obj(part['state']);
                const failed = state['status'] === 'error' ? ' (failed)' : '';
                return [toolLine(str(part['tool']) ?? 'tool', `${toolDetail(state['input'])}${failed}`)];
            }
            case 'step_finish': {
                const tokens = obj(part['tokens']);
                const cache = obj(tokens['cache']);
                this.totals = {
                    inputTokens: add(this.totals.inputTokens, num(tokens['input'])),
                    outputTokens: add(add(this.totals.outputTokens, num(tokens['output'])), num(tokens['reasoning'])),
                    cachedTokens: add(this.totals.cachedTokens, num(cache['read'])),
                    costUsd: add(this.totals.costUsd, num(part['cost'])),
                };
                return [];
            }
            case 'error': {
                const error = obj(event['error']);
                const message = str(obj(error['data'])['message']) ?? str(error['message']) ?? str(event['message']);
                return [`error: ${message ?? str(error['name']) ?? 'unknown error'}`];
            }
            default:
                return [];
        }
    }
    flush() {
        return [];
    }
    finalMessage() {
        return this.lastText;
    }
    usage() {
        return hasUsage(this.totals) ? this.totals : undefined;
    }
}

;// CONCATENATED MODULE: ./src/agent/presets/index.ts






const PRESETS = {
    'claude-code': claudeCode,
    codex: codex,
    opencode: opencode,
    gemini: gemini,
    custom: custom,
};
function getPreset(name) {
    return PRESETS[name];
}
/** The version to install: `agent-version` when set, else the preset's pin. */
/** `agent-version: image`: run the preset's CLI found in the image, whatever its version. */
const AGENT_VERSION_FROM_IMAGE = 'image';
function presetVersion(preset, settings) {
    // `image` keeps a CLI the image already has; the pin is what gets installed when it has none.
    const requested = settings.agentVersion === AGENT_VERSION_FROM_IMAGE ? '' : settings.agentVersion;
    return requested || preset.install?.defaultVersion || '';
}
/** checkAgentReady (../ready.ts), returning the agent's preset. */
function assertAgentReady(settings) {
    checkAgentReady(settings);
    return getPreset(settings.agent);
}
/** `--model "$AGENT_MODEL"` when a model is set; the value stays in the environment. */
function modelFlag(flag) {
    return `\${AGENT_MODEL:+${flag} "$AGENT_MODEL"}`;
}

;// CONCATENATED MODULE: ./src/agent/install.ts


/** Exit code of the install script when the CLI is missing and the sandbox has no network. */
const INSTALL_EXIT_OFFLINE = 3;
/** Node is missing (or too old) and the image has neither `curl` nor `wget` to fetch it. */
const INSTALL_EXIT_NO_NODE = 4;
/** Node must be unpacked but the image lacks `tar` or `gzip`. */
const INSTALL_EXIT_NO_TAR = 5;
/** Node is new enough but `npm` is missing (some distro packages split it out). */
const INSTALL_EXIT_NO_NPM = 6;
/** Downloading the Node tarball failed (network policy, proxy, or nodejs.org unreachable). */
const INSTALL_EXIT_NODE_DOWNLOAD = 7;
/** Node installed when the image has none (or one too old): an LTS line every preset supports. */
const NODE_VERSION = 'v22.12.0';
/**
 * Installs the preset's CLI in the sandbox, or accepts one already there. The version that runs is the
 * pinned one (`agent-version`, else the preset's pin): a CLI found on PATH is used only when its
 * `--version` output names exactly that version, because images (Daytona's default snapshot among them)
 * ship older claude-code/codex/opencode builds. `agent-version: image` opts into the image's CLI as it
 * is (the pin is installed only when the image has none). Installs go under `$AGENT_TOOLS_DIR` (in the
 * scratch dir, outside the repository), never into the image's global prefix, so no root is needed.
 * Node is the image's when new enough, else the official tarball for the sandbox's architecture. The
 * last line names the version that runs (sandbox output; the runner prints it through an inert stream).
 *
 * Each missing tool has its own exit code (above) so the runner can name it in a sentence it writes
 * itself; every other failure exits 1, so the CLI's or npm's own exit codes never collide with them.
 */
const INSTALL_SCRIPT = `set -eu
export PATH="$AGENT_TOOLS_DIR/npm/bin:$AGENT_TOOLS_DIR/node/bin:$PATH"
if command -v "$AGENT_BIN" >/dev/null 2>&1; then
  found=$("$AGENT_BIN" --version 2>/dev/null | head -n 1 || true)
  if [ "$AGENT_VERSION_REQUESTED" = image ]; then
    echo "Using $AGENT_BIN from the image as asked (agent-version: image): \${found:-unknown version}."
    exit 0
  fi
  case " $found " in
    *" $AGENT_VERSION "*|*" v$AGENT_VERSION "*)
      echo "Using $AGENT_BIN $AGENT_VERSION, already in the sandbox."
      exit 0 ;;
  esac
  if [ -n "$AGENT_VERSION_REQUESTED" ]; then
    echo "Found $AGENT_BIN \${found:-of unknown version}; installing $AGENT_VERSION as requested."
  elif [ "$AGENT_OFFLINE" = 1 ]; then
    echo "Found $AGENT_BIN \${found:-of unknown version}; with network: none the pinned $AGENT_VERSION cannot be installed, so the image's runs."
    exit 0
  else
    echo "Found $AGENT_BIN \${found:-of unknown version}; installing the pinned $AGENT_VERSION (agent-version: image would keep the image's)."
  fi
elif [ "$AGENT_VERSION_REQUESTED" = image ]; then
  echo "agent-version is image, but the image has no $AGENT_BIN; installing $AGENT_VERSION."
fi
if [ "$AGENT_OFFLINE" = 1 ]; then
  echo "$AGENT_BIN is not in the sandbox image and network is none, so it cannot be installed." >&2
  exit ${INSTALL_EXIT_OFFLINE}
fi
has() { command -v "$1" >/dev/null 2>&1; }
node_major=0
if has node; then
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
fi
if [ "$node_major" -lt "$AGENT_MIN_NODE" ]; then
  if has curl; then fetch=curl
  elif has wget; then fetch=wget
  else
    echo "The sandbox image has no node $AGENT_MIN_NODE+ (found: \${node_major}) and no curl or wget to download it." >&2
    exit ${INSTALL_EXIT_NO_NODE}
  fi
  if ! has tar || ! has gzip; then
    echo "The sandbox image has no tar or gzip to unpack Node." >&2
    exit ${INSTALL_EXIT_NO_TAR}
  fi
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "No Node.js build for $(uname -m); use an image with Node $AGENT_MIN_NODE or newer." >&2; exit 1 ;;
  esac
  url="https://nodejs.org/dist/$NODE_VERSION/node-$NODE_VERSION-linux-$arch.tar.gz"
  tarball="$AGENT_TOOLS_DIR/node.tar.gz"
  echo "Node \${node_major} is older than $AGENT_MIN_NODE; installing Node $NODE_VERSION with $fetch."
  mkdir -p "$AGENT_TOOLS_DIR/node"
  if [ "$fetch" = curl ]; then
    curl -fsSL --retry 3 -o "$tarball" "$url" || exit ${INSTALL_EXIT_NODE_DOWNLOAD}
  else
    wget -q -O "$tarball" "$url" || exit ${INSTALL_EXIT_NODE_DOWNLOAD}
  fi
  tar -xzf "$tarball" -C "$AGENT_TOOLS_DIR/node" --strip-components=1 || exit 1
  rm -f "$tarball"
fi
if ! has npm; then
  echo "The sandbox image has node but no npm." >&2
  exit ${INSTALL_EXIT_NO_NPM}
fi
echo "Installing $AGENT_PACKAGE@$AGENT_VERSION with npm $(npm --version)."
npm install --global --prefix "$AGENT_TOOLS_DIR/npm" --no-audit --no-fund --loglevel=error "$AGENT_PACKAGE@$AGENT_VERSION" || exit 1
# The shell remembers where it found the image's CLI above: forget it, so the new one is the one asked.
hash -r 2>/dev/null || true
ran=$("$AGENT_BIN" --version 2>&1) || exit 1
echo "Installed $AGENT_BIN: $(printf '%s\n' "$ran" | head -n 1)"
`;
/**
 * The runner's own sentence for a missing-tool exit of the install script (the sandbox's output is not
 * trusted to explain itself), or undefined for any other exit.
 */
function missingToolMessage(exitCode, agent, minNodeMajor) {
    const needs = `Node ≥ ${minNodeMajor} is needed by the ${agent} preset`;
    const hint = "Modal's default image (node:22-bookworm-slim with git and curl) and Daytona's default snapshot have them.";
    switch (exitCode) {
        case INSTALL_EXIT_NO_NODE:
            return {
                message: `The sandbox image has no \`node\` (${needs}) and no \`curl\` or \`wget\` to download it: use an image with Node, or set modal-image / daytona-image.`,
                hint,
            };
        case INSTALL_EXIT_NO_TAR:
            return {
                message: `The sandbox image has no \`node\` (${needs}) and no \`tar\`/\`gzip\` to unpack it: use an image with Node, or set modal-image / daytona-image.`,
                hint,
            };
        case INSTALL_EXIT_NO_NPM:
            return {
                message: `The sandbox image has \`node\` but no \`npm\` (needed to install the ${agent} preset's CLI): use an image with npm, or set modal-image / daytona-image.`,
                hint,
            };
        case INSTALL_EXIT_NODE_DOWNLOAD:
            return {
                message: `The sandbox image has no \`node\` (${needs}) and downloading it from nodejs.org failed: allow nodejs.org in network, or use an image with Node.`,
                hint,
            };
        default:
            return undefined;
    }
}
/** Prefix for every agent command so the tools installed above are found first. */
const TOOLS_PATH = 'export PATH="$AGENT_TOOLS_DIR/npm/bin:$AGENT_TOOLS_DIR/node/bin:$PATH"';
function installEnv(preset, settings, scratch) {
    const install = preset.install;
    if (!install)
        return {};
    return {
        AGENT_BIN: install.bin,
        AGENT_PACKAGE: install.package,
        AGENT_VERSION: presetVersion(preset, settings),
        AGENT_VERSION_REQUESTED: settings.agentVersion,
        AGENT_MIN_NODE: String(install.minNodeMajor),
        AGENT_OFFLINE: settings.network.mode === 'none' ? '1' : '0',
        AGENT_TOOLS_DIR: toolsDir(scratch),
        NODE_VERSION,
    };
}
function toolsDir(scratch) {
    return external_node_path_.posix.join(scratch, 'tools');
}

// EXTERNAL MODULE: ./src/agent/limits.ts
var limits = __webpack_require__(67657);
;// CONCATENATED MODULE: ./src/agent/usage-file.ts
/**
 * `$AGENT_USAGE_FILE`: how a `custom` agent reports what it spent. The file is written by the agent,
 * so it is hostile input: read at most `USAGE_FILE_LIMIT` bytes (a larger file is ignored whole),
 * parsed as JSON, and kept only when every known field is a plain non-negative number. Unknown fields
 * are ignored; nothing but numbers ever leaves this module, so no agent text reaches the summary.
 *
 * ```json
 * {"input_tokens": 1200, "output_tokens": 340, "cached_input_tokens": 800, "cost_usd": 0.0123}
 * ```
 */
const USAGE_FILE_LIMIT = 4096;
/** Upper bounds that no real run reaches; larger values are a lie or a bug and are ignored. */
const MAX_TOKENS = 1e12;
const MAX_COST_USD = 1e6;
const FIELDS = {
    input_tokens: 'inputTokens',
    output_tokens: 'outputTokens',
    cached_input_tokens: 'cachedTokens',
    cost_usd: 'costUsd',
};
/** The usage the file reports, why it was ignored, or undefined when there is no file at all. */
function parseUsageFile(text) {
    if (text === undefined)
        return undefined;
    if (Buffer.byteLength(text, 'utf8') > USAGE_FILE_LIMIT) {
        return { ignored: `it is larger than ${USAGE_FILE_LIMIT} bytes` };
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return { ignored: 'it is not JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { ignored: 'it is not a JSON object' };
    }
    const record = parsed;
    const usage = {};
    for (const [field, key] of Object.entries(FIELDS)) {
        if (!Object.hasOwn(record, field))
            continue;
        const value = record[field];
        const isCost = key === 'costUsd';
        const valid = typeof value === 'number' &&
            Number.isFinite(value) &&
            value >= 0 &&
            value <= (isCost ? MAX_COST_USD : MAX_TOKENS) &&
            (isCost || Number.isInteger(value));
        if (!valid) {
            return {
                ignored: `${field} is not a ${isCost ? 'non-negative number' : 'non-negative whole number'}`,
            };
        }
        usage[key] = value;
    }
    if (Object.keys(usage).length === 0)
        return { ignored: 'it has none of the known fields' };
    return { usage };
}
/**
 * Reads the usage file from the sandbox: a regular file (never a symlink, which could point at a file
 * the agent should not make us read), at most one byte more than the limit so an oversized file is seen.
 */
async function readUsageFile(sandbox, path) {
    const result = await sandbox.exec(`if [ -f "$F" ] && [ ! -L "$F" ]; then head -c ${USAGE_FILE_LIMIT + 1} -- "$F"; else exit 3; fi`, { env: { F: path }, timeoutMs: 30_000 });
    return result.exitCode === 0 ? result.stdout : undefined;
}

;// CONCATENATED MODULE: ./src/agent/index.ts










const HOOK_TIMEOUT_MS = 60_000;
/** The summary file is read up to this size; the PR section caps it further. */
const SUMMARY_READ_LIMIT = 64 * 1024;
/**
 * Uploads the prompt, installs the preset's CLI, runs `setup-command`, then the agent, streaming their
 * output into the log. The agent's exit code is reported, never thrown: its work is captured whatever
 * it returns.
 */
async function runAgent(input) {
    const { sandbox, settings, logger } = input;
    const preset = getPreset(settings.agent);
    const scratch = sandbox.paths.scratch;
    const localPrompt = (0,external_node_path_.join)(input.workDir, 'prompt.md');
    const promptFile = external_node_path_.posix.join(scratch, 'prompt.md');
    await (0,promises_.writeFile)(localPrompt, input.task.prompt, { mode: 0o600 });
    await sandbox.upload(localPrompt, promptFile);
    const summaryFile = external_node_path_.posix.join(scratch, 'agent-summary.md');
    const env = {
        ...presetEnv(preset, settings),
        ...(0,sandbox_env/* agentCommandEnv */.Y)({ workdir: sandbox.paths.workdir, promptFile }),
        AGENT_SUMMARY_FILE: summaryFile,
    };
    // A custom agent has no CLI output we can read usage from: it may report it in this file.
    if (preset.name === 'custom')
        env['AGENT_USAGE_FILE'] = external_node_path_.posix.join(scratch, 'agent-usage.json');
    if (preset.install) {
        Object.assign(env, installEnv(preset, settings, scratch), { AGENT_MODEL: settings.model });
    }
    if (preset.beforeRun || preset.afterRun)
        env['AGENT_HIDDEN_DIR'] = external_node_path_.posix.join(scratch, 'hidden-config');
    if (preset.install) {
        await input.timings.measure('install', () => install(sandbox, logger, preset, settings, env));
    }
    return input.timings.measure('agent', () => runSetupAndAgent(input, preset, env, summaryFile));
}
async function runSetupAndAgent(input, preset, env, summaryFile) {
    const { sandbox, settings, logger } = input;
    const budgetMs = typeof input.budgetMs === 'function' ? input.budgetMs() : input.budgetMs;
    const deadline = Date.now() + budgetMs;
    const startedAt = new Date().toISOString();
    let setupMs = 0;
    if (settings.setupCommand) {
        const setupStarted = performance.now();
        const setup = await logger.group('Setup command', () => streamed(sandbox, logger, 'setup', settings.setupCommand, env, deadline - Date.now()));
        setupMs = performance.now() - setupStarted;
        if (setup.exitCode !== 0) {
            throw new errors/* ActionError */.lZ('setup-failed', setup.timedOut
                ? 'The setup command did not finish within the agent budget.'
                : `The setup command exited with code ${setup.exitCode}.`, 'See the setup output above; fix setup-command or the repository.');
        }
    }
    const command = preset.install ? `${TOOLS_PATH}\n${preset.command(settings)}` : preset.command(settings);
    const reader = preset.transcript?.();
    const agentStarted = performance.now();
    const result = await logger.group(`Agent (${settings.agent})`, async () => {
        if (preset.beforeRun)
            await hook(sandbox, logger, 'before', preset.beforeRun, env);
        try {
            return await streamed(sandbox, logger, 'agent', command, env, Math.max(1_000, deadline - Date.now()), reader);
        }
        finally {
            if (preset.afterRun)
                await hook(sandbox, logger, 'after', preset.afterRun, env);
        }
    });
    const agentMs = performance.now() - agentStarted;
    if (result.timedOut) {
        logger.warning(`The agent was stopped after ${Math.round(budgetMs / 60_000)} min; its work so far is captured.`);
    }
    else if (result.exitCode !== 0) {
        logger.warning(`The agent exited with code ${result.exitCode}; its work so far is captured.`);
    }
    const summaryText = (await readSummaryFile(sandbox, summaryFile, logger)) ?? reader?.finalMessage();
    const transcriptPath = result.recorder
        ? await saveTranscript(settings.outDir, result.recorder, input.secrets)
        : undefined;
    return {
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        setupMs,
        agentMs,
        startedAt,
        finishedAt: new Date().toISOString(),
        summary: summaryText?.trim() ? input.secrets.redact(summaryText.trim()) : undefined,
        usage: reader?.usage() ?? (await customUsage(sandbox, logger, env['AGENT_USAGE_FILE'])),
        transcriptPath,
    };
}
/** What a custom agent wrote to `$AGENT_USAGE_FILE`; a file that fails validation is ignored with a warning. */
async function customUsage(sandbox, logger, path) {
    if (!path)
        return undefined;
    // Optional, like the summary read: a transient fault here must never cost the agent's finished work.
    const text = await readUsageFile(sandbox, path).catch((error) => {
        logger.warning(`Could not read the agent's usage file (${(0,errors/* errorMessage */.gJ)(error)}); the run goes on without it.`);
        return undefined;
    });
    const parsed = parseUsageFile(text);
    if (parsed && 'ignored' in parsed) {
        logger.warning(`The agent's usage file was ignored: ${parsed.ignored}. See docs/agents.md for its form.`);
    }
    return parsed && 'usage' in parsed ? parsed.usage : undefined;
}
/** Preset env under `agent-env`: the workflow author's values win over the preset's defaults. */
function presetEnv(preset, settings) {
    return Object.fromEntries(Object.entries(preset.env).filter(([name]) => !(name in settings.agentEnv)));
}
async function install(sandbox, logger, preset, settings, env) {
    const version = presetVersion(preset, settings);
    const result = await logger.group(`Install (${preset.install?.package}@${version})`, () => streamed(sandbox, logger, 'install', INSTALL_SCRIPT, env, limits/* INSTALL_TIMEOUT_MS */.N));
    if (result.exitCode === 0)
        return;
    if (result.exitCode === INSTALL_EXIT_OFFLINE && !result.timedOut) {
        throw new errors/* ActionError */.lZ('agent-install-failed', `The ${settings.agent} CLI (${preset.install?.bin}) is not in the sandbox image, and with network: none it cannot be installed.`, 'Use a snapshot or image that already has it (daytona-snapshot / daytona-image / modal-image), or allow network.');
    }
    const missing = result.timedOut
        ? undefined
        : missingToolMessage(result.exitCode, settings.agent, preset.install?.minNodeMajor ?? 0);
    if (missing)
        throw new errors/* ActionError */.lZ('agent-install-failed', missing.message, missing.hint);
    throw new errors/* ActionError */.lZ('agent-install-failed', result.timedOut
        ? `Installing ${preset.install?.package}@${version} did not finish in ${limits/* INSTALL_TIMEOUT_MS */.N / 60_000} min.`
        : `Installing ${preset.install?.package}@${version} failed (exit ${result.exitCode}).`, 'See the install output above; check agent-version, or use an image that has the CLI.');
}
/** A preset's before/after step; its failure is logged, and `before` failing stops the run. */
async function hook(sandbox, logger, when, script, env) {
    const result = await streamed(sandbox, logger, `agent:${when}`, script, env, HOOK_TIMEOUT_MS);
    if (result.exitCode === 0)
        return;
    if (when === 'before') {
        throw new errors/* ActionError */.lZ('sandbox-error', `Preparing the work dir for the agent failed (exit ${result.exitCode}).`);
    }
    logger.warning(`Restoring the work dir after the agent failed (exit ${result.exitCode}).`);
}
/** Optional: the run goes on (and its work is captured) when the summary cannot be read. */
async function readSummaryFile(sandbox, path, logger) {
    try {
        const result = await sandbox.exec(`if [ -f "$F" ] && [ ! -L "$F" ]; then head -c ${SUMMARY_READ_LIMIT} -- "$F"; fi`, { env: { F: path }, timeoutMs: 30_000 });
        return result.exitCode === 0 && result.stdout.trim() ? result.stdout : undefined;
    }
    catch (error) {
        logger.warning(`Could not read the agent's summary (${(0,errors/* errorMessage */.gJ)(error)}); the run goes on without it.`);
        return undefined;
    }
}
async function saveTranscript(outDir, recorder, secrets) {
    await (0,promises_.mkdir)(outDir, { recursive: true });
    const path = (0,external_node_path_.join)(outDir, 'agent.transcript.jsonl');
    await (0,promises_.writeFile)(path, secrets.redact(recorder.rawText()), { mode: 0o600 });
    return path;
}
async function streamed(sandbox, logger, label, command, env, timeoutMs, reader) {
    const stream = logger.agentStream(label);
    const recorder = reader ? new TranscriptRecorder(reader, (line) => stream.stdout(`${line}\n`)) : undefined;
    try {
        const result = await sandbox.exec(command, {
            cwd: sandbox.paths.workdir,
            env,
            timeoutMs: Math.max(1_000, timeoutMs),
            onStdout: (chunk) => (recorder ? recorder.write(chunk) : stream.stdout(chunk)),
            onStderr: (chunk) => stream.stderr(chunk),
        });
        return { exitCode: result.exitCode, timedOut: result.timedOut, recorder };
    }
    finally {
        recorder?.end();
        stream.end();
    }
}

// EXTERNAL MODULE: ./src/snapshot/history.ts
var snapshot_history = __webpack_require__(56084);
;// CONCATENATED MODULE: ./src/agent/stage.ts



/** Branch the sandbox repository works on. */
const SANDBOX_BRANCH = 'sandbox-agent';
/**
 * Clones the bundle at the work dir. The bundle holds one commit whose parent is absent (or, for a pull
 * request, the merge base and the commits up to the head), so a plain `git clone` would leave a broken
 * repository: declare the boundary commits shallow first, then fetch. Every value
 * reaches the script through env, never through the command string. The checkout writes files with one
 * worker per core (checkout.workers=0; 20,000 files: 0.95 s → 0.76 s on 2 cores).
 */
const CLONE_SCRIPT = `set -eu
mkdir -p "$WORKDIR"
cd "$WORKDIR"
if [ -n "$(ls -A . 2>/dev/null)" ]; then
  echo "The sandbox work dir $WORKDIR is not empty." >&2
  exit 3
fi
git init -q .
# SHALLOW_COMMITS: the shipped commits whose parents were not shipped, separated by spaces.
printf '%s\\n' "$SHALLOW_COMMITS" | tr ' ' '\\n' > .git/shallow
staged=
if [ -n "$PACK_INDEX" ] && [ -f "$PACK_INDEX" ]; then
  pack=".git/objects/pack/pack-$PACK_NAME"
  if tail -c +"$PACK_START" "$BUNDLE" > "$pack.pack" && mv "$PACK_INDEX" "$pack.idx" &&
    git cat-file -e "$SHIPPED_SHA^{commit}" 2>/dev/null; then
    git update-ref refs/remotes/snapshot/head "$SHIPPED_SHA"
    staged=pack
  else
    rm -f "$pack.pack" "$pack.idx"
  fi
fi
if [ -z "$staged" ]; then
  git -c protocol.file.allow=always fetch -q --no-tags "$BUNDLE" "+$BUNDLE_REF:refs/remotes/snapshot/head"
  staged=fetch
fi
git -c advice.detachedHead=false -c checkout.workers=0 checkout -q -B "$BRANCH" "$SHIPPED_SHA" --
# A pull request's base: its merge base with the head, under a fixed ref and origin/<base branch>.
if [ -n "$PR_BASE_SHA" ]; then
  git update-ref "$SANDBOX_BASE_REF" "$PR_BASE_SHA"
  if [ -n "$PR_BASE_ORIGIN_REF" ]; then git update-ref "$PR_BASE_ORIGIN_REF" "$PR_BASE_SHA"; fi
fi
git config user.name "$BOT_NAME"
git config user.email "$BOT_EMAIL"
git config commit.gpgsign false
rm -f "$BUNDLE" "$PACK_INDEX"
echo "staged-by=$staged"
# --verify: a file named HEAD in the repository must not make the revision ambiguous.
git rev-parse --verify HEAD
`;
async function stageRepository(input) {
    const { sandbox, snapshot } = input;
    const remoteBundle = external_node_path_.posix.join(sandbox.paths.scratch, 'repo.bundle');
    const started = performance.now();
    const remoteIndex = external_node_path_.posix.join(sandbox.paths.scratch, 'repo.idx');
    // The pack index is optional: without it the sandbox indexes the bundle itself (git fetch).
    const withIndex = input.packIndex !== false;
    await Promise.all([
        sandbox.upload(snapshot.bundlePath, remoteBundle),
        withIndex ? sandbox.upload(snapshot.pack.packIndexPath, remoteIndex) : undefined,
    ]);
    input.logger.info(`Uploaded the bundle in ${Math.round(performance.now() - started)} ms.`);
    const result = await sandbox.exec(CLONE_SCRIPT, {
        cwd: sandbox.paths.scratch,
        timeoutMs: input.timeoutMs,
        env: {
            WORKDIR: sandbox.paths.workdir,
            BUNDLE: remoteBundle,
            BUNDLE_REF: snapshot.bundleRef,
            PACK_INDEX: withIndex ? remoteIndex : '',
            PACK_NAME: snapshot.pack.packName,
            // tail -c +N counts from 1.
            PACK_START: String(snapshot.pack.packOffset + 1),
            SHALLOW_COMMITS: snapshot.shallowCommits.join(' '),
            PR_BASE_SHA: snapshot.history?.mergeBase ?? '',
            SANDBOX_BASE_REF: snapshot_history/* SANDBOX_BASE_REF */.QW,
            PR_BASE_ORIGIN_REF: snapshot.history?.originRef ?? '',
            SHIPPED_SHA: snapshot.shippedSha,
            BRANCH: SANDBOX_BRANCH,
            BOT_NAME: input.identity.name,
            BOT_EMAIL: input.identity.email,
        },
    });
    const lines = result.stdout.trim().split('\n');
    const head = lines.pop();
    const stagedBy = lines.find((line) => line.startsWith('staged-by='))?.slice('staged-by='.length);
    input.logger.debug(`Staged the repository (${stagedBy === 'pack' ? 'shipped pack index' : 'git fetch of the bundle'}).`);
    if (result.exitCode !== 0 || head !== snapshot.shippedSha) {
        const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
        throw new errors/* ActionError */.lZ('sandbox-error', `Cloning the bundle in the sandbox failed (exit ${result.exitCode}): ${detail.slice(0, 400)}`, 'The sandbox image needs git and sh; check daytona-snapshot / modal-image.');
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/sandbox/bounded-download.ts
var bounded_download = __webpack_require__(55879);
// EXTERNAL MODULE: ./src/shared/git.ts
var git = __webpack_require__(84025);
// EXTERNAL MODULE: ./src/shared/inline-code.ts
var inline_code = __webpack_require__(25156);
// EXTERNAL MODULE: ./src/shared/closing-keywords.ts
var closing_keywords = __webpack_require__(35323);
;// CONCATENATED MODULE: ./src/deliver/rewrite.ts


/** Trailers that attribute work to people; the agent may not choose who they name. */
const ATTRIBUTION_TRAILER = /^(co-authored-by|signed-off-by)\s*:/i;
/**
 * A closing keyword before an issue reference (`Fixes #1`, `closes o/r#3`, `Resolves: GH-2`,
 * `fixed https://github.com/o/r/issues/4`): GitHub closes that issue when the commit reaches the
 * default branch, so an agent could close any issue it names.
 */
const CLOSING_REFERENCE = new RegExp(`\\b(?:${[...closing_keywords/* CLOSING_KEYWORDS */.p].join('|')})(?=\\s*:?\\s*(?:[\\w.-]+\\/[\\w.-]+)?(?:#|gh-)\\d|\\s*:?\\s*https?:\\/\\/\\S+\\/(?:issues|pull)\\/\\d)`, 'gi');
/**
 * Re-creates every commit of base..HEAD with the bot as author and committer (the mbox `From:` is
 * agent-chosen), strips `Co-authored-by`/`Signed-off-by` lines, breaks closing keywords, and adds
 * `Co-authored-by` for the triggering user. Trees are untouched, so the verified tree stays the tree that is pushed.
 */
async function rewriteAuthors(input) {
    const { git } = input;
    const commits = (await git.run(['rev-list', '--reverse', `${input.baseSha}..HEAD`, '--']))
        .split('\n')
        .filter(Boolean);
    const finalTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
    let parent = input.baseSha;
    for (const commit of commits) {
        const raw = (await git.exec(['cat-file', 'commit', commit])).stdoutBytes.toString('utf8');
        const split = raw.indexOf('\n\n');
        const header = raw.slice(0, split);
        const message = rewriteMessage(raw.slice(split + 2), input.coAuthor);
        const tree = header.match(/^tree ([0-9a-f]+)$/m)?.[1];
        const authorDate = header.match(/^author .* (\d+ [+-]\d{4})$/m)?.[1];
        if (!tree)
            throw new errors/* ActionError */.lZ('git-error', `Commit ${commit} has no tree.`);
        parent = await git.run(['commit-tree', tree, '-p', parent, '-F', '-'], {
            input: message,
            env: {
                GIT_AUTHOR_NAME: input.identity.name,
                GIT_AUTHOR_EMAIL: input.identity.email,
                GIT_COMMITTER_NAME: input.identity.name,
                GIT_COMMITTER_EMAIL: input.identity.email,
                ...(authorDate ? { GIT_AUTHOR_DATE: authorDate } : {}),
            },
        });
    }
    await git.run(['update-ref', 'HEAD', parent]);
    if ((await git.run(['rev-parse', '--verify', 'HEAD^{tree}'])) !== finalTree) {
        throw new errors/* ActionError */.lZ('tree-mismatch', 'Rewriting the authors changed the tree; nothing was pushed.');
    }
    return parent;
}
function rewriteMessage(message, coAuthor) {
    const kept = message
        .split('\n')
        .filter((line) => !ATTRIBUTION_TRAILER.test(line.trim()))
        .join('\n')
        .replace(/\s+$/, '');
    const body = neutralizeClosingReferences(kept) || 'Agent changes';
    return coAuthor ? `${body}\n\nCo-authored-by: ${coAuthor.name} <${coAuthor.email}>\n` : `${body}\n`;
}
/** An invisible U+2060 WORD JOINER after a closing keyword's first letter: it reads the same, closes nothing. */
function neutralizeClosingReferences(text) {
    return text.replace(CLOSING_REFERENCE, (keyword) => `${keyword[0]}\u2060${keyword.slice(1)}`);
}
/** GitHub's noreply identity for a user, which links the commit to the account. */
function githubUserIdentity(login, id) {
    if (!login || login.endsWith('[bot]') || !/^[A-Za-z0-9-]+$/.test(login))
        return undefined;
    return {
        name: login,
        email: id ? `${id}+${login}@users.noreply.github.com` : `${login}@users.noreply.github.com`,
    };
}

// EXTERNAL MODULE: ./src/shared/invisible.ts
var invisible = __webpack_require__(77970);
;// CONCATENATED MODULE: ./src/capture/leftover-subject.ts


/** The subject when the agent left no summary to take one from. */
const DEFAULT_LEFTOVER_SUBJECT = 'Changes left uncommitted by the agent';
const MAX_SUBJECT = 72;
/**
 * The subject of the commit the capture makes from what the agent left uncommitted: the first line of
 * the agent's summary (agent text, so hostile) made into one plain line — invisible and control
 * characters removed, Markdown list/heading/quote markers dropped, at most 72 characters, closing
 * keywords broken as in every other commit message (`rewrite.ts`), and `::` broken so no log line
 * that quotes it can read as a workflow command. It reaches the sandbox through env, never the script.
 */
function leftoverSubject(summary) {
    const line = (summary ?? '')
        .split(/\r\n?|\n/)
        .map((l) => l
        .replace(invisible/* INVISIBLE_OR_LINE_BREAK */.N, '')
        .replace(/^[\s#>*+:-]+/, '')
        .replace(/\s+/g, ' ')
        .trim())
        .find((l) => /[\p{L}\p{N}]/u.test(l));
    if (!line)
        return DEFAULT_LEFTOVER_SUBJECT;
    const characters = Array.from(line);
    const capped = characters.length > MAX_SUBJECT
        ? `${characters
            .slice(0, MAX_SUBJECT - 1)
            .join('')
            .trimEnd()}…`
        : line;
    return neutralizeClosingReferences(capped).replace(/::/g, ':\u2060:');
}

;// CONCATENATED MODULE: ./src/capture/script.ts
/**
 * The capture script (SPEC §5), run in the sandbox after the agent exits, with every value in env:
 * WORKDIR, OUT_DIR, BASE_SHA, BOT_NAME, BOT_EMAIL, LEFTOVER_MESSAGE.
 *
 * 1. Commit anything the agent left uncommitted (tracked, untracked, deletions) with the bot identity.
 *    Every git command's failure fails the capture (nothing is read through a pipe that hides it).
 * 2. Require BASE_SHA to be an ancestor of HEAD (exit 20 otherwise).
 * 3. Rebuild the first-parent chain, keeping every tree exactly (exit 21 if it does not start at
 *    BASE_SHA): merges are linearized (a merge's changes land in the commit that replaces it, nothing
 *    is silently dropped) and commits that change nothing are dropped, so `git am` never meets an empty
 *    patch. Their count is reported as `empty_commits_dropped`.
 * 4. `git format-patch` with explicit overrides, so the sandbox repo's config cannot change the output.
 * 5. Write agent.mbox and agent.meta.json into OUT_DIR.
 */
const CAPTURE_EXIT = { historyRewritten: 20, mergeUnsupported: 21 };
const CAPTURE_SCRIPT = `set -eu
export LC_ALL=C GIT_TERMINAL_PROMPT=0 GIT_PAGER=cat PAGER=cat
cd "$WORKDIR"
G() {
  git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c commit.gpgsign=false \\
    -c user.name="$BOT_NAME" -c user.email="$BOT_EMAIL" -c user.useConfigOnly=false "$@"
}
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/agent.mbox" "$OUT_DIR/agent.meta.json" "$OUT_DIR/.status" "$OUT_DIR/.chain" "$OUT_DIR/.files"

# Embedded repositories the agent created (a clone, a \`git init\`) cannot be committed as files, an empty
# one makes \`git add -A\` fail outright, and a gitlink would be refused by policy: leave them out of the
# leftover commit (exclude patterns, glob characters escaped) so the rest of the work still comes back.
# With --untracked-files=all, status lists untracked directories only when they are such repositories.
# Status goes to a file, never straight into a pipe: a failing status (a required clean filter that
# fails) must fail the capture, not read as "nothing left uncommitted".
status() {
  G status --porcelain=v1 -z --untracked-files=all --ignore-submodules=none > "$OUT_DIR/.status"
  tr '\\000' '\\n' < "$OUT_DIR/.status"
}
STATUS=$(status)
EMBEDDED=$(printf '%s\\n' "$STATUS" | sed -n 's|^?? \\(.*\\)/$|\\1|p')
EMBEDDED_COUNT=0
if [ -n "$EMBEDDED" ]; then
  EMBEDDED_COUNT=$(printf '%s\\n' "$EMBEDDED" | wc -l | tr -d ' ')
  printf '%s\\n' "$EMBEDDED" | sed -e 's/[][*?\\\\!# ]/\\\\&/g' -e 's|^|/|' -e 's|$|/|' >> "$(G rev-parse --git-path info/exclude)"
  STATUS=$(status)
fi
rm -f "$OUT_DIR/.status"

LEFTOVER=false
if [ -n "$STATUS" ]; then
  G add -A -- .
  G commit -q --no-verify --allow-empty -m "$LEFTOVER_MESSAGE"
  LEFTOVER=true
fi

# Revisions are always followed by \`--\` or given with --verify: a file named HEAD, main or a commit id
# at the root must never be read as a path (or make the revision ambiguous).
TIP=$(G rev-parse --verify HEAD^{commit})
if ! G merge-base --is-ancestor "$BASE_SHA" "$TIP"; then
  echo "HEAD no longer descends from the base commit." >&2
  exit ${CAPTURE_EXIT.historyRewritten}
fi

# Rebuild the first-parent chain from the base: a commit whose tree equals the previous one adds
# nothing (\`git commit --allow-empty\`, a merge that brought nothing along the first parent) and
# would make \`git am\` stop with "Patch is empty", so it is dropped. A merge is replaced by a commit with
# one parent: the same object (tree, author, committer, encoding, message bytes), so nothing is
# silently dropped, its changes land in that commit. Commits already in place are kept as they are.
# The chain is listed into a file so a failing rev-list fails the capture.
G rev-list --first-parent --reverse --format='%T %P' "$BASE_SHA..$TIP" -- > "$OUT_DIR/.chain"
PREV_TREE=$(G rev-parse --verify "$BASE_SHA^{tree}")
NEW=$BASE_SHA
FIRST=true
LINEARIZED=false
EMPTY_DROPPED=0
while read -r WORD C REST <&3; do
  # rev-list --format prints "commit <sha>" then the formatted line "<tree> <parents>".
  [ "$WORD" = commit ] && [ -z "$REST" ] || { echo "Unexpected rev-list output." >&2; exit 1; }
  read -r T P1 PMORE <&3
  if [ "$FIRST" = true ] && [ "$P1" != "$BASE_SHA" ]; then
    echo "The first-parent history does not start at the base commit." >&2
    exit ${CAPTURE_EXIT.mergeUnsupported}
  fi
  FIRST=false
  [ -n "$PMORE" ] && LINEARIZED=true
  if [ "$T" = "$PREV_TREE" ]; then
    EMPTY_DROPPED=$((EMPTY_DROPPED + 1))
    continue
  fi
  PREV_TREE=$T
  if [ "$P1" = "$NEW" ] && [ -z "$PMORE" ]; then
    NEW=$C
    continue
  fi
  # Same object with one parent: tree, author, committer, encoding and message bytes are kept.
  NEW=$(G cat-file commit "$C" | awk -v parent="$NEW" '
    BEGIN { header = 1 }
    header && /^parent / { next }
    header && /^(gpgsig|gpgsig-sha256|mergetag) / { skip = 1; next }
    header && skip && /^ / { next }
    { skip = 0 }
    header && /^tree / { print; print "parent " parent; next }
    header && /^$/ { header = 0 }
    { print }
  ' | G hash-object -t commit -w --stdin)
done 3< "$OUT_DIR/.chain"
rm -f "$OUT_DIR/.chain"
HEAD_TREE=$(G rev-parse --verify "$TIP^{tree}")
if [ "$(G rev-parse --verify "$NEW^{tree}")" != "$HEAD_TREE" ]; then
  echo "Rebuilding the history changed the final tree." >&2
  exit 1
fi
TIP=$NEW

G -c diff.noprefix=false -c diff.mnemonicPrefix=false -c diff.relative=false -c format.noprefix=false \\
  -c core.quotePath=true -c diff.submodule=short -c format.signature= -c format.binary=true \\
  -c format.useAutoBase=false -c format.coverLetter=false -c format.notes=false \\
  -c i18n.logOutputEncoding=UTF-8 -c log.showSignature=false -c color.ui=false -c diff.color=false \\
  format-patch --always --binary --full-index --no-color --no-signature --unified=3 -M --pretty=mboxrd --stdout \\
  "$BASE_SHA..$TIP" -- > "$OUT_DIR/agent.mbox"

COMMITS=$(G rev-list --count "$BASE_SHA..$TIP" --)
G diff-tree -r --no-renames --name-only -z "$BASE_SHA" "$TIP" -- > "$OUT_DIR/.files"
FILES=$(tr -cd '\\000' < "$OUT_DIR/.files" | wc -c | tr -d ' ')
rm -f "$OUT_DIR/.files"
SIZE=$(wc -c < "$OUT_DIR/agent.mbox" | tr -d ' ')
# The runner checks the downloaded mbox against this digest (empty when the image has no tool for it).
SHA256=$( (sha256sum < "$OUT_DIR/agent.mbox" || shasum -a 256 < "$OUT_DIR/agent.mbox") 2>/dev/null | cut -c1-64)
printf '{"version":1,"base_sha":"%s","head_sha":"%s","head_tree":"%s","commits":%s,"files_changed":%s,"format":"mboxrd","size_bytes":%s,"mbox_sha256":"%s","linearized":%s,"leftovers_committed":%s,"embedded_repos_left_out":%s,"empty_commits_dropped":%s}\\n' \\
  "$BASE_SHA" "$TIP" "$HEAD_TREE" "$COMMITS" "$FILES" "$SIZE" "$SHA256" "$LINEARIZED" "$LEFTOVER" "$EMBEDDED_COUNT" "$EMPTY_DROPPED" > "$OUT_DIR/agent.meta.json"
cat "$OUT_DIR/agent.meta.json"
`;

;// CONCATENATED MODULE: ./src/capture/index.ts









/** The sandbox's facts are a few hundred bytes; anything near this is an attack on the runner's memory. */
const MAX_META_BYTES = 64 * 1024;
/** Downloads with a byte limit counted on the runner; past it, `refusal()` replaces the provider's error. */
async function downloadAtMost(sandbox, remotePath, localPath, maxBytes, refusal, expectedBytes) {
    try {
        await sandbox.download(remotePath, localPath, {
            ...(maxBytes === undefined ? {} : { maxBytes }),
            ...(expectedBytes === undefined ? {} : { expectedBytes }),
        });
    }
    catch (error) {
        if (error instanceof bounded_download/* DownloadTooLargeError */.E)
            throw refusal();
        throw error;
    }
}
/** Downloads of a capture file that did not match what the sandbox reported, before the run fails. */
const VERIFY_ATTEMPTS = 3;
/**
 * Downloads until the file matches what the sandbox reported (size and sha256 for the mbox, the printed
 * copy for the meta). A mismatch is a transfer cut short, so it is read again; an unverified file is never
 * used: after the last attempt the run fails as sandbox-error.
 */
async function downloadVerified(what, attempt) {
    let last = '';
    for (let i = 0; i < VERIFY_ATTEMPTS; i++) {
        const outcome = await attempt();
        if ('value' in outcome)
            return outcome.value;
        last = outcome.mismatch;
    }
    throw new errors/* ActionError */.lZ('sandbox-error', `The downloaded ${what} did not match what the sandbox reported after ${VERIFY_ATTEMPTS} attempts (${last}); nothing was delivered from it.`, 'The transfer from the sandbox was cut short repeatedly; run the job again.');
}
/** The last line of `text` that is a JSON object, as printed (trimmed). */
function lastJsonLine(text) {
    const lines = text.trim().split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i].trim();
        if (line.startsWith('{') && line.endsWith('}'))
            return line;
    }
    return undefined;
}
/** Runs the capture script in the sandbox and downloads the mbox and meta into `out-dir`. */
async function capturePatch(input) {
    const { sandbox, snapshot } = input;
    const remoteOut = external_node_path_.posix.join(sandbox.paths.scratch, 'out');
    const result = await sandbox.exec(CAPTURE_SCRIPT, {
        cwd: sandbox.paths.scratch,
        timeoutMs: input.timeoutMs,
        env: {
            WORKDIR: sandbox.paths.workdir,
            OUT_DIR: remoteOut,
            BASE_SHA: snapshot.baseSha,
            BOT_NAME: input.identity.name,
            BOT_EMAIL: input.identity.email,
            LEFTOVER_MESSAGE: leftoverSubject(input.agentRun.summary),
        },
    });
    if (result.exitCode === CAPTURE_EXIT.historyRewritten) {
        throw new errors/* ActionError */.lZ('history-rewritten', 'The agent rewrote history: the sandbox HEAD no longer descends from the base commit, so nothing could be captured.', 'Ask the agent to commit on top of the checked-out commit instead of resetting or rebasing it.');
    }
    if (result.exitCode === CAPTURE_EXIT.mergeUnsupported) {
        throw new errors/* ActionError */.lZ('merge-unsupported', "The agent's merge history could not be linearized: its first-parent chain does not start at the base commit.", 'Ask the agent not to merge other branches into its work.');
    }
    if (result.exitCode !== 0) {
        const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
        throw new errors/* ActionError */.lZ('capture-failed', `Capturing the agent's changes failed (exit ${result.exitCode}): ${(0,inline_code/* inlineCode */.t)(detail, 300)}`);
    }
    await (0,promises_.mkdir)(input.outDir, { recursive: true });
    const mboxPath = (0,external_node_path_.join)(input.outDir, 'agent.mbox');
    const metaPath = (0,external_node_path_.join)(input.outDir, 'agent.meta.json');
    await (0,promises_.rm)(mboxPath, { force: true });
    const rawMetaPath = (0,external_node_path_.join)(input.outDir, '.sandbox.meta.json');
    // The capture printed the meta it wrote: a download that does not match it (cut short) is read again.
    const printedMeta = lastJsonLine(result.stdout);
    const facts = await downloadVerified('patch metadata', async () => {
        await downloadAtMost(sandbox, external_node_path_.posix.join(remoteOut, 'agent.meta.json'), rawMetaPath, MAX_META_BYTES, () => new errors/* ActionError */.lZ('capture-failed', `The sandbox's patch metadata is over ${MAX_META_BYTES} bytes (it is a few hundred); it was not read.`, 'The sandbox or the agent tampered with the capture output; nothing was delivered from it.'));
        const text = await (0,promises_.readFile)(rawMetaPath, 'utf8');
        await (0,promises_.rm)(rawMetaPath, { force: true });
        if (printedMeta !== undefined && text.trim() !== printedMeta) {
            return { mismatch: 'it differs from the metadata the capture printed' };
        }
        try {
            return { value: parseSandboxFacts(text, snapshot.baseSha) };
        }
        catch (error) {
            // Without the printed copy, a cut-off download is only seen as unreadable JSON: read it again.
            if (printedMeta === undefined && error instanceof errors/* ActionError */.lZ && /unreadable/.test(error.message))
                return { mismatch: 'it is not complete JSON' };
            throw error;
        }
    });
    if (facts.embedded_repos_left_out) {
        input.logger.warning(`${facts.embedded_repos_left_out} git repositor${facts.embedded_repos_left_out === 1 ? 'y' : 'ies'} the agent created inside the work tree (a clone or git init) ` +
            'were left out of the patch: they cannot be shipped as files.');
    }
    const tooLarge = (message) => new errors/* ActionError */.lZ('patch-too-large', message, 'Ask for a smaller change, or raise max-patch-bytes.');
    // The sandbox's own count refuses an honest large patch early; the download counts for itself.
    if (input.maxPatchBytes !== undefined && facts.size_bytes > input.maxPatchBytes) {
        throw tooLarge(`The patch is ${facts.size_bytes} bytes, over max-patch-bytes (${input.maxPatchBytes}); it was not downloaded.`);
    }
    const size = await downloadVerified('mbox', async () => {
        await downloadAtMost(sandbox, external_node_path_.posix.join(remoteOut, 'agent.mbox'), mboxPath, input.maxPatchBytes, () => tooLarge(`The mbox the sandbox sent passed max-patch-bytes (${input.maxPatchBytes}) as counted on the runner, ` +
            `though the sandbox claimed ${facts.size_bytes} bytes; the download was stopped and nothing was kept.`), facts.size_bytes);
        const bytes = await (0,promises_.readFile)(mboxPath);
        const digest = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
        if (bytes.length !== facts.size_bytes || (facts.mbox_sha256 && digest !== facts.mbox_sha256)) {
            await (0,promises_.rm)(mboxPath, { force: true });
            return {
                mismatch: `it has ${bytes.length} bytes and sha256 ${digest}, the sandbox reported ${facts.size_bytes} bytes${facts.mbox_sha256 ? ` and ${facts.mbox_sha256}` : ''}`,
            };
        }
        return { value: bytes.length };
    });
    const meta = {
        version: 1,
        provider: sandbox.provider,
        sandbox_id: sandbox.id,
        base_sha: snapshot.baseSha,
        snapshot_sha: snapshot.snapshotSha,
        head_tree: facts.head_tree,
        commits: facts.commits,
        files_changed: facts.files_changed,
        format: 'mboxrd',
        size_bytes: size,
        agent: input.agentName,
        agent_exit_code: input.agentRun.exitCode,
        agent_timed_out: input.agentRun.timedOut,
        linearized: facts.linearized,
        leftovers_committed: facts.leftovers_committed,
        empty_commits_dropped: facts.empty_commits_dropped ?? 0,
        started_at: input.agentRun.startedAt,
        finished_at: input.agentRun.finishedAt,
    };
    await (0,promises_.writeFile)(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
    if (meta.empty_commits_dropped > 0) {
        input.logger.info(`Dropped ${meta.empty_commits_dropped} empty commit(s) that changed nothing, so the mbox applies with git am.`);
    }
    input.logger.info(`Captured ${meta.commits} commit(s), ${meta.files_changed} file(s), ${size} bytes of mbox` +
        `${meta.linearized ? ' (merges linearized)' : ''}.`);
    return { mboxPath, metaPath, meta };
}
/** The sandbox is untrusted: accept only well-formed facts, and only for the base we shipped. */
function parseSandboxFacts(text, expectedBase) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        throw new errors/* ActionError */.lZ('capture-failed', 'The sandbox returned unreadable patch metadata.');
    }
    const count = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    const ok = raw &&
        typeof raw === 'object' &&
        raw['base_sha'] === expectedBase &&
        (0,git/* isSha */.HH)(raw['head_tree']) &&
        count(raw['commits']) &&
        count(raw['files_changed']) &&
        count(raw['size_bytes']) &&
        typeof raw['linearized'] === 'boolean' &&
        typeof raw['leftovers_committed'] === 'boolean' &&
        (raw['embedded_repos_left_out'] === undefined || count(raw['embedded_repos_left_out'])) &&
        (raw['empty_commits_dropped'] === undefined || count(raw['empty_commits_dropped'])) &&
        (raw['mbox_sha256'] === undefined ||
            raw['mbox_sha256'] === '' ||
            (typeof raw['mbox_sha256'] === 'string' && /^[0-9a-f]{64}$/.test(raw['mbox_sha256'])));
    if (!ok)
        throw new errors/* ActionError */.lZ('capture-failed', 'The sandbox returned malformed patch metadata.');
    return raw;
}

// EXTERNAL MODULE: ./src/sandbox/spec.ts
var spec = __webpack_require__(4824);
// EXTERNAL MODULE: ./src/settings/index.ts
var src_settings = __webpack_require__(92181);
;// CONCATENATED MODULE: ./src/shared/test-fault.ts
function injectTestFault(point) {
    if (process.env['SANDBOX_AGENT_TEST_FAULT'] === point) {
        throw new Error(`injected test fault at ${point} (SANDBOX_AGENT_TEST_FAULT)`);
    }
}

// EXTERNAL MODULE: ./src/deliver/agent-summary.ts
var agent_summary = __webpack_require__(789);
// EXTERNAL MODULE: ./src/deliver/github.ts
var github = __webpack_require__(6494);
// EXTERNAL MODULE: ./src/trigger/command.ts
var command = __webpack_require__(52773);
;// CONCATENATED MODULE: ./src/suggest/hunks.ts
/**
 * Turning the verified diff (PR head → verified tree) into GitHub "suggested changes" (issue 20 item 6).
 * Pure functions over `git diff` output, so the mapping is unit-tested without GitHub. Every line number
 * here is a line of the file at the PR head: the old side of the verified diff is the RIGHT side of the
 * PR's own diff, which is the only side a suggestion can replace.
 */
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/** The hunks of one file's unified diff (any context size); `git diff` headers before the first `@@` are skipped. */
function parseHunks(diff) {
    const hunks = [];
    let current;
    for (const line of diff.split('\n')) {
        const header = HUNK_HEADER.exec(line);
        if (header) {
            current = {
                oldStart: Number(header[1]),
                oldCount: header[2] === undefined ? 1 : Number(header[2]),
                newStart: Number(header[3]),
                newCount: header[4] === undefined ? 1 : Number(header[4]),
                added: [],
                endOfFileNewline: false,
            };
            hunks.push(current);
            continue;
        }
        if (!current)
            continue;
        if (line.startsWith('+'))
            current.added.push(line.slice(1));
        else if (line.startsWith('\\'))
            current.endOfFileNewline = true;
    }
    return hunks;
}
/**
 * The head-file lines a review comment may sit on: every RIGHT-side line (added or context) of the PR's
 * own diff hunks (GitHub answers 422 "Pull request review thread line must be part of the diff" for any
 * other line, and "… start line must be part of the same hunk as the line" for a range across hunks).
 */
function commentableRanges(prDiff) {
    return parseHunks(prDiff)
        .filter((h) => h.newCount > 0)
        .map((h) => ({ start: h.newStart, end: h.newStart + h.newCount - 1 }));
}
/** A fence longer than any backtick run in `content`, so the content can never close it. */
function fenceFor(content) {
    const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
    return '`'.repeat(Math.max(3, longestRun + 1));
}
/** The comment body of a suggested change whose result is `lines` (none: the lines are deleted). */
function suggestionBody(lines) {
    const content = lines.join('\n');
    const fence = fenceFor(content);
    return lines.length === 0 ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${content}\n${fence}`;
}
/**
 * Maps the hunks of one modified file to suggestions. `headLines` is the file at the PR head (for the
 * context line a pure insertion attaches to); `allowed` is where the PR's diff lets comments sit. A
 * replacement or deletion replaces exactly its lines; an insertion replaces the line before it (or the
 * first line, at the top of the file) with that line plus the new ones.
 */
function mapHunks(path, hunks, headLines, allowed) {
    const suggestions = [];
    const unexpressible = [];
    const taken = [];
    for (const hunk of hunks) {
        const last = hunk.oldStart + hunk.oldCount - 1;
        const where = hunk.oldCount === 0
            ? `after line ${hunk.oldStart}`
            : hunk.oldCount === 1
                ? `line ${hunk.oldStart}`
                : `lines ${hunk.oldStart}-${last}`;
        const refuse = (why) => unexpressible.push({ path, why: `${where}: ${why}` });
        if (hunk.endOfFileNewline) {
            refuse('changes the newline at the end of the file');
            continue;
        }
        let range;
        let lines;
        if (hunk.oldCount > 0) {
            range = { start: hunk.oldStart, end: hunk.oldStart + hunk.oldCount - 1 };
            lines = hunk.added;
        }
        else if (hunk.oldStart >= 1 && hunk.oldStart <= headLines.length) {
            range = { start: hunk.oldStart, end: hunk.oldStart };
            lines = [headLines[hunk.oldStart - 1], ...hunk.added];
        }
        else if (hunk.oldStart === 0 && headLines.length > 0) {
            range = { start: 1, end: 1 };
            lines = [...hunk.added, headLines[0]];
        }
        else {
            refuse('inserts into an empty file');
            continue;
        }
        if (!allowed.some((r) => r.start <= range.start && range.end <= r.end)) {
            refuse("outside the pull request's diff");
            continue;
        }
        if (taken.some((t) => t.start <= range.end && range.start <= t.end)) {
            refuse('overlaps another suggestion');
            continue;
        }
        taken.push(range);
        suggestions.push({
            path,
            ...(range.start < range.end ? { startLine: range.start } : {}),
            line: range.end,
            body: suggestionBody(lines),
        });
    }
    return { suggestions, unexpressible };
}
/** The lines of a file's content as `git diff` counts them (a final newline ends the last line). */
function splitLines(content) {
    if (content === '')
        return [];
    const lines = content.split('\n');
    if (lines.at(-1) === '')
        lines.pop();
    return lines;
}

;// CONCATENATED MODULE: ./src/suggest/index.ts






/** GitHub limits a comment body to 65,536 characters; a review of hundreds of comments is unreadable. */
const MAX_COMMENT_CHARS = 60_000;
const MAX_SUGGESTIONS = 100;
const MAX_LISTED = 50;
async function deliverSuggestions(input) {
    const plan = await planSuggestions(input.git, input.headSha, input.mergeBase);
    const [owner = '', repo = ''] = input.repository.split('/');
    const octokit = await (0,github/* createGitHubClient */.LX)(input.token, input.apiUrl, input.logger);
    const post = async (suggestions, unexpressible, note) => {
        const { data } = await octokit.rest.pulls.createReview({
            owner,
            repo,
            pull_number: input.pullNumber,
            commit_id: input.headSha,
            event: 'COMMENT',
            body: await reviewBody(input, suggestions.length, unexpressible, note),
            comments: suggestions.map((s) => ({
                path: s.path,
                line: s.line,
                side: 'RIGHT',
                ...(s.startLine === undefined ? {} : { start_line: s.startLine, start_side: 'RIGHT' }),
                body: s.body,
            })),
        });
        return data.html_url;
    };
    try {
        const url = await post(plan.suggestions, plan.unexpressible);
        input.logger.info(`Posted a review on #${input.pullNumber} with ${plan.suggestions.length} suggestion(s); ${plan.unexpressible.length} part(s) listed in its body.`);
        return {
            posted: true,
            suggestions: plan.suggestions.length,
            unexpressible: plan.unexpressible.length,
            reviewUrl: url,
        };
    }
    catch (error) {
        const first = describeFailure(error);
        input.logger.warning(`GitHub refused the review with ${plan.suggestions.length} suggestion(s): ${first}`);
        if (plan.suggestions.length === 0)
            return notPosted(first, plan.unexpressible.length);
        // GitHub names the failing field, never the comment (a review is all or nothing): retry the body
        // alone, with every suggestion moved into the list so nothing is silently dropped.
        const moved = plan.suggestions.map((s) => ({
            path: s.path,
            why: `${s.startLine === undefined ? `line ${s.line}` : `lines ${s.startLine}-${s.line}`}: GitHub refused the line comment`,
        }));
        const unexpressible = [...plan.unexpressible, ...moved];
        try {
            const url = await post([], unexpressible, `GitHub refused the suggestion comments (${first}).`);
            input.logger.info(`Posted the review on #${input.pullNumber} without its comments.`);
            return { posted: true, suggestions: 0, unexpressible: unexpressible.length, reviewUrl: url };
        }
        catch (retryError) {
            return notPosted(describeFailure(retryError), unexpressible.length);
        }
    }
}
function notPosted(detail, unexpressible) {
    return {
        posted: false,
        suggestions: 0,
        unexpressible,
        failure: new errors/* ActionError */.lZ('permission-missing', `No review could be posted on the pull request: ${detail}`, 'Give the job `permissions: pull-requests: write` (the patch is in the artifact meanwhile).'),
    };
}
/** Status and GitHub's messages; review 422s carry `errors` as plain strings. */
function describeFailure(error) {
    const data = error?.response?.data;
    const errors = Array.isArray(data?.errors)
        ? data.errors.map((e) => typeof e === 'string' ? e : String(e?.message ?? ''))
        : [];
    const text = [typeof data?.message === 'string' ? data.message : '', ...errors].filter(Boolean).join(': ');
    const status = (0,github/* httpStatus */.nG)(error);
    const detail = text || (error instanceof Error ? error.message : String(error));
    return (0,inline_code/* inlineCode */.t)(`${status ? `HTTP ${status} ` : ''}${detail}`, 300);
}
/** Parses `git diff-tree -r -z` raw output: `:<mode> <mode> <sha> <sha> <status>\0<path>\0[<path>\0]`. */
function parseRaw(raw) {
    const fields = raw.split('\0');
    const changes = [];
    for (let i = 0; i < fields.length; i++) {
        const meta = fields[i];
        if (!meta.startsWith(':'))
            continue;
        const [oldMode = '', newMode = '', , , status = ''] = meta.slice(1).split(' ');
        const twoPaths = status.startsWith('R') || status.startsWith('C');
        const first = fields[++i] ?? '';
        const second = twoPaths ? (fields[++i] ?? '') : undefined;
        changes.push({
            oldMode,
            newMode,
            status: status.charAt(0),
            path: second ?? first,
            ...(second === undefined ? {} : { fromPath: first }),
        });
    }
    return changes;
}
const REGULAR = new Set(['100644', '100755']);
/** No external diff, no textconv, no colour: the diff is git's own, whatever the trees' attributes say. */
const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv'];
/** The suggestions and the unexpressible parts of the verified change (PR head → verified HEAD). */
async function planSuggestions(git, headSha, mergeBase) {
    const changes = parseRaw(await git.run(['diff-tree', '-r', '-z', '--no-renames', headSha, 'HEAD', '--']));
    const prFiles = mergeBase
        ? new Map(parseRaw(await git.run(['diff-tree', '-r', '-z', '-M', mergeBase, headSha, '--'])).map((c) => [
            c.path,
            c,
        ]))
        : new Map();
    const suggestions = [];
    const unexpressible = [];
    for (const change of changes) {
        const { path } = change;
        if (change.status === 'A') {
            unexpressible.push({ path, why: 'new file' });
            continue;
        }
        if (change.status === 'D') {
            unexpressible.push({ path, why: 'deleted file' });
            continue;
        }
        if (!REGULAR.has(change.oldMode) || !REGULAR.has(change.newMode)) {
            unexpressible.push({ path, why: `not a regular file (mode ${change.oldMode} → ${change.newMode})` });
            continue;
        }
        if (change.oldMode !== change.newMode) {
            unexpressible.push({ path, why: `mode change ${change.oldMode} → ${change.newMode}` });
        }
        const diff = await git.run([...DIFF, '-U0', `${headSha}:${path}`, `HEAD:${path}`]);
        const hunks = parseHunks(diff);
        if (hunks.length === 0) {
            if (/^Binary files /m.test(diff))
                unexpressible.push({ path, why: 'binary file' });
            continue;
        }
        const allowed = await allowedLines(git, prFiles.get(path), mergeBase, headSha);
        const needsContext = hunks.some((h) => h.oldCount === 0);
        const headLines = needsContext
            ? splitLines(await git.run(['cat-file', 'blob', `${headSha}:${path}`]))
            : [];
        const mapped = mapHunks(path, hunks, headLines, allowed);
        for (const suggestion of mapped.suggestions) {
            if (suggestion.body.length > MAX_COMMENT_CHARS) {
                unexpressible.push({ path, why: `line ${suggestion.line}: too large for one review comment` });
            }
            else if (suggestions.length >= MAX_SUGGESTIONS) {
                unexpressible.push({
                    path,
                    why: `line ${suggestion.line}: more than ${MAX_SUGGESTIONS} suggestions`,
                });
            }
            else {
                suggestions.push(suggestion);
            }
        }
        unexpressible.push(...mapped.unexpressible);
    }
    return { suggestions, unexpressible };
}
/** RIGHT-side lines of the PR's own diff for `change` (the PR's view of the file), as GitHub shows it. */
async function allowedLines(git, change, mergeBase, headSha) {
    if (!change || !mergeBase)
        return [];
    if (!REGULAR.has(change.newMode))
        return [];
    const head = `${headSha}:${change.path}`;
    if (change.status === 'A') {
        // A file the PR adds is one hunk of added lines: every line of it is in the diff.
        const lines = splitLines(await git.run(['cat-file', 'blob', head]));
        return lines.length > 0 ? [{ start: 1, end: lines.length }] : [];
    }
    const diff = await git.run([...DIFF, '-U3', `${mergeBase}:${change.fromPath ?? change.path}`, head]);
    return commentableRanges(diff);
}
async function reviewBody(input, suggestions, unexpressible, note) {
    const { artifact } = input;
    const lines = [
        `${command/* TRACKING_MARKER_PREFIX */.wl}suggestions -->`,
        `**sandbox-agent** suggests changes to this pull request from ${input.commits} verified commit(s): ${suggestions} suggestion(s) below${unexpressible.length > 0 ? `, ${unexpressible.length} part(s) that cannot be suggestions listed here` : ''}.`,
        '',
    ];
    if (note)
        lines.push(note, '');
    lines.push(`- Verified: the patch applied to ${(0,inline_code/* inlineCode */.t)(input.headSha)} (this pull request's head) by git on the runner gives tree ${(0,inline_code/* inlineCode */.t)(input.verifiedTree)}, the tree the sandbox reported.`);
    if (artifact.name) {
        const name = (0,inline_code/* inlineCode */.t)(artifact.name);
        lines.push(`- Full patch: artifact ${artifact.url ? `[${name}](${artifact.url})` : name}.`);
        if (artifact.runId && /^[\w.-]+$/.test(artifact.name)) {
            lines.push('', 'Apply the whole change to a clone of the pull request branch:', '', '```sh', `gh run download ${artifact.runId} -n ${artifact.name}`, 'git am --keep-cr --patch-format=mboxrd agent.mbox', '```');
        }
    }
    else if (artifact.keptAt) {
        lines.push(`- Full patch: kept on the runner in ${(0,inline_code/* inlineCode */.t)(artifact.keptAt)} (not uploaded).`);
    }
    if (unexpressible.length > 0) {
        lines.push('', `<details><summary>Not expressible as suggestions (${unexpressible.length})</summary>`, '');
        for (const item of unexpressible.slice(0, MAX_LISTED))
            lines.push(`- ${(0,inline_code/* inlineCode */.t)(item.path)}: ${item.why}`);
        if (unexpressible.length > MAX_LISTED)
            lines.push(`- … and ${unexpressible.length - MAX_LISTED} more`);
        lines.push('', '</details>');
    }
    if (input.agentSummary) {
        const section = await (0,agent_summary/* renderAgentSummarySection */.NS)(input.agentSummary, { maxChars: 3000 });
        if (section)
            lines.push('', section);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/deliver/artifact.ts


/**
 * @actions/artifact 6.x reports a taken name only as text: the results service answers CreateArtifact
 * with HTTP 409 and `{"code":"already_exists","msg":"an artifact with this name already exists on the
 * workflow run"}`, which the twirp client (lib/internal/shared/artifact-twirp-client.js,
 * `retryableRequest`: 409 is not retryable) rethrows as `Failed to CreateArtifact: Received
 * non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists…`.
 */
function isNameConflict(error) {
    const message = error instanceof Error ? error.message : String(error);
    return /CreateArtifact/.test(message) && (/\(409\)/.test(message) || /already exists/i.test(message));
}
/** `<name>-<job>-<nonce>`, keeping to the characters @actions/artifact accepts in a name. */
function fallbackArtifactName(name, job, nonce) {
    const safeJob = job.replace(/[^A-Za-z0-9._-]+/g, '-');
    return `${name}-${safeJob}-${nonce}`;
}
/**
 * Uploads the mbox and meta with @actions/artifact (loaded only when needed). Off a runner there is no
 * upload service: the files stay in out-dir and the log says so.
 */
async function uploadArtifact(input) {
    if (!input.onRunner) {
        input.logger.info(`Not running on a GitHub runner (no ACTIONS_RUNTIME_TOKEN); ${input.files.map((f) => (0,external_node_path_.basename)(f)).join(', ')} stay in ${input.rootDir}.`);
        return { uploaded: false };
    }
    let name = input.name;
    try {
        const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(61), __webpack_require__.e(251), __webpack_require__.e(351), __webpack_require__.e(252)]).then(__webpack_require__.bind(__webpack_require__, 91252));
        const client = new DefaultArtifactClient();
        const upload = (as) => client.uploadArtifact(as, input.files, input.rootDir, { retentionDays: 30 });
        let response;
        try {
            response = await upload(name);
        }
        catch (error) {
            if (!isNameConflict(error))
                throw error;
            const note = `An artifact named ${name} already exists in this workflow run (another job of the run uploaded it); uploading as ${input.fallbackName} instead.`;
            if (input.explicitName)
                input.logger.warning(`${note} Give each job its own artifact-name.`);
            else
                input.logger.info(note);
            name = input.fallbackName;
            response = await upload(name);
        }
        input.logger.info(`Uploaded artifact ${name} (id ${response.id ?? 'unknown'}, ${response.size ?? 0} bytes).`);
        return { uploaded: true, id: response.id === undefined ? undefined : String(response.id), name };
    }
    catch (error) {
        throw new errors/* ActionError */.lZ('artifact-upload-failed', `Uploading artifact ${name} failed: ${error instanceof Error ? error.message : String(error)}`, `The files are still in ${input.rootDir} on the runner.`, { cause: error });
    }
}

// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(43091);
;// CONCATENATED MODULE: ./src/deliver/pull-request.ts



/**
 * GitHub's answers to `POST /repos/{o}/{r}/pulls` that no retry can fix
 * (https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request, "403 Forbidden" / "422 Validation
 * failed"): the repository setting that stops Actions from opening PRs, a token without
 * `pull-requests: write` ("Resource not accessible by integration"), and a base branch that does not exist.
 */
const ACTIONS_NOT_PERMITTED = /not permitted to create or approve pull requests/i;
const NOT_ACCESSIBLE = /Resource not accessible by integration/i;
/** The refusal as an ActionError naming the fix, or undefined for an error worth retrying or adopting. */
function pullRequestRefusal(error, base) {
    const status = (0,github/* httpStatus */.nG)(error);
    const text = (0,github/* errorText */.kc)(error);
    if (status === 401)
        return tokenExpired(text);
    if (status === 403 && ACTIONS_NOT_PERMITTED.test(text)) {
        return new errors/* ActionError */.lZ('pr-creation-forbidden', 'GitHub Actions is not permitted to create pull requests in this repository.', 'Turn on the repository setting "Allow GitHub Actions to create and approve pull requests" (Settings → Actions → General → Workflow permissions), or pass a GitHub App token as github-token.');
    }
    if (status === 403 && NOT_ACCESSIBLE.test(text)) {
        return new errors/* ActionError */.lZ('permission-missing', 'github-token may not create pull requests (403 "Resource not accessible by integration").', 'Give the job `permissions: pull-requests: write` (next to `contents: write`).');
    }
    if (status === 422 && validationFields(error).includes('base')) {
        return new errors/* ActionError */.lZ('base-missing', `GitHub refused the pull request because its base branch ${JSON.stringify(base)} does not exist.`, 'Set base-branch to an existing branch (or push that branch first).');
    }
    return undefined;
}
/**
 * 401 "Bad credentials" at delivery: the preflight found the token valid, so it expired or was revoked
 * during the run (docs.github.com/rest/authentication/authenticating-to-the-rest-api: "401 Unauthorized").
 */
function tokenExpired(text) {
    return new errors/* ActionError */.lZ('token-invalid', `github-token stopped working during the run (GitHub answered 401 ${text}): it expired or was revoked.`, 'GitHub App tokens expire after one hour: mint the token in the same job right before this step (or shorten timeout-minutes); secrets.GITHUB_TOKEN lasts for the whole job.');
}
/**
 * Any failure while delivering a pull request, as an ActionError with a reason and what to do: the
 * refusals above, an ActionError as is, or GitHub's own answer (5xx after the retries, a network error).
 */
function deliveryFailure(error, base) {
    if (error instanceof errors/* ActionError */.lZ)
        return error;
    const refusal = pullRequestRefusal(error, base);
    if (refusal)
        return refusal;
    const status = (0,github/* httpStatus */.nG)(error);
    return new errors/* ActionError */.lZ(status === undefined || status >= 500 ? 'push-rejected' : 'internal-error', `Talking to GitHub failed${status ? ` (HTTP ${status})` : ''}: ${(0,github/* errorText */.kc)(error)}`, status === undefined || status >= 500
        ? 'GitHub kept failing after retries (see githubstatus.com); re-run the job.'
        : undefined, { cause: error });
}
const ALREADY_EXISTS = /already exists/i;
/**
 * Opens the pull request, or adopts the open one for the same branch (`pr-updated`). Create is
 * non-idempotent: it is never retried blindly; after a failure the PR is looked up first.
 */
async function openOrUpdatePullRequest(input) {
    const existing = await findOpenPull(input);
    if (existing) {
        await input.octokit.rest.pulls.update({
            owner: input.owner,
            repo: input.repo,
            pull_number: existing.number,
            title: input.title,
            body: input.body,
        });
        input.logger.info(`Updated pull request #${existing.number}.`);
        await decorate(input, existing.number);
        return { ...existing, created: false };
    }
    const created = await (0,retry/* withRetry */.bD)(async () => {
        try {
            const { data } = await input.octokit.rest.pulls.create({
                owner: input.owner,
                repo: input.repo,
                head: input.branch,
                base: input.base,
                title: input.title,
                body: input.body,
                draft: input.draft,
                request: { retries: 0 },
            });
            return { number: data.number, url: data.html_url, created: true };
        }
        catch (error) {
            const text = (0,github/* errorText */.kc)(error);
            const refusal = pullRequestRefusal(error, input.base);
            if (refusal)
                throw refusal;
            // A lost response may have created the PR: look before trying again.
            const adopted = await findOpenPull(input).catch(() => undefined);
            if (adopted)
                return { ...adopted, created: (0,github/* httpStatus */.nG)(error) !== 422 || !ALREADY_EXISTS.test(text) };
            throw error;
        }
    }, {
        attempts: 3,
        baseMs: 1_000,
        capMs: 8_000,
        totalMs: 60_000,
        classify: (error) => {
            const status = (0,github/* httpStatus */.nG)(error);
            return { retry: !(error instanceof errors/* ActionError */.lZ) && (status === undefined || status >= 500) };
        },
        onRetry: ({ delayMs }) => input.logger.warning(`Creating the pull request failed; retrying in ${delayMs} ms.`),
    }).catch((error) => {
        if (error instanceof errors/* ActionError */.lZ)
            throw error;
        throw new errors/* ActionError */.lZ('push-rejected', `Creating the pull request failed: ${(0,github/* errorText */.kc)(error)}`, 'GitHub kept failing after retries (see githubstatus.com); open the pull request from the compare link or re-run the job.', { cause: error });
    });
    input.logger.info(`Opened pull request #${created.number}: ${created.url}`);
    await decorate(input, created.number);
    return created;
}
/** The `field`s of a 422's `errors` array (`[{resource: 'PullRequest', field: 'base', code: 'invalid'}]`). */
function validationFields(error) {
    const errors = error?.response?.data?.errors;
    if (!Array.isArray(errors))
        return [];
    return errors
        .map((e) => e?.field)
        .filter((f) => typeof f === 'string');
}
async function findOpenPull(input) {
    const { data } = await input.octokit.rest.pulls.list({
        owner: input.owner,
        repo: input.repo,
        head: `${input.owner}:${input.branch}`,
        state: 'open',
        per_page: 10,
    });
    const pull = data[0];
    return pull ? { number: pull.number, url: pull.html_url } : undefined;
}
/** Labels and reviewers are best effort: a failure is a warning, never the outcome. */
async function decorate(input, number) {
    if (input.labels.length > 0) {
        await input.octokit.rest.issues
            .addLabels({ owner: input.owner, repo: input.repo, issue_number: number, labels: input.labels })
            .catch((error) => input.logger.warning(`Could not add labels: ${(0,github/* errorText */.kc)(error)}`));
    }
    if (input.reviewers.length > 0) {
        await input.octokit.rest.pulls
            .requestReviewers({
            owner: input.owner,
            repo: input.repo,
            pull_number: number,
            reviewers: input.reviewers,
        })
            .catch((error) => input.logger.warning(`Could not request reviewers: ${(0,github/* errorText */.kc)(error)}`));
    }
}

// EXTERNAL MODULE: ./src/settings/context.ts
var settings_context = __webpack_require__(17218);
// EXTERNAL MODULE: ./src/shared/github-login.ts
var github_login = __webpack_require__(33170);
;// CONCATENATED MODULE: ./src/deliver/pr-body.ts



const MAX_PROMPT = 2_000;
/**
 * The joiner our rewrite puts into closing keywords of pushed commit messages: inside a code span GitHub
 * acts on no keyword, and `inlineCode` would show the joiner as a visible replacement character.
 */
const WORD_JOINER = '\u2060';
/** Reviewers read the diff for the rest; a long list only pushes the verification line out of view. */
const MAX_LIST = 20;
/** The full prompt folds away under this line (our HTML, the only HTML in the body). */
const PROMPT_DETAILS_OPEN = '<details><summary>The full task</summary>';
const PROMPT_DETAILS_CLOSE = '</details>';
/**
 * The PR body leads with the change: the agent's summary, one line saying who asked for it and what
 * (the full prompt folded away), the link to the issue or PR it came from, commits and files, then
 * the verification line and the checkout command. Agent-authored text (commit subjects, file names)
 * is shown only in code spans; the summary, the prompt and its excerpt go through the Markdown
 * sanitizer, so none of them can render images or links, ping people, close issues or start a line
 * with a `/command`. The only mention is the requester's login, checked against GitHub's login rule.
 */
async function renderPrBody(input) {
    const { task } = input;
    // Hidden marker: which run wrote this body (kept stable for anything that looks for it).
    const lines = [`<!-- sandbox-agent:run=${input.runId} -->`];
    const summary = input.agentSummary ? await (0,agent_summary/* renderAgentSummarySection */.NS)(input.agentSummary) : '';
    if (summary)
        lines.push(summary.trimEnd(), '');
    lines.push(await requestLine(task), '');
    const prompt = await (0,agent_summary/* renderQuote */.Jx)(task.prompt, MAX_PROMPT);
    if (prompt)
        lines.push(PROMPT_DETAILS_OPEN, '', prompt, '', PROMPT_DETAILS_CLOSE, '');
    if (task.number)
        lines.push(`${input.linkKeyword} #${task.number}`, '');
    lines.push(`### Commits (${input.commits.length})`, '');
    for (const c of input.commits.slice(0, MAX_LIST))
        lines.push(`- \`${c.sha.slice(0, 12)}\` ${(0,inline_code/* inlineCode */.t)(c.subject.replaceAll(WORD_JOINER, ''))}`);
    if (input.commits.length > MAX_LIST)
        lines.push(`- … and ${input.commits.length - MAX_LIST} more`);
    lines.push('', `### Files changed (${input.files.length})`, '');
    for (const f of input.files.slice(0, MAX_LIST))
        lines.push(`- ${(0,inline_code/* inlineCode */.t)(f)}`);
    if (input.files.length > MAX_LIST)
        lines.push(`- … and ${input.files.length - MAX_LIST} more`);
    lines.push('', '---', '', `Verified on the runner before the push: base \`${input.baseSha}\`, tree \`${input.verifiedTree}\`, the same tree the agent left in the sandbox. [Run log](${input.runLink})`, '', '```sh', `gh pr checkout ${input.branch}`, '```');
    return lines.join('\n');
}
/** "Requested by @alice in #7: *first line of the task*" — each part only when it is known. */
async function requestLine(task) {
    const who = (0,github_login/* requesterMention */.Z)(task.requestedBy);
    const where = task.number ? ` in #${task.number}` : '';
    const what = await (0,agent_summary/* renderExcerpt */.uD)(task.title);
    const head = who ? `Requested by ${who}${where}` : `Requested${where}`;
    return what ? `${head}: ${what}` : `${head}.`;
}
/** Heads the Follow-ups section, so a later follow-up appends under it instead of adding another. */
const FOLLOW_UPS_MARKER = '<!-- sandbox-agent:follow-ups -->';
/**
 * One line for the PR body's Follow-ups section: the request (a commenter's text, derived as a title)
 * and the requester in code spans (inert: no mention, link or closing keyword), the commits added.
 */
function renderFollowUpEntry(input) {
    const shas = input.commits
        .slice(0, 10)
        .map((c) => c.sha.slice(0, 12))
        .join(', ');
    const more = input.commits.length > 10 ? ` and ${input.commits.length - 10} more` : '';
    const by = input.requestedBy ? ` by ${(0,inline_code/* inlineCode */.t)(input.requestedBy)}` : '';
    return `- ${(0,inline_code/* inlineCode */.t)(input.request)}${by}: ${input.commits.length} commit(s) added (${shas}${more}). [Run log](${input.runLink}).`;
}
/** The body with `entry` appended under its Follow-ups section (created at the end the first time). */
function appendFollowUp(body, entry) {
    const base = body.replace(/\s+$/, '');
    if (base.includes(FOLLOW_UPS_MARKER))
        return `${base}\n${entry}\n`;
    return `${base}\n\n${FOLLOW_UPS_MARKER}\n## Follow-ups\n\n${entry}\n`;
}

;// CONCATENATED MODULE: ./src/deliver/push.ts



/** GitHub's refusals, matched in one place, surfaced verbatim (redacted) as `push-rejected`. */
const REJECTIONS = [
    /GH013/,
    /GH001/,
    /GH006/,
    /GH007/,
    /without `?workflows`? permission/i,
    /protected branch/i,
    /pre-receive hook declined/i,
];
/**
 * Pushes HEAD to `refs/heads/<branch>` with an explicit refspec and a lease. The token reaches git only
 * through env-only config (`GIT_CONFIG_COUNT` → `http.<server>/.extraheader`): never argv, never a file,
 * never the sandbox. An existing branch is only ever overwritten when its tip was committed by the bot
 * (an earlier attempt of this run); otherwise a new name is used.
 */
async function pushBranch(input) {
    const { url, authed } = authedRemote(input);
    const tip = (name) => remoteTip(authed, url, name, input.redact, input.onRetry);
    let branch = input.branch;
    let remoteSha = await tip(branch);
    if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
        branch = `${input.branch}-${input.attempt}`;
        remoteSha = await tip(branch);
        if (remoteSha && !(await isOurs(authed, url, branch, input.bot))) {
            throw new errors/* ActionError */.lZ('push-rejected', `Branches ${input.branch} and ${branch} already exist and were not created by this action; nothing was overwritten.`, 'Delete them or change branch-prefix.');
        }
    }
    const head = (await input.git.run(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
    const result = await pushWithLease(authed, url, {
        branch,
        commit: head,
        lease: remoteSha ?? '',
        tip: () => tip(branch),
        what: `Pushing ${branch}`,
        onRetry: input.onRetry,
    });
    if (result.exitCode !== 0)
        throw pushRejection(branch, result, input.redact);
    return { branch, updated: remoteSha !== undefined };
}
/** The remote URL and a Git that authenticates to it through env-only config (see pushBranch). */
function authedRemote(input) {
    const url = `${input.serverUrl}/${input.repository}.git`;
    const scheme = new URL(input.serverUrl).protocol.replace(':', '');
    const authed = input.git.with({
        env: {
            GIT_ALLOW_PROTOCOL: scheme,
            GIT_CONFIG_COUNT: '1',
            GIT_CONFIG_KEY_0: `http.${input.serverUrl}/.extraheader`,
            GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${input.token}`).toString('base64')}`,
        },
    });
    return { url, authed };
}
/**
 * Pushes `commit` onto an existing branch as a fast-forward, with a lease on `expectedTip`
 * (`--force-with-lease=refs/heads/<branch>:<expectedTip>`): a branch that moved meanwhile makes the push
 * fail instead of being overwritten, and is reported with its new tip. Never a force push: the caller
 * passes a commit that descends from `expectedTip`, and any other refusal throws `push-rejected`.
 */
async function pushOntoBranch(input) {
    const { url, authed } = authedRemote(input);
    const tip = () => remoteTip(authed, url, input.branch, input.redact, input.onRetry);
    const result = await pushWithLease(authed, url, {
        branch: input.branch,
        commit: input.commit,
        lease: input.expectedTip,
        tip,
        what: `Pushing onto ${input.branch}`,
        onRetry: input.onRetry,
    });
    if (result.exitCode === 0)
        return { pushed: true };
    // A stale lease ("[rejected] (stale info)") or a non-fast-forward: look where the branch is now.
    const now = await tip();
    if (now !== input.expectedTip)
        return { pushed: false, tip: now };
    throw pushRejection(input.branch, result, input.redact);
}
/** Fetches `branch` of the remote into `ref` of the isolated repository; false when that failed. */
async function fetchBranch(input) {
    const { url, authed } = authedRemote(input);
    const fetched = await withTransportRetry(() => authed.exec(['fetch', '--quiet', '--no-tags', url, `+refs/heads/${input.branch}:${input.ref}`]), `Fetching ${input.branch}`, input.onRetry);
    return fetched.exitCode === 0;
}
/** A refused push as `push-rejected` (or `permission-missing`/`token-invalid`), remote lines quoted. */
function pushRejection(branch, result, redact) {
    {
        const text = redact(`${result.stderr}\n${result.stdout}`);
        const remoteLines = text
            .split('\n')
            .filter((l) => l.startsWith('remote:') || REJECTIONS.some((r) => r.test(l)) || /^ ?!/.test(l))
            .map((l) => l.trim())
            .filter(Boolean)
            .slice(0, 12);
        // Remote messages are the server's (or a hook's) text: quoted as code, line by line.
        const detail = (remoteLines.length > 0 ? remoteLines : text.trim().split('\n').slice(-3))
            .map((line) => (0,inline_code/* inlineCode */.t)(line, 300))
            .join('\n');
        if (isAuthFailure(text))
            return tokenRejected(detail);
        return new errors/* ActionError */.lZ(isPermissionDenied(text) ? 'permission-missing' : 'push-rejected', `Pushing ${branch} was rejected:\n${detail}`, pushHint(text));
    }
}
async function remoteTip(git, url, branch, redact, onRetry) {
    const result = await withTransportRetry(() => git.exec(['ls-remote', '--heads', url, `refs/heads/${branch}`]), 'Reading the remote branches', onRetry);
    if (result.exitCode !== 0) {
        const detail = (0,inline_code/* inlineCode */.t)(redact(result.stderr.trim()).split('\n').slice(-2).join(' '), 300);
        if (isAuthFailure(result.stderr))
            throw tokenRejected(detail);
        throw new errors/* ActionError */.lZ('push-rejected', `Could not reach the repository to push: ${detail}`, isTransient(result.stderr)
            ? 'GitHub kept failing after retries; re-run the job.'
            : 'Check that github-token can read and write contents (`permissions: contents: write`).');
    }
    return result.stdout.split(/\s/)[0] || undefined;
}
/** True when the remote branch's tip was committed by the bot identity. */
async function isOurs(git, url, branch, bot) {
    const ref = 'refs/sandbox-agent/remote-tip';
    const fetched = await withTransportRetry(() => git.exec(['fetch', '--quiet', '--no-tags', '--depth=1', url, `+refs/heads/${branch}:${ref}`]), `Fetching ${branch}`, undefined);
    if (fetched.exitCode !== 0)
        return false;
    const committer = (await git.exec(['log', '-1', '--format=%ce', ref, '--'])).stdout.trim();
    return committer === bot.email;
}
/** A 4xx is the server's answer and final (a 403 is a missing permission, never retried). */
const CLIENT_ERROR = /returned error: 4\d\d|HTTP 4\d\d|Permission to \S+ denied|Authentication failed/i;
/** 5xx answers and dropped or timed-out connections, in git's and curl's words. */
const TRANSIENT = /returned error: 5\d\d|HTTP 5\d\d|RPC failed|remote end hung up unexpectedly|early EOF|Connection reset|Empty reply from server|Recv failure|Failed to connect|timed out|Could not resolve host|unexpected disconnect|transfer closed|was not closed cleanly/i;
function isTransient(stderr) {
    return !CLIENT_ERROR.test(stderr) && TRANSIENT.test(stderr);
}
class TransientGitFailure extends Error {
}
/**
 * `git push --force-with-lease=refs/heads/<branch>:<lease> <url> <commit>:refs/heads/<branch>` (an
 * empty lease: the branch must not exist), retried on transport faults. Re-sending is safe: the lease
 * still names the tip seen before the first try. A try whose reply was lost may have landed, so the
 * remote is looked at first: already at `commit` means done.
 */
function pushWithLease(authed, url, push) {
    return withTransportRetry(async (attempt) => attempt > 0 && (await push.tip()) === push.commit
        ? { exitCode: 0, stdout: '', stderr: '' }
        : authed.exec([
            'push',
            '--porcelain',
            '--no-recurse-submodules',
            `--force-with-lease=refs/heads/${push.branch}:${push.lease}`,
            url,
            `${push.commit}:refs/heads/${push.branch}`,
        ]), push.what, push.onRetry);
}
/**
 * Runs a git network command, again after a transport fault (one 5xx or dropped connection must not
 * cost the pushed work): up to 4 tries within a minute. Returns the last result when tries run out.
 */
async function withTransportRetry(operation, what, onRetry) {
    let last;
    try {
        return await (0,retry/* withRetry */.bD)(async (attempt) => {
            last = await operation(attempt);
            if (last.exitCode !== 0 && isTransient(last.stderr))
                throw new TransientGitFailure(what);
            return last;
        }, {
            attempts: 4,
            baseMs: 1_000,
            capMs: 8_000,
            totalMs: 60_000,
            classify: (error) => ({ retry: error instanceof TransientGitFailure }),
            onRetry: ({ attempt, delayMs }) => onRetry?.(`${what} hit a network error (try ${attempt}); retrying in ${delayMs} ms.`),
        });
    }
    catch (error) {
        if (error instanceof TransientGitFailure && last)
            return last;
        throw error;
    }
}
/**
 * A token GitHub no longer accepts: git over HTTPS gets 401, and git prints "fatal: Authentication failed
 * for '…'" (github.com adds "remote: Invalid username or token…"); with prompts off and no credential
 * helper, git stops at "could not read Username". An App token expires after one hour, mid-run.
 */
function isAuthFailure(text) {
    return /Authentication failed|returned error: 401|HTTP 401|could not read Username|Invalid username or (password|token)/i.test(text);
}
/** A token without `contents: write`: "Permission to o/r.git denied to github-actions[bot]." / 403. */
function isPermissionDenied(text) {
    return CLIENT_ERROR.test(text) && /403|denied/i.test(text);
}
function tokenRejected(detail) {
    return new errors/* ActionError */.lZ('token-invalid', `github-token was refused by git (it expired or was revoked during the run): ${detail}`, 'GitHub App tokens expire after one hour: mint the token in the same job right before this step (or shorten timeout-minutes); secrets.GITHUB_TOKEN lasts for the whole job.');
}
function pushHint(text) {
    if (isPermissionDenied(text)) {
        return 'github-token may not push to this repository: give the job `permissions: contents: write` (a fine-grained or App token needs Contents: read and write).';
    }
    if (/workflows?` permission|without `?workflows/i.test(text)) {
        return 'The patch changes .github/workflows; GITHUB_TOKEN cannot push that. Review the patch and apply it yourself.';
    }
    if (/GH001|exceeds GitHub's file size limit/i.test(text))
        return 'A file is over GitHub’s 100 MB limit.';
    if (/GH013/.test(text))
        return 'A repository rule or push protection refused the push; see the lines above.';
    return 'See the lines above.';
}

;// CONCATENATED MODULE: ./src/deliver/follow-up.ts





/**
 * The hidden first line renderPrBody (pr-body.ts) writes into every PR body this action opens. A person
 * can copy it, so it proves nothing alone: it counts only on a PR whose author is a GitHub App bot.
 */
const PR_BODY_MARKER_PREFIX = '<!-- sandbox-agent:run=';
/** GitHub's limit on an issue or PR body (characters); a longer PATCH is refused with 422. */
const MAX_BODY = 65_536;
/** Rebases after the branch moved before giving up (each is a fresh fetch, rebase, proof and lease). */
const MAX_REBASES = 3;
const MOVED_REF = 'refs/sandbox-agent/moved-head';
/**
 * Whether a /agent run on this PR pushes onto its head branch (docs/triggers.md, "Follow-ups"):
 * never on a fork; always on a branch this action created, proven by all of: same repository, head
 * branch under `branch-prefix`, PR author a GitHub App bot (a login ending in `[bot]`, which no
 * person can register; the job token's is `github-actions[bot]`) and the action's hidden marker in the
 * PR body; on any other same-repo PR only with `pr-push-to-head: true`.
 */
function decideFollowUp(pull, settings) {
    if (!pull.sameRepo) {
        return {
            push: false,
            agentBranch: false,
            why: settings.prPushToHead
                ? `pull request #${pull.number} comes from a fork: pr-push-to-head never pushes onto a fork, opening a new pull request instead`
                : `pull request #${pull.number} comes from a fork`,
        };
    }
    const agentBranch = pull.headRef.startsWith(settings.branchPrefix) &&
        pull.author.endsWith('[bot]') &&
        pull.body.includes(PR_BODY_MARKER_PREFIX);
    if (agentBranch) {
        return { push: true, agentBranch, why: `${pull.headRef} was created by this action` };
    }
    if (settings.prPushToHead) {
        return { push: true, agentBranch, why: `pr-push-to-head is on for ${pull.headRef}` };
    }
    return {
        push: false,
        agentBranch,
        why: `${pull.headRef} belongs to @${pull.author || 'its author'} (set pr-push-to-head: true to push onto it); opening a new pull request into it`,
    };
}
/**
 * Pushes the verified (re-authored) commits at HEAD of the isolated repository onto the PR's branch, as
 * a fast-forward with a lease on the head SHA the run started from. If the branch moved, the commits
 * are cherry-picked onto its new tip there, proven equal to `git merge-tree` of the new tip and the
 * verified head (new tip + the same patch), and pushed with a lease on the new tip. Never forced.
 */
async function deliverFollowUp(input, octokit, pull) {
    const { verified, settings, context, logger } = input;
    const git = verified.git;
    const verifiedHead = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
    const count = Number(await git.run(['rev-list', '--count', `${verified.baseSha}..${verifiedHead}`, '--']));
    const remote = {
        git,
        serverUrl: context.serverUrl,
        repository: context.repository,
        token: settings.githubToken,
        redact: (text) => input.secrets.redact(text),
        onRetry: (message) => logger.warning(message),
    };
    let commit = verifiedHead;
    let lease = pull.headSha;
    let landed = false;
    const conflict = (why) => ({
        why: new errors/* ActionError */.lZ('rebase-conflict', `${pull.headRef} moved during the run and ${why}, so nothing was pushed onto it; the verified commits went to a new pull request into it instead.`),
    });
    try {
        for (let rebases = 0;; rebases++) {
            const pushed = await pushOntoBranch({ ...remote, branch: pull.headRef, commit, expectedTip: lease });
            if (pushed.pushed) {
                landed = true;
                break;
            }
            if (!pushed.tip)
                return conflict('was deleted');
            if (rebases >= MAX_REBASES)
                return conflict(`kept moving (${MAX_REBASES} rebases)`);
            logger.info(`${pull.headRef} moved from ${lease.slice(0, 12)} to ${pushed.tip.slice(0, 12)} during the run; rebasing the verified commits onto it.`);
            const rebased = await rebaseOnto(input, pull.headRef, pushed.tip, verifiedHead, count);
            if (typeof rebased !== 'string')
                return conflict(rebased.why);
            commit = rebased;
            lease = pushed.tip;
        }
    }
    finally {
        // A failed rebase leaves HEAD elsewhere; the new-PR fallback pushes the verified commits from HEAD.
        if (!landed)
            await git.run(['checkout', '--quiet', '--detach', verifiedHead, '--']);
    }
    logger.info(`Pushed ${count} verified commit(s) onto ${pull.headRef} (#${pull.number}) as a fast-forward.`);
    await recordFollowUp(input, octokit, pull, lease, commit);
    return {
        delivered: {
            branch: pull.headRef,
            number: pull.number,
            url: pull.url,
            created: false,
            forbidden: false,
            followUp: true,
            compareUrl: `${context.serverUrl}/${context.repository}/compare/${lease}...${commit}`,
        },
    };
}
/**
 * Cherry-picks base..verifiedHead onto `tip` in the isolated repository and proves the result: the
 * rebased tree must equal `git merge-tree --write-tree tip verifiedHead` (their merge base being the
 * verified base), i.e. the new tip with the same patch applied. Returns the rebased commit or why not.
 */
async function rebaseOnto(input, branch, tip, verifiedHead, count) {
    const { verified, settings, context } = input;
    const git = verified.git;
    const fetched = await fetchBranch({
        git,
        serverUrl: context.serverUrl,
        repository: context.repository,
        token: settings.githubToken,
        branch,
        ref: MOVED_REF,
        onRetry: (message) => input.logger.warning(message),
    });
    const fetchedTip = fetched ? await git.exec(['rev-parse', '--verify', `${MOVED_REF}^{commit}`]) : undefined;
    if (fetchedTip?.exitCode !== 0 || fetchedTip.stdout.trim() !== tip) {
        return { why: 'its new tip could not be fetched' };
    }
    // Only a branch that moved forward is rebased onto; a rewritten history is the author's call.
    if (!(await git.tryRun(['merge-base', '--is-ancestor', verified.baseSha, tip]))) {
        return { why: `its history was rewritten (${tip.slice(0, 12)} does not contain the run's start)` };
    }
    await git.run(['checkout', '--quiet', '--detach', tip, '--']);
    const picked = await git.exec([
        'cherry-pick',
        '--no-gpg-sign',
        '--no-rerere-autoupdate',
        `${verified.baseSha}..${verifiedHead}`,
    ]);
    if (picked.exitCode !== 0) {
        await git.exec(['cherry-pick', '--abort']);
        return { why: 'the verified commits do not apply cleanly onto its new tip' };
    }
    const rebased = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
    const mergeBase = await git.exec(['merge-base', tip, verifiedHead]);
    const merged = await git.exec(['merge-tree', '--write-tree', tip, verifiedHead]);
    const rebasedTree = await git.run(['rev-parse', '--verify', 'HEAD^{tree}']);
    const rebasedCount = Number(await git.run(['rev-list', '--count', `${tip}..${rebased}`, '--']));
    if (mergeBase.stdout.trim() !== verified.baseSha ||
        merged.exitCode !== 0 ||
        merged.stdout.split('\n')[0] !== rebasedTree ||
        rebasedCount !== count) {
        return { why: 'the rebased commits could not be proven equal to its new tip plus the verified patch' };
    }
    input.logger.info(`Rebased onto ${tip.slice(0, 12)}: tree ${rebasedTree.slice(0, 12)} equals the new tip merged with the verified patch.`);
    return rebased;
}
/** Appends a Follow-ups entry to the PR body; best effort (the push already landed). */
async function recordFollowUp(input, octokit, pull, from, to) {
    const [owner, repo] = input.context.repository.split('/');
    try {
        const commits = (await input.verified.git.run(['log', '--reverse', '--format=%H%x00%s', `${from}..${to}`, '--']))
            .split('\n')
            .filter(Boolean)
            .map((line) => {
            const [sha = '', subject = ''] = line.split('\0');
            return { sha, subject };
        });
        const entry = renderFollowUpEntry({
            request: input.task.title,
            requestedBy: input.task.requestedBy ?? '',
            commits,
            runLink: (0,settings_context/* runUrl */.V)(input.context),
        });
        // The body as it is now: a person may have edited it since the run started.
        const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
        const body = appendFollowUp(data.body ?? '', entry);
        if (body.length > MAX_BODY) {
            input.logger.warning(`Pull request #${pull.number}'s body is full; the Follow-ups entry was not added.`);
            return;
        }
        await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, body });
    }
    catch (error) {
        input.logger.warning(`Could not add the Follow-ups entry to #${pull.number}: ${(0,github/* errorText */.kc)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/deliver/pull-request-flow.ts









/**
 * Re-author → push a generated branch → open or adopt the PR. A failure before the push throws (an
 * ActionError naming the fix); any failure after it returns `forbidden` with the pushed branch.
 */
async function deliverPullRequest(input) {
    const { settings, context, verified, task, logger } = input;
    if (!settings.githubToken) {
        throw new errors/* ActionError */.lZ('invalid-input', 'github-token is empty, so no pull request can be opened.', 'Pass github-token (the default is the job token) or use output: artifact.');
    }
    // PR text is public: the parts the action did not write itself are scanned before anything is pushed
    // (commit messages and the diff were scanned by the policy).
    const title = settings.pr.title || task.title;
    const leaked = input.secrets.scan([title, task.prompt, input.agentSummary ?? ''].join('\n'));
    if (leaked.length > 0) {
        throw new errors/* ActionError */.lZ('secret-detected', `The pull request text contains a secret (${leaked[0].kind}); nothing was pushed or uploaded.`);
    }
    const [owner, repo] = context.repository.split('/');
    const octokit = await (0,github/* createGitHubClient */.LX)(settings.githubToken, context.apiUrl, logger);
    const base = await resolveBaseBranch(input, octokit, owner, repo);
    const coAuthor = githubUserIdentity(task.requestedBy ?? '', context.actorId);
    await rewriteAuthors({ git: verified.git, baseSha: verified.baseSha, identity: git/* BOT_IDENTITY */.br, coAuthor });
    // A /agent run on a PR: onto its own branch when that is the action's (or opted in), else a new PR.
    let note;
    if (task.pull) {
        const decision = decideFollowUp(task.pull, settings);
        logger.info(`Follow-up on #${task.pull.number}: ${decision.why}.`);
        if (decision.push && verified.baseSha !== task.pull.headSha) {
            logger.warning(`The run did not start from #${task.pull.number}'s head ${task.pull.headSha.slice(0, 12)}; opening a new pull request into ${task.pull.headRef} instead of pushing onto it.`);
        }
        else if (decision.push) {
            const followUp = await deliverFollowUp(input, octokit, task.pull);
            if (followUp.delivered)
                return followUp.delivered;
            note = followUp.why;
            logger.warning(note.describe());
        }
    }
    const earlier = task.trigger === 'schedule' ? await findScheduledPull(input, octokit, owner, repo) : undefined;
    const generated = earlier ?? generatedBranch(settings.branchPrefix, task, context.runId);
    if (!(await verified.git.tryRun(['check-ref-format', '--branch', generated]))) {
        throw new errors/* ActionError */.lZ('invalid-input', `branch-prefix makes an invalid branch name: ${generated}`);
    }
    const pushed = await pushBranch({
        git: verified.git,
        serverUrl: context.serverUrl,
        repository: context.repository,
        token: settings.githubToken,
        branch: generated,
        attempt: context.runAttempt,
        bot: git/* BOT_IDENTITY */.br,
        redact: (text) => input.secrets.redact(text),
        onRetry: (message) => logger.warning(message),
    });
    logger.info(`Pushed ${pushed.branch}${pushed.updated ? ' (updated the branch of an earlier attempt)' : ''}.`);
    const compareUrl = `${context.serverUrl}/${context.repository}/compare/${encodeURIComponent(base)}...${encodeURIComponent(pushed.branch)}?expand=1`;
    try {
        const commits = (await verified.git.run(['log', '--reverse', '--format=%H%x00%s', `${verified.baseSha}..HEAD`, '--']))
            .split('\n')
            .filter(Boolean)
            .map((line) => {
            const [sha = '', subject = ''] = line.split('\0');
            return { sha, subject };
        });
        const files = (await verified.git.run([
            'diff-tree',
            '-r',
            '--no-renames',
            '--name-only',
            '-z',
            verified.baseSha,
            'HEAD',
            '--',
        ]))
            .split('\0')
            .filter(Boolean);
        const body = await renderPrBody({
            task,
            agentSummary: input.agentSummary,
            commits,
            files,
            runLink: (0,settings_context/* runUrl */.V)(context),
            runId: context.runId,
            branch: pushed.branch,
            baseSha: verified.baseSha,
            verifiedTree: verified.headTree,
            linkKeyword: settings.pr.linkKeyword,
        });
        const pr = await openOrUpdatePullRequest({
            octokit,
            owner,
            repo,
            branch: pushed.branch,
            base,
            title,
            body,
            draft: settings.pr.draft,
            labels: settings.pr.labels,
            reviewers: settings.pr.reviewers,
            logger,
        });
        return { branch: pushed.branch, ...pr, forbidden: false, compareUrl, note };
    }
    catch (error) {
        // The branch is pushed but no PR carries it: report the branch and its compare link with the fix
        // (never leave it silently), whatever the cause.
        const refusal = deliveryFailure(error, base);
        logger.warning(`${refusal.describe()} The branch ${pushed.branch} is pushed: ${compareUrl}`);
        return { branch: pushed.branch, created: false, forbidden: true, refusal, compareUrl };
    }
}
/** `<prefix><trigger>-<number or 'run'>-<run_id>`; re-runs of the same run reuse it (and its PR). */
function generatedBranch(prefix, task, runId) {
    return `${prefix}${task.trigger}-${task.number ?? 'run'}-${runId}`;
}
/**
 * SPEC §7 schedule dedupe: the head branch of an open PR from an earlier scheduled run (same repo,
 * branch `<prefix>schedule-…`, carrying every `pr-labels` label). Needs at least one label, so a
 * user's own branch is never adopted by prefix alone.
 */
async function findScheduledPull(input, octokit, owner, repo) {
    const labels = input.settings.pr.labels;
    if (labels.length === 0) {
        input.logger.info('Scheduled run without pr-labels: opening a new pull request (set pr-labels to reuse one).');
        return undefined;
    }
    const prefix = `${input.settings.branchPrefix}schedule-`;
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: 'open',
        per_page: 100,
    });
    const match = pulls.find((p) => p.head.ref.startsWith(prefix) &&
        p.head.label === `${owner}:${p.head.ref}` &&
        labels.every((name) => p.labels.some((l) => l.name === name)));
    if (match)
        input.logger.info(`Updating #${match.number} from an earlier scheduled run (${match.head.ref}).`);
    return match?.head.ref;
}
/** The PR's head branch (same-repo PR comments), `base-branch`, the workflow's branch, or the default branch. */
async function resolveBaseBranch(input, octokit, owner, repo) {
    if (input.task.baseBranch)
        return input.task.baseBranch;
    if (input.settings.baseBranch)
        return input.settings.baseBranch;
    const ref = input.context.refName;
    if (ref && !/^\d+\/merge$/.test(ref) && input.context.refType !== 'tag')
        return ref;
    const { data } = await octokit.rest.repos.get({ owner, repo });
    return data.default_branch;
}

// EXTERNAL MODULE: ./src/deliver/summary-links.ts
var summary_links = __webpack_require__(16569);
// EXTERNAL MODULE: ./src/deliver/can-deliver.ts
var can_deliver = __webpack_require__(36359);
;// CONCATENATED MODULE: ./src/deliver/index.ts









/** Uploads the artifact; a failed upload is never thrown: the verified work stays in out-dir. */
async function keepWork(input) {
    const { settings } = input;
    try {
        return await uploadArtifact({
            name: settings.artifactName,
            fallbackName: fallbackArtifactName(settings.artifactName, input.context.job, (0,spec/* newRunNonce */.T5)()),
            explicitName: settings.artifactName !== (0,src_settings/* defaultArtifactName */.Vb)(input.context),
            files: [
                input.capture.mboxPath,
                input.capture.metaPath,
                ...(input.transcriptPath ? [input.transcriptPath] : []),
            ],
            rootDir: settings.outDir,
            onRunner: input.context.onRunner,
            logger: input.logger,
        });
    }
    catch (error) {
        const failure = (0,errors/* toActionError */.ie)(error, 'artifact-upload-failed');
        input.logger.warning(failure.describe());
        return { uploaded: false, failure };
    }
}

/**
 * The delivery ladder (SPEC §6, §9): PR → (pushed, no PR) `branch-pushed` + compare link → (policy
 * fallback or a failed agent) artifact. `output: both` adds the artifact to a PR. Work from an agent
 * that failed or ran out of time is never opened as a PR. After verify the work is always kept
 * (artifact on a runner, out-dir elsewhere or when the upload fails); a PR that was asked for and not
 * opened for any other reason (push denied, token expired, GitHub down) fails the step.
 */
async function deliver(input) {
    injectTestFault('deliver');
    const { settings, capture, verified } = input;
    const agentReason = capture.meta.agent_timed_out
        ? 'agent-timeout'
        : capture.meta.agent_exit_code !== 0
            ? 'agent-failed'
            : '';
    const what = `${verified.commits} verified commit(s) touching ${verified.filesChanged} file(s)`;
    const holdBack = agentReason || input.policyFallback?.reason;
    // Issue 20 item 6: a fork PR with allow-fork-prs: suggest gets a review, never a push.
    const pull = input.task.pull;
    if (settings.suggestOnForks && pull && !pull.sameRepo && settings.output !== 'artifact' && !holdBack) {
        return deliverAsReview(input, pull, what);
    }
    let pr;
    // Asked for a PR and none came, for a reason that is neither policy nor the agent's: the step fails.
    let prFailure;
    if (settings.output !== 'artifact' && !holdBack) {
        try {
            pr = await deliverPullRequest(input);
        }
        catch (error) {
            // A secret in the PR text: nothing is pushed or uploaded.
            if (error instanceof errors/* ActionError */.lZ && error.reason === 'secret-detected')
                throw error;
            prFailure = deliveryFailure(error, settings.baseBranch);
            input.logger.warning(prFailure.describe());
        }
    }
    const prDelivered = Boolean(pr && !pr.forbidden);
    const wantArtifact = settings.output !== 'pull-request' || !prDelivered;
    const kept = wantArtifact ? await keepWork(input) : { uploaded: false };
    const mbox = capture.mboxPath;
    const where = kept.uploaded
        ? `uploaded as artifact ${kept.name ?? settings.artifactName}`
        : kept.failure
            ? `kept on the runner in ${mbox} (the artifact upload failed)`
            : `kept in ${mbox}`;
    const artifact = {
        artifactId: kept.id,
        artifactName: kept.uploaded ? (kept.name ?? settings.artifactName) : undefined,
    };
    const uploadFailed = (outcome) => prDelivered ? outcome : failIfNotUploaded(kept, outcome);
    if (pr && !pr.forbidden) {
        const verb = pr.followUp ? 'Pushed onto the branch of' : pr.created ? 'Opened' : 'Updated';
        return {
            outcome: pr.created ? 'pr-opened' : 'pr-updated',
            reason: pr.note?.reason ?? '',
            message: `${verb} pull request #${pr.number} with ${what}${kept.uploaded ? `; also ${where}` : ''}.${pr.note ? ` ${pr.note.describe()}` : ''}`,
            followUp: pr.followUp,
            branch: pr.branch,
            prNumber: pr.number,
            prUrl: pr.url,
            compareUrl: pr.compareUrl,
            ...artifact,
        };
    }
    if (pr?.forbidden) {
        // A PR was asked for and none was opened: the step fails (see failsStep), the branch and work are kept.
        return {
            outcome: 'branch-pushed',
            reason: pr.refusal?.reason ?? 'pr-creation-forbidden',
            message: `Pushed ${what} to branch ${pr.branch}, but no pull request was opened: ${pr.refusal?.describe() ?? 'GitHub refused it.'} The work was also ${where}. Open the pull request from ${pr.compareUrl}`,
            branch: pr.branch,
            compareUrl: pr.compareUrl,
            ...artifact,
        };
    }
    if (prFailure) {
        return {
            outcome: 'failed',
            reason: prFailure.reason,
            message: `No pull request was opened: ${prFailure.describe()} The work (${what}) was ${where}.`,
            ...artifact,
        };
    }
    if (agentReason) {
        const how = agentReason === 'agent-timeout'
            ? 'ran out of time'
            : `exited with code ${capture.meta.agent_exit_code}`;
        return uploadFailed({
            outcome: 'artifact',
            reason: agentReason,
            message: `The agent ${how}; its partial work (${what}) was ${where}.`,
            ...artifact,
        });
    }
    if (input.policyFallback) {
        return uploadFailed({
            outcome: 'artifact',
            reason: input.policyFallback.reason,
            message: `${input.policyFallback.message} The work (${what}) was ${where} for review.`,
            ...artifact,
        });
    }
    return uploadFailed({
        outcome: 'artifact',
        reason: '',
        message: `The agent's work (${what}) was ${where}.`,
        ...artifact,
    });
}
/**
 * `allow-fork-prs: suggest`: the mbox is kept first (it is the deliverable; the review is a view of it),
 * then one review of suggested changes is posted on the fork PR. Nothing is pushed, no branch or PR is
 * made. The step fails only when no review at all could be posted (the work is kept either way).
 */
async function deliverAsReview(input, pull, what) {
    const { settings, context, verified } = input;
    const kept = await keepWork(input);
    const name = kept.uploaded ? (kept.name ?? settings.artifactName) : undefined;
    const links = { serverUrl: context.serverUrl, repository: context.repository, runId: context.runId };
    const review = await deliverSuggestions({
        git: verified.git,
        headSha: verified.baseSha,
        mergeBase: input.pullMergeBase,
        verifiedTree: verified.headTree,
        commits: verified.commits,
        token: settings.githubToken,
        apiUrl: context.apiUrl,
        repository: context.repository,
        pullNumber: pull.number,
        artifact: {
            name,
            url: (0,summary_links/* artifactUrl */.W)(links, kept.id),
            runId: context.runId,
            keptAt: name ? undefined : input.capture.mboxPath,
        },
        agentSummary: input.agentSummary,
        logger: input.logger,
    });
    const where = kept.uploaded
        ? `uploaded as artifact ${name}`
        : `kept in ${input.capture.mboxPath}${kept.failure ? ' (the artifact upload failed)' : ''}`;
    const common = {
        prNumber: pull.number,
        prUrl: pull.url,
        suggestions: review.suggestions,
        artifactId: kept.id,
        artifactName: name,
    };
    if (!review.posted) {
        return {
            outcome: 'failed',
            reason: review.failure?.reason ?? 'permission-missing',
            message: `${review.failure?.describe() ?? 'No review could be posted.'} The work (${what}) was ${where}.`,
            ...common,
        };
    }
    const listed = review.unexpressible > 0 ? `, ${review.unexpressible} part(s) listed in its body` : '';
    const outcome = {
        outcome: 'artifact',
        reason: '',
        message: `Posted a review with ${review.suggestions} suggested change(s) on fork pull request #${pull.number}${listed}; nothing was pushed. The work (${what}) was ${where}.`,
        ...common,
    };
    return failIfNotUploaded(kept, outcome);
}
/** Work meant only for the artifact that could not be uploaded fails the step (it is still on disk). */
function failIfNotUploaded(kept, outcome) {
    if (!kept.failure || outcome.outcome !== 'artifact')
        return outcome;
    return {
        ...outcome,
        outcome: 'failed',
        reason: 'artifact-upload-failed',
        message: `${kept.failure.message} ${outcome.message}`,
    };
}

;// CONCATENATED MODULE: ./src/deliver/keep-after-failure.ts



/**
 * Uploads the verified mbox, meta and transcript as the artifact (as delivery would) unless the failure is
 * a secret, or one of those files, or the verified diff read as text, holds a registered secret: the
 * policy's own scan may be what did not run, so it is redone here on exactly what would leave. When the
 * scan cannot run, nothing is uploaded. The files stay in out-dir in every case.
 */
async function keepWorkAfterFailure(input) {
    const failure = (0,errors/* toActionError */.ie)(input.error);
    if (failure.reason === 'secret-detected')
        return { failure, artifact: {} };
    const what = `${input.verified.commits} verified commit(s) touching ${input.verified.filesChanged} file(s)`;
    const onDisk = `kept on the runner in ${input.capture.mboxPath}`;
    const explain = (where) => new errors/* ActionError */.lZ(failure.reason, `${failure.message.replace(/\.*$/, '.')} The work (${what}) was ${where}.`, failure.hint, {
        cause: input.error,
    });
    let leak;
    try {
        leak = await findSecret(input);
    }
    catch (error) {
        input.logger.warning(`The work was not uploaded: it could not be scanned for secrets (${(0,errors/* errorMessage */.gJ)(error)}).`);
        return {
            failure: explain(`${onDisk} (not uploaded: it could not be scanned for secrets)`),
            artifact: {},
        };
    }
    if (leak) {
        return {
            failure: new errors/* ActionError */.lZ('secret-detected', `The patch contains a secret (${leak}); nothing was pushed or uploaded. (${failure.message})`),
            artifact: {},
        };
    }
    const kept = await keepWork({ ...input, logger: input.logger });
    if (kept.uploaded) {
        const name = kept.name ?? input.settings.artifactName;
        return {
            failure: explain(`uploaded as artifact ${name}`),
            artifact: { artifactId: kept.id, artifactName: name },
        };
    }
    return {
        failure: explain(kept.failure ? `${onDisk} (the artifact upload failed)` : `kept in ${input.capture.mboxPath}`),
        artifact: {},
    };
}
/** The first registered secret in what would be uploaded or in the verified diff as text, by label. */
async function findSecret(input) {
    const { secrets } = input;
    const full = (text) => [...secrets.scan(text), ...secrets.scanSplit(text)];
    const texts = [
        secrets.scanValues(await (0,promises_.readFile)(input.capture.mboxPath, 'utf8')),
        full(await (0,promises_.readFile)(input.capture.metaPath, 'utf8')),
        input.transcriptPath ? full(await (0,promises_.readFile)(input.transcriptPath, 'utf8')) : [],
    ];
    // Binary hunks are deflated in the mbox: read the verified commits as text, as the policy does.
    const log = await input.verified.git.exec([
        'log',
        '-p',
        '--text',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        `${input.verified.baseSha}..HEAD`,
        '--',
    ]);
    if (log.exitCode !== 0 || log.truncated)
        throw new Error('the verified diff could not be read');
    texts.push(secrets.scanValues(log.stdout));
    return texts.flat()[0]?.kind;
}

// EXTERNAL MODULE: ./src/deliver/quarantine.ts
var quarantine = __webpack_require__(79033);
// EXTERNAL MODULE: ./src/deliver/verify.ts + 2 modules
var verify = __webpack_require__(83889);
// EXTERNAL MODULE: ./src/policy/caps.ts
var policy_caps = __webpack_require__(15845);
// EXTERNAL MODULE: ./src/policy/entries.ts
var policy_entries = __webpack_require__(96622);
;// CONCATENATED MODULE: ./src/policy/fold.ts
/**
 * How other filesystems see a path. A checkout on macOS (HFS+/APFS) or Windows (NTFS) folds case,
 * macOS also ignores some invisible code points and normalizes Unicode, and Windows drops trailing dots
 * and spaces and alternate data stream suffixes. A path that is harmless on the Linux runner can be
 * `.git/config` or `.husky/pre-commit` on a developer's machine, so path rules compare folded forms.
 */
/** Code points HFS+ ignores in names (git's utf8.c `next_hfs_char`, used by `is_hfs_dotgit`). */
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
/** One path segment as a case-insensitive, HFS- and NTFS-tolerant filesystem would name it. */
function foldSegment(segment) {
    return (segment
        .replace(HFS_IGNORABLE, '')
        .normalize('NFC')
        .toLowerCase()
        // NTFS: `name::$INDEX_ALLOCATION` and `name:stream` name `name` (git's `is_ntfs_dot_generic`).
        .replace(/:.*$/, '')
        // NTFS: trailing dots and spaces are dropped.
        .replace(/[. ]+$/, ''));
}
/** A whole path, folded segment by segment (separators as git sees them: `/`). */
function foldPath(path) {
    return path.split('/').map(foldSegment).join('/');
}
/** `.git` as any of the filesystems above (or the NTFS 8.3 short name `GIT~1`) would resolve it. */
function isDotGit(segment) {
    const folded = foldSegment(segment);
    return folded === '.git' || folded === 'git~1';
}

;// CONCATENATED MODULE: ./src/policy/glob.ts

/**
 * Protected-path globs, gitignore-like: `*` and `?` stay inside one path segment, `**` spans segments,
 * a trailing `/**` covers everything below a directory and, unlike gitignore, the directory name itself
 * (a symlink or file named `.github` replacing the directory is a protected change too). A pattern
 * without `/` matches at the root only (`CODEOWNERS`), so write `**\/name` to match at any depth.
 */
function globToRegExp(glob) {
    const pattern = glob.replace(/^\.?\//, '');
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const char = pattern[i];
        if (char === '*' && pattern[i + 1] === '*' && i + 2 === pattern.length && source.endsWith('/')) {
            source = `${source.slice(0, -1)}(?:/.*)?`;
            i += 1;
        }
        else if (char === '*' && pattern[i + 1] === '*') {
            const slashAfter = pattern[i + 2] === '/';
            source += slashAfter ? '(?:.*/)?' : '.*';
            i += slashAfter ? 2 : 1;
        }
        else if (char === '*') {
            source += '[^/]*';
        }
        else if (char === '?') {
            source += '[^/]';
        }
        else {
            source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}$`);
}
/**
 * The first glob that matches `path` as any checkout would see it: case, Unicode normalization,
 * HFS-ignorable code points and NTFS trailing dots are folded on both sides, so `.Husky/pre-commit`,
 * `claude.md` and `.git\u200chub/x` are protected like `.husky/**`, `CLAUDE.md` and `.github/**`.
 */
function matchesAny(path, globs) {
    const folded = foldPath(path);
    return globs.find((glob) => {
        const pattern = glob.normalize('NFC').toLowerCase();
        return (globToRegExp(pattern).test(folded) || globToRegExp(pattern).test(path.normalize('NFC').toLowerCase()));
    });
}

// EXTERNAL MODULE: ./src/policy/types.ts
var types = __webpack_require__(63943);
;// CONCATENATED MODULE: ./src/policy/paths.ts






const GITLINK = '160000';
const SYMLINK = '120000';
/**
 * Path and mode rules (SPEC §6, research D4/D5/D8) on every change of every commit: invalid paths,
 * gitlinks and `.gitmodules` are refused; symlinks are flagged, refused when they leave the repository;
 * protected paths follow `protected-paths-policy`. Renames count on both sides (`--no-renames`).
 */
async function pathFindings(git, entries, settings) {
    const findings = [];
    const seen = new Set();
    const once = (finding) => {
        const key = `${finding.rule}\0${finding.path}\0${finding.detail}`;
        if (!seen.has(key))
            findings.push(finding);
        seen.add(key);
    };
    const targets = await symlinkTargets(git, entries);
    const linksByCommit = await symlinksOfCommits(git, entries);
    for (const entry of entries) {
        const shown = (0,types/* showPath */.P)(entry.path);
        const quoted = (0,types/* codePath */.X)(entry.path);
        const invalid = invalidPath(entry.path);
        if (invalid) {
            once({
                rule: 'path',
                reason: 'policy-violation',
                path: shown,
                detail: `The patch touches an invalid path ${quoted} (${invalid}).`,
                effect: 'refuse',
            });
        }
        if (entry.newMode === GITLINK || entry.oldMode === GITLINK) {
            once({
                rule: 'gitlink',
                reason: 'policy-violation',
                path: shown,
                detail: `The patch changes a submodule (gitlink) at ${quoted}.`,
                effect: 'refuse',
            });
        }
        if (isGitmodules(entry.path.split('/').at(-1) ?? '')) {
            once({
                rule: 'gitmodules',
                reason: 'policy-violation',
                path: shown,
                detail: `The patch changes ${quoted}, which declares submodules.`,
                effect: 'refuse',
            });
        }
        if (entry.newMode === SYMLINK) {
            const escapes = symlinkEscape(entry.path, targets.get(entry.newSha)) ??
                symlinkChainEscape(entry.path, linksByCommit.get(entry.commit) ?? new Map());
            once({
                rule: 'symlink',
                reason: 'policy-violation',
                path: shown,
                detail: escapes
                    ? `The patch adds a symlink at ${quoted} that ${escapes}.`
                    : `The patch adds a symlink at ${quoted} (inside the repository).`,
                effect: escapes ? 'refuse' : 'note',
            });
        }
        const glob = matchesAny(entry.path, settings.protectedPaths);
        if (glob) {
            const policy = settings.protectedPathsPolicy;
            once({
                rule: 'protected',
                reason: 'protected-path',
                path: shown,
                detail: `The patch changes the protected path ${quoted} (${(0,inline_code/* inlineCode */.t)(glob)}).`,
                effect: policy === 'block' ? 'refuse' : policy === 'fallback' ? 'fallback' : 'note',
            });
        }
    }
    return findings;
}
/** Why git or a checkout on another OS must never see this path, or undefined when it is fine. */
function invalidPath(path) {
    if (/[\u0000-\u001f\u007f]/.test(path))
        return 'control characters';
    if (path.startsWith('/') || path.startsWith('\\'))
        return 'absolute';
    // Backslashes are separators on Windows checkouts; `.git` variants include NTFS 8.3 and trailing dots.
    for (const segment of path.split(/[/\\]/)) {
        if (segment === '' || segment === '.' || segment === '..')
            return 'empty, . or .. component';
        if (isDotGit(segment))
            return '.git component';
    }
    return undefined;
}
/** `.gitmodules` as a case-folding, HFS or NTFS checkout would resolve it (NTFS short name included). */
function isGitmodules(name) {
    const folded = foldSegment(name);
    return folded === '.gitmodules' || /^gitmod~\d$/.test(folded);
}
/** Why a symlink target leaves the repository (or reaches into `.git`), or undefined when it stays inside. */
function symlinkEscape(path, target) {
    if (target === undefined)
        return 'could not be read';
    if (target === '' || /[\u0000-\u001f\u007f]/.test(target))
        return 'has an unusable target';
    if (target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target))
        return 'points to an absolute path';
    if (target.startsWith('~'))
        return 'points into a home directory';
    const resolved = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(path), target.replace(/\\/g, '/')));
    if (resolved === '..' || resolved.startsWith('../'))
        return 'points outside the repository';
    if (resolved.split('/').some(isDotGit))
        return 'points into .git';
    return undefined;
}
/** Following symlinks the way a checkout would: more hops than this is a loop (Linux allows 40). */
const MAX_SYMLINK_HOPS = 40;
/**
 * Why a symlink leaves the repository once other symlinks on its way are followed, or undefined.
 * `symlinkEscape` is lexical: `s/t -> ..` stays inside, but `y -> s/t/..` normalizes to `s` while the
 * OS resolves `s/t` to the root first and then `..` above it. `links` maps every symlink path of the
 * commit's tree to its target.
 */
function symlinkChainEscape(path, links) {
    const stack = external_node_path_.posix
        .dirname(path)
        .split('/')
        .filter((s) => s !== '' && s !== '.');
    const target = links.get(path);
    if (target === undefined)
        return undefined;
    const pending = target.replace(/\\/g, '/').split('/');
    let hops = 0;
    while (pending.length > 0) {
        const part = pending.shift();
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (stack.length === 0)
                return 'points outside the repository through another symlink';
            stack.pop();
            continue;
        }
        stack.push(part);
        const next = links.get(stack.join('/'));
        if (next === undefined)
            continue;
        if (++hops > MAX_SYMLINK_HOPS)
            return 'is part of a symlink loop';
        if (next.startsWith('/') || next.startsWith('\\') || /^[A-Za-z]:/.test(next) || next.startsWith('~'))
            return 'points outside the repository through another symlink';
        stack.pop();
        pending.unshift(...next.replace(/\\/g, '/').split('/'));
    }
    if (stack.some(isDotGit))
        return 'points into .git through another symlink';
    return undefined;
}
/**
 * Every symlink (path → target) in the tree of each commit that adds one: base symlinks and links from
 * earlier commits take part in a chain too. Commits without new symlinks cost nothing.
 */
async function symlinksOfCommits(git, entries) {
    const commits = [...new Set(entries.filter((e) => e.newMode === SYMLINK).map((e) => e.commit))];
    const byCommit = new Map();
    for (const commit of commits) {
        const listing = await git.run(['ls-tree', '-r', '-z', '--full-tree', commit, '--']);
        const paths = new Map();
        for (const line of listing.split('\0')) {
            const tab = line.indexOf('\t');
            const [mode, type, sha] = line.slice(0, tab).split(' ');
            if (mode === SYMLINK && type === 'blob' && sha)
                paths.set(line.slice(tab + 1), sha);
        }
        const targets = await readBlobs(git, [...new Set(paths.values())]);
        const links = new Map();
        for (const [path, sha] of paths) {
            const target = targets.get(sha);
            // An unreadable target is refused by symlinkEscape when it is new; treat old ones as leaving.
            links.set(path, target ?? '/');
        }
        byCommit.set(commit, links);
    }
    return byCommit;
}
/** Symlink targets, read as blobs through git (never through the filesystem of the verify repo). */
async function symlinkTargets(git, entries) {
    const shas = [
        ...new Set(entries.filter((e) => e.newMode === SYMLINK && !policy_entries/* NULL_SHA */.N.test(e.newSha)).map((e) => e.newSha)),
    ];
    return readBlobs(git, shas);
}
async function readBlobs(git, shas) {
    const targets = new Map();
    if (shas.length === 0)
        return targets;
    const batch = await git.exec(['cat-file', '--batch'], { input: `${shas.join('\n')}\n` });
    const bytes = batch.stdoutBytes;
    let offset = 0;
    for (const sha of shas) {
        const headerEnd = bytes.indexOf(0x0a, offset);
        if (headerEnd < 0)
            break;
        const [, type, size] = bytes.subarray(offset, headerEnd).toString('utf8').split(' ');
        offset = headerEnd + 1;
        if (type !== 'blob')
            continue;
        const length = Number(size);
        targets.set(sha, bytes.subarray(offset, offset + length).toString('utf8'));
        offset += length + 1;
    }
    return targets;
}

;// CONCATENATED MODULE: ./src/policy/secrets.ts


/**
 * Secret hygiene (SPEC §6, research C4): every outbound byte is scanned for the exact values the action
 * handled (raw, base64, URL-encoded, JSON-escaped, also split across lines) and for token patterns.
 * - The diff of every commit (added lines, `--text` so binary files are read too), from git's view.
 * - Commit messages and author/committer identities (the mbox carries both).
 * - File names, PR title/body, the transcript.
 * - The mbox bytes, for registered values only: its context lines come from the base, where a
 *   pattern-shaped test fixture is no leak.
 * A hit blocks both the push and the artifact; findings name the place and the pattern, never the value.
 */
async function secretFindings(input) {
    const { git, baseSha, secrets } = input;
    const findings = [];
    const seen = new Set();
    const found = (where, hits, path) => {
        for (const { kind } of hits) {
            const key = `${where}\0${kind}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            findings.push({
                rule: 'secret',
                reason: 'secret-detected',
                ...(path === undefined ? {} : { path }),
                pattern: kind,
                detail: `The patch contains a secret (${kind}) in ${where}; nothing was pushed or uploaded.`,
                effect: 'refuse',
            });
        }
    };
    const full = (text) => [...secrets.scan(text), ...secrets.scanSplit(text)];
    const log = await git.exec([
        'log',
        '-p',
        '--text',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--no-renames',
        '--format=%x00%H',
        `${baseSha}..HEAD`,
        '--',
    ]);
    if (log.exitCode !== 0 || log.truncated) {
        findings.push({
            rule: 'secret',
            reason: log.truncated ? 'patch-too-large' : 'policy-violation',
            detail: log.truncated
                ? 'The patch is too large to scan for secrets, so it was not pushed or uploaded.'
                : 'The diff could not be read to scan it for secrets, so it was not pushed or uploaded.',
            effect: 'refuse',
        });
    }
    else {
        for (const [file, added] of addedLinesByFile(log.stdout)) {
            found((0,types/* codePath */.X)(file), full(added), (0,types/* showPath */.P)(file));
        }
    }
    const messages = await git.run(['log', '--format=%an <%ae>%n%cn <%ce>%n%B%x00', `${baseSha}..HEAD`, '--']);
    found('a commit message or author', full(messages));
    // A secret as a file name: the finding cannot name the file.
    found('a file name', secrets.scan([...new Set(input.entries.map((e) => e.path))].join('\n')));
    if (input.texts?.prTitle)
        found('the pull request title', full(input.texts.prTitle));
    if (input.texts?.prBody)
        found('the pull request body', full(input.texts.prBody));
    const transcript = input.texts?.transcript ??
        (input.transcriptPath ? await (0,promises_.readFile)(input.transcriptPath, 'utf8').catch(() => '') : '');
    if (transcript)
        found('the agent transcript', full(transcript));
    if (input.mboxPath) {
        const mbox = await (0,promises_.readFile)(input.mboxPath, 'utf8').catch(() => '');
        found('the mbox', secrets.scanValues(mbox));
    }
    return findings;
}
/**
 * Added lines per file from `git log -p` output, joined per commit and file. Headers end at the first
 * `@@`; inside hunks every line has a one-character prefix, so content never looks like a header.
 */
function addedLinesByFile(patch) {
    const out = [];
    let file = '';
    let lines = [];
    let inHunk = false;
    const flush = () => {
        if (lines.length > 0)
            out.push([file || 'the diff', lines.join('\n')]);
        lines = [];
    };
    for (const line of patch.split('\n')) {
        if (line.startsWith('\0') || line.startsWith('diff --git ')) {
            flush();
            inHunk = false;
            if (line.startsWith('diff --git '))
                file = diffHeaderPath(line);
            continue;
        }
        if (!inHunk) {
            if (line.startsWith('+++ ') && line !== '+++ /dev/null')
                file = unquote(line.slice(4)).replace(/^b\//, '');
            if (line.startsWith('@@'))
                inHunk = true;
            continue;
        }
        if (line.startsWith('+'))
            lines.push(line.slice(1));
    }
    flush();
    return out;
}
function diffHeaderPath(line) {
    const rest = line.slice('diff --git '.length);
    const b = rest.lastIndexOf(' b/');
    return b >= 0 ? rest.slice(b + 3) : unquote(rest);
}
/** Git quotes unusual paths C-style ("b/\303\244"); decode the octal escapes for display. */
function unquote(text) {
    if (!text.startsWith('"') || !text.endsWith('"'))
        return text;
    const bytes = [];
    const body = text.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
        const char = body[i];
        if (char !== '\\') {
            bytes.push(...Buffer.from(char, 'utf8'));
            continue;
        }
        const next = body[++i] ?? '';
        if (/[0-7]/.test(next)) {
            bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
            i += 2;
        }
        else {
            const escapes = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };
            bytes.push(escapes[next] ?? next.charCodeAt(0));
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

;// CONCATENATED MODULE: ./src/policy/index.ts







/** When several findings refuse, the reason reported is the most serious one. */
const SEVERITY = [
    'secret-detected',
    'policy-violation',
    'protected-path',
    'patch-too-large',
];
/**
 * The last gate before a push or a public artifact (SPEC §6). It runs on git's view of the applied
 * result, never on the mbox text: modes and paths from `diff-tree --raw` per commit, sizes from
 * `cat-file`, and a secret scan of every outbound text. It never throws: an internal error refuses.
 */
async function checkPolicy(input) {
    let paths = [];
    let findings;
    try {
        injectTestFault('policy');
        const entries = await (0,policy_entries/* readEntries */.$)(input.git, input.baseSha);
        paths = [...new Set(entries.map((e) => e.path))];
        const caps = await (0,policy_caps/* capFindings */.jZ)({
            git: input.git,
            entries,
            caps: input.settings.caps,
            mboxBytes: input.mboxBytes,
            commits: input.commits,
        });
        // A patch that expands past the limits is refused anyway; do not feed gigabytes to the scanner.
        const expanded = caps.some((f) => f.effect === 'refuse');
        findings = [
            ...(await pathFindings(input.git, entries, input.settings)),
            ...caps,
            ...(expanded ? [] : await secretFindings({ ...input, entries })),
        ];
    }
    catch (error) {
        findings = [
            {
                rule: 'internal',
                reason: 'policy-violation',
                detail: `The policy check could not finish (${(0,errors/* errorMessage */.gJ)(error)}), so nothing was pushed.`,
                effect: 'refuse',
            },
        ];
    }
    // Details quote paths the agent chose; a path may itself carry a secret.
    findings = findings.map((f) => ({ ...f, detail: input.secrets.redact(f.detail) }));
    return { paths, findings, ...decide(findings) };
}
function decide(findings) {
    const rank = (f) => {
        const index = SEVERITY.indexOf(f.reason);
        return index < 0 ? SEVERITY.length : index;
    };
    for (const effect of ['refuse', 'fallback']) {
        const deciding = findings.filter((f) => f.effect === effect).sort((a, b) => rank(a) - rank(b))[0];
        if (deciding)
            return { decision: effect, reason: deciding.reason, message: deciding.detail };
    }
    return { decision: 'allow' };
}

;// CONCATENATED MODULE: ./src/lazy-stages-impl.ts
// The stages that run after the snapshot, gathered so that the bundle puts them in one chunk that
// src/lazy-stages.ts loads on first use. Import them from there, not from here.










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

/***/ 35323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ CLOSING_KEYWORDS)
/* harmony export */ });
/**
 * GitHub's closing keywords: before an issue reference in a PR body or in a commit that reaches the
 * default branch, they close that issue. One list for every place that neutralizes agent text.
 */
const CLOSING_KEYWORDS = new Set([
    'close',
    'closes',
    'closed',
    'fix',
    'fixes',
    'fixed',
    'resolve',
    'resolves',
    'resolved',
]);


/***/ }),

/***/ 33170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ requesterMention)
/* harmony export */ });
/**
 * GitHub's login rule: 1–39 characters, letters, digits and single hyphens, neither first nor last.
 * An app's account is its slug plus `[bot]`.
 */
const USER_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const BOT_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\[bot\]$/;
/**
 * How GitHub text names the person who asked for the run: `@login` (a mention, on purpose: they asked)
 * for a valid user login, the bot's login in code (a bot is not pinged), nothing for anything else, so
 * a login that is not one can never smuggle Markdown or a second mention into our text.
 */
function requesterMention(login) {
    if (!login)
        return undefined;
    if (USER_LOGIN.test(login))
        return `@${login}`;
    if (BOT_LOGIN.test(login))
        return `\`${login}\``;
    return undefined;
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


/***/ }),

/***/ 52773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RM: () => (/* binding */ parseCommand),
/* harmony export */   w2: () => (/* binding */ isBot),
/* harmony export */   wl: () => (/* binding */ TRACKING_MARKER_PREFIX)
/* harmony export */ });
/** Hidden marker in every comment this action posts; a comment carrying it never triggers a run. */
const TRACKING_MARKER_PREFIX = '<!-- sandbox-agent:';
/**
 * SPEC §7: a comment triggers only when the first token of its first line is exactly the trigger
 * phrase. Quoted (`> /agent`), fenced or indented (code) text, the phrase on a later line, and
 * `/agentfoo` do not. Bodies carrying our own marker never trigger (nothing we post re-triggers us).
 */
function parseCommand(body, phrase) {
    if (!phrase || body.includes(TRACKING_MARKER_PREFIX))
        return null;
    const text = body.replace(/^\uFEFF/, '');
    const newline = text.search(/\r?\n/);
    const first = newline === -1 ? text : text.slice(0, newline);
    const rest = newline === -1 ? '' : text.slice(newline).replace(/^\r?\n/, '');
    // Up to three spaces of indentation; four or a tab is a markdown code block.
    const match = /^ {0,3}(\S+)(?:[ \t]+(.*))?$/.exec(first);
    if (!match || match[1] !== phrase)
        return null;
    const head = (match[2] ?? '').trim();
    const instruction = [head, rest].filter((part) => part.trim().length > 0).join('\n');
    return { instruction: instruction.replace(/\s+$/, '') };
}
/** Bot accounts: the `[bot]` login suffix or `type: Bot`. */
function isBot(user) {
    return (user.login ?? '').endsWith('[bot]') || user.type === 'Bot';
}


/***/ })

};
