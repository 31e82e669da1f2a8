import { ServerError, Status } from 'nice-grpc';
import type { FakeExec, FakeSandbox } from './sandbox.js';

interface ExecKey {
  taskId: string;
  execId: string;
}
interface SecretSourceMsg {
  env?: { contents?: Record<string, string> };
}
interface ExecStartRequest extends ExecKey {
  commandArgs: string[];
  stdoutConfig: number;
  stderrConfig: number;
  timeoutSecs?: number;
  workdir?: string;
  secretSources?: SecretSourceMsg[];
}
interface StdinStreamMessage {
  start?: ExecKey & { offset: number };
  data?: Uint8Array;
  end?: object;
}
interface CallContext {
  signal: AbortSignal;
  metadata: { get(key: string): string | Buffer | undefined };
}

/** How long TaskExecWait holds before DEADLINE_EXCEEDED (the SDK retries; its own call limit is 60 s). */
const WAIT_HOLD_MS = 50_000;

/** Task command router handlers (`modal.task_command_router.TaskCommandRouter`). */
export function routerHandlers(
  sandboxes: Map<string, FakeSandbox>,
): Record<string, (request: never, context: never) => unknown> {
  const checkAuth = (context: CallContext): void => {
    const auth = context.metadata.get('authorization');
    if (typeof auth !== 'string' || !auth.startsWith('Bearer ')) {
      throw new ServerError(Status.UNAUTHENTICATED, 'missing router token');
    }
  };
  /** A new exec needs a running sandbox. */
  const sandboxOf = (taskId: string, context: CallContext): FakeSandbox => {
    checkAuth(context);
    for (const sandbox of sandboxes.values()) {
      if (sandbox.taskId === taskId) {
        if (!sandbox.running) throw new ServerError(Status.NOT_FOUND, `Task ${taskId} has finished`);
        return sandbox;
      }
    }
    throw new ServerError(Status.NOT_FOUND, `Task ${taskId} not found`);
  };
  /** An existing exec stays readable after its sandbox ends (its output was already produced). */
  const execOf = (key: ExecKey, context: CallContext): FakeExec => {
    checkAuth(context);
    let sandbox: FakeSandbox | undefined;
    for (const s of sandboxes.values()) if (s.taskId === key.taskId) sandbox = s;
    if (!sandbox) throw new ServerError(Status.NOT_FOUND, `Task ${key.taskId} not found`);
    const exec = sandbox.execs.get(key.execId);
    if (!exec) throw new ServerError(Status.NOT_FOUND, `Exec ${key.execId} not found`);
    return exec;
  };
  const exitResponse = (exec: FakeExec) =>
    exec.exit?.code !== undefined ? { code: exec.exit.code } : exec.exit ? { signal: exec.exit.signal } : {};

  const handlers = {
    taskExecStart: async (request: ExecStartRequest, context: CallContext) => {
      const sandbox = sandboxOf(request.taskId, context);
      const env: Record<string, string> = {};
      for (const source of request.secretSources ?? []) Object.assign(env, source.env?.contents ?? {});
      sandbox.startExec({
        execId: request.execId,
        commandArgs: request.commandArgs,
        stdoutConfig: request.stdoutConfig,
        stderrConfig: request.stderrConfig,
        timeoutSecs: request.timeoutSecs,
        workdir: request.workdir,
        env,
      });
      return {};
    },
    taskExecStdioRead: async function* (
      request: ExecKey & { offset: number; fileDescriptor: number },
      context: CallContext,
    ) {
      const exec = execOf(request, context);
      const source = request.fileDescriptor === 1 ? exec.stderr : exec.stdout;
      for await (const data of source.read(request.offset, context.signal)) yield { data };
    },
    taskExecWait: async (request: ExecKey, context: CallContext) => {
      const exec = execOf(request, context);
      const exit = await exec.waitExit(WAIT_HOLD_MS, context.signal);
      if (!exit) throw new ServerError(Status.DEADLINE_EXCEEDED, 'exec still running');
      return exitResponse(exec);
    },
    taskExecPoll: async (request: ExecKey, context: CallContext) => exitResponse(execOf(request, context)),
    taskExecStdinWrite: async (
      request: ExecKey & { offset: number; data: Uint8Array; eof: boolean },
      context: CallContext,
    ) => {
      const exec = execOf(request, context);
      await exec.writeStdin(request.offset, Buffer.from(request.data));
      if (request.eof) await exec.closeStdin();
      return {};
    },
    taskExecStdinWriteStream: async (messages: AsyncIterable<StdinStreamMessage>, context: CallContext) => {
      let exec: FakeExec | undefined;
      let offset = 0;
      for await (const message of messages) {
        if (message.start) {
          exec = execOf(message.start, context);
          offset = message.start.offset;
        } else if (message.data && exec) {
          await exec.writeStdin(offset, Buffer.from(message.data));
          offset += message.data.length;
        } else if (message.end && exec) {
          await exec.closeStdin();
        }
      }
      return {};
    },
    taskExecStdinStatus: async (request: ExecKey, context: CallContext) => {
      const exec = execOf(request, context);
      return { numBytesWritten: exec.stdinWritten, closed: exec.stdinClosed };
    },
  };
  return handlers as unknown as Record<string, (request: never, context: never) => unknown>;
}
