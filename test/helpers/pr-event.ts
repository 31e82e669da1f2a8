import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GitServer, startGitServer } from '../fakes/github/git-server.js';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github/rest.js';
import { type ActionRun, runBuiltAction } from './action.js';
import { git, makeRepo, type TestRepo, tempDir } from './repo.js';

/** The agent's default: one commit that appends a line to README.md. */
export const APPEND_README = 'echo "from the agent" >> README.md\ngit commit -qam "Agent change"\n';

export type GitHubEvent = { name: string; payload: Record<string, unknown> };

export interface PrEventRigOptions {
  token: string;
  /** Files of the repository's single commit. */
  files: Record<string, string>;
  /** Prefix of the runner temp dir (tells the tests' leftovers apart). */
  tempPrefix: string;
  /** What the agent does until `agentDoes` says otherwise (shell lines after `set -e`, run in its work dir). */
  agentScript?: string;
  /** Serve PR heads from the git server's branch tips, as GitHub does after a push (default true). */
  trackBranchTips?: boolean;
}

export interface PrEventRunExtra {
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** GITHUB_RUN_ID; runBuiltAction's default (4242) when unset. */
  runId?: string;
}

/**
 * The built action on an event from GitHub: a repo served by a real git smart-HTTP server as
 * octo/demo, the fake GitHub REST/GraphQL API in front of it, and a custom agent script on `local`.
 */
export interface PrEventRig {
  repo: TestRepo;
  server: GitServer;
  github: FakeGitHub;
  /** The server's bare repository of octo/demo. */
  bare: string;
  runnerTemp: string;
  /** The server's tip of `refs/heads/<ref>`; throws when the branch does not exist. */
  tip(ref: string): string;
  /** What the agent does next run (a shell script run in its work dir). */
  agentDoes(script: string): void;
  run(event: GitHubEvent, extra?: PrEventRunExtra): Promise<ActionRun>;
  close(): Promise<void>;
}

export async function startPrEventRig(options: PrEventRigOptions): Promise<PrEventRig> {
  const { token } = options;
  const repo = makeRepo({ files: options.files, commits: 1 });
  const server = await startGitServer({ token });
  const bare = server.createRepo('octo/demo', repo.origin);
  const tip = (ref: string): string => git(bare, ['rev-parse', '--verify', '-q', `refs/heads/${ref}`]);
  const github = await startFakeGitHub({
    token,
    serverUrl: server.url,
    ...(options.trackBranchTips === false
      ? {}
      : {
          branchTip: (fullName: string, ref: string) => {
            if (fullName !== 'octo/demo') return undefined;
            try {
              return tip(ref);
            } catch {
              return undefined;
            }
          },
        }),
  });
  const runnerTemp = tempDir(options.tempPrefix);
  const agent = join(runnerTemp, 'agent.sh');
  const agentDoes = (script: string): void => writeFileSync(agent, `set -e\n${script}`);
  agentDoes(options.agentScript ?? APPEND_README);
  return {
    repo,
    server,
    github,
    bare,
    runnerTemp,
    tip,
    agentDoes,
    run: (event, extra = {}) =>
      runBuiltAction({
        workspace: repo.checkout,
        runnerTemp,
        event,
        inputs: {
          prompt: '',
          provider: 'local',
          agent: 'custom',
          'agent-command': `sh ${agent}`,
          'github-token': token,
          ...extra.inputs,
        },
        env: {
          GITHUB_SERVER_URL: server.url,
          GITHUB_API_URL: github.url,
          GITHUB_TOKEN: token,
          GITHUB_ACTOR_ID: '583231',
          ...(extra.runId === undefined ? {} : { GITHUB_RUN_ID: extra.runId }),
          ...extra.env,
        },
      }),
    close: async () => {
      repo.cleanup();
      await server.close();
      await github.close();
    },
  };
}
