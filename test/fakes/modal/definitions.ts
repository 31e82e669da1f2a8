import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A ts-proto "generic definition" method: what nice-grpc's server needs to encode and decode. */
export interface MethodDefinition {
  name: string;
  requestStream: boolean;
  responseStream: boolean;
  requestType: unknown;
  responseType: unknown;
  options: unknown;
}

export interface ServiceDefinition {
  name: string;
  fullName: string;
  methods: Record<string, MethodDefinition>;
}

export interface ModalDefinitions {
  /** `modal.client.ModalClient`: the control plane. */
  control: ServiceDefinition;
  /** `modal.task_command_router.TaskCommandRouter`: exec, stdio, stdin (all filesystem calls too). */
  router: ServiceDefinition;
  /** The installed SDK's version, so a test can assert what it ran against. */
  version: string;
}

interface InternalModule {
  filename: string;
  paths: string[];
  exports: Record<string, unknown>;
  _compile(source: string, filename: string): void;
}
interface InternalModuleStatic {
  new (id: string, parent: unknown): InternalModule;
  _nodeModulePaths(dir: string): string[];
}

let cached: ModalDefinitions | undefined;

/**
 * The service definitions of the INSTALLED `modal` package. They are declared in its .d.ts but not
 * exported, and no .proto ships, so the CommonJS bundle is compiled once more with one extra line that
 * exports the two definitions. The fake therefore speaks exactly the wire format of the pinned SDK.
 */
export function loadModalDefinitions(): ModalDefinitions {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve('modal');
  const pkg = JSON.parse(readFileSync(join(dirname(file), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const source = `${readFileSync(file, 'utf8')}\n;module.exports.__fakeDefinitions = { ModalClientDefinition, TaskCommandRouterDefinition };\n`;
  const ModuleCtor = Module as unknown as InternalModuleStatic;
  const compiled = new ModuleCtor(file, null);
  compiled.filename = file;
  compiled.paths = ModuleCtor._nodeModulePaths(dirname(file));
  compiled._compile(source, file);
  const defs = compiled.exports['__fakeDefinitions'] as {
    ModalClientDefinition: ServiceDefinition;
    TaskCommandRouterDefinition: ServiceDefinition;
  };
  cached = {
    control: defs.ModalClientDefinition,
    router: defs.TaskCommandRouterDefinition,
    version: pkg.version,
  };
  return cached;
}
