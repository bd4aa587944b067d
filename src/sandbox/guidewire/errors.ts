// Every error the simulated Guidewire Cloud API answers with, in Guidewire's documented body
// (`status`, `errorCode`, `userMessage`, `developerMessage`, `details[]` with `message`, optional
// `fieldName` and `properties`). Texts marked "docs" are from shared/api/guidewire.md; "sandbox"
// texts are our choice where the documents publish none — clients must not depend on their wording.
import type { Reply } from '../http.js';
import { jsonReply } from '../http.js';

export interface ErrorDetail {
  message: string;
  fieldName?: string;
  properties?: Record<string, unknown>;
}

export const EXCEPTIONS = {
  badInput: 'gw.api.rest.exceptions.BadInputException',
  notFound: 'gw.api.rest.exceptions.NotFoundException',
  notAuthorized: 'gw.api.rest.exceptions.NotAuthorizedException',
  /** sandbox: the docs name no class for a 401. */
  unauthenticated: 'gw.api.rest.exceptions.UnauthenticatedException',
  /** sandbox: the docs name no class for a checksum mismatch (status 409 per third parties). */
  conflict: 'gw.api.rest.exceptions.ConflictException',
  /** docs: §3.4, a replayed GW-DBTransaction-ID. */
  alreadyExecuted: 'gw.api.webservice.exception.AlreadyExecutedException',
  /** sandbox: Guidewire publishes no 429 contract. */
  tooManyRequests: 'gw.api.rest.exceptions.TooManyRequestsException',
  /** sandbox */
  methodNotAllowed: 'gw.api.rest.exceptions.MethodNotAllowedException',
  /** sandbox */
  serverError: 'gw.api.rest.exceptions.InternalServerErrorException',
} as const;

export function gwError(status: number, errorCode: string, userMessage: string, extra: { developerMessage?: string; details?: ErrorDetail[]; headers?: Record<string, string> } = {}): Reply {
  return jsonReply(
    status,
    { status, errorCode, userMessage, developerMessage: extra.developerMessage ?? userMessage, details: extra.details ?? [] },
    extra.headers,
  );
}

/** docs §2.2: the same text for a missing resource and one the caller may not see. */
export const noResourceAt = (path: string): string => `No resource was found at path ${path}`;
/** docs §3.3, verbatim pattern. */
export const checksumMismatch = (supplied: string, current: string, uri: string): string =>
  `The supplied checksum '${supplied}' does not match the current checksum '${current}' for the resource with uri '${uri}'`;

// sandbox texts
export const WWW_AUTHENTICATE = 'Bearer realm="guidewire"';
export const AUTH_REQUIRED = 'Authentication is required: send a bearer token or, on development instances, Basic user:password';
export const AUTH_INVALID = 'The credentials are invalid or the token has expired';
export const THROTTLED = 'Too many requests; retry later';
export const SERVER_ERROR = 'An internal error occurred';
export const INVALID_REQUEST = 'The request contained invalid data';
export const BODY_NOT_JSON = 'The request body is not valid JSON';
export const BODY_NOT_ENVELOPE = 'The request body must be an object of the form {"data": {"attributes": {...}}}';
export const REQUIRED = 'A value is required';
export const NOT_A_STRING = 'Must be a string';
export const NOT_AN_OBJECT = 'Must be an object';
export const UNKNOWN_PROPERTY = 'Unknown property';
export const UNKNOWN_QUERY_PARAMETER = 'Unknown query parameter';
export const unknownTypekey = (typelist: string, code: string): string => `'${code}' is not a valid typecode of the typelist ${typelist}`;
export const SUBTYPE_UNSUPPORTED = 'Only the subtypes Person and Company are supported';
export const INVALID_EMAIL = 'Not a valid e-mail address';
export const PAGE_SIZE_RANGE = (max: number): string => `pageSize must be an integer from 1 to ${max}`;
export const PAGE_OFFSET_INVALID = 'pageOffset must be a non-negative integer';
export const INCLUDE_TOTAL_INVALID = "includeTotal must be 'true' or 'false'";
export const filterInvalid = (filter: string): string => `The filter '${filter}' is not valid for this resource`;
export const PRIMARY_CONTACT_REFERENCE = 'primaryContactReference needs exactly one of id or refid';
export const refidNotIncluded = (refid: string): string => `No included resource has the refid '${refid}'`;
export const includedNotReferenced = (refid: string): string => `The included resource with refid '${refid}' is not referenced by the root resource`;
export const INCLUDED_METHOD = "Included Contact resources support only method 'post' with uri '/common/v1/contacts' in the sandbox";
export const includedTypeUnknown = (type: string): string => `Cannot include resources of type '${type}' here`;
export const DUPLICATE_REFID = 'Two included resources have the same refid';
export const contactNotFound = (id: string): string => `No contact with id '${id}' exists`;
/** seed 004: a user contact can be primary only in its own organization. */
export const userContactOtherOrganization = (id: string, org: string): string => `The user contact '${id}' is not a user in the organization '${org}'`;
export const alreadyExecuted = (id: string): string => `The database transaction with GW-DBTransaction-ID '${id}' has already been executed`;
export const TRANSACTION_ID_TOO_LONG = 'GW-DBTransaction-ID must be at most 128 characters';
export const SEARCH_CRITERIA = 'Identify the contact: firstName and lastName, taxId, companyName or phoneNumber';
