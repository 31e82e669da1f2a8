import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { FileOutput, type OutputSource, PipeOutput, StaticOutput } from './output.js';

export const FS_TOOLS = '/__modal/.bin/modal-sandbox-fs-tools';

/** GenericResult statuses the SDK maps to exit codes (TERMINATED → 137, TIMEOUT → 124). */
export const GenericStatus = { SUCCESS: 1, FAILURE: 2, TERMINATED: 3, TIMEOUT: 4 } as const;

export interface ExitStatus {
  code?: number;
  signal?: number;
}

export interface ExecRequest {
  execId: string;
  commandArgs: string[];
  stdoutConfig: number;
  stderrConfig: number;
  timeoutSecs?: number;
  workdir?: string;
  env: Record<string, string>;
}

export interface SandboxInit {
  id: string;
  taskId: string;
  version: 'V1' | 'V2';
  appId: string;
  name: string;
  tags: Record<string, string>;
  env: Record<string, string>;
  definition: Record<string, unknown>;
  timeoutSecs: number;
  root: string;
  translatePrefixes: string[];
  stdioBufferBytes: number;
  keepFiles: boolean;
  /** Commands the sandbox's image lacks (image.ts); `path` is then a PATH without them. */
  missingTools: string[];
  path?: string;
}

/**
 * One fake sandbox: a host directory `root` standing in for the sandbox's `/`, real processes run with
 * their cwd mapped into it, and a lifetime timer like Modal's `timeoutSecs`.
 */
export class FakeSandbox {
  readonly id: string;
  readonly taskId: string;
  readonly version: 'V1' | 'V2';
  readonly appId: string;
  readonly name: string;
  tags: Record<string, string>;
  readonly env: Record<string, string>;
  readonly definition: Record<string, unknown>;
  readonly timeoutSecs: number;
  /** Host directory that plays the sandbox's `/`. */
  readonly root: string;
  readonly createdAt = Date.now() / 1000;
  readonly execs = new Map<string, FakeExec>();
  result: { status: number; exitcode: number } | undefined;
  private readonly timer: NodeJS.Timeout;
  private waiters: Array<() => void> = [];
  private readonly translatePrefixes: string[];
  readonly stdioBufferBytes: number;
  private readonly keepFiles: boolean;
  /** Commands the image lacks, hidden from every process's PATH. */
  readonly missingTools: string[];
  readonly path: string;

  constructor(init: SandboxInit) {
    this.id = init.id;
    this.taskId = init.taskId;
    this.version = init.version;
    this.appId = init.appId;
    this.name = init.name;
    this.tags = init.tags;
    this.env = init.env;
    this.definition = init.definition;
    this.timeoutSecs = init.timeoutSecs;
    this.root = init.root;
    this.stdioBufferBytes = init.stdioBufferBytes;
    this.keepFiles = init.keepFiles;
    this.missingTools = init.missingTools;
    this.path = init.path ?? process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin';
    const workdir = typeof init.definition['workdir'] === 'string' ? [init.definition['workdir']] : [];
    this.translatePrefixes = [...init.translatePrefixes, ...workdir];
    for (const dir of ['tmp', 'root']) mkdirSync(join(this.root, dir), { recursive: true });
    this.timer = setTimeout(() => this.finish(GenericStatus.TIMEOUT), this.timeoutSecs * 1000);
    this.timer.unref();
  }

  get running(): boolean {
    return this.result === undefined;
  }

  /** A sandbox path (absolute) as a host path under `root`. */
  hostPath(path: string): string {
    return join(this.root, posix.normalize(`/${path}`));
  }

  /** Env values naming a translated sandbox path become host paths; everything else passes verbatim. */
  translateEnv(env: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) {
      const mapped = this.translatePrefixes.some((p) => value === p || value.startsWith(`${p}/`));
      out[key] = mapped ? this.hostPath(value) : value;
    }
    return out;
  }

  /** Ends the sandbox: every process group is killed, as when Modal stops a sandbox. */
  finish(status: number, exitcode = 0): void {
    if (this.result) return;
    this.result = { status, exitcode };
    clearTimeout(this.timer);
    for (const exec of this.execs.values()) exec.kill();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    if (!this.keepFiles) {
      // Give killed processes a moment to let go of their cwd before the tree goes.
      setTimeout(() => rmSync(this.root, { recursive: true, force: true }), 200).unref();
    }
  }

  /** Resolves when the sandbox finishes or after `ms`, whichever is first. */
  waitFinished(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.running || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  startExec(request: ExecRequest): FakeExec {
    const existing = this.execs.get(request.execId);
    if (existing) return existing;
    const exec =
      request.commandArgs[0] === FS_TOOLS ? new FsToolsExec(this, request) : new ProcessExec(this, request);
    this.execs.set(request.execId, exec);
    return exec;
  }
}

export abstract class FakeExec {
  exit: ExitStatus | undefined;
  stdout: OutputSource = new StaticOutput();
  stderr: OutputSource = new StaticOutput();
  stdinWritten = 0;
  stdinClosed = false;
  private waiters: Array<() => void> = [];

  constructor(
    readonly sandbox: FakeSandbox,
    readonly request: ExecRequest,
  ) {}

  abstract writeStdin(offset: number, data: Buffer): Promise<void>;
  abstract closeStdin(): Promise<void>;
  abstract kill(): void;

  protected setExit(exit: ExitStatus): void {
    if (this.exit) return;
    this.exit = exit;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  waitExit(ms: number, signal: AbortSignal): Promise<ExitStatus | undefined> {
    if (this.exit) return Promise.resolve(this.exit);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve(this.exit);
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }
}

/** `sh -c …` and any other argv: a real host process in the sandbox's root, in its own process group. */
class ProcessExec extends FakeExec {
  private readonly child: ChildProcess | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(sandbox: FakeSandbox, request: ExecRequest) {
    super(sandbox, request);
    const cwd = sandbox.hostPath(request.workdir ?? String(sandbox.definition['workdir'] ?? '/'));
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      this.stderr = new StaticOutput(Buffer.from(`fake-modal: workdir ${request.workdir} does not exist\n`));
      this.setExit({ code: 126 });
      return;
    }
    const [file, ...args] = request.commandArgs;
    const child = spawn(file ?? 'sh', args, {
      cwd,
      env: {
        PATH: sandbox.path,
        HOME: sandbox.hostPath('/root'),
        TMPDIR: sandbox.hostPath('/tmp'),
        LANG: 'C.UTF-8',
        ...sandbox.translateEnv(sandbox.env),
        ...sandbox.translateEnv(request.env),
      },
      stdio: [
        'pipe',
        request.stdoutConfig === 1 ? 'pipe' : 'ignore',
        request.stderrConfig === 1 ? 'pipe' : 'ignore',
      ],
      detached: true,
    });
    this.child = child;
    this.stdout = new PipeOutput(child.stdout, sandbox.stdioBufferBytes);
    this.stderr = new PipeOutput(child.stderr, sandbox.stdioBufferBytes);
    child.stdin?.on('error', () => undefined);
    child.on('error', (error) => {
      this.stderr = new StaticOutput(Buffer.from(`fake-modal: ${error.message}\n`));
      this.setExit({ code: 127 });
    });
    child.on('close', (code, signal) => {
      if (this.timer) clearTimeout(this.timer);
      this.setExit(code !== null ? { code } : { signal: signalNumber(signal) });
    });
    if (request.timeoutSecs) {
      this.timer = setTimeout(() => this.kill(), request.timeoutSecs * 1000);
      this.timer.unref();
    }
  }

  async writeStdin(offset: number, data: Buffer): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.stdinClosed) return;
    const skip = Math.max(0, this.stdinWritten - offset);
    if (skip >= data.length) return;
    const fresh = data.subarray(skip);
    this.stdinWritten += fresh.length;
    if (!stdin.write(fresh)) {
      await new Promise<void>((resolve) => {
        stdin.once('drain', resolve);
        stdin.once('close', resolve);
      });
    }
  }

  async closeStdin(): Promise<void> {
    this.stdinClosed = true;
    this.child?.stdin?.end();
  }

  kill(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exit) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Emulates `modal-sandbox-fs-tools` (WriteFile, ReadFile, MakeDirectory) against the sandbox root. */
class FsToolsExec extends FakeExec {
  private file: FileHandle | undefined;
  private partial = '';
  private target = '';
  private writing: Promise<void> = Promise.resolve();

  constructor(sandbox: FakeSandbox, request: ExecRequest) {
    super(sandbox, request);
    const op = JSON.parse(request.commandArgs[1] ?? '{}') as Record<
      string,
      { path?: string; parents?: boolean }
    >;
    const [kind, args] = Object.entries(op)[0] ?? ['', {}];
    const path = args.path ?? '';
    this.target = sandbox.hostPath(path);
    if (kind === 'ReadFile') void this.startRead(path);
    else if (kind === 'MakeDirectory') void this.makeDirectory(path, args.parents ?? true);
    else if (kind === 'WriteFile')
      this.partial = `${this.target}.fake-partial-${randomBytes(4).toString('hex')}`;
    else this.fail('Unsupported', `fs-tools op ${kind} is not emulated by the fake`, path);
  }

  private async startRead(path: string): Promise<void> {
    const info = await stat(this.target).catch(() => undefined);
    if (!info) return this.fail('NotFound', 'No such file or directory', path);
    if (info.isDirectory()) return this.fail('IsDirectory', 'Is a directory', path);
    this.stdout = new FileOutput(this.target);
    this.setExit({ code: 0 });
  }

  private async makeDirectory(path: string, parents: boolean): Promise<void> {
    try {
      await mkdir(this.target, { recursive: parents });
      this.setExit({ code: 0 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.fail(code === 'EEXIST' ? 'PathAlreadyExists' : 'NotFound', String(code), path);
    }
  }

  async writeStdin(offset: number, data: Buffer): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.exit || this.stdinClosed) return;
      if (!this.file) {
        if ((await stat(this.target).catch(() => undefined))?.isDirectory()) {
          return this.fail('IsDirectory', 'Is a directory', this.target);
        }
        await mkdir(dirname(this.target), { recursive: true });
        this.file = await open(this.partial, 'w');
      }
      const skip = Math.max(0, this.stdinWritten - offset);
      if (skip >= data.length) return;
      const fresh = data.subarray(skip);
      await this.file.write(fresh, 0, fresh.length, this.stdinWritten);
      this.stdinWritten += fresh.length;
    });
    await this.writing;
  }

  async closeStdin(): Promise<void> {
    await this.writeStdin(this.stdinWritten, Buffer.alloc(0));
    this.stdinClosed = true;
    if (this.exit) return;
    if (!this.file) {
      await mkdir(dirname(this.target), { recursive: true });
      this.file = await open(this.partial, 'w');
    }
    await this.file.close();
    await rename(this.partial, this.target);
    this.setExit({ code: 0 });
  }

  kill(): void {
    if (this.exit) return;
    this.setExit({ signal: 9 });
    void this.file?.close().catch(() => undefined);
    void rm(this.partial, { force: true });
  }

  private fail(kind: string, message: string, path: string): void {
    this.stderr = new StaticOutput(Buffer.from(JSON.stringify({ error_kind: kind, message, detail: path })));
    this.setExit({ code: 1 });
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return (signal && numbers[signal]) || 9;
}
