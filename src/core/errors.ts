// One error type for everything that can go wrong talking to an API, so the tree, the commands and
// the forms can each say something specific (what failed, what to do) without parsing strings.

export type ApiErrorKind =
  | 'http' // the server answered with a non-2xx status
  | 'auth' // 401: the token is missing, wrong or expired
  | 'rate-limited' // 429 that we gave up waiting for
  | 'network' // connection refused/reset, DNS failure
  | 'timeout' // no answer within the configured time
  | 'cancelled' // the user (or a closing panel) cancelled
  | 'schema' // the answer did not have the documented shape
  | 'refused' // we would not send or follow it (e.g. a redirect); see ApiError
  | 'conflict'; // the record changed on the server since it was read (a checksum mismatch)

/** One per-field problem as the API lists it (e.g. a details[] item: fieldName + message). */
export interface ApiErrorDetail {
  field?: string;
  message: string;
}

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  method: string;
  path: string;
  status?: number;
  /** Validation messages keyed by the API's field name (e.g. `{"email": ["…"]}`). */
  fieldErrors?: Record<string, string[]>;
  /** The API's own error code (e.g. an errorCode field), for logic that must not parse messages. */
  code?: string;
  details?: ApiErrorDetail[];
  cause?: unknown;
}

/**
 * What failed talking to an API. Contract for writes (the bulk runner and the forms rely on it):
 * kind 'refused' WITH a `status` means the server answered (a redirect, an answer too large to
 * read) after the request had been sent, so a write's outcome is unknown and must be checked
 * before sending again; 'refused' without a status means nothing was sent. Every text here
 * (message, field names and messages, path, cause, stack) has been scrubbed of secrets by the
 * HttpClient that threw it.
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  readonly fieldErrors: Record<string, string[]>;
  readonly code?: string;
  readonly details: ApiErrorDetail[];

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.fieldErrors = init.fieldErrors ?? Object.create(null);
    this.code = init.code;
    this.details = init.details ?? [];
  }

  /** The first field an error concerns, if the API named one. */
  get field(): string | undefined {
    return Object.keys(this.fieldErrors)[0];
  }

  /**
   * A plain one-line fallback ("Loading failed: not found (HTTP 404)."). The sentences people see,
   * with what to do next, come from src/forms/presentError.ts; this is for code below that layer.
   */
  describe(what: string): string {
    if (this.kind === 'cancelled') return `${what} was cancelled.`;
    return `${what} failed: ${this.message}${this.status ? ` (HTTP ${this.status})` : ''}.`;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The error's message for people, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
