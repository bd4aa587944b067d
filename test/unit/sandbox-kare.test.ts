// The embedded sandbox's Kare API over real HTTP on 127.0.0.1: sign-in and renewal, the two
// required headers, paging, seeded data, and every contact rule of seed 003 at its edges.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { contactsOf } from '../../src/sandbox/kare/data.js';
import { generateKareData } from '../../src/sandbox/kare/seed.js';
import { KARE_EMAIL_PATTERN } from '../../src/sandbox/kare/validation.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

interface Tokens {
  accessToken: string;
  sessionToken: string;
}

interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

function kare(sb: RunningSandbox, tokens: Tokens = sb.apis.kare) {
  const headers = (extra: Record<string, string> = {}) => ({
    Authorization: `Bearer ${tokens.accessToken}`,
    'X-Session-Token': tokens.sessionToken,
    'Content-Type': 'application/json',
    ...extra,
  });
  const call = async (method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<Answer> => {
    const init: RequestInit = { method, headers: headers(extra) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(sb.apis.kare.baseUrl + path, init);
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
  };
  return {
    get: (path: string, extra?: Record<string, string>) => call('GET', path, undefined, extra),
    post: (path: string, body: unknown, extra?: Record<string, string>) => call('POST', path, body, extra),
    patch: (path: string, body: unknown, extra?: Record<string, string>) => call('PATCH', path, body, extra),
  };
}

async function post(url: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const login = (sb: RunningSandbox, email = sb.apis.kare.email, password = sb.apis.kare.password) =>
  post(`${sb.apis.kare.baseUrl}/auth/v1/rs/login/credentials`, { email, password });

const refresh = (sb: RunningSandbox, refreshToken: string) => post(`${sb.apis.kare.baseUrl}/auth/v1/bo/token/refresh`, { refreshToken });

const row = (over: Record<string, unknown> = {}) => ({ name: 'Jeanne Martin', notify: false, ...over });

describe('sandbox kare: sign-in and renewal', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 8 })));
  after(() => sb.close());

  it('logs in with e-mail and password: 201 {data:{accessToken,refreshToken,sessionToken}} that work', async () => {
    const res = await login(sb);
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['data']);
    assert.deepEqual(Object.keys(res.body.data).sort(), ['accessToken', 'refreshToken', 'sessionToken']);
    const tokens = res.body.data as Tokens;
    assert.notEqual(tokens.accessToken, sb.apis.kare.accessToken);
    assert.equal((await kare(sb, tokens).get('/companies/v2/rs')).status, 200);
  });

  it('accepts the e-mail in another case and refuses a wrong password with 401 and a message', async () => {
    assert.equal((await login(sb, sb.apis.kare.email.toUpperCase())).status, 201);
    const wrong = await login(sb, sb.apis.kare.email, 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(typeof wrong.body.message, 'string');
    assert.equal(wrong.body.data, undefined);
  });

  it('refuses a login body that breaks the documented rules (password 6–100, e-mail pattern) with 400', async () => {
    const short = await login(sb, sb.apis.kare.email, '12345');
    assert.equal(short.status, 400);
    assert.equal(short.body.errors[0].path, 'password');
    const badEmail = await login(sb, 'gestion@residences', sb.apis.kare.password);
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.errors[0].path, 'email');
  });

  it('never keeps the password or the refresh token in the request and write logs', async () => {
    sb.clearRequests();
    sb.clearWrites();
    await login(sb);
    await refresh(sb, sb.apis.kare.refreshToken);
    const logged = JSON.stringify([sb.requests, sb.writes]);
    assert.equal(sb.requests.length, 2);
    assert.ok(!logged.includes(sb.apis.kare.password), 'password logged');
    assert.ok(!logged.includes(sb.apis.kare.refreshToken), 'refresh token logged');
    assert.match(logged, /\[redacted\]/);
  });

  it('refreshes with the refresh token: 201 bare {accessToken,sessionToken}; the old pair keeps working until it expires', async () => {
    const res = await refresh(sb, sb.apis.kare.refreshToken);
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['accessToken', 'sessionToken']);
    assert.equal((await kare(sb, res.body).get('/companies/v2/rs')).status, 200);
    assert.equal((await kare(sb).get('/companies/v2/rs')).status, 200, 'requests in flight with the old pair must not fail');
    const again = await refresh(sb, sb.apis.kare.refreshToken);
    assert.equal(again.status, 201, 'the refresh token is reusable (none is returned)');
  });

  it('refuses an unknown refresh token with 401, and a missing one with 400', async () => {
    const unknown = await refresh(sb, 'not-a-refresh-token');
    assert.equal(unknown.status, 401);
    assert.equal(typeof unknown.body.message, 'string');
    const missing = await post(`${sb.apis.kare.baseUrl}/auth/v1/bo/token/refresh`, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].path, 'refreshToken');
  });

  it('gives JWT-shaped access tokens whose exp follows the lifetime knob', async () => {
    const short = await startSandbox({ companies: 1, kareAccessTokenTtlSeconds: 90 });
    try {
      const payload = JSON.parse(Buffer.from(short.apis.kare.accessToken.split('.')[1] as string, 'base64url').toString('utf8'));
      assert.equal(payload.exp - payload.iat, 90);
    } finally {
      await short.close();
    }
  });
});

describe('sandbox kare: expiry', () => {
  let sb: RunningSandbox;
  beforeEach(async () => {
    await sb?.close();
    sb = await startSandbox({ companies: 3 });
  });
  after(() => sb?.close());

  it('answers 401 {"message":"Unauthorized"} once the access token expired, and a refresh cures it', async () => {
    sb.kareSessions.expireAccessTokens();
    const expired = await kare(sb).get('/companies/v2/rs');
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body, { message: 'Unauthorized' });
    const renewed = await refresh(sb, sb.apis.kare.refreshToken);
    assert.equal(renewed.status, 201);
    assert.equal((await kare(sb, renewed.body).get('/companies/v2/rs')).status, 200);
  });

  it('refuses an expired refresh token with 401 (the client must sign in again)', async () => {
    sb.kareSessions.expireRefreshTokens();
    assert.equal((await refresh(sb, sb.apis.kare.refreshToken)).status, 401);
    assert.equal((await login(sb)).status, 201);
  });

  it('gives tokens issued after a run-time lifetime change that lifetime, and refuses a lifetime of 0', async () => {
    sb.kareSessions.setAccessTokenTtlSeconds(5);
    const renewed = await refresh(sb, sb.apis.kare.refreshToken);
    assert.equal(renewed.status, 201);
    const payload = JSON.parse(Buffer.from(renewed.body.accessToken.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(payload.exp - payload.iat, 5);
    assert.throws(() => sb.kareSessions.setAccessTokenTtlSeconds(0), RangeError);
  });
});

describe('sandbox kare: both headers required', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 5 })));
  after(() => sb.close());

  const cases: Array<[string, (t: Tokens) => Record<string, string>]> = [
    ['no header at all', () => ({})],
    ['only the Bearer token', (t) => ({ Authorization: `Bearer ${t.accessToken}` })],
    ['only the session token', (t) => ({ 'X-Session-Token': t.sessionToken })],
    ['a wrong access token', (t) => ({ Authorization: 'Bearer nope', 'X-Session-Token': t.sessionToken })],
    ['a wrong session token', (t) => ({ Authorization: `Bearer ${t.accessToken}`, 'X-Session-Token': 'nope' })],
    ['the tokens swapped', (t) => ({ Authorization: `Bearer ${t.sessionToken}`, 'X-Session-Token': t.accessToken })],
    ['Basic instead of Bearer', (t) => ({ Authorization: `Basic ${t.accessToken}`, 'X-Session-Token': t.sessionToken })],
  ];
  for (const [label, headersFor] of cases) {
    it(`answers 401 {"message":"Unauthorized"} with ${label}`, async () => {
      const res = await fetch(`${sb.apis.kare.baseUrl}/companies/v2/rs`, { headers: { 'Content-Type': 'application/json', ...headersFor(sb.apis.kare) } });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { message: 'Unauthorized' });
    });
  }

  it('refuses a session token of another session', async () => {
    const other = (await login(sb)).body.data as Tokens;
    const res = await kare(sb, { accessToken: sb.apis.kare.accessToken, sessionToken: other.sessionToken }).get('/companies/v2/rs');
    assert.equal(res.status, 401);
  });

  it('accepts lower-case header names, and refuses writes before looking at them (nothing recorded)', async () => {
    const res = await fetch(`${sb.apis.kare.baseUrl}/companies/v2/rs`, {
      headers: { authorization: `Bearer ${sb.apis.kare.accessToken}`, 'x-session-token': sb.apis.kare.sessionToken },
    });
    assert.equal(res.status, 200);
    sb.clearWrites();
    const refused = await kare(sb, { accessToken: 'x', sessionToken: 'y' }).post('/companies/v2/rs/101/contacts', [row()]);
    assert.equal(refused.status, 401);
    assert.equal(sb.writes.length, 0);
  });

  it('requires Content-Type: application/json on writes (415 otherwise) but not on GETs', async () => {
    const company = sb.apis.kare;
    const client = kare(sb, company);
    const plain = await client.post('/companies/v2/rs/101/contacts', JSON.stringify([row()]), { 'Content-Type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.equal(plain.body.message, 'Unsupported Media Type');
    const charset = await client.post('/companies/v2/rs/101/contacts', [row()], { 'Content-Type': 'application/json; charset=utf-8' });
    assert.equal(charset.status, 201);
    const get = await fetch(`${sb.apis.kare.baseUrl}/companies/v2/rs`, { headers: { Authorization: `Bearer ${company.accessToken}`, 'X-Session-Token': company.sessionToken } });
    assert.equal(get.status, 200);
  });

  it('lists the Kare credentials the CLI prints, and facts for Kare', async () => {
    const k = sb.apis.kare;
    assert.equal(k.baseUrl, `${sb.url}/kare`);
    assert.match(k.email, /@/);
    assert.ok(k.password.length >= 6 && k.refreshToken.length > 0);
    const res = await fetch(`${sb.url}/__sandbox/facts`, { headers: { 'X-Sandbox-Control': sb.controlToken } });
    const facts = (await res.json()) as Json;
    assert.equal(facts.kare.companiesWithContacts[0], 101);
    assert.equal(facts.kare.companiesWithContacts.length, 3);
    assert.equal(facts.kare.email, k.email);
    assert.equal(typeof facts.kare.companyWithoutContacts, 'number');
    assert.equal(typeof facts.kare.archivedCompany, 'number');
    assert.ok(facts.bitsight, 'Bitsight facts still there');
  });
});

describe('sandbox kare: companies', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 120, seed: 3 })));
  after(() => sb.close());

  it('pages with page/pageSize to the end, each company once, and totalCount only with includeCount=true', async () => {
    const client = kare(sb);
    const seen: number[] = [];
    let page = 1;
    for (;;) {
      const res = await client.get(`/companies/v2/rs?page=${page}&pageSize=25&includeCount=true`);
      assert.equal(res.status, 200);
      assert.equal(res.body.totalCount, 120);
      assert.deepEqual(res.body.pagination, { page, pageSize: 25 });
      seen.push(...res.body.data.map((c: Json) => c.id));
      if (res.body.data.length < 25) break;
      page++;
    }
    assert.equal(page, 5);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    const noCount = await client.get('/companies/v2/rs');
    assert.equal('totalCount' in noCount.body, false);
    assert.deepEqual(noCount.body.pagination, { page: 1, pageSize: 50 });
    assert.equal(noCount.body.data.length, 50);
    const past = await client.get('/companies/v2/rs?page=99&includeCount=false');
    assert.deepEqual(past.body, { data: [], pagination: { page: 99, pageSize: 50 } });
  });

  it('refuses page=0, pageSize=abc and includeCount=maybe with a 400 naming the parameter', async () => {
    const client = kare(sb);
    for (const [query, path] of [['page=0', 'page'], ['pageSize=abc', 'pageSize'], ['includeCount=maybe', 'includeCount']] as const) {
      const res = await client.get(`/companies/v2/rs?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.errors[0].path, path);
    }
  });

  it('includes archived companies with their archivedAt, integer ids and primaryContactId', async () => {
    const res = await kare(sb).get('/companies/v2/rs?pageSize=1000');
    const companies = res.body.data as Json[];
    const archived = companies.filter((c) => c.archivedAt !== null);
    assert.ok(archived.length >= 2, 'several archived companies');
    assert.ok(!Number.isNaN(Date.parse(archived[0].archivedAt)));
    for (const c of companies) {
      assert.ok(Number.isSafeInteger(c.id), `id ${c.id}`);
      assert.ok(c.primaryContactId === null || Number.isSafeInteger(c.primaryContactId));
      if (c.primaryContactId !== null) assert.ok(c.contacts.some((x: Json) => x.id === c.primaryContactId));
    }
    assert.ok(companies.some((c) => c.contacts.length === 0), 'some companies without contacts');
    assert.deepEqual(new Set(companies.map((c) => c.type)), new Set([1, 2, 3]));
  });

  it('filters by whereName (accents and case ignored) and whereType, and findId jumps to its page', async () => {
    const client = kare(sb);
    const byName = await client.get(`/companies/v2/rs?whereName=${encodeURIComponent('dupont maintenance')}&includeCount=true`);
    assert.ok(byName.body.data.some((c: Json) => c.name === 'Dupont Maintenance'));
    const byType = await client.get('/companies/v2/rs?whereType=1&pageSize=500');
    assert.ok(byType.body.data.length > 0 && byType.body.data.every((c: Json) => c.type === 1));
    const all = (await client.get('/companies/v2/rs?pageSize=500')).body.data as Json[];
    const target = all[57].id;
    const found = await client.get(`/companies/v2/rs?pageSize=10&findId=${target}`);
    assert.equal(found.body.pagination.page, 6);
    assert.ok(found.body.data.some((c: Json) => c.id === target));
  });

  it('gets one company as a bare object with updatableFields; 404 for an unknown id, 400 for a non-integer', async () => {
    const client = kare(sb);
    const one = await client.get('/companies/v2/rs/101');
    assert.equal(one.status, 200);
    assert.equal(one.body.id, 101);
    assert.equal(one.body.name, 'Dupont Maintenance');
    assert.equal(one.body.data, undefined);
    assert.equal(one.body.updatableFields.name, true);
    assert.equal((await client.get('/companies/v2/rs/99')).status, 404);
    assert.equal((await client.get('/companies/v2/rs/abc')).status, 400);
  });

  it('gives the same data for the same seed and French-flavoured names and e-mails that match the pattern', () => {
    const a = generateKareData({ seed: 5, companies: 60 });
    const b = generateKareData({ seed: 5, companies: 60 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(generateKareData({ seed: 6, companies: 60 }).companies, a.companies);
    assert.deepEqual(generateKareData({ seed: 5, companies: 10 }).companies, a.companies.slice(0, 10), 'size never reshuffles earlier companies');
    for (const c of a.contacts) if (c.email !== null) assert.match(c.email, KARE_EMAIL_PATTERN);
    assert.ok(a.companies.some((c) => /Maintenance|Ascenseurs|Climatisation/.test(c.name)));
    assert.ok(a.companies.some((c) => /BTP|Bâtiments|Électricité|Plomberie/.test(c.name)));
    assert.ok(a.companies.some((c) => /Contrôle|Vérifications|Diagnostics/.test(c.name)));
    assert.equal(contactsOf(a, a.companies[3]!.id).length, 0);
    assert.notEqual(a.companies[4]!.archivedAt, null);
  });
});

describe('sandbox kare: contacts', () => {
  let sb: RunningSandbox;
  let secondCompanyId: number;
  const companyId = () => secondCompanyId;
  before(async () => {
    sb = await startSandbox({ companies: 10 });
    secondCompanyId = (await kare(sb).get('/companies/v2/rs?pageSize=2')).body.data[1].id;
  });
  after(() => sb.close());

  const create = (body: unknown) => kare(sb).post(`/companies/v2/rs/${companyId()}/contacts`, body);
  const listAll = async (id = companyId()) => (await kare(sb).get(`/companies/v2/rs/${id}/contacts?pageSize=500`)).body.data as Json[];

  it('lists a company’s contacts in the documented envelope, company and actions only when extended', async () => {
    const res = await kare(sb).get('/companies/v2/rs/101/contacts?includeCount=true');
    assert.equal(res.status, 200);
    assert.equal(res.body.totalCount, 3);
    assert.deepEqual(res.body.pagination, { page: 1, pageSize: 50 });
    const first = res.body.data[0];
    assert.deepEqual(Object.keys(first).sort(), ['comment', 'companyId', 'createdAt', 'email', 'id', 'name', 'notifyAt', 'phones', 'updatedAt']);
    assert.equal(first.companyId, 101);
    const extended = await kare(sb).get('/companies/v2/rs/101/contacts?extend=company&extend=actions-info');
    assert.equal(extended.body.data[0].company.id, 101);
    assert.deepEqual(extended.body.data[0].actions, { canBeUpdated: true, canBeDeleted: true });
    const comma = await kare(sb).get('/companies/v2/rs/101/contacts?extend=company,actions-info');
    assert.ok(comma.body.data[0].company && comma.body.data[0].actions);
    assert.equal((await kare(sb).get('/companies/v2/rs/1/contacts')).status, 404);
  });

  it('creates several contacts in one array: 201 {nbInsertion}, new integer ids found by re-listing', async () => {
    const before = await listAll();
    const res = await create([
      row({ name: 'Anne Lefèvre', email: 'anne.lefevre@exemple.fr', phones: ['04 78 00 00 01'], comment: 'Astreinte', notify: true }),
      row({ name: 'Bruno Picard' }),
      row({ name: 'Chloé Roux', email: null, comment: null, phones: [] }),
    ]);
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { nbInsertion: 3 });
    const after = await listAll();
    const added = after.filter((c) => !before.some((b) => b.id === c.id));
    assert.deepEqual(added.map((c) => c.name), ['Anne Lefèvre', 'Bruno Picard', 'Chloé Roux']);
    for (const c of added) assert.ok(Number.isSafeInteger(c.id) && c.id > Math.max(...before.map((b) => b.id)));
    assert.equal(typeof added[0].notifyAt, 'string', 'notify:true stamps notifyAt');
    assert.equal(added[1].notifyAt, null);
    assert.equal(added[1].email, null);
    assert.deepEqual(added[1].phones, []);
    assert.equal(added[1].comment, null);
  });

  it('refuses a body that is not an array, and malformed JSON, with 400 and a message', async () => {
    for (const body of [row(), { contacts: [row()] }, 'null', '42']) {
      const res = await create(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.message, /array/);
    }
    const broken = await create('[{"name": ');
    assert.equal(broken.status, 400);
    assert.match(broken.body.message, /JSON/);
  });

  it('refuses the whole batch when one row is bad (nothing inserted) and names the row', async () => {
    const before = await listAll();
    const res = await create([row({ name: 'Bon' }), row({ name: 'Bon aussi' }), row({ name: 'Mauvais', email: 'pas-un-email' })]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: Json) => [e.path, e.row, e.field]), [['2.email', 2, 'email']]);
    assert.match(res.body.message, /index 2/);
    assert.equal((await listAll()).length, before.length, 'nothing inserted');
  });

  it('reports every bad row, each under its own index', async () => {
    const res = await create([row({ notify: undefined }), row(), row({ name: undefined, phones: 'x' })]);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: Json) => e.path).sort(), ['0.notify', '2.name', '2.phones']);
  });

  describe('rules at their edges (one row each)', () => {
    const accepts = async (over: Record<string, unknown>) => {
      const res = await create([row(over)]);
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    const refuses = async (over: Record<string, unknown>, field: string) => {
      const res = await create([row(over)]);
      assert.equal(res.status, 400, `${JSON.stringify(over).slice(0, 80)} accepted`);
      assert.equal(res.body.errors[0].path, `0.${field}`);
      assert.equal(typeof res.body.errors[0].message, 'string');
    };

    it('name: required, a string, 250 characters accepted, 251 refused (code points counted)', async () => {
      await accepts({ name: 'n'.repeat(250) });
      await accepts({ name: '😀'.repeat(250) });
      await refuses({ name: 'n'.repeat(251) }, 'name');
      await refuses({ name: undefined }, 'name');
      await refuses({ name: null }, 'name');
      await refuses({ name: 42 }, 'name');
    });

    it('notify: required boolean', async () => {
      await accepts({ notify: true });
      await refuses({ notify: undefined }, 'notify');
      await refuses({ notify: 'true' }, 'notify');
      await refuses({ notify: null }, 'notify');
    });

    it('email: null or absent accepted, empty string refused; 250 accepted, 251 refused', async () => {
      await accepts({ email: null });
      await accepts({});
      await refuses({ email: '' }, 'email');
      const at250 = `${'a'.repeat(250 - '@exemple.fr'.length)}@exemple.fr`;
      assert.equal(at250.length, 250);
      await accepts({ email: at250 });
      await refuses({ email: `a${at250}` }, 'email');
    });

    it('email pattern: the seed’s expression, verbatim', () => {
      assert.equal(KARE_EMAIL_PATTERN.source, String.raw`^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`);
      assert.equal(KARE_EMAIL_PATTERN.flags, '');
    });

    it('email pattern: apostrophe, plus, underscore, hyphen and subdomains accepted', async () => {
      for (const email of ["o'neil@exemple.fr", 'jean+kare@exemple.fr', 'a_b-c@sous.domaine.exemple.fr', 'a.b@exemple.com', 'x@a-b.io']) {
        assert.match(email, KARE_EMAIL_PATTERN);
        await accepts({ email });
      }
    });

    it('email pattern: leading dot, double dot, dot before @, one-letter TLD, non-ASCII and more refused', async () => {
      const bad = ['.jean@exemple.fr', 'jean..dupont@exemple.fr', 'jean.@exemple.fr', 'jean@exemple.f', 'jérôme@exemple.fr', 'jean@exémple.fr', "jean'@exemple.fr", 'jean@-exemple.fr', 'jean@exemple', 'jean dupont@exemple.fr', 'jean@@exemple.fr'];
      for (const email of bad) {
        assert.doesNotMatch(email, KARE_EMAIL_PATTERN);
        await refuses({ email }, 'email');
      }
    });

    it('phones: 5 accepted, 6 refused; each 50 accepted, 51 refused; [] and absent accepted, null refused', async () => {
      await accepts({ phones: ['1', '2', '3', '4', '5'] });
      await refuses({ phones: ['1', '2', '3', '4', '5', '6'] }, 'phones');
      await accepts({ phones: ['p'.repeat(50)] });
      await refuses({ phones: ['ok', 'p'.repeat(51)] }, 'phones.1');
      await accepts({ phones: [] });
      await accepts({ phones: ['phone1'] });
      await refuses({ phones: null }, 'phones');
      await refuses({ phones: [42] }, 'phones.0');
    });

    it('comment: null, absent and empty accepted; 2500 accepted, 2501 refused', async () => {
      await accepts({ comment: null });
      await accepts({ comment: '' });
      await accepts({ comment: 'c'.repeat(2500) });
      await refuses({ comment: 'c'.repeat(2501) }, 'comment');
      await refuses({ comment: 7 }, 'comment');
    });

    it('unknown fields are accepted and ignored (the seed does not forbid them); rows that are not objects are refused', async () => {
      const made = await create([row({ name: 'Jeanne Inconnue', phone: '01 02 03 04 05', nickname: 'Jeannot' })]);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const listed = (await listAll()).find((c) => c.name === 'Jeanne Inconnue');
      assert.ok(listed, 'the row was inserted');
      assert.equal(listed.phone, undefined);
      assert.equal(listed.nickname, undefined);
      const res = await create(['Jeanne Martin']);
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].path, '0');
    });

    it('an empty array inserts nothing: 201 {nbInsertion: 0}', async () => {
      const res = await create([]);
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, { nbInsertion: 0 });
    });
  });

  describe('PATCH a contact', () => {
    let contact: Json;
    const patch = (body: unknown, id = contact.id, company = companyId()) => kare(sb).patch(`/companies/v2/rs/${company}/contacts/${id}`, body);

    beforeEach(async () => {
      const made = await create([row({ name: 'Édith Brun', email: 'edith.brun@exemple.fr', phones: ['01 02 03 04 05', '06 07 08 09 10'], comment: 'Technicienne' })]);
      assert.equal(made.status, 201);
      contact = (await listAll()).at(-1);
      assert.equal(contact.name, 'Édith Brun');
    });

    it('answers the bare updated contact; absent fields unchanged', async () => {
      const res = await patch({ notify: false, name: 'Édith Brun-Garnier' });
      assert.equal(res.status, 200);
      assert.equal(res.body.data, undefined);
      assert.equal(res.body.id, contact.id);
      assert.equal(res.body.name, 'Édith Brun-Garnier');
      assert.equal(res.body.email, 'edith.brun@exemple.fr');
      assert.deepEqual(res.body.phones, ['01 02 03 04 05', '06 07 08 09 10']);
      assert.equal(res.body.comment, 'Technicienne');
      assert.ok(Number.isSafeInteger(res.body.id) && res.body.companyId === companyId());
    });

    it('clears e-mail and comment with null and phones with [], as the next listing shows', async () => {
      const res = await patch({ notify: false, email: null, comment: null, phones: [] });
      assert.equal(res.status, 200);
      const listed = (await listAll()).find((c) => c.id === contact.id);
      assert.equal(listed.email, null);
      assert.equal(listed.comment, null);
      assert.deepEqual(listed.phones, []);
    });

    it('accepts and ignores unknown fields on update, the contact\'s own id and company included', async () => {
      const res = await patch({ notify: false, name: 'Édith Inconnue', nickname: 'Didi', id: contact.id + 1000, companyId: companyId() + 1000 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Édith Inconnue');
      assert.equal(res.body.nickname, undefined);
      assert.equal(res.body.id, contact.id);
      assert.equal(res.body.companyId, companyId());
    });

    it('requires notify even on update', async () => {
      const res = await patch({ name: 'Sans notify' });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].path, 'notify');
      assert.equal((await listAll()).find((c) => c.id === contact.id).name, 'Édith Brun', 'nothing changed');
    });

    it('applies the create rules: 251-character name, bad e-mail, 6 phones, 2501-character comment, null name or phones', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: 'n'.repeat(251) }, 'name'],
        [{ name: null }, 'name'],
        [{ email: 'a..b@exemple.fr' }, 'email'],
        [{ email: '' }, 'email'],
        [{ phones: ['1', '2', '3', '4', '5', '6'] }, 'phones'],
        [{ phones: ['p'.repeat(51)] }, 'phones.0'],
        [{ phones: null }, 'phones'],
        [{ comment: 'c'.repeat(2501) }, 'comment'],
      ];
      for (const [over, field] of cases) {
        const res = await patch({ notify: false, ...over });
        assert.equal(res.status, 400, JSON.stringify(over).slice(0, 60));
        assert.equal(res.body.errors[0].path, field);
      }
      assert.equal((await patch({ notify: false, name: 'n'.repeat(250), phones: ['1', '2', '3', '4', '5'], comment: 'c'.repeat(2500) })).status, 200);
    });

    it('notify:true stamps notifyAt, notify:false keeps it', async () => {
      const notified = await patch({ notify: true });
      assert.equal(typeof notified.body.notifyAt, 'string');
      const kept = await patch({ notify: false });
      assert.equal(kept.body.notifyAt, notified.body.notifyAt);
    });

    it('answers 404 for a contact of another company or an unknown id, 400 for a non-integer id, 415 without JSON content type', async () => {
      assert.equal((await patch({ notify: false }, contact.id, 101)).status, 404);
      assert.equal((await patch({ notify: false }, 999_999)).status, 404);
      assert.equal((await patch({ notify: false }, 'abc')).status, 400);
      assert.equal((await patch([{ notify: false }])).status, 400);
      const plain = await kare(sb).patch(`/companies/v2/rs/${companyId()}/contacts/${contact.id}`, JSON.stringify({ notify: false }), { 'Content-Type': 'text/plain' });
      assert.equal(plain.status, 415);
    });
  });
});

describe('sandbox kare: traffic knobs and faults', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 5 })));
  after(() => sb.close());
  beforeEach(() => {
    sb.clearFaults();
    sb.setMaxConcurrent(Infinity);
  });

  it('delays Kare answers by the latency knob', async () => {
    sb.setLatency(150);
    try {
      const started = performance.now();
      assert.equal((await kare(sb).get('/companies/v2/rs')).status, 200);
      assert.ok(performance.now() - started >= 140, 'answered before the latency elapsed');
    } finally {
      sb.setLatency(0);
    }
  });

  it('throttles over the concurrency cap with 429 {"message":"Too Many Requests"} and Retry-After', async () => {
    sb.setMaxConcurrent(0);
    const res = await kare(sb).get('/companies/v2/rs');
    assert.equal(res.status, 429);
    assert.deepEqual(res.body, { message: 'Too Many Requests' });
    assert.equal(res.headers.get('retry-after'), '60');
  });

  it('injects Kare-worded 401 and 500 faults on Kare paths only', async () => {
    sb.setFault({ kind: '500', path: '/companies/v2/rs' });
    const failed = await kare(sb).get('/companies/v2/rs');
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.body, { message: 'Internal server error' });
    sb.setFault({ kind: '401', path: '^/companies/v2/rs$' });
    const unauthorized = await kare(sb).get('/companies/v2/rs');
    assert.deepEqual([unauthorized.status, unauthorized.body], [401, { message: 'Unauthorized' }]);
    assert.equal((await kare(sb).get('/companies/v2/rs')).status, 200, 'faults fire once');
  });

  it('records a contact batch lost to an afterProcessing fault as a write that landed', async () => {
    sb.clearWrites();
    sb.setFault({ kind: 'reset', method: 'POST', path: '/contacts', afterProcessing: true });
    await assert.rejects(kare(sb).post('/companies/v2/rs/101/contacts', [row({ name: 'Perdu de vue' })]));
    assert.equal(sb.writes.length, 1);
    assert.equal(sb.writes[0]!.status, 201);
    const listed = (await kare(sb).get('/companies/v2/rs/101/contacts')).body.data as Json[];
    assert.ok(listed.some((c) => c.name === 'Perdu de vue'));
  });

  it('answers unknown Kare paths with 404 {"message"} and wrong methods with 405 and Allow', async () => {
    const unknown = await kare(sb).get('/companies/v2/rs/101/nothing');
    assert.deepEqual([unknown.status, unknown.body], [404, { message: 'Not Found' }]);
    const wrong = await kare(sb).post('/companies/v2/rs', {});
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET');
  });
});
