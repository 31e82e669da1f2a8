// The fake GitHub of the test suite (REST API that records calls, and a real `git http-backend` smart-HTTP
// server), for figure 3's pull-request delivery, compiled from test/fakes/github by loadFake.
import { loadFake } from './lib.mjs';

const TOKEN = 'ghs_BenchFakeGitHubToken0123456789abcdef';

async function loadFakes() {
  const [rest, gitServer] = await loadFake('github', ['rest.ts', 'git-server.ts']);
  return { startFakeGitHub: rest.startFakeGitHub, startGitServer: gitServer.startGitServer };
}

/**
 * Starts the git server with `repository` seeded from `sourceRepo`, and the REST fake. Returns the action
 * inputs and env that deliver through them, plus `pulls` (the PRs the fake holds) and `close`.
 */
export async function startFakeGitHub(repository, sourceRepo) {
  const fakes = await loadFakes();
  const server = await fakes.startGitServer({ token: TOKEN });
  const github = await fakes.startFakeGitHub({ token: TOKEN, serverUrl: server.url });
  server.createRepo(repository, sourceRepo);
  return {
    server,
    github,
    inputs: { output: 'pull-request', 'github-token': TOKEN },
    env: { GITHUB_SERVER_URL: server.url, GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN },
    /** Env for a plain `git push` to the fake server with the token, as the action sends it (not argv). */
    pushEnv: {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'gc.auto',
      GIT_CONFIG_VALUE_0: '0',
      GIT_CONFIG_KEY_1: 'http.extraHeader',
      GIT_CONFIG_VALUE_1: `Authorization: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
    },
    remoteUrl: `${server.url}/${repository}.git`,
    close: async () => {
      await github.close();
      await server.close();
    },
  };
}
