import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the GitHub REST endpoints the action uses (repos, pulls, issues and comments,
 * reactions, labels, reviewers, collaborator permission). It records every call and can inject faults.
 * Point GITHUB_API_URL at `url`.
 */
export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
}

export interface FaultRule {
  method?: string;
  path: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Run the real handler first (its effect happens), then answer with the fault: a lost response. */
  afterHandler?: boolean;
  times?: number;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  draft: boolean;
  head: { ref: string; label: string; sha?: string; repo?: { full_name: string } | null };
  base: { ref: string; sha?: string; repo?: { full_name: string } };
  /** `commits` of GET /pulls/{n}: how many commits the PR has (GitHub REST "Get a pull request"). */
  commits?: number;
  html_url: string;
  labels: Array<{ name: string }>;
  requested_reviewers: Array<{ login: string }>;
  user: { login: string };
}

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

/** A review as `POST /repos/{o}/{r}/pulls/{n}/reviews` stored it (issue 20 item 6: fork suggestions). */
export interface FakeReview {
  id: number;
  pull_number: number;
  commit_id?: string;
  event?: string;
  body: string;
  comments: Array<{
    path: string;
    line?: number;
    side?: string;
    start_line?: number;
    start_side?: string;
    body: string;
  }>;
  html_url: string;
}

/**
 * A pull-request review comment as `GET /repos/{o}/{r}/pulls/{n}/comments` returns it
 * (docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request; the same object is the
 * `comment` of the `pull_request_review_comment` webhook): `pull_request_review_id` names the review it
 * was submitted with, `line`/`start_line` are on `side`/`start_side` of the diff at `commit_id` (`line`
 * is null once outdated), `in_reply_to_id` is set on replies. Fields the action does not read are left out.
 */
export interface FakeReviewComment {
  id: number;
  pull_number: number;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
  path: string;
  line: number | null;
  original_line?: number | null;
  start_line: number | null;
  side: 'LEFT' | 'RIGHT';
  start_side: 'LEFT' | 'RIGHT' | null;
  commit_id: string;
  original_commit_id?: string;
  diff_hunk: string;
  body: string;
  user: { login: string; type: string };
  html_url?: string;
}

/**
 * A review thread as GitHub's GraphQL API shows it (docs.github.com/graphql/reference/objects#pullrequestreviewthread:
 * `id`, `isResolved`, `comments { databaseId }`); `commentIds` are the REST ids, the first is the top-level one.
 */
export interface FakeReviewThread {
  id: string;
  isResolved: boolean;
  commentIds: number[];
}

export interface FakeGitHub {
  url: string;
  /** Review threads per PR number, served by `POST /graphql` (reviewThreads, resolveReviewThread). */
  reviewThreads: Map<number, FakeReviewThread[]>;
  /** Replies posted with `POST /repos/{o}/{r}/pulls/{n}/comments/{id}/replies`. */
  reviewReplies: Array<{ id: number; pull: number; inReplyTo: number; body: string }>;
  calls: FakeCall[];
  pulls: FakePull[];
  comments: FakeComment[];
  /** Review comments on pulls, served by `GET …/pulls/{n}/comments` (paginated as GitHub does). */
  reviewComments: FakeReviewComment[];
  reactions: Array<{ subject: string; content: string }>;
  faults: FaultRule[];
  /** Permission answers for `GET /repos/{o}/{r}/collaborators/{user}/permission` (status 404 when absent). */
  permissions: Map<string, { status?: number; body?: unknown }>;
  repos: Map<string, { default_branch: string }>;
  /** Branches besides the default one that `GET /repos/{o}/{r}/branches/{b}` finds, per repository. */
  branches: Map<string, Set<string>>;
  /** Labels on issues by number (names as GitHub spells them), for `DELETE …/issues/{n}/labels/{name}`. */
  issueLabels: Map<number, string[]>;
  /** Reviews created with `POST …/pulls/{n}/reviews`. */
  reviews: FakeReview[];
  close(): Promise<void>;
}

type Handler = (
  match: RegExpMatchArray,
  req: Parsed,
) => { status: number; body?: unknown; headers?: Record<string, string> };
interface Parsed {
  method: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export async function startFakeGitHub(
  options: {
    serverUrl?: string;
    token?: string;
    /** More tokens the API accepts (e.g. a read-only one that git-server.ts refuses to push with). */
    otherTokens?: string[];
    /**
     * `token` stops working after this many accepted calls, as a GitHub App installation token does at
     * its `expires_at` (one hour after minting: docs.github.com/apps/creating-github-apps/authenticating-
     * with-a-github-app/generating-an-installation-access-token-for-a-github-app) or a revoked token:
     * every later call answers 401 "Bad credentials".
     */
    expireTokenAfterCalls?: number;
    /**
     * The tip of a branch in the git server, so a pull's `head.sha` follows its branch as GitHub's does
     * (docs.github.com/rest/pulls/pulls#get-a-pull-request: `head.sha` is the head branch's current
     * commit; `head.repo` and `base.repo` are the repositories).
     */
    branchTip?: (fullName: string, ref: string) => string | undefined;
    /**
     * The PR's diff as GitHub shows it (`application/vnd.github.v3.diff` of "Get a pull request": git's
     * unified diff, 3 lines of context, `+++ b/<path>` per file). Review comments are checked against it.
     */
    pullDiff?: (pull: FakePull) => string | undefined;
  } = {},
): Promise<FakeGitHub> {
  const serverUrl = options.serverUrl ?? 'https://github.example';
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    calls: [],
    pulls: [],
    comments: [],
    reviewComments: [],
    reactions: [],
    faults: [],
    permissions: new Map(),
    repos: new Map(),
    branches: new Map(),
    issueLabels: new Map(),
    reviews: [],
    reviewThreads: new Map(),
    reviewReplies: [],
  };
  let nextNumber = 100;
  let baseUrl = '';
  let nextComment = 9000;
  let acceptedCalls = 0;
  const repo = (owner: string, name: string) => {
    const full = `${owner}/${name}`;
    if (!state.repos.has(full)) state.repos.set(full, { default_branch: 'main' });
    return { full, info: state.repos.get(full)! };
  };
  const pullJson = (p: FakePull) => p;

  const routes: Array<[string, RegExp, Handler]> = [
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments\/(\d+)\/replies$/,
      (m, r) => {
        // docs.github.com/rest/pulls/comments#create-a-reply-for-a-review-comment: 201 with the new
        // comment; `comment_id` must be a top-level review comment of this PR ("replies to replies are
        // not supported"), otherwise 404.
        const pull = Number(m[3]);
        const inReplyTo = Number(m[4]);
        const thread = state.reviewThreads.get(pull)?.find((t) => t.commentIds[0] === inReplyTo);
        if (!thread) return { status: 404, body: { message: 'Not Found', status: '404' } };
        const id = nextComment++;
        thread.commentIds.push(id);
        const body = String(r.body['body'] ?? '');
        state.reviewReplies.push({ id, pull, inReplyTo, body });
        return { status: 201, body: { id, in_reply_to_id: inReplyTo, body, pull_request_review_id: 1 } };
      },
    ],
    [
      'POST',
      /^\/graphql$/,
      (_m, r) =>
        graphql(String(r.body['query'] ?? ''), (r.body['variables'] ?? {}) as Record<string, unknown>),
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)$/,
      (m) => {
        const { full, info } = repo(m[1]!, m[2]!);
        return {
          status: 200,
          body: { full_name: full, default_branch: info.default_branch, private: false },
        };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/branches\/(.+)$/,
      (m) => {
        // docs.github.com/rest/branches/branches#get-a-branch: 404 "Branch not found" for a missing one.
        const { full, info } = repo(m[1]!, m[2]!);
        const name = decodeURIComponent(m[3]!);
        if (name === info.default_branch || state.branches.get(full)?.has(name)) {
          return { status: 200, body: { name, protected: false, commit: { sha: '0'.repeat(40) } } };
        }
        return {
          status: 404,
          body: {
            message: 'Branch not found',
            documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch',
            status: '404',
          },
        };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls$/,
      (m, r) => {
        const { full } = repo(m[1]!, m[2]!);
        let list = state.pulls.filter(
          (p) => (r.query['state'] ?? 'open') === 'all' || p.state === (r.query['state'] ?? 'open'),
        );
        if (r.query['head']) list = list.filter((p) => p.head.label === r.query['head']);
        if (r.query['base']) list = list.filter((p) => p.base.ref === r.query['base']);
        void full;
        return { status: 200, body: list.map(pullJson) };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls$/,
      (m, r) => {
        const owner = m[1]!;
        const head = String(r.body['head'] ?? '');
        const label = head.includes(':') ? head : `${owner}:${head}`;
        if (state.pulls.some((p) => p.state === 'open' && p.head.label === label)) {
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `A pull request already exists for ${label}.`,
                },
              ],
            },
          };
        }
        const number = nextNumber++;
        const pull: FakePull = {
          number,
          state: 'open',
          title: String(r.body['title'] ?? ''),
          body: String(r.body['body'] ?? ''),
          draft: Boolean(r.body['draft']),
          head: { ref: label.split(':')[1]!, label, repo: { full_name: `${m[1]}/${m[2]}` } },
          base: { ref: String(r.body['base'] ?? ''), repo: { full_name: `${m[1]}/${m[2]}` } },
          html_url: `${serverUrl}/${m[1]}/${m[2]}/pull/${number}`,
          labels: [],
          requested_reviewers: [],
          user: { login: 'github-actions[bot]' },
        };
        state.pulls.push(pull);
        return { status: 201, body: pullJson(pull) };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/,
      (m) => {
        const pull = state.pulls.find((p) => p.number === Number(m[3]));
        const headRepo = pull?.head.repo?.full_name;
        const tip = pull && headRepo ? options.branchTip?.(headRepo, pull.head.ref) : undefined;
        if (pull && tip) pull.head.sha = tip;
        return pull ? { status: 200, body: pullJson(pull) } : { status: 404, body: { message: 'Not Found' } };
      },
    ],
    [
      'PATCH',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/,
      (m, r) => {
        const pull = state.pulls.find((p) => p.number === Number(m[3]));
        if (!pull) return { status: 404, body: { message: 'Not Found' } };
        if (typeof r.body['title'] === 'string') pull.title = r.body['title'];
        if (typeof r.body['body'] === 'string') pull.body = r.body['body'];
        if (r.body['state'] === 'closed' || r.body['state'] === 'open') pull.state = r.body['state'];
        return { status: 200, body: pullJson(pull) };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/requested_reviewers$/,
      (m, r) => {
        const pull = state.pulls.find((p) => p.number === Number(m[3]));
        if (!pull) return { status: 404, body: { message: 'Not Found' } };
        for (const login of (r.body['reviewers'] as string[]) ?? []) pull.requested_reviewers.push({ login });
        return { status: 201, body: pullJson(pull) };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/,
      (m, r) => {
        const pull = state.pulls.find((p) => p.number === Number(m[3]));
        const labels = (r.body['labels'] as string[]) ?? [];
        if (pull)
          for (const name of labels)
            if (!pull.labels.some((l) => l.name === name)) pull.labels.push({ name });
        return { status: 200, body: labels.map((name) => ({ name })) };
      },
    ],
    [
      'DELETE',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels\/([^/]+)$/,
      (m) => {
        // docs.github.com/rest/issues/labels#remove-a-label-from-an-issue: 200 with the labels left,
        // 404 "Label does not exist" when the issue does not carry it. Names match case-insensitively.
        const number = Number(m[3]);
        const name = decodeURIComponent(m[4]!);
        const labels = state.issueLabels.get(number) ?? [];
        const left = labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
        if (left.length === labels.length) {
          return {
            status: 404,
            body: {
              message: 'Label does not exist',
              documentation_url: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
              status: '404',
            },
          };
        }
        state.issueLabels.set(number, left);
        return { status: 200, body: left.map((l) => ({ name: l })) };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/reactions$/,
      (m, r) => {
        // docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue: 201 with the reaction.
        state.reactions.push({ subject: `issue:${m[3]}`, content: String(r.body['content']) });
        return { status: 201, body: { id: state.reactions.length, content: r.body['content'] } };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      (m, r) => {
        // Paginated as GitHub does: per_page (default 30, at most 100), page, and a Link header.
        const all = state.comments.filter((c) => c.issue_number === Number(m[3]));
        const perPage = Math.min(Number(r.query['per_page'] ?? 30), 100);
        const page = Number(r.query['page'] ?? 1);
        const body = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          headers['link'] = `<${baseUrl}${m[0]}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        }
        return { status: 200, body, headers };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      (m, r) => {
        const id = nextComment++;
        const comment: FakeComment = {
          id,
          issue_number: Number(m[3]),
          body: String(r.body['body'] ?? ''),
          user: { login: 'github-actions[bot]', type: 'Bot' },
          html_url: `${serverUrl}/${m[1]}/${m[2]}/issues/${m[3]}#issuecomment-${id}`,
        };
        state.comments.push(comment);
        return { status: 201, body: comment };
      },
    ],
    [
      'PATCH',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      (m, r) => {
        const comment = state.comments.find((c) => c.id === Number(m[3]));
        if (!comment) return { status: 404, body: { message: 'Not Found' } };
        comment.body = String(r.body['body'] ?? comment.body);
        return { status: 200, body: comment };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/,
      (m, r) => {
        // Oldest first, per_page (default 30, at most 100), page and a Link header, as for issue comments.
        const all = state.reviewComments.filter((c) => c.pull_number === Number(m[3]));
        const perPage = Math.min(Number(r.query['per_page'] ?? 30), 100);
        const page = Number(r.query['page'] ?? 1);
        const body = all.slice((page - 1) * perPage, page * perPage).map(({ pull_number, ...c }) => ({
          ...c,
          pull_request_url: `${baseUrl}/repos/${m[1]}/${m[2]}/pulls/${pull_number}`,
        }));
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          headers['link'] = `<${baseUrl}${m[0]}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        }
        return { status: 200, body, headers };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)\/reactions$/,
      (m, r) => {
        state.reactions.push({ subject: `review-comment:${m[3]}`, content: String(r.body['content']) });
        return { status: 201, body: { id: state.reactions.length, content: r.body['content'] } };
      },
    ],
    [
      'POST',
      /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)\/reactions$/,
      (m, r) => {
        state.reactions.push({ subject: `comment:${m[3]}`, content: String(r.body['content']) });
        return { status: 201, body: { id: state.reactions.length, content: r.body['content'] } };
      },
    ],
    ['POST', /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/, (m, r) => createReview(m, r)],
    [
      'GET',
      /^\/repos\/([^/]+)\/([^/]+)\/collaborators\/([^/]+)\/permission$/,
      (m) => {
        const answer = state.permissions.get(decodeURIComponent(m[3]!));
        if (!answer) return { status: 404, body: { message: `${m[3]} is not a user` } };
        return { status: answer.status ?? 200, body: answer.body };
      },
    ],
  ];

  /**
   * docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request: 200 with the review
   * (`state: COMMENTED` for `event: COMMENT`). A comment whose `line` (RIGHT side) is not a line of the
   * PR's diff, or whose `start_line` is in another hunk, makes the whole review fail with 422 and one
   * sentence naming the field, never the comment (the text GitHub sends, quoted in
   * parkerbxyz/suggest-changes#28 and danobi/prr#11).
   */
  let nextReview = 7000;
  function createReview(m: RegExpMatchArray, r: Parsed): ReturnType<Handler> {
    const pull = state.pulls.find((p) => p.number === Number(m[3]));
    if (!pull) return { status: 404, body: { message: 'Not Found' } };
    const comments = (Array.isArray(r.body['comments']) ? r.body['comments'] : []) as FakeReview['comments'];
    const hunks = rightSideHunks((pull && options.pullDiff?.(pull)) ?? '');
    const problems = new Set<string>();
    for (const c of comments) {
      const ranges = hunks.get(c.path) ?? [];
      const hunk = ranges.findIndex((h) => c.line !== undefined && h.start <= c.line && c.line <= h.end);
      if ((c.side ?? 'RIGHT') !== 'RIGHT' || hunk < 0) {
        problems.add('Pull request review thread line must be part of the diff');
        problems.add("Pull request review thread diff hunk can't be blank");
      } else if (c.start_line !== undefined) {
        const h = ranges[hunk]!;
        if (c.start_line >= (c.line ?? 0))
          problems.add('Pull request review thread start line must precede the end line.');
        else if (c.start_line < h.start) {
          problems.add('Pull request review thread start line must be part of the same hunk as the line.');
        }
      }
    }
    if (problems.size > 0) {
      const list = [...problems];
      const sentence = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}`;
      return {
        status: 422,
        body: {
          message: 'Unprocessable Entity',
          errors: [sentence],
          documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
          status: '422',
        },
      };
    }
    const id = nextReview++;
    const review: FakeReview = {
      id,
      pull_number: pull.number,
      commit_id: typeof r.body['commit_id'] === 'string' ? r.body['commit_id'] : undefined,
      event: typeof r.body['event'] === 'string' ? r.body['event'] : undefined,
      body: String(r.body['body'] ?? ''),
      comments,
      html_url: `${serverUrl}/${m[1]}/${m[2]}/pull/${pull.number}#pullrequestreview-${id}`,
    };
    state.reviews.push(review);
    return {
      status: 200,
      body: {
        id,
        node_id: `PRR_${id}`,
        user: { login: 'github-actions[bot]', type: 'Bot' },
        body: review.body,
        state: review.event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
        html_url: review.html_url,
        pull_request_url: `${baseUrl}/repos/${m[1]}/${m[2]}/pulls/${pull.number}`,
        commit_id: review.commit_id ?? pull.head.sha,
        submitted_at: new Date().toISOString(),
        author_association: 'NONE',
      },
    };
  }

  /**
   * The two GraphQL operations the action sends, told apart by their root field. As GitHub's GraphQL API
   * does (docs.github.com/graphql/guides/forming-calls-with-graphql), an unknown node id answers 200
   * with `data` null for that field and an `errors` array of type NOT_FOUND.
   */
  function graphql(query: string, variables: Record<string, unknown>): { status: number; body: unknown } {
    if (query.includes('resolveReviewThread')) {
      const threadId = String(variables['threadId'] ?? '');
      const thread = [...state.reviewThreads.values()].flat().find((t) => t.id === threadId);
      if (!thread) {
        return {
          status: 200,
          body: {
            data: { resolveReviewThread: null },
            errors: [
              {
                type: 'NOT_FOUND',
                path: ['resolveReviewThread'],
                locations: [{ line: 2, column: 3 }],
                message: `Could not resolve to a node with the global id of '${threadId}'.`,
              },
            ],
          },
        };
      }
      thread.isResolved = true;
      return {
        status: 200,
        body: { data: { resolveReviewThread: { thread: { id: thread.id, isResolved: true } } } },
      };
    }
    if (query.includes('reviewThreads')) {
      // Connections page by `first`/`after` with `pageInfo { hasNextPage endCursor }`; 100 per page.
      const all = state.reviewThreads.get(Number(variables['number'])) ?? [];
      const start = variables['cursor'] ? Number(variables['cursor']) : 0;
      const page = all.slice(start, start + 100);
      const hasNextPage = start + 100 < all.length;
      return {
        status: 200,
        body: {
          data: {
            repository: {
              pullRequest: {
                reviewThreads: {
                  pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 100) : null },
                  nodes: page.map((t) => ({
                    id: t.id,
                    isResolved: t.isResolved,
                    comments: { nodes: t.commentIds.slice(0, 100).map((databaseId) => ({ databaseId })) },
                  })),
                },
              },
            },
          },
        },
      };
    }
    return {
      status: 200,
      body: { errors: [{ message: 'The fake serves only reviewThreads and resolveReviewThread.' }] },
    };
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams.entries());
    state.calls.push({ method, path: url.pathname, query, body, authorization: req.headers.authorization });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const accepted = options.token ? [options.token, ...(options.otherTokens ?? [])] : [];
    const expired =
      options.expireTokenAfterCalls !== undefined && acceptedCalls >= options.expireTokenAfterCalls;
    if (
      accepted.length > 0 &&
      (expired ||
        !accepted.some(
          (t) => req.headers.authorization === `token ${t}` || req.headers.authorization === `Bearer ${t}`,
        ))
    ) {
      // What api.github.com answers for a wrong, revoked or expired token
      // (docs.github.com/rest/authentication/authenticating-to-the-rest-api: "401 Unauthorized").
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    acceptedCalls++;
    const fault = state.faults.find(
      (f) =>
        (f.times ?? 1) > 0 &&
        (!f.method || f.method === method) &&
        (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname)),
    );
    const route = routes.find(([m, pattern]) => m === method && pattern.test(url.pathname));
    if (fault && !fault.afterHandler) {
      fault.times = (fault.times ?? 1) - 1;
      send(fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers);
      return;
    }
    if (!route) {
      send(404, { message: 'Not Found (fake)' });
      return;
    }
    const result = route[2](url.pathname.match(route[1])!, { method, query, body });
    if (fault?.afterHandler) {
      fault.times = (fault.times ?? 1) - 1;
      send(fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers);
      return;
    }
    send(result.status, result.body, result.headers);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RIGHT-side line ranges of each file's hunks in a unified diff (`+++ b/<path>`, `@@ … +c,d @@`). */
function rightSideHunks(diff: string): Map<string, Array<{ start: number; end: number }>> {
  const files = new Map<string, Array<{ start: number; end: number }>>();
  let current: Array<{ start: number; end: number }> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      current = [];
      files.set(line.slice(4).replace(/^b\//, ''), current);
      continue;
    }
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header && current) {
      const start = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      if (count > 0) current.push({ start, end: start + count - 1 });
    }
  }
  return files;
}
