import { createRequire } from 'node:module';
import busboy from 'busboy';
import FormData from 'form-data';

/**
 * The ESM build of @daytona/sdk loads `form-data` (uploads) and `busboy` (downloads) at run time with
 * `createRequire(import.meta.url)`, or with a global `require` when one exists. Inside the ncc bundle
 * `import.meta.url` is dist/index.js, next to which there is no node_modules, so uploads and downloads
 * would fail with "Module form-data is not available". This module, evaluated just before the SDK
 * (see sdk.ts), offers a global `require` that returns the bundled copies; sdk.ts removes it again
 * once the SDK has captured it. Everything else goes to a normal `require` (builtins; `dotenv` is
 * deliberately not bundled, so in the action the SDK cannot read a `.env` file at all).
 */
const provided: Record<string, unknown> = { busboy, 'form-data': FormData };
const nodeRequire = createRequire(import.meta.url);
const globals = globalThis as { require?: unknown };

export const installedShim = globals.require === undefined;
if (installedShim) {
  const shim = (id: string): unknown => (Object.hasOwn(provided, id) ? provided[id] : nodeRequire(id));
  globals.require = Object.assign(shim, { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
}

export function removeRequireShim(): void {
  if (installedShim) delete globals.require;
}
