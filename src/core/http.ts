// The single HTTP layer every provider uses (node-fetch underneath). It owns what must be right
// once for all three APIs: a timeout on every attempt, a per-connection concurrency cap, 429
// handling, retries only where repeating is harmless, redirects that never carry the token out of
// the connection's base path (and never repeat a write), a cap on the bytes an answer may take,
// typed errors, and log lines that never contain a secret.
import fetch, { type RequestInit, type Response } from 'node-fetch';
import type { Schema } from './zod';
import { t } from './l10n';
import { ApiError, type ApiErrorDetail } from './errors';
import { writeOutcome } from './outcome';
import { Limiter, type ConcurrencyControl } from './limiter';
import { type Logger, silentLogger } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestSpec<T> {
  method: HttpMethod;
  /** A path below the base URL ("/ratings/v2/portfolio") or an absolute URL on the same origin (a `next` link). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of `body` (OAuth token endpoints). */
  form?: Record<string, string>;
  /** Headers of this request only (idempotency keys, checksums); they never override the auth headers. */
  headers?: Record<string, string>;
  schema: Schema<T>;
  signal?: AbortSignal;
  /**
   * Retry after a 429 even though the method is not idempotent. Only for APIs whose 429 means
   * "refused before processing" (an API that throttles by concurrency), and only when the caller
   * opts in: by default a write is never repeated.
   */
  retryThrottled?: boolean;
  /**
   * Attempts in all when the server keeps throttling (default maxAttempts). A bulk send, which
   * nobody watches, may wait through more 429s than a tree read a person is waiting for.
   */
  throttledAttempts?: number;
  /** The company a write is about, for the audit trail (its id and name when the caller knows them). */
  subject?: { companyId?: string; companyName?: string };
  /** A POST that changes nothing (a search with a body): not a write, so not in the audit trail. */
  readOnly?: boolean;
}

/**
 * One write as the audit trail keeps it: what was sent where and how it ended, never a header
 * value, a body or a secret (the path and query are scrubbed by the client's redact first).
 * outcome: 'done' 2xx; 'failed' the server answered otherwise (status); 'refused' not sent;
 * 'unknown' sent but the answer was lost or unusable; 'cancelled' stopped by the person.
 */
export interface WriteRecord {
  method: HttpMethod;
  path: string;
  status?: number;
  outcome: WriteOutcome;
  requestId?: string;
  durationMs: number;
  companyId?: string;
  companyName?: string;
}
export type WriteOutcome = 'done' | 'failed' | 'refused' | 'unknown' | 'cancelled';

/**
 * How the audit trail words a write's end, from the one decision of src/core/outcome.ts (so the
 * trail never calls "failed" what a form treats as possibly landed, such as a 5xx): a refusal the
 * server answered is 'failed' (its status is kept), one that never reached a server is 'refused'.
 */
export function auditOutcome(error: unknown): WriteOutcome {
  if (error === undefined) return 'done';
  const outcome = writeOutcome(error);
  if (outcome !== 'refused') return outcome;
  return error instanceof ApiError && error.status !== undefined ? 'failed' : 'refused';
}

export interface ParsedError {
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** The API's own error code (e.g. an errorCode field). */
  code?: string;
  /** Per-field details in the API's order (e.g. details[] with fieldName). */
  details?: ApiErrorDetail[];
  /** Text meant for developers: logged, never shown. */
  developerMessage?: string;
  /** The write lost a race with another change (a checksum mismatch): ApiError kind 'conflict'. */
  conflict?: boolean;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Headers that prove who we are (Authorization, …). Throw an ApiError of kind 'auth' when there is no credential. */
  authorize: () => Promise<Record<string, string>>;
  /**
   * Called on a 401 with the auth headers that request carried: true when the credentials were
   * renewed (or already had been since), and the request is sent once more with fresh headers.
   */
  onUnauthorized?: (sent: Record<string, string>) => Promise<boolean>;
  concurrency: number;
  timeoutMs: number;
  logger?: Logger;
  /** What a 429 does to this client (the provider's: e.g. one lowers its concurrency). Default: honourRetryAfter(). */
  throttle?: ThrottlePolicy;
  /** The longest we wait for one 429 before giving up. */
  maxRetryAfterMs?: number;
  /** Attempts in all (first try + retries) for retryable failures. */
  maxAttempts?: number;
  /** Turns an error answer into the API's own message and field errors (the provider's). Default: neutralErrorBody. */
  parseError?: (status: number, body: string, contentType: string) => ParsedError;
  /** Injected in tests to observe back-off without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetchImpl?: typeof fetch;
  /** Applied to the text of every ApiError this client throws (message, field errors, path): removes secrets a server echoed. */
  redact?: (text: string) => string;
  /** The most bytes one answer may take once decompressed (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Headers made fresh for every attempt (a correlation id per request). */
  requestHeaders?: () => Record<string, string>;
  /** Names of headers whose values go into the request's log line, so a person can quote them (X-Correlation-ID). */
  loggedHeaders?: string[];
  /** 'always': Content-Type: application/json on every request, GETs included (for an API that requires it). Default: only with a JSON body. */
  jsonContentType?: 'always' | 'withBody';
  /** Told of every write (any method but GET) once it has ended, whatever its end; its errors are ignored. */
  onWrite?: (write: WriteRecord) => void;
}

/**
 * How an API's throttling is met. The client always honours a Retry-After (up to maxRetryAfterMs);
 * a policy says how long to wait without one and may change how many requests run at once.
 * One policy object per client: it may keep state.
 */
export interface ThrottlePolicy {
  /** The wait after a 429 without a usable Retry-After, before the given attempt (2 = the first retry). */
  waitWithoutRetryAfterMs(attempt: number): number;
  /** Every 429 answer, before its retry is scheduled. */
  throttled?(concurrency: ConcurrencyControl): void;
  /** Every successful answer. */
  succeeded?(concurrency: ConcurrencyControl): void;
}

/** The default: Retry-After when given, else 1 s, 2 s, 4 s…; concurrency never changes. */
export function honourRetryAfter(): ThrottlePolicy {
  return { waitWithoutRetryAfterMs: (attempt) => 1000 * 2 ** Math.max(0, attempt - 2) };
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Longer error texts are cut for display; the whole (redacted) text goes to the log at debug level. */
export const MAX_SHOWN_ERROR_CHARS = 500;

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([502, 503, 504, 524]);
const MAX_REDIRECTS = 3;

export class HttpClient {
  private readonly base: URL;
  private readonly limiter: Limiter;
  private readonly log: Logger;
  private readonly opts: Required<
    Pick<HttpClientOptions, 'timeoutMs' | 'maxRetryAfterMs' | 'maxAttempts' | 'maxResponseBytes'>
  >;
  private readonly throttle: ThrottlePolicy;
  private readonly concurrencyControl: ConcurrencyControl;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.limiter = new Limiter(options.concurrency);
    this.log = options.logger ?? silentLogger;
    this.opts = {
      timeoutMs: options.timeoutMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      maxAttempts: options.maxAttempts ?? 3,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    };
    this.sleep = options.sleep ?? abortableSleep;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.throttle = options.throttle ?? honourRetryAfter();
    const limiter = this.limiter;
    this.concurrencyControl = {
      get limit() {
        return limiter.limit;
      },
      cap: options.concurrency,
      setLimit: (limit) => limiter.setLimit(Math.min(Math.max(1, Math.floor(limit)), options.concurrency)),
    };
  }

  get inFlight(): number {
    return this.limiter.inFlight;
  }

  async request<T>(spec: RequestSpec<T>): Promise<T> {
    const trace: Trace = {};
    const started = Date.now();
    try {
      const value = await this.send(spec, trace);
      this.recordWrite(spec, trace, started, undefined);
      return value;
    } catch (e) {
      const error = this.redacted(e);
      this.recordWrite(spec, trace, started, error);
      throw error;
    }
  }

  /** The one place every write passes once it has ended: the audit trail's view of it. */
  private recordWrite(spec: RequestSpec<unknown>, trace: Trace, started: number, error: unknown): void {
    const observe = this.options.onWrite;
    if (!observe || spec.method === 'GET' || spec.readOnly) return;
    const r = this.options.redact ?? ((t: string) => t);
    const status = error instanceof ApiError ? (error.status ?? trace.status) : trace.status;
    const outcome = auditOutcome(error);
    const record: WriteRecord = {
      method: spec.method,
      path: r(trace.path ?? spec.path.replace(/^https?:\/\/[^/]*/i, '')),
      ...(status !== undefined ? { status } : {}),
      outcome,
      ...(trace.requestId !== undefined ? { requestId: r(trace.requestId) } : {}),
      durationMs: Date.now() - started,
      ...(spec.subject?.companyId !== undefined ? { companyId: spec.subject.companyId } : {}),
      ...(spec.subject?.companyName !== undefined ? { companyName: spec.subject.companyName } : {}),
    };
    try {
      observe(record);
    } catch (e) {
      this.log.warn(`Could not record ${record.method} ${record.path} in the audit trail: ${r(String(e))}`);
    }
  }

  /**
   * Every ApiError leaves through here: its texts (field names included, a server may key an error
   * map by what it echoes) are scrubbed of secrets, the cause and stack too (node-fetch puts the URL
   * in its message), and a huge message is cut for display after the whole of it is logged.
   */
  private redacted(e: unknown): unknown {
    if (!(e instanceof ApiError)) return e;
    const r = this.options.redact ?? ((t: string) => t);
    const message = r(e.message);
    if (message.length > MAX_SHOWN_ERROR_CHARS) this.log.debug(`${e.method} ${r(e.path)} → error text in full: ${message}`);
    const fieldErrors: Record<string, string[]> = Object.create(null);
    for (const [k, v] of Object.entries(e.fieldErrors)) (fieldErrors[shorten(r(k))] ??= []).push(...v.map((m) => shorten(r(m))));
    const out = new ApiError({
      kind: e.kind,
      status: e.status,
      method: e.method,
      path: r(e.path),
      message: shorten(message),
      fieldErrors,
      code: e.code,
      details: e.details.map((d) => ({ ...(d.field !== undefined ? { field: shorten(r(d.field)) } : {}), message: shorten(r(d.message)) })),
      cause: e.cause === undefined ? undefined : redactedCause(e.cause, r),
    });
    if (e.stack) out.stack = `${out.name}: ${out.message}\n${r(e.stack.split('\n').slice(1).join('\n'))}`;
    return out;
  }

  private async send<T>(spec: RequestSpec<T>, trace: Trace): Promise<T> {
    const url = this.resolve(spec);
    trace.path = pathOf(url);
    const label = `${spec.method} ${url.pathname}`;
    const idempotent = IDEMPOTENT.has(spec.method);
    const retryThrottled = spec.retryThrottled ?? idempotent;

    let reauthorized = false;
    const sent = trace;
    for (let attempt = 1; ; attempt++) {
      let outcome: Outcome<T>;
      try {
        outcome = await this.limiter
          .run(() => this.attempt(spec, url, sent), spec.signal)
          .catch((e: unknown) => {
            if (e instanceof ApiError) throw e;
            throw cancelledOrNetwork(e, spec, url);
          });
      } catch (e) {
        // A 401 is refused before processing, so even a write may be sent again, once, after a renewal.
        if (reauthorized || !(e instanceof ApiError) || e.status !== 401 || !this.options.onUnauthorized) throw e;
        if (!(await this.options.onUnauthorized(sent.auth ?? {}))) throw e;
        reauthorized = true;
        attempt--;
        continue;
      }
      if (outcome.kind === 'done') {
        this.throttle.succeeded?.(this.concurrencyControl);
        return outcome.value;
      }

      const last = attempt >= this.opts.maxAttempts;
      if (outcome.kind === 'throttled') {
        this.throttle.throttled?.(this.concurrencyControl);
        const throttledAttempts = spec.throttledAttempts ?? this.opts.maxAttempts;
        if (!retryThrottled || attempt >= throttledAttempts) throw outcome.error;
        const wait = Math.min(outcome.retryAfterMs ?? this.throttle.waitWithoutRetryAfterMs(attempt + 1), this.opts.maxRetryAfterMs);
        this.log.warn(`${label} throttled (429); retrying in ${Math.round(wait / 1000)} s (attempt ${attempt + 1}/${throttledAttempts}, ${this.limiter.limit} at once)`);
        await this.wait(wait, spec, url);
        continue;
      }
      // A transient server/network failure: only repeat what is safe to repeat.
      if (!idempotent || last) throw outcome.error;
      const backoff = 500 * 2 ** (attempt - 1);
      this.log.warn(`${label} failed (${outcome.error.message}); retrying in ${backoff} ms`);
      await this.wait(backoff, spec, url);
    }
  }

  /** Requests this client lets run at once now (lower than configured after throttling). */
  get concurrency(): number {
    return this.limiter.limit;
  }

  private async wait(ms: number, spec: RequestSpec<unknown>, url: URL): Promise<void> {
    try {
      await this.sleep(ms, spec.signal);
    } catch (e) {
      throw cancelledOrNetwork(e, spec, url);
    }
  }

  private resolve(spec: RequestSpec<unknown>): URL {
    const url = /^https?:\/\//i.test(spec.path)
      ? new URL(spec.path)
      : new URL(spec.path.replace(/^\/+/, ''), this.base);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new ApiError({
        kind: 'refused',
        method: spec.method,
        path: url.pathname,
        message: t('the link points outside {0}, so it was not followed', `${this.base.origin}${this.base.pathname}`),
      });
    }
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  }

  private async attempt<T>(spec: RequestSpec<T>, initialUrl: URL, sent: Trace = {}): Promise<Outcome<T>> {
    const started = Date.now();
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    sent.auth = await this.options.authorize();
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(this.options.jsonContentType === 'always' ? { 'Content-Type': 'application/json' } : {}),
      ...this.options.requestHeaders?.(),
      ...spec.headers,
      ...sent.auth,
    };
    let body: string | undefined;
    if (spec.form !== undefined) {
      body = new URLSearchParams(spec.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['Content-Type'] = 'application/json';
    }

    let url = initialUrl;
    const method: HttpMethod = spec.method;
    let response: Response;
    for (let hops = 0; ; hops++) {
      const init: RequestInit = { method, headers, body, redirect: 'manual', signal };
      try {
        response = await this.fetchImpl(url.href, init);
      } catch (e) {
        const elapsed = Date.now() - started;
        if (spec.signal?.aborted) throw cancelledOrNetwork(e, spec, url);
        if (timeout.aborted) {
          this.log.warn(`${method} ${pathOf(url)} → timeout after ${elapsed} ms`);
          return {
            kind: 'retryable',
            error: new ApiError({ kind: 'timeout', method, path: url.pathname, message: t('no answer within {0} s', Math.round(this.opts.timeoutMs / 1000)), cause: e }),
          };
        }
        this.log.warn(`${method} ${pathOf(url)} → ${networkMessage(e)} (${elapsed} ms)`);
        return { kind: 'retryable', error: new ApiError({ kind: 'network', method, path: url.pathname, message: networkMessage(e), cause: e }) };
      }
      if (![301, 302, 303, 307, 308].includes(response.status)) break;
      response.body?.resume?.();
      if (spec.method !== 'GET') {
        // Following would send the write again (or, after 301/302/303, turn it into a GET): the
        // server may already have acted on it, so the caller must treat the outcome as unknown.
        throw new ApiError({
          kind: 'refused',
          method,
          path: url.pathname,
          status: response.status,
          message: t('the server redirected the write (HTTP {0}); it was not repeated, so its outcome is unknown', response.status),
        });
      }
      const location = response.headers.get('location');
      const target = location ? safeUrl(location, url) : undefined;
      const refusal = !target
        ? 'the server redirected without a usable Location'
        : target.origin !== url.origin
          ? `the server redirected to another host (${target.host}); the request was not repeated there, so your token stayed with ${url.host}`
          : !target.pathname.startsWith(this.base.pathname)
            ? `the server redirected outside ${this.base.pathname.replace(/\/$/, '') || '/'} (to ${target.pathname}); it was not followed, so your token stayed with the API`
            : hops >= MAX_REDIRECTS
              ? 'the server redirected too many times'
              : undefined;
      if (refusal) throw new ApiError({ kind: 'refused', method, path: url.pathname, status: response.status, message: refusal });
      url = target!;
    }

    sent.status = response.status;
    sent.requestId = REQUEST_ID_HEADERS.map((n) => response.headers.get(n) ?? undefined).find((v) => v) ?? (this.options.loggedHeaders ?? []).map((n) => headers[n]).find((v) => v);
    const contentType = response.headers.get('content-type') ?? '';
    let read: string | typeof TOO_LARGE;
    try {
      read = await readCapped(response, this.opts.maxResponseBytes);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (spec.signal?.aborted) throw cancelledOrNetwork(e, spec, url);
      // A body cut off or stalled is the network failing, not the API answering in a new shape.
      const elapsed = Date.now() - started;
      if (timeout.aborted) {
        this.log.warn(`${method} ${pathOf(url)} → ${response.status}, then timeout while reading the answer after ${elapsed} ms`);
        return {
          kind: 'retryable',
          error: new ApiError({ kind: 'timeout', method, path: url.pathname, message: t('the answer did not finish within {0} s', Math.round(this.opts.timeoutMs / 1000)), cause: e }),
        };
      }
      this.log.warn(`${method} ${pathOf(url)} → ${response.status}, then ${networkMessage(e)} while reading the answer (${elapsed} ms)`);
      return {
        kind: 'retryable',
        error: new ApiError({ kind: 'network', method, path: url.pathname, message: t('the answer was cut off ({0})', networkMessage(e)), cause: e }),
      };
    }
    if (read === TOO_LARGE) {
      throw new ApiError({
        kind: 'refused',
        method,
        path: url.pathname,
        status: response.status,
        message: t('the answer was larger than {0} MB, so it was not read (the limit is the setting "portfolioContacts.maxResponseMegabytes")', formatMegabytes(this.opts.maxResponseBytes)),
      });
    }
    const text = read;
    const elapsed = Date.now() - started;
    this.log.debug(`${method} ${pathOf(url)} → ${response.status} (${elapsed} ms)${this.quoted(headers)}`);

    if (response.ok) return { kind: 'done', value: this.parseBody(spec, method, url, text, contentType) };

    const parsed = (this.options.parseError ?? neutralErrorBody)(response.status, text, contentType);
    if (parsed.developerMessage) this.log.debug(`${method} ${pathOf(url)} → ${response.status}: ${parsed.developerMessage}`);
    const error = new ApiError({
      kind: response.status === 401 ? 'auth' : response.status === 429 ? 'rate-limited' : parsed.conflict ? 'conflict' : 'http',
      status: response.status,
      method,
      path: url.pathname,
      message: parsed.message,
      fieldErrors: withDetails(parsed.fieldErrors, parsed.details),
      code: parsed.code,
      details: parsed.details,
    });
    if (response.status === 429) return { kind: 'throttled', error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
    if (RETRYABLE_STATUS.has(response.status)) return { kind: 'retryable', error };
    throw error;
  }

  /** " · X-Correlation-ID abc" for the headers a person may need to quote to their admin. */
  private quoted(headers: Record<string, string>): string {
    const names = this.options.loggedHeaders ?? [];
    return names.map((n) => (headers[n] !== undefined ? ` · ${n} ${headers[n]}` : '')).join('');
  }

  private parseBody<T>(spec: RequestSpec<T>, method: string, url: URL, text: string, contentType: string): T {
    let json: unknown = undefined;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        throw new ApiError({
          kind: 'schema',
          method,
          path: url.pathname,
          message: /html/i.test(contentType) || /^\s*</.test(text)
            ? 'the server sent an HTML page instead of JSON'
            : 'the answer is not valid JSON',
        });
      }
    }
    const result = spec.schema.safeParse(json);
    if (!result.success) {
      throw new ApiError({ kind: 'schema', method, path: url.pathname, message: describeIssues(result.error.issues) });
    }
    return result.data;
  }
}

const TOO_LARGE = Symbol('too large');

/** What one request learnt on its way, across attempts: the auth headers last sent (for a renewal), and for the audit trail where it went and how the server answered. */
interface Trace {
  auth?: Record<string, string>;
  path?: string;
  status?: number;
  requestId?: string;
}
/** Answer headers that name the request on the server's side, for a person to quote to the vendor. */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid'];

/**
 * The body as text, reading at most `cap` bytes (counted after node-fetch has decompressed it, so a
 * small gzip bomb is stopped too); past the cap the stream is destroyed and TOO_LARGE returned.
 * Rejects when the stream fails (reset, abort by the timeout).
 */
async function readCapped(response: Response, cap: number): Promise<string | typeof TOO_LARGE> {
  const body = response.body;
  if (!body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > cap) {
      (body as { destroy?: () => void }).destroy?.();
      return TOO_LARGE;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatMegabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_ERROR_CHARS ? `${text.slice(0, MAX_SHOWN_ERROR_CHARS)}…` : text;
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The cause as a plain Error whose message and stack hold no secret; its `code` is kept. */
function redactedCause(cause: unknown, r: (t: string) => string): Error {
  const out = new Error(r(cause instanceof Error ? cause.message : String(cause)));
  if (cause instanceof Error) {
    out.name = cause.name;
    out.stack = cause.stack ? r(cause.stack) : undefined;
  }
  const code = (cause as { code?: unknown })?.code;
  if (typeof code === 'string') (out as Error & { code?: string }).code = code;
  return out;
}

type Outcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'throttled'; error: ApiError; retryAfterMs?: number }
  | { kind: 'retryable'; error: ApiError };

function pathOf(url: URL): string {
  return url.pathname + url.search;
}

function networkMessage(e: unknown): string {
  const code = (e as { code?: string })?.code;
  const message = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${message}` : message;
}

function cancelledOrNetwork(e: unknown, spec: RequestSpec<unknown>, url: URL): ApiError {
  if (e instanceof ApiError) return e;
  if (spec.signal?.aborted) {
    return new ApiError({ kind: 'cancelled', method: spec.method, path: url.pathname, message: 'cancelled', cause: e });
  }
  return new ApiError({ kind: 'network', method: spec.method, path: url.pathname, message: networkMessage(e), cause: e });
}

/** Seconds ("120") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  return undefined;
}

/** "results.3.guid: expected string, received number; count: …" — names the field, not just "invalid". */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const parts = issues.slice(0, 3).map((i) => {
    const where = i.path.length ? i.path.map(String).join('.') : '(the whole answer)';
    return `${where}: ${i.message}`;
  });
  if (issues.length > 3) parts.push(`and ${issues.length - 3} more`);
  return parts.join('; ');
}

const STATUS_TEXT: Record<number, string> = {
  400: 'the request was rejected as invalid',
  401: 'authentication failed',
  403: 'permission denied',
  404: 'not found',
  405: 'method not allowed',
  409: 'conflict',
  422: 'validation failed',
  429: 'too many requests',
  500: 'the server had an internal error',
  502: 'bad gateway',
  503: 'the service is unavailable',
  504: 'gateway timeout',
};

/** The status in words, for an error answer whose body says nothing better. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `the server answered with status ${status}`;
}

/** An error body's JSON object, or undefined when it is not one (a provider then falls back to neutralErrorBody). */
export function errorObject(body: string): Record<string, unknown> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/**
 * The core's reading of an error body, for APIs without a parser of their own: a JSON string,
 * `{"message": "…"}`, OAuth's `{"error_description": "…"}` (token endpoints), else the status in
 * words (saying so when a proxy sent an HTML page). It never takes an object's other keys for
 * field names: only a provider knows whether `{"errorCode": "…"}` names a field or not.
 */
export function neutralErrorBody(status: number, body: string, contentType: string): ParsedError {
  const fallback = statusText(status);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const html = /html/i.test(contentType) || /^\s*</.test(body);
    return { message: html ? `${fallback}; the server sent an HTML page instead of a JSON error` : fallback };
  }
  if (typeof json === 'string' && json.trim()) return { message: json };
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { message: fallback };
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(json, key) ? (json as Record<string, unknown>)[key] : undefined);
  for (const key of ['message', 'error_description']) {
    const text = own(key);
    if (typeof text === 'string' && text.trim()) return { message: text };
  }
  return { message: fallback };
}

/**
 * The parser's field errors plus every detail that names a field, keyed by the field exactly as
 * the API wrote it (`primaryAddress.city`), so a form can map it onto its own path. A
 * null-prototype map: a field named __proto__ or constructor is just a field.
 */
function withDetails(fieldErrors: Record<string, string[]> | undefined, details: ApiErrorDetail[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const [k, v] of Object.entries(fieldErrors ?? {})) out[k] = [...v];
  for (const d of details ?? []) {
    if (d.field === undefined || d.field === '') continue;
    const list = (out[d.field] ??= []);
    if (!list.includes(d.message)) list.push(d.message);
  }
  return out;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
