/**
 * The sandbox environment is an allowlist (SPEC §4): the `agent-env` values, plus what the agent preset
 * needs, plus the two variables the action defines. Nothing is copied from `process.env`.
 */
export function buildSandboxEnv(
  agentEnv: Record<string, string>,
  presetEnv: Record<string, string> = {},
): Record<string, string> {
  return { ...presetEnv, ...agentEnv };
}

/** Variables every agent command gets, pointing at paths inside the sandbox. */
export function agentCommandEnv(paths: { workdir: string; promptFile: string }): Record<string, string> {
  return { AGENT_WORKDIR: paths.workdir, AGENT_PROMPT_FILE: paths.promptFile };
}
