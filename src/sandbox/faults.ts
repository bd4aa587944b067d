// Injected faults: the failure modes a real client meets (hangs, resets, gateway HTML, throttling,
// revoked tokens, broken JSON). Each fault matches requests by method and path and fires a limited
// number of times, so a test can say "the next portfolio call fails once" and then see recovery.
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
] as const;

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
}

/** FaultSpec as JSON (control endpoint): Infinity cannot be written in JSON, so 'Infinity'/null mean it. */
export const faultSpecSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  method: z.optional(z.string().check(z.minLength(1))),
  path: z.optional(z.string().check(z.minLength(1))),
  times: z.optional(
    z.pipe(
      z.union([z.int().check(z.positive()), z.literal('Infinity'), z.null()]),
      z.transform((t): number => (t === 'Infinity' || t === null ? Infinity : t)),
    ),
  ),
});

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
    const times = spec.times ?? 1;
    if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new RangeError(`FaultSpec.times must be a positive integer or Infinity, got ${String(spec.times)}`);
    }
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
  take(method: string, path: string, pathWithQuery: string): FaultKind | undefined {
    const candidates = path === pathWithQuery ? [path] : [path, pathWithQuery];
    const index = this.faults.findIndex(
      (f) => (f.spec.method === undefined || f.spec.method.toUpperCase() === method) && pathMatches(f, candidates),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index] as ActiveFault;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec.kind;
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

export function faultAction(kind: FaultKind, errors: ApiErrorReplies, retryAfterSeconds: number | null): FaultAction {
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
  }
}
