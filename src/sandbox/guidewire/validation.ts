// Request bodies: the `{data: {attributes, checksum?}}` envelope and a new contact's attributes
// (seed 004 / docs §4.6: Person needs first and last name, Company a company name, both a primary
// address with line 1, city, State typekey and postal code). Problems come back as Guidewire
// `details[]`, each naming the offending attribute path in `fieldName` (e.g. `primaryAddress.city`).
import type { IncomingHttpHeaders } from 'node:http';
import * as z from '../../core/zod';
import type { Reply, RequestBody } from '../http.js';
import type { AddressRecord, ContactRecord } from './data.js';
import { STATES } from './data.js';
import type { ErrorDetail } from './errors.js';
import {
  BODY_NOT_ENVELOPE,
  BODY_NOT_JSON,
  EXCEPTIONS,
  INVALID_EMAIL,
  INVALID_REQUEST,
  NOT_AN_OBJECT,
  NOT_A_STRING,
  REQUIRED,
  SUBTYPE_UNSUPPORTED,
  UNKNOWN_PROPERTY,
  gwError,
  unknownTypekey,
} from './errors.js';
import { tolerates } from './paging.js';

export function badInput(details: ErrorDetail[], userMessage = INVALID_REQUEST): Reply {
  return gwError(400, EXCEPTIONS.badInput, userMessage, { details });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const envelopeSchema = z.object({
  data: z.object({ attributes: z.record(z.string(), z.unknown()), checksum: z.optional(z.string()) }),
  included: z.optional(z.record(z.string(), z.unknown())),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** The JSON envelope of a write, or the 400 for a body that is not one. */
export function parseEnvelope(body: RequestBody): { ok: true; value: Envelope } | { ok: false; reply: Reply } {
  if (body.kind === 'malformed') return { ok: false, reply: badInput([{ message: BODY_NOT_JSON }], BODY_NOT_JSON) };
  const parsed = z.safeParse(envelopeSchema, body.kind === 'json' ? body.value : undefined);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ fieldName: i.path.join('.') || 'data', message: BODY_NOT_ENVELOPE }));
    return { ok: false, reply: badInput(details, BODY_NOT_ENVELOPE) };
  }
  const root = body.kind === 'json' && isObject(body.value) ? body.value : {};
  const unknownRoot = Object.keys(root).filter((k) => k !== 'data' && k !== 'included');
  const unknownData = Object.keys(root.data as object).filter((k) => k !== 'attributes' && k !== 'checksum');
  const unknown = [...unknownRoot, ...unknownData.map((k) => `data.${k}`)];
  if (unknown.length > 0) return { ok: false, reply: badInput(unknown.map((fieldName) => ({ fieldName, message: UNKNOWN_PROPERTY }))) };
  return { ok: true, value: parsed.data };
}

/** Attribute names not in `allowed`, as details (empty when the caller tolerates unknown properties). */
export function unknownProperties(attributes: Record<string, unknown>, allowed: readonly string[], headers: IncomingHttpHeaders, prefix = ''): ErrorDetail[] {
  if (tolerates(headers, 'gw-unknownpropertyhandling')) return [];
  return Object.keys(attributes)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ fieldName: prefix + k, message: UNKNOWN_PROPERTY }));
}

/** An address as a write supplies it: the record less what the sandbox assigns. */
export type NewAddress = Omit<AddressRecord, 'id' | 'addressType' | 'country'> & { country?: string };

/** The contact fields a write may set and the sandbox stores as given (§4.6's writable fields). */
export const STORED_CONTACT_FIELDS = ['firstName', 'lastName', 'companyName', 'emailAddress1', 'emailAddress2', 'workPhone', 'homePhone', 'cellPhone', 'externalId', 'taxId'] as const;

export type NewContact = Pick<ContactRecord, 'subtype' | (typeof STORED_CONTACT_FIELDS)[number]> & { primaryAddress: NewAddress };

const PHONES = ['workPhone', 'homePhone', 'cellPhone'] as const;
const CONTACT_ATTRIBUTES = ['subtype', 'primaryAddress', 'primaryPhoneType', ...STORED_CONTACT_FIELDS];
const ADDRESS_ATTRIBUTES = ['addressLine1', 'addressLine2', 'addressLine3', 'city', 'state', 'postalCode', 'country', 'county', 'description', 'addressType'];

/** A loose e-mail check: one '@', something on both sides, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class Collector {
  readonly details: ErrorDetail[] = [];
  add(fieldName: string, message: string): void {
    this.details.push({ fieldName, message });
  }
  /** A non-blank string (trimmed), a detail when missing or not a string. */
  required(source: Record<string, unknown>, key: string, path: string): string | undefined {
    const v = source[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) this.add(path, REQUIRED);
    else if (typeof v !== 'string') this.add(path, NOT_A_STRING);
    else return v.trim();
    return undefined;
  }
  optional(source: Record<string, unknown>, key: string, path: string): string | undefined {
    const v = source[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
    if (typeof v !== 'string') {
      this.add(path, NOT_A_STRING);
      return undefined;
    }
    return v.trim();
  }
  /** A typekey `{code}`; returns the code. */
  typekey(source: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined {
    const v = source[key];
    if (v === undefined || v === null) {
      if (required) this.add(path, REQUIRED);
      return undefined;
    }
    if (!isObject(v)) {
      this.add(path, NOT_AN_OBJECT);
      return undefined;
    }
    return this.required(v, 'code', `${path}.code`);
  }
}

export function validateNewContact(attributes: Record<string, unknown>, headers: IncomingHttpHeaders): { ok: true; value: NewContact } | { ok: false; details: ErrorDetail[] } {
  const c = new Collector();
  c.details.push(...unknownProperties(attributes, CONTACT_ATTRIBUTES, headers));
  const subtypeCode = c.typekey(attributes, 'subtype', 'subtype', true);
  // The seed writes 'Person', the reference 'person': typecodes are matched without case.
  const subtype = (['Person', 'Company'] as const).find((s) => s.toLowerCase() === subtypeCode?.toLowerCase());
  if (subtypeCode !== undefined && !subtype) c.add('subtype', SUBTYPE_UNSUPPORTED);
  const out: Partial<NewContact> = {};
  if (subtype === 'Person') {
    out.firstName = c.required(attributes, 'firstName', 'firstName');
    out.lastName = c.required(attributes, 'lastName', 'lastName');
  } else if (subtype === 'Company') {
    out.companyName = c.required(attributes, 'companyName', 'companyName');
  }
  for (const key of ['emailAddress1', 'emailAddress2'] as const) {
    const email = c.optional(attributes, key, key);
    if (email !== undefined && !EMAIL.test(email)) c.add(key, INVALID_EMAIL);
    out[key] = email;
  }
  for (const key of ['externalId', 'taxId'] as const) out[key] = c.optional(attributes, key, key);
  // Phones are `{number}` objects (§4.6); no document states a rule for the number, so any text goes.
  for (const key of PHONES) {
    const phone = attributes[key];
    if (phone === undefined || phone === null) continue;
    if (!isObject(phone)) c.add(key, NOT_AN_OBJECT);
    else out[key] = c.optional(phone, 'number', `${key}.number`);
  }
  const address = attributes.primaryAddress;
  if (address === undefined || address === null) c.add('primaryAddress', REQUIRED);
  else if (!isObject(address)) c.add('primaryAddress', NOT_AN_OBJECT);
  else {
    c.details.push(...unknownProperties(address, ADDRESS_ATTRIBUTES, headers, 'primaryAddress.'));
    const p = 'primaryAddress.';
    const state = c.typekey(address, 'state', `${p}state`, true);
    if (state !== undefined && !STATES.some((s) => s.code === state)) c.add(`${p}state.code`, unknownTypekey('State', state));
    const a: Partial<NewAddress> = {
      addressLine1: c.required(address, 'addressLine1', `${p}addressLine1`),
      addressLine2: c.optional(address, 'addressLine2', `${p}addressLine2`),
      addressLine3: c.optional(address, 'addressLine3', `${p}addressLine3`),
      city: c.required(address, 'city', `${p}city`),
      state,
      postalCode: c.required(address, 'postalCode', `${p}postalCode`),
      // PolicyCenter writes country as a string, other products as a typekey: both are taken.
      country: isObject(address.country) ? c.typekey(address, 'country', `${p}country`, false) : c.optional(address, 'country', `${p}country`),
      county: c.optional(address, 'county', `${p}county`),
      description: c.optional(address, 'description', `${p}description`),
    };
    out.primaryAddress = a as NewAddress;
  }
  if (c.details.length > 0 || !subtype) return { ok: false, details: c.details };
  out.subtype = subtype;
  return { ok: true, value: out as NewContact };
}
