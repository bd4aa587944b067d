// Every error the simulated Kare API answers with, in one place. Kare publishes no error model
// (kare.md §3.5): the gateway-level bodies (`{"message": …}`) are AWS API Gateway's stock ones;
// everything else is the sandbox's own wording, and clients must not depend on it beyond the
// `message` string and, on 400s, the `errors[].path` keys.
import type { ApiErrorReplies } from '../api.js';
import type { Reply } from '../http.js';
import { jsonReply } from '../http.js';

// API Gateway's own texts.
export const UNAUTHORIZED = 'Unauthorized';
export const TOO_MANY_REQUESTS = 'Too Many Requests';
export const INTERNAL_SERVER_ERROR = 'Internal server error';
export const UNSUPPORTED_MEDIA_TYPE = 'Unsupported Media Type';

// sandbox wording.
export const NOT_FOUND = 'Not Found';
export const METHOD_NOT_ALLOWED = 'Method Not Allowed';
export const COMPANY_NOT_FOUND = 'Company not found';
export const CONTACT_NOT_FOUND = 'Company contact not found';
export const INVALID_CREDENTIALS = 'Invalid e-mail or password';
export const INVALID_REFRESH_TOKEN = 'Invalid or expired refresh token';
export const BODY_NOT_JSON = 'The request body is not valid JSON';
export const BODY_NOT_ARRAY = 'The request body must be a JSON array of contacts';
export const BODY_NOT_OBJECT = 'The request body must be a JSON object';
export const VALIDATION_FAILED = 'Validation failed';
export const invalidId = (name: string): string => `${name} must be a positive integer`;

/** One field problem; `path` is dotted from the body root: '2.email' in a batch, 'email' in a PATCH. */
export interface FieldProblem {
  path: string;
  message: string;
}

export function messageReply(status: number, message: string, headers?: Record<string, string>): Reply {
  return jsonReply(status, { message }, headers);
}

/**
 * A 400 naming every problem. `message` alone must already say what and where (clients that only
 * read API Gateway's `message` still show something useful): the first problem, prefixed by its row.
 */
export function validationReply(problems: FieldProblem[], what = VALIDATION_FAILED): Reply {
  const first = problems[0];
  const message = first ? `${what}: ${describe(first)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` : what;
  return jsonReply(400, { message, errors: problems.map((p) => ({ ...p, ...rowOf(p.path) })) });
}

function rowOf(path: string): { row?: number; field?: string } {
  const match = /^(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return path === '' ? {} : { field: path };
  return match[2] === undefined ? { row: Number(match[1]) } : { row: Number(match[1]), field: match[2] };
}

function describe(problem: FieldProblem): string {
  const { row } = rowOf(problem.path);
  return row === undefined ? problem.message : `contact at index ${row}: ${problem.message}`;
}

export const kareErrors: ApiErrorReplies = {
  notFound: () => messageReply(404, NOT_FOUND),
  unauthorized: () => messageReply(401, UNAUTHORIZED),
  // API Gateway's throttle answer carries no Retry-After; the knob still adds one so clients'
  // honouring of it is testable for every API alike.
  throttled: (retryAfterSeconds) => messageReply(429, TOO_MANY_REQUESTS, retryAfterSeconds === null ? undefined : { 'Retry-After': String(retryAfterSeconds) }),
  serverError: () => messageReply(500, INTERNAL_SERVER_ERROR),
  fieldError: (path, message) => validationReply([{ path, message }]),
};
