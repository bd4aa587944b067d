// Company contacts: GET/POST /companies/v2/rs/{companyId}/contacts and
// PATCH …/contacts/{contactId}. Rules: seed 003 for create, kare.md §5.3 for update.
import * as z from '../../../core/zod';
import { jsonReply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { KareContext, KareRoute } from '../context.js';
import type { ContactRecord } from '../data.js';
import { BODY_NOT_ARRAY, CONTACT_NOT_FOUND, messageReply, validationReply } from '../errors.js';
import { pageQueryFields, paginate } from '../paging.js';
import { contactJson } from '../shapes.js';
import type { FieldProblem } from '../errors.js';
import { contactCreateSchema, contactPatchSchema, jsonBody, objectBody, problemsOf, validate } from '../validation.js';
import { companyFromPath, extendValues, parseQuery, pathId } from './query.js';

const listQuery = z.object(pageQueryFields);

function listContacts(ctx: KareContext, params: RouteParams) {
  const company = companyFromPath(ctx, params);
  if (!company.ok) return company.reply;
  const query = parseQuery(ctx.req.query, listQuery);
  if (!query.ok) return query.reply;
  const extend = extendValues(ctx.req.query);
  const options = { company: extend.has('company') ? company.value : undefined, actions: extend.has('actions-info') };
  return jsonReply(200, paginate(ctx.store().contactsOf(company.value.id), query.value, (c) => contactJson(c, options)));
}

/**
 * Every row is checked before anything is inserted: one bad row refuses the whole batch, and the
 * 400 names each bad row by index (the documents are silent; the strict reading is the sandbox's).
 */
function createContacts(ctx: KareContext, params: RouteParams) {
  const company = companyFromPath(ctx, params);
  if (!company.ok) return company.reply;
  const body = jsonBody(ctx.req, { requireContentType: true });
  if (!body.ok) return body.reply;
  if (!Array.isArray(body.value)) return messageReply(400, BODY_NOT_ARRAY);
  const problems: FieldProblem[] = [];
  const rows: Array<z.output<typeof contactCreateSchema>> = [];
  body.value.forEach((row: unknown, index) => {
    const parsed = z.safeParse(contactCreateSchema, row);
    if (parsed.success) rows.push(parsed.data);
    else problems.push(...problemsOf(parsed.error, [index]));
  });
  if (problems.length > 0) return validationReply(problems);
  const now = ctx.req.receivedAt.toISOString();
  ctx.store().addContacts(
    company.value.id,
    rows.map((r) => ({ name: r.name, email: r.email ?? null, phones: r.phones ?? [], comment: r.comment ?? null, notifyAt: r.notify ? now : null, createdAt: now, updatedAt: now })),
  );
  return jsonReply(201, { nbInsertion: rows.length });
}

function updateContact(ctx: KareContext, params: RouteParams) {
  const company = companyFromPath(ctx, params);
  if (!company.ok) return company.reply;
  const contactId = pathId(params, 'contactId');
  if (!contactId.ok) return contactId.reply;
  const contact = ctx.store().contact(company.value.id, contactId.value);
  if (!contact) return messageReply(404, CONTACT_NOT_FOUND);
  const body = objectBody(ctx.req, { requireContentType: true });
  if (!body.ok) return body.reply;
  const input = validate(contactPatchSchema, body.value);
  if (!input.ok) return input.reply;
  const now = ctx.req.receivedAt.toISOString();
  const changes: Partial<ContactRecord> = { updatedAt: now };
  // Absent keeps a field; null clears email/comment; [] clears phones.
  if (input.value.name !== undefined) changes.name = input.value.name;
  if (input.value.email !== undefined) changes.email = input.value.email;
  if (input.value.phones !== undefined) changes.phones = [...input.value.phones];
  if (input.value.comment !== undefined) changes.comment = input.value.comment;
  // notify:true notifies (again) and stamps notifyAt; false leaves the last notification on record.
  if (input.value.notify) changes.notifyAt = now;
  return jsonReply(200, contactJson(ctx.store().updateContact(contact, changes)));
}

export const contactRoutes: KareRoute[] = [
  { method: 'GET', pattern: '/companies/v2/rs/:companyId/contacts', handler: listContacts },
  { method: 'POST', pattern: '/companies/v2/rs/:companyId/contacts', handler: createContacts },
  { method: 'PATCH', pattern: '/companies/v2/rs/:companyId/contacts/:contactId', handler: updateContact },
];
