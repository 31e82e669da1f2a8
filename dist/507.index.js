export const id = 507;
export const ids = [507];
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


/***/ }),

/***/ 29507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   formatDuration: () => (/* binding */ formatDuration),
/* harmony export */   renderResult: () => (/* binding */ renderResult),
/* harmony export */   startTracking: () => (/* binding */ startTracking),
/* harmony export */   trackingMarker: () => (/* binding */ trackingMarker)
/* harmony export */ });
/* harmony import */ var _deliver_agent_summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(789);
/* harmony import */ var _deliver_github_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6494);
/* harmony import */ var _settings_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17218);
/* harmony import */ var _shared_github_login_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33170);
/* harmony import */ var _shared_inline_code_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25156);





const NO_TRACKING = { finish: async () => { } };
function trackingMarker(runId) {
    return `<!-- sandbox-agent:tracking run=${runId} -->`;
}
/**
 * One tracking comment per run on the issue or PR, updated in place (started → result). A re-run
 * (same run id, next attempt) finds the comment by its marker and updates it. Best effort: a failure
 * here is a warning, never the outcome.
 */
async function startTracking(settings, context, task, logger) {
    if ((!task.comment && !task.issueTrigger) || !task.number || !settings.githubToken)
        return NO_TRACKING;
    const [owner, repo] = context.repository.split('/');
    const number = task.number;
    const marker = trackingMarker(context.runId);
    let octokit;
    let id;
    try {
        octokit = await (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .createGitHubClient */ .LX)(settings.githubToken, context.apiUrl, logger);
    }
    catch (error) {
        logger.warning(`Could not load the GitHub client for the tracking comment: ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`);
        return NO_TRACKING;
    }
    // A token without `issues: write` gets 403 on the reaction and on every comment call: one warning
    // naming the permission, then no more calls.
    let denied = false;
    const deniedOnce = (error) => {
        if (!isNotAccessible(error))
            return false;
        if (!denied)
            logger.warning(missingIssuesWrite(number, (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)));
        denied = true;
        return true;
    };
    const write = async (text) => {
        if (denied)
            return;
        const body = `${marker}\n${text}`;
        try {
            if (id === undefined)
                id = await findExisting(octokit, owner, repo, number, marker);
            if (id !== undefined) {
                await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
            }
            else {
                const { data } = await octokit.rest.issues.createComment({
                    owner,
                    repo,
                    issue_number: number,
                    body,
                    request: { retries: 0 },
                });
                id = data.id;
            }
        }
        catch (error) {
            if (!deniedOnce(error))
                logger.warning(`Could not update the tracking comment: ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`);
        }
    };
    if (task.comment?.submittedReview) {
        // GitHub has reactions for comments and issues, none for reviews: the tracking comment on the PR
        // conversation, posted next, is the progress signal.
        logger.info('No 👀 reaction on a review (GitHub has none); the tracking comment shows progress.');
    }
    else if (task.comment) {
        await react(octokit, owner, repo, task.comment.id, task.comment.review).catch((error) => {
            if (!deniedOnce(error))
                logger.warning(`Could not add the 👀 reaction: ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`);
        });
    }
    else {
        // Issue triggers: the reaction goes on the issue itself (POST /repos/{o}/{r}/issues/{n}/reactions).
        await octokit.rest.reactions
            .createForIssue({ owner, repo, issue_number: number, content: 'eyes' })
            .catch((error) => {
            if (!deniedOnce(error))
                logger.warning(`Could not add the 👀 reaction: ${(0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error)}`);
        });
    }
    const whose = (0,_shared_github_login_js__WEBPACK_IMPORTED_MODULE_4__/* .requesterMention */ .Z)(task.requestedBy);
    const attempt = context.runAttempt !== '1' ? ` (attempt ${context.runAttempt})` : '';
    await write(`⏳ Working on ${whose ? `${whose}'s task` : 'the task'}${attempt} — [run](${(0,_settings_context_js__WEBPACK_IMPORTED_MODULE_1__/* .runUrl */ .V)(context)})`);
    return {
        // The action's process started with the step: its uptime is the run's wall time.
        finish: async (result) => write(await renderResult({
            result,
            context,
            requestedBy: task.requestedBy,
            durationMs: process.uptime() * 1000,
        })),
    };
}
async function findExisting(octokit, owner, repo, number, marker) {
    // Every page: on a busy thread the run's comment can be past the first 100, and missing it would
    // post a second one.
    let found;
    await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 }, (response, done) => {
        found = response.data.find((c) => (c.body ?? '').startsWith(marker))?.id;
        if (found !== undefined)
            done();
        return [];
    });
    return found;
}
/**
 * The final text, one status line first (like the best peers: who asked, how long it took, where the
 * work is, what it cost), then — unless a PR carries it all — our own sentence saying what happened and
 * what to do (`result.message` is ours; it may quote agent paths, so it goes through `renderMessage`:
 * plain text and inline code), how to apply an artifact, and the agent's summary through the sanitizer.
 */
async function renderResult(view) {
    const { result, context } = view;
    const run = (0,_settings_context_js__WEBPACK_IMPORTED_MODULE_1__/* .runUrl */ .V)(context);
    const whose = (0,_shared_github_login_js__WEBPACK_IMPORTED_MODULE_4__/* .requesterMention */ .Z)(view.requestedBy);
    const task = whose ? `${whose}'s task` : 'The task';
    const took = formatDuration(view.durationMs);
    const links = (...items) => items.filter(Boolean).join(' · ');
    const branch = branchLink(result);
    const runLink = `[run](${run})`;
    const cost = formatCost(result.costUsd);
    // Named only when it was really uploaded (a failed upload leaves the patch on the runner instead).
    const uploaded = Boolean(result.artifactName && result.artifactId);
    const artifact = uploaded ? artifactLink(result, context) : undefined;
    switch (result.outcome) {
        case 'pr-opened':
        case 'pr-updated': {
            const pr = result.prNumber ? `[PR #${result.prNumber}](${result.prUrl ?? run})` : 'the pull request';
            const verb = result.outcome === 'pr-opened' ? '' : 'updated ';
            return `✅ ${task} finished in ${took} — ${verb}${links(pr, branch, runLink, artifact, cost)}`;
        }
        case 'no-changes':
            return joinBlocks(`ℹ️ ${task} finished in ${took} without changes — ${links(runLink, cost)}`, await (0,_deliver_agent_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .renderAgentSummarySection */ .NS)(result.agentSummary ?? ''));
        case 'branch-pushed':
        case 'artifact':
        case 'refused':
        case 'failed': {
            const headline = {
                'branch-pushed': `⚠️ ${task} finished in ${took}, but no pull request was opened`,
                artifact: uploaded
                    ? `📦 ${task} finished in ${took}; the patch is an artifact`
                    : `📦 ${task} finished in ${took}; the patch was kept on the runner, not uploaded`,
                refused: `🚫 ${task} was refused after ${took}`,
                failed: `❌ ${task} failed after ${took}`,
            }[result.outcome];
            const code = result.reason ? ` (${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .t)(result.reason, 60)})` : '';
            return joinBlocks(`${headline}${code} — ${links(branch, artifact, runLink, cost)}`, await (0,_deliver_agent_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .renderMessage */ .e4)(result.message, (0,_deliver_agent_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .hostsOf */ .PP)(context.serverUrl)), uploaded && result.artifactName ? applyLine(result.artifactName, context.runId) : '', await (0,_deliver_agent_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .renderAgentSummarySection */ .NS)(result.agentSummary ?? ''));
        }
    }
}
/**
 * GitHub's answer when the job's token lacks the permission (docs.github.com/rest/issues/comments
 * #create-an-issue-comment: fine-grained "Issues" or "Pull requests" write; the reactions endpoints
 * likewise): 403 "Resource not accessible by integration".
 */
function isNotAccessible(error) {
    return (0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .httpStatus */ .nG)(error) === 403 && /Resource not accessible by integration/i.test((0,_deliver_github_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(error));
}
function missingIssuesWrite(number, text) {
    return `No 👀 reaction or tracking comment on #${number}: github-token may not write comments (403 ${text}). Give the job \`permissions: issues: write\` (and \`pull-requests: write\` for comments on pull requests).`;
}
function joinBlocks(...blocks) {
    return blocks
        .map((block) => block.trimEnd())
        .filter(Boolean)
        .join('\n\n');
}
function branchLink(result) {
    if (!result.branch || !result.compareUrl)
        return undefined;
    return `[branch](${result.compareUrl})`;
}
/**
 * The artifact's own page (`/actions/runs/<run>/artifacts/<id>`, the URL `actions/upload-artifact`
 * reports as `artifact-url`) when its id is known, else the run page, which lists it.
 */
function artifactLink(result, context) {
    const url = result.artifactId
        ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/artifacts/${result.artifactId}`
        : (0,_settings_context_js__WEBPACK_IMPORTED_MODULE_1__/* .runUrl */ .V)(context);
    return `[artifact ${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .t)(result.artifactName ?? '', 100)}](${url})`;
}
/** One line on how to apply an artifact (the README's `git am` command). */
function applyLine(artifactName, runId) {
    const command = `gh run download ${runId} -n ${artifactName} && git am --keep-cr --patch-format=mboxrd agent.mbox`;
    return `To apply it in your clone: ${(0,_shared_inline_code_js__WEBPACK_IMPORTED_MODULE_2__/* .inlineCode */ .t)(command, 300)}`;
}
/** `4m 12s`, `38s`, `1h 5m`. */
function formatDuration(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60)
        return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60)
        return `${minutes}m ${seconds % 60}s`;
    return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
/** `$0.18` when the agent CLI reported a cost; nothing otherwise (never a guess). */
function formatCost(costUsd) {
    if (costUsd === undefined || !Number.isFinite(costUsd) || costUsd < 0)
        return undefined;
    return costUsd > 0 && costUsd < 0.01 ? '< $0.01' : `$${costUsd.toFixed(2)}`;
}
/** 👀 on the triggering comment: the run has passed its checks and is starting. Best effort. */
async function react(octokit, owner, repo, id, review) {
    if (review) {
        await octokit.rest.reactions.createForPullRequestReviewComment({
            owner,
            repo,
            comment_id: id,
            content: 'eyes',
        });
    }
    else {
        await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: id, content: 'eyes' });
    }
}


/***/ })

};
