export const id = 40;
export const ids = [40];
export const modules = {

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

/***/ 81040:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  answerReviewThreads: () => (/* binding */ answerReviewThreads),
  observePush: () => (/* binding */ observePush),
  renderThreadReply: () => (/* binding */ renderThreadReply)
});

// EXTERNAL MODULE: ./src/deliver/github.ts
var github = __webpack_require__(6494);
// EXTERNAL MODULE: ./src/settings/context.ts
var settings_context = __webpack_require__(17218);
// EXTERNAL MODULE: ./src/shared/inline-code.ts
var inline_code = __webpack_require__(25156);
// EXTERNAL MODULE: ./src/trigger/command.ts
var command = __webpack_require__(52773);
;// CONCATENATED MODULE: ./src/threads/lines.ts
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm;
/**
 * Hunk headers of `git diff -U0` output. With zero context every content line starts with `+`, `-` or
 * `\`, so a line starting with `@@ ` is always git's header, never file content.
 */
function parseOldRanges(diff) {
    return [...diff.matchAll(HUNK_HEADER)].map((m) => ({
        oldStart: Number(m[1]),
        oldCount: m[2] === undefined ? 1 : Number(m[2]),
    }));
}
/**
 * Whether the change touches lines [first, last] of the old version: it removes or rewrites one of
 * them, or inserts lines between them or directly next to them (a reviewer's "add X here").
 */
function touchesLines(ranges, first, last) {
    return ranges.some(({ oldStart, oldCount }) => oldCount > 0
        ? oldStart <= last && oldStart + oldCount - 1 >= first
        : oldStart >= first - 1 && oldStart <= last);
}
/**
 * SPEC §9 `resolve-threads`: resolve only a RIGHT-side comment with line numbers, made on the very
 * commit the run started from, whose lines the pushed change touched. A comment made on another commit
 * is not mapped onto the start head (its numbers may point at other code, and resolving hides a
 * reviewer's point, while leaving it open costs one click): it is left open and the reply says why.
 */
function decideResolve(thread, push, resolveThreads) {
    const no = (why) => ({ resolve: false, why });
    if (!push)
        return no('the change was not pushed onto this pull request');
    if (thread.side !== 'RIGHT')
        return no('the comment is on the old side of the diff');
    if (thread.line === null)
        return no('the comment is outdated or on the whole file');
    if (thread.commitId !== push.startHead) {
        return no(`the comment was made on ${thread.commitId.slice(0, 7) || 'an unknown commit'}, not on ${push.startHead.slice(0, 7)} the run started from`);
    }
    const first = Math.min(thread.startLine ?? thread.line, thread.line);
    if (!touchesLines(push.changed, first, thread.line))
        return no('the push did not change the commented lines');
    if (!resolveThreads)
        return no('resolve-threads is off');
    return { resolve: true };
}

;// CONCATENATED MODULE: ./src/threads/index.ts





/** At most this many review threads are answered per run. */
const MAX_THREADS = 30;
/** At most this many pages of 100 review threads are searched for the comment's thread. */
const MAX_THREAD_PAGES = 10;
/**
 * Called after a follow-up push, while the verified repository is open: diffs the verified change
 * (start head → verified head; a rebase onto a moved branch adds other people's commits, which are not
 * ours to claim) for each commented path. Best effort: undefined when git fails.
 */
async function observePush(input) {
    const { git, startHead, verifiedHead } = input;
    try {
        const newHead = await git.run(['rev-parse', '--verify', 'HEAD^{commit}']);
        const changed = new Map();
        for (const path of new Set(input.threads.map((t) => t.path).filter(Boolean))) {
            const diff = await git.run([
                'diff',
                '-U0',
                '--no-renames',
                '--no-ext-diff',
                '--no-textconv',
                '--no-color',
                startHead,
                verifiedHead,
                '--',
                `:(literal)${path}`,
            ]);
            changed.set(path, parseOldRanges(diff));
        }
        return { startHead, newHead, changed };
    }
    catch (error) {
        input.logger.warning(`Could not read which lines the push changed: ${(0,github/* errorText */.kc)(error)}`);
        return undefined;
    }
}
/**
 * Issue 20 item 3: replies in each review thread the run answers (our text, never the agent's, with
 * the tracking marker so the reply never triggers a run) and resolves the thread when `decideResolve`
 * says so. Best effort: every API error is a warning; the outcome never changes.
 */
async function answerReviewThreads(input) {
    const { settings, context, task, result, pushed, logger } = input;
    const all = task.reviewThreads ?? [];
    if (all.length === 0 || !task.number || !settings.githubToken)
        return [];
    // Two API calls per thread after the deadline's delivery reserve began: a huge review is bounded.
    const threads = all.slice(0, MAX_THREADS);
    if (all.length > MAX_THREADS) {
        logger.warning(`The review has ${all.length} inline comments; only the first ${MAX_THREADS} get a reply.`);
    }
    const [owner, repo] = context.repository.split('/');
    const number = task.number;
    let octokit;
    try {
        octokit = await (0,github/* createGitHubClient */.LX)(settings.githubToken, context.apiUrl, logger);
    }
    catch (error) {
        logger.warning(`Could not load the GitHub client to answer review threads: ${(0,github/* errorText */.kc)(error)}`);
        return [];
    }
    const answers = [];
    let threadIds;
    for (const thread of threads) {
        const decision = decideResolve(thread, result.followUp && pushed
            ? { startHead: pushed.startHead, changed: pushed.changed.get(thread.path) ?? [] }
            : undefined, settings.resolveThreads);
        const body = `${command/* TRACKING_MARKER_PREFIX */.wl}thread-reply -->\n${renderThreadReply(result, decision, pushed, (0,settings_context/* runUrl */.V)(context))}`;
        let replied = false;
        try {
            // Not idempotent: a retried POST could post twice.
            await octokit.rest.pulls.createReplyForReviewComment({
                owner,
                repo,
                pull_number: number,
                comment_id: thread.commentId,
                body,
                request: { retries: 0 },
            });
            replied = true;
        }
        catch (error) {
            logger.warning(`Could not reply in review thread ${thread.commentId}: ${(0,github/* errorText */.kc)(error)}`);
        }
        let resolved = false;
        if (decision.resolve) {
            try {
                threadIds ??= await findThreadIds(octokit, owner, repo, number);
                const found = threadIds.get(thread.commentId);
                if (!found) {
                    logger.warning(`Review thread of comment ${thread.commentId} was not found; it was not resolved.`);
                }
                else if (found.isResolved) {
                    resolved = true;
                }
                else {
                    await octokit.graphql(RESOLVE_MUTATION, { threadId: found.id });
                    found.isResolved = true;
                    resolved = true;
                    logger.info(`Resolved the review thread of comment ${thread.commentId}: the push changed its lines.`);
                }
            }
            catch (error) {
                logger.warning(`Could not resolve the review thread of comment ${thread.commentId} (needs pull-requests: write and contents: write): ${(0,github/* errorText */.kc)(error)}`);
            }
        }
        else {
            logger.info(`Review thread of comment ${thread.commentId} left open: ${decision.why}.`);
        }
        answers.push({ commentId: thread.commentId, replied, resolved, decision });
    }
    return answers;
}
// docs.github.com/graphql/reference/objects#pullrequest (`reviewThreads`, a PullRequestReviewThread
// connection: `id`, `isResolved`, `comments { databaseId }`) and
// docs.github.com/graphql/reference/mutations#resolvereviewthread (input `{ threadId }`).
const THREADS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 100) { nodes { databaseId } } }
      }
    }
  }
}`;
const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;
/** REST comment id → its review thread's GraphQL id, over at most MAX_THREAD_PAGES pages. */
async function findThreadIds(octokit, owner, name, number) {
    const ids = new Map();
    let cursor = null;
    for (let page = 0; page < MAX_THREAD_PAGES; page++) {
        const data = await octokit.graphql(THREADS_QUERY, {
            owner,
            name,
            number,
            cursor,
        });
        const connection = data.repository?.pullRequest?.reviewThreads;
        for (const node of connection?.nodes ?? []) {
            if (!node)
                continue;
            for (const comment of node.comments?.nodes ?? []) {
                if (typeof comment?.databaseId === 'number') {
                    ids.set(comment.databaseId, { id: node.id, isResolved: node.isResolved });
                }
            }
        }
        if (!connection?.pageInfo?.hasNextPage || !connection.pageInfo.endCursor)
            break;
        cursor = connection.pageInfo.endCursor;
    }
    return ids;
}
/** Our own words on what the run did; `result.message` is ours (RunResult), quoted as a code span. */
function renderThreadReply(result, decision, pushed, runLink) {
    const reason = () => (0,inline_code/* inlineCode */.t)(firstSentence(result.message), 300);
    let what;
    if (result.outcome === 'pr-updated' && result.followUp && pushed) {
        const commits = result.commits ?? 0;
        what = `Pushed \`${pushed.newHead.slice(0, 7)}\` onto this pull request (${commits} commit${commits === 1 ? '' : 's'}). ${decision.resolve
            ? 'It changes the commented lines, so this thread is resolved.'
            : `This thread stays open: ${decision.why}.`}`;
    }
    else if (result.outcome === 'pr-opened' || result.outcome === 'pr-updated') {
        what = result.prNumber
            ? `Opened #${result.prNumber} with the change.`
            : 'Opened a pull request with the change.';
        // e.g. rebase-conflict: the follow-up push was not possible, so the reply says why a new PR came.
        if (result.reason)
            what += ` Not pushed onto this pull request (${(0,inline_code/* inlineCode */.t)(result.reason, 60)}): ${reason()}`;
    }
    else if (result.outcome === 'refused') {
        what = `Refused (${(0,inline_code/* inlineCode */.t)(result.reason, 60)}): ${reason()}`;
    }
    else if (result.outcome === 'failed') {
        what = `Failed (${(0,inline_code/* inlineCode */.t)(result.reason, 60)}): ${reason()}`;
    }
    else if (result.outcome === 'no-changes') {
        what = 'Finished without changes; nothing was pushed.';
    }
    else if (result.outcome === 'artifact') {
        what = `The change was kept as an artifact, not pushed: ${reason()}`;
    }
    else {
        what = `The change was pushed to a branch, but no pull request was opened: ${reason()}`;
    }
    return `${what} [Run](${runLink})`;
}
function firstSentence(text) {
    const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
    return (match?.[0] ?? text).trim();
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
