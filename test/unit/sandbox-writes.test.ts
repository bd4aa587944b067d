// The sandbox's Bitsight write endpoints over real HTTP: points of contact, invitations and user
// edits, each documented rule at its boundaries, the exact error texts, and the write log.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth.js';
import type { CompanyRecord } from '../../src/sandbox/bitsight/data.js';
import { companiesWithoutContact, contactOf } from '../../src/sandbox/bitsight/data.js';
import * as E from '../../src/sandbox/bitsight/errors.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

interface Answer {
  status: number;
  body: Json;
}

function api(sb: RunningSandbox, token = sb.apis.bitsight.token) {
  const headers = { Authorization: basicAuthHeader(token), 'Content-Type': 'application/json' };
  const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(sb.apis.bitsight.baseUrl + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body?: unknown) => send('POST', path, body),
    patch: (path: string, body?: unknown) => send('PATCH', path, body),
  };
}

const CONTACTS = '/ratings/v1/portfolio/contacts';
const INVITES = '/ratings/v1/access-requests';

/** A fresh sandbox per test: writes mutate state, and each test states its own starting point. */
function freshSandbox() {
  const box: { sb: RunningSandbox } = {} as { sb: RunningSandbox };
  beforeEach(async () => {
    await box.sb?.close();
    box.sb = await startSandbox({ companies: 60 });
  });
  after(() => box.sb?.close());
  return box;
}

describe('sandbox writes: POST point of contact', () => {
  const box = freshSandbox();
  const target = () => box.sb.data.companies[3]!; // seed guarantee: CURATED, no point of contact
  const valid = (company: CompanyRecord, email = `diane.jones@${company.primary_domain}`) => ({
    company_guid: company.guid,
    friendly_name: 'Diane',
    formal_name: 'Diane Jones',
    email,
    phone_number: '555-555-5555',
  });

  it('creates the point of contact (201), shows it in GET and records the write', async () => {
    const { sb } = box;
    const res = await api(sb).post(CONTACTS, valid(target()));
    assert.equal(res.status, 201);
    assert.match(res.body.guid, /^[0-9a-f-]{36}$/);
    assert.equal(res.body.company_guid, target().guid);
    assert.equal(res.body.email, `diane.jones@${target().primary_domain}`);
    assert.equal(res.body.phone_number, '555-555-5555');
    assert.equal(res.body.creator, 'emma@blueseas.com');
    assert.equal(res.body.last_editor, 'emma@blueseas.com');
    assert.equal(res.body.creation_date, new Date().toISOString().slice(0, 10));
    const listed = (await api(sb).get(CONTACTS)).body as Json[];
    assert.deepEqual(listed.find((c) => c.company_guid === target().guid), res.body);
    assert.deepEqual(contactOf(sb.data, target().guid), res.body);
    const details = await api(sb).get(`/ratings/v1/companies/${target().guid}`);
    assert.equal(details.body.has_preferred_contact, true);
    assert.equal(sb.writes.length, 1);
    assert.deepEqual(
      { ...sb.writes[0], at: undefined },
      { api: 'bitsight', method: 'POST', path: CONTACTS, body: valid(target()), at: undefined, status: 201 },
    );
  });

  it('requires every field but phone_number', async () => {
    const { sb } = box;
    const missing = await api(sb).post(CONTACTS, {});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      company_guid: [E.FIELD_REQUIRED],
      friendly_name: [E.FIELD_REQUIRED],
      formal_name: [E.FIELD_REQUIRED],
      email: [E.FIELD_REQUIRED],
    });
    assert.equal(E.FIELD_REQUIRED, 'This field is required.');
    const { phone_number: _omitted, ...noPhone } = valid(target());
    const ok = await api(sb).post(CONTACTS, noPhone);
    assert.equal(ok.status, 201);
    assert.equal(ok.body.phone_number, null);
  });

  it('refuses blank, null and malformed values field by field', async () => {
    const { sb } = box;
    const res = await api(sb).post(CONTACTS, { ...valid(target()), friendly_name: '   ', formal_name: null, email: 'not-an-email' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      friendly_name: ['This field may not be blank.'],
      formal_name: ['This field may not be null.'],
      email: ['Enter a valid email address.'],
    });
    const typed = await api(sb).post(CONTACTS, { ...valid(target()), friendly_name: 42 });
    assert.deepEqual(typed.body, { friendly_name: [E.NOT_A_STRING] });
  });

  it('refuses an e-mail on a foreign domain, accepts a subdomain', async () => {
    const { sb } = box;
    const domain = target().primary_domain;
    for (const email of ['diane@example.com', `diane@not${domain}`, `diane@${domain}.evil.com`]) {
      const res = await api(sb).post(CONTACTS, valid(target(), email));
      assert.equal(res.status, 400, email);
      assert.deepEqual(res.body, { email: [E.CONTACT_EMAIL_UNRELATED] });
    }
    assert.equal(E.CONTACT_EMAIL_UNRELATED, 'The email domain is unrelated to the company');
    const sub = await api(sb).post(CONTACTS, valid(target(), `diane@mail.${domain.toUpperCase()}`));
    assert.equal(sub.status, 201);
  });

  it('refuses unknown companies, my own company included', async () => {
    const { sb } = box;
    for (const guid of ['00000000-0000-4000-8000-000000000000', sb.data.myCompany.guid]) {
      const res = await api(sb).post(CONTACTS, { ...valid(target()), company_guid: guid });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { company_guid: ['No entity found for specified guid'] });
    }
  });

  it('accepts a second POST for a company with a point of contact and replaces it (seed 000: "Update the … of the contact")', async () => {
    const { sb } = box;
    const company = sb.data.companies[0]!;
    const before = { ...contactOf(sb.data, company.guid)! };
    const res = await api(sb).post(CONTACTS, { ...valid(company), phone_number: undefined });
    assert.equal(res.status, 200);
    assert.equal(res.body.guid, before.guid, 'the point of contact keeps its guid');
    assert.equal(res.body.creator, before.creator);
    assert.equal(res.body.creation_date, before.creation_date);
    assert.equal(res.body.formal_name, 'Diane Jones');
    assert.equal(res.body.email, `diane.jones@${company.primary_domain}`);
    assert.equal(res.body.phone_number, null, 'a POST replaces every field, the phone included');
    assert.equal(res.body.last_editor, 'emma@blueseas.com');
    assert.equal(res.body.last_edit_date, new Date().toISOString().slice(0, 10));
    assert.notEqual(before.formal_name, 'Diane Jones', 'the seed contact was someone else');
    assert.deepEqual(contactOf(sb.data, company.guid), res.body);
    assert.equal(sb.data.contacts.filter((c) => c.company_guid === company.guid).length, 1);
    const listed = (await api(sb).get(CONTACTS)).body as Json[];
    assert.deepEqual(listed.filter((c) => c.company_guid === company.guid), [res.body]);
  });

  it('refuses bodies that are not JSON objects, recording them', async () => {
    const { sb } = box;
    const list = await api(sb).post(CONTACTS, [valid(target())]);
    assert.equal(list.status, 400);
    assert.deepEqual(list.body, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    const broken = await api(sb).post(CONTACTS, '{"company_guid": ');
    assert.equal(broken.status, 400);
    assert.match(broken.body.detail, /^JSON parse error - /);
    assert.deepEqual(sb.writes.map((w) => [w.status, w.body]), [
      [400, [valid(target())]],
      [400, '{"company_guid": '],
    ]);
  });
});

describe('sandbox writes: PATCH point of contact', () => {
  const box = freshSandbox();
  const company = () => box.sb.data.companies[0]!; // seed guarantee: has a contact and ≥ 2 domains
  const contact = () => contactOf(box.sb.data, company().guid)!;
  const body = (overrides: Record<string, unknown> = {}) => ({
    guid: contact().guid,
    company_guid: company().guid,
    friendly_name: 'Arnold',
    formal_name: 'Arnold Brown',
    email: `arnold@${company().primary_domain}`,
    phone_number: '555-000-1111',
    ...overrides,
  });

  it('updates the contact (200) and the live state', async () => {
    const { sb } = box;
    const guid = contact().guid;
    const res = await api(sb).patch(`${CONTACTS}/${guid}`, body());
    assert.equal(res.status, 200);
    assert.equal(res.body.guid, guid);
    assert.equal(res.body.formal_name, 'Arnold Brown');
    assert.equal(res.body.email, `arnold@${company().primary_domain}`);
    assert.equal(res.body.last_editor, 'emma@blueseas.com');
    assert.equal(res.body.last_edit_date, new Date().toISOString().slice(0, 10));
    assert.deepEqual(contactOf(sb.data, company().guid), res.body);
    assert.deepEqual(sb.writes.map((w) => [w.method, w.path, w.status]), [['PATCH', `${CONTACTS}/${guid}`, 200]]);
  });

  it('accepts the company’s second domain and refuses a foreign one', async () => {
    const { sb } = box;
    const second = company().domains[1]!;
    const ok = await api(sb).patch(`${CONTACTS}/${contact().guid}`, body({ email: `arnold@${second}` }));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.email, `arnold@${second}`);
    const foreign = await api(sb).patch(`${CONTACTS}/${contact().guid}`, body({ email: 'arnold@elsewhere.org' }));
    assert.equal(foreign.status, 400);
    assert.deepEqual(foreign.body, { email: [E.CONTACT_EMAIL_UNRELATED] });
    assert.equal(contact().email, `arnold@${second}`, 'a refused edit changes nothing');
  });

  it('clears the phone when the PATCH sends it empty, and keeps it when the field is absent', async () => {
    const { sb } = box;
    const guid = contact().guid;
    assert.equal((await api(sb).patch(`${CONTACTS}/${guid}`, body())).body.phone_number, '555-000-1111');
    const { phone_number: _absent, ...noPhone } = body();
    const kept = await api(sb).patch(`${CONTACTS}/${guid}`, noPhone);
    assert.deepEqual([kept.status, kept.body.phone_number], [200, '555-000-1111']);
    const cleared = await api(sb).patch(`${CONTACTS}/${guid}`, body({ phone_number: '' }));
    assert.deepEqual([cleared.status, cleared.body.phone_number], [200, null]);
    const listed = (await api(sb).get(CONTACTS)).body.find((c: Json) => c.guid === guid);
    assert.equal(listed.phone_number, null, 'the GET shows the phone cleared');
    await api(sb).patch(`${CONTACTS}/${guid}`, body());
    const nulled = await api(sb).patch(`${CONTACTS}/${guid}`, body({ phone_number: null }));
    assert.deepEqual([nulled.status, nulled.body.phone_number], [200, null]);
  });

  it('requires the documented fields', async () => {
    const { sb } = box;
    const res = await api(sb).patch(`${CONTACTS}/${contact().guid}`, { friendly_name: 'Arnold' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { company_guid: [E.FIELD_REQUIRED], formal_name: [E.FIELD_REQUIRED], email: [E.FIELD_REQUIRED] });
  });

  it('answers 404 for an unknown contact and refuses mismatched guids', async () => {
    const { sb } = box;
    const missing = await api(sb).patch(`${CONTACTS}/00000000-0000-4000-8000-000000000000`, body());
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { detail: 'Not found.' });
    const otherGuid = await api(sb).patch(`${CONTACTS}/${contact().guid}`, body({ guid: contactOf(sb.data, sb.data.companies[1]!.guid)!.guid }));
    assert.deepEqual(otherGuid.body, { guid: [E.CONTACT_GUID_MISMATCH] });
    const otherCompany = sb.data.companies[1]!;
    const moved = await api(sb).patch(`${CONTACTS}/${contact().guid}`, body({ company_guid: otherCompany.guid, email: `a@${otherCompany.primary_domain}` }));
    assert.deepEqual(moved.body, { company_guid: [E.CONTACT_COMPANY_MISMATCH] });
    const unknown = await api(sb).patch(`${CONTACTS}/${contact().guid}`, body({ company_guid: 'nope' }));
    assert.deepEqual(unknown.body, { company_guid: [E.ENTITY_NOT_FOUND] });
  });
});

describe('sandbox writes: POST invitation', () => {
  const box = freshSandbox();
  const invitable = () => box.sb.data.companies[0]!; // CURATED, contact, 12 observation ids
  const recipient = (company: CompanyRecord) => ({
    requestee_company_guid: company.guid,
    requestee_friendly_name: 'Maria',
    requestee_formal_name: 'Maria Castro',
    requestee_email: `mcastro@${company.primary_domain}`,
  });
  const invite = (fields: Record<string, unknown>) => api(box.sb).post(INVITES, { vendor_access_request: fields });
  const detail = (message: string) => ({ detail: message });

  it('creates the invitation (201) shaped like the documented response, and lists it', async () => {
    const { sb } = box;
    const company = invitable();
    const res = await invite({ ...recipient(company), requestee_phone: '555-555-5555', message: 'Hello', notes: 'Internal', read: true, reason: 'informational', trial_duration: 45, third_parties: [{ email: 'richard.kuga@saperix.com', name: 'Richard Kuga' }], context: { risk_vectors: [{ risk_vector: { slug: 'botnet' } }] } });
    assert.equal(res.status, 201);
    const r = res.body;
    const emma = sb.data.users.find((u) => u.guid === sb.data.currentUserGuid)!;
    assert.equal(r.requester_guid, emma.guid);
    assert.equal(r.requester_email, 'emma@blueseas.com');
    assert.deepEqual([r.requester_first_name, r.requester_last_name, r.requester_formal_name], ['Emma', 'Waters', 'Emma Waters']);
    assert.equal(r.requester_company_guid, sb.data.myCompany.guid);
    assert.equal(r.requester_company_name, 'Blue Seas International');
    assert.equal(r.requester_customer_guid, sb.data.customer.guid);
    assert.deepEqual([r.requestee_first_name, r.requestee_last_name], ['Maria', 'Castro']);
    assert.equal(r.requestee_email, `mcastro@${company.primary_domain}`);
    assert.equal(r.requestee_phone, '555-555-5555');
    assert.equal(r.requestee_company_guid, company.guid);
    assert.equal(r.requestee_company_name, company.name);
    assert.equal(r.message, 'Hello');
    assert.equal(r.notes, 'Internal');
    assert.equal(r.read, true);
    assert.equal(r.reason, 'informational');
    assert.equal(r.trial_duration, 45);
    assert.equal(r.invitation_duration, 14);
    assert.equal(r.status, 'Pending');
    assert.equal(r.has_preferred_contacts, true);
    assert.equal(r.has_shared_observations, false);
    assert.equal(r.shared_observations_count, 0);
    assert.equal(r.ccs, null);
    assert.equal(r.resolved_by, null);
    assert.equal(r.requestee_tos_date, null);
    assert.deepEqual(r.third_parties, [{ email: 'richard.kuga@saperix.com', name: 'Richard Kuga' }]);
    assert.deepEqual(r.context, { risk_vectors: [{ risk_vector: { slug: 'botnet' } }] });
    assert.match(r.created_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(r.created_date, r.created_time.slice(0, 10));
    const outbox = await api(sb).get(`${INVITES}?company_guid=${company.guid}`);
    assert.deepEqual(outbox.body, [r]);
    assert.equal(sb.writes.length, 1);
    assert.equal(sb.writes[0]!.status, 201);
  });

  it('accepts the flat body too, and applies the documented defaults', async () => {
    const res = await api(box.sb).post(INVITES, recipient(invitable()));
    assert.equal(res.status, 201);
    assert.equal(res.body.trial_duration, 30);
    assert.equal(res.body.reason, 'other');
    assert.equal(res.body.read, false);
  });

  it('falls back to the point of contact for empty recipient fields', async () => {
    const company = invitable();
    const contact = contactOf(box.sb.data, company.guid)!;
    const res = await invite({ requestee_company_guid: company.guid, requestee_friendly_name: '', requestee_formal_name: '', requestee_email: '' });
    assert.equal(res.status, 201);
    assert.equal(res.body.requestee_email, contact.email);
    assert.equal(res.body.requestee_formal_name, contact.formal_name);
    assert.equal(res.body.requestee_friendly_name, contact.friendly_name);
    const bare = await invite({ requestee_company_guid: company.guid });
    assert.equal(bare.status, 201);
    assert.equal(bare.body.requestee_email, contact.email);
  });

  it('needs a recipient when the company has no point of contact', async () => {
    const company = box.sb.data.companies[3]!;
    const res = await invite({ requestee_company_guid: company.guid });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, detail(E.INVITE_NO_POINT_OF_CONTACT));
    assert.equal(E.INVITE_NO_POINT_OF_CONTACT, 'The company has no point of contact; provide the recipient');
    const named = await invite(recipient(company));
    assert.equal(named.status, 201);
    assert.equal(named.body.has_preferred_contacts, false);
  });

  it('refuses my own company, unknown guids and uninvitable entities with the seed texts', async () => {
    const { sb } = box;
    const self = await invite({ ...recipient(sb.data.myCompany), requestee_email: 'someone@blueseas.com' });
    assert.deepEqual([self.status, self.body], [400, detail('It is not possible to send an access request to yourself')]);
    const unknown = await invite({ ...recipient(invitable()), requestee_company_guid: '00000000-0000-4000-8000-000000000000' });
    assert.deepEqual([unknown.status, unknown.body], [400, detail('No entity found for specified guid')]);
    const privateOne = sb.data.companies[4]!;
    const notInvitable = await invite(recipient(privateOne));
    assert.deepEqual([notInvitable.status, notInvitable.body], [400, detail('The entity cannot be used for vendor access requests')]);
    const missing = await invite({ requestee_email: 'x@y.com' });
    assert.deepEqual([missing.status, missing.body], [400, { requestee_company_guid: [E.FIELD_REQUIRED] }]);
  });

  it('limits shared observations to 10 of the company’s own', async () => {
    const company = invitable();
    const ids = company.rolledup_observation_ids;
    assert.equal(ids.length, 12);
    const ten = await invite({ ...recipient(company), rolledup_observation_ids: ids.slice(0, 10) });
    assert.equal(ten.status, 201);
    assert.equal(ten.body.shared_observations_count, 10);
    assert.equal(ten.body.has_shared_observations, true);
    assert.deepEqual(ten.body.rolledup_observation_ids, ids.slice(0, 10));
    const eleven = await invite({ ...recipient(company), rolledup_observation_ids: ids.slice(0, 11) });
    assert.deepEqual([eleven.status, eleven.body], [400, detail('Please limit shared observations to 10')]);
    const foreignId = box.sb.data.companies[1]!.rolledup_observation_ids[0]!;
    const mismatch = await invite({ ...recipient(company), rolledup_observation_ids: [ids[0], foreignId] });
    assert.deepEqual([mismatch.status, mismatch.body], [400, detail('The observations ids did not match the entity')]);
    const notAList = await invite({ ...recipient(company), rolledup_observation_ids: 'abc' });
    assert.deepEqual(notAList.body, { rolledup_observation_ids: ['Expected a list of items but got type "str".'] });
  });

  it('limits the ccs string to 1023 characters, separators included', async () => {
    const company = invitable();
    const ccsOf = (length: number) => {
      const tail = ',b@example.com';
      return 'a'.repeat(length - tail.length - '@example.com'.length) + '@example.com' + tail;
    };
    assert.equal(ccsOf(1023).length, 1023);
    const atLimit = await invite({ ...recipient(company), ccs: ccsOf(1023) });
    assert.equal(atLimit.status, 201);
    assert.equal(atLimit.body.ccs, ccsOf(1023));
    const over = await invite({ ...recipient(company), ccs: ccsOf(1024) });
    assert.deepEqual([over.status, over.body], [400, detail('It is not possible to send an access request with combined string of cc emails larger than 1023 characters')]);
    const asArray = await invite({ ...recipient(company), ccs: ['barb@barbara.com', 'rob@robson.com'] });
    assert.equal(asArray.body.ccs, 'barb@barbara.com,rob@robson.com');
  });

  it('keeps trial_duration within 1–365', async () => {
    const company = invitable();
    const at = async (days: unknown) => invite({ ...recipient(company), trial_duration: days });
    for (const days of [1, 365, '90']) {
      const res = await at(days);
      assert.equal(res.status, 201, `trial_duration ${days}`);
      assert.equal(res.body.trial_duration, Number(days));
    }
    for (const days of [0, 366, -5]) {
      const res = await at(days);
      assert.deepEqual([res.status, res.body], [400, { trial_duration: ['Ensure this value is between 1 and 365.'] }], `trial_duration ${days}`);
    }
    const text = await at('a month');
    assert.deepEqual(text.body, { trial_duration: [E.INVALID_INTEGER] });
    const fraction = await at(1.5);
    assert.deepEqual(fraction.body, { trial_duration: [E.INVALID_INTEGER] });
  });

  it('accepts the five documented reasons and nothing else', async () => {
    const company = invitable();
    for (const reason of ['informational', 'remediation', 'validation', 'vulnerability', 'other']) {
      assert.equal((await invite({ ...recipient(company), reason })).status, 201, reason);
    }
    const bad = await invite({ ...recipient(company), reason: 'x' });
    assert.deepEqual([bad.status, bad.body], [400, { reason: ['"x" is not a valid choice.'] }]);
  });

  it('checks the recipient e-mail: format, then the company’s domains (subdomains count)', async () => {
    const company = invitable();
    const malformed = await invite({ ...recipient(company), requestee_email: 'mcastro-at-nowhere' });
    assert.deepEqual([malformed.status, malformed.body], [400, detail('Invalid requestee email')]);
    const foreign = await invite({ ...recipient(company), requestee_email: 'mcastro@gmail.com' });
    assert.deepEqual([foreign.status, foreign.body], [400, detail('The requestee email domain is unrelated to the entity')]);
    const sub = await invite({ ...recipient(company), requestee_email: `mcastro@eu.${company.primary_domain}` });
    assert.equal(sub.status, 201);
    const second = await invite({ ...recipient(company), requestee_email: `mcastro@${company.domains[1]}` });
    assert.equal(second.status, 201);
  });

  it('takes seed 001’s top-level risk-vector slug as context, and words bad context and third parties as DRF does', async () => {
    const company = invitable();
    const res = await invite({ ...recipient(company), slug: 'botnet' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.context, { risk_vectors: [{ risk_vector: { slug: 'botnet' } }] });
    const both = await invite({ ...recipient(company), slug: 'botnet', context: { risk_vectors: [{ risk_vector: { slug: 'dnssec' } }] } });
    assert.deepEqual(both.body.context, { risk_vectors: [{ risk_vector: { slug: 'dnssec' } }] }, 'an explicit context wins');
    const badContext = await invite({ ...recipient(company), context: 'botnet' });
    assert.deepEqual([badContext.status, badContext.body], [400, { context: ['Invalid data. Expected a dictionary, but got str.'] }]);
    const noEmail = await invite({ ...recipient(company), third_parties: [{ name: 'Richard Kuga' }] });
    assert.deepEqual([noEmail.status, noEmail.body], [400, { third_parties: [E.FIELD_REQUIRED] }]);
  });

  it('records every invitation attempt with its status', async () => {
    const { sb } = box;
    await invite(recipient(invitable()));
    await invite({ ...recipient(invitable()), trial_duration: 0 });
    await invite({ ...recipient(invitable()), requestee_company_guid: sb.data.myCompany.guid });
    assert.deepEqual(sb.writes.map((w) => [w.method, w.path, w.status]), [
      ['POST', INVITES, 201],
      ['POST', INVITES, 400],
      ['POST', INVITES, 400],
    ]);
    assert.deepEqual((sb.writes[1]!.body as Json).vendor_access_request.trial_duration, 0);
    const outbox = await api(sb).get(INVITES);
    assert.equal(outbox.body.length, sb.data.accessRequests.length);
    assert.equal(outbox.body.filter((r: Json) => r.requestee_company_guid === invitable().guid).length, 1);
  });
});

describe('sandbox writes: PATCH user', () => {
  const box = freshSandbox();
  const liam = () => box.sb.data.users.find((u) => u.guid === box.sb.data.viewerUserGuid)!;
  const users = (token?: string) => api(box.sb, token);
  const path = () => `/ratings/v2/users/${liam().guid}`;

  it('lets the Admin change one role, and GET shows it', async () => {
    const res = await users().patch(path(), { roles: [{ slug: 'customer_group_admin' }] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.roles, [{ name: 'Group Admin', slug: 'customer_group_admin' }]);
    assert.equal(res.body.guid, liam().guid);
    const again = await users().get(path());
    assert.deepEqual(again.body.roles, [{ name: 'Group Admin', slug: 'customer_group_admin' }]);
    assert.deepEqual(box.sb.writes.map((w) => [w.method, w.path, w.status, w.body]), [
      ['PATCH', path(), 200, { roles: [{ slug: 'customer_group_admin' }] }],
    ]);
  });

  it('accepts exactly one known role per request', async () => {
    const two = await users().patch(path(), { roles: [{ slug: 'customer_user' }, { slug: 'customer_admin' }] });
    assert.deepEqual([two.status, two.body], [400, { roles: ['Only one role can be assigned per request.'] }]);
    const none = await users().patch(path(), { roles: [] });
    assert.deepEqual([none.status, none.body], [400, { roles: ['This list may not be empty.'] }]);
    const unknown = await users().patch(path(), { roles: [{ slug: 'overlord' }] });
    assert.deepEqual([unknown.status, unknown.body], [400, { roles: ['"overlord" is not a valid choice.'] }]);
    const notAList = await users().patch(path(), { roles: 'customer_user' });
    assert.deepEqual([notAList.status, notAList.body], [400, { roles: ['Expected a list of items but got type "str".'] }]);
    assert.equal(liam().roles[0]!.slug, 'customer_user', 'refused edits change nothing');
  });

  it('moves the user to an existing group only', async () => {
    const { sb } = box;
    const emea = sb.data.groups.find((g) => g.name === 'EMEA Vendors')!;
    const groupsBefore = (await users().get('/ratings/v1/access-groups')).body.groups.find((g: Json) => g.guid === emea.guid).user_count;
    const res = await users().patch(path(), { group: emea.guid });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.group, { guid: emea.guid, name: 'EMEA Vendors' });
    const groupsAfter = (await users().get('/ratings/v1/access-groups')).body.groups.find((g: Json) => g.guid === emea.guid).user_count;
    assert.equal(groupsAfter, groupsBefore + 1);
    const bad = await users().patch(path(), { group: 'no-such-group' });
    assert.deepEqual([bad.status, bad.body], [400, { group: ['Object with guid=no-such-group does not exist.'] }]);
  });

  it('updates names, e-mail and flags, validating them', async () => {
    const ok = await users().patch(path(), { friendly_name: 'Li', formal_name: 'Li Chen', email: 'li.chen@blueseas.com', is_available_for_contact: true });
    assert.equal(ok.status, 200);
    assert.deepEqual([ok.body.friendly_name, ok.body.formal_name, ok.body.email, ok.body.is_available_for_contact], ['Li', 'Li Chen', 'li.chen@blueseas.com', true]);
    const bad = await users().patch(path(), { email: 'nope', friendly_name: '', is_available_for_contact: 'yes' });
    assert.deepEqual(bad.body, {
      email: [E.INVALID_EMAIL],
      friendly_name: [E.FIELD_BLANK],
      is_available_for_contact: [E.INVALID_BOOLEAN],
    });
    const taken = await users().patch(path(), { email: 'emma@blueseas.com' });
    assert.deepEqual(taken.body, { email: [E.USER_EMAIL_TAKEN] });
  });

  it('updates features only where can_update is true', async () => {
    // Copies: the records are live and the PATCH changes them.
    const wfh = { ...liam().features.find((f) => f.slug === 'wfh-ro')! };
    const fq = { ...liam().features.find((f) => f.slug === 'fq-access')! };
    const toggled = await users().patch(path(), { features: [{ slug: 'wfh-ro', value: !wfh.value }] });
    assert.equal(toggled.status, 200);
    assert.equal(toggled.body.features.find((f: Json) => f.slug === 'wfh-ro').value, !wfh.value);
    assert.equal(liam().features.find((f) => f.slug === 'wfh-ro')!.value, !wfh.value);
    const locked = await users().patch(path(), { features: [{ slug: 'fq-access', value: !fq.value }] });
    assert.deepEqual([locked.status, locked.body], [400, { features: ['The feature "fq-access" cannot be updated.'] }]);
    const unchanged = await users().patch(path(), { features: [{ slug: 'fq-access', value: fq.value }] });
    assert.equal(unchanged.status, 200, 'sending a locked feature back unchanged is fine');
    const unknown = await users().patch(path(), { features: [{ slug: 'time-travel', value: true }] });
    assert.deepEqual(unknown.body, { features: ['"time-travel" is not a valid choice.'] });
  });

  it('forbids non-admins (403), still recording the attempt', async () => {
    const { sb } = box;
    const viewer = sb.apis.bitsight.viewerToken;
    const res = await users(viewer).patch(path(), { friendly_name: 'Hacker' });
    assert.deepEqual([res.status, res.body], [403, { detail: 'You do not have permission to perform this action.' }]);
    const missing = await users(viewer).patch('/ratings/v2/users/nope', {});
    assert.equal(missing.status, 403);
    assert.equal(liam().friendly_name, 'Liam');
    assert.deepEqual(sb.writes.map((w) => w.status), [403, 403]);
    // Promote the viewer: the same token may then edit.
    await users().patch(path(), { roles: [{ slug: 'customer_admin' }] });
    const now = await users(viewer).patch(path(), { friendly_name: 'Liam C.' });
    assert.equal(now.status, 200);
  });

  it('answers 404 for an unknown user and accepts the OpenAPI {"user": …} wrapper', async () => {
    const missing = await users().patch('/ratings/v2/users/00000000-0000-4000-8000-000000000000', { friendly_name: 'X' });
    assert.deepEqual([missing.status, missing.body], [404, { detail: 'Not found.' }]);
    const wrapped = await users().patch(path(), { user: { formal_name: 'Liam Wrapped' } });
    assert.equal(wrapped.status, 200);
    assert.equal(wrapped.body.formal_name, 'Liam Wrapped');
  });

  it('accepts seed 002’s `data` object around the fields', async () => {
    const res = await users().patch(path(), { data: { formal_name: 'Liam In Data', is_available_for_contact: true } });
    assert.equal(res.status, 200);
    assert.equal(res.body.formal_name, 'Liam In Data');
    assert.equal(res.body.is_available_for_contact, true);
  });
});

describe('sandbox writes: determinism of created ids', () => {
  it('gives the same guids to the same writes on the same seed', async () => {
    const guids: string[] = [];
    for (let run = 0; run < 2; run++) {
      const sb = await startSandbox({ companies: 20, seed: 11 });
      try {
        const company = companiesWithoutContact(sb.data)[0]!;
        const res = await api(sb).post(CONTACTS, { company_guid: company.guid, friendly_name: 'A', formal_name: 'A B', email: `a@${company.primary_domain}` });
        guids.push(res.body.guid);
      } finally {
        await sb.close();
      }
    }
    assert.equal(guids[0], guids[1]);
  });
});
