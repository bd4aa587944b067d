// Bitsight's error bodies (bitsight.md §6): `{"detail": "…"}` (a string, or FastAPI's list of
// `{loc, msg}` on the v2 endpoints), `{"message": "…"}` from the gateway, and DRF field maps
// `{"email": ["…"], "non_field_errors": ["…"]}`. Anything else goes to the core's neutral reading.
import { errorObject, neutralErrorBody, statusText, type ParsedError } from '../../core/http';

export function parseBitsightError(status: number, body: string, contentType: string): ParsedError {
  const obj = errorObject(body);
  if (!obj) return neutralErrorBody(status, body, contentType);
  // Null-prototype maps throughout: a field named __proto__, constructor or toString is just a field.
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
  const detail = own('detail');
  if (typeof detail === 'string') return { message: detail };
  if (Array.isArray(detail)) {
    const fieldErrors: Record<string, string[]> = Object.create(null);
    const messages: string[] = [];
    for (const d of detail as unknown[]) {
      if (!d || typeof d !== 'object') continue;
      const { msg, loc } = d as { msg?: unknown; loc?: unknown };
      if (typeof msg !== 'string' || !msg) continue;
      const where = Array.isArray(loc) ? loc.filter((p: unknown) => p !== 'body').map(String).join('.') : '';
      if (where) (fieldErrors[where] ??= []).push(msg);
      messages.push(where ? `${where}: ${msg}` : msg);
    }
    if (messages.length) return { message: messages.join('; '), fieldErrors };
  }
  const message = own('message');
  if (typeof message === 'string') return { message };
  const fieldErrors: Record<string, string[]> = Object.create(null);
  for (const [key, value] of Object.entries(obj)) {
    const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
    if (list.length) fieldErrors[key] = list;
  }
  const general = fieldErrors.non_field_errors;
  delete fieldErrors.non_field_errors;
  const messages = [...(general ?? []), ...Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join(' ')}`)];
  return messages.length ? { message: messages.join('; '), fieldErrors } : { message: statusText(status) };
}
