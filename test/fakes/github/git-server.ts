import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real git smart-HTTP server on loopback: `git http-backend` (CGI) behind a tiny Node server that
 * requires `Authorization: basic base64(x-access-token:<token>)`, as github.com does. Repositories are
 * bare, at `<root>/<owner>/<repo>.git`.
 */
export interface GitServer {
  /** `http://127.0.0.1:<port>`: use as GITHUB_SERVER_URL. */
  url: string;
  token: string;
  root: string;
  requests: Array<{ method: string; path: string; authorized: boolean; authorization?: string }>;
  /** Creates `<owner>/<repo>.git` and pushes `sourceRepo`'s `ref` to its `main`. */
  createRepo(fullName: string, sourceRepo: string, ref?: string): string;
  /** Path of the bare repository. */
  repoPath(fullName: string): string;
  /**
   * Transport faults in front of `git http-backend`, as a load balancer produces them: the next `times`
   * matching requests answer `status` (e.g. 502 with GitHub's "Unicorn" page, 403 with GitHub's
   * "Permission to o/r.git denied to github-actions[bot]." text) or have their connection reset.
   * `phase` is the ref advertisement (`GET /info/refs?service=…`) or the pack exchange (`POST /<service>`).
   */
  faults: GitFault[];
  /** Makes every push to the repo fail with `message` on stderr (like GH013 / GH001). */
  rejectPushes(fullName: string, message: string): void;
  close(): Promise<void>;
}

export interface GitFault {
  service: 'git-upload-pack' | 'git-receive-pack';
  phase: 'advertise' | 'rpc';
  status: number | 'reset';
  body?: string;
  times: number;
  /** Let this many matching requests through first (e.g. the preflight's receive-pack probe). */
  skip?: number;
}

const GIT_ENV = {
  PATH: process.env['PATH'],
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export async function startGitServer(
  options: {
    token?: string;
    /**
     * Tokens that may fetch but not push, like a GITHUB_TOKEN with `contents: read` (the default for new
     * repositories: docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token).
     * github.com refuses such a push at its service discovery, `GET …/info/refs?service=git-receive-pack`:
     * git prints "remote: Permission to <o>/<r>.git denied to github-actions[bot]." then "fatal: unable to
     * access '…': The requested URL returned error: 403" (ux-findings row 43), so both the discovery and
     * `POST …/git-receive-pack` answer 403 with that text here.
     */
    readOnlyTokens?: string[];
    /**
     * The token stops working after this many accepted requests (an App token past its one-hour
     * `expires_at`, or revoked): later requests answer 401 with a Basic challenge, as github.com does
     * for bad credentials, and git ends with "Authentication failed" (or, with prompts off and no
     * credential helper, "could not read Username").
     */
    expireTokenAfterRequests?: number;
  } = {},
): Promise<GitServer> {
  const token = options.token ?? 'ghs_fakeGitServerToken000000000000000000';
  const basic = (t: string): string => `basic ${Buffer.from(`x-access-token:${t}`).toString('base64')}`;
  const readOnly = new Set((options.readOnlyTokens ?? []).map((t) => basic(t).toLowerCase()));
  const root = mkdtempSync(join(tmpdir(), 'fake-git-server-'));
  const requests: GitServer['requests'] = [];
  const faults: GitFault[] = [];
  const expected = basic(token);
  let acceptedRequests = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorization = req.headers.authorization;
    const readOnlyToken = readOnly.has(authorization?.toLowerCase() ?? '');
    const expired =
      options.expireTokenAfterRequests !== undefined && acceptedRequests >= options.expireTokenAfterRequests;
    const authorized = !expired && (authorization?.toLowerCase() === expected.toLowerCase() || readOnlyToken);
    if (authorized) acceptedRequests++;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized, authorization });
    const wantsPush =
      url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack');
    if (readOnlyToken && wantsPush) {
      const repoName = url.pathname.replace(/^\//, '').replace(/\.git\/.*$/, '');
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(`Permission to ${repoName}.git denied to github-actions[bot].\n`);
      return;
    }
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fake"' });
      res.end('authentication required\n');
      return;
    }
    const fault = faults.find((f) => f.times > 0 && matchesFault(f, req.method ?? 'GET', url));
    if (fault?.skip) {
      fault.skip--;
      serveCgi(root, req, res, url);
      return;
    }
    if (fault) {
      fault.times--;
      if (fault.status === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' });
      res.end(fault.body ?? `fault ${fault.status}\n`);
      return;
    }
    serveCgi(root, req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const repoPath = (fullName: string): string => join(root, `${fullName}.git`);
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    root,
    requests,
    faults,
    repoPath,
    createRepo(fullName, sourceRepo, ref = 'HEAD') {
      const bare = repoPath(fullName);
      mkdirSync(bare, { recursive: true });
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare], { env: GIT_ENV });
      execFileSync('git', ['config', 'http.receivepack', 'true'], { cwd: bare, env: GIT_ENV });
      execFileSync('git', ['push', '-q', bare, `${ref}:refs/heads/main`], { cwd: sourceRepo, env: GIT_ENV });
      return bare;
    },
    rejectPushes(fullName, message) {
      const hook = join(repoPath(fullName), 'hooks', 'pre-receive');
      mkdirSync(join(repoPath(fullName), 'hooks'), { recursive: true });
      writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\ncat >&2 <<'EOF'\n${message}\nEOF\nexit 1\n`, {
        mode: 0o755,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

function matchesFault(fault: GitFault, method: string, url: URL): boolean {
  return fault.phase === 'advertise'
    ? method === 'GET' &&
        url.pathname.endsWith('/info/refs') &&
        url.searchParams.get('service') === fault.service
    : method === 'POST' && url.pathname.endsWith(`/${fault.service}`);
}

function serveCgi(root: string, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const cgi = spawn('git', ['http-backend'], {
    env: {
      ...GIT_ENV,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      ...(req.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
        : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else if (name) res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  cgi.on('close', () => res.end());
}
