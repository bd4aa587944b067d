// The sandbox's Guidewire Cloud API over real HTTP: envelopes and paging, literal ids, the seed's
// request-inclusion PATCH (seed 004), all-or-nothing inclusion, checksums, the GW-DBTransaction-ID
// replay rule, Guidewire's error body, 404, 401, the client-credentials token endpoint and the
// generic traffic knobs with Guidewire's wording.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth.js';
import { generateGuidewireData } from '../../src/sandbox/guidewire/seed.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { SEED_INCLUSION_BODY } from './helpers/guidewireSeed';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

let sb: RunningSandbox;
let auth: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(path.startsWith('http') ? path : sb.apis.guidewire.baseUrl + path, {
    method,
    headers: { Authorization: auth, Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
const get = (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers);


function newContactAttributes(overrides: Record<string, unknown> = {}) {
  return {
    subtype: { code: 'Company' },
    companyName: 'Hillsdale Risk Partners',
    emailAddress1: 'office@hillsdale.example',
    workPhone: { number: '650-555-0100' },
    primaryAddress: { addressLine1: '1 Main Street', addressLine2: 'Floor 2', city: 'Austin', state: { code: 'TX' }, postalCode: '78701', country: 'US' },
    ...overrides,
  };
}

function inclusionBody(attributes: Record<string, unknown>, refids: { root: string; item: string } = { root: 'c1', item: 'c1' }, checksum?: string) {
  return {
    data: { attributes: { primaryContactReference: { refid: refids.root } }, ...(checksum === undefined ? {} : { checksum }) },
    included: { Contact: [{ attributes, method: 'post', refid: refids.item, uri: '/common/v1/contacts' }] },
  };
}

before(async () => {
  sb = await startSandbox({ companies: 40, seed: 7 });
  auth = `Bearer ${sb.apis.guidewire.token}`;
});
after(() => sb.close());

describe('sandbox: Guidewire envelopes, paging and literal ids', () => {
  it('answers an organization in the DataEnvelope with its primary contact inline', async () => {
    const { status, body } = await get('/admin/v1/organizations/pc:1');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body.data).sort(), ['attributes', 'checksum', 'id', 'links', 'type']);
    assert.equal(body.data.id, 'pc:1');
    assert.equal(body.data.type, 'Organization');
    assert.equal(typeof body.data.checksum, 'string');
    assert.deepEqual(body.data.links.self, { href: '/admin/v1/organizations/pc:1', methods: ['get', 'patch'] });
    const a = body.data.attributes;
    assert.equal(a.id, 'pc:1');
    assert.deepEqual(a.type, { code: 'agency', name: 'Agency' });
    assert.equal(a.contact.subtype.code, 'Company');
    assert.equal(typeof a.contact.id, 'string');
    assert.equal(a.contact.primaryAddress.country, 'US');
    assert.match(a.contact.primaryAddress.state.code, /^[A-Z]{2}$/);
  });

  it('pages through every organization by links.next.href, with total only when asked for', async () => {
    const first = await get('/admin/v1/organizations?pageSize=7');
    assert.equal(first.status, 200);
    assert.equal(first.body.total, undefined);
    const ids: string[] = [];
    let href: string | undefined = '/admin/v1/organizations?pageSize=7&includeTotal=true';
    let total: number | undefined;
    let pages = 0;
    while (href) {
      const page = await get(href);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.equal(page.body.count, page.body.data.length);
      total = page.body.total;
      ids.push(...page.body.data.map((o: Json) => o.id));
      href = page.body.links.next?.href;
      pages++;
    }
    assert.equal(pages, Math.ceil(40 / 7));
    assert.equal(total, 40);
    assert.equal(ids.length, 40);
    assert.equal(new Set(ids).size, 40);
    assert.deepEqual(ids, sb.guidewire.data.organizations.map((o) => o.id));
  });

  it('refuses a pageSize above 100 and an unknown query parameter with details naming them', async () => {
    const big = await get('/admin/v1/organizations?pageSize=101');
    assert.equal(big.status, 400);
    assert.equal(big.body.errorCode, 'gw.api.rest.exceptions.BadInputException');
    assert.deepEqual(big.body.details.map((d: Json) => d.fieldName), ['pageSize']);
    assert.equal((await get('/admin/v1/organizations?pageSize=100')).status, 200);
    const unknown = await get('/admin/v1/organizations?limit=5');
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.details.map((d: Json) => d.fieldName), ['limit']);
  });

  it('filters organizations by name:cn and type:eq', async () => {
    const target = sb.guidewire.data.organizations[5]!;
    const word = target.name.split(' ')[0]!.toLowerCase();
    const { body } = await get(`/admin/v1/organizations?filter=name:cn:${encodeURIComponent(word)}&pageSize=100`);
    assert.ok(body.data.length > 0);
    assert.ok(body.data.some((o: Json) => o.id === target.id));
    assert.ok(body.data.every((o: Json) => o.attributes.name.toLowerCase().includes(word)));
    const brokers = await get('/admin/v1/organizations?filter=type:eq:broker&pageSize=100');
    assert.ok(brokers.body.data.length > 0);
    assert.ok(brokers.body.data.every((o: Json) => o.attributes.type.code === 'broker'));
  });

  it('takes ids literally in paths, and pc%3A5 names the same organization as pc:5', async () => {
    const literal = await get('/admin/v1/organizations/pc:5');
    const encoded = await get('/admin/v1/organizations/pc%3A5');
    assert.equal(literal.status, 200);
    assert.equal(literal.body.data.id, 'pc:5');
    assert.deepEqual(encoded.body, literal.body);
    const insurer = await get('/admin/v1/organizations/systemTables:1');
    assert.deepEqual(insurer.body.data.attributes.type, { code: 'insurer', name: 'Insurer' });
  });

  it('lists users with their organization and user contact, filterable by organization', async () => {
    const { status, body } = await get('/admin/v1/users?filter=organization:eq:pc:2&pageSize=100');
    assert.equal(status, 200);
    assert.ok(body.data.length >= 1);
    for (const u of body.data) {
      assert.equal(u.type, 'User');
      assert.deepEqual(u.attributes.organization, { displayName: sb.guidewire.data.organizations[2]!.name, id: 'pc:2', type: 'Organization', uri: '/admin/v1/organizations/pc:2' });
      assert.equal(u.attributes.contact.type, 'Contact');
    }
  });

  it('lists a contact\'s addresses with the primary one marked, and the State typelist', async () => {
    const contact = sb.guidewire.data.contacts.find((c) => c.addresses.length > 1)!;
    const { body } = await get(`/common/v1/contacts/${contact.id}/addresses`);
    assert.equal(body.count, contact.addresses.length);
    const primaries = body.data.filter((a: Json) => a.attributes.primary === true);
    assert.equal(primaries.length, 1);
    assert.equal(primaries[0].id, contact.primaryAddressId);
    const states = await get('/common/v1/typelists/State');
    const codes = states.body.data.attributes.typeKeys.map((k: Json) => k.code);
    assert.ok(codes.includes('CA') && codes.includes('TX'));
    assert.equal(codes.length, 51);
  });

  it('finds contacts by first and last name', async () => {
    const person = sb.guidewire.data.contacts.find((c) => c.subtype === 'Person')!;
    const { status, body } = await call('POST', '/common/v1/search/contacts', { data: { attributes: { firstName: person.firstName, lastName: person.lastName } } });
    assert.equal(status, 200);
    assert.ok(body.data.some((c: Json) => c.id === person.id));
    assert.ok(body.data.every((c: Json) => c.attributes.lastName === person.lastName));
    const vague = await call('POST', '/common/v1/search/contacts', { data: { attributes: { firstName: person.firstName } } });
    assert.equal(vague.status, 400);
  });

  it('serves Guidewire seed facts on the control endpoint', async () => {
    const res = await fetch(`${sb.url}/__sandbox/facts`, { headers: { 'X-Sandbox-Control': sb.controlToken } });
    const facts = ((await res.json()) as Json).guidewire;
    assert.equal(facts.insurerId, 'systemTables:1');
    assert.equal(facts.agencyWithPersonContact, 'pc:2');
    assert.equal(facts.agencyWithCompanyContact, 'pc:1');
    assert.equal(facts.brokerId, 'pc:3');
    assert.equal(facts.organizations, 40);
    const user = sb.guidewire.data.users.find((u) => u.contactId === facts.userContactInAgency)!;
    assert.equal(user.organizationId, 'pc:2');
  });

  it('seeds an insurer, agencies and brokers with Person and Company primary contacts, deterministically', () => {
    const a = generateGuidewireData({ seed: 7, companies: 40 });
    assert.deepEqual(generateGuidewireData({ seed: 7, companies: 40 }), a);
    assert.notDeepEqual(generateGuidewireData({ seed: 8, companies: 40 }).contacts, a.contacts);
    const types = new Set(a.organizations.map((o) => o.type));
    assert.ok(types.has('insurer') && types.has('agency') && types.has('broker'));
    const subtypes = new Set(a.organizations.map((o) => a.contacts.find((c) => c.id === o.primaryContactId)!.subtype));
    assert.deepEqual([...subtypes].sort(), ['Company', 'Person']);
    assert.ok(a.organizations.every((o) => a.users.some((u) => u.organizationId === o.id)));
    assert.equal(generateGuidewireData({ seed: 7, companies: 3 }).organizations.length, 3);
  });
});

describe('sandbox: Guidewire organization PATCH (seed 004)', () => {
  it('accepts the seed\'s inclusion body verbatim (no checksum): a new Person contact becomes pc:5\'s primary', async () => {
    const before = await get('/admin/v1/organizations/pc:5');
    const { status, body } = await call('PATCH', '/admin/v1/organizations/pc:5', SEED_INCLUSION_BODY);
    assert.equal(status, 200, JSON.stringify(body));
    const contact = body.data.attributes.contact;
    assert.equal(contact.firstName, 'Sarah');
    assert.equal(contact.lastName, 'Baker');
    assert.deepEqual(contact.subtype, { code: 'Person', name: 'Person' });
    assert.equal(contact.primaryAddress.addressLine1, '123 Hillsdale Blvd');
    assert.equal(contact.primaryAddress.city, 'San Mateo');
    assert.equal(contact.primaryAddress.postalCode, '94403');
    assert.deepEqual(contact.primaryAddress.state, { code: 'CA', name: 'California' });
    assert.notEqual(body.data.checksum, before.body.data.checksum);
    const read = await get(`/common/v1/contacts/${contact.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.data.attributes.displayName, 'Sarah Baker');
    const addresses = await get(`/common/v1/contacts/${contact.id}/addresses`);
    assert.equal(addresses.body.data[0].attributes.primary, true);
  });

  it('re-points the primary contact to a user contact of the organization by id, and refuses one of another organization', async () => {
    const data = sb.guidewire.data;
    const own = data.users.find((u) => u.organizationId === 'pc:6')!.contactId;
    const other = data.users.find((u) => u.organizationId === 'pc:7')!.contactId;
    const ok = await call('PATCH', '/admin/v1/organizations/pc:6', { data: { attributes: { primaryContactReference: { id: own } } } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.data.attributes.contact.id, own);
    const refused = await call('PATCH', '/admin/v1/organizations/pc:6', { data: { attributes: { primaryContactReference: { id: other } } } });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.details.map((d: Json) => d.fieldName), ['primaryContactReference.id']);
    assert.equal((await get('/admin/v1/organizations/pc:6')).body.data.attributes.contact.id, own);
  });

  it('is all-or-nothing: a bad included contact creates nothing and leaves the organization unchanged', async () => {
    const before = await get('/admin/v1/organizations/pc:8');
    const contacts = sb.guidewire.data.contacts.length;
    const attributes = newContactAttributes({ primaryAddress: { addressLine1: '1 Main Street', state: { code: 'TX' }, postalCode: '78701' } });
    const { status, body } = await call('PATCH', '/admin/v1/organizations/pc:8', inclusionBody(attributes));
    assert.equal(status, 400);
    assert.equal(body.errorCode, 'gw.api.rest.exceptions.BadInputException');
    assert.equal(typeof body.userMessage, 'string');
    assert.equal(typeof body.developerMessage, 'string');
    assert.deepEqual(body.details.map((d: Json) => d.fieldName), ['primaryAddress.city']);
    assert.equal(sb.guidewire.data.contacts.length, contacts);
    assert.deepEqual((await get('/admin/v1/organizations/pc:8')).body, before.body);
  });

  it('is all-or-nothing: a refid mismatch creates nothing and leaves the organization unchanged', async () => {
    const before = await get('/admin/v1/organizations/pc:8');
    const contacts = sb.guidewire.data.contacts.length;
    const { status, body } = await call('PATCH', '/admin/v1/organizations/pc:8', inclusionBody(newContactAttributes(), { root: 'a', item: 'b' }));
    assert.equal(status, 400);
    assert.ok(body.details.some((d: Json) => d.fieldName === 'primaryContactReference.refid'), JSON.stringify(body.details));
    assert.equal(sb.guidewire.data.contacts.length, contacts);
    assert.deepEqual((await get('/admin/v1/organizations/pc:8')).body, before.body);
  });

  it('accepts the documented organization attributes besides primaryContactReference: stores name and producerStatus, ignores the rest', async () => {
    const before = (await get('/admin/v1/organizations/pc:10')).body.data;
    const attributes = {
      name: 'Renamed Agency',
      producerStatus: { code: 'Terminated' },
      groupSecurityZone: { id: 'pc:zone' },
      tier: { code: 'gold' },
      groupDescription: 'West coast',
    };
    const { status, body } = await call('PATCH', '/admin/v1/organizations/pc:10', { data: { attributes, checksum: before.checksum } });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.data.attributes.name, 'Renamed Agency');
    assert.deepEqual(body.data.attributes.producerStatus, { code: 'Terminated', name: 'Terminated' });
    assert.equal(body.data.attributes.contact.id, before.attributes.contact.id);
    assert.notEqual(body.data.checksum, before.checksum);
    const unknown = await call('PATCH', '/admin/v1/organizations/pc:10', { data: { attributes: { favouriteColour: 'blue' } } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.details.map((d: Json) => d.fieldName), ['favouriteColour']);
  });

  it('answers a stale checksum with 409 and the documented message, and accepts the current one', async () => {
    const current = (await get('/admin/v1/organizations/pc:9')).body.data.checksum as string;
    const stale = current + '0';
    const conflict = await call('PATCH', '/admin/v1/organizations/pc:9', inclusionBody(newContactAttributes(), undefined, stale));
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.status, 409);
    const detail = conflict.body.details[0];
    assert.equal(detail.message, `The supplied checksum '${stale}' does not match the current checksum '${current}' for the resource with uri '/admin/v1/organizations/pc:9'`);
    assert.deepEqual(detail.properties, { uri: '/admin/v1/organizations/pc:9', currentChecksum: current, suppliedChecksum: stale });
    assert.equal((await get('/admin/v1/organizations/pc:9')).body.data.checksum, current);
    const ok = await call('PATCH', '/admin/v1/organizations/pc:9', inclusionBody(newContactAttributes(), undefined, current));
    assert.equal(ok.status, 200);
    assert.equal(ok.body.data.attributes.contact.companyName, 'Hillsdale Risk Partners');
    assert.notEqual(ok.body.data.checksum, current);
  });
});

describe('sandbox: Guidewire contacts, replay rule and errors', () => {
  it('creates a Company contact (201) with the optional fields', async () => {
    const { status, body } = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes() } });
    assert.equal(status, 201, JSON.stringify(body));
    const a = body.data.attributes;
    assert.equal(a.companyName, 'Hillsdale Risk Partners');
    assert.equal(a.emailAddress1, 'office@hillsdale.example');
    assert.equal(a.workPhone.number, '6505550100');
    assert.equal(a.primaryAddress.addressLine2, 'Floor 2');
    assert.equal(body.data.type, 'Contact');
  });

  it('accepts and returns the other writable contact fields of §4.6 on a Person, phones as {number}', async () => {
    const attributes = {
      subtype: { code: 'person' }, firstName: 'Jon', lastName: 'Wilson',
      emailAddress2: 'jon@home.example', cellPhone: { number: '07700 900123' }, homePhone: { number: '020 7946 0000' },
      primaryPhoneType: { code: 'mobile' }, taxId: '12-3456789', externalId: 'crm:991',
      primaryAddress: { addressLine1: '193 Address Ln', city: 'San Mateo', state: { code: 'CA' }, postalCode: '94403' },
    };
    const { status, body } = await call('POST', '/common/v1/contacts', { data: { attributes } });
    assert.equal(status, 201, JSON.stringify(body));
    const a = (await get(`/common/v1/contacts/${body.data.id}`)).body.data.attributes;
    assert.equal(a.emailAddress2, 'jon@home.example');
    assert.equal(a.cellPhone.displayName, '07700 900123');
    assert.equal(a.homePhone.displayName, '020 7946 0000');
    assert.equal(a.taxId, '12-3456789');
    assert.equal(a.externalId, 'crm:991');
  });

  it('takes any non-empty work phone number, an extension included (no document states a digit rule)', async () => {
    const { status, body } = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes({ workPhone: { number: '+44 20 7946 0958 ext. 12' } }) } });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.data.attributes.workPhone.displayName, '+44 20 7946 0958 ext. 12');
    const bad = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes({ workPhone: { number: 42 } }) } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.details.map((d: Json) => d.fieldName), ['workPhone.number']);
  });

  it('names each missing Person field and a bad State code in details[].fieldName', async () => {
    const attributes = { subtype: { code: 'Person' }, firstName: 'Ann', primaryAddress: { addressLine1: '1 Elm Street', city: 'Boston', state: { code: 'XX' }, postalCode: '02101' } };
    const { status, body } = await call('POST', '/common/v1/contacts', { data: { attributes } });
    assert.equal(status, 400);
    assert.deepEqual(body.details.map((d: Json) => d.fieldName).sort(), ['lastName', 'primaryAddress.state.code']);
    const company = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes({ companyName: ' ' }) } });
    assert.deepEqual(company.body.details.map((d: Json) => d.fieldName), ['companyName']);
  });

  it('answers a replayed GW-DBTransaction-ID with AlreadyExecutedException and writes once', async () => {
    const contacts = sb.guidewire.data.contacts.length;
    const headers = { 'GW-DBTransaction-ID': 'tx-replay-1' };
    const first = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes() } }, headers);
    assert.equal(first.status, 201);
    const replay = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes() } }, headers);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.errorCode, 'gw.api.webservice.exception.AlreadyExecutedException');
    assert.equal(sb.guidewire.data.contacts.length, contacts + 1);
  });

  it('lets a refused write be retried with the same GW-DBTransaction-ID', async () => {
    const headers = { 'GW-DBTransaction-ID': 'tx-retry-after-400' };
    const refused = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes({ companyName: '' }) } }, headers);
    assert.equal(refused.status, 400);
    const retried = await call('POST', '/common/v1/contacts', { data: { attributes: newContactAttributes() } }, headers);
    assert.equal(retried.status, 201);
  });

  it('answers an unknown id with 404 NotFoundException naming the path', async () => {
    const { status, body } = await get('/common/v1/contacts/pc:nope');
    assert.equal(status, 404);
    assert.equal(body.errorCode, 'gw.api.rest.exceptions.NotFoundException');
    assert.equal(body.userMessage, 'No resource was found at path /common/v1/contacts/pc:nope');
    assert.equal((await call('PATCH', '/admin/v1/organizations/pc:9999', SEED_INCLUSION_BODY)).status, 404);
  });
});

describe('sandbox: Guidewire authentication and token endpoint', () => {
  const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(sb.apis.guidewire.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields) });

  beforeEach(() => sb.guidewire.setTokenLifetimeSeconds(3600));

  it('refuses requests without valid credentials with 401 in Guidewire\'s body', async () => {
    const none = await fetch(`${sb.apis.guidewire.baseUrl}/admin/v1/organizations`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as Json).status, 401);
    assert.equal((await get('/admin/v1/organizations', { Authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await get('/admin/v1/organizations', { Authorization: basicAuthHeader(sb.apis.guidewire.user, 'wrong') })).status, 401);
    assert.equal((await get('/admin/v1/organizations', { Authorization: basicAuthHeader(sb.apis.guidewire.user, sb.apis.guidewire.password) })).status, 200);
  });

  it('issues a working bearer token for client credentials in the body, with the lifetime knob as expires_in', async () => {
    sb.guidewire.setTokenLifetimeSeconds(90);
    const g = sb.apis.guidewire;
    const res = await tokenRequest({ grant_type: 'client_credentials', client_id: g.clientId, client_secret: g.clientSecret, scope: g.scopes });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Json;
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 90);
    assert.equal(body.scope, g.scopes);
    assert.equal((await get('/admin/v1/organizations', { Authorization: `Bearer ${body.access_token}` })).status, 200);
    sb.guidewire.revokeTokens();
    assert.equal((await get('/admin/v1/organizations', { Authorization: `Bearer ${body.access_token}` })).status, 401);
  });

  it('accepts the client in a Basic header and refuses a wrong secret with invalid_client', async () => {
    const g = sb.apis.guidewire;
    const viaHeader = await tokenRequest({ grant_type: 'client_credentials' }, { Authorization: basicAuthHeader(g.clientId, g.clientSecret) });
    assert.equal(viaHeader.status, 200);
    const wrong = await tokenRequest({ grant_type: 'client_credentials', client_id: g.clientId, client_secret: 'not-the-secret' });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as Json).error, 'invalid_client');
    const grant = await tokenRequest({ grant_type: 'password', client_id: g.clientId, client_secret: g.clientSecret });
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as Json).error, 'unsupported_grant_type');
  });

  it('keeps the client secret out of the request and write logs', async () => {
    const g = sb.apis.guidewire;
    await tokenRequest({ grant_type: 'client_credentials', client_id: g.clientId, client_secret: g.clientSecret });
    const logged = JSON.stringify([sb.requests, sb.writes]);
    assert.ok(logged.includes('client_credentials'), 'the token request is not in the log at all');
    assert.ok(!logged.includes(g.clientSecret));
  });
});

describe('sandbox: Guidewire under the traffic knobs', () => {
  it('answers throttling and injected faults in Guidewire\'s error body', async () => {
    sb.setMaxConcurrent(0);
    try {
      const throttled = await get('/admin/v1/organizations');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.body.errorCode, 'gw.api.rest.exceptions.TooManyRequestsException');
      assert.equal(throttled.headers.get('retry-after'), '60');
    } finally {
      sb.setMaxConcurrent(Infinity);
    }
    sb.setFault({ kind: '500', path: '^/admin/v1/organizations/pc:3$' });
    const failed = await get('/admin/v1/organizations/pc:3');
    assert.equal(failed.status, 500);
    assert.equal(failed.body.status, 500);
    assert.equal(typeof failed.body.userMessage, 'string');
    assert.equal((await get('/admin/v1/organizations/pc:3')).status, 200);
  });
});
