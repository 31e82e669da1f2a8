import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, isAbsolute, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { errorBody, type FakeCommand, type FakeResponse, type FakeSandbox, json, readJson } from './state.js';
import type { FakeWebSocket } from './ws.js';

/** Largest WebSocket frame the fake sends (the SDK's demuxer copies byte by byte). */
const FRAME_BYTES = 8 * 1024;
const STDOUT_MARK = Buffer.from([1, 1, 1]);
const STDERR_MARK = Buffer.from([2, 2, 2]);

export interface ToolboxEnv {
  /** Environment every command gets besides the sandbox's own (PATH etc.). */
  baseEnv(sandbox: FakeSandbox): Record<string, string>;
}

/** Sandbox paths are host paths (see README); relative ones resolve against the sandbox's HOME. */
function hostPath(sandbox: FakeSandbox, path: string): string {
  return isAbsolute(path) ? path : join(sandbox.root, 'home', path);
}

export async function bulkUpload(sandbox: FakeSandbox, req: IncomingMessage): Promise<FakeResponse> {
  const paths = new Map<string, string>();
  const writes: Promise<void>[] = [];
  let failure: FakeResponse | undefined;
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers: req.headers, preservePath: true });
    parser.on('field', (name, value) => {
      const m = /^files\[(\d+)\]\.path$/.exec(name);
      if (m) paths.set(m[1]!, value);
    });
    parser.on('file', (name, file) => {
      const m = /^files\[(\d+)\]\.file$/.exec(name);
      const target = m ? paths.get(m[1]!) : undefined;
      if (!target) {
        failure = errorBody(400, `multipart part ${name} has no files[i].path before it`);
        file.resume();
        return;
      }
      const full = hostPath(sandbox, target);
      writes.push(
        (async () => {
          const parent = await stat(dirname(full)).catch(() => undefined);
          if (!parent?.isDirectory()) {
            failure = errorBody(400, `parent directory of ${target} does not exist`, {
              code: 'INVALID_FILE_PATH',
              source: 'DAYTONA_DAEMON',
            });
            file.resume();
            return;
          }
          await pipeline(file, createWriteStream(full));
        })(),
      );
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    req.pipe(parser);
  });
  await Promise.all(writes);
  return failure ?? { status: 200 };
}

export async function bulkDownload(sandbox: FakeSandbox, req: IncomingMessage): Promise<FakeResponse> {
  const body = await readJson(req);
  const paths = Array.isArray(body['paths']) ? (body['paths'] as string[]) : [];
  const boundary = `fake-daytona-${randomUUID()}`;
  const out = new PassThrough();
  void (async () => {
    for (const path of paths) {
      const full = hostPath(sandbox, path);
      const info = await stat(full).catch(() => undefined);
      if (info?.isFile()) {
        out.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        );
        await pipeline(createReadStream(full), out, { end: false });
        out.write('\r\n');
      } else {
        const error = {
          message: `file not found: ${path}`,
          statusCode: 404,
          code: 'FILE_NOT_FOUND',
          source: 'DAYTONA_DAEMON',
        };
        out.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="error"; filename="${path}"\r\n` +
            `Content-Type: application/json\r\n\r\n${JSON.stringify(error)}\r\n`,
        );
      }
    }
    out.end(`--${boundary}--\r\n`);
  })().catch((error: unknown) => out.destroy(error as Error));
  return {
    status: 200,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    stream: out,
  };
}

/** Starts `sh -c command` for real, in the sandbox's HOME, with a stdin that never closes (as the daemon does). */
export function startCommand(
  sandbox: FakeSandbox,
  command: string,
  env: ToolboxEnv,
  options: { cwd?: string; envs?: Record<string, string> } = {},
): FakeCommand {
  const cmd: FakeCommand = {
    id: randomUUID(),
    command,
    log: [],
    sockets: new Set(),
    done: Promise.resolve(),
  };
  const child = spawn('sh', ['-c', command], {
    cwd: options.cwd ? hostPath(sandbox, options.cwd) : join(sandbox.root, 'home'),
    env: { ...env.baseEnv(sandbox), ...sandbox.env, ...options.envs },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  cmd.child = child;
  const push = (stream: 1 | 2, data: Buffer): void => {
    cmd.log.push({ stream, data });
    for (const ws of cmd.sockets) sendLog(ws, stream, data);
  };
  child.stdout.on('data', (d: Buffer) => push(1, d));
  child.stderr.on('data', (d: Buffer) => push(2, d));
  child.stdin.on('error', () => undefined);
  cmd.done = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      push(2, Buffer.from(String(error)));
      cmd.exitCode = 127;
      resolve();
    });
    child.on('close', (code, signal) => {
      cmd.exitCode = code ?? (signal ? 128 + 9 : 1);
      cmd.child = undefined;
      resolve();
    });
  });
  void cmd.done.then(() => {
    for (const ws of cmd.sockets) ws.close(1000);
    cmd.sockets.clear();
  });
  return cmd;
}

export function killCommand(cmd: FakeCommand): void {
  const child = cmd.child;
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Streams a command's log over a WebSocket: everything so far, then live output, then close(1000). */
export function followLogs(cmd: FakeCommand, ws: FakeWebSocket): void {
  for (const entry of cmd.log) sendLog(ws, entry.stream, entry.data);
  if (cmd.exitCode !== undefined) {
    ws.close(1000);
    return;
  }
  cmd.sockets.add(ws);
}

function sendLog(ws: FakeWebSocket, stream: 1 | 2, data: Buffer): void {
  for (let offset = 0; offset < data.length; offset += FRAME_BYTES) {
    const piece = data.subarray(offset, offset + FRAME_BYTES);
    ws.send(Buffer.concat([stream === 1 ? STDOUT_MARK : STDERR_MARK, piece]));
  }
}

/** The toolbox API's Command model (toolbox-api-client `Command`): `exitCode` only once it exited. */
export function commandModel(cmd: FakeCommand): { id: string; command: string; exitCode?: number } {
  return {
    id: cmd.id,
    command: cmd.command,
    ...(cmd.exitCode !== undefined ? { exitCode: cmd.exitCode } : {}),
  };
}

export function commandLogs(cmd: FakeCommand): { output: string; stdout: string; stderr: string } {
  const pick = (s: 1 | 2): string =>
    Buffer.concat(cmd.log.filter((e) => e.stream === s).map((e) => e.data)).toString('utf8');
  return {
    output: Buffer.concat(cmd.log.map((e) => e.data)).toString('utf8'),
    stdout: pick(1),
    stderr: pick(2),
  };
}

export async function executeSync(
  sandbox: FakeSandbox,
  req: IncomingMessage,
  env: ToolboxEnv,
): Promise<FakeResponse> {
  const body = await readJson(req);
  const cmd = startCommand(sandbox, String(body['command'] ?? ''), env, {
    cwd: typeof body['cwd'] === 'string' ? body['cwd'] : undefined,
    envs: (body['envs'] as Record<string, string> | undefined) ?? {},
  });
  cmd.child?.stdin?.end();
  await cmd.done;
  return json(200, { exitCode: cmd.exitCode, result: commandLogs(cmd).output });
}
