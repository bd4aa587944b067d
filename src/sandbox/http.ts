// The small HTTP vocabulary every sandbox layer shares: a Reply value that handlers return (so
// they stay pure and testable), and the two places that touch node:http (reading a body, sending
// a Reply).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  /** A JSON value to serialise. Ignored when `raw` is set. */
  json?: unknown;
  /** A body sent verbatim: HTML error pages and deliberately broken JSON from faults. */
  raw?: string;
  /** Defaults to application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

export function jsonReply(status: number, json: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, json, headers } : { status, json };
}

/** The request body as the API layers see it. */
export type RequestBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  /** Present but not JSON; kept as text so write records and error replies can show it. */
  | { kind: 'malformed'; text: string };

/** Bodies above this are refused: nothing the documented APIs accept comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body larger than ${MAX_BODY_BYTES} bytes`);
  }
}

export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'malformed', text };
  }
}

/** What a write record keeps of a body: the parsed JSON, the raw text, or null when empty. */
export function bodyForRecord(body: RequestBody): unknown {
  switch (body.kind) {
    case 'empty':
      return null;
    case 'json':
      return body.value;
    case 'malformed':
      return body.text;
  }
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  // A client may have gone away (aborted fetch) or the sandbox may be closing while a handler was
  // waiting out its latency; writing then would throw, and nobody is listening anyway.
  if (res.destroyed || res.writableEnded) return;
  const body = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const headers: Record<string, string | number> = {
    'Content-Type': reply.contentType ?? 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...reply.headers,
  };
  if (reply.status === 204) {
    delete headers['Content-Type'];
    delete headers['Content-Length'];
    res.writeHead(204, headers);
    res.end();
    return;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
