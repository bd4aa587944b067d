// Guidewire's JSON: typekeys `{code, name}`, references `{displayName, id, type, uri}`, elements
// `{attributes, checksum, id, links, type}` inside `{data}` (DataEnvelope) or `{count, data[],
// links, total?}` (DataListEnvelope). Links are relative to the API root (`…/rest`), as the
// documented `links.self.href` "/admin/v1/organizations/pc:1" is.
import type { AddressRecord, ContactRecord, OrganizationRecord, UserRecord } from './data.js';
import { ADDRESS_TYPES, ORGANIZATION_TYPES, USER_TYPES, addressDisplayName, contactDisplayName, primaryAddressOf, stateName } from './data.js';
import type { GuidewireStore } from './store.js';
import { checksumOf } from './store.js';

export interface Element {
  attributes: Record<string, unknown>;
  checksum: string;
  id: string;
  links: { self: { href: string; methods: string[] } };
  type: string;
}

export const organizationUri = (id: string) => `/admin/v1/organizations/${id}`;
export const contactUri = (id: string) => `/common/v1/contacts/${id}`;
export const userUri = (id: string) => `/admin/v1/users/${id}`;

function element(type: string, id: string, href: string, methods: string[], attributes: Record<string, unknown>, checksum: string): Element {
  return { attributes, checksum, id, links: { self: { href, methods } }, type };
}

/** Drops undefined values so optional fields are absent, not null. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function addressJson(a: AddressRecord, primary?: boolean): Record<string, unknown> {
  return defined({
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2,
    addressLine3: a.addressLine3,
    addressType: { code: a.addressType, name: ADDRESS_TYPES[a.addressType] },
    city: a.city,
    country: a.country,
    county: a.county,
    description: a.description,
    displayName: addressDisplayName(a),
    id: a.id,
    postalCode: a.postalCode,
    primary: primary ? true : undefined,
    state: { code: a.state, name: stateName(a.state) },
  });
}

function phoneJson(number: string | undefined) {
  return number === undefined ? undefined : { displayName: number, number: number.replace(/\D/g, '') };
}

export function contactAttributes(c: ContactRecord): Record<string, unknown> {
  return defined({
    cellPhone: phoneJson(c.cellPhone),
    companyName: c.companyName,
    displayName: contactDisplayName(c),
    emailAddress1: c.emailAddress1,
    emailAddress2: c.emailAddress2,
    externalId: c.externalId,
    firstName: c.firstName,
    homePhone: phoneJson(c.homePhone),
    id: c.id,
    lastName: c.lastName,
    primaryAddress: addressJson(primaryAddressOf(c)),
    primaryPhoneType: c.workPhone === undefined ? undefined : { code: 'work', name: 'Work' },
    subtype: { code: c.subtype, name: c.subtype },
    taxId: c.taxId,
    workPhone: phoneJson(c.workPhone),
  });
}

export function contactElement(c: ContactRecord): Element {
  return element('Contact', c.id, contactUri(c.id), ['get', 'patch'], contactAttributes(c), checksumOf(c));
}

export function addressElement(c: ContactRecord, a: AddressRecord): Element {
  const attributes = addressJson(a, a.id === c.primaryAddressId);
  return element('Address', a.id, `${contactUri(c.id)}/addresses/${a.id}`, ['get', 'patch'], attributes, checksumOf(c));
}

export function organizationElement(o: OrganizationRecord, store: GuidewireStore): Element {
  const contact = o.primaryContactId ? store.contact(o.primaryContactId) : undefined;
  const attributes = defined({
    contact: contact ? contactAttributes(contact) : undefined,
    displayName: o.name,
    id: o.id,
    name: o.name,
    producerStatus: o.producerStatus ? { code: o.producerStatus, name: o.producerStatus } : undefined,
    type: { code: o.type, name: ORGANIZATION_TYPES[o.type] },
  });
  return element('Organization', o.id, organizationUri(o.id), ['get', 'patch'], attributes, checksumOf(o));
}

export function userElement(u: UserRecord, store: GuidewireStore): Element {
  const contact = store.contact(u.contactId) as ContactRecord;
  const org = store.organization(u.organizationId) as OrganizationRecord;
  const attributes = defined({
    active: u.active,
    // sandbox: a reference to the user contact, so a client can make it primary by id (seed 004).
    contact: { displayName: contactDisplayName(contact), id: contact.id, type: 'Contact', uri: contactUri(contact.id) },
    displayName: contactDisplayName(contact),
    emailAddress1: contact.emailAddress1,
    externalUser: false,
    firstName: contact.firstName,
    id: u.id,
    lastName: contact.lastName,
    organization: { displayName: org.name, id: org.id, type: 'Organization', uri: organizationUri(org.id) },
    useOrgAddress: true,
    userType: { code: u.userType, name: USER_TYPES.find((t) => t.code === u.userType)?.name ?? u.userType },
    username: u.username,
    workPhone: phoneJson(contact.workPhone),
  });
  return element('User', u.id, userUri(u.id), ['get', 'patch'], attributes, String(1));
}
