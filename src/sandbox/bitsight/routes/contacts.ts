// Points of contact: GET/POST /ratings/v1/portfolio/contacts, PATCH …/contacts/{guid}.
// Rules (seed 000): all fields but phone_number required; the e-mail's domain must be one of the
// company's domains. Seed 000 describes every POST field as "Update the … of the contact", so a POST
// for a company that already has one replaces it (the sandbox keeps one point of contact per company).
import * as z from '../../../core/zod';
import { isoDate } from '../../dates.js';
import { jsonReply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import type { ContactRecord } from '../data.js';
import { emailBelongsTo } from '../data.js';
import {
  CONTACT_COMPANY_MISMATCH,
  CONTACT_EMAIL_UNRELATED,
  CONTACT_GUID_MISMATCH,
  ENTITY_NOT_FOUND,
  NOT_FOUND,
} from '../errors.js';
import { detailReply, fieldErrorReply, objectBody, optionalText, requiredEmail, requiredText, validate } from '../validation.js';

const contactFields = {
  company_guid: requiredText(),
  friendly_name: requiredText(),
  formal_name: requiredText(),
  // sandbox's own choice: `email` must look like an e-mail (DRF's EmailField text); the seed only asks for its domain.
  email: requiredEmail(),
  phone_number: optionalText(),
};

const createContactBody = z.object(contactFields);
/** The documented PATCH body repeats the contact's guid; optional here, but it must agree with the path. */
const editContactBody = z.object({ guid: optionalText(), ...contactFields });

function listContacts({ store }: BitsightContext) {
  return jsonReply(200, store.data.contacts.map((c) => ({ ...c })));
}

function createContact({ req, store, caller }: BitsightContext) {
  const body = objectBody(req.body);
  if (!body.ok) return body.reply;
  const parsed = validate(createContactBody, body.value);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.value;
  const company = store.portfolioCompany(input.company_guid);
  // sandbox's own choice: the seed names no error for a company outside the portfolio; seed 001's text is borrowed.
  if (!company) return fieldErrorReply({ company_guid: [ENTITY_NOT_FOUND] });
  if (!emailBelongsTo(input.email, company)) return fieldErrorReply({ email: [CONTACT_EMAIL_UNRELATED] });
  const today = isoDate(req.receivedAt);
  const existing = store.contactOfCompany(company.guid);
  if (existing) {
    // sandbox's own choice: the replaced contact keeps its guid and creator, the POST's fields replace the rest, 200.
    const replaced = store.updateContact(existing, {
      friendly_name: input.friendly_name,
      formal_name: input.formal_name,
      email: input.email,
      phone_number: input.phone_number ?? null,
      last_editor: caller.email,
      last_edit_date: today,
    });
    return jsonReply(200, { ...replaced });
  }
  const contact: ContactRecord = {
    guid: store.ids.uuid(),
    company_guid: company.guid,
    creator: caller.email,
    creation_date: today,
    last_editor: caller.email,
    last_edit_date: today,
    friendly_name: input.friendly_name,
    formal_name: input.formal_name,
    email: input.email,
    phone_number: input.phone_number ?? null,
  };
  store.addContact(contact);
  return jsonReply(201, { ...contact });
}

function editContact({ req, store, caller }: BitsightContext, params: RouteParams) {
  const contact = store.contact(params.guid as string);
  if (!contact) return detailReply(404, NOT_FOUND);
  const body = objectBody(req.body);
  if (!body.ok) return body.reply;
  const parsed = validate(editContactBody, body.value);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.value;
  // sandbox's own choice: a body guid other than the path's is contradictory; refused, not guessed at.
  if (input.guid && input.guid !== contact.guid) return fieldErrorReply({ guid: [CONTACT_GUID_MISMATCH] });
  const company = store.portfolioCompany(input.company_guid);
  if (!company) return fieldErrorReply({ company_guid: [ENTITY_NOT_FOUND] });
  // sandbox's own choice: PATCH edits a company's point of contact; moving it to another company is refused.
  if (company.guid !== contact.company_guid) return fieldErrorReply({ company_guid: [CONTACT_COMPANY_MISMATCH] });
  if (!emailBelongsTo(input.email, company)) return fieldErrorReply({ email: [CONTACT_EMAIL_UNRELATED] });
  const updated = store.updateContact(contact, {
    friendly_name: input.friendly_name,
    formal_name: input.formal_name,
    email: input.email,
    // PATCH semantics for the one optional field: absent keeps it, null or blank clears it.
    phone_number: input.phone_number === undefined ? contact.phone_number : input.phone_number || null,
    last_editor: caller.email,
    last_edit_date: isoDate(req.receivedAt),
  });
  return jsonReply(200, { ...updated });
}

export const contactRoutes: BitsightRoute[] = [
  { method: 'GET', pattern: '/ratings/v1/portfolio/contacts', handler: listContacts },
  { method: 'POST', pattern: '/ratings/v1/portfolio/contacts', handler: createContact },
  { method: 'PATCH', pattern: '/ratings/v1/portfolio/contacts/:guid', handler: editContact },
];
