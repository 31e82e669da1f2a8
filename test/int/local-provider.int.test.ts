import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalProvider } from '../../src/sandbox/local.js';
import { buildSandboxSpec } from '../../src/sandbox/spec.js';
import type { Sandbox } from '../../src/sandbox/types.js';
import type { RunContext } from '../../src/settings/context.js';
import { parseSettings } from '../../src/settings/index.js';
import { expectBoundedDownloads } from '../helpers/bounded-download.js';
import { tempDir } from '../helpers/repo.js';

const SEEDED = {
  GITHUB_TOKEN: 'ghs_seeded_github_token_value_000000000000',
  GH_TOKEN: 'gh-token-value',
  ACTIONS_RUNTIME_TOKEN: 'runtime',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example',
  DAYTONA_API_KEY: 'daytona-key',
  MODAL_TOKEN_ID: 'modal-id',
  MODAL_TOKEN_SECRET: 'modal-secret',
};

const context = {
  repository: 'octo/demo',
  runId: '1',
  runAttempt: '1',
  job: 'j',
  runnerTemp: '/tmp',
  workspace: '/nonexistent',
} as RunContext;
let sandbox: Sandbox | undefined;
const saved: Record<string, string | undefined> = {};

beforeEach(() => {
  for (const [k, v] of Object.entries(SEEDED)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});
afterEach(async () => {
  await sandbox?.delete();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function create(agentEnv = 'ANTHROPIC_API_KEY=model-key\nMY_FLAG=1'): Promise<Sandbox> {
  const settings = parseSettings((n) => ({ 'agent-env': agentEnv, provider: 'local' })[n] ?? '', context);
  const parent = tempDir('sa-local-');
  const ids: string[] = [];
  sandbox = await new LocalProvider(parent).create(buildSandboxSpec(settings, context, 60_000), (id) =>
    ids.push(id),
  );
  expect(ids).toEqual([sandbox.id]);
  return sandbox;
}

describe('local provider', () => {
  it('gives commands exactly the allowlisted env, whatever process.env holds', async () => {
    const box = await create();
    const result = await box.exec('env', { timeoutMs: 10_000 });
    const names = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(0, l.indexOf('=')))
      .filter((n) => !['PWD', 'SHLVL', '_'].includes(n));
    // SANDBOX_AGENT_LOCAL_SANDBOX marks the sandbox's processes so the delete can kill them.
    expect(names.sort()).toEqual(
      [
        'ANTHROPIC_API_KEY',
        'HOME',
        'LANG',
        'MY_FLAG',
        'PATH',
        'SANDBOX_AGENT_LOCAL_SANDBOX',
        'TMPDIR',
      ].sort(),
    );
    expect(result.stdout).toContain(`SANDBOX_AGENT_LOCAL_SANDBOX=${box.id}\n`);
    for (const value of Object.values(SEEDED)) expect(result.stdout).not.toContain(value);
  });

  it('runs through sh -c in the work dir, passes values only through env, and streams output', async () => {
    const box = await create();
    const chunks: string[] = [];
    const tricky = `$(touch pwned) \`touch pwned2\` "'; rm -rf / #\nline2 ünï`;
    const result = await box.exec('printf "%s" "$VALUE"; echo; pwd; echo err >&2; exit 5', {
      timeoutMs: 10_000,
      env: { VALUE: tricky },
      onStdout: (c) => chunks.push(c.toString()),
    });
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toBe(`${tricky}\n${box.paths.workdir}\n`);
    expect(result.stderr).toBe('err\n');
    expect(chunks.join('')).toBe(result.stdout);
    expect(existsSync(join(box.paths.workdir, 'pwned'))).toBe(false);
  });

  it('kills the whole process tree at the timeout and reports 124', async () => {
    const box = await create();
    const marker = join(box.paths.scratch, 'survivor');
    const started = Date.now();
    const result = await box.exec(`(sleep 3; touch "${marker}") & sleep 30`, { timeoutMs: 500 });
    expect(result.exitCode).toBe(124);
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 3_500));
    expect(existsSync(marker)).toBe(false);
  });

  it.each(['delete', 'deleteById'] as const)(
    '%s kills every process the sandbox left running, setsid children included, and no other',
    async (how) => {
      const box = await create();
      const other = await new LocalProvider(tempDir('sa-local-')).create(
        buildSandboxSpec(
          parseSettings((n) => ({ provider: 'local' })[n] ?? '', context),
          context,
          60_000,
        ),
        () => {},
      );
      const pidsOf = async (target: Sandbox) =>
        (
          await target.exec(
            'sleep 600 >/dev/null 2>&1 & echo $!; setsid sh -c "sleep 600 & wait" >/dev/null 2>&1 & echo $!',
            { timeoutMs: 10_000 },
          )
        ).stdout
          .trim()
          .split('\n')
          .map(Number);
      const mine = await pidsOf(box);
      const theirs = await pidsOf(other);
      const alive = (pid: number) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
        } catch {
          return false;
        }
      };
      expect([...mine, ...theirs].every(alive)).toBe(true);
      if (how === 'delete') await box.delete();
      else await new LocalProvider().deleteById(box.id);
      expect(mine.filter(alive)).toEqual([]);
      expect(theirs.every(alive)).toBe(true);
      await other.delete();
      expect(theirs.filter(alive)).toEqual([]);
    },
  );

  it('uploads and downloads files, creating parent directories, and refuses paths outside the sandbox', async () => {
    const box = await create();
    const local = join(tempDir(), 'in.bin');
    writeFileSync(local, Buffer.from([0, 1, 2, 255]));
    await box.upload(local, join(box.paths.scratch, 'deep/dir/file.bin'));
    const back = join(tempDir(), 'out.bin');
    await box.download(join(box.paths.scratch, 'deep/dir/file.bin'), back);
    expect(readFileSync(back)).toEqual(Buffer.from([0, 1, 2, 255]));
    await expect(box.upload(local, '/etc/evil')).rejects.toMatchObject({ reason: 'sandbox-error' });
  });

  it('stops a download at maxBytes counted on the bytes read, leaving no partial file', async () => {
    const box = await create();
    await expectBoundedDownloads(box, join(box.paths.scratch, 'out'), tempDir());
  });

  it('deletes idempotently, also by id', async () => {
    const box = await create();
    const provider = new LocalProvider();
    await box.delete();
    await box.delete();
    expect(existsSync(box.id)).toBe(false);
    await provider.deleteById(box.id);
    await expect(provider.deleteById('/etc')).rejects.toMatchObject({ reason: 'sandbox-error' });
  });

  it('refuses to create a sandbox inside the workspace', async () => {
    const workspace = tempDir('sa-ws-');
    const previous = process.env['GITHUB_WORKSPACE'];
    process.env['GITHUB_WORKSPACE'] = workspace;
    try {
      const settings = parseSettings(() => '', context);
      await expect(
        new LocalProvider(workspace).create(buildSandboxSpec(settings, context, 1000), () => {}),
      ).rejects.toMatchObject({
        reason: 'sandbox-error',
      });
    } finally {
      if (previous === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = previous;
    }
  });
});
