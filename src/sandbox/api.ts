// The contract between the generic server and one simulated vendor API. The server owns traffic
// (latency, throttling, faults, write records); an API owns authentication, routes, data, the
// vendor's wording of errors, and (through its registration) the credentials, facts, handles,
// options and CLI flags it adds to the sandbox.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply, RequestBody } from './http.js';

/** The portfolio size ceiling when no API declares a lower one. */
const COMPANIES_CEILING = 50_000;

export interface ApiRequest {
  method: string;
  /** The path after the API prefix as sent (no query), e.g. '/v1/companies'. */
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
  /** The API root as the client addressed it, e.g. 'http://127.0.0.1:PORT/<prefix>'. */
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
  /** The 400 refusing one field (named as the API's bodies name it, e.g. '0.email' in a batch) with `message`. */
  fieldError(field: string, message: string): Reply;
}

export interface SandboxApi {
  /** Its key in the registry (requests and writes are recorded under it). */
  readonly kind: string;
  /** Mount point, e.g. '/vendor' or '/vendor/rest'. */
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

/** What the server hands an API it mounts. */
export interface MountContext<O> {
  seed: number;
  companies: number;
  /** `SandboxOptions.tokens[kind]`, else a random one: the API's main secret (what it means is the API's). */
  secret: string;
  /** A fresh random secret, for the API's other credentials. */
  randomSecret(): string;
  /** The sandbox options, of which this API reads its own keys. */
  options: O;
}

/** One API as mounted on a running sandbox. */
export interface MountedApi<C, H> {
  readonly api: SandboxApi;
  /** What a client needs to sign in (`RunningSandbox.apis[kind]`), given the sandbox's URL. */
  credentials(url: string): C;
  /** Seed facts served under the API's key by GET /__sandbox/facts. */
  facts(): unknown;
  /** Properties added to RunningSandbox (getters kept as getters), e.g. live data or token knobs. */
  readonly handles: H;
}

/** A CLI flag one API declares (`--name VALUE`): an integer in a range, else a non-empty string. */
export interface CliFlag<O> {
  name: string;
  /** Shown in the usage line, e.g. 'T' or 'S'. */
  placeholder: string;
  integer?: readonly [min: number, max: number];
  apply(options: O & { tokens?: Partial<Record<string, string>> }, value: string | number): void;
}

/**
 * What the generic server needs of a simulated API: how to mount it, and what it adds to
 * SandboxOptions (O), to RunningSandbox.apis (C) and to RunningSandbox itself (H).
 */
export interface ApiRegistration<O extends object = object, C extends object = object, H extends object = object> {
  mount(ctx: MountContext<O>): MountedApi<C, H>;
  /** The largest portfolio the API can seed (e.g. what its word lists name uniquely). */
  maxCompanies?: number;
  /** Throws a RangeError for a bad value of this API's own options, before anything starts. */
  checkOptions?(options: O): void;
  /** The credential keys the CLI's JSON line prints; default all. */
  cliKeys?: readonly (keyof C & string)[];
  cliFlags?: readonly CliFlag<O>[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRegistration = ApiRegistration<any, any, any>;
export type Registry = Record<string, AnyRegistration>;

export type OptionsOf<A> = A extends ApiRegistration<infer O, infer _C, infer _H> ? O : never;
export type CredentialsOf<A> = A extends ApiRegistration<infer _O, infer C, infer _H> ? C : never;
export type HandlesOf<A> = A extends ApiRegistration<infer _O, infer _C, infer H> ? H : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every API's own options, side by side. */
export type RegistryOptions<R extends Registry> = UnionToIntersection<{ [K in keyof R]: OptionsOf<R[K]> }[keyof R]>;
/** Every API's handles, side by side. */
export type RegistryHandles<R extends Registry> = UnionToIntersection<{ [K in keyof R]: HandlesOf<R[K]> }[keyof R]>;
/** `RunningSandbox.apis`: each API's credentials under its key. */
export type RegistryCredentials<R extends Registry> = { [K in keyof R]: CredentialsOf<R[K]> };

/** The largest `companies` every API of the registry can seed. */
export function maxCompaniesOf(registry: Registry): number {
  return Math.min(COMPANIES_CEILING, ...Object.values(registry).map((r) => r.maxCompanies ?? COMPANIES_CEILING));
}
