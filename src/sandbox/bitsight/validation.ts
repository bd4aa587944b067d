// DRF-flavoured validation on top of zod/mini: field builders whose messages are Django REST
// Framework's, and the conversion of zod issues to DRF's `{"field": ["message"]}` bodies.
// zod/mini (not classic zod) because the sandbox ships inside the extension bundle.
import * as z from '../../core/zod';
import type { Reply, RequestBody } from '../http.js';
import { jsonReply } from '../http.js';
import {
  EMPTY_LIST,
  FIELD_BLANK,
  FIELD_NULL,
  FIELD_REQUIRED,
  INVALID_BOOLEAN,
  INVALID_EMAIL,
  INVALID_INTEGER,
  LIST_EXPECTED,
  NOT_A_STRING,
  expectedDictionary,
  jsonParseError,
} from './errors.js';

export type FieldErrors = Record<string, string[]>;

/** Python's name for a JSON value's type, as DRF prints it in messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    default:
      return 'dict';
  }
}

function missingOr(message: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? FIELD_REQUIRED : issue.input === null ? FIELD_NULL : message;
}

/** A required, non-blank string, trimmed as DRF's CharField does. */
export function requiredText() {
  return z.string({ error: missingOr(NOT_A_STRING) }).check(z.trim(), z.minLength(1, { error: FIELD_BLANK, abort: true }));
}

/** An optional string; blank and null allowed. */
export function optionalText() {
  return z.nullish(z.string({ error: NOT_A_STRING }));
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

export function requiredEmail() {
  return requiredText().check(z.refine(isEmail, { error: INVALID_EMAIL }));
}

export function optionalBoolean() {
  return z.optional(z.boolean({ error: INVALID_BOOLEAN }));
}

/** An integer (JSON number or numeric string, as DRF accepts) within a range, with one range message. */
export function integerInRange(min: number, max: number, rangeMessage: string) {
  return z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v)),
    z.int({ error: missingOr(INVALID_INTEGER) }).check(z.minimum(min, { error: rangeMessage }), z.maximum(max, { error: rangeMessage })),
  );
}

/** A JSON array; anything else gets DRF's "Expected a list of items" message. */
export function listOf<T extends z.core.$ZodType>(item: T, options: { nonEmpty?: boolean } = {}) {
  const list = z.array(item, {
    error: (issue) => (issue.input === undefined ? FIELD_REQUIRED : LIST_EXPECTED(pythonTypeName(issue.input))),
  });
  return options.nonEmpty ? list.check(z.minLength(1, { error: EMPTY_LIST, abort: true })) : list;
}

/**
 * zod issues → DRF's body. DRF reports the first failure per field, keyed by the top-level field
 * name; problems with the body as a whole go under `non_field_errors`.
 */
export function drfErrors(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : 'non_field_errors';
    if (!out[key]) out[key] = [issue.message];
  }
  return out;
}

export function fieldErrorReply(errors: FieldErrors): Reply {
  return jsonReply(400, errors);
}

export function detailReply(status: number, detail: string): Reply {
  return jsonReply(status, { detail });
}

/**
 * The JSON object a write endpoint works on, or the 400 DRF gives for a body that is not one.
 * `wrappers` name optional envelope keys (the OpenAPI file wraps some bodies, seed 002 names a
 * `data` object, the Help Center examples are flat; all are accepted).
 */
export function objectBody(body: RequestBody, ...wrappers: string[]): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  if (body.kind === 'malformed') {
    // sandbox's own choice: DRF would hit Python's recursion limit on very deep JSON; a 400 that says why is kinder.
    return { ok: false, reply: detailReply(400, jsonParseError(body.reason ?? 'Expecting value: line 1 column 1 (char 0)')) };
  }
  const value = body.kind === 'empty' ? {} : body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // sandbox's own choice: one object per request; the "multiple collaboration requests" of seed 001 are repeated POSTs.
    return { ok: false, reply: fieldErrorReply({ non_field_errors: [expectedDictionary(pythonTypeName(value))] }) };
  }
  const record = value as Record<string, unknown>;
  for (const wrapper of wrappers) {
    const inner = record[wrapper];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      return { ok: true, value: inner as Record<string, unknown> };
    }
  }
  return { ok: true, value: record };
}

/** A JSON object of any content; anything else gets DRF's "Expected a dictionary" message. */
export function optionalDictionary() {
  return z.nullish(z.record(z.string(), z.unknown(), { error: (issue) => expectedDictionary(pythonTypeName(issue.input)) }));
}

/** A string that must be present (DRF texts for missing, null and non-string values); blank allowed. */
export function presentText() {
  return z.string({ error: missingOr(NOT_A_STRING) });
}

/** Parses with a schema, or produces the DRF 400 reply. */
export function validate<T extends z.core.$ZodType>(schema: T, input: unknown): { ok: true; value: z.output<T> } | { ok: false; reply: Reply } {
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reply: fieldErrorReply(drfErrors(result.error)) };
}

/** Query strings as a plain object (last value wins, as Django's QueryDict.get does). */
export function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries(query.entries());
}
