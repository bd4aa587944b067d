// The provider contract: the same behaviour asked of every registered provider (src/providers/
// index.ts) against its simulated API in one sandbox. A provider gets all of it by being registered
// and its simulator by declaring its contract facts (src/sandbox/contract.ts): no case below names a
// vendor or branches on one.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { COMMANDS } from '../../src/commands/ids';
import { ApiError } from '../../src/core/errors';
import type { FormHandler } from '../../src/core/forms';
import type { ApiKind, Company, Contact } from '../../src/core/model';
import type { ConnectionInfo, TreeNode } from '../../src/model/nodes';
import { isProvider } from '../../src/model/source';
import type { FormSpec } from '../../src/protocol/forms';
import { validateForm } from '../../src/protocol/validate';
import { PROVIDERS } from '../../src/providers';
import type { ContractFacts } from '../../src/sandbox/contract';
import type { FaultKind } from '../../src/sandbox/faults';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { PortfolioModel } from '../../src/tree/model';
import { installFakeVscode } from '../unit/helpers/fakeVscode';
import { ContractConnection, contractFacts, createContactForm, emptyValue, fieldPlaces, fillForm, formHarness, listAll, noEffects, setAt, valueFor } from './kit';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');

const APIS = Object.keys(PROVIDERS) as ApiKind[];
/** Enough companies for a few pages of every API, few enough to page quickly. */
const COMPANIES = 40;

let sb: RunningSandbox;
before(async () => {
  // Retry-After: 0 on every throttling answer, so an absorbed 429 costs no real wait.
  sb = await startSandbox({ companies: COMPANIES, seed: 8, retryAfterSeconds: 0 });
});
after(() => sb.close());
afterEach(() => sb.clearFaults());

it('the contract runs for at least one registered provider', () => {
  assert.ok(APIS.length > 0);
});

for (const api of APIS) {
  describe(`provider contract: ${api}`, () => {
    let conn: ContractConnection;
    let facts: ContractFacts;
    before(async () => {
      conn = ContractConnection.for(sb, api);
      facts = await contractFacts(sb, api);
      // Every case runs on its own (--test-name-pattern): each starts signed in.
      await conn.signIn();
    });

    it('signs in (running the scheme\'s exchange when it has one) and says who it is', async () => {
      const probe = await conn.signIn('signed-in');
      assert.ok(probe.identity.displayName.trim(), 'whoAmI names someone');
      if (conn.scheme.exchange) assert.ok(Object.keys(probe.record.tokens ?? {}).length > 0, 'the exchange obtained tokens');
      const provider = await conn.provider('signed-in');
      assert.equal(provider.api, api);
      assert.equal((await provider.whoAmI()).displayName, probe.identity.displayName, 'the stored record signs in as the probe did');
    });

    it('pages companies to the end in ≥ 3 pages with no duplicate and none missing', async () => {
      const provider = await conn.provider();
      assert.ok(facts.listedCompanies >= 3, `the sandbox lists ${facts.listedCompanies} companies: too few to page`);
      const pageSize = Math.max(1, Math.floor((facts.listedCompanies - 1) / 3));
      const { items, pages } = await listAll(provider, pageSize);
      assert.ok(pages >= 3, `${pages} pages of ${pageSize}`);
      const ids = items.map((c) => c.id);
      const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(duplicates, [], 'no company twice');
      assert.equal(ids.length, facts.listedCompanies, 'every listed company, none missing');
    });

    it('marks exactly the primary contact of a company that has one', async () => {
      assert.ok(facts.primaryContact, 'the sandbox names a company with a primary contact');
      const provider = await conn.provider();
      const contacts = await provider.listContacts(facts.primaryContact.companyId);
      assert.ok(contacts.length > 0, 'the company lists contacts');
      assert.deepEqual(contacts.filter((c) => c.isPrimary).map((c) => c.id), [facts.primaryContact.contactId]);
    });

    it('a refused credential is an auth error, and the tree says "Sign in again"', async () => {
      const good = (await conn.credentials.read('contract'))!;
      const wrong = (m: Record<string, string> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, `wrong-${v}`]));
      await conn.save('revoked', { ...good, values: wrong(good.values), ...(good.tokens ? { tokens: wrong(good.tokens) } : {}) });
      const provider = await conn.runtime.provider('revoked');
      if (isProvider(provider)) {
        await assert.rejects(provider.listCompanies(undefined, 5), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
      }
      const info: ConnectionInfo = { ...conn.store.get('revoked')! };
      const model = new PortfolioModel(conn.runtime, () => 5);
      const tree = new PortfolioTreeProvider({ list: () => [info], onDidChange: () => ({ dispose() {} }) }, model);
      const [root] = await tree.getChildren();
      assert.ok(root);
      let nodes = await tree.getChildren(root);
      const list = nodes.find((n) => n.kind === 'list');
      if (list) nodes = await tree.getChildren(list);
      const message = nodes.find((n): n is Extract<TreeNode, { kind: 'message' }> => n.kind === 'message');
      assert.ok(message, `a message where the companies would be: ${JSON.stringify(nodes.map((n) => n.kind))}`);
      assert.match(message.text, /Sign in again/);
      assert.equal(message.command?.command, COMMANDS.signIn);
      assert.deepEqual(message.command?.arguments, ['revoked']);
      // A scheme that renews gave it a try: the connection is signed out until the person signs in.
      if (conn.scheme.renew) assert.deepEqual(await conn.runtime.provider('revoked'), { reason: 'signed-out', renewalFailed: true });
    });

    it('a company only on a later page is found by a server query (capability search)', async (t) => {
      const provider = await conn.provider();
      if (!provider.capabilities.search) return t.skip(`${api} has no server-side search`);
      const pageSize = Math.max(1, Math.floor((facts.listedCompanies - 1) / 3));
      const first = await provider.listCompanies(undefined, pageSize);
      const { items } = await listAll(provider, pageSize);
      const target = [...items].reverse().find((c) => !first.items.some((f) => f.id === c.id));
      assert.ok(target, 'a company that is not on the first page');
      const mark = sb.requests.length;
      const found = await provider.listCompanies(undefined, pageSize, undefined, { query: target.name });
      assert.ok(found.items.some((c) => c.id === target.id), `"${target.name}" is on the first page of the search: ${JSON.stringify(found.items.map((c) => c.name))}`);
      assert.ok(found.items.length < items.length, 'the server narrowed the list');
      assert.ok(sb.requests.length - mark <= 2, 'found with a query, not by paging through');
      const none = await provider.listCompanies(undefined, pageSize, undefined, { query: 'zz-no-such-company-qx' });
      assert.deepEqual(none.items, [], 'a query that matches nothing lists nothing');
    });

    it('absorbs a 429 on a read', async () => {
      const provider = await conn.provider();
      const mark = sb.requests.length;
      sb.setFault({ kind: '429', method: 'GET' });
      const page = await provider.listCompanies(undefined, 5);
      assert.ok(page.items.length > 0, 'the read succeeded');
      const seen = sb.requests.slice(mark);
      assert.equal(seen.filter((r) => r.fault === '429').length, 1, 'the read met the 429');
      assert.ok(seen.some((r) => r.fault === undefined && r.method === 'GET'), 'and was sent again');
    });

    it('every form it offers has defaults that pass its own rules, bar required fields left empty, which say why', async (t) => {
      const provider = await conn.provider();
      const forms = await openForms(conn, provider, facts);
      assert.ok(forms.length > 0, `${api} offers no form`);
      for (const { name, spec } of forms) {
        await t.test(name, () => {
          assert.ok(spec.fields.length > 0, 'the form has fields');
          const problems = validateForm(spec, spec.values);
          const places = fieldPlaces(spec, spec.values);
          for (const p of places.filter((x) => x.needed && emptyValue(x))) {
            assert.ok(problems[p.path]?.trim(), `${p.path} is required and empty by design: the validator must say so (${JSON.stringify(problems)})`);
          }
          const byDesign = new Set(places.filter((x) => x.needed && emptyValue(x)).map((x) => x.path));
          const broken = Object.entries(problems).filter(([path]) => !byDesign.has(path));
          assert.deepEqual(broken, [], 'defaults that break their own rules');
        });
      }
    });

    it('a server error lands on the field it names', async () => {
      const how = facts.fieldError;
      const { handler, spec, company } = await openCreate(conn, facts);
      const values = await fillForm(spec, handler);
      const place = fieldPlaces(spec, values).find((p) => p.field.kind === how.fieldKind);
      assert.ok(place, `the create-contact form has no ${how.fieldKind} field`);
      // A refused value where the API has one; else a value the rules allow, refused by a fault.
      if ('refusedValue' in how) setAt(values, place.path, how.refusedValue);
      else if (emptyValue(place)) setAt(values, place.path, await valueFor(place.field, handler));
      assert.deepEqual(validateForm(spec, values), {}, 'the client-side rules allow the value');
      if ('fault' in how) sb.setFault({ kind: 'field-error', ...how.fault });
      const mark = sb.requests.length;
      const result = await formHarness(handler).submit(values, 'refused-1');
      assert.equal(result.ok, false, `${company.name}: the server refused it`);
      const refused = sb.requests.slice(mark).filter((r) => r.fault === 'field-error' || (r.status !== undefined && r.status >= 400 && r.status < 500));
      assert.ok(refused.length > 0, `the server answered with a 4xx: ${JSON.stringify(sb.requests.slice(mark))}`);
      assert.ok(!result.ok && result.fieldErrors[place.path]?.trim(), `the error is on ${place.path}: ${JSON.stringify(result)}`);
      if ('fault' in how) assert.match(result.fieldErrors[place.path]!, new RegExp(how.fault.message), 'with the server\'s words');
    });

    for (const kind of ['timeout', 'reset', '500'] as const satisfies readonly FaultKind[]) {
      it(`sends the create-contact write once when its answer is lost (${kind}), also on the form's retry`, async () => {
        const fresh = await contractFacts(sb, api);
        // Only a hung answer needs a short timeout; reads keep a generous one on a busy machine.
        if (kind === 'timeout') conn.setTimeoutMs(1500);
        try {
          const { handler, spec } = await openCreate(conn, fresh);
          const values = await fillForm(spec, handler);
          const write = fresh.createContactWrite;
          const matches = (w: { method: string; path: string }) => w.method === write.method && new RegExp(write.path).test(w.path.split('?')[0]!);
          const mark = sb.writes.length;
          sb.setFault({ kind, method: write.method, path: write.path, afterProcessing: true });
          const form = formHarness(handler);
          await form.submit(values, `lost-${kind}`);
          const landed = () => sb.writes.slice(mark).filter(matches);
          assert.equal(landed().length, 1, 'the write reached the server once');
          assert.ok(landed()[0]!.status < 300, `and landed (${landed()[0]!.status})`);
          // The webview sends the same message again (reload, reconnect): answered, not re-sent.
          await form.submit(values, `lost-${kind}`);
          if (handler.retryFailed) await form.retryFailed(`lost-${kind}-retry`);
          assert.equal(landed().length, 1, 'still once after the form\'s own retry');
        } finally {
          conn.setTimeoutMs(10_000);
        }
      });
    }

    it('sending the same values again after a lost answer does not write them twice', async () => {
      const fresh = await contractFacts(sb, api);
      const { handler, spec } = await openCreate(conn, fresh);
      const values = await fillForm(spec, handler);
      const write = fresh.createContactWrite;
      const mark = sb.writes.length;
      // Performed writes only: a server that refuses a replay (idempotency key, stale checksum) wrote nothing.
      const landed = () => sb.writes.slice(mark).filter((w) => w.method === write.method && new RegExp(write.path).test(w.path.split('?')[0]!) && w.status < 300);
      sb.setFault({ kind: '500', method: write.method, path: write.path, afterProcessing: true });
      const form = formHarness(handler);
      await form.submit(values, 'again-1');
      assert.equal(landed().length, 1, 'the first send landed');
      // The person reads "outcome unknown" and presses the button again: a new request id, the same values.
      const second = await form.submit(values, 'again-2');
      assert.equal(landed().length, 1, `a second send wrote again (${JSON.stringify(second)})`);
    });
  });
}

async function openCreate(conn: ContractConnection, facts: ContractFacts): Promise<{ handler: FormHandler; spec: FormSpec; company: Company }> {
  const provider = await conn.provider();
  const open = createContactForm(provider);
  assert.ok(open, 'the provider offers a create-contact form');
  assert.ok(facts.companyForNewContact, 'the sandbox names a company for a new contact');
  const company = await conn.company(facts.companyForNewContact);
  const handler = await open(company);
  return { handler, spec: handler.spec(), company };
}

/** Every form the provider offers, opened on the first suitable company, contact or user. */
async function openForms(conn: ContractConnection, provider: Awaited<ReturnType<ContractConnection['provider']>>, facts: ContractFacts): Promise<Array<{ name: string; spec: FormSpec }>> {
  const forms = provider.forms;
  const out: Array<{ name: string; spec: FormSpec }> = [];
  const primary = facts.primaryContact;
  const withContact = primary ? await conn.company(primary.companyId) : undefined;
  const create = createContactForm(provider);
  if (create) out.push({ name: 'create contact', spec: (await openCreate(conn, facts)).spec });
  if (forms.editContact) {
    assert.ok(withContact && primary, 'a company with a contact to edit');
    const contact: Contact | undefined = (await provider.listContacts(withContact.id)).find((c) => c.id === primary.contactId);
    assert.ok(contact, 'the primary contact is listed');
    out.push({ name: 'edit contact', spec: (await forms.editContact(withContact, contact, noEffects)).spec() });
  }
  if (forms.editUser) {
    assert.ok(provider.listUsers, 'editUser is offered, so users are listed');
    const [user] = (await provider.listUsers(undefined, 5)).items;
    assert.ok(user, 'a user to edit');
    out.push({ name: 'edit user', spec: (await forms.editUser(user, noEffects)).spec() });
  }
  if (forms.invite) {
    assert.ok(withContact, 'a company to invite');
    out.push({ name: 'invite', spec: (await forms.invite(withContact, noEffects)).spec() });
  }
  if (forms.bulkInvite) {
    assert.ok(withContact, 'a company to invite in bulk');
    out.push({ name: 'bulk invite', spec: (await forms.bulkInvite([withContact])).spec });
  }
  return out;
}
