// Every error text the simulated Bitsight API answers with, in one place. Texts marked "seed" are
// verbatim from the project's seed documents (Help Center pages); "DRF" are Django REST Framework's
// stock messages, which Bitsight's API is built on; "sandbox" texts are our choice where the
// documents publish none — clients must not depend on their wording beyond these constants.

// Authentication and generic (DRF).
export const AUTH_NOT_PROVIDED = 'Authentication credentials were not provided.';
export const AUTH_INVALID_TOKEN = 'Invalid token.';
export const WWW_AUTHENTICATE = 'Basic realm="bitsight"';
export const NOT_FOUND = 'Not found.';
export const PERMISSION_DENIED = 'You do not have permission to perform this action.';
export const SERVER_ERROR = 'A server error occurred.';
export const methodNotAllowed = (method: string): string => `Method "${method}" not allowed.`;
export const throttled = (seconds: number): string => `Request was throttled. Expected available in ${seconds} seconds.`;
export const jsonParseError = (why: string): string => `JSON parse error - ${why}`;
export const expectedDictionary = (got: string): string => `Invalid data. Expected a dictionary, but got ${got}.`;

// Field validation (DRF).
export const FIELD_REQUIRED = 'This field is required.';
export const FIELD_NULL = 'This field may not be null.';
export const FIELD_BLANK = 'This field may not be blank.';
export const NOT_A_STRING = 'Not a valid string.';
export const INVALID_INTEGER = 'A valid integer is required.';
export const INVALID_BOOLEAN = 'Must be a valid boolean.';
export const INVALID_EMAIL = 'Enter a valid email address.';
export const LIST_EXPECTED = (got: string): string => `Expected a list of items but got type "${got}".`;
export const EMPTY_LIST = 'This list may not be empty.';
export const invalidChoice = (value: unknown): string => `"${String(value)}" is not a valid choice.`;
export const objectDoesNotExist = (value: unknown): string => `Object with guid=${String(value)} does not exist.`;

// Points of contact.
/** sandbox: the docs require the domain to belong to the company but publish no text. */
export const CONTACT_EMAIL_UNRELATED = 'The email domain is unrelated to the company';
/** sandbox: PATCH cannot move a point of contact to another company. */
export const CONTACT_COMPANY_MISMATCH = 'The point of contact belongs to another company';
/** sandbox: the body's guid, when sent, must name the contact in the path. */
export const CONTACT_GUID_MISMATCH = 'Does not match the point of contact in the path';
/** seed (same text as the invitation error), used as a field error here. */
export const ENTITY_NOT_FOUND = 'No entity found for specified guid';

// Invitations (POST /ratings/v1/access-requests) — seed 001, verbatim.
export const INVITE_INVALID_EMAIL = 'Invalid requestee email';
export const INVITE_TO_YOURSELF = 'It is not possible to send an access request to yourself';
export const INVITE_ENTITY_NOT_FOUND = ENTITY_NOT_FOUND;
export const INVITE_TOO_MANY_OBSERVATIONS = 'Please limit shared observations to 10';
export const INVITE_OBSERVATIONS_MISMATCH = 'The observations ids did not match the entity';
export const INVITE_EMAIL_DOMAIN_UNRELATED = 'The requestee email domain is unrelated to the entity';
export const INVITE_ENTITY_NOT_INVITABLE = 'The entity cannot be used for vendor access requests';
export const INVITE_CCS_TOO_LONG =
  'It is not possible to send an access request with combined string of cc emails larger than 1023 characters';
/** sandbox: the recipient was left empty and the company has no point of contact to fall back on. */
export const INVITE_NO_POINT_OF_CONTACT = 'The company has no point of contact; provide the recipient';
/** sandbox wording of the documented 1–365 range. */
export const TRIAL_DURATION_RANGE = 'Ensure this value is between 1 and 365.';

// Users (PATCH /ratings/v2/users/{guid}).
/** seed 002 says only one role is accepted per request; the text is the sandbox's. */
export const ONE_ROLE_ONLY = 'Only one role can be assigned per request.';
/** sandbox: features with can_update false are licence-managed. */
export const featureNotUpdatable = (slug: string): string => `The feature "${slug}" cannot be updated.`;
/** sandbox: e-mail is the login, so it must be unique. */
export const USER_EMAIL_TAKEN = 'A user with this email already exists.';
