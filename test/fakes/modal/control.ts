import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ServerError, Status } from 'nice-grpc';
import { barePath } from '../../helpers/bare-path.js';
import { type FakeImageLayer, imageLayers, missingTools } from './image.js';
import { FakeSandbox, GenericStatus } from './sandbox.js';

/** Requests as the fake reads them (ts-proto objects; only the fields used here). */
interface TagList {
  tags?: Array<{ tagName: string; tagValue: string }>;
}
interface SecretSourceMsg {
  env?: { contents?: Record<string, string> };
  secretId?: string;
}
interface CreateRequest extends TagList {
  appId: string;
  definition?: Record<string, unknown> & {
    timeoutSecs?: number;
    name?: string;
    secretIds?: string[];
    imageId?: string;
  };
  secretSources?: SecretSourceMsg[];
}

export interface ControlState {
  root: string;
  routerUrl: () => string;
  translatePrefixes: string[];
  stdioBufferBytes: number;
  keepFiles: boolean;
  sandboxes: Map<string, FakeSandbox>;
  apps: Map<string, { appId: string; name: string; environment: string }>;
  images: FakeImageLayer[];
  secrets: Map<string, Record<string, string>>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function randomId(prefix: string, length = 22): string {
  const bytes = randomBytes(length);
  return `${prefix}-${Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')}`;
}

/** An unsigned JWT with a far `exp`: the SDK only parses `exp` (to decide when to refresh). */
export function fakeJwt(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.fake`;
}

function tagsOf(request: TagList): Record<string, string> {
  return Object.fromEntries((request.tags ?? []).map((t) => [t.tagName, t.tagValue]));
}

function tagList(tags: Record<string, string>): Array<{ tagName: string; tagValue: string }> {
  return Object.entries(tags).map(([tagName, tagValue]) => ({ tagName, tagValue }));
}

/** Control-plane handlers (`modal.client.ModalClient`), keyed by the definition's method keys. */
export function controlHandlers(
  state: ControlState,
): Record<string, (request: never, context: never) => unknown> {
  const find = (sandboxId: string): FakeSandbox => {
    const sandbox = state.sandboxes.get(sandboxId);
    if (!sandbox) throw new ServerError(Status.NOT_FOUND, `Sandbox ${sandboxId} not found`);
    return sandbox;
  };
  const byTask = (taskId: string): FakeSandbox => {
    for (const sandbox of state.sandboxes.values()) if (sandbox.taskId === taskId) return sandbox;
    throw new ServerError(Status.NOT_FOUND, `Task ${taskId} not found`);
  };
  const access = (): { url: string; jwt: string } => ({ url: state.routerUrl(), jwt: fakeJwt() });

  const create = (request: CreateRequest, version: 'V1' | 'V2'): FakeSandbox => {
    const app = [...state.apps.values()].find((a) => a.appId === request.appId);
    if (!app) throw new ServerError(Status.NOT_FOUND, `App ${request.appId} not found`);
    const definition = request.definition ?? {};
    const name = definition.name ?? '';
    if (name) {
      for (const other of state.sandboxes.values()) {
        if (other.running && other.appId === app.appId && other.name === name) {
          throw new ServerError(
            Status.ALREADY_EXISTS,
            `A running Sandbox named '${name}' already exists in the App`,
          );
        }
      }
    }
    const env: Record<string, string> = {};
    for (const secretId of definition.secretIds ?? []) Object.assign(env, state.secrets.get(secretId) ?? {});
    for (const source of request.secretSources ?? []) {
      if (source.env?.contents) Object.assign(env, source.env.contents);
      if (source.secretId) Object.assign(env, state.secrets.get(source.secretId) ?? {});
    }
    // The sandbox sees only the tools its image has (see image.ts): the rest are hidden from PATH.
    const missing = missingTools(imageLayers(state.images, definition.imageId ?? ''));
    const path = missing.length > 0 ? barePath(state.root, missing) : undefined;
    const id = version === 'V1' ? randomId('sb') : randomId('sbx', 20).replace('sbx-', 'sbx-v2-');
    const sandbox = new FakeSandbox({
      id,
      taskId: randomId('ta'),
      version,
      appId: app.appId,
      name,
      tags: tagsOf(request),
      env,
      definition,
      timeoutSecs: definition.timeoutSecs || 300,
      root: join(state.root, id),
      translatePrefixes: state.translatePrefixes,
      stdioBufferBytes: state.stdioBufferBytes,
      keepFiles: state.keepFiles,
      missingTools: missing,
      ...(path ? { path } : {}),
    });
    state.sandboxes.set(id, sandbox);
    return sandbox;
  };

  const wait = async (request: { sandboxId: string; timeout: number }, context: { signal: AbortSignal }) => {
    const sandbox = find(request.sandboxId);
    await sandbox.waitFinished(Math.min(request.timeout, 10) * 1000, context.signal);
    return { result: sandbox.result, metadata: { appId: sandbox.appId } };
  };
  const getTaskId = async (request: { sandboxId: string }) => {
    const sandbox = find(request.sandboxId);
    return sandbox.running ? { taskId: sandbox.taskId } : { taskResult: sandbox.result };
  };
  const terminate = async (request: { sandboxId: string }) => {
    const sandbox = find(request.sandboxId);
    const existing = sandbox.result;
    sandbox.finish(GenericStatus.TERMINATED);
    return { existingResult: existing };
  };
  const setTags = async (request: { sandboxId: string } & TagList) => {
    find(request.sandboxId).tags = tagsOf(request);
    return {};
  };
  const getTags = async (request: { sandboxId: string }) => ({ tags: tagList(find(request.sandboxId).tags) });
  const list = async (
    request: TagList & { appId?: string; beforeTimestamp?: number; includeFinished?: boolean },
  ) => {
    const wanted = tagsOf(request);
    const sandboxes = [...state.sandboxes.values()]
      .filter((s) => request.includeFinished || s.running)
      .filter((s) => !request.appId || s.appId === request.appId)
      .filter((s) => !request.beforeTimestamp || s.createdAt < request.beforeTimestamp)
      .filter((s) => Object.entries(wanted).every(([k, v]) => s.tags[k] === v))
      .sort((a, b) => b.createdAt - a.createdAt);
    return {
      sandboxes: sandboxes.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        appId: s.appId,
        name: s.name,
        tags: tagList(s.tags),
        timeoutSecs: s.timeoutSecs,
      })),
    };
  };
  const fromName = async (request: { sandboxName: string; appName: string; environmentName: string }) => {
    const app = [...state.apps.values()].find(
      (a) => a.name === request.appName && a.environment === (request.environmentName || 'main'),
    );
    const sandbox = [...state.sandboxes.values()].find(
      (s) => s.running && s.appId === app?.appId && s.name === request.sandboxName,
    );
    if (!sandbox) throw new ServerError(Status.NOT_FOUND, `Sandbox '${request.sandboxName}' not found`);
    return { sandboxId: sandbox.id };
  };

  const handlers = {
    authTokenGet: async () => ({ token: fakeJwt() }),
    appGetOrCreate: async (request: {
      appName: string;
      environmentName: string;
      objectCreationType: number;
    }) => {
      const environment = request.environmentName || 'main';
      const key = `${environment}/${request.appName}`;
      let app = state.apps.get(key);
      if (!app) {
        if (request.objectCreationType !== 1)
          throw new ServerError(Status.NOT_FOUND, `App '${request.appName}' not found`);
        app = { appId: randomId('ap'), name: request.appName, environment };
        state.apps.set(key, app);
      }
      return { appId: app.appId };
    },
    environmentGetOrCreate: async (request: { deploymentName: string }) => ({
      environmentId: 'en-fake',
      metadata: { name: request.deploymentName || 'main', settings: { imageBuilderVersion: '2024.10' } },
    }),
    imageGetOrCreate: async (request: {
      image?: { dockerfileCommands?: string[]; baseImages?: Array<{ dockerTag: string; imageId: string }> };
    }) => {
      const imageId = randomId('im');
      const baseImageId = request.image?.baseImages?.find((b) => b.dockerTag === 'base')?.imageId;
      state.images.push({
        imageId,
        dockerfileCommands: request.image?.dockerfileCommands ?? [],
        ...(baseImageId ? { baseImageId } : {}),
      });
      return { imageId, result: { status: GenericStatus.SUCCESS } };
    },
    imageJoinStreaming: async function* () {
      yield { result: { status: GenericStatus.SUCCESS }, eof: true };
    },
    secretGetOrCreate: async (request: { envDict: Record<string, string> }) => {
      const secretId = randomId('st');
      state.secrets.set(secretId, { ...request.envDict });
      return { secretId };
    },
    sandboxCreate: async (request: CreateRequest) => ({ sandboxId: create(request, 'V1').id }),
    sandboxCreateV2: async (request: CreateRequest) => {
      const sandbox = create(request, 'V2');
      return { sandboxId: sandbox.id, taskId: sandbox.taskId, commandRouterAccess: access() };
    },
    sandboxGetTaskId: getTaskId,
    sandboxGetTaskIdV2: getTaskId,
    taskGetCommandRouterAccess: async (request: { taskId: string }) => {
      byTask(request.taskId);
      return access();
    },
    sandboxGetCommandRouterAccess: async (request: { sandboxId: string }) => {
      find(request.sandboxId);
      return access();
    },
    sandboxWait: wait,
    sandboxWaitV2: wait,
    sandboxTerminate: terminate,
    sandboxTerminateV2: terminate,
    sandboxTagsSet: setTags,
    sandboxTagsSetV2: setTags,
    sandboxTagsGet: getTags,
    sandboxTagsGetV2: getTags,
    sandboxList: list,
    sandboxListV2: list,
    sandboxGetFromName: fromName,
    sandboxGetFromNameV2: fromName,
  };
  return handlers as unknown as Record<string, (request: never, context: never) => unknown>;
}
