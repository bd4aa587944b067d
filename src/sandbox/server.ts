// The embedded sandbox: one node:http server that simulates the vendor APIs over real HTTP. It is
// the "Try the sandbox" target of the extension and the server every test talks to.
//
// A request's life: control endpoints are answered at once; API requests are counted and logged,
// checked against the concurrency cap and authenticated (only an admitted request has its body
// read), delayed by the latency knob, then either hit by an injected fault or routed by their API
// (or refused, when authentication said so). Non-GET requests that pass authentication are
// recorded as writes (a fault with `afterProcessing` lets the write happen and loses its answer).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRequest, MountedApi, Registry, RegistryCredentials, RegistryHandles, RegistryOptions, SandboxApi } from './api.js';
import { maxCompaniesOf, mountOf, underPrefix } from './api.js';
import type { SandboxApis } from './apis.js';
import { SANDBOX_APIS } from './apis.js';
import type { Knobs } from './control.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import type { FaultSpec } from './faults.js';
import { FaultBook, faultAction } from './faults.js';
import type { Reply } from './http.js';
import { BodyTooLargeError, bodyForRecord, discardBody, jsonReply, parseBody, readBodyText, sendReply } from './http.js';
import { ConcurrencyGate, Delays } from './traffic.js';
import type { RequestRecord, WriteRecord } from './writes.js';
import { RequestLog, WriteLog } from './writes.js';

export type { FaultKind, FaultSpec } from './faults.js';
export type { RequestRecord, WriteRecord } from './writes.js';

/** The options every sandbox takes, whatever it serves. */
export interface BaseSandboxOptions<K extends PropertyKey = string> {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 = a free port. */
  port?: number;
  /** Portfolio size; default 120; up to the registry's ceiling (50,000). */
  companies?: number;
  /** Default 1; the same seed gives identical data. */
  seed?: number;
  /** Delay added before every API answer; default 0. */
  latencyMs?: number;
  /** API requests in flight above this get 429 (some APIs throttle by concurrency); default Infinity. */
  maxConcurrent?: number;
  /** Retry-After on throttling 429s; default 60; null = no header. */
  retryAfterSeconds?: number | null;
  /** Each API's main secret, by its key (what it means is the API's: a token, a password); default: random per start. */
  tokens?: Partial<Record<K, string>>;
  /** Control token for /__sandbox; default random. */
  controlToken?: string;
  /** How many of the latest API requests `requests` keeps (a ring); default 10,000; 0 keeps none. */
  requestLogSize?: number;
  /**
   * A stopped sandbox's `state`: serve the same data (and every write made to it), secrets and
   * sessions again. The seed, size, tokens and each API's own options are then taken from it.
   */
  state?: SandboxState;
}

/** What a sandbox serves, kept when it stops so that a restart serves the same (pass it back as `state`). */
export interface SandboxState {
  readonly mounted: ReadonlyArray<[kind: string, MountedApi<object, object>]>;
  /** Each API's main secret, by its key. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly controlToken: string;
}

/** The options of a sandbox serving `R`: the common ones plus each API's own (see its registration). */
export type SandboxOptionsOf<R extends Registry> = BaseSandboxOptions<keyof R & string> & RegistryOptions<R>;
export type SandboxOptions = SandboxOptionsOf<SandboxApis>;

/** What every running sandbox offers, whatever it serves. */
export interface BaseRunningSandbox<R extends Registry> {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  port: number;
  /** Protects the /__sandbox control endpoints (header X-Sandbox-Control). */
  controlToken: string;
  /** What a client needs to sign in to each API, by its key (see each registration). */
  apis: RegistryCredentials<R>;
  setFault(f: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setMaxConcurrent(n: number): void;
  setRetryAfterSeconds(seconds: number | null): void;
  /** Every non-GET API request that passed authentication, oldest first. */
  readonly writes: ReadonlyArray<WriteRecord>;
  clearWrites(): void;
  /**
   * Every API request received, oldest first, faulted or not (the latest `requestLogSize`): what a
   * client sent, even when a fault meant it was never processed. Never holds credentials.
   */
  readonly requests: ReadonlyArray<RequestRecord>;
  clearRequests(): void;
  /** API requests received (control calls excluded). */
  readonly requestCount: number;
  /** What to pass back as `state` to serve the same again after close(). */
  readonly state: SandboxState;
  /** Closes the server and every open socket, including hung 'timeout' faults. */
  close(): Promise<void>;
}

/** A running sandbox serving `R`: the common surface plus each API's handles (live data, token knobs…). */
export type RunningSandboxOf<R extends Registry> = BaseRunningSandbox<R> & RegistryHandles<R>;
export type RunningSandbox = RunningSandboxOf<SandboxApis>;

const randomToken = () => randomBytes(16).toString('hex');

function checkOptions(opts: BaseSandboxOptions, registry: Registry): void {
  const nonNegativeInt = (name: string, v: number | undefined, max = Number.MAX_SAFE_INTEGER) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > max)) throw new RangeError(`${name} must be an integer in 0–${max}, got ${v}`);
  };
  nonNegativeInt('port', opts.port, 65535);
  nonNegativeInt('companies', opts.companies, maxCompaniesOf(registry));
  nonNegativeInt('seed', opts.seed, 0xffffffff);
  nonNegativeInt('requestLogSize', opts.requestLogSize);
  if (opts.latencyMs !== undefined && !(opts.latencyMs >= 0 && Number.isFinite(opts.latencyMs))) throw new RangeError(`latencyMs must be ≥ 0, got ${opts.latencyMs}`);
  if (opts.maxConcurrent !== undefined && !(opts.maxConcurrent >= 0)) throw new RangeError(`maxConcurrent must be ≥ 0, got ${opts.maxConcurrent}`);
  if (opts.retryAfterSeconds != null && !(opts.retryAfterSeconds >= 0)) throw new RangeError(`retryAfterSeconds must be ≥ 0 or null`);
  for (const registration of Object.values(registry)) registration.checkOptions?.(opts);
}

/** The URL the client addressed, from its Host header (links must point where the client can reach). */
function clientUrl(req: IncomingMessage, fallbackHost: string): URL {
  try {
    return new URL(req.url ?? '/', `http://${req.headers.host ?? fallbackHost}`);
  } catch {
    return new URL(req.url ?? '/', `http://${fallbackHost}`);
  }
}

/** The sandbox serving every API of the registry (apis.ts). */
export function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandboxWith(SANDBOX_APIS, opts);
}

/** A sandbox serving the APIs of `registry`, in its order. */
export async function startSandboxWith<R extends Registry>(registry: R, opts: SandboxOptionsOf<R> = {} as SandboxOptionsOf<R>): Promise<RunningSandboxOf<R>> {
  const base: BaseSandboxOptions = opts;
  checkOptions(base, registry);
  const host = base.host ?? '127.0.0.1';
  const reused = base.state;
  const controlToken = reused?.controlToken ?? base.controlToken ?? randomToken();
  const secrets: Record<string, string> = reused ? { ...reused.tokens } : Object.fromEntries(Object.keys(registry).map((kind) => [kind, base.tokens?.[kind] ?? randomToken()]));
  const mounted: Array<[kind: string, MountedApi<object, object>]> = reused
    ? [...reused.mounted]
    : Object.entries(registry).map(([kind, registration]) => [
        kind,
        registration.mount({ seed: base.seed ?? 1, companies: base.companies ?? 120, secret: secrets[kind]!, randomSecret: randomToken, options: opts }),
      ]);
  for (const [kind, m] of mounted) if (m.api.kind !== kind) throw new Error(`The sandbox API registered as '${kind}' calls itself '${m.api.kind}'`);
  const apis: SandboxApi[] = mounted.map(([, m]) => m.api);
  const knobs: Knobs = {
    latencyMs: base.latencyMs ?? 0,
    maxConcurrent: base.maxConcurrent ?? Infinity,
    retryAfterSeconds: base.retryAfterSeconds === undefined ? 60 : base.retryAfterSeconds,
  };
  const faults = new FaultBook();
  const writes = new WriteLog();
  const requests = new RequestLog(base.requestLogSize ?? 10_000);
  const gate = new ConcurrencyGate();
  const delays = new Delays();
  let requestCount = 0;
  let fallbackHost = host;

  const controlTarget = {
    controlToken,
    faults,
    writes,
    requests,
    knobs,
    facts: () => Object.fromEntries(mounted.map(([kind, m]) => [kind, m.facts()])),
  };

  async function serveApi(api: SandboxApi, mount: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const receivedAt = new Date();
    const method = (req.method ?? 'GET').toUpperCase();
    const isWrite = method !== 'GET' && method !== 'HEAD';
    const path = url.pathname.slice(mount.length) || '/';
    const record: RequestRecord = { api: api.kind, method, path: path + url.search, at: receivedAt.toISOString(), authorization: req.headers.authorization !== undefined };
    requests.add(record);
    const admitted = gate.tryEnter(knobs.maxConcurrent);
    if (admitted) res.once('close', () => gate.leave());

    let body: ApiRequest['body'] | undefined;
    const apiRequest: ApiRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      get body() {
        if (!body) throw new Error('The request body is read only after authentication');
        return body;
      },
      url,
      baseUrl: url.origin + api.prefix,
      receivedAt,
      ...(mount !== api.prefix ? { mount } : {}),
    };
    // Credentials first: a request they refuse never has its body buffered or logged.
    const admission = api.authenticate(apiRequest);
    let bodyText = '';
    // What the logs keep of a body: bounded, and without the secrets an API marks (a sign-in's password).
    const keptBody = (parsed: ApiRequest['body']) => {
      const kept = bodyForRecord(bodyText, parsed);
      return api.recordBody ? { ...kept, body: api.recordBody({ mount, path }, kept.body) } : kept;
    };
    if (admission.ok) {
      try {
        bodyText = await readBodyText(req);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        record.status = 413;
        sendReply(res, { ...jsonReply(413, { detail: error.message }), headers: { Connection: 'close' } });
        return;
      }
      body = parseBody(bodyText);
      if (isWrite) Object.assign(record, keptBody(body));
    } else {
      discardBody(req);
    }
    if (!(await delays.wait(knobs.latencyMs))) return; // the sandbox closed meanwhile
    if (!admitted) {
      record.status = 429;
      sendReply(res, api.errors.throttled(knobs.retryAfterSeconds));
      return;
    }

    const fault = faults.take(method, path, path + url.search);
    const applyFault = (spec: FaultSpec) => {
      const authorization = req.headers.authorization;
      const action = faultAction(spec, api.errors, knobs.retryAfterSeconds, { pathWithQuery: path + url.search, authorization });
      if (action.action === 'reset') req.socket.destroy();
      else if (action.action === 'reply') sendReply(res, action.reply);
      // 'hang': never answer; close() or the client's abort ends it.
    };
    if (fault) {
      record.fault = fault.kind;
      if (!fault.afterProcessing) {
        applyFault(fault);
        return;
      }
      record.afterProcessing = true;
    }

    if (!admission.ok) {
      record.status = admission.reply.status;
      if (fault) applyFault(fault);
      else sendReply(res, admission.reply);
      return;
    }
    let reply: Reply;
    try {
      reply = await admission.respond();
    } catch (error) {
      // A bug in a handler: answer like the vendor would, and say why in a header for debugging.
      reply = api.errors.serverError();
      reply = { ...reply, headers: { ...reply.headers, 'X-Sandbox-Error': String(error instanceof Error ? error.message : error).slice(0, 200).replace(/[^\x20-\x7e]/g, '?') } };
    }
    if (isWrite) {
      writes.add({ api: api.kind, method, path: path + url.search, ...keptBody(apiRequest.body), at: receivedAt.toISOString(), status: reply.status });
    }
    record.status = reply.status;
    if (fault) applyFault(fault);
    else sendReply(res, reply);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = clientUrl(req, fallbackHost);
    if (underPrefix(url.pathname, CONTROL_PREFIX)) return handleControl(req, res, url.pathname, controlTarget);
    requestCount++;
    for (const api of apis) {
      const mount = mountOf(api, url.pathname);
      if (mount) return serveApi(api, mount, req, res, url);
    }
    req.resume();
    if (url.pathname === '/' && req.method === 'GET') {
      sendReply(res, jsonReply(200, { name: 'Portfolio Contacts sandbox', apis: Object.fromEntries(apis.map((a) => [a.kind, url.origin + a.prefix])) }));
    } else {
      sendReply(res, jsonReply(404, { detail: 'Not found.' }));
    }
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, jsonReply(500, { detail: 'Sandbox failure', error: String(error) }));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(base.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  fallbackHost = `${urlHost}:${port}`;
  const url = `http://${fallbackHost}`;
  let closing: Promise<void> | undefined;

  const running: BaseRunningSandbox<Registry> = {
    url,
    port,
    controlToken,
    apis: Object.fromEntries(mounted.map(([kind, m]) => [kind, m.credentials(url)])),
    state: { mounted, tokens: secrets, controlToken },
    setFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`latency must be ≥ 0, got ${ms}`);
      knobs.latencyMs = ms;
    },
    setMaxConcurrent: (n) => {
      if (!(n >= 0)) throw new RangeError(`maxConcurrent must be ≥ 0, got ${n}`);
      knobs.maxConcurrent = n;
    },
    setRetryAfterSeconds: (seconds) => {
      knobs.retryAfterSeconds = seconds;
    },
    get writes() {
      return writes.all;
    },
    clearWrites: () => writes.clear(),
    get requests() {
      return requests.all;
    },
    clearRequests: () => requests.clear(),
    get requestCount() {
      return requestCount;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        delays.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
  // Each API's handles join the common surface as they are (getters stay live).
  for (const [kind, m] of mounted) {
    const taken = Reflect.ownKeys(m.handles).find((key) => key in running);
    if (taken !== undefined) {
      await running.close();
      throw new Error(`The sandbox API '${kind}' declares a handle '${String(taken)}' that is already taken`);
    }
    Object.defineProperties(running, Object.getOwnPropertyDescriptors(m.handles));
  }
  return running as RunningSandboxOf<R>;
}
