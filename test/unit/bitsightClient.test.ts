// The Bitsight client against the embedded sandbox, over real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { Redactor, silentLogger } from '../../src/core/redact';
import { BitsightProvider } from '../../src/providers/bitsight/client';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { tokenAuth } from './helpers/auth';

let sandbox: RunningSandbox;
const providerFor = (token: string, timeoutMs = 5000) =>
  new BitsightProvider({ baseUrl: sandbox.apis.bitsight.baseUrl, ...tokenAuth(token), logger: silentLogger, redactor: new Redactor(), timeoutMs });
let provider: BitsightProvider;

before(async () => {
  sandbox = await startSandbox({ companies: 120, seed: 7 });
  provider = providerFor(sandbox.apis.bitsight.token);
});
after(() => sandbox.close());

describe('BitsightProvider reads', () => {
  it('proves the token with the current user, and rejects a wrong one as auth', async () => {
    const me = await provider.whoAmI();
    assert.ok(me.displayName.length > 0);
    assert.match(me.email ?? '', /@/);
    await assert.rejects(providerFor('wrong-token').whoAmI(), (e: unknown) => e instanceof ApiError && e.kind === 'auth' && e.message === 'Invalid token.');
  });

  it('pages through the whole portfolio by links.next, in name order, without duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    let total: number | undefined;
    do {
      const page = await provider.listCompanies(cursor, 50);
      seen.push(...page.items.map((c) => c.name));
      total = page.total;
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(total, 120);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    assert.deepEqual(seen, [...seen].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('searches the portfolio on the server by partial name (name_q), the search kept in links.next', async () => {
    const all = sandbox.data.companies;
    const target = all[all.length - 1]!;
    const mark = sandbox.requests.length;
    const found = await provider.listCompanies(undefined, 50, undefined, { query: target.name.slice(1, -1) });
    assert.ok(found.items.some((c) => c.id === target.guid), `${target.name} found`);
    assert.equal(new URL(sandbox.requests[mark]!.path, 'http://x').searchParams.get('name_q'), target.name.slice(1, -1));
    const word = 'a';
    const expected = all.filter((c) => c.name.toLowerCase().includes(word)).length;
    const names: string[] = [];
    let cursor: string | undefined;
    let page = await provider.listCompanies(undefined, 10, undefined, { query: word });
    for (;;) {
      names.push(...page.items.map((c) => c.name));
      cursor = page.next;
      if (!cursor) break;
      page = await provider.listCompanies(cursor, 10);
    }
    assert.ok(expected > 10, 'the matches span pages');
    assert.equal(names.length, expected);
    assert.ok(names.every((n) => n.toLowerCase().includes(word)), 'later pages keep the search');
  });

  it('maps companies with a domain and a detail line', async () => {
    const { items } = await provider.listCompanies(undefined, 5);
    assert.equal(items.length, 5);
    for (const c of items) {
      assert.match(c.id, /^[0-9a-f-]{36}$/);
      assert.ok(c.primaryDomain && c.primaryDomain.includes('.'));
      assert.match(c.detail ?? '', /Rating \d{3}/);
    }
  });

  it('indexes the points of contact by company: on the company domain, marked primary', async () => {
    const facts = bitsightFacts(sandbox.data);
    const first = facts.companiesWithContact[0]!;
    const contacts = await provider.listContacts(first);
    assert.equal(contacts.length, 1);
    const domains = sandbox.data.companies.find((c) => c.guid === first)!.domains;
    assert.ok(domains.some((d) => contacts[0]!.email!.endsWith(`@${d}`)), `${contacts[0]!.email} not on ${domains.join(',')}`);
    assert.equal(contacts[0]!.isPrimary, true);
    assert.deepEqual(await provider.listContacts(facts.companyWithoutContact!), []);
  });

  it('fetches the contacts list once for many companies, until invalidated', async () => {
    const p = providerFor(sandbox.apis.bitsight.token);
    const before = sandbox.requestCount;
    const ids = sandbox.data.companies.slice(0, 10).map((c) => c.guid);
    await Promise.all(ids.map((id) => p.listContacts(id)));
    assert.equal(sandbox.requestCount - before, 1);
    p.invalidate();
    await p.listContacts(ids[0]!);
    assert.equal(sandbox.requestCount - before, 2);
  });

  it('lists users with roles, paged', async () => {
    const page = await provider.listUsers(undefined, 5);
    assert.equal(page.items.length, 5);
    assert.ok(page.next);
    assert.ok(page.items.every((u) => u.email.includes('@') && u.role));
  });

  it('reports a schema-violating answer as such, naming the field', async () => {
    sandbox.setFault({ kind: 'schema-violation', path: '/ratings/v2/portfolio' });
    await assert.rejects(provider.listCompanies(undefined, 10), (e: unknown) => e instanceof ApiError && e.kind === 'schema' && /^links\.next: Invalid input: expected string, received number/.test(e.message));
  });

  it('absorbs a throttling 429 on a read by waiting Retry-After', async () => {
    // The client's sleep is replaced so the test observes the wait instead of sitting through it;
    // 37 s is neither the client's one-minute default nor its cap, so only Retry-After explains it.
    const p = providerFor(sandbox.apis.bitsight.token);
    const waits: number[] = [];
    (p.http as unknown as { sleep: (ms: number) => Promise<void> }).sleep = async (ms) => {
      waits.push(ms);
    };
    sandbox.setRetryAfterSeconds(37);
    sandbox.setFault({ kind: '429', path: '/ratings/v2/users/current' });
    const before = sandbox.requestCount;
    try {
      const me = await p.whoAmI();
      assert.ok(me.displayName.length > 0);
    } finally {
      sandbox.setRetryAfterSeconds(60);
    }
    assert.deepEqual(waits, [37_000]);
    assert.equal(sandbox.requestCount - before, 2, 'one throttled request, one retry');
    assert.equal(p.http.concurrency, 2, "Bitsight's throttle policy sends one request fewer at a time after the 429 (3 → 2)");
  });
});

describe('BitsightProvider writes', () => {
  it('assigns a point of contact with the seed body, then edits it with PATCH', async () => {
    const facts = bitsightFacts(sandbox.data);
    const company = facts.companyWithoutContact!;
    const { domains } = await provider.companyDomains(company);
    assert.ok(domains.length >= 1);
    sandbox.clearWrites();
    await provider.assignContact({ company_guid: company, friendly_name: 'Diane', formal_name: 'Diane Jones', email: `diane@${domains[0]}`, phone_number: '555-555-5555' });
    assert.deepEqual(
      sandbox.writes.map((w) => [w.method, w.path, w.status]),
      [['POST', '/ratings/v1/portfolio/contacts', 201]],
    );
    assert.deepEqual(sandbox.writes[0]!.body, { company_guid: company, friendly_name: 'Diane', formal_name: 'Diane Jones', email: `diane@${domains[0]}`, phone_number: '555-555-5555' });
    const [poc] = await provider.pointsOfContact(company);
    assert.equal(poc!.formal_name, 'Diane Jones');
    await provider.updateContact(poc!.guid, { guid: poc!.guid, company_guid: company, friendly_name: 'Di', formal_name: 'Diane Jones', email: `di@${domains[0]}` });
    assert.equal(sandbox.writes[1]!.method, 'PATCH');
    assert.equal((await provider.listContacts(company))[0]!.email, `di@${domains[0]}`);
  });

  it('a foreign e-mail domain comes back on the email field', async () => {
    const company = bitsightFacts(sandbox.data).companiesWithContact[1]!;
    const [poc] = await provider.pointsOfContact(company);
    await assert.rejects(
      provider.updateContact(poc!.guid, { guid: poc!.guid, company_guid: company, friendly_name: 'X', formal_name: 'X Y', email: 'x@gmail.com' }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && e.field === 'email',
    );
  });

  it('invites wrapped in vendor_access_request and never repeats the POST on 429', async () => {
    const company = bitsightFacts(sandbox.data).companiesWithContact[0]!;
    sandbox.clearWrites();
    sandbox.setFault({ kind: '429', path: '/ratings/v1/access-requests', method: 'POST' });
    await assert.rejects(provider.invite({ requestee_company_guid: company, requestee_friendly_name: '', requestee_formal_name: '', requestee_email: '', trial_duration: 30, reason: 'other' }), (e: unknown) => e instanceof ApiError && e.status === 429);
    const sent = await provider.invite({ requestee_company_guid: company, requestee_friendly_name: '', requestee_formal_name: '', requestee_email: '', trial_duration: 30, reason: 'informational' });
    assert.match(sent.guid, /^[0-9a-f-]{36}$/);
    const posts = sandbox.writes.filter((w) => w.method === 'POST');
    assert.equal(posts.filter((w) => w.status === 201).length, 1);
    assert.ok('vendor_access_request' in (posts.at(-1)!.body as object));
    const outbox = await provider.outbox(company);
    assert.ok(outbox.some((r) => r.guid === sent.guid));
    const invitations = await provider.listInvitations();
    assert.ok(invitations.some((i) => i.id === sent.guid && i.companyId === company));
  });

  it('the documented invite errors arrive with the API text', async () => {
    const facts = bitsightFacts(sandbox.data);
    const base = { requestee_friendly_name: '', requestee_formal_name: '', requestee_email: '', trial_duration: 30, reason: 'other' as const };
    const expectMessage = async (body: object, message: string) =>
      assert.rejects(provider.invite({ ...base, ...body } as never), (e: unknown) => e instanceof ApiError && e.status === 400 && e.message === message);
    await expectMessage({ requestee_company_guid: facts.myCompanyGuid }, 'It is not possible to send an access request to yourself');
    await expectMessage({ requestee_company_guid: facts.uninvitableCompany }, 'The entity cannot be used for vendor access requests');
    await expectMessage({ requestee_company_guid: facts.companiesWithContact[0], requestee_formal_name: 'A B', requestee_friendly_name: 'A', requestee_email: 'a@gmail.com' }, 'The requestee email domain is unrelated to the entity');
    await expectMessage({ requestee_company_guid: facts.companiesWithContact[0], ccs: `${'a'.repeat(1020)}@b.co` }, 'It is not possible to send an access request with combined string of cc emails larger than 1023 characters');
  });

  it('edits a user with a flat partial body; a non-admin token gets 403', async () => {
    const facts = bitsightFacts(sandbox.data);
    const users = await provider.listUsers(undefined, 50);
    const target = users.items.find((u) => u.id !== facts.currentUserGuid && !u.isCompanyApiToken)!;
    const groups = await provider.accessGroups();
    const detail = await provider.user(target.id);
    const other = groups.groups.find((g) => g.guid !== detail.group?.guid)!;
    sandbox.clearWrites();
    await provider.editUser(target.id, { group: other.guid, roles: [{ slug: 'customer_user' }] });
    assert.deepEqual(sandbox.writes[0]!.body, { group: other.guid, roles: [{ slug: 'customer_user' }] });
    assert.equal((await provider.user(target.id)).group?.guid, other.guid);
    const viewer = providerFor(sandbox.apis.bitsight.viewerToken);
    await assert.rejects(viewer.editUser(target.id, { friendly_name: 'Nope' }), (e: unknown) => e instanceof ApiError && e.status === 403);
  });
});
