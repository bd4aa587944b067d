// The sandbox's Bitsight folders: GET /ratings/v1/folders (seeded, documented shape) and the
// `folder` filter of GET /ratings/v2/portfolio (folder guids, or `null` for unfiled companies).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth.js';
import { companiesInNoFolder } from '../../src/sandbox/bitsight/data.js';
import { generateBitsightData } from '../../src/sandbox/bitsight/seed.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

let sb: RunningSandbox;
async function get(path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(path.startsWith('http') ? path : sb.apis.bitsight.baseUrl + path, { headers: { Authorization: basicAuthHeader(sb.apis.bitsight.token) } });
  return { status: res.status, body: await res.json() };
}

/** Every guid of the portfolio list for `query`, following links.next. */
async function allGuids(query: string): Promise<string[]> {
  const out: string[] = [];
  let url: string | null = `/ratings/v2/portfolio?limit=25&${query}`;
  while (url) {
    const page: { status: number; body: Json } = await get(url);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    out.push(...page.body.results.map((c: Json) => c.guid));
    url = page.body.links.next;
  }
  return out;
}

before(async () => (sb = await startSandbox({ companies: 120, seed: 3 })));
after(() => sb.close());

describe('sandbox: folders', () => {
  it('lists four seeded folders as a plain array in the documented shape', async () => {
    const { status, body } = await get('/ratings/v1/folders');
    assert.equal(status, 200);
    assert.ok(Array.isArray(body));
    assert.deepEqual(body.map((f: Json) => f.name), ['Critical Vendors', 'Cloud Providers', 'Onboarding 2026', 'Legacy']);
    const known = new Set(sb.data.companies.map((c) => c.guid));
    for (const f of body) {
      assert.match(f.guid, /^[0-9a-f-]{36}$/);
      assert.equal(typeof f.description, 'string');
      assert.equal(f.companies_count, f.companies.length);
      assert.ok(f.companies.every((g: string) => known.has(g)), `${f.name} holds a company outside the portfolio`);
      assert.equal(f.is_my_company, false);
      assert.equal(f.contains_all_companies, false);
      assert.equal(typeof f.owner, 'string');
    }
    assert.ok(body.every((f: Json) => f.companies_count > 0), 'an empty folder in a 120-company portfolio');
  });

  it('is deterministic per seed, keeps the first companies in "Critical Vendors", and leaves some companies unfiled', () => {
    const a = generateBitsightData({ seed: 3, companies: 120 });
    const b = generateBitsightData({ seed: 3, companies: 120 });
    assert.deepEqual(a.folders, b.folders);
    assert.notDeepEqual(generateBitsightData({ seed: 4, companies: 120 }).folders, a.folders);
    const critical = a.folders.find((f) => f.name === 'Critical Vendors')!;
    for (const c of a.companies.slice(0, 3)) assert.ok(critical.companies.includes(c.guid));
    assert.ok(companiesInNoFolder(a).length > 0);
  });

  it('filters the portfolio by one folder, several folders, and null (no folder), paging with the filter kept', async () => {
    const data = sb.data;
    const [f1, f2] = data.folders;
    const inOrder = (guids: Set<string>) => data.companies.filter((c) => guids.has(c.guid)).map((c) => c.guid);
    assert.deepEqual(await allGuids(`folder=${f1!.guid}`), inOrder(new Set(f1!.companies)));
    assert.deepEqual(await allGuids(`folder=${f1!.guid},${f2!.guid}`), inOrder(new Set([...f1!.companies, ...f2!.companies])));
    assert.deepEqual(await allGuids('folder=null'), companiesInNoFolder(data).map((c) => c.guid));
    const first = await get(`/ratings/v2/portfolio?limit=2&folder=${f1!.guid}`);
    assert.equal(first.body.count, f1!.companies.length);
    assert.match(first.body.links.next, new RegExp(`folder=${f1!.guid}`));
  });

  it('answers an unknown folder guid with an empty list', async () => {
    const { status, body } = await get('/ratings/v2/portfolio?folder=00000000-0000-4000-8000-000000000000');
    assert.equal(status, 200);
    assert.equal(body.count, 0);
  });
});
