// The Guidewire provider against the sandbox over real HTTP: envelopes and paging, literal ids,
// a fresh X-Correlation-ID per request, the create-contact form (seed 004's inclusion body key by
// key, Person/Company rules, checksum conflict, transaction replay, error mapping), set primary,
// and client-credentials renewal shared by concurrent requests without secrets in logs or errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { FormStaleError, memorySlot, type FormHandler, type InDoubtSlot, type SubmitContext } from '../../src/core/forms';
import { Redactor, redactingLogger } from '../../src/core/redact';
import type { FormValues } from '../../src/protocol/forms';
import { authHttp } from '../../src/connections/authHttp';
import { CredentialSession } from '../../src/connections/session';
import { PROVIDERS } from '../../src/providers';
import { guidewireClientCredentials } from '../../src/providers/guidewire/auth';
import { GuidewireProvider } from '../../src/providers/guidewire/client';
import { parseGuidewireError } from '../../src/providers/guidewire/errors';
import { formFieldOf, STATE_SOURCE } from '../../src/providers/guidewire/forms';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { countingEffects, formHarness, recordingLogger } from './helpers/faultKit';
import { SEED_INCLUSION_BODY } from './helpers/guidewireSeed';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- request bodies are compared field by field

let sb: RunningSandbox;


const SARAH: FormValues = {
  subtype: 'Person', firstName: 'Sarah', lastName: 'Baker', companyName: '', emailAddress1: '', workPhone: '',
  addressLine1: '123 Hillsdale Blvd', addressLine2: '', city: 'San Mateo', state: 'CA', postalCode: '94403', country: '', makePrimary: true,
};

interface Sent { method: string; url: string; headers: Record<string, string>; body?: string }

/** A provider on the sandbox whose outgoing requests are recorded (headers included) by wrapping the client's fetch. */
function kit(opts: { authorize?: () => Promise<Record<string, string>>; onUnauthorized?: (sent: Record<string, string>) => Promise<boolean>; redactor?: Redactor; timeoutMs?: number } = {}) {
  const redactor = opts.redactor ?? new Redactor();
  redactor.add(sb.apis.guidewire.token);
  const log = recordingLogger();
  const provider = new GuidewireProvider({
    baseUrl: sb.apis.guidewire.baseUrl,
    authorize: opts.authorize ?? (async () => ({ Authorization: `Bearer ${sb.apis.guidewire.token}` })),
    onUnauthorized: opts.onUnauthorized ?? (async () => false),
    logger: redactingLogger(log, redactor),
    redactor,
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const http = provider.http as unknown as { fetchImpl: (url: string, init: Json) => Promise<unknown> };
  assert.equal(typeof http.fetchImpl, 'function', 'HttpClient no longer has a private `fetchImpl`: update this kit');
  const inner = http.fetchImpl;
  const sent: Sent[] = [];
  http.fetchImpl = (url, init) => {
    sent.push({ method: init.method, url, headers: { ...init.headers }, body: init.body });
    return inner(url, init);
  };
  return { provider, sent, log, redactor };
}

function ctx(requestId: string, inDoubt?: InDoubtSlot): SubmitContext {
  return { signal: new AbortController().signal, requestId, post: () => undefined, ...(inDoubt ? { inDoubt } : {}) };
}

const since = () => sb.requests.length;
const requestsFrom = (start: number, method?: string) => sb.requests.slice(start).filter((r) => r.api === 'guidewire' && (!method || r.method === method));

async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(sb.apis.guidewire.baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${sb.apis.guidewire.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

async function openForm(provider: GuidewireProvider, orgId: string): Promise<FormHandler> {
  const company = (await provider.listCompanies(undefined, 100)).items.find((c) => c.id === orgId);
  assert.ok(company, `${orgId} is listed`);
  return provider.forms.createContacts!(company, countingEffects().effects);
}

/** Every leaf of `o` as "a.b.c" → value. */
function leaves(o: unknown, at = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) for (const [p, x] of leaves(v, at ? `${at}.${k}` : k)) out.set(p, x);
  } else out.set(at, o);
  return out;
}

before(async () => {
  sb = await startSandbox({ companies: 60, seed: 11 });
});
after(() => sb.close());

describe('Guidewire provider: descriptor and reads', () => {
  it('is registered with its schemes, an example tenant URL ending in /pc/rest, and Guidewire\'s words', async () => {
    const d = PROVIDERS.guidewire!;
    assert.equal(d.label, 'Guidewire');
    assert.match(d.defaultBaseUrl, /^https:\/\/.+\/pc\/rest$/);
    assert.deepEqual(d.authSchemes.map((s) => s.id), ['bearer', 'clientCredentials', 'basic']);
    const { provider } = kit();
    assert.equal(provider.labels.companies, 'Organizations');
    assert.equal(provider.labels.primaryContact, 'primary contact');
    assert.equal(provider.capabilities.companyUsers, true);
    assert.equal(provider.capabilities.setPrimary, true);
  });

  it('pages organizations to the end by links.next.href without duplicates, includeTotal on the first page only', async () => {
    const { provider } = kit();
    const start = since();
    const ids: string[] = [];
    let page = await provider.listCompanies(undefined, 7);
    const total = page.total;
    ids.push(...page.items.map((c) => c.id));
    let pages = 1;
    while (page.next) {
      page = await provider.listCompanies(page.next, 7);
      ids.push(...page.items.map((c) => c.id));
      pages++;
    }
    assert.equal(total, sb.guidewire.data.organizations.length);
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, ids.length, 'no organization twice');
    assert.ok(pages >= 9, `${pages} pages of 7`);
    const paths = requestsFrom(start, 'GET').map((r) => r.path);
    assert.equal(paths.length, pages);
    assert.equal(paths.filter((p) => p.includes('includeTotal=true')).length, 1);
    assert.ok(paths[0]!.includes('includeTotal=true'));
    assert.ok(paths.every((p) => p.includes('pageSize=7')), paths.join('\n'));
  });

  it('asks for at most 100 a page, maps the organization type to kind, and searches by name with filter=name:cn:', async () => {
    const { provider } = kit();
    const start = since();
    const all = await provider.listCompanies(undefined, 500);
    assert.match(requestsFrom(start)[0]!.path, /pageSize=100(&|$)/);
    const insurer = all.items.find((c) => c.id === 'systemTables:1');
    assert.equal(insurer?.kind, 'Insurer');
    assert.equal(all.items.find((c) => c.id === 'pc:1')?.kind, 'Agency');
    const word = insurer!.name.split(' ')[0]!.toLowerCase();
    const s2 = since();
    const found = await provider.listCompanies(undefined, 25, undefined, { query: word.toUpperCase() });
    assert.ok(found.items.length >= 1);
    assert.ok(found.items.every((c) => c.name.toLowerCase().includes(word)));
    assert.ok(found.items.length < all.items.length);
    assert.match(requestsFrom(s2)[0]!.path, new RegExp(`filter=name:cn:${word.toUpperCase()}`));
  });

  it('puts ids into paths literally (pc:5, not pc%3A5) and shows the inline contact as primary, its addresses with the primary marked', async () => {
    const { provider } = kit();
    const start = since();
    const contacts = await provider.listContacts('pc:5');
    assert.equal(contacts.length, 1);
    assert.equal(contacts[0]!.isPrimary, true);
    assert.equal(contacts[0]!.companyId, 'pc:5');
    const details = await provider.listContactDetails(contacts[0]!);
    assert.ok(details.length >= 1);
    assert.equal(details.filter((d) => d.isPrimary).length, 1);
    const paths = requestsFrom(start).map((r) => r.path);
    assert.deepEqual(paths, ['/admin/v1/organizations/pc:5', `/common/v1/contacts/${contacts[0]!.id}/addresses`]);
    assert.ok(contacts[0]!.id.includes(':'));
    assert.ok(paths.every((p) => !/%3A/i.test(p)));
  });

  it('lists the organization\'s users (filter=organization:eq:) and nobody else\'s', async () => {
    const { provider } = kit();
    const users = await provider.listCompanyUsers('pc:6');
    const expected = sb.guidewire.data.users.filter((u) => u.organizationId === 'pc:6').map((u) => u.id).sort();
    assert.ok(expected.length >= 1);
    assert.deepEqual(users.map((u) => u.id).sort(), expected);
    assert.ok(users.every((u) => u.companyId === 'pc:6'));
  });

  it('sends a fresh X-Correlation-ID with every request, JSON Accept/Content-Type, and logs it with the request line', async () => {
    const { provider, sent, log } = kit();
    await provider.listCompanies(undefined, 5);
    await provider.listContacts('pc:2');
    await provider.whoAmI();
    assert.equal(sent.length, 3);
    const ids = sent.map((s) => s.headers['X-Correlation-ID']);
    assert.ok(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? '')), ids.join(','));
    assert.equal(new Set(ids).size, 3);
    assert.ok(sent.every((s) => s.headers.Accept === 'application/json' && s.headers['Content-Type'] === 'application/json'));
    for (const id of ids) assert.ok(log.lines.some((l) => l.message.includes(`X-Correlation-ID ${id}`)), `logged: ${id}`);
  });
});

describe('Guidewire provider: create contact (seed 004)', () => {
  it('sends ONE PATCH exactly in the seed\'s inclusion shape, key by key, with the checksum as read and GW-DBTransaction-ID = the request id', async () => {
    const { provider, sent } = kit();
    const handler = await openForm(provider, 'pc:5');
    const checksum = (await raw('GET', '/admin/v1/organizations/pc:5')).body.data.checksum;
    const start = since();
    const ok = await handler.submit(SARAH, ctx('req-seed-1'));
    assert.match(ok.message, /Sarah Baker .*primary contact/);
    const writes = requestsFrom(start).filter((r) => r.method !== 'GET');
    assert.equal(writes.length, 1);
    assert.equal(writes[0]!.method, 'PATCH');
    assert.equal(writes[0]!.path, '/admin/v1/organizations/pc:5');
    const body = writes[0]!.body as Json;
    assert.equal(body.data.checksum, checksum);
    const got = leaves({ ...body, data: { attributes: body.data.attributes } });
    const want = leaves(SEED_INCLUSION_BODY);
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
    for (const [k, v] of want) assert.equal(got.get(k), v, k);
    const patch = sent.find((s) => s.method === 'PATCH')!;
    assert.equal(patch.headers['GW-DBTransaction-ID'], 'req-seed-1');
    assert.equal((await provider.listContacts('pc:5'))[0]!.name, 'Sarah Baker');
  });

  it('states the Person/Company rules in the field specs and sends only the chosen subtype\'s name fields', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:2');
    const spec = handler.spec();
    const field = (n: string) => spec.fields.find((f) => f.name === n)!;
    assert.deepEqual(field('subtype').options!.map((o) => o.value), ['Person', 'Company']);
    for (const n of ['firstName', 'lastName']) {
      assert.deepEqual(field(n).visibleWhen, { field: 'subtype', equals: 'Person' });
      assert.deepEqual(field(n).requiredWhen, { field: 'subtype', equals: 'Person' });
    }
    assert.deepEqual(field('companyName').visibleWhen, { field: 'subtype', equals: 'Company' });
    assert.deepEqual(field('companyName').requiredWhen, { field: 'subtype', equals: 'Company' });
    for (const n of ['addressLine1', 'city', 'state', 'postalCode']) assert.equal(field(n).required, true, n);
    for (const n of ['emailAddress1', 'workPhone', 'addressLine2', 'country']) assert.ok(!field(n).required && !field(n).requiredWhen, n);
    assert.equal(field('state').optionsSource, STATE_SOURCE);
    assert.equal(field('makePrimary').kind, 'checkbox');
    assert.equal(spec.values.makePrimary, true);
    assert.match(field('makePrimary').label, /^Make it the primary contact of .+/);
    const states = await handler.options!(STATE_SOURCE, new AbortController().signal);
    assert.ok(states.some((s) => s.value === 'CA' && s.label === 'California'));

    const start = since();
    await handler.submit({ ...SARAH, subtype: 'Company', companyName: 'Baker Brokers', firstName: 'Left', lastName: 'Over', emailAddress1: 'desk@baker.example', workPhone: '650-555-0101', country: 'US' }, ctx('req-company-1'));
    const attrs = (requestsFrom(start, 'PATCH')[0]!.body as Json).included.Contact[0].attributes;
    assert.equal(attrs.companyName, 'Baker Brokers');
    assert.equal(attrs.firstName, undefined);
    assert.equal(attrs.lastName, undefined);
    assert.deepEqual(attrs.subtype, { code: 'Company' });
    assert.deepEqual(attrs.workPhone, { number: '650-555-0101' });
    assert.equal(attrs.emailAddress1, 'desk@baker.example');
    assert.equal(attrs.primaryAddress.country, 'US');
  });

  it('unchecked "Make it the primary contact" POSTs /common/v1/contacts and leaves the organization alone', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:3');
    const before = (await raw('GET', '/admin/v1/organizations/pc:3')).body.data;
    const start = since();
    const ok = await handler.submit({ ...SARAH, firstName: 'Noah', makePrimary: false }, ctx('req-post-1'));
    assert.match(ok.message, /Noah Baker was created/);
    assert.deepEqual(requestsFrom(start).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`), ['POST /common/v1/contacts']);
    assert.deepEqual((await raw('GET', '/admin/v1/organizations/pc:3')).body.data, before);
  });

  it('a checksum conflict reloads the organization and throws FormStaleError; sending again succeeds with the new checksum', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:9');
    const changed = await raw('PATCH', '/admin/v1/organizations/pc:9', { data: { attributes: { name: 'Changed Behind The Form' } } });
    assert.equal(changed.status, 200);
    const contacts = sb.guidewire.data.contacts.length;
    await assert.rejects(handler.submit(SARAH, ctx('req-stale-1')), (e: unknown) => {
      assert.ok(e instanceof FormStaleError, String(e));
      assert.equal(e.message, 'Someone else changed Changed Behind The Form since you opened this form; it was reloaded. Check and send again.');
      return true;
    });
    assert.equal(sb.guidewire.data.contacts.length, contacts, 'nothing written');
    assert.match(handler.spec().title, /Changed Behind The Form/);
    const start = since();
    const ok = await handler.submit(SARAH, ctx('req-stale-2'));
    assert.match(ok.message, /primary contact of Changed Behind The Form/);
    assert.equal((requestsFrom(start, 'PATCH')[0]!.body as Json).data.checksum, changed.body.data.checksum);
    assert.equal(sb.guidewire.data.contacts.length, contacts + 1);
  });

  it('a resend answered AlreadyExecutedException re-reads and reports "already done", with no second write', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:4');
    await handler.submit({ ...SARAH, firstName: 'Replay' }, ctx('req-replay-1'));
    const contacts = sb.guidewire.data.contacts.length;
    const start = since();
    const again = await handler.submit({ ...SARAH, firstName: 'Replay' }, ctx('req-replay-1'));
    assert.match(again.message, /^Already done: .*Replay Baker/);
    assert.equal(sb.guidewire.data.contacts.length, contacts);
    const seen = requestsFrom(start);
    assert.deepEqual(seen.map((r) => `${r.method} ${r.path}`), ['PATCH /admin/v1/organizations/pc:4', 'GET /admin/v1/organizations/pc:4']);

    await handler.submit({ ...SARAH, firstName: 'Solo', makePrimary: false }, ctx('req-replay-2'));
    const n = sb.guidewire.data.contacts.length;
    const solo = await handler.submit({ ...SARAH, firstName: 'Solo', makePrimary: false }, ctx('req-replay-2'));
    assert.match(solo.message, /^Already done/);
    assert.equal(sb.guidewire.data.contacts.length, n);
  });

  it('maps details[].fieldName onto the form fields (primaryAddress.city → city, state.code → state) and logs developerMessage', async () => {
    const { provider, log } = kit();
    const handler = await openForm(provider, 'pc:7');
    const error = await handler.submit({ ...SARAH, lastName: ' ', city: ' ', state: 'XX' }, ctx('req-bad-1')).then(
      () => assert.fail('the server refuses it'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'gw.api.rest.exceptions.BadInputException');
    const placed = handler.placeError!(error)!;
    assert.deepEqual(Object.keys(placed.fieldErrors).sort(), ['city', 'lastName', 'state']);
    assert.match(placed.message, /^Guidewire refused the contact for .+\. Last name: A value is required State: .+ City: A value is required$/, 'the banner names each field');
    assert.equal(placed.details, error.message, 'Guidewire’s userMessage on the details line');
    assert.ok(log.lines.some((l) => l.level === 'debug' && l.message.includes(`400: ${error.message}`)), 'developerMessage logged');
    assert.equal(formFieldOf('included.Contact[0].attributes.primaryAddress.postalCode'), 'postalCode');
    assert.equal(formFieldOf('workPhone.number'), 'workPhone');
    assert.equal(formFieldOf('__proto__'), undefined);
  });
});

describe('Guidewire provider: a create whose answer was lost (issue 7)', () => {
  const cases = [
    { via: 'POST /common/v1/contacts', makePrimary: false, method: 'POST', path: '/common/v1/contacts$' },
    { via: 'the inclusion PATCH', makePrimary: true, method: 'PATCH', path: '/admin/v1/organizations/pc:' },
  ] as const;
  for (const c of cases) {
    for (const fault of ['reset', 'timeout'] as const) {
      it(`${c.via}, answer lost by a ${fault} after processing: the resubmit reuses the transaction id and exactly one contact is created`, async () => {
        const { provider, sent } = kit({ timeoutMs: fault === 'timeout' ? 400 : 10_000 });
        const handler = await openForm(provider, 'pc:7');
        const values = { ...SARAH, firstName: `Lost${c.method}${fault}`, makePrimary: c.makePrimary };
        const created = () => sb.guidewire.data.contacts.filter((x) => x.firstName === values.firstName).length;
        sb.setFault({ kind: fault, method: c.method, path: c.path, afterProcessing: true });
        await assert.rejects(handler.submit(values, ctx(`req-lost-${c.method}-${fault}-1`)));
        sb.clearFaults();
        assert.equal(created(), 1, 'the first send landed');
        const again = await handler.submit(values, ctx(`req-lost-${c.method}-${fault}-2`));
        assert.match(again.message, /^Already done/);
        assert.equal(created(), 1, 'no second contact');
        const ids = sent.filter((r) => r.method === c.method).map((r) => r.headers['GW-DBTransaction-ID']);
        assert.equal(ids.length, 2);
        assert.equal(ids[1], ids[0], 'the resubmit carries the first attempt\'s transaction id');
      });
    }
  }

  it('a form rebuilt between the lost answer and the resubmit still reuses the transaction id (the record is in the host\'s slot)', async () => {
    const { provider } = kit();
    const slot = memorySlot();
    const values = { ...SARAH, firstName: 'Rebuilt', makePrimary: false };
    sb.setFault({ kind: 'reset', method: 'POST', path: '/common/v1/contacts$', afterProcessing: true });
    await assert.rejects((await openForm(provider, 'pc:8')).submit(values, ctx('req-rebuilt-1', slot)));
    sb.clearFaults();
    const again = await (await openForm(kit().provider, 'pc:8')).submit(values, ctx('req-rebuilt-2', slot));
    assert.match(again.message, /^Already done/);
    assert.equal(sb.guidewire.data.contacts.filter((x) => x.firstName === 'Rebuilt').length, 1);
  });

  it('changed content after a lost answer gets a new transaction id (it is another contact)', async () => {
    const { provider, sent } = kit();
    const handler = await openForm(provider, 'pc:9');
    sb.setFault({ kind: 'reset', method: 'POST', path: '/common/v1/contacts$', afterProcessing: true });
    await assert.rejects(handler.submit({ ...SARAH, firstName: 'First', makePrimary: false }, ctx('req-changed-1')));
    sb.clearFaults();
    const ok = await handler.submit({ ...SARAH, firstName: 'Second', makePrimary: false }, ctx('req-changed-2'));
    assert.match(ok.message, /was created/);
    const ids = sent.filter((r) => r.method === 'POST').map((r) => r.headers['GW-DBTransaction-ID']);
    assert.notEqual(ids[1], ids[0]);
  });

  it('another contact sent in between does not make the one in doubt forget its transaction id', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:11');
    const lost = { ...SARAH, firstName: 'Doubted', makePrimary: false };
    sb.setFault({ kind: 'reset', method: 'POST', path: '/common/v1/contacts$', afterProcessing: true });
    await assert.rejects(handler.submit(lost, ctx('req-between-1')));
    sb.clearFaults();
    assert.match((await handler.submit({ ...lost, firstName: 'Between' }, ctx('req-between-2'))).message, /was created/);
    assert.match((await handler.submit(lost, ctx('req-between-3'))).message, /^Already done/);
    assert.equal(sb.guidewire.data.contacts.filter((x) => x.firstName === 'Doubted').length, 1);
  });

  it('a 409 right after a lost inclusion PATCH whose contact is now primary says the earlier attempt landed, not "someone else changed it"', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:10');
    const values = { ...SARAH, firstName: 'Landed409' };
    sb.setFault({ kind: 'reset', method: 'PATCH', path: '/admin/v1/organizations/pc:10$', afterProcessing: true });
    await assert.rejects(handler.submit(values, ctx('req-409-1')));
    sb.clearFaults();
    // The same contact typed again with one more detail: a new transaction id, the old checksum.
    const ok = await handler.submit({ ...values, workPhone: '650-555-0199' }, ctx('req-409-2'));
    assert.match(ok.message, /^The earlier attempt reached Guidewire: Landed409 Baker is the primary contact/);
    assert.equal(sb.guidewire.data.contacts.filter((x) => x.firstName === 'Landed409').length, 1);
  });
});

describe('Guidewire provider: the form through the FormController', () => {
  it('a refusal the form cannot foresee (an unknown State code) comes back on the state field, the banner naming the field, with Guidewire\'s userMessage as details', async () => {
    const { provider } = kit();
    const handler = await openForm(provider, 'pc:8');
    const harness = formHarness(handler);
    const result = await harness.submit({ ...SARAH, state: 'XX' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && /not a valid typecode/.test(result.fieldErrors.state ?? ''), JSON.stringify(result));
    assert.ok(!result.ok && /^Guidewire refused the contact for .+\. State: 'XX' is not a valid typecode/.test(result.message), JSON.stringify(result));
    assert.ok(!result.ok && result.details === 'The request contained invalid data', JSON.stringify(result));
    const sent = await harness.submit({ ...SARAH, firstName: 'Harness' });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    assert.equal((await provider.listContacts('pc:8'))[0]!.name, 'Harness Baker');
  });
});

describe('Guidewire provider: error body and set primary', () => {
  it('parses the documented error body: userMessage shown, errorCode, details by fieldName, developerMessage apart, checksum detail = conflict', () => {
    const body = JSON.stringify({
      status: 400,
      errorCode: 'gw.api.rest.exceptions.BadInputException',
      userMessage: 'Cannot add it',
      developerMessage: 'stack-ish developer text',
      details: [{ fieldName: 'primaryAddress.city', message: 'A value is required' }, { fieldName: '__proto__', message: 'odd' }, { message: 'general' }, { message: 'checksum', properties: { currentChecksum: '2' } }],
    });
    const p = parseGuidewireError(400, body, 'application/json');
    assert.equal(p.message, 'Cannot add it');
    assert.equal(p.code, 'gw.api.rest.exceptions.BadInputException');
    assert.equal(p.developerMessage, 'stack-ish developer text');
    assert.deepEqual(p.fieldErrors!['primaryAddress.city'], ['A value is required']);
    assert.deepEqual(p.fieldErrors!['__proto__'], ['odd']);
    assert.equal(p.details!.length, 4);
    assert.equal(p.conflict, true);
    assert.equal(parseGuidewireError(400, JSON.stringify({ status: 400, errorCode: 'x', userMessage: 'y' }), 'application/json').conflict, undefined);
    assert.equal(parseGuidewireError(409, JSON.stringify({ status: 409, errorCode: 'x', userMessage: 'y' }), 'application/json').conflict, true);
    assert.match(parseGuidewireError(502, '<html>bad gateway</html>', 'text/html').message, /HTML/);
  });

  it('offers the primary contact, the organization\'s user contacts and name-search hits, and re-points the primary contact with the checksum as read', async () => {
    const { provider, sent } = kit();
    const company = (await provider.listCompanies(undefined, 100)).items.find((c) => c.id === 'pc:6')!;
    const userContacts = sb.guidewire.data.users.filter((u) => u.organizationId === 'pc:6').map((u) => u.contactId);
    const candidates = await provider.listPrimaryCandidates(company, '');
    assert.equal(candidates.filter((c) => c.source === 'contact').length, 1);
    assert.deepEqual(candidates.filter((c) => c.source === 'user').map((c) => c.id).sort(), [...userContacts].sort());
    const person = sb.guidewire.data.contacts.find((c) => c.subtype === 'Person' && c.userOrganizationId === undefined && c.firstName && c.lastName)!;
    const hits = await provider.listPrimaryCandidates(company, `${person.firstName} ${person.lastName}`);
    assert.ok(hits.some((c) => c.id === person.id && c.source === 'search'), JSON.stringify(hits));

    const checksum = (await raw('GET', '/admin/v1/organizations/pc:6')).body.data.checksum;
    const target = candidates.find((c) => c.source === 'user')!;
    const start = since();
    await provider.setPrimaryContact(company, target);
    const patch = requestsFrom(start, 'PATCH');
    assert.equal(patch.length, 1);
    assert.deepEqual(patch[0]!.body, { data: { attributes: { primaryContactReference: { id: target.id } }, checksum } });
    assert.match(sent.filter((s) => s.method === 'PATCH')[0]!.headers['GW-DBTransaction-ID'] ?? '', /^[0-9a-f-]{36}$/);
    assert.equal((await provider.listContacts('pc:6'))[0]!.id, target.id);

    // Changed behind our back: the PATCH is refused as a conflict, the organization reloaded, and the next try goes through.
    const other = candidates.find((c) => c.source === 'contact')!;
    assert.equal((await raw('PATCH', '/admin/v1/organizations/pc:6', { data: { attributes: { name: 'Renamed Meanwhile' } } })).status, 200);
    await assert.rejects(provider.setPrimaryContact(company, other), (e: unknown) => e instanceof ApiError && e.kind === 'conflict' && e.status === 409);
    assert.equal((await provider.listContacts('pc:6'))[0]!.id, target.id, 'nothing written');
    await provider.setPrimaryContact(company, other);
    assert.equal((await provider.listContacts('pc:6'))[0]!.id, other.id);
  });
});

describe('Guidewire provider: OAuth client credentials', () => {
  it('ten concurrent requests meeting an expired token share one token request; after a revoke, ten 401s share one more; no secret or token in logs or errors', async () => {
    const redactor = new Redactor();
    const authLog = recordingLogger();
    const logger = redactingLogger(authLog, redactor);
    const gw = sb.apis.guidewire;
    const session = new CredentialSession({
      scheme: guidewireClientCredentials,
      record: { scheme: 'clientCredentials', values: { clientSecret: gw.clientSecret }, tokens: { accessToken: 'expired-token-value' }, expiresAt: Date.now() - 1000 },
      settings: { tokenUrl: gw.tokenUrl, clientId: gw.clientId, scopes: gw.scopes },
      http: authHttp(gw.baseUrl, { logger, redactor, timeoutMs: 10_000 }),
      save: async () => undefined,
      redactor,
      logger,
      onSignedOut: () => assert.fail('the renewal must succeed'),
    });
    const { provider, log, sent } = kit({ authorize: () => session.authorize(), onUnauthorized: (s) => session.onUnauthorized(s), redactor });
    const issued = sb.guidewire.tokensIssued;
    const first = await Promise.all(Array.from({ length: 10 }, () => provider.listContacts('pc:1')));
    assert.equal(first.length, 10);
    assert.equal(sb.guidewire.tokensIssued, issued + 1);

    sb.guidewire.revokeTokens();
    const s = since();
    await Promise.all(Array.from({ length: 10 }, () => provider.listContacts('pc:2')));
    assert.equal(sb.guidewire.tokensIssued, issued + 2);
    assert.ok(requestsFrom(s).length > 10, 'the 401s were answered and retried');

    const token = session.current.tokens!.accessToken!;
    sb.setFault({ kind: 'echo-credentials', method: 'GET', path: '/admin/v1/organizations/pc:3', status: 400, times: 1 });
    const echoed = await provider.listContacts('pc:3').then(() => assert.fail('faulted'), (e: unknown) => e as ApiError);
    sb.clearFaults();
    assert.equal(echoed.status, 400);
    const texts = [...log.lines, ...authLog.lines].map((l) => l.message).join('\n') + JSON.stringify({ message: echoed.message, fields: echoed.fieldErrors, details: echoed.details, stack: echoed.stack });
    assert.ok(sent.length >= 21);
    for (const secret of [gw.clientSecret, token, 'expired-token-value']) assert.ok(!texts.includes(secret), `${secret.slice(0, 4)}… leaked`);
  });
});
