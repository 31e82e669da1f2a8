import { devNull } from 'node:os';
import type * as ModalSdk from 'modal';

export type ModalModule = typeof ModalSdk;

let loading: Promise<ModalModule> | undefined;

/**
 * Loads `modal` (only ever from here, itself reached only through the dynamic import in
 * `sandbox/index.ts`, so the local path never pays for it).
 *
 * The SDK reads its TOML config once, when the module is evaluated: `MODAL_CONFIG_PATH` or
 * `~/.modal.toml`, whose active profile could change the server, the environment, the V1/V2 backend or
 * the credentials. The action takes its Modal settings only from inputs and `MODAL_*` env vars, so the
 * config path points at the null device while the module loads (an empty config), and is restored after.
 * The server URL then comes only from `MODAL_SERVER_URL` (how the tests reach the loopback fake).
 */
export function loadModalSdk(): Promise<ModalModule> {
  loading ??= (async () => {
    const previous = process.env['MODAL_CONFIG_PATH'];
    process.env['MODAL_CONFIG_PATH'] = devNull;
    try {
      return await import('modal');
    } finally {
      if (previous === undefined) delete process.env['MODAL_CONFIG_PATH'];
      else process.env['MODAL_CONFIG_PATH'] = previous;
    }
  })();
  return loading;
}
