// Common API contacts: POST /common/v1/contacts, GET …/contacts/{id}, GET …/contacts/{id}/addresses,
// POST /common/v1/search/contacts. Also the contact builder the organization PATCH uses for
// contacts created by request inclusion.
import { jsonReply } from '../../http.js';
import type { Reply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { GuidewireContext, GuidewireRoute } from '../context.js';
import type { AddressRecord, ContactRecord } from '../data.js';
import { contactDisplayName } from '../data.js';
import { EXCEPTIONS, SEARCH_CRITERIA, gwError, noResourceAt } from '../errors.js';
import { DEFAULT_PAGE_SIZE, checkQueryParams } from '../paging.js';
import { addressElement, contactElement } from '../shapes.js';
import type { GuidewireStore } from '../store.js';
import type { NewContact } from '../validation.js';
import { STORED_CONTACT_FIELDS, badInput, parseEnvelope, unknownProperties, validateNewContact } from '../validation.js';

export function buildContact(store: GuidewireStore, input: NewContact): ContactRecord {
  const a = input.primaryAddress;
  const address: AddressRecord = {
    id: store.ids.next(),
    addressLine1: a.addressLine1,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country ?? 'US',
    addressType: 'business',
  };
  for (const key of ['addressLine2', 'addressLine3', 'county', 'description'] as const) if (a[key] !== undefined) address[key] = a[key];
  const contact: ContactRecord = { id: store.ids.next(), subtype: input.subtype, addresses: [address], primaryAddressId: address.id, version: 1 };
  for (const key of STORED_CONTACT_FIELDS) if (input[key] !== undefined) contact[key] = input[key];
  return contact;
}

export function notFoundAt(path: string): Reply {
  return gwError(404, EXCEPTIONS.notFound, noResourceAt(path));
}

function createContact({ req, store }: GuidewireContext): Reply {
  const envelope = parseEnvelope(req.body);
  if (!envelope.ok) return envelope.reply;
  const checked = validateNewContact(envelope.value.data.attributes, req.headers);
  if (!checked.ok) return badInput(checked.details);
  const contact = buildContact(store, checked.value);
  store.addContact(contact);
  return jsonReply(201, { data: contactElement(contact) });
}

function getContact({ req, store }: GuidewireContext, params: RouteParams): Reply {
  const contact = store.contact(params.id as string);
  return contact ? jsonReply(200, { data: contactElement(contact) }) : notFoundAt(req.path);
}

function listAddresses({ req, store }: GuidewireContext, params: RouteParams): Reply {
  const contact = store.contact(params.id as string);
  if (!contact) return notFoundAt(req.path);
  const data = contact.addresses.map((a) => addressElement(contact, a));
  return jsonReply(200, { count: data.length, data, links: { self: { href: `/common/v1/contacts/${contact.id}/addresses` } } });
}

const SEARCH_ATTRIBUTES = ['firstName', 'lastName', 'companyName', 'taxId', 'phoneNumber'];

/** docs §4.10: Person by first+last name (or taxId), Company by company name (or phone number). */
function searchContacts({ req, store }: GuidewireContext): Reply {
  const badQuery = checkQueryParams(req.query, ['fields', 'pageSize'], req.headers);
  if (badQuery) return badQuery;
  const envelope = parseEnvelope(req.body);
  if (!envelope.ok) return envelope.reply;
  const attrs = envelope.value.data.attributes;
  const unknown = unknownProperties(attrs, SEARCH_ATTRIBUTES, req.headers);
  if (unknown.length > 0) return badInput(unknown);
  const text = (k: string) => (typeof attrs[k] === 'string' && (attrs[k] as string).trim() !== '' ? (attrs[k] as string).trim().toLowerCase() : undefined);
  const [first, last, company, taxId, phone] = SEARCH_ATTRIBUTES.map(text);
  const byName = first !== undefined && last !== undefined;
  if (!byName && company === undefined && taxId === undefined && phone === undefined) return badInput([{ message: SEARCH_CRITERIA }], SEARCH_CRITERIA);
  const starts = (v: string | undefined, want: string) => (v ?? '').toLowerCase().startsWith(want);
  const digits = phone?.replace(/\D/g, '');
  const matches = store.data.contacts.filter((c) => {
    if (byName && c.subtype === 'Person' && starts(c.firstName, first) && starts(c.lastName, last)) return true;
    if (company !== undefined && c.subtype === 'Company' && starts(c.companyName, company)) return true;
    if (digits && c.workPhone?.replace(/\D/g, '') === digits) return true;
    return false; // taxId: no seeded contact has one
  });
  matches.sort((a, b) => contactDisplayName(a).localeCompare(contactDisplayName(b)));
  const size = Number(req.query.get('pageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const data = matches.slice(0, size).map(contactElement);
  return jsonReply(200, { count: data.length, data, links: { self: { href: '/common/v1/search/contacts' } } });
}

export const contactRoutes: GuidewireRoute[] = [
  { method: 'POST', pattern: '/common/v1/contacts', handler: createContact },
  { method: 'GET', pattern: '/common/v1/contacts/:id', handler: getContact },
  { method: 'GET', pattern: '/common/v1/contacts/:id/addresses', handler: listAddresses },
  { method: 'POST', pattern: '/common/v1/search/contacts', handler: searchContacts },
];
