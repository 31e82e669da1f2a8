export const id = 945;
export const ids = [945];
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

/***/ 66945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderSummary: () => (/* binding */ renderSummary)
/* harmony export */ });
/* unused harmony exports outcomeHeading, sandboxLifetimeMs, wallTimeMs, formatUsage */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(25156);
/* harmony import */ var _snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93554);
/* harmony import */ var _agent_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(789);
/* harmony import */ var _quarantine_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(79033);
/* harmony import */ var _summary_links_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(16569);







/**
 * Markdown for the job summary, most useful first: the outcome as a heading, our one sentence, what the
 * agent did, links, cost, a stage timeline, and the verification details folded away. Agent text goes
 * only through the Markdown sanitizer (`renderAgentSummarySection`), agent-chosen strings (the sandbox
 * id, names) only through `inlineCode`. Built as Markdown rather than with `core.summary`'s HTML
 * builders so the sanitized Markdown and our own sections render the same way and can be checked by
 * a Markdown parser in the tests.
 */
async function renderSummary(result, links = {}) {
    const where = typeof links === 'string' ? { runUrl: links } : links;
    // Our compare link sits in the message; it stays a link when it is on the run's GitHub server.
    const message = await (0,_agent_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .renderMessage */ .e4)(result.message, (0,_agent_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .hostsOf */ .PP)(where.runUrl ?? where.serverUrl));
    const sections = [`## ${outcomeHeading(result)}`, message.trimEnd()];
    if (result.agentSummary) {
        const section = await (0,_agent_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .renderAgentSummarySection */ .NS)(result.agentSummary);
        if (section)
            sections.push(section.trimEnd());
    }
    sections.push(linksSection(result, where), costSection(result), timelineSection(result.timings));
    sections.push(detailsSection(result));
    return `${sections.filter(Boolean).join('\n\n')}\n`;
}
const POLICY_REASONS = new Set(['protected-path', 'patch-too-large', 'policy-violation', 'secret-detected']);
/** Emoji and words for the outcome: what a reader scanning a list of runs needs first. */
function outcomeHeading(result) {
    switch (result.outcome) {
        case 'pr-opened':
            return '✅ Pull request opened';
        case 'pr-updated':
            return '✅ Pull request updated';
        case 'branch-pushed':
            return '⚠️ Branch pushed, no pull request';
        case 'artifact':
            return result.artifactId ? '📦 Patch saved as an artifact' : '📦 Patch kept on the runner';
        case 'no-changes':
            return '➖ No changes';
        case 'refused':
            return POLICY_REASONS.has(result.reason) ? '⛔ Refused by policy' : '⛔ Refused';
        case 'failed':
            return '❌ Failed';
    }
}
function linksSection(result, links) {
    const items = [];
    const apply = [];
    if (result.prUrl)
        items.push(`- Pull request: [#${result.prNumber}](${result.prUrl})`);
    if (result.branch) {
        const compare = links.serverUrl && links.repository && result.baseSha
            ? ` ([compare](${links.serverUrl}/${links.repository}/compare/${result.baseSha}...${result.branch.split('/').map(encodeURIComponent).join('/')}))`
            : '';
        items.push(`- Branch: ${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.branch)}${compare}`);
    }
    const url = (0,_summary_links_js__WEBPACK_IMPORTED_MODULE_5__/* .artifactUrl */ .W)(links, result.artifactId);
    // Offered only for an artifact that was really uploaded and holds verified work.
    if (result.artifactName && result.artifactId && !_quarantine_js__WEBPACK_IMPORTED_MODULE_4__/* .UNVERIFIED_REASONS */ .W.has(result.reason)) {
        const name = (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.artifactName);
        items.push(url ? `- Artifact: [${name}](${url})` : `- Artifact: ${name}`);
        // The name is the workflow's input or ours; a name that would need shell quoting gets no command.
        if (links.runId && /^[\w.-]+$/.test(result.artifactName)) {
            apply.push('Apply it to a clone of the repository:', '', '```sh', `gh run download ${links.runId} -n ${result.artifactName}`, 'git am --keep-cr --patch-format=mboxrd agent.mbox', '```');
        }
    }
    else if (result.patchPath &&
        (result.outcome === 'artifact' || result.outcome === 'failed' || result.outcome === 'branch-pushed') &&
        !_quarantine_js__WEBPACK_IMPORTED_MODULE_4__/* .UNVERIFIED_REASONS */ .W.has(result.reason) &&
        // Named only where it really is (an upload that failed leaves it; a quarantine moves it away).
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(result.patchPath)) {
        items.push(`- Verified patch on the runner: ${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.patchPath, 500)}`);
        apply.push(`The patch was not uploaded; it is on the runner at ${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.patchPath, 500)}. Apply it to a clone of the repository with:`, '', '```sh', 'git am --keep-cr --patch-format=mboxrd agent.mbox', '```');
    }
    if (links.runUrl)
        items.push(`- [Run log](${links.runUrl})`);
    if (items.length === 0)
        return '';
    return ['### Links', items.join('\n'), ...(apply.length > 0 ? [apply.join('\n')] : [])].join('\n\n');
}
function costSection(result) {
    const t = result.tokens ?? {};
    const count = (n) => (n === undefined ? '—' : n.toLocaleString('en-US'));
    const hasTokens = [t.inputTokens, t.outputTokens, t.cachedTokens].some((n) => n !== undefined);
    const sandboxMs = sandboxLifetimeMs(result.timings);
    if (!hasTokens && result.costUsd === undefined && sandboxMs === undefined)
        return '';
    const cost = result.costUsd !== undefined
        ? `$${result.costUsd.toFixed(4)}`
        : hasTokens
            ? 'tokens only (the agent reports no cost)'
            : '—';
    return [
        '### Cost',
        '',
        '| Input tokens | Output tokens | Cached input tokens | Cost | Sandbox time |',
        '|---:|---:|---:|---|---:|',
        `| ${count(t.inputTokens)} | ${count(t.outputTokens)} | ${count(t.cachedTokens)} | ${cost} | ${sandboxMs === undefined ? '—' : formatDuration(sandboxMs)} |`,
    ].join('\n');
}
/** How long the sandbox existed: from the start of boot to the end of its delete (or the last stage). */
function sandboxLifetimeMs(timings) {
    const boot = timings.find((t) => t.stage === 'boot');
    if (!boot)
        return undefined;
    const teardown = timings.find((t) => t.stage === 'teardown');
    const end = teardown ? teardown.endMs : Math.max(...timings.map((t) => t.endMs));
    return end - boot.startMs;
}
/** Wall time of the run: the first start to the last end (stages overlap, so not a sum). */
function wallTimeMs(timings) {
    if (timings.length === 0)
        return 0;
    return Math.max(...timings.map((t) => t.endMs)) - Math.min(...timings.map((t) => t.startMs));
}
/**
 * A mermaid `gantt` of the stages, each bar from its real start to its real end (ms since the run
 * started), so overlap and the long pole show; GitHub renders mermaid blocks in job summaries. The
 * durations are also listed as a table below it, for readers without the diagram.
 */
function timelineSection(timings) {
    if (timings.length === 0)
        return '';
    const wall = wallTimeMs(timings);
    const longest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));
    const bars = timings.map((t) => {
        const tags = t === longest ? 'crit, ' : '';
        return `    ${stageName(t.stage)} (${formatDuration(t.ms)}) :${tags}${t.startMs}, ${Math.max(t.endMs, t.startMs + 1)}`;
    });
    return [
        '### Timeline',
        '',
        `Total wall time ${formatDuration(wall)}; the longest stage is ${stageName(longest.stage)} (${formatDuration(longest.ms)}).`,
        '',
        '```mermaid',
        'gantt',
        '    dateFormat x',
        `    axisFormat ${wall >= 60_000 ? '%M:%S' : '%S.%L s'}`,
        '    section Stages',
        ...bars,
        '```',
        '',
        '| Stage | Starts at | Time |',
        '|---|---:|---:|',
        ...timings.map((t) => `| ${stageName(t.stage)} | ${formatDuration(t.startMs)} | ${formatDuration(t.ms)} |`),
        `| **total (wall time)** | | **${formatDuration(wall)}** |`,
    ].join('\n');
}
/** Stage names are ours; anything else is reduced to what a gantt task name and a table cell allow. */
function stageName(stage) {
    return stage.replace(/[^\w -]/g, '') || 'stage';
}
const DASHBOARDS = {
    daytona: 'https://app.daytona.io/dashboard/sandboxes',
};
function detailsSection(result) {
    const rows = [
        ['Outcome', `${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.outcome)}${result.reason ? ` (${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.reason)})` : ''}`],
    ];
    if (result.commits)
        rows.push(['Commits', String(result.commits)]);
    if (result.filesChanged)
        rows.push(['Files changed', String(result.filesChanged)]);
    if (result.patchBytes !== undefined)
        rows.push(['Patch size', (0,_snapshot_index_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(result.patchBytes)]);
    if (result.baseSha)
        rows.push(['Base', (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.baseSha)]);
    if (result.headTree)
        rows.push(['Verified tree', (0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.headTree)]);
    if (result.sandboxId) {
        const provider = result.sandboxProvider;
        const dashboard = provider ? DASHBOARDS[provider] : undefined;
        const on = provider ? ` on ${provider}` : '';
        rows.push([
            'Sandbox',
            `${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_1__/* .inlineCode */ .t)(result.sandboxId)}${on}${dashboard ? ` ([dashboard](${dashboard}))` : ''}`,
        ]);
    }
    return [
        '<details><summary>Details</summary>',
        '',
        '| Field | Value |',
        '|---|---|',
        ...rows.map(([key, value]) => `| ${key} | ${value.replace(/\|/g, '\\|')} |`),
        '',
        '</details>',
    ].join('\n');
}
/** Tokens and cost as the agent CLI reported them; '' when it reported nothing. */
function formatUsage(result) {
    const parts = [];
    const t = result.tokens ?? {};
    if (t.inputTokens !== undefined)
        parts.push(`${t.inputTokens.toLocaleString('en-US')} input tokens`);
    if (t.cachedTokens !== undefined)
        parts.push(`${t.cachedTokens.toLocaleString('en-US')} cached`);
    if (t.outputTokens !== undefined)
        parts.push(`${t.outputTokens.toLocaleString('en-US')} output tokens`);
    if (result.costUsd !== undefined)
        parts.push(`$${result.costUsd.toFixed(4)}`);
    return parts.join(', ');
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${ms} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
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
