import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the Actions results service that @actions/artifact talks to: the twirp
 * `ArtifactService` (CreateArtifact, FinalizeArtifact) and the blob store behind the signed upload URL
 * (Azure block-blob PUTs). It keeps each uploaded artifact's bytes (a zip).
 */
export interface FakeArtifactService {
  url: string;
  /** ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL for the action under test. */
  env: Record<string, string>;
  calls: Array<{ method: string; path: string }>;
  artifacts: Map<string, { id: string; bytes: Buffer; finalized: boolean }>;
  /**
   * When set, CreateArtifact answers this twirp error. The storage quota case: the results service
   * answers with a `msg` containing "insufficient usage", which @actions/artifact 6.x turns into its
   * non-retried UsageError "Artifact storage quota has been hit…" (lib/internal/shared/errors.js,
   * `UsageError.isUsageErrorMessage`; artifact-twirp-client.js `retryableRequest`). Twirp maps
   * `resource_exhausted` to HTTP 429 (twitchtv.github.io/twirp/docs/spec_v7.html#error-codes).
   */
  failCreate?: { status: number; code: string; msg: string };
  close(): Promise<void>;
}

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const calls: FakeArtifactService['calls'] = [];
  const artifacts: FakeArtifactService['artifacts'] = new Map();
  const blocks = new Map<string, Map<string, Buffer>>();
  let nextId = 41;
  const fake = { calls, artifacts } as FakeArtifactService;
  let base = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    calls.push({ method: req.method ?? '', path: url.pathname });
    const json = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname.endsWith('ArtifactService/CreateArtifact')) {
      if (fake.failCreate) {
        return json(fake.failCreate.status, { code: fake.failCreate.code, msg: fake.failCreate.msg });
      }
      const { name } = JSON.parse(body.toString()) as { name: string };
      if (artifacts.has(name))
        return json(409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run',
        });
      artifacts.set(name, { id: String(++nextId), bytes: Buffer.alloc(0), finalized: false });
      return json(200, { ok: true, signedUploadUrl: `${base}/blob/${encodeURIComponent(name)}?sig=fake` });
    }
    if (url.pathname.endsWith('ArtifactService/FinalizeArtifact')) {
      const { name } = JSON.parse(body.toString()) as { name: string };
      const artifact = artifacts.get(name);
      if (!artifact) return json(404, { code: 'not_found', msg: 'no such artifact' });
      artifact.finalized = true;
      return json(200, { ok: true, artifactId: artifact.id });
    }
    if (url.pathname.startsWith('/blob/') && req.method === 'PUT') {
      const name = decodeURIComponent(url.pathname.slice('/blob/'.length));
      const headers = {
        'x-ms-request-id': 'fake',
        'x-ms-version': '2024-08-04',
        etag: '"0x1"',
        'last-modified': new Date().toUTCString(),
      };
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        const staged = blocks.get(name) ?? new Map<string, Buffer>();
        staged.set(url.searchParams.get('blockid') ?? '', body);
        blocks.set(name, staged);
        res.writeHead(201, headers);
        return res.end();
      }
      const artifact = artifacts.get(name);
      if (artifact && comp === 'blocklist') {
        const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map(
          (m) => m[1]!,
        );
        artifact.bytes = Buffer.concat(ids.map((id) => blocks.get(name)?.get(id) ?? Buffer.alloc(0)));
      } else if (artifact) {
        artifact.bytes = body;
      }
      res.writeHead(201, headers);
      return res.end();
    }
    json(404, { msg: 'not found (fake)' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const claims = {
    scp: 'Actions.ExampleScope Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774',
  };
  const jwt = ['{"alg":"none"}', JSON.stringify(claims)]
    .map((p) => Buffer.from(p).toString('base64url'))
    .join('.');
  Object.assign(fake, {
    url: base,
    env: {
      ACTIONS_RUNTIME_TOKEN: `${jwt}.sig`,
      ACTIONS_RESULTS_URL: `${base}/`,
      GITHUB_SERVER_URL: 'https://github.com',
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}
