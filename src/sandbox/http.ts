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
  /**
   * Present but not usable JSON; kept as text so write records and error replies can show it.
   * `reason` says why when the text parses but is refused anyway (nested too deep).
   */
  | { kind: 'malformed'; text: string; reason?: string };

/** sandbox's own choice: bodies above this get a 413; nothing the documented APIs accept comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * sandbox's own choice: deeper JSON is refused before it is parsed: the documented bodies nest 6 levels at most, and a
 * value nested thousands deep overflows the stack of whatever serialises it later (the logs).
 */
export const MAX_JSON_DEPTH = 64;

/** How much of a refused request's body is read and thrown away before the socket is cut. */
const MAX_DISCARDED_BYTES = 8 * MAX_BODY_BYTES;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body larger than ${MAX_BODY_BYTES} bytes`);
  }
}

/** The body as text; BodyTooLargeError past MAX_BODY_BYTES. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether JSON text opens more than `max` arrays/objects inside each other (strings skipped). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export function parseBody(text: string): RequestBody {
  if (text.trim() === '') return { kind: 'empty' };
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return { kind: 'malformed', text, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'malformed', text };
  }
}

export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  return parseBody(await readBodyText(req));
}

/**
 * Reads a body nobody will look at and throws it away, so the client can finish sending and then
 * read the answer on a healthy keep-alive connection; past MAX_DISCARDED_BYTES the socket is cut.
 */
export function discardBody(req: IncomingMessage): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DISCARDED_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** What a log keeps of a body at most: a record must never hold a client's megabytes. */
export const MAX_RECORDED_BODY_CHARS = 4096;

/**
 * What a write or request record keeps of a body: the parsed JSON, the raw text, or null when
 * empty, as long as the text is short; a longer body becomes its first MAX_RECORDED_BODY_CHARS
 * characters, with `bodyBytes` saying how large it was.
 */
export function bodyForRecord(text: string, body: RequestBody): { body: unknown; bodyBytes?: number } {
  if (text.length > MAX_RECORDED_BODY_CHARS) return { body: text.slice(0, MAX_RECORDED_BODY_CHARS), bodyBytes: Buffer.byteLength(text) };
  switch (body.kind) {
    case 'empty':
      return { body: null };
    case 'json':
      return { body: body.value };
    case 'malformed':
      return { body: body.text };
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
