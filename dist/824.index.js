export const id = 824;
export const ids = [824];
export const modules = {

/***/ 71824:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   emphasizedLine: () => (/* binding */ emphasizedLine),
/* harmony export */   flattenToParagraph: () => (/* binding */ flattenToParagraph),
/* harmony export */   hostAllowed: () => (/* binding */ hostAllowed),
/* harmony export */   neutralizeText: () => (/* binding */ neutralizeText),
/* harmony export */   parseMarkdown: () => (/* binding */ parseMarkdown),
/* harmony export */   renderUntrusted: () => (/* binding */ renderUntrusted),
/* harmony export */   sanitizeTree: () => (/* binding */ sanitizeTree),
/* harmony export */   serializeMarkdown: () => (/* binding */ serializeMarkdown),
/* harmony export */   stripInvisible: () => (/* binding */ stripInvisible)
/* harmony export */ });
/* harmony import */ var mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57391);
/* harmony import */ var mdast_util_gfm__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37832);
/* harmony import */ var mdast_util_to_markdown__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(91286);
/* harmony import */ var micromark_extension_gfm__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(52297);
/* harmony import */ var _shared_closing_keywords_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35323);
/* harmony import */ var _shared_invisible_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77970);






function parseMarkdown(text) {
    return (0,mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_2__/* .fromMarkdown */ .Y)(text, { extensions: [(0,micromark_extension_gfm__WEBPACK_IMPORTED_MODULE_3__/* .gfm */ .T)()], mdastExtensions: [(0,mdast_util_gfm__WEBPACK_IMPORTED_MODULE_4__/* .gfmFromMarkdown */ .C)()] });
}
function serializeMarkdown(root) {
    return (0,mdast_util_to_markdown__WEBPACK_IMPORTED_MODULE_5__/* .toMarkdown */ .l)(root, {
        extensions: [(0,mdast_util_gfm__WEBPACK_IMPORTED_MODULE_4__/* .gfmToMarkdown */ .H)()],
        fences: true,
        bullet: '-',
        rule: '-',
        emphasis: '*',
        strong: '*',
    }).trim();
}
/**
 * Untrusted Markdown made inert (`sanitizeTree`) and written back; `quote` puts it in a block quote,
 * `note` appends one line of our own in italics (a truncation marker).
 */
function renderUntrusted(text, allowedHosts, options = {}) {
    const clean = sanitizeTree(parseMarkdown(limitNesting(stripInvisible(text))), allowedHosts);
    if (clean.children.length === 0)
        return '';
    if (options.note) {
        clean.children.push({
            type: 'paragraph',
            children: [{ type: 'emphasis', children: [{ type: 'text', value: options.note }] }],
        });
    }
    const root = options.quote
        ? { type: 'root', children: [{ type: 'blockquote', children: clean.children }] }
        : clean;
    return serializeMarkdown(root);
}
/**
 * The parser spends seconds on a line that opens thousands of nested quotes or lists (`>>>>…`,
 * `1. 1. 1. …`). A joiner after the first 48 characters of such a prefix ends the nesting there (the
 * rest is text); the joiner itself is removed again with the other invisible characters.
 */
function limitNesting(text) {
    return text.replace(/^[ \t>*+\-.)\d]{48}(?=[ \t>*+\-.)\d])/gm, `$&${JOINER}`);
}
/** Nesting deeper than this (quotes in lists in quotes…) is flattened to text: nobody writes it. */
const MAX_DEPTH = 24;
/**
 * Agent Markdown made inert (see `agent-summary.ts`): HTML dropped; links and images kept only for the
 * allowed hosts (after the parser decoded entities and resolved references), else their text;
 * definitions dropped; code kept (the writer picks a fence the code cannot close); then mentions,
 * closing keywords and line-leading slash commands neutralized in every text node.
 */
function sanitizeTree(root, allowedHosts) {
    const definitions = new Map();
    collectDefinitions(root, definitions, 0);
    const context = { definitions, allowedHosts };
    const clean = { type: 'root', children: sanitizeChildren(root, context, 0) };
    neutralizeTree(clean);
    return clean;
}
/**
 * Our own sentence (`result.message`) reduced to plain text and inline code: whatever else the parser
 * finds in it (an agent-chosen path that looks like a link, a stderr tail with HTML) becomes text.
 */
function flattenToParagraph(text, linkHosts = []) {
    const parts = [];
    flattenInto(parseMarkdown(text), parts, 0, linkHosts);
    const paragraph = { type: 'paragraph', children: mergeText(parts) };
    neutralizeTree(paragraph);
    return paragraph;
}
/**
 * One line of untrusted text (the task's first line) in italics: plain text and inline code only
 * (`flattenToParagraph` without link hosts, so no link survives), mentions and keywords neutralized.
 */
function emphasizedLine(text) {
    const flat = flattenToParagraph(text.replace(/\s+/g, ' ').trim());
    if (flat.children.length === 0)
        return '';
    return serializeMarkdown({
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'emphasis', children: flat.children }] }],
    });
}
function collectDefinitions(node, into, depth) {
    if (node.type === 'definition') {
        // The first definition of a label wins, as in CommonMark.
        if (!into.has(node.identifier))
            into.set(node.identifier, node);
        return;
    }
    if ('children' in node && depth < MAX_DEPTH) {
        for (const child of node.children)
            collectDefinitions(child, into, depth + 1);
    }
}
function sanitizeChildren(parent, context, depth) {
    const out = [];
    for (const child of parent.children)
        out.push(...sanitizeNode(child, context, depth + 1));
    return mergeText(out);
}
function sanitizeNode(node, context, depth) {
    switch (node.type) {
        case 'html':
        case 'definition':
            return [];
        case 'text':
            return [{ type: 'text', value: node.value }];
        case 'inlineCode':
            return [{ type: 'inlineCode', value: node.value }];
        case 'code':
            return [{ type: 'code', lang: safeLanguage(node.lang), meta: null, value: node.value }];
        case 'link':
        case 'linkReference': {
            const url = node.type === 'link' ? node.url : context.definitions.get(node.identifier)?.url;
            const children = sanitizeChildren(node, context, depth);
            if (url !== undefined && hostAllowed(url, context.allowedHosts)) {
                return [{ type: 'link', url, title: null, children }];
            }
            return children;
        }
        case 'image':
        case 'imageReference': {
            const url = node.type === 'image' ? node.url : context.definitions.get(node.identifier)?.url;
            const alt = node.alt ?? '';
            if (url !== undefined && hostAllowed(url, context.allowedHosts)) {
                return [{ type: 'image', url, title: null, alt }];
            }
            return [{ type: 'text', value: alt ? `[image: ${alt}]` : '[image]' }];
        }
        default:
            if (!('children' in node))
                return [{ ...node }];
            if (depth >= MAX_DEPTH)
                return [{ type: 'text', value: plainText(node) }];
            return [{ ...node, children: sanitizeChildren(node, context, depth) }];
    }
}
/** Plain text and inline code only; blocks are separated by line breaks inside the one paragraph. */
function flattenInto(node, parts, depth, linkHosts) {
    switch (node.type) {
        case 'text':
            parts.push({ type: 'text', value: node.value });
            return;
        case 'inlineCode':
            parts.push({ type: 'inlineCode', value: node.value });
            return;
        case 'code':
            parts.push({ type: 'inlineCode', value: node.value.replace(/\s*\n\s*/g, ' ') });
            return;
        case 'html':
            parts.push({ type: 'text', value: node.value });
            return;
        case 'break':
            parts.push({ type: 'text', value: '\n' });
            return;
        case 'image':
        case 'imageReference':
            parts.push({ type: 'text', value: node.alt ?? '' });
            return;
        case 'definition':
            parts.push({ type: 'text', value: `[${node.label ?? node.identifier}]: ${node.url}` });
            return;
        case 'link': {
            // Only a bare URL (the link's text is the URL itself) to a host we name stays a link.
            const only = node.children.length === 1 ? node.children[0] : undefined;
            if (only?.type === 'text' && only.value === node.url && hostAllowed(node.url, linkHosts)) {
                parts.push({
                    type: 'link',
                    url: node.url,
                    title: null,
                    children: [{ type: 'text', value: node.url }],
                });
                return;
            }
            break;
        }
    }
    flattenChildren(node, parts, depth, linkHosts);
}
function flattenChildren(node, parts, depth, linkHosts) {
    if (!('children' in node))
        return;
    if (depth >= MAX_DEPTH) {
        parts.push({ type: 'text', value: plainText(node) });
        return;
    }
    node.children.forEach((child, index) => {
        // Blocks (paragraphs, list items, cells) stay apart.
        if (index > 0 && !isPhrasing(child))
            parts.push({ type: 'text', value: '\n' });
        flattenInto(child, parts, depth + 1, linkHosts);
    });
}
function isPhrasing(node) {
    return [
        'text',
        'inlineCode',
        'emphasis',
        'strong',
        'delete',
        'link',
        'linkReference',
        'image',
        'imageReference',
        'break',
        'html',
        'footnoteReference',
    ].includes(node.type);
}
/** The text content of a subtree, without recursion (a hostile tree may be thousands deep). */
function plainText(node) {
    const out = [];
    const stack = [node];
    while (stack.length > 0) {
        const current = stack.pop();
        if ('value' in current && current.type !== 'html')
            out.push(current.value);
        else if (current.type === 'image' || current.type === 'imageReference')
            out.push(current.alt ?? '');
        if ('children' in current) {
            for (let i = current.children.length - 1; i >= 0; i--)
                stack.push(current.children[i]);
            if (!isPhrasing(current))
                out.push(' ');
        }
    }
    return out.join('').replace(/\s+/g, ' ').trim();
}
/** Adjacent text nodes (a link unwrapped next to text) become one, so neutralizing sees whole words. */
function mergeText(nodes) {
    const out = [];
    for (const node of nodes) {
        const last = out[out.length - 1];
        if (node.type === 'text' && last?.type === 'text')
            last.value += node.value;
        else
            out.push(node);
    }
    return out;
}
function neutralizeTree(root) {
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop();
        if (node.type === 'text')
            node.value = neutralizeText(node.value);
        else if (node.type === 'image')
            node.alt = neutralizeText(node.alt ?? '');
        else if (node.type === 'inlineCode' || node.type === 'code')
            node.value = stripInvisible(node.value);
        if ('children' in node)
            stack.push(...node.children);
    }
}
/** U+2060 WORD JOINER: invisible, not whitespace, not a word character. */
const JOINER = '\u2060';
/**
 * What GitHub acts on in rendered text, broken with an invisible joiner:
 * - `@name` and `@org/team` (a mention pings): `@` + joiner;
 * - closing keywords (`Fixes #1`, `closes o/r#3`, `resolved: https://…/issues/1`): a joiner after the
 *   keyword's first letter, for every whole-word keyword (whatever follows, since the reference may be
 *   the next node: a link or a URL) and for a word at the end of the node that starts one (`fi*xes*`);
 * - a URL in text (`https://…`, `HTTPS://`, `ftp://`, `www.…`) that GitHub would autolink: a joiner
 *   after the scheme's colon or after `www` (escaping is not enough: GitHub's renderer finds autolink
 *   literals in text after escapes are resolved), so it stays plain text;
 * - a slash command at the start of a line (`/approve`): a joiner before the slash.
 */
function neutralizeText(value) {
    // A blank line inside one text node (dropped HTML between two line breaks, `&#10;&#10;`) is one break.
    const text = stripInvisible(value).replace(/[ \t]*\n\s*\n[ \t]*/g, '\n');
    const words = text.replace(/[A-Za-z]+/g, (word, offset) => {
        const lower = word.toLowerCase();
        const atEnd = offset + word.length === text.length;
        const keyword = _shared_closing_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .CLOSING_KEYWORDS */ .p.has(lower) || (atEnd && [..._shared_closing_keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .CLOSING_KEYWORDS */ .p].some((k) => k.startsWith(lower)));
        return keyword ? `${word[0]}${JOINER}${word.slice(1)}` : word;
    });
    return words
        .replace(/@(?=[A-Za-z0-9]|$)/g, `@${JOINER}`)
        .replace(/(?<=[A-Za-z][A-Za-z0-9+.-]*:)(?=\/\/)/g, JOINER)
        .replace(/(?<![A-Za-z0-9])(www)(?=\.)/gi, `$1${JOINER}`)
        .replace(/(^|\n)([ \t]*)\//g, `$1$2${JOINER}/`);
}
/** Invisible and control characters (`shared/invisible.ts`); tab and newline stay. */
function stripInvisible(text) {
    return text.replace(_shared_invisible_js__WEBPACK_IMPORTED_MODULE_1__/* .INVISIBLE */ .k, '');
}
/** Only a plain language name survives as a fence's info string (it is agent text too). */
function safeLanguage(lang) {
    return lang && /^[\w+-]{1,30}$/.test(lang) ? lang : null;
}
/**
 * Whether GitHub's page would send a click (or an image load) to an allowed host. The URL is resolved
 * as a browser resolves it on github.com (`//host`, `/\host`, tabs and entities already decoded by the
 * parser); only http(s) to an allowed host or its subdomains passes.
 */
function hostAllowed(url, allowedHosts) {
    let parsed;
    try {
        parsed = new URL(url, 'https://github.com/owner/repo/pull/1');
    }
    catch {
        return false;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return false;
    if (parsed.username || parsed.password)
        return false;
    const host = parsed.hostname.toLowerCase();
    return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
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


/***/ })

};
