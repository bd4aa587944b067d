// The Kare client against the embedded sandbox, over real HTTP on 127.0.0.1: sign-in by the
// password scheme's exchange, paging, archived companies, the primary contact, ids as strings,
// both tokens and Content-Type on every request, and one refresh for many requests at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { Redactor, silentLogger } from '../../src/core/redact';
import { KareProvider } from '../../src/providers/kare/client';
import { PROVIDERS } from '../../src/providers';
import { KARE_AUTH_SCHEMES } from '../../src/providers/kare/auth';
import { contactsOf } from '../../src/sandbox/kare/data';
import { generateKareData } from '../../src/sandbox/kare/seed';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { kareSignedIn } from './helpers/kare';

const SEED = 11;
const COMPANIES = 120;
const data = generateKareData({ seed: SEED, companies: COMPANIES });
const archived = data.companies.filter((c) => c.archivedAt !== null);

let sb: RunningSandbox;
before(async () => (sb = await startSandbox({ companies: COMPANIES, seed: SEED })));
after(() => sb.close());

/** All pages of the companies list. */
async function everyCompany(provider: KareProvider, pageSize: number, includeArchived: boolean) {
  const ids: string[] = [];
  const pages: Array<{ total?: number; count: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await provider.listCompanies(cursor, pageSize, undefined, { includeArchived });
    ids.push(...page.items.map((c) => c.id));
    pages.push({ total: page.total, count: page.items.length });
    cursor = page.next;
  } while (cursor);
  return { ids, pages };
}

describe('Kare descriptor', () => {
  it('is registered with the documented base URL and both sign-in schemes, and creates a KareProvider lazily', async () => {
    const d = PROVIDERS.kare!;
    assert.equal(d.api, 'kare');
    assert.equal(d.defaultBaseUrl, 'https://z52mnqg347.execute-api.eu-west-3.amazonaws.com/main');
    assert.equal(d.authSchemes, KARE_AUTH_SCHEMES);
    const p = await d.create({ baseUrl: sb.apis.kare.baseUrl, authorize: async () => ({}), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 1000 });
    assert.ok(p instanceof KareProvider);
    assert.deepEqual(p.capabilities, { users: false, contactsPerCompany: 'many', archived: true, search: true, invitations: false, folders: false });
    assert.equal(p.labels?.primaryContact, 'primary contact');
    assert.equal(p.labels?.createContact, 'Create Contacts…');
    assert.ok(p.forms.createContacts && p.forms.editContact);
  });
});

describe('KareProvider reads', () => {
  it('signs in with e-mail and password, and whoAmI names the sign-in e-mail after one cheap call', async () => {
    const k = await kareSignedIn(sb);
    const me = await k.provider.whoAmI();
    assert.equal(me.email, sb.apis.kare.email);
    assert.equal(me.displayName, sb.apis.kare.email);
    assert.equal(k.sent.length, 1);
    assert.match(k.sent[0]!.url, /\/companies\/v2\/rs\?page=1&pageSize=1$/);
  });

  it('refuses wrong tokens as auth with Kare\'s own message', async () => {
    const p = new KareProvider({ baseUrl: sb.apis.kare.baseUrl, authorize: async () => ({ Authorization: 'Bearer nope', 'X-Session-Token': 'nope' }), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 5000 });
    await assert.rejects(p.whoAmI(), (e: unknown) => e instanceof ApiError && e.kind === 'auth' && e.message === 'Unauthorized');
  });

  it('pages through every company to the end with no duplicate, the archived ones included when asked, total from includeCount on the first page only', async () => {
    const k = await kareSignedIn(sb);
    const { ids, pages } = await everyCompany(k.provider, 25, true);
    assert.equal(ids.length, COMPANIES);
    assert.equal(new Set(ids).size, COMPANIES);
    assert.deepEqual(ids, data.companies.map((c) => String(c.id)));
    assert.equal(pages[0]!.total, COMPANIES);
    assert.ok(pages.slice(1).every((p) => p.total === undefined));
    const withCount = k.sent.filter((r) => r.url.includes('includeCount=true'));
    assert.equal(withCount.length, 1);
    assert.match(withCount[0]!.url, /[?&]page=1(&|$)/);
  });

  it('hides archived companies unless includeArchived, and marks them when shown', async () => {
    assert.ok(archived.length >= 2, 'the seed has archived companies');
    const k = await kareSignedIn(sb);
    const hidden = await everyCompany(k.provider, 30, false);
    assert.equal(hidden.ids.length, COMPANIES - archived.length);
    assert.ok(archived.every((c) => !hidden.ids.includes(String(c.id))));
    const shown = await k.provider.listCompanies(undefined, COMPANIES, undefined, { includeArchived: true });
    const a = shown.items.find((c) => c.id === String(archived[0]!.id))!;
    assert.equal(a.archived, true);
    assert.match(a.detail ?? '', /Archived/);
    assert.equal(shown.items.find((c) => c.id === String(data.companies[0]!.id))!.archived, false);
  });

  it('keeps the archived choice in the cursor of later pages', async () => {
    const k = await kareSignedIn(sb);
    const first = await k.provider.listCompanies(undefined, 10, undefined, { includeArchived: true });
    assert.equal(first.next, '2+archived');
    const hiddenFirst = await k.provider.listCompanies(undefined, 10);
    assert.equal(hiddenFirst.next, '2');
  });

  it('searches by name on the server (whereName), accents and case ignored, the query kept in the cursor of later pages', async () => {
    const k = await kareSignedIn(sb);
    const target = data.companies.filter((c) => c.archivedAt === null).at(-1)!;
    const mark = sb.requests.length;
    const found = await k.provider.listCompanies(undefined, 5, undefined, { query: ` ${target.name.toUpperCase()} ` });
    assert.ok(found.items.some((c) => c.id === String(target.id)), `${target.name} found`);
    const sent = sb.requests.slice(mark).map((r) => new URL(r.path, 'http://x').searchParams.get('whereName'));
    assert.deepEqual(sent, [target.name.toUpperCase()], 'one request, the name trimmed');
    // A word most names share, so the matches span pages: every later page keeps the search.
    const word = 'e';
    const matching = data.companies.filter((c) => c.archivedAt === null && c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().includes(word));
    const ids: string[] = [];
    let cursor: string | undefined;
    let page = await k.provider.listCompanies(undefined, 10, undefined, { query: word });
    for (;;) {
      ids.push(...page.items.map((c) => c.id));
      cursor = page.next;
      if (!cursor) break;
      assert.match(cursor, /\/e$/);
      page = await k.provider.listCompanies(cursor, 10);
    }
    assert.deepEqual(ids, matching.map((c) => String(c.id)), 'the matches, in order, across pages');
  });

  it('lists a company\'s contacts with the primary one marked, ids as strings, phones/comment/notified-at in the tooltip', async () => {
    const k = await kareSignedIn(sb, { locale: 'fr-FR' });
    const dupont = data.companies[0]!;
    assert.equal(dupont.name, 'Dupont Maintenance');
    const contacts = await k.provider.listContacts(String(dupont.id));
    const expected = contactsOf(data, dupont.id);
    assert.deepEqual(contacts.map((c) => c.id), expected.map((c) => String(c.id)));
    assert.deepEqual(contacts.filter((c) => c.isPrimary).map((c) => c.id), [String(dupont.primaryContactId)]);
    for (const c of contacts) assert.equal(c.companyId, String(dupont.id));
    const withPhones = data.contacts.find((c) => c.phones.length > 1 && c.comment)!;
    assert.ok(withPhones, 'the seed has a contact with phones and a comment');
    const mapped = (await k.provider.listContacts(String(withPhones.companyId))).find((c) => c.id === String(withPhones.id))!;
    assert.deepEqual(mapped.phones, withPhones.phones);
    assert.deepEqual(mapped.tooltip?.find((l) => l.label === 'Phones')?.value, withPhones.phones.join(', '));
    // The generic tooltip shows `phone` on a line of its own: set too, the first phone would show twice.
    assert.equal(mapped.phone, undefined);
    assert.deepEqual(mapped.tooltip?.find((l) => l.label === 'Comment')?.value, withPhones.comment);
    const notified = data.contacts.find((c) => c.notifyAt !== null)!;
    const theirs = await k.provider.listContacts(String(notified.companyId));
    const line = theirs.find((c) => c.id === String(notified.id))!.tooltip!.find((l) => l.label === 'Notified at')!;
    assert.equal(line.value, new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(notified.notifyAt!)));
  });

  it('reads the primary contact from the company itself when its list was not loaded, and puts the ids back into paths unchanged', async () => {
    const k = await kareSignedIn(sb);
    const second = data.companies[1]!;
    const contacts = await k.provider.listContacts(String(second.id));
    assert.equal(contacts.find((c) => c.isPrimary)?.id, String(second.primaryContactId));
    const paths = k.sent.map((r) => new URL(r.url).pathname.replace(/^\/kare/, ''));
    assert.ok(paths.includes(`/companies/v2/rs/${second.id}`));
    assert.ok(paths.includes(`/companies/v2/rs/${second.id}/contacts`));
    assert.deepEqual(await k.provider.listContacts(String(data.companies[3]!.id)), []);
  });

  it('refuses an id that is not a Kare integer before sending anything', async () => {
    const k = await kareSignedIn(sb);
    await assert.rejects(k.provider.listContacts('101/../../auth'), (e: unknown) => e instanceof ApiError && e.kind === 'refused');
    assert.equal(k.sent.length, 0);
  });

  it('sends Authorization: Bearer, X-Session-Token and Content-Type: application/json on every request, GETs included', async () => {
    const k = await kareSignedIn(sb);
    const since = sb.requests.length;
    await k.provider.whoAmI();
    await k.provider.listCompanies(undefined, 20);
    await k.provider.listContacts(String(data.companies[2]!.id));
    assert.ok(k.sent.length >= 3);
    for (const r of k.sent) {
      assert.equal(r.headers.Authorization, `Bearer ${k.tokens.accessToken}`, r.url);
      assert.equal(r.headers['X-Session-Token'], k.tokens.sessionToken, r.url);
      assert.equal(r.headers['Content-Type'], 'application/json', r.url);
    }
    // The sandbox answers 401 when either token is missing or wrong: every request it logged passed.
    const logged = sb.requests.slice(since).filter((r) => r.api === 'kare');
    assert.equal(logged.length, k.sent.length);
    for (const r of logged) {
      assert.equal(r.authorization, true);
      assert.equal(r.status, 200, r.path);
    }
  });
});

describe('KareProvider renewal', () => {
  it('renews once with the refresh token when 10 concurrent requests meet expired access tokens, and saves the new pair', async () => {
    const k = await kareSignedIn(sb);
    await k.provider.whoAmI();
    sb.kareSessions.expireAccessTokens();
    const since = sb.requests.length;
    const ids = data.companies.slice(0, 10).map((c) => String(c.id));
    const lists = await Promise.all(ids.map((id) => k.provider.listContacts(id)));
    assert.equal(lists.length, 10);
    const refreshes = sb.requests.slice(since).filter((r) => r.method === 'POST' && r.path === '/auth/v1/bo/token/refresh');
    assert.equal(refreshes.length, 1);
    assert.equal(k.saved.length, 1);
    assert.notEqual(k.saved[0]!.tokens!.accessToken, k.tokens.accessToken);
    assert.equal(k.saved[0]!.tokens!.refreshToken, k.tokens.refreshToken, 'the refresh token is kept (Kare returns none)');
    assert.equal(k.signedOut(), 0);
  });

  it('signs the connection out when the refresh token no longer works either', async () => {
    const k = await kareSignedIn(sb);
    sb.kareSessions.expireAccessTokens();
    sb.kareSessions.expireRefreshTokens();
    await assert.rejects(k.provider.listCompanies(undefined, 5), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
    assert.equal(k.signedOut(), 1);
  });
});
