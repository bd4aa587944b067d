// Kare publishes no error model (kare.md §3.5). What a client meets: API Gateway's `{"message": …}`
// (Unauthorized, Too Many Requests, …) and, on a refused write, the sandbox's
// `{message, errors:[{path, row?, field?, message}]}` where `path` is `2.email` in a batch and
// `email` in a PATCH. Row problems become form paths (`contacts.2.email`), the others field names.
import { errorObject, neutralErrorBody, type ParsedError } from '../../core/http';

/** The rows field of the create form: a batch error on row 2's email is shown at `contacts.2.email`. */
export const ROWS_FIELD = 'contacts';

export function parseKareError(status: number, body: string, contentType: string): ParsedError {
  const obj = errorObject(body);
  if (!obj) return neutralErrorBody(status, body, contentType);
  const message = Object.prototype.hasOwnProperty.call(obj, 'message') && typeof obj.message === 'string' && obj.message.trim() ? obj.message : undefined;
  const list = Object.prototype.hasOwnProperty.call(obj, 'errors') && Array.isArray(obj.errors) ? (obj.errors as unknown[]) : [];
  const fieldErrors: Record<string, string[]> = Object.create(null);
  const details: { field?: string; message: string }[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const e = item as Record<string, unknown>;
    if (typeof e.message !== 'string' || !e.message) continue;
    const where = formPath(e);
    details.push({ ...(where ? { field: where } : {}), message: e.message });
    if (where) (fieldErrors[where] ??= []).push(e.message);
  }
  if (!message && !details.length) return neutralErrorBody(status, body, contentType);
  return { message: message ?? details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; '), fieldErrors, details };
}

/**
 * `{row: 2, field: 'email'}` or `{path: '2.email'}` → `contacts.2.email`; `{path: 'email'}` →
 * `email`. A per-item path (`2.phones.3`) lands on its list field (`contacts.2.phones`).
 */
function formPath(e: Record<string, unknown>): string | undefined {
  const path = typeof e.path === 'string' ? e.path : '';
  const m = /^(\d+)(?:\.(.+))?$/.exec(path);
  const row = Number.isInteger(e.row) ? (e.row as number) : m ? Number(m[1]) : undefined;
  const rawField = typeof e.field === 'string' && e.field ? e.field : m ? m[2] : path || undefined;
  const field = rawField?.split('.')[0];
  if (row !== undefined) return field ? `${ROWS_FIELD}.${row}.${field}` : `${ROWS_FIELD}.${row}`;
  return field;
}
