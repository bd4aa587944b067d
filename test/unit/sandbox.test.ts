// The embedded sandbox's Bitsight read API, over real HTTP on 127.0.0.1: authentication, paging,
// seeded data and its guarantees, and the documented shapes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth.js';
import { companiesWithoutContact, contactOf, emailBelongsTo, uninvitableCompanies } from '../../src/sandbox/bitsight/data.js';
import { AUTH_INVALID_TOKEN, AUTH_NOT_PROVIDED, INVALID_INTEGER, NOT_FOUND } from '../../src/sandbox/bitsight/errors.js';
import { MY_COMPANY_NAME, compareCompanyNames, generateBitsightData } from '../../src/sandbox/bitsight/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

function bitsight(sb: RunningSandbox, token = sb.apis.bitsight.token) {
  const headers = { Authorization: basicAuthHeader(token) };
  return {
    raw: (path: string, init: RequestInit = {}) => fetch(sb.apis.bitsight.baseUrl + path, { ...init, headers: { ...headers, ...(init.headers as object) } }),
    async get(path: string): Promise<{ status: number; body: Json; headers: Headers }> {
      const res = await fetch(path.startsWith('http') ? path : sb.apis.bitsight.baseUrl + path, { headers });
      return { status: res.status, body: await res.json(), headers: res.headers };
    },
  };
}

describe('sandbox: authentication', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 20 })));
  after(() => sb.close());

  it('answers 401 "not provided" without an Authorization header, with the Bitsight realm', async () => {
    const res = await fetch(`${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="bitsight"');
    assert.deepEqual(await res.json(), { detail: AUTH_NOT_PROVIDED });
    assert.equal(AUTH_NOT_PROVIDED, 'Authentication credentials were not provided.');
  });

  it('answers 401 "Invalid token." for a wrong token, and for a Bearer header', async () => {
    const wrong = await bitsight(sb, 'not-the-token').get('/ratings/v2/portfolio');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { detail: AUTH_INVALID_TOKEN });
    assert.equal(wrong.headers.get('www-authenticate'), 'Basic realm="bitsight"');
    const bearer = await fetch(`${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio`, { headers: { Authorization: `Bearer ${sb.apis.bitsight.token}` } });
    assert.equal(bearer.status, 401);
    assert.deepEqual(await bearer.json(), { detail: AUTH_INVALID_TOKEN });
  });

  it('accepts the token as Basic user name with an empty password, and uses given tokens', async () => {
    const ok = await bitsight(sb).get('/ratings/v2/portfolio?limit=1');
    assert.equal(ok.status, 200);
    const fixed = await startSandbox({ companies: 5, tokens: { bitsight: 'fixed-token' } });
    try {
      assert.equal(fixed.apis.bitsight.token, 'fixed-token');
      assert.equal((await bitsight(fixed, 'fixed-token').get('/ratings/v2/portfolio')).status, 200);
    } finally {
      await fixed.close();
    }
  });

  it('generates different random tokens per start', async () => {
    const other = await startSandbox({ companies: 1 });
    try {
      assert.notEqual(other.apis.bitsight.token, sb.apis.bitsight.token);
      assert.match(other.apis.bitsight.token, /^[0-9a-f]{32}$/);
      assert.notEqual(other.controlToken, sb.controlToken);
      assert.equal((await bitsight(other, sb.apis.bitsight.token).get('/ratings/v2/portfolio')).status, 401);
    } finally {
      await other.close();
    }
  });
});

describe('sandbox: portfolio paging', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('walks every page through absolute links.next and sees each company once, in name order', async () => {
    let url: string | null = `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=7`;
    const seen: string[] = [];
    let pages = 0;
    let last: Json;
    while (url) {
      assert.ok(url.startsWith(sb.url + '/bitsight/ratings/v2/portfolio?'), url);
      const page = await bitsight(sb).get(url);
      assert.equal(page.status, 200);
      assert.equal(page.body.count, 120);
      assert.ok(page.body.results.length <= 7);
      seen.push(...page.body.results.map((c: Json) => c.name));
      last = page.body;
      url = page.body.links.next;
      pages++;
    }
    assert.equal(pages, Math.ceil(120 / 7));
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    assert.deepEqual(seen, [...seen].sort(compareCompanyNames));
    assert.deepEqual(seen, sb.data.companies.map((c) => c.name));
    assert.equal(last.links.next, null);
    assert.equal(last.results.length, 120 % 7);
    assert.equal(last.links.previous, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=7&offset=${119 - (120 % 7) - 6}`);
  });

  it('builds DRF-style links: first page has no previous, second page previous has no offset', async () => {
    const first = await bitsight(sb).get('/ratings/v2/portfolio?limit=50');
    assert.equal(first.body.links.previous, null);
    assert.equal(first.body.links.next, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=50&offset=50`);
    const second = await bitsight(sb).get('/ratings/v2/portfolio?limit=50&offset=50');
    assert.equal(second.body.links.previous, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=50`);
    assert.equal(second.body.links.next, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=50&offset=100`);
  });

  it('builds links from the Host the client used', async () => {
    const url = `http://localhost:${sb.port}/bitsight/ratings/v2/portfolio?limit=100`;
    const page = await bitsight(sb).get(url);
    assert.equal(page.body.links.next, `http://localhost:${sb.port}/bitsight/ratings/v2/portfolio?limit=100&offset=100`);
  });

  it('defaults to limit 100 and keeps other query parameters in the links', async () => {
    const page = await bitsight(sb).get('/ratings/v2/portfolio?sort=-rating');
    assert.equal(page.body.results.length, 100);
    assert.equal(page.body.links.next, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?sort=-rating&limit=100&offset=100`);
  });

  it('answers an empty page past the end, with the total count', async () => {
    const page = await bitsight(sb).get('/ratings/v2/portfolio?limit=10&offset=500');
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.results, []);
    assert.equal(page.body.count, 120);
    assert.equal(page.body.links.next, null);
    assert.equal(page.body.links.previous, `${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=10&offset=490`);
  });

  it('refuses invalid limit and offset DRF-style', async () => {
    for (const bad of ['-1', 'abc', '1.5', '0', '']) {
      const res = await bitsight(sb).get(`/ratings/v2/portfolio?limit=${bad}`);
      assert.equal(res.status, 400, `limit=${bad}`);
      assert.deepEqual(res.body, { limit: [INVALID_INTEGER] });
    }
    const offset = await bitsight(sb).get('/ratings/v2/portfolio?offset=-5');
    assert.deepEqual(offset.body, { offset: ['A valid integer is required.'] });
    const both = await bitsight(sb).get('/ratings/v2/portfolio?offset=x&limit=y');
    assert.deepEqual(both.body, { limit: [INVALID_INTEGER], offset: [INVALID_INTEGER] });
  });

  it('carries my-company in summaries, and my company is not in the portfolio', async () => {
    const page = await bitsight(sb).get('/ratings/v2/portfolio?limit=1');
    assert.deepEqual(page.body.summaries, { 'my-company': sb.data.myCompany.guid });
    assert.equal(sb.data.myCompany.name, MY_COMPANY_NAME);
    assert.ok(!sb.data.companies.some((c) => c.guid === sb.data.myCompany.guid || c.name === MY_COMPANY_NAME));
  });

  it('serves the documented v2 company fields', async () => {
    const page = await bitsight(sb).get('/ratings/v2/portfolio?limit=1');
    const item = page.body.results[0];
    const record = sb.data.companies[0]!;
    assert.deepEqual(Object.keys(item), [
      'guid', 'custom_id', 'name', 'shortname', 'network_size_v4', 'rating', 'rating_date', 'added_date', 'industry',
      'sub_industry', 'subscription_type', 'relationship', 'life_cycle', 'tier', 'tier_name', 'tier_order', 'type',
      'primary_domain', 'display_url', 'logo', 'sparkline',
    ]);
    assert.equal(item.guid, record.guid);
    assert.match(item.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(item.type, ['CURATED']);
    assert.equal(item.primary_domain, record.domains[0]);
    assert.deepEqual(Object.keys(item.industry), ['name', 'slug']);
    assert.match(item.rating_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(item.logo, `${sb.apis.bitsight.baseUrl}/ratings/v1/companies/${record.guid}/logo-image`);
  });

  it('filters by q / name_q case-insensitively and by guid list', async () => {
    const word = sb.data.companies[10]!.name.split(' ')[0]!.toUpperCase();
    const expected = sb.data.companies.filter((c) => c.name.toLowerCase().includes(word.toLowerCase())).map((c) => c.guid);
    for (const param of ['q', 'name_q']) {
      const page = await bitsight(sb).get(`/ratings/v2/portfolio?${param}=${encodeURIComponent(word)}`);
      assert.equal(page.body.count, expected.length);
      assert.deepEqual(page.body.results.map((c: Json) => c.guid), expected);
    }
    const guids = [sb.data.companies[5]!.guid, sb.data.companies[2]!.guid];
    const byGuid = await bitsight(sb).get(`/ratings/v2/portfolio?guid=${guids.join(',')}`);
    assert.equal(byGuid.body.count, 2);
    assert.deepEqual(byGuid.body.results.map((c: Json) => c.guid), [guids[1], guids[0]]);
    const none = await bitsight(sb).get('/ratings/v2/portfolio?q=zzzz-no-such-company');
    assert.equal(none.body.count, 0);
    assert.deepEqual(none.body.results, []);
  });

  it('sorts by rating both ways and by -name', async () => {
    const up = (await bitsight(sb).get('/ratings/v2/portfolio?sort=rating&limit=200')).body.results.map((c: Json) => c.rating);
    assert.deepEqual(up, [...up].sort((a: number, b: number) => a - b));
    const down = (await bitsight(sb).get('/ratings/v2/portfolio?sort=-rating&limit=200')).body.results.map((c: Json) => c.rating);
    assert.deepEqual(down, [...up].reverse());
    const names = (await bitsight(sb).get('/ratings/v2/portfolio?sort=-name&limit=200')).body.results.map((c: Json) => c.name);
    assert.deepEqual(names, sb.data.companies.map((c) => c.name).reverse());
  });

  it('returns only the requested fields', async () => {
    const page = await bitsight(sb).get('/ratings/v2/portfolio?limit=2&fields=guid,name,industry.name');
    assert.deepEqual(page.body.results[0], {
      guid: sb.data.companies[0]!.guid,
      name: sb.data.companies[0]!.name,
      industry: { name: sb.data.companies[0]!.industry.name },
    });
  });
});

describe('sandbox: seeded data', () => {
  it('is identical for the same seed and differs for another seed', async () => {
    const a = await startSandbox({ seed: 42, companies: 60 });
    const b = await startSandbox({ seed: 42, companies: 60 });
    const c = await startSandbox({ seed: 43, companies: 60 });
    try {
      assert.deepEqual(a.data, b.data);
      const strip = (body: Json, sb: RunningSandbox) => JSON.parse(JSON.stringify(body).replaceAll(sb.url, 'URL'));
      const pageA = strip((await bitsight(a).get('/ratings/v2/portfolio?limit=60')).body, a);
      const pageB = strip((await bitsight(b).get('/ratings/v2/portfolio?limit=60')).body, b);
      assert.deepEqual(pageA, pageB);
      const detailsA = (await bitsight(a).get(`/ratings/v1/companies/${a.data.companies[7]!.guid}`)).body;
      const detailsB = (await bitsight(b).get(`/ratings/v1/companies/${b.data.companies[7]!.guid}`)).body;
      assert.deepEqual(strip(detailsA, a), strip(detailsB, b));
      assert.notDeepEqual(a.data.companies.map((x) => x.name), c.data.companies.map((x) => x.name));
      assert.notEqual(a.data.myCompany.guid, c.data.myCompany.guid);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('generates 10,000 unique companies and serves them (speed is measured by npm run bench)', async () => {
    const data = generateBitsightData({ seed: 1, companies: 10_000 });
    assert.equal(data.companies.length, 10_000);
    assert.equal(new Set(data.companies.map((c) => c.name)).size, 10_000);
    const domains = data.companies.flatMap((c) => c.domains);
    assert.equal(new Set(domains).size, domains.length, 'no domain belongs to two companies');

    const sb = await startSandbox({ companies: 10_000 });
    try {
      const last = await bitsight(sb).get('/ratings/v2/portfolio?limit=100&offset=9900');
      assert.equal(last.body.count, 10_000);
      assert.equal(last.body.results.length, 100);
      assert.equal(last.body.links.next, null);
      assert.equal(last.body.results[99].guid, sb.data.companies[9999]!.guid);
    } finally {
      await sb.close();
    }
  });

  it('keeps ratings in 250–900, types mostly CURATED, 1–3 domains with the primary first', () => {
    const data = generateBitsightData({ seed: 3, companies: 2000 });
    for (const c of data.companies) {
      assert.ok(c.rating >= 250 && c.rating <= 900, `${c.name}: ${c.rating}`);
      assert.ok(c.domains.length >= 1 && c.domains.length <= 3);
      assert.equal(c.primary_domain, c.domains[0]);
      assert.match(c.primary_domain, /^[a-z0-9]+\.[a-z.]+$/);
    }
    const curated = data.companies.filter((c) => c.type[0] === 'CURATED').length;
    assert.ok(curated > 1700 && curated < 2000, `curated ${curated}`);
    assert.ok(data.companies.some((c) => c.type[0] === 'SELF-PUBLISHED'));
    assert.ok(data.companies.some((c) => c.domains.length === 3));
  });

  it('keeps its documented guarantees about the first companies by name', () => {
    for (const seed of [1, 2, 3, 99]) {
      const data = generateBitsightData({ seed, companies: 40 });
      const [c0, c1, c2, c3, c4] = data.companies;
      for (const c of [c0!, c1!, c2!]) {
        assert.ok(contactOf(data, c.guid), `seed ${seed}: ${c.name} has a point of contact`);
        assert.equal(c.rolledup_observation_ids.length, 12);
        assert.deepEqual(c.type, ['CURATED']);
      }
      assert.ok(c0!.domains.length >= 2);
      assert.equal(contactOf(data, c3!.guid), undefined);
      assert.deepEqual(c3!.type, ['CURATED']);
      assert.deepEqual(c4!.type, ['PRIVATE']);
      assert.equal(contactOf(data, data.companies[39]!.guid), undefined);
      assert.equal(companiesWithoutContact(data)[0]!.guid, c3!.guid);
      assert.equal(uninvitableCompanies(data)[0]!.guid, c4!.guid);
      const seededTargets = new Set(data.accessRequests.map((r) => r.requestee_company_guid));
      for (const c of data.companies.slice(0, 5)) assert.ok(!seededTargets.has(c.guid));
    }
  });
});

describe('sandbox: points of contact, companies, users, groups', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('lists points of contact as a plain array, each on its company’s domains', async () => {
    const res = await bitsight(sb).get('/ratings/v1/portfolio/contacts');
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body));
    assert.deepEqual(res.body, sb.data.contacts);
    const companies = new Map(sb.data.companies.map((c) => [c.guid, c]));
    const perCompany = new Set<string>();
    for (const contact of res.body as Json[]) {
      assert.deepEqual(Object.keys(contact), [
        'guid', 'company_guid', 'creator', 'creation_date', 'last_editor', 'last_edit_date',
        'friendly_name', 'formal_name', 'email', 'phone_number',
      ]);
      const company = companies.get(contact.company_guid);
      assert.ok(company, 'contact of a portfolio company');
      assert.ok(emailBelongsTo(contact.email, company), `${contact.email} on ${company.domains.join(',')}`);
      assert.ok(!perCompany.has(contact.company_guid), 'one point of contact per company');
      perCompany.add(contact.company_guid);
      assert.match(contact.creator, /@blueseas\.com$/);
    }
    const share = perCompany.size / 120;
    assert.ok(share > 0.7 && share < 0.95, `share with a contact ${share}`);
  });

  it('serves company details with the documented key fields', async () => {
    const company = sb.data.companies[0]!;
    const res = await bitsight(sb).get(`/ratings/v1/companies/${company.guid}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.guid, company.guid);
    assert.equal(res.body.name, company.name);
    assert.equal(res.body.primary_domain, company.primary_domain);
    assert.equal(res.body.homepage, `https://www.${company.primary_domain}`);
    assert.equal(res.body.industry, company.industry.name);
    assert.equal(res.body.industry_slug, company.industry.slug);
    assert.equal(res.body.type, 'CURATED');
    assert.equal(res.body.rating, company.rating);
    assert.equal(res.body.ratings.length, 6);
    assert.equal(res.body.ratings[0].rating, company.rating);
    assert.equal(res.body.has_preferred_contact, true);
    assert.equal(res.body.permissions.can_enable_vendor_access, true);
    const without = await bitsight(sb).get(`/ratings/v1/companies/${sb.data.companies[3]!.guid}`);
    assert.equal(without.body.has_preferred_contact, false);
    const privateOne = await bitsight(sb).get(`/ratings/v1/companies/${sb.data.companies[4]!.guid}`);
    assert.equal(privateOne.body.type, 'PRIVATE');
    assert.equal(privateOne.body.permissions.can_enable_vendor_access, false);
  });

  it('answers 404 "Not found." for an unknown company', async () => {
    const res = await bitsight(sb).get('/ratings/v1/companies/00000000-0000-4000-8000-000000000000');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: NOT_FOUND });
    const assets = await bitsight(sb).get('/ratings/v1/companies/00000000-0000-4000-8000-000000000000/assets?is_ip=false');
    assert.equal(assets.status, 404);
  });

  it('lists a company’s domains as assets, the primary first', async () => {
    const company = sb.data.companies[0]!;
    const res = await bitsight(sb).get(`/ratings/v1/companies/${company.guid}/assets?is_ip=false`);
    assert.equal(res.status, 200);
    assert.equal(res.body.count, company.domains.length);
    assert.ok(res.body.count >= 2);
    assert.deepEqual(res.body.results.map((a: Json) => a.asset), company.domains);
    assert.ok(res.body.results.every((a: Json) => a.asset_type === 'domain' && typeof a.importance === 'number'));
    assert.deepEqual(res.body.links, { next: null, previous: null });
    const paged = await bitsight(sb).get(`/ratings/v1/companies/${company.guid}/assets?is_ip=false&limit=1`);
    assert.deepEqual(paged.body.results.map((a: Json) => a.asset), [company.primary_domain]);
    assert.ok(paged.body.links.next);
    const ips = await bitsight(sb).get(`/ratings/v1/companies/${company.guid}/assets?is_ip=true`);
    assert.equal(ips.body.count, 0);
  });

  it('lists users paged, without company-API-token pseudo-users unless asked', async () => {
    const people = await bitsight(sb).get('/ratings/v2/users');
    assert.equal(people.status, 200);
    assert.equal(people.body.count, 12);
    assert.ok(people.body.results.every((u: Json) => u.is_company_api_token === false));
    const slugs = new Set(people.body.results.map((u: Json) => u.roles[0].slug));
    for (const slug of ['customer_admin', 'customer_group_admin', 'customer_portfolio_manager', 'customer_user']) assert.ok(slugs.has(slug), slug);
    const tokens = await bitsight(sb).get('/ratings/v2/users?is_company_api_token=true');
    assert.equal(tokens.body.count, 2);
    assert.ok(tokens.body.results.every((u: Json) => u.is_company_api_token === true));
    const page = await bitsight(sb).get('/ratings/v2/users?limit=5&offset=10');
    assert.equal(page.body.results.length, 2);
    assert.equal(page.body.links.next, null);
    const bad = await bitsight(sb).get('/ratings/v2/users?is_company_api_token=maybe');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { is_company_api_token: ['Must be a valid boolean.'] });
  });

  it('serves the documented user shape and filters by email and q', async () => {
    const byEmail = await bitsight(sb).get('/ratings/v2/users?email=EMMA@blueseas.com');
    assert.equal(byEmail.body.count, 1);
    const emma = byEmail.body.results[0];
    assert.deepEqual(Object.keys(emma), [
      'guid', 'friendly_name', 'formal_name', 'email', 'group', 'landing_page', 'status', 'last_login_time', 'joined_time',
      'roles', 'is_available_for_contact', 'is_company_api_token', 'features', 'preferred_contact_for_entities',
    ]);
    assert.equal(emma.formal_name, 'Emma Waters');
    assert.deepEqual(emma.roles, [{ name: 'Admin', slug: 'customer_admin' }]);
    assert.deepEqual(emma.features.map((f: Json) => f.slug), ['wfh-ro', 'fq-access']);
    assert.equal(emma.group.name, 'All Companies');
    const q = await bitsight(sb).get('/ratings/v2/users?q=chen');
    assert.deepEqual(q.body.results.map((u: Json) => u.formal_name), ['Liam Chen']);
  });

  it('serves the current user (the token owner, an Admin) and users by guid', async () => {
    const current = await bitsight(sb).get('/ratings/v2/users/current');
    assert.equal(current.status, 200);
    assert.equal(current.body.guid, sb.data.currentUserGuid);
    assert.equal(current.body.roles[0].slug, 'customer_admin');
    assert.ok(current.body.email_preferences);
    const viewer = await bitsight(sb, sb.apis.bitsight.viewerToken).get('/ratings/v2/users/current');
    assert.equal(viewer.body.guid, sb.data.viewerUserGuid);
    assert.equal(viewer.body.roles[0].slug, 'customer_user');
    const other = sb.data.users[3]!;
    const byGuid = await bitsight(sb).get(`/ratings/v2/users/${other.guid}`);
    assert.equal(byGuid.body.email, other.email);
    assert.equal(byGuid.body.email_preferences, undefined);
    const missing = await bitsight(sb).get('/ratings/v2/users/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { detail: NOT_FOUND });
  });

  it('lists access groups with the default "All Companies"', async () => {
    const res = await bitsight(sb).get('/ratings/v1/access-groups');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.groups.map((g: Json) => g.name), ['All Companies', 'Central Pacific', 'EMEA Vendors']);
    const all = res.body.groups[0];
    assert.equal(res.body.default_group, all.guid);
    assert.equal(all.is_default, true);
    assert.equal(all.company_count, 120);
    const userTotal = res.body.groups.reduce((n: number, g: Json) => n + g.user_count, 0);
    assert.equal(userTotal, sb.data.users.length);
  });

  it('lists seeded invitations as a plain array, filtered by company', async () => {
    const all = await bitsight(sb).get('/ratings/v1/access-requests');
    assert.ok(Array.isArray(all.body));
    assert.equal(all.body.length, 3);
    const target = all.body[0].requestee_company_guid;
    const filtered = await bitsight(sb).get(`/ratings/v1/access-requests?company_guid=${target}`);
    assert.ok(filtered.body.length >= 1);
    assert.ok(filtered.body.every((r: Json) => r.requestee_company_guid === target));
  });
});

describe('sandbox: routing', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 10 })));
  after(() => sb.close());

  it('answers 404 "Not found." for unknown Bitsight paths', async () => {
    for (const path of ['/ratings/v2/nothing', '/ratings/v1/portfolio', '/']) {
      const res = await bitsight(sb).get(path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { detail: 'Not found.' });
    }
  });

  it('answers 405 with the DRF text for a wrong method', async () => {
    const res = await bitsight(sb).raw('/ratings/v2/portfolio', { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.deepEqual(await res.json(), { detail: 'Method "DELETE" not allowed.' });
    assert.match(res.headers.get('allow') ?? '', /GET/);
    const put = await bitsight(sb).raw('/ratings/v1/portfolio/contacts', { method: 'PUT', body: '{}' });
    assert.deepEqual(await put.json(), { detail: 'Method "PUT" not allowed.' });
  });

  it('accepts the OpenAPI base without /ratings and a trailing slash', async () => {
    const short = await bitsight(sb).get('/v2/portfolio?limit=1');
    assert.equal(short.status, 200);
    assert.equal(short.body.count, 10);
    const slash = await bitsight(sb).get('/ratings/v2/portfolio/?limit=1');
    assert.equal(slash.status, 200);
  });

  it('refuses /kare and /guidewire/rest without credentials, each in its own error body', async () => {
    const writesBefore = sb.writes.length;
    const kare = await fetch(`${sb.url}/kare/companies/v2/rs/101/contacts`, { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json' } });
    assert.equal(kare.status, 401);
    assert.deepEqual(await kare.json(), { message: 'Unauthorized' });
    const gw = await fetch(`${sb.url}/guidewire/rest/common/v1/contacts`);
    assert.equal(gw.status, 401);
    assert.equal(((await gw.json()) as Json).errorCode, 'gw.api.rest.exceptions.UnauthenticatedException');
    assert.equal(sb.writes.length, writesBefore, 'nothing served, nothing recorded');
    const other = await fetch(`${sb.url}/elsewhere`);
    assert.equal(other.status, 404);
    assert.deepEqual(await other.json(), { detail: 'Not found.' });
  });

  it('describes itself at the root', async () => {
    const res = await fetch(sb.url + '/');
    assert.equal(res.status, 200);
    const body = (await res.json()) as Json;
    assert.equal(body.apis.bitsight, sb.apis.bitsight.baseUrl);
  });
});
