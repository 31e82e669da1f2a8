/**
 * Install gets its own deadline (not the agent budget); main adds it to the sandbox TTL.
 * A module of its own so that main can read it at start without loading the agent stage (cold start).
 */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;
