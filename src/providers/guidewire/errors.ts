// Guidewire's documented error body (guidewire.md §3.5): `{status, errorCode, userMessage,
// developerMessage, details[] {message, fieldName?, properties?}}`. userMessage is for people,
// developerMessage goes to the log, details name the fields. A checksum mismatch (§3.3: 409, or a
// detail with properties.currentChecksum) is a conflict: nothing was written.
import { errorObject, neutralErrorBody, type ParsedError } from '../../core/http';
import type { ApiErrorDetail } from '../../core/errors';

export const ALREADY_EXECUTED = 'gw.api.webservice.exception.AlreadyExecutedException';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function parseGuidewireError(status: number, body: string, contentType: string): ParsedError {
  const json = errorObject(body);
  if (!json || (text(own(json, 'userMessage')) === undefined && text(own(json, 'errorCode')) === undefined)) {
    return neutralErrorBody(status, body, contentType);
  }
  const details: ApiErrorDetail[] = [];
  const fieldErrors: Record<string, string[]> = Object.create(null);
  let checksumDetail = false;
  const list = own(json, 'details');
  for (const d of Array.isArray(list) ? list : []) {
    if (!isObject(d)) continue;
    const message = text(own(d, 'message'));
    if (!message) continue;
    const field = text(own(d, 'fieldName'));
    details.push(field ? { field, message } : { message });
    if (field) (fieldErrors[field] ??= []).push(message);
    const props = own(d, 'properties');
    if (isObject(props) && own(props, 'currentChecksum') !== undefined) checksumDetail = true;
  }
  const userMessage = text(own(json, 'userMessage')) ?? details[0]?.message ?? neutralErrorBody(status, '', contentType).message;
  const out: ParsedError = { message: userMessage, fieldErrors, details };
  const code = text(own(json, 'errorCode'));
  if (code) out.code = code;
  const developerMessage = text(own(json, 'developerMessage'));
  if (developerMessage) out.developerMessage = developerMessage;
  if (status === 409 || checksumDetail) out.conflict = true;
  return out;
}
