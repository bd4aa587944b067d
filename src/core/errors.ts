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

/** One per-field problem as the API lists it (Guidewire's details[]: fieldName + message). */
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
  /** Validation messages keyed by the API's field name (DRF `{"email": ["…"]}` and the like). */
  fieldErrors?: Record<string, string[]>;
  /** The API's own error code (Guidewire's errorCode), for logic that must not parse messages. */
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

  /** A one-line text for a notification or a tree item: what failed and what to do. */
  describe(what: string): string {
    switch (this.kind) {
      case 'auth':
        return `${what} failed: the server rejected the token (${this.message}). Run "Update Token…" for this connection.`;
      case 'rate-limited':
        return `${what} failed: the API is throttling requests (${this.message}). Wait a minute, then refresh.`;
      case 'network':
        return `${what} failed: could not reach the server (${this.message}). Check the base URL and your network.`;
      case 'timeout':
        return `${what} failed: the server did not answer in time. Try again, or raise "portfolioContacts.requestTimeoutSeconds".`;
      case 'cancelled':
        return `${what} was cancelled.`;
      case 'schema':
        return `${what} failed: the API answered in an unexpected shape (${this.message}). Check that the connection's base URL is the API itself, not a proxy or sign-in page; if it is, try again later.`;
      case 'refused':
        return `${what} failed: ${this.message}. Check the connection's base URL.`;
      case 'http':
        return `${what} failed: ${this.message}${this.status ? ` (HTTP ${this.status})` : ''}.${httpAdvice(this.status)}`;
      case 'conflict':
        return `${what} failed: it was changed by someone else since it was loaded (${this.message}). Reload it and try again.`;
    }
  }
}

/** What a person can do about an HTTP error status, as a sentence starting with a space ('' when nothing useful). */
function httpAdvice(status: number | undefined): string {
  if (status === undefined) return '';
  if (status >= 500) return ' The service is having trouble: try again in a few minutes.';
  if (status === 403) return " Check that the token's user is allowed to do this.";
  if (status === 404) return ' Refresh: it may have been removed.';
  return '';
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The error's message for people, whatever was thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
