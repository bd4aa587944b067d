// Injected faults: the failure modes a real client meets (hangs, resets, gateway HTML, throttling,
// revoked tokens, broken JSON, redirects to another host, servers that echo credentials, a refusal
// naming one field in the API's own wording). Each
// fault matches requests by method and path and fires a limited number of times, so a test can say
// "the next portfolio call fails once" and then see recovery. A fault normally replaces the request
// before anything happens; with `afterProcessing` the request is processed first and only its
// answer is lost (a write that landed although the client saw a failure).
import * as z from '../core/zod';
import type { ApiErrorReplies } from './api.js';
import type { Reply } from './http.js';
import { jsonReply } from './http.js';

export const FAULT_KINDS = [
  'timeout',
  'reset',
  '500',
  '502-html',
  '429',
  '429-no-retry-after',
  '401',
  '403-html',
  'malformed-json',
  'schema-violation',
  /** A redirect (307 by default) to `location`, typically another origin. */
  'redirect',
  /** An error (401 by default) whose body echoes the credentials the client sent. */
  'echo-credentials',
  /**
   * The API's own 400 refusing one `field` with `message`, for a client whose rules already let
   * through nothing the API would refuse: the only way to see where it shows a field error.
   */
  'field-error',
] as const;

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** Only requests with this method (case-insensitive); any method when absent. */
  method?: string;
  /**
   * Matched against the path after the API prefix: as a substring, or else as a regular-expression
   * source. Both the bare path and the path with its query string are tried, so
   * '^/ratings/v2/portfolio$' and 'offset=100' both work.
   */
  path?: string;
  /** How many requests it hits; default 1; Infinity until cleared. */
  times?: number;
  /**
   * 'redirect' only (required there): the Location sent. `{path}` is replaced by the request's
   * path after the API prefix, with its query string, so `http://localhost:PORT/<prefix>{path}`
   * sends the client to the same sandbox under another origin.
   */
  location?: string;
  /** The status: for 'redirect' one of 301/302/303/307/308 (default 307); for 'echo-credentials' 400–599 (default 401). */
  status?: number;
  /**
   * 'field-error' only (required there): the field as the API names it in its error body, e.g.
   * 'email', '0.email' for a batch's first row, 'workPhone.number'.
   */
  field?: string;
  /** 'field-error' only: the refusal's text; default FIELD_ERROR_MESSAGE. */
  message?: string;
  /**
   * Process the request first (authenticate, route, apply and record a write), then replace its
   * answer with the fault: the write happened, the client learns nothing of it. Default false.
   */
  afterProcessing?: boolean;
}

/** FaultSpec as JSON (control endpoint): Infinity cannot be written in JSON, so 'Infinity'/null mean it. */
export const faultSpecSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    method: z.optional(z.string().check(z.minLength(1))),
    path: z.optional(z.string().check(z.minLength(1))),
    times: z.optional(
      z.pipe(
        z.union([z.int().check(z.positive()), z.literal('Infinity'), z.null()]),
        z.transform((t): number => (t === 'Infinity' || t === null ? Infinity : t)),
      ),
    ),
    location: z.optional(z.string().check(z.minLength(1))),
    status: z.optional(z.int()),
    field: z.optional(z.string().check(z.minLength(1))),
    message: z.optional(z.string().check(z.minLength(1))),
    afterProcessing: z.optional(z.boolean()),
  })
  .check(z.refine((f) => checkFaultSpec(f) === undefined, { message: 'inconsistent fault: see FaultSpec (redirect needs a location, field-error a field, statuses must fit the kind)' }));

/** Why a fault spec cannot be used, or undefined when it can. */
export function checkFaultSpec(spec: FaultSpec): string | undefined {
  const times = spec.times ?? 1;
  if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
    return `FaultSpec.times must be a positive integer or Infinity, got ${String(spec.times)}`;
  }
  if (spec.kind === 'redirect') {
    if (!spec.location) return 'a redirect fault needs a location';
    if (spec.status !== undefined && !(REDIRECT_STATUSES as readonly number[]).includes(spec.status)) {
      return `a redirect status must be one of ${REDIRECT_STATUSES.join(', ')}, got ${spec.status}`;
    }
  } else if (spec.location !== undefined) {
    return `only a redirect fault takes a location (this one is '${spec.kind}')`;
  }
  if (spec.kind === 'echo-credentials') {
    if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)) {
      return `an echo-credentials status must be 400–599, got ${spec.status}`;
    }
  } else if (spec.kind !== 'redirect' && spec.status !== undefined) {
    return `only redirect and echo-credentials faults take a status (this one is '${spec.kind}')`;
  }
  if (spec.kind === 'field-error') {
    if (!spec.field) return 'a field-error fault needs a field';
  } else if (spec.field !== undefined || spec.message !== undefined) {
    return `only a field-error fault takes a field and a message (this one is '${spec.kind}')`;
  }
  return undefined;
}

/** sandbox: the text of a field-error fault that brings none. */
export const FIELD_ERROR_MESSAGE = 'This value was refused (sandbox field-error fault)';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  pathRegex?: RegExp;
}

function compilePath(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source);
  } catch {
    return undefined; // not a regex: substring matching alone applies
  }
}

function pathMatches(fault: ActiveFault, candidates: string[]): boolean {
  const want = fault.spec.path;
  if (want === undefined) return true;
  return candidates.some((p) => p.includes(want) || (fault.pathRegex?.test(p) ?? false));
}

/** The active faults, consumed first-added first. */
export class FaultBook {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const problem = checkFaultSpec(spec);
    if (problem) throw new RangeError(problem);
    const times = spec.times ?? 1;
    const active: ActiveFault = { spec: { ...spec, times }, remaining: times };
    const regex = compilePath(spec.path);
    if (regex) active.pathRegex = regex;
    this.faults.push(active);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Array<FaultSpec & { remaining: number }> {
    return this.faults.map((f) => ({ ...f.spec, remaining: f.remaining }));
  }

  /** Finds the fault for this request, if any, and uses up one of its shots. */
  take(method: string, path: string, pathWithQuery: string): FaultSpec | undefined {
    const candidates = path === pathWithQuery ? [path] : [path, pathWithQuery];
    const index = this.faults.findIndex(
      (f) => (f.spec.method === undefined || f.spec.method.toUpperCase() === method) && pathMatches(f, candidates),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index] as ActiveFault;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}

export type FaultAction = { action: 'hang' } | { action: 'reset' } | { action: 'reply'; reply: Reply };

const GATEWAY_502_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`;

const FORBIDDEN_403_HTML = `<!DOCTYPE html>
<html lang="en-US">
<head><title>Attention Required! | Cloudflare</title></head>
<body>
<h1>Sorry, you have been blocked</h1>
<p>You are unable to access this site.</p>
</body>
</html>
`;

/** A 200 that starts like a real list answer and then stops mid-value. */
const TRUNCATED_JSON = '{"links": {"next": null, "previous": null}, "count": 3, "results": [{"guid": "';

/**
 * A 200 whose JSON breaks every documented shape at once: not an array (for list endpoints),
 * `results` not an array (for enveloped lists), `guid` a number and `count` a string (for objects).
 */
const SCHEMA_VIOLATION = {
  links: { next: 42, previous: false },
  count: 'many',
  results: { guid: 12345 },
  guid: 12345,
  name: null,
};

/** What a fault may need to know of the request it hits. */
export interface FaultedRequest {
  /** The path after the API prefix, with the query string if there was one. */
  pathWithQuery: string;
  /** The Authorization header as received. */
  authorization?: string;
}

/** The credentials of an Authorization header in words, as a careless server would put them in an error. */
function echoCredentials(header: string | undefined): string {
  if (!header) return 'Authentication credentials were not provided.';
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  const user = basic ? Buffer.from(basic[1] as string, 'base64').toString('utf8').replace(/:$/, '') : undefined;
  return `Invalid token "${user ?? header}" (you sent Authorization: ${header}).`;
}

export function faultAction(fault: FaultKind | FaultSpec, errors: ApiErrorReplies, retryAfterSeconds: number | null, request?: FaultedRequest): FaultAction {
  const spec: FaultSpec = typeof fault === 'string' ? { kind: fault } : fault;
  const kind = spec.kind;
  switch (kind) {
    case 'timeout':
      return { action: 'hang' };
    case 'reset':
      return { action: 'reset' };
    case '500':
      return { action: 'reply', reply: errors.serverError() };
    case '502-html':
      return { action: 'reply', reply: { status: 502, raw: GATEWAY_502_HTML, contentType: 'text/html; charset=UTF-8' } };
    case '429':
      // A fault that promises Retry-After keeps it even when the throttling knob disabled the header.
      return { action: 'reply', reply: errors.throttled(retryAfterSeconds ?? 60) };
    case '429-no-retry-after':
      return { action: 'reply', reply: errors.throttled(null) };
    case '401':
      return { action: 'reply', reply: errors.unauthorized() };
    case '403-html':
      return { action: 'reply', reply: { status: 403, raw: FORBIDDEN_403_HTML, contentType: 'text/html; charset=UTF-8' } };
    case 'malformed-json':
      return { action: 'reply', reply: { status: 200, raw: TRUNCATED_JSON } };
    case 'schema-violation':
      return { action: 'reply', reply: jsonReply(200, SCHEMA_VIOLATION) };
    case 'redirect': {
      const location = (spec.location ?? '/').split('{path}').join(request?.pathWithQuery ?? '');
      return { action: 'reply', reply: { status: spec.status ?? 307, raw: '', headers: { Location: location } } };
    }
    case 'echo-credentials': {
      const status = spec.status ?? 401;
      const headers = status === 401 ? (errors.unauthorized().headers ?? {}) : {};
      return { action: 'reply', reply: jsonReply(status, { detail: echoCredentials(request?.authorization) }, headers) };
    }
    case 'field-error':
      return { action: 'reply', reply: errors.fieldError(spec.field ?? '', spec.message ?? FIELD_ERROR_MESSAGE) };
  }
}
