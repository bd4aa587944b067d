// Shared by the fault, security and fuzz suites: a Bitsight provider against the real sandbox with
// a fake sleep (so 429 and 5xx back-offs cost nothing), a recording logger, a FormController wired
// to a capturing port, and counters over the sandbox's request log.
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/errors';
import type { FormEffects, FormHandler } from '../../../src/core/forms';
import { type Logger, Redactor, redactingLogger, silentLogger } from '../../../src/core/redact';
import { type ControllerOptions, FormController, type WebviewPort } from '../../../src/forms/controller';
import type { FormValues } from '../../../src/protocol/forms';
import type { HostMessage } from '../../../src/protocol/messages';
import { BitsightProvider } from '../../../src/providers/bitsight/client';
import { FAULT_KINDS, type FaultKind } from '../../../src/sandbox/faults';
import type { FaultSpec, RunningSandbox } from '../../../src/sandbox/server';
import { tokenAuth } from './auth';

export type Result = Extract<HostMessage, { type: 'result' }>;
export type FailedResult = Extract<Result, { ok: false }>;

export interface LogLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string) => void lines.push({ level, message });
  return { lines, trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface ProviderKit {
  provider: BitsightProvider;
  /** Every back-off the HTTP layer asked for, in ms. */
  sleeps: number[];
  redactor: Redactor;
  /** What reached the (redacting) logger's output. */
  log: ReturnType<typeof recordingLogger>;
  logger: Logger;
  /**
   * Changes the per-attempt timeout from now on: a test shortens it (300 ms) only around the call a
   * 'timeout' fault hangs, so healthy requests keep a generous one on a busy machine.
   */
  setTimeoutMs(ms: number): void;
}

/**
 * A BitsightProvider on the sandbox whose back-offs return at once (recorded in `sleeps`). The HTTP
 * layer takes `sleep` as an option, but the provider builds its client itself, so the test swaps
 * the client's private sleep (and, through setTimeoutMs, its private timeout); the assertions below
 * fail loudly if those fields are ever renamed.
 */
export function bitsightKit(sandbox: RunningSandbox, opts: { timeoutMs?: number; token?: string; redactor?: Redactor } = {}): ProviderKit {
  const redactor = opts.redactor ?? new Redactor();
  const log = recordingLogger();
  const logger = redactingLogger(log, redactor);
  const token = opts.token ?? sandbox.apis.bitsight.token;
  const provider = new BitsightProvider({ baseUrl: sandbox.apis.bitsight.baseUrl, ...tokenAuth(token, redactor), logger, redactor, timeoutMs: opts.timeoutMs ?? 10_000 });
  const sleeps: number[] = [];
  const http = provider.http as unknown as { sleep?: unknown; opts?: { timeoutMs?: unknown } };
  assert.equal(typeof http.sleep, 'function', 'HttpClient no longer has a private `sleep`: update faultKit.bitsightKit');
  assert.equal(typeof http.opts?.timeoutMs, 'number', 'HttpClient no longer has a private `opts.timeoutMs`: update faultKit.bitsightKit');
  http.sleep = async (ms: number) => void sleeps.push(ms);
  const setTimeoutMs = (ms: number) => void (http.opts!.timeoutMs = ms);
  return { provider, sleeps, redactor, log, logger, setTimeoutMs };
}

/** A FormController over a port that records what it posts. */
export function formHarness(handler: FormHandler, logger: Logger = silentLogger, settings?: ControllerOptions) {
  const posted: HostMessage[] = [];
  const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
  const controller = new FormController(port, handler, logger, settings);
  const results = () => posted.filter((m): m is Result => m.type === 'result');
  return {
    posted,
    controller,
    results,
    async submit(values: FormValues, requestId = `r-${Math.random().toString(36).slice(2, 10)}`): Promise<Result> {
      const before = results().length;
      await controller.receive({ type: 'submit', requestId, values });
      const after = results();
      assert.equal(after.length, before + 1, 'one result per submission');
      return after[after.length - 1]!;
    },
  };
}

/** Resolves once `done()` holds (checked every few ms), or fails after `ms`: for an event the code under test offers no hook for. */
export async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Effects that only count what a successful write would refresh. */
export function countingEffects() {
  const calls: string[] = [];
  const effects: FormEffects = {
    contactsChanged: (id) => void calls.push(`contacts:${id}`),
    usersChanged: () => void calls.push('users'),
    invitationsChanged: () => void calls.push('invitations'),
  };
  return { effects, calls };
}

/** Requests the sandbox received with this method whose path (after the API prefix) starts with `prefix`. */
export function received(sandbox: RunningSandbox, method: string, prefix: string, since = 0) {
  return sandbox.requests.slice(since).filter((r) => r.method === method && r.path.startsWith(prefix));
}

/** Writes (POST/PATCH/PUT/DELETE) received per path, from index `since` of the request log. */
export function writesPerPath(sandbox: RunningSandbox, since = 0): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of sandbox.requests.slice(since)) {
    if (r.method === 'GET' || r.method === 'HEAD') continue;
    const key = `${r.method} ${r.path}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function assertApiError(e: unknown, kind: ApiError['kind'], status?: number): asserts e is ApiError {
  assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
  assert.equal(e.kind, kind, `kind of: ${e.message}`);
  assert.equal(e.status, status, `status of: ${e.message}`);
}

/**
 * The words presentError() (src/forms/presentError.ts) gives a person for each kind of error,
 * pinned here once: the fault suites check that the tree, the forms and the bulk runner show
 * exactly this. When the wording there changes on purpose, change it here. Bitsight sends no error
 * code, so the code's place in the text is pinned by test/unit/presentError.test.ts.
 */
export function describeText(what: string, e: Pick<ApiError, 'kind' | 'status' | 'message'>): string {
  switch (e.kind) {
    case 'auth':
      return `${what} failed: the server did not accept this connection's credentials (${e.message}). Sign in again.`;
    case 'rate-limited':
      return `${what} failed: the API is throttling requests (${e.message}). Wait a minute, then refresh.`;
    case 'network':
      return `${what} failed: could not reach the server (${e.message}). Check the base URL and your network.`;
    case 'timeout':
      return `${what} failed: the server did not answer in time. Try again, or raise "portfolioContacts.requestTimeoutSeconds".`;
    case 'schema':
      return `${what} failed: the API answered in an unexpected shape (${e.message}). Check that the connection's base URL is the API itself, not a proxy or sign-in page; if it is, try again later.`;
    case 'refused':
      return `${what} failed: ${e.message}. Check the connection's base URL.`;
    case 'http':
      return `${what} failed: ${e.message} (HTTP ${e.status}).${e.status! >= 500 ? ' The service is having trouble: try again in a few minutes.' : e.status === 403 ? " Check that the connection's user is allowed to do this." : e.status === 404 ? ' Refresh: it may have been removed.' : ''}`;
    case 'conflict':
      return `${what} failed: someone else changed it since it was loaded (${e.message}). Reload it, then try again.`;
    case 'cancelled':
      return `${what} was cancelled.`;
  }
}

/** Every fault kind the sandbox offers, so a test can prove its matrix covers them all. */
export const ALL_FAULTS: readonly FaultKind[] = FAULT_KINDS;

/** The fault spec for a kind, hitting `method` on paths matching `path`, every time until cleared. */
export function faultSpec(kind: FaultKind, match: { method?: string; path: string }, elsewhere: string): FaultSpec {
  const spec: FaultSpec = { kind, path: match.path, times: Infinity };
  if (match.method) spec.method = match.method;
  if (kind === 'redirect') spec.location = `${elsewhere}{path}`;
  return spec;
}

/** A text tells the person what to do next (an imperative the UI offers). */
export const NAMES_AN_ACTION = /\btry again\b|\bsign in again\b|\bwait a minute\b|\bcheck\b|\braise "portfolioContacts|\bask an admin\b|\buse an admin|\brefresh\b/i;

/**
 * A second loopback server on another origin (127.0.0.2 where the OS routes it, as Linux does;
 * else 127.0.0.1 on another port) that records every request's headers and answers 200 {}.
 */
export async function otherOrigin(): Promise<{ url: string; host: string; seen: Array<{ method: string; url: string; headers: import('node:http').IncomingHttpHeaders }>; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const seen: Array<{ method: string; url: string; headers: import('node:http').IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
  const listen = (host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  let host = '127.0.0.2';
  try {
    await listen(host);
  } catch {
    host = '127.0.0.1';
    await listen(host);
  }
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://${host}:${port}`,
    host: `${host}:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Makes the provider see the outbox as a server with another clock would show it: every
 * `created_time` 5 s behind ours, or no `created_time` at all and `created_date` at midnight.
 * Returns the entries it rewrote, so a test can prove the rewriting happened.
 */
export function skewOutbox(provider: BitsightProvider, clock: 'five-seconds-behind' | 'date-only'): { rewritten: number } {
  const seen = { rewritten: 0 };
  const real = provider.outbox.bind(provider);
  provider.outbox = async (companyGuid, signal) =>
    (await real(companyGuid, signal)).map((r) => {
      seen.rewritten++;
      if (clock === 'date-only') return { ...r, created_time: undefined, created_date: (r.created_date ?? r.created_time ?? '').slice(0, 10) };
      return { ...r, created_time: r.created_time ? new Date(Date.parse(r.created_time) - 5000).toISOString() : r.created_time };
    });
  return seen;
}
