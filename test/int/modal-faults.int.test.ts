import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModalProvider } from '../../src/sandbox/modal/index.js';
import type { Sandbox, SandboxProvider } from '../../src/sandbox/types.js';
import { ActionError } from '../../src/shared/errors.js';
import { type FakeModal, Status, startFakeModal } from '../fakes/modal/index.js';
import { runBuiltAction } from '../helpers/action.js';
import { FAST_TUNING, makeSpec, recordingLogger } from '../helpers/modal.js';
import { git, makeRepo, type TestRepo, tempDir } from '../helpers/repo.js';

/**
 * Issue 17 on Modal: the real SDK against the fake, with failing gRPC handlers. Each fault is one the
 * SDK (modal@0.11.1) does not absorb by itself: RESOURCE_EXHAUSTED and a call that never answers are
 * surfaced or hang there, and a stdio stream that *ends* early is EOF to it.
 */
const TUNING = {
  ...FAST_TUNING,
  drainAfterExitMs: 500,
  startTimeoutMs: 1_500,
  downloadAttempt: { baseMs: 1_000, bytesPerSecond: 8 * 1024 * 1024 },
};

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('Modal provider under gRPC faults (real SDK, fake Modal)', () => {
  let fake: FakeModal;
  let provider: SandboxProvider;
  let sandbox: Sandbox;
  let work: string;
  const logger = recordingLogger();
  const saved = { ...process.env };

  /** Reads of the download exec's stdout (fd 0) for a file whose sandbox path ends with `name`. */
  const stdoutOfDownload =
    (name: string) =>
    (request: Record<string, unknown>): boolean =>
      request['fileDescriptor'] === 0 &&
      fake
        .allSandboxes()
        .some((s) =>
          String(s.execs.get(String(request['execId']))?.request.env['SANDBOX_AGENT_FILE'] ?? '').endsWith(
            name,
          ),
        );

  beforeAll(async () => {
    fake = await startFakeModal();
    work = await mkdtemp(join(tmpdir(), 'modal-faults-'));
    Object.assign(process.env, fake.env);
    delete process.env['MODAL_SANDBOX_V2'];
    provider = await createModalProvider(
      {
        tokenId: fake.env['MODAL_TOKEN_ID']!,
        tokenSecret: fake.env['MODAL_TOKEN_SECRET']!,
        app: 'sa',
        image: '',
        environment: '',
      },
      logger,
      { tuning: TUNING },
    );
    sandbox = await provider.create(makeSpec(), () => undefined);
  });

  afterEach(() => fake.faults.clear());

  afterAll(async () => {
    await sandbox?.delete();
    await fake?.close();
    await rm(work, { recursive: true, force: true });
    process.env = saved;
  });

  it('retries a command start the SDK surfaces (RESOURCE_EXHAUSTED), running it once', async () => {
    fake.faults.inject('TaskExecStart', { code: Status.RESOURCE_EXHAUSTED });
    const before = fake.methods().filter((m) => m === 'TaskExecStart').length;
    const marker = { MARKER: '/tmp/sandbox-agent/starts' };
    const result = await sandbox.exec('echo started >> "$MARKER"; echo ok', {
      timeoutMs: 10_000,
      env: marker,
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
    // Refused once, sent again: two starts on the wire, one run in the sandbox.
    expect(fake.methods().filter((m) => m === 'TaskExecStart').length - before).toBe(2);
    const starts = await sandbox.exec('cat "$MARKER"', { timeoutMs: 10_000, env: marker });
    expect(starts.stdout).toBe('started\n');
  });

  it('abandons a command start that never answers and starts it again', async () => {
    fake.faults.inject('TaskExecStart', { kind: 'hang' });
    const started = Date.now();
    const result = await sandbox.exec('echo ok', { timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TUNING.startTimeoutMs);
    expect(Date.now() - started).toBeLessThan(TUNING.startTimeoutMs + 5_000);
  });

  it('fails with a clear sandbox-error when the start keeps failing', async () => {
    fake.faults.inject('TaskExecStart', { code: Status.RESOURCE_EXHAUSTED, times: Infinity });
    const error = await sandbox.exec('echo never', { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ reason: 'sandbox-error' });
    expect((error as Error).message).toMatch(
      /Running a command in the Modal sandbox .* failed: .*RESOURCE_EXHAUSTED|ResourceExhausted/,
    );
  });

  it('returns within the drain bound once the command exited, although its stdout stays open and silent', async () => {
    fake.faults.inject('TaskExecStdioRead', { kind: 'stall', match: (r) => r['fileDescriptor'] === 0 });
    const started = Date.now();
    const result = await sandbox.exec('echo partial; echo err >&2; exit 3', { timeoutMs: 30_000 });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ exitCode: 3, stdout: 'partial\n', stderr: 'err\n', timedOut: false });
    expect(elapsed).toBeLessThan(TUNING.drainAfterExitMs + 4_000);
  });

  for (const limited of [true, false]) {
    const label = limited ? 'with maxBytes' : 'without a limit';
    it(`retries a download whose stream ends early and never keeps the short file (${label})`, async () => {
      const data = randomBytes(300_000);
      const source = join(work, `early-${limited}.bin`);
      await writeFile(source, data);
      await sandbox.upload(source, `/tmp/sandbox-agent/early-${limited}.bin`);
      fake.faults.inject('TaskExecStdioRead', {
        kind: 'end',
        afterBytes: 1000,
        match: stdoutOfDownload(`early-${limited}.bin`),
      });
      const local = join(work, `early-${limited}.out`);
      await sandbox.download(
        `/tmp/sandbox-agent/early-${limited}.bin`,
        local,
        limited ? { maxBytes: 1_000_000 } : {},
      );
      expect(sha256(await readFile(local))).toBe(sha256(data));
      expect(logger.lines.join('\n')).toMatch(/ended early: 1000 of 300000 bytes/);
    });
  }

  it('a stream reset mid-way (INTERNAL) is resumed by the SDK from its offset: one download attempt, whole file', async () => {
    // Not a regression test of our code: it pins the SDK behaviour we rely on not to double-retry
    // (modal@0.11.1 streamStdioWithRetries resumes TaskExecStdioRead at its byte offset).
    const data = randomBytes(200_000);
    const source = join(work, 'drop.bin');
    await writeFile(source, data);
    await sandbox.upload(source, '/tmp/sandbox-agent/drop.bin');
    const match = stdoutOfDownload('drop.bin');
    fake.faults.inject('TaskExecStdioRead', { kind: 'drop', code: Status.INTERNAL, afterBytes: 5000, match });
    const reads = (): unknown[] =>
      fake.calls.filter(
        (c) => c.method === 'TaskExecStdioRead' && match(c.request as Record<string, unknown>),
      );
    const local = join(work, 'drop.out');
    await sandbox.download('/tmp/sandbox-agent/drop.bin', local, { maxBytes: 1_000_000 });
    expect(sha256(await readFile(local))).toBe(sha256(data));
    expect(reads().map((c) => (c as { request: { offset: number } }).request.offset)).toEqual([0, 5000]);
  });

  it('bounds a download whose stream never answers, then retries it', async () => {
    const data = randomBytes(50_000);
    const source = join(work, 'hang.bin');
    await writeFile(source, data);
    await sandbox.upload(source, '/tmp/sandbox-agent/hang.bin');
    fake.faults.inject('TaskExecStdioRead', { kind: 'hang', match: stdoutOfDownload('hang.bin') });
    const local = join(work, 'hang.out');
    const started = Date.now();
    await sandbox.download('/tmp/sandbox-agent/hang.bin', local, { maxBytes: 1_000_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(sha256(await readFile(local))).toBe(sha256(data));
    expect(logger.lines.join('\n')).toMatch(/download of \/tmp\/sandbox-agent\/hang.bin stalled/);
  });

  it('fails the download with a sandbox-error and no partial file when every attempt is short', async () => {
    const source = join(work, 'short.bin');
    await writeFile(source, randomBytes(20_000));
    await sandbox.upload(source, '/tmp/sandbox-agent/short.bin');
    fake.faults.inject('TaskExecStdioRead', {
      kind: 'end',
      afterBytes: 10,
      times: Infinity,
      match: stdoutOfDownload('short.bin'),
    });
    const dir = await mkdtemp(join(work, 'short-'));
    const error = await sandbox
      .download('/tmp/sandbox-agent/short.bin', join(dir, 'short.out'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'sandbox-error' });
    expect((error as Error).message).toMatch(
      /download of \/tmp\/sandbox-agent\/short.bin .*ended early: 10 of 20000 bytes/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the built action on Modal under gRPC faults', () => {
  let repo: TestRepo | undefined;
  let fake: FakeModal | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await fake?.close();
  });

  it('delivers the work despite a refused capture start and an mbox download that ends early', async () => {
    fake = await startFakeModal();
    const modal = fake;
    repo = makeRepo();
    const runnerTemp = tempDir('sa-runner-');
    const agent = join(runnerTemp, 'agent.sh');
    writeFileSync(
      agent,
      'set -e\nfor i in $(seq 1 2000); do echo "line $i of the change" >> README.md; done\ngit commit -qam edit\n',
    );
    modal.faults.inject('TaskExecStart', {
      code: Status.RESOURCE_EXHAUSTED,
      match: (r) => (r['commandArgs'] as string[] | undefined)?.join(' ').includes('format-patch') ?? false,
    });
    modal.faults.inject('TaskExecStdioRead', {
      kind: 'end',
      afterBytes: 4096,
      match: (r) =>
        r['fileDescriptor'] === 0 &&
        modal
          .allSandboxes()
          .some((s) =>
            String(s.execs.get(String(r['execId']))?.request.env['SANDBOX_AGENT_FILE'] ?? '').endsWith(
              'agent.mbox',
            ),
          ),
    });
    const run = await runBuiltAction({
      workspace: repo.checkout,
      runnerTemp,
      inputs: {
        prompt: 'p',
        agent: 'custom',
        'agent-command': `sh ${agent}`,
        output: 'artifact',
        provider: 'modal',
      },
      env: modal.env,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['outcome']).toBe('artifact');
    // Both faults fired: the capture was started twice, the mbox read twice.
    const starts = modal.calls.filter(
      (c) => c.method === 'TaskExecStart' && JSON.stringify(c.request).includes('format-patch'),
    );
    expect(starts).toHaveLength(2);
    expect(run.stdout).toMatch(/agent\.mbox .*ended early: 4096 of \d+ bytes/);
    const mbox = run.outputs['patch-path']!;
    expect(existsSync(mbox)).toBe(true);
    const meta = JSON.parse(readFileSync(run.outputs['meta-path']!, 'utf8'));
    expect(readFileSync(mbox).length).toBe(meta.size_bytes);
    git(repo.checkout, ['am', '-q', '--patch-format=mboxrd', mbox]);
    expect(git(repo.checkout, ['rev-parse', 'HEAD^{tree}'])).toBe(meta.head_tree);
    expect(modal.sandboxes()).toHaveLength(0);
  });
});
