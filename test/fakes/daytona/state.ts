import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { FakeWebSocket } from './ws.js';

/** What a route handler answers; the dispatcher applies faults before writing it. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a Buffer/string. */
  body?: unknown;
  /** Streamed body (downloads). */
  stream?: Readable;
}

export interface FakeCommand {
  id: string;
  command: string;
  exitCode?: number;
  /** Log entries in order: 1 = stdout, 2 = stderr. */
  log: Array<{ stream: 1 | 2; data: Buffer }>;
  child?: ChildProcess;
  sockets: Set<FakeWebSocket>;
  done: Promise<void>;
}

export interface FakeSession {
  id: string;
  commands: Map<string, FakeCommand>;
}

export interface FakeSandbox {
  id: string;
  name: string;
  state: string;
  errorReason?: string;
  labels: Record<string, string>;
  env: Record<string, string>;
  /** The create request body as received. */
  createBody: Record<string, unknown>;
  /** Per-sandbox directory on the host: `home/` (HOME, default cwd) and `tmp/` (TMPDIR). */
  root: string;
  createdAt: string;
  updatedAt: string;
  lastActivity: number;
  sessions: Map<string, FakeSession>;
}

export interface FakeCall {
  method: string;
  /** Path without the query string, e.g. `/api/sandbox` or `/toolbox/<id>/process/session`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (not recorded for uploads). */
  body?: unknown;
  status?: number;
  /** Whether the request carried the expected bearer key. */
  authorized: boolean;
  websocket?: boolean;
  at: number;
}

export interface FaultRule {
  method?: string;
  /** Exact path (no query) or a pattern tested against it. */
  path: string | RegExp;
  /** Answer with this status (and headers/body) instead of running the handler. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * `before`: destroy the connection without running the handler.
   * `after`: run the handler (its effects happen) and then destroy the connection without answering:
   * a lost response.
   */
  drop?: 'before' | 'after';
  /** Delay before answering (or dropping). */
  delayMs?: number;
  /** How many requests this rule applies to (default 1; Infinity for all). */
  times?: number;
}

export type Handler = (req: IncomingMessage, url: URL, match: RegExpMatchArray) => Promise<FakeResponse>;

export function json(status: number, body?: unknown): FakeResponse {
  return { status, body };
}

export function errorBody(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): FakeResponse {
  return { status, body: { statusCode: status, message, ...extra } };
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  return JSON.parse(text) as Record<string, unknown>;
}
