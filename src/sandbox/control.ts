// The /__sandbox control endpoints: the same knobs RunningSandbox offers in-process, for tests that
// drive a sandbox running in another process (the CLI, an extension host). Every call needs the
// X-Sandbox-Control header; control calls bypass latency, throttling and faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from '../core/zod';
import { sameSecret } from './auth.js';
import type { FaultBook } from './faults.js';
import { faultSpecSchema } from './faults.js';
import type { Reply } from './http.js';
import { BodyTooLargeError, jsonReply, readBody, sendReply } from './http.js';
import { createRouter } from './router.js';
import type { RequestLog, WriteLog } from './writes.js';

export const CONTROL_PREFIX = '/__sandbox';
export const CONTROL_HEADER = 'x-sandbox-control';

export interface Knobs {
  latencyMs: number;
  maxConcurrent: number;
  retryAfterSeconds: number | null;
}

export interface ControlTarget {
  controlToken: string;
  faults: FaultBook;
  writes: WriteLog;
  requests: RequestLog;
  knobs: Knobs;
  facts(): unknown;
}

/** Knob changes as JSON. Infinity is not JSON, so null or 'Infinity' lift the concurrency cap. */
export const knobsSchema = z.strictObject({
  latencyMs: z.optional(z.number().check(z.minimum(0), z.maximum(600_000))),
  maxConcurrent: z.optional(
    z.pipe(
      z.union([z.int().check(z.minimum(0)), z.literal('Infinity'), z.null()]),
      z.transform((n): number => (n === null || n === 'Infinity' ? Infinity : n)),
    ),
  ),
  retryAfterSeconds: z.optional(z.union([z.number().check(z.minimum(0)), z.null()])),
});

export function knobsJson(knobs: Knobs) {
  return {
    latencyMs: knobs.latencyMs,
    maxConcurrent: Number.isFinite(knobs.maxConcurrent) ? knobs.maxConcurrent : null,
    retryAfterSeconds: knobs.retryAfterSeconds,
  };
}

function badRequest(error: z.core.$ZodError): Reply {
  // zod/mini carries no message locale; the issue code and keys say enough to a test author.
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message, ...('keys' in i ? { keys: i.keys } : {}) }));
  return jsonReply(400, { detail: 'Invalid control request', issues });
}

interface ControlContext {
  target: ControlTarget;
  body: unknown;
}

const dispatch = createRouter<ControlContext>(
  [
    { method: 'GET', pattern: '/__sandbox/faults', handler: ({ target }) => jsonReply(200, target.faults.list()) },
    {
      method: 'POST',
      pattern: '/__sandbox/faults',
      handler: ({ target, body }) => {
        const parsed = faultSpecSchema.safeParse(body);
        if (!parsed.success) return badRequest(parsed.error);
        target.faults.add(parsed.data);
        return jsonReply(201, target.faults.list());
      },
    },
    {
      method: 'DELETE',
      pattern: '/__sandbox/faults',
      handler: ({ target }) => {
        target.faults.clear();
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: '/__sandbox/knobs', handler: ({ target }) => jsonReply(200, knobsJson(target.knobs)) },
    {
      method: 'POST',
      pattern: '/__sandbox/knobs',
      handler: ({ target, body }) => {
        const parsed = knobsSchema.safeParse(body);
        if (!parsed.success) return badRequest(parsed.error);
        const { latencyMs, maxConcurrent, retryAfterSeconds } = parsed.data;
        if (latencyMs !== undefined) target.knobs.latencyMs = latencyMs;
        if (maxConcurrent !== undefined) target.knobs.maxConcurrent = maxConcurrent;
        if (retryAfterSeconds !== undefined) target.knobs.retryAfterSeconds = retryAfterSeconds;
        return jsonReply(200, knobsJson(target.knobs));
      },
    },
    { method: 'GET', pattern: '/__sandbox/writes', handler: ({ target }) => jsonReply(200, target.writes.all) },
    {
      method: 'DELETE',
      pattern: '/__sandbox/writes',
      handler: ({ target }) => {
        target.writes.clear();
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: '/__sandbox/requests', handler: ({ target }) => jsonReply(200, target.requests.all) },
    {
      method: 'DELETE',
      pattern: '/__sandbox/requests',
      handler: ({ target }) => {
        target.requests.clear();
        return { status: 204 };
      },
    },
    { method: 'GET', pattern: '/__sandbox/facts', handler: ({ target }) => jsonReply(200, target.facts()) },
  ],
  {
    notFound: () => jsonReply(404, { detail: 'Unknown sandbox control endpoint' }),
    methodNotAllowed: (method, allowed) => jsonReply(405, { detail: `Method "${method}" not allowed.` }, { Allow: allowed.join(', ') }),
  },
);

export async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, target: ControlTarget): Promise<void> {
  const header = req.headers[CONTROL_HEADER];
  if (!sameSecret(Array.isArray(header) ? header[0] : header, target.controlToken)) {
    req.resume();
    sendReply(res, jsonReply(403, { detail: 'The X-Sandbox-Control header is missing or wrong' }));
    return;
  }
  let body: unknown = undefined;
  try {
    const read = await readBody(req);
    if (read.kind === 'malformed') {
      sendReply(res, jsonReply(400, { detail: read.reason ? `The body is refused: JSON ${read.reason}` : 'The body is not JSON' }));
      return;
    }
    body = read.kind === 'json' ? read.value : undefined;
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendReply(res, jsonReply(413, { detail: error.message }));
      return;
    }
    throw error;
  }
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  sendReply(res, await dispatch(req.method ?? 'GET', path, { target, body }));
}
