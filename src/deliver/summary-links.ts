// The run's links, apart from the summary's renderer so that the action's start (which sets
// `artifact-url`) does not load the renderer: it loads when the summary is written (cold start, issue 19).

/** Where the run lives on GitHub, for links; all of it is ours (the runner's env), none the agent's. */
export interface SummaryLinks {
  /** The run's page (with its attempt). */
  runUrl?: string;
  serverUrl?: string;
  repository?: string;
  runId?: string;
}

/** The URL of an uploaded artifact, as GitHub shows it on the run page. */
export function artifactUrl(links: SummaryLinks, artifactId: string | undefined): string | undefined {
  if (!artifactId || !links.serverUrl || !links.repository || !links.runId) return undefined;
  return `${links.serverUrl}/${links.repository}/actions/runs/${links.runId}/artifacts/${artifactId}`;
}
