// The documented Kare rules (seed 003, kare.md §2.1, §5) as zod/mini schemas, and the conversion of
// zod issues to the sandbox's 400 body. Lengths count Unicode code points, as JSON Schema's
// maxLength does (the more permissive reading: never fewer characters than a UTF-16 count).
import * as z from '../../core/zod';
import type { Reply, RequestBody } from '../http.js';
import type { ApiRequest } from '../api.js';
import type { FieldProblem } from './errors.js';
import { BODY_NOT_JSON, BODY_NOT_OBJECT, UNSUPPORTED_MEDIA_TYPE, messageReply, validationReply } from './errors.js';

/** Seed 003, verbatim. */
export const KARE_EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export const NAME_MAX = 250;
export const EMAIL_MAX = 250;
export const PHONES_MAX = 5;
export const PHONE_MAX = 50;
export const COMMENT_MAX = 2500;
export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 100;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const typed = (field: string, type: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : issue.input === null ? `${field} must not be null` : `${field} must be ${type}`;

function text(field: string, max: number) {
  return z.string({ error: typed(field, 'a string') }).check(z.refine((s) => codePoints(s) <= max, { error: `${field} must be at most ${max} characters` }));
}

function email(field: string) {
  return text(field, EMAIL_MAX).check(z.regex(KARE_EMAIL_PATTERN, { error: `${field} must match the pattern ${KARE_EMAIL_PATTERN.source}` }));
}

const phones = z
  .array(text('each phone', PHONE_MAX), { error: typed('phones', 'an array of strings (send [] to clear)') })
  .check(z.maxLength(PHONES_MAX, { error: `phones must have at most ${PHONES_MAX} items` }));

const notify = z.boolean({ error: typed('notify', 'true or false') });

/** One row of POST …/contacts. Unknown fields are dropped: seed 003 does not forbid them. */
export const contactCreateSchema = z.object({
  name: text('name', NAME_MAX),
  notify,
  email: z.optional(z.nullable(email('email'))),
  phones: z.optional(phones),
  comment: z.optional(z.nullable(text('comment', COMMENT_MAX))),
});

/** PATCH …/contacts/{id}: `notify` required even here (kare.md §5.3); null clears email/comment, [] clears phones. */
export const contactPatchSchema = z.object({
  name: z.optional(text('name', NAME_MAX)),
  notify,
  email: z.optional(z.nullable(email('email'))),
  phones: z.optional(phones),
  comment: z.optional(z.nullable(text('comment', COMMENT_MAX))),
});

export const loginSchema = z.strictObject({
  email: email('email'),
  password: z
    .string({ error: typed('password', 'a string') })
    .check(z.refine((s) => codePoints(s) >= PASSWORD_MIN && codePoints(s) <= PASSWORD_MAX, { error: `password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters` })),
});

export const refreshSchema = z.strictObject({
  refreshToken: z.string({ error: typed('refreshToken', 'a string') }),
});

/** zod issues → problems, at most one per path (the first), with readable words for zod's own codes. */
export function problemsOf(error: z.core.$ZodError, prefix: ReadonlyArray<PropertyKey> = []): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path].map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: path ? `${path}.${key}` : key, message: `${key} is not a known field` });
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.code === 'invalid_type' && issue.path.length === 0 ? 'must be a JSON object' : issue.message });
  }
  return out;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export function validate<T extends z.core.$ZodType>(schema: T, input: unknown): Checked<z.output<T>> {
  const result = z.safeParse(schema, input);
  return result.success ? { ok: true, value: result.data } : { ok: false, reply: validationReply(problemsOf(result.error)) };
}

/** Seed 003: `content-type` required, "must be application/json" (parameters such as charset allowed). */
export function hasJsonContentType(req: ApiRequest): boolean {
  const header = req.headers['content-type'];
  return typeof header === 'string' && header.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The parsed JSON of a write, or the 415/400 answer for a body that cannot be one. */
export function jsonBody(req: ApiRequest, options: { requireContentType: boolean }): Checked<unknown> {
  if (options.requireContentType && !hasJsonContentType(req)) return { ok: false, reply: messageReply(415, UNSUPPORTED_MEDIA_TYPE) };
  return parsedBody(req.body);
}

function parsedBody(body: RequestBody): Checked<unknown> {
  if (body.kind === 'malformed') return { ok: false, reply: messageReply(400, BODY_NOT_JSON) };
  return { ok: true, value: body.kind === 'empty' ? undefined : body.value };
}

export function objectBody(req: ApiRequest, options: { requireContentType: boolean }): Checked<Record<string, unknown>> {
  const body = jsonBody(req, options);
  if (!body.ok) return body;
  const value = body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reply: messageReply(400, BODY_NOT_OBJECT) };
  return { ok: true, value: value as Record<string, unknown> };
}
