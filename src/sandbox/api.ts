// The contract between the generic server and one simulated vendor API. The server owns traffic
// (latency, throttling, faults, write records); an API owns authentication, routes, data and the
// vendor's wording of errors.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKind } from '../core/model.js';
import type { Reply, RequestBody } from './http.js';

export interface ApiRequest {
  method: string;
  /** The path after the API prefix as sent (no query), e.g. '/ratings/v2/portfolio'. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /**
   * Read only once authentication admitted the request (so a stranger's megabytes are never
   * buffered): `authenticate()` must not touch it, `respond()` may.
   */
  body: RequestBody;
  /** The request URL as the client addressed it (Host header), for absolute paging links. */
  url: URL;
  /** The API root as the client addressed it, e.g. 'http://127.0.0.1:PORT/bitsight'. */
  baseUrl: string;
  receivedAt: Date;
  /** Set when the request came through one of `SandboxApi.mounts` (then `path` is relative to it). */
  mount?: string;
}

/** The outcome of authentication: either a way to answer, or the refusal itself. */
export type Admission = { ok: true; respond(): Reply | Promise<Reply> } | { ok: false; reply: Reply };

/** The vendor's own wording for errors raised by the generic layers. */
export interface ApiErrorReplies {
  notFound(): Reply;
  unauthorized(): Reply;
  throttled(retryAfterSeconds: number | null): Reply;
  serverError(): Reply;
}

export interface SandboxApi {
  readonly kind: ApiKind;
  /** Mount point, e.g. '/bitsight' or '/guidewire/rest'. */
  readonly prefix: string;
  readonly errors: ApiErrorReplies;
  authenticate(req: ApiRequest): Admission;
  /** Further mount points outside `prefix`, e.g. an OAuth token endpoint beside the API root. */
  readonly mounts?: readonly string[];
  /**
   * What the request and write logs keep of a body (already as `bodyForRecord` gives it: the JSON
   * value, or the text cut to 4 KiB), for an API whose bodies carry secrets (a sign-in's password,
   * a client secret). Default: all of it.
   */
  recordBody?(req: { mount: string; path: string }, body: unknown): unknown;
}

/** The mount point of `api` that `pathname` lies under: its prefix or one of its extra mounts. */
export function mountOf(api: SandboxApi, pathname: string): string | undefined {
  return [api.prefix, ...(api.mounts ?? [])].find((m) => underPrefix(pathname, m));
}

/** Whether `pathname` lies under `prefix` (exactly, or followed by a slash). */
export function underPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(prefix + '/');
}
