// Admin API organizations and users: GET /admin/v1/organizations (paged, filterable by name and
// type), GET/PATCH /admin/v1/organizations/{id}, GET /admin/v1/users (filterable by organization),
// GET /admin/v1/users/{id}.
//
// The PATCH sets the primary contact (seed 004): `primaryContactReference: {id}` names an existing
// contact (a user contact only if it is a user of this organization); `{refid}` names a contact
// POSTed in the same call under `included.Contact[]`. Everything is checked before anything is
// written, so a bad included contact or a refid mismatch leaves the organization unchanged.
import { jsonReply } from '../../http.js';
import type { Reply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { GuidewireContext, GuidewireRoute } from '../context.js';
import type { OrganizationRecord, UserRecord } from '../data.js';
import type { ErrorDetail } from '../errors.js';
import {
  DUPLICATE_REFID,
  EXCEPTIONS,
  INCLUDED_METHOD,
  NOT_AN_OBJECT,
  PRIMARY_CONTACT_REFERENCE,
  NOT_A_STRING,
  REQUIRED,
  checksumMismatch,
  contactNotFound,
  gwError,
  includedNotReferenced,
  includedTypeUnknown,
  refidNotIncluded,
  unknownTypekey,
  userContactOtherOrganization,
} from '../errors.js';
import type { Filterable } from '../paging.js';
import { checkQueryParams, listEnvelope, parseListQuery } from '../paging.js';
import { organizationElement, organizationUri, userElement } from '../shapes.js';
import { checksumOf, type OrganizationUpdate } from '../store.js';
import type { NewContact } from '../validation.js';
import { badInput, parseEnvelope, unknownProperties, validateNewContact } from '../validation.js';
import { buildContact, notFoundAt } from './contacts.js';

const LIST_PARAMS = ['pageSize', 'pageOffset', 'includeTotal', 'filter', 'fields', 'sort', 'include'];

const ORGANIZATION_FILTERS: Filterable<OrganizationRecord> = {
  id: (o) => o.id,
  name: (o) => o.name,
  type: (o) => o.type,
  producerStatus: (o) => o.producerStatus,
};

const USER_FILTERS: Filterable<UserRecord> = {
  organization: (u) => u.organizationId,
  username: (u) => u.username,
};

function listOf<T>(items: readonly T[], filters: Filterable<T>, toElement: (item: T) => ReturnType<typeof organizationElement>) {
  return ({ req }: GuidewireContext): Reply => {
    const badQuery = checkQueryParams(req.query, LIST_PARAMS, req.headers);
    if (badQuery) return badQuery;
    const q = parseListQuery(req.query, filters);
    if (!q.ok) return q.reply;
    return jsonReply(200, listEnvelope(items, q.value, req.path, req.query, toElement));
  };
}

function getOrganization({ req, store }: GuidewireContext, params: RouteParams): Reply {
  const org = store.organization(params.id as string);
  return org ? jsonReply(200, { data: organizationElement(org, store) }) : notFoundAt(req.path);
}

interface IncludedContact {
  refid: string;
  contact: NewContact;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The included contacts, or the details of what is wrong with them. */
function parseIncluded(included: Record<string, unknown> | undefined, headers: GuidewireContext['req']['headers']): { ok: true; value: IncludedContact[] } | { ok: false; details: ErrorDetail[] } {
  if (!included) return { ok: true, value: [] };
  const details: ErrorDetail[] = [];
  for (const type of Object.keys(included)) if (type !== 'Contact') details.push({ fieldName: `included.${type}`, message: includedTypeUnknown(type) });
  const items = included.Contact;
  if (items === undefined) return details.length > 0 ? { ok: false, details } : { ok: true, value: [] };
  if (!Array.isArray(items)) return { ok: false, details: [...details, { fieldName: 'included.Contact', message: 'Must be an array' }] };
  const out: IncludedContact[] = [];
  items.forEach((item: unknown, i) => {
    const at = `included.Contact[${i}]`;
    if (!isObject(item)) {
      details.push({ fieldName: at, message: NOT_AN_OBJECT });
      return;
    }
    const extra = unknownProperties(item, ['attributes', 'method', 'refid', 'uri', 'checksum'], headers, `${at}.`);
    details.push(...extra);
    if (String(item.method).toLowerCase() !== 'post' || item.uri !== '/common/v1/contacts') details.push({ fieldName: `${at}.method`, message: INCLUDED_METHOD });
    const refid = typeof item.refid === 'string' && item.refid !== '' ? item.refid : undefined;
    if (!refid) details.push({ fieldName: `${at}.refid`, message: REQUIRED });
    else if (out.some((o) => o.refid === refid)) details.push({ fieldName: `${at}.refid`, message: DUPLICATE_REFID });
    if (!isObject(item.attributes)) {
      details.push({ fieldName: `${at}.attributes`, message: REQUIRED });
      return;
    }
    // Field names stay the contact's own (e.g. primaryAddress.city), as in POST /common/v1/contacts,
    // so a client maps them onto the same form fields; the refid says which included item it was.
    const checked = validateNewContact(item.attributes, headers);
    if (!checked.ok) details.push(...checked.details.map((d) => ({ ...d, properties: { refid: refid ?? null, ...d.properties } })));
    else if (refid) out.push({ refid, contact: checked.value });
  });
  return details.length > 0 ? { ok: false, details } : { ok: true, value: out };
}

/**
 * Organization attributes a PATCH may carry (the documented GET example and §4.3/4.4: "partial
 * update of attributes, e.g. groupSecurityZone"). `name` and `producerStatus` are stored; the
 * others (group, tier, type…) are accepted and ignored, since the sandbox models no groups or tiers.
 */
const ORGANIZATION_PATCH_ATTRIBUTES = [
  'primaryContactReference',
  'name',
  'producerStatus',
  'tier',
  'type',
  'groupSecurityZone',
  'groupDescription',
  'groupLoadFactor',
  'groupSupervisor',
  'displayName',
];
const PRODUCER_STATUSES = ['Active', 'Terminated'] as const;

/** The stored attributes of a PATCH (name, producerStatus); problems are added to `details`. */
function organizationAttributes(attributes: Record<string, unknown>, details: ErrorDetail[]): OrganizationUpdate {
  const out: OrganizationUpdate = {};
  if (attributes.name !== undefined) {
    const name = typeof attributes.name === 'string' ? attributes.name.trim() : undefined;
    if (name === undefined) details.push({ fieldName: 'name', message: NOT_A_STRING });
    else if (name === '') details.push({ fieldName: 'name', message: REQUIRED });
    else out.name = name;
  }
  const status = attributes.producerStatus;
  if (status !== undefined) {
    const code = isObject(status) && typeof status.code === 'string' ? status.code : undefined;
    const known = PRODUCER_STATUSES.find((s) => s === code);
    if (!isObject(status)) details.push({ fieldName: 'producerStatus', message: NOT_AN_OBJECT });
    else if (!known) details.push({ fieldName: 'producerStatus.code', message: unknownTypekey('ProducerStatus', String(code ?? '')) });
    else out.producerStatus = known;
  }
  return out;
}

function patchOrganization({ req, store }: GuidewireContext, params: RouteParams): Reply {
  const org = store.organization(params.id as string);
  if (!org) return notFoundAt(req.path);
  const envelope = parseEnvelope(req.body);
  if (!envelope.ok) return envelope.reply;
  const { data, included } = envelope.value;
  const supplied = data.checksum;
  if (supplied !== undefined && supplied !== checksumOf(org)) {
    const current = checksumOf(org);
    const uri = organizationUri(org.id);
    const message = checksumMismatch(supplied, current, uri);
    return gwError(409, EXCEPTIONS.conflict, message, { details: [{ message, properties: { uri, currentChecksum: current, suppliedChecksum: supplied } }] });
  }
  const details = unknownProperties(data.attributes, ORGANIZATION_PATCH_ATTRIBUTES, req.headers);
  const simple = organizationAttributes(data.attributes, details);
  const contacts = parseIncluded(included, req.headers);
  if (!contacts.ok) details.push(...contacts.details);
  const reference = data.attributes.primaryContactReference;
  let target: { id: string } | { refid: string } | undefined;
  if (reference !== undefined) {
    const id = isObject(reference) && typeof reference.id === 'string' ? reference.id : undefined;
    const refid = isObject(reference) && typeof reference.refid === 'string' ? reference.refid : undefined;
    if ((id === undefined) === (refid === undefined)) details.push({ fieldName: 'primaryContactReference', message: PRIMARY_CONTACT_REFERENCE });
    else if (id !== undefined) {
      const contact = store.contact(id);
      if (!contact) details.push({ fieldName: 'primaryContactReference.id', message: contactNotFound(id) });
      else if (contact.userOrganizationId !== undefined && contact.userOrganizationId !== org.id) {
        details.push({ fieldName: 'primaryContactReference.id', message: userContactOtherOrganization(id, org.id) });
      } else target = { id };
    } else if (refid !== undefined) {
      if (contacts.ok && !contacts.value.some((c) => c.refid === refid)) details.push({ fieldName: 'primaryContactReference.refid', message: refidNotIncluded(refid) });
      else target = { refid };
    }
  }
  if (contacts.ok) {
    const referenced = target && 'refid' in target ? target.refid : undefined;
    for (const c of contacts.value) if (c.refid !== referenced) details.push({ fieldName: 'included.Contact', message: includedNotReferenced(c.refid), properties: { refid: c.refid } });
  }
  if (details.length > 0 || !contacts.ok) return badInput(details);

  // Nothing below can fail: the whole request commits together.
  let primaryId: string | undefined = target && 'id' in target ? target.id : undefined;
  for (const c of contacts.value) {
    const contact = buildContact(store, c.contact);
    store.addContact(contact);
    if (target && 'refid' in target && target.refid === c.refid) primaryId = contact.id;
  }
  if (primaryId !== undefined) store.setPrimaryContact(org, primaryId);
  store.updateOrganization(org, simple);
  return jsonReply(200, { data: organizationElement(org, store) });
}

function getUser({ req, store }: GuidewireContext, params: RouteParams): Reply {
  const user = store.user(params.id as string);
  return user ? jsonReply(200, { data: userElement(user, store) }) : notFoundAt(req.path);
}

export const organizationRoutes: GuidewireRoute[] = [
  { method: 'GET', pattern: '/admin/v1/organizations', handler: (ctx) => listOf(ctx.store.data.organizations, ORGANIZATION_FILTERS, (o) => organizationElement(o, ctx.store))(ctx) },
  { method: 'GET', pattern: '/admin/v1/organizations/:id', handler: getOrganization },
  { method: 'PATCH', pattern: '/admin/v1/organizations/:id', handler: patchOrganization },
  { method: 'GET', pattern: '/admin/v1/users', handler: (ctx) => listOf(ctx.store.data.users, USER_FILTERS, (u) => userElement(u, ctx.store))(ctx) },
  { method: 'GET', pattern: '/admin/v1/users/:id', handler: getUser },
];
