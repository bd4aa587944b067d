// Kare's contact forms: seed 003's rules at their edges (the shared validator where it covers a rule,
// the handler's own host-side check for all of them), one POST for several contacts, a refused row
// shown on `contacts.<row>.<field>`, a partial insert and a lost answer reported honestly, the
// edit's PATCH (notify always, only what changed, [] and null to clear), and no secret in any text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { Redactor, redactingLogger, silentLogger } from '../../src/core/redact';
import type { FieldSpec, FormRow, FormSpec } from '../../src/protocol/forms';
import { validateField, validateForm } from '../../src/protocol/validate';
import { KareProvider } from '../../src/providers/kare/client';
import { checkRows, checkValue, contactFields, contactInput, contactPatch, kareForms, landedRows, MAX_ROWS, prefilledRow } from '../../src/providers/kare/forms';
import { generateKareData } from '../../src/sandbox/kare/seed';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { memorySlot, type InDoubtSlot } from '../../src/core/forms';
import { liveHandler } from '../../src/forms/live';
import { InDoubtStore } from '../../src/forms/inDoubt';
import type { KareCalls } from '../../src/providers/kare/calls';
import type { ContactInput, KareContact } from '../../src/providers/kare/schemas';
import { countingEffects, formHarness, recordingLogger, until } from './helpers/faultKit';
import { kareSignedIn } from './helpers/kare';
import { json, scriptedServer } from './helpers/scriptedServer';

/** Seed 003's pattern as printed there, character for character. */
const SEED_PATTERN = String.raw`^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`;

const fields = contactFields();
const field = (name: string): FieldSpec => fields.find((f) => f.name === name)!;
const row = (over: Partial<FormRow> = {}): FormRow => ({ name: 'Jeanne Martin', notify: false, email: '', phones: [], comment: '', ...over });
/** An address that matches the pattern and has exactly `n` characters. */
const emailOf = (n: number) => `${'a'.repeat(n - '@dupont.fr'.length)}@dupont.fr`;

const SEED = 5;
const COMPANIES = 12;
const data = generateKareData({ seed: SEED, companies: COMPANIES });
const dupont = { id: String(data.companies[0]!.id), name: data.companies[0]!.name };

let sb: RunningSandbox;
before(async () => (sb = await startSandbox({ companies: COMPANIES, seed: SEED })));
after(() => sb.close());

const posts = (since: number) => sb.requests.slice(since).filter((r) => r.api === 'kare' && r.method === 'POST' && /\/contacts$/.test(r.path));

async function createSpec(): Promise<FormSpec> {
  const k = await kareSignedIn(sb);
  return (await k.provider.forms.createContacts!(dupont, countingEffects().effects)).spec();
}

describe('Kare create-contacts spec', () => {
  it('is one rows field "contacts" whose row fields are exactly seed 003\'s, the pattern verbatim', async () => {
    const spec = await createSpec();
    assert.equal(spec.kind, 'createContacts');
    assert.equal(spec.fields.length, 1);
    const rows = spec.fields[0]!;
    assert.deepEqual(
      { name: rows.name, kind: rows.kind, minRows: rows.minRows, maxRows: rows.maxRows, addLabel: rows.addLabel, rowLabel: rows.rowLabel, paste: rows.paste },
      { name: 'contacts', kind: 'rows', minRows: 1, maxRows: MAX_ROWS, addLabel: 'Add contact', rowLabel: 'Contact', paste: 'nameEmail' },
    );
    assert.deepEqual(rows.fields!.map((f) => f.name), ['name', 'notify', 'email', 'phones', 'comment']);
    const by = Object.fromEntries(rows.fields!.map((f) => [f.name, f]));
    assert.deepEqual([by.name!.required, by.name!.maxLength], [true, 250]);
    assert.deepEqual([by.notify!.kind, by.notify!.required], ['checkbox', true]);
    assert.deepEqual([by.email!.required, by.email!.maxLength, by.email!.pattern], [undefined, 250, SEED_PATTERN]);
    assert.deepEqual([by.phones!.kind, by.phones!.maxItems, by.phones!.itemMaxLength], ['lineList', 5, 50]);
    assert.deepEqual([by.comment!.kind, by.comment!.required, by.comment!.maxLength], ['textarea', undefined, 2500]);
    assert.deepEqual(spec.values.contacts, [row({ name: '' })], 'one empty row, notify off');
  });
});

describe('Kare contact rules at their edges', () => {
  it('e-mail pattern: leading dot, double dot, dot before @, one-letter TLD and non-ASCII refused; apostrophe and plus accepted', () => {
    const email = field('email');
    for (const bad of ['.jeanne@dupont.fr', 'jeanne..martin@dupont.fr', 'jeanne.@dupont.fr', 'jeanne@dupont.f', 'jéanne@dupont.fr', 'jeanne@dupönt.fr', 'jeanne@-dupont.fr']) {
      assert.ok(checkValue(email, bad), `${bad} must be refused`);
    }
    for (const good of ["o'brien@dupont.fr", 'jeanne+kare@dupont.fr', 'j_m-1@sous.dupont.fr', 'a@b.co']) assert.equal(checkValue(email, good), undefined, good);
  });

  it('e-mail: 250 characters accepted, 251 refused; empty is fine and sent as null', () => {
    const email = field('email');
    assert.equal(checkValue(email, emailOf(250)), undefined);
    assert.match(checkValue(email, emailOf(251)) ?? '', /at most 250/);
    assert.equal(checkValue(email, ''), undefined);
    assert.equal(contactInput(row({ email: '' })).email, null);
    assert.equal(contactInput(row({ email: ' a@b.co ' })).email, 'a@b.co');
  });

  it('name: required, 250 accepted and 251 refused, by the shared validator and the host check alike', () => {
    const name = field('name');
    for (const check of [validateField, checkValue]) {
      assert.equal(check(name, 'x'.repeat(250)), undefined);
      assert.ok(check(name, 'x'.repeat(251)));
      assert.ok(check(name, ''));
      assert.ok(check(name, '   '));
    }
  });

  it('comment: 2500 accepted, 2501 refused; empty is fine and sent as null', () => {
    const comment = field('comment');
    for (const check of [validateField, checkValue]) {
      assert.equal(check(comment, 'c'.repeat(2500)), undefined);
      assert.ok(check(comment, 'c'.repeat(2501)));
      assert.equal(check(comment, ''), undefined);
    }
    assert.equal(contactInput(row({ comment: '' })).comment, null);
  });

  it('lengths count code points as JSON Schema does: 250 emoji are a 250-character name', () => {
    assert.equal(checkValue(field('name'), '😀'.repeat(250)), undefined);
    assert.ok(checkValue(field('name'), '😀'.repeat(251)));
  });

  it('phones: 5 accepted and 6 refused (shared validator and host check); 50 characters accepted, 51 refused; free text', () => {
    const phones = field('phones');
    const five = ['phone1', 'phone2', 'phone3', 'phone4', 'phone5'];
    for (const check of [validateField, checkValue]) {
      assert.equal(check(phones, five), undefined);
      assert.ok(check(phones, [...five, 'phone6']));
    }
    assert.equal(checkValue(phones, ['9'.repeat(50)]), undefined);
    assert.match(checkValue(phones, ['9'.repeat(51)]) ?? '', /at most 50/);
    assert.equal(checkValue(phones, ['standard, poste 12']), undefined);
  });

  it('notify: required means always sent, false when off', () => {
    assert.equal(checkValue(field('notify'), false), undefined);
    assert.ok(checkValue(field('notify'), undefined));
    assert.equal(contactInput(row()).notify, false);
    assert.equal(contactInput(row({ notify: true })).notify, true);
  });

  it('rows: the host check keys problems by contacts.<row>.<field>, and refuses 0 or more than 50 rows', () => {
    const problems = checkRows(fields, [row(), row({ email: 'jeanne..martin@dupont.fr', phones: ['1', '2', '3', '4', '5', '6'] }), row({ name: '' })]);
    assert.deepEqual(Object.keys(problems).sort(), ['contacts.1.email', 'contacts.1.phones', 'contacts.2.name']);
    assert.ok(checkRows(fields, []).contacts);
    assert.ok(checkRows(fields, Array.from({ length: 51 }, () => row())).contacts);
    assert.deepEqual(checkRows(fields, Array.from({ length: 50 }, () => row())), {});
  });

  it('whole form through validateForm: a bad row is keyed contacts.1.email', async () => {
    const spec = await createSpec();
    const errors = validateForm(spec, { contacts: [row(), row({ email: '.jeanne@dupont.fr' })] });
    assert.ok(errors['contacts.1.email']);
  });

  it('pattern and itemMaxLength in the shared validator', () => {
    assert.ok(validateField(field('email'), 'jeanne..martin@dupont.fr'));
    assert.ok(validateField(field('phones'), ['9'.repeat(51)]));
  });
});

describe('Kare create contacts against the sandbox', () => {
  it('creates 3 contacts in ONE POST of an array, reports "3 contacts created in Dupont Maintenance" and finds them by re-listing', async () => {
    const k = await kareSignedIn(sb);
    const { effects, calls } = countingEffects();
    const form = formHarness(await k.provider.forms.createContacts!(dupont, effects));
    const before = (await k.provider.listContacts(dupont.id)).length;
    const since = sb.requests.length;
    const rows = [
      row({ name: 'Alice Bernard', email: "alice.o'bernard@dupont.fr", phones: ['01 23 45 67 89'], notify: true }),
      row({ name: 'Bruno Caron', comment: 'Astreinte le week-end' }),
      row({ name: 'Chloé Dubois', email: 'chloe+kare@dupont.fr', phones: ['phone1', 'phone2'] }),
    ];
    const result = await form.submit({ contacts: rows });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.message, '3 contacts created in Dupont Maintenance.');
    const sent = posts(since);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.body, [
      { name: 'Alice Bernard', notify: true, email: "alice.o'bernard@dupont.fr", phones: ['01 23 45 67 89'], comment: null },
      { name: 'Bruno Caron', notify: false, email: null, comment: 'Astreinte le week-end' },
      { name: 'Chloé Dubois', notify: false, email: 'chloe+kare@dupont.fr', phones: ['phone1', 'phone2'], comment: null },
    ]);
    assert.deepEqual(calls, [`contacts:${dupont.id}`]);
    const now = await k.provider.listContacts(dupont.id);
    assert.equal(now.length, before + 3);
    assert.ok(['Alice Bernard', 'Bruno Caron', 'Chloé Dubois'].every((n) => now.some((c) => c.name === n && !c.isPrimary)));
  });

  it('the handler\'s own host check refuses a bad row before anything is sent, on contacts.1.email', async () => {
    const k = await kareSignedIn(sb);
    const handler = await k.provider.forms.createContacts!(dupont, countingEffects().effects);
    const since = sb.requests.length;
    const ctx = { signal: new AbortController().signal, requestId: 'r1', post: () => undefined };
    await assert.rejects(handler.submit({ contacts: [row(), row({ email: 'jeanne.@dupont.fr' })] }, ctx), (e: unknown) => e instanceof ApiError && e.kind === 'refused' && e.status === undefined && Object.keys(e.fieldErrors).join() === 'contacts.1.email');
    assert.equal(sb.requests.length, since, 'nothing sent, not even the listing');
    const placed = handler.placeError!(new ApiError({ kind: 'refused', method: 'POST', path: '', message: 'Some fields need attention: nothing was sent.', fieldErrors: { 'contacts.1.email': ['bad'] } }));
    assert.deepEqual(placed?.fieldErrors, { 'contacts.1.email': 'bad' });
    // Through the controller too: whichever check catches it first, the error is on the row's field.
    const form = formHarness(handler);
    const result = await form.submit({ contacts: [row(), row({ email: 'jeanne.@dupont.fr' })] });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.fieldErrors['contacts.1.email']);
    assert.equal(posts(since).length, 0);
  });

  it('a batch Kare refuses for one row puts the error on contacts.1.email and says none was created', async () => {
    const k = await kareSignedIn(sb);
    const handler = await k.provider.forms.createContacts!(dupont, countingEffects().effects);
    const before = (await k.provider.contactRecords(dupont.id)).length;
    // The form would never send this row; the client is called directly to see what Kare answers.
    const error = await k.provider.createContacts(dupont.id, [contactInput(row()), { name: 'Bad Row', notify: false, email: 'bad..row@dupont.fr' }, contactInput(row())]).then(
      () => assert.fail('the sandbox must refuse the batch'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError && error.status === 400);
    assert.deepEqual(Object.keys(error.fieldErrors), ['contacts.1.email']);
    assert.equal((await k.provider.contactRecords(dupont.id)).length, before, 'refused whole');
    const placed = handler.placeError!(error)!;
    assert.deepEqual(Object.keys(placed.fieldErrors), ['contacts.1.email']);
    assert.match(placed.message, /Kare refused the batch for .+ \(Contact 2 · E-mail\), so none of the contacts was created/, 'the banner names the row and the field');
  });

  it('a lost answer after the write landed: re-listed, found, reported as created; the POST is not sent again', async () => {
    const k = await kareSignedIn(sb, { timeoutMs: 3000 });
    const form = formHarness(await k.provider.forms.createContacts!(dupont, countingEffects().effects));
    sb.setFault({ kind: 'reset', method: 'POST', path: '/contacts', afterProcessing: true });
    const since = sb.requests.length;
    try {
      const result = await form.submit({ contacts: [row({ name: 'Perdu Un' }), row({ name: 'Perdu Deux' })] });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.match(result.message, /answer was lost.*all 2 contacts are there/);
    } finally {
      sb.clearFaults();
    }
    assert.equal(posts(since).length, 1);
  });

  it('a lost answer before the write landed: re-listed, nothing new, the person is told to submit again (not resent by itself)', async () => {
    const k = await kareSignedIn(sb, { timeoutMs: 3000 });
    const form = formHarness(await k.provider.forms.createContacts!(dupont, countingEffects().effects));
    sb.setFault({ kind: 'reset', method: 'POST', path: '/contacts' });
    const since = sb.requests.length;
    try {
      const result = await form.submit({ contacts: [row({ name: 'Jamais Arrivé' })] });
      assert.equal(result.ok, false);
      assert.match(result.message, /listed again and none of these 1 contact is listed in Dupont Maintenance yet\. Submitting again lists them first/);
      assert.doesNotMatch(result.message, /nothing was created/);
    } finally {
      sb.clearFaults();
    }
    assert.equal(posts(since).length, 1);
  });
});

describe('Kare create contacts: a write that lands after its answer was lost (issue 7)', () => {
  /**
   * The POST waits in the sandbox longer than the client's timeout, so it lands after the re-list
   * that follows the timeout; every other request is answered at once.
   */
  async function slowPost() {
    const k = await kareSignedIn(sb, { timeoutMs: 400 });
    const p = k.provider;
    const create = p.createContacts.bind(p);
    const list = p.contactRecords.bind(p);
    p.createContacts = (id, rows, signal) => {
      sb.setLatency(1500);
      return create(id, rows, signal);
    };
    p.contactRecords = (id, signal) => {
      sb.setLatency(0);
      return list(id, signal);
    };
    return p;
  }
  const landedPost = (since: number) => sb.writes.slice(since).some((w) => w.api === 'kare' && w.method === 'POST' && w.status === 201);
  const named = async (names: string[]) => {
    const k = await kareSignedIn(sb);
    const all = await k.provider.contactRecords(dupont.id);
    return names.map((n) => all.filter((c) => c.name === n).length);
  };

  it('the answer times out, the re-list does not show the rows yet ("not listed yet"); resubmitted after they land, nothing is sent again and each row exists once', async () => {
    const form = formHarness(await (await slowPost()).forms.createContacts!(dupont, countingEffects().effects));
    const values = { contacts: [row({ name: 'Lente Une' }), row({ name: 'Lente Deux', email: 'lente.deux@dupont.fr' })] };
    const since = sb.requests.length;
    const writes = sb.writes.length;
    try {
      const first = await form.submit(values);
      assert.equal(first.ok, false);
      assert.match(first.message, /none of these 2 contacts is listed in Dupont Maintenance yet/);
      await until(() => landedPost(writes), 'the slow POST to land');
    } finally {
      sb.setLatency(0);
    }
    const again = await form.submit(values);
    assert.equal(again.ok, true, again.message);
    assert.match(again.message, /^The earlier attempt reached Kare: all 2 contacts are listed/);
    assert.equal(posts(since).length, 1, 'one POST ever');
    assert.deepEqual(await named(['Lente Une', 'Lente Deux']), [1, 1]);
  });

  it('a form rebuilt (new provider) between the lost answer and the resubmit still re-lists first, through the host\'s store', async () => {
    const store = new InDoubtStore();
    const first = await slowPost();
    const open = (p: KareCalls & { forms: typeof first.forms }) => p.forms.createContacts!(dupont, countingEffects().effects);
    let provider = first;
    const handler = liveHandler(first, await open(first), async () => provider, open);
    const form = formHarness(handler, undefined, { inDoubt: store, scope: 'conn-1' });
    const values = { contacts: [row({ name: 'Refaite Une' })] };
    const since = sb.requests.length;
    const writes = sb.writes.length;
    try {
      assert.equal((await form.submit(values)).ok, false);
      await until(() => landedPost(writes), 'the slow POST to land');
    } finally {
      sb.setLatency(0);
    }
    assert.ok(store.get('conn-1/kare/' + dupont.id + '/create-contacts'), 'kept under the scoped draft key');
    provider = (await kareSignedIn(sb)).provider;
    const again = await form.submit(values);
    assert.equal(again.ok, true, again.message);
    assert.match(again.message, /^The earlier attempt reached Kare/);
    assert.equal(posts(since).length, 1, 'the rebuilt form sent no second POST');
    assert.deepEqual(await named(['Refaite Une']), [1]);
  });

  it('after a lost answer, only the rows not listed are sent again', async () => {
    const listed: KareContact[] = [{ id: 1, name: 'Ancien', email: null }];
    const posted: ContactInput[][] = [];
    const calls: KareCalls = {
      locale: undefined,
      contactRecords: async () => [...listed],
      createContacts: async (_id, rows) => {
        posted.push(rows);
        if (posted.length === 1) {
          listed.push({ id: 2, name: 'Arrivé', email: null });
          throw new ApiError({ kind: 'timeout', method: 'POST', path: '/contacts', message: 'no answer' });
        }
        return rows.length;
      },
      updateContact: async () => assert.fail('no PATCH'),
    };
    const slot: InDoubtSlot = memorySlot();
    const ctx = (requestId: string) => ({ signal: new AbortController().signal, requestId, post: () => undefined, inDoubt: slot });
    const values = { contacts: [row({ name: 'Arrivé' }), row({ name: 'Pas Arrivé' })] };
    // The first attempt created one row and lost its answer: told which, and that a resubmit sends only the other.
    await assert.rejects((await kareForms(calls).createContacts!(dupont, countingEffects().effects)).submit(values, ctx('a')), /Contact 1 \(Arrivé\) is there now, Contact 2 \(Pas Arrivé\) not listed yet\. Submitting again/);
    const ok = await (await kareForms(calls).createContacts!(dupont, countingEffects().effects)).submit(values, ctx('b'));
    assert.deepEqual(posted[1]!.map((r) => r.name), ['Pas Arrivé']);
    assert.match(ok.message, /^1 contact created in .+\. Contact 1 \(Arrivé\) had been created by the earlier attempt and was not sent again\./);
    assert.equal(slot.get(), undefined, 'settled');
  });
});

describe('Kare create contacts against a server that inserts part of a batch', () => {
  it('reports "Kare created 2 of the 3 contacts" and names the row that is missing', async () => {
    const listed: Array<{ id: number; name: string; email: string | null }> = [{ id: 1, name: 'Déjà Là', email: null }];
    const srv = await scriptedServer((req, res) => {
      if (req.method === 'POST') {
        // A lenient server: the row with a comment it dislikes is dropped, the others inserted.
        const rows = (JSON.parse(req.body) as Array<{ name: string; email: string | null; comment: string | null }>).filter((r) => r.comment === null);
        for (const r of rows) listed.push({ id: listed.length + 1, name: r.name, email: r.email });
        return json(res, 201, { nbInsertion: rows.length });
      }
      if (/\/contacts\?/.test(req.url)) return json(res, 200, { data: listed, pagination: { page: 1, pageSize: 100 } });
      return json(res, 200, { id: 7, name: 'Lenient', primaryContactId: null });
    });
    try {
      const p = new KareProvider({ baseUrl: srv.url, authorize: async () => ({ Authorization: 'Bearer a', 'X-Session-Token': 's' }), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 3000 });
      const form = formHarness(await p.forms.createContacts!({ id: '7', name: 'Lenient SARL' }, countingEffects().effects));
      const result = await form.submit({ contacts: [row({ name: 'Un' }), row({ name: 'Deux', comment: 'refusé' }), row({ name: 'Trois' })] });
      assert.equal(result.ok, true);
      assert.match(result.message, /^Kare created 2 of the 3 contacts in Lenient SARL\. Not created: Contact 2 \(Deux\)/);
      assert.equal(srv.seen.filter((s) => s.method === 'POST').length, 1);
    } finally {
      await srv.close();
    }
  });

  it('landedRows matches by name and e-mail, each listed contact once, ignoring those listed before', () => {
    const sent = [contactInput(row({ name: 'A' })), contactInput(row({ name: 'A' })), contactInput(row({ name: 'B', email: 'b@x.fr' }))];
    const before = [{ id: 1, name: 'A' }];
    const after = [{ id: 1, name: 'A' }, { id: 2, name: 'A' }, { id: 3, name: 'B', email: 'B@x.fr' }];
    assert.deepEqual(landedRows(sent, before, after), [true, false, true]);
  });
});

describe('Kare edit contact', () => {
  it('sends notify always and only what changed; clearing phones sends [] and the e-mail null, and Kare then holds them cleared', async () => {
    const k = await kareSignedIn(sb);
    const target = data.contacts.find((c) => c.phones.length > 0 && c.email !== null && c.companyId === data.companies[1]!.id)!;
    assert.ok(target, 'the seed has a contact with phones and an e-mail');
    const company = { id: String(target.companyId), name: data.companies[1]!.name };
    const contact = (await k.provider.listContacts(company.id)).find((c) => c.id === String(target.id))!;
    const { effects, calls } = countingEffects();
    const form = formHarness(await k.provider.forms.editContact!(company, contact, effects));
    const since = sb.requests.length;
    const result = await form.submit({ name: target.name, notify: false, email: '', phones: [], comment: target.comment ?? '' });
    assert.equal(result.ok, true, JSON.stringify(result));
    const patches = sb.requests.slice(since).filter((r) => r.method === 'PATCH');
    assert.equal(patches.length, 1);
    assert.equal(patches[0]!.path, `/companies/v2/rs/${target.companyId}/contacts/${target.id}`);
    assert.deepEqual(patches[0]!.body, { notify: false, email: null, phones: [] });
    assert.deepEqual(calls, [`contacts:${company.id}`]);
    const now = (await k.provider.contactRecords(company.id)).find((c) => c.id === target.id)!;
    assert.deepEqual([now.phones, now.email], [[], null]);
  });

  it('nothing changed and notify off: nothing is sent', async () => {
    const k = await kareSignedIn(sb);
    const target = data.contacts.find((c) => c.companyId === data.companies[2]!.id)!;
    const company = { id: String(target.companyId), name: data.companies[2]!.name };
    const contact = (await k.provider.listContacts(company.id)).find((c) => c.id === String(target.id))!;
    const handler = await k.provider.forms.editContact!(company, contact, countingEffects().effects);
    const since = sb.requests.length;
    const out = await handler.submit(handler.spec().values, { signal: new AbortController().signal, requestId: 'x', post: () => undefined });
    assert.equal(out.nothingSent, true);
    assert.equal(sb.requests.slice(since).filter((r) => r.method === 'PATCH').length, 0);
  });

  it('a PATCH Kare refuses puts its error on the edit form\'s own field (email), not a row path', async () => {
    const k = await kareSignedIn(sb);
    const target = data.contacts.find((c) => c.companyId === data.companies[2]!.id)!;
    const company = { id: String(target.companyId), name: data.companies[2]!.name };
    const contact = (await k.provider.listContacts(company.id)).find((c) => c.id === String(target.id))!;
    const handler = await k.provider.forms.editContact!(company, contact, countingEffects().effects);
    const error = await k.provider.updateContact(company.id, contact.id, { notify: false, email: '.bad@dupont.fr' }).then(
      () => assert.fail('the sandbox must refuse the e-mail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError && error.status === 400);
    assert.deepEqual(Object.keys(error.fieldErrors), ['email']);
    const placed = handler.placeError!(error)!;
    assert.deepEqual(Object.keys(placed.fieldErrors), ['email']);
    assert.match(placed.message, /Kare refused the change to .+; nothing was saved\. E-mail: /, 'the banner names the contact and the field');
  });

  it('contactPatch: a cleared comment is null, a renamed contact sends its name, notify true alone is sent', () => {
    const before = { id: 1, name: 'Jeanne', email: 'j@x.fr', phones: ['1'], comment: 'old' };
    assert.deepEqual(contactPatch(before, { name: 'Jeanne', notify: false, email: 'j@x.fr', phones: ['1'], comment: '' }), { notify: false, comment: null });
    assert.deepEqual(contactPatch(before, { name: 'Jeanne M.', notify: true, email: 'j@x.fr', phones: ['1'], comment: 'old' }), { notify: true, name: 'Jeanne M.' });
  });
});

describe('Kare secrets', () => {
  it('the password and the three tokens never reach the log or an error text, even when a server echoes them', async () => {
    const redactor = new Redactor();
    const log = recordingLogger();
    const logger = redactingLogger(log, redactor);
    const k = await kareSignedIn(sb, { redactor, logger });
    const texts: string[] = [];
    sb.setFault({ kind: 'echo-credentials', status: 400, method: 'POST', path: '/contacts' });
    sb.setFault({ kind: 'echo-credentials', status: 503, method: 'GET', path: '^/companies/v2/rs\\?', times: Infinity });
    try {
      const form = formHarness(await k.provider.forms.createContacts!(dupont, countingEffects().effects), logger);
      const result = await form.submit({ contacts: [row({ name: 'Écho' })] });
      assert.equal(result.ok, false);
      texts.push(result.message, ...(result.ok ? [] : Object.values(result.fieldErrors)));
      await k.provider.listCompanies(undefined, 5).then(
        () => assert.fail('the 503 must fail the read'),
        (e: unknown) => texts.push(String(e), (e as Error).stack ?? '', JSON.stringify(e)),
      );
    } finally {
      sb.clearFaults();
    }
    sb.kareSessions.expireAccessTokens();
    await k.provider.whoAmI();
    texts.push(...log.lines.map((l) => l.message));
    assert.ok(log.lines.some((l) => /renewed/.test(l.message)), 'the renewal was logged');
    const secrets = { password: sb.apis.kare.password, ...k.tokens, ...k.saved[0]!.tokens };
    for (const [name, secret] of Object.entries(secrets)) {
      for (const t of texts) assert.ok(!t.includes(secret), `${name} leaked into: ${t.slice(0, 200)}`);
    }
  });
});

describe('Kare create form prefilled with neutral people', () => {
  it('joins a split name, keeps e-mail, phones and comment, and leaves notify off', () => {
    assert.deepEqual(prefilledRow({ firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@example.fr', phones: ['+33 1 23'], title: 'CISO', comment: 'From another connection' }), {
      name: 'Jeanne Martin',
      notify: false,
      email: 'jeanne@example.fr',
      phones: ['+33 1 23'],
      comment: 'From another connection',
    });
  });
  it('prefers the whole name when the source has one', () => {
    assert.equal(prefilledRow({ name: ' Ana Ruiz ', firstName: 'X', lastName: 'Y' }).name, 'Ana Ruiz');
  });
});
