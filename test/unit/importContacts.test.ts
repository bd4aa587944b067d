// Import Contacts from CSV: the CSV module's edge cases, header guessing in English and French,
// the dry run's problems, grouping per company, resume after a cancel and no duplicate on a
// second import of the same file, against Kare's sandbox over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ContactPrefill } from '../../src/core/forms';
import type { Company } from '../../src/core/model';
import { parseCsv, writeCsv, CsvError } from '../../src/csv';
import { EXPORT_HEADER, guessMapping, mappingProblem, rememberedMapping, rememberMapping } from '../../src/forms/import/columns';
import { planImport, rowsPerSubmission, type ImportTarget } from '../../src/forms/import/plan';
import { dryRunMarkdown, resultCsv, resultPath } from '../../src/forms/import/report';
import { ImportJournals, runImport } from '../../src/forms/import/run';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { kareSignedIn } from './helpers/kare';
import { MemoryState } from './helpers/memoryState';

describe('CSV module', () => {
  it('drops a UTF-8 BOM, detects `;` (French Excel), reads quotes, doubled quotes, embedded newlines and CRLF', () => {
    const t = parseCsv('\ufeffPrénom;Nom;Courriel\r\n"Jean; ""JJ""";Dupont;j@x.fr\r\n"deux\r\nlignes";B;c@x.fr\r\n');
    assert.equal(t.bom, true);
    assert.equal(t.delimiter, ';');
    assert.deepEqual(t.header, ['Prénom', 'Nom', 'Courriel']);
    assert.deepEqual(t.rows, [['Jean; "JJ"', 'Dupont', 'j@x.fr'], ['deux\r\nlignes', 'B', 'c@x.fr']]);
  });
  it('detects a comma, pads short rows and skips blank lines', () => {
    const t = parseCsv('a,b,c\n1,2\n\n4,5,6\n');
    assert.equal(t.delimiter, ',');
    assert.equal(t.bom, false);
    assert.deepEqual(t.rows, [['1', '2', ''], ['4', '5', '6']]);
  });
  it('refuses an unclosed quote, naming the line', () => {
    assert.throws(() => parseCsv('a,b\n"open,2\n3,4\n'), (e: unknown) => e instanceof CsvError && /Line \d/.test(e.message));
  });
  it('writes what it reads back, quoting only where needed, with CRLF and an optional BOM', () => {
    const rows = [['a', 'b'], ['x;y', 'q"z'], ['l\nm', '']];
    const text = writeCsv(rows, { delimiter: ';', bom: true });
    assert.ok(text.startsWith('\ufeffa;b\r\n"x;y";"q""z"\r\n'));
    const back = parseCsv(text);
    assert.deepEqual([back.header, ...back.rows], rows);
  });
});

describe('column guessing', () => {
  it('reads French headers: Prénom + Nom are first and last name, Courriel the e-mail, Société the company', () => {
    assert.deepEqual(guessMapping(['Société', 'Prénom', 'Nom', 'Courriel', 'Téléphone', 'Fonction']), ['company', 'firstName', 'lastName', 'email', 'phone', 'title']);
  });
  it('reads "Nom" alone as the whole name, E-mail/Email alike, and gives a field to its first column only', () => {
    assert.deepEqual(guessMapping(['Nom', 'E-mail', 'Email', 'Company', 'Whatever']), ['name', 'email', 'ignore', 'company', 'ignore']);
  });
  it('reads back the export header without asking', () => {
    const header = Object.values(EXPORT_HEADER);
    assert.deepEqual(guessMapping(header), Object.keys(EXPORT_HEADER));
    assert.equal(mappingProblem(guessMapping(header)), undefined);
  });
  it('says what is missing', () => {
    assert.match(mappingProblem(['name', 'email'])!, /company/);
    assert.match(mappingProblem(['company', 'name'])!, /e-mail/);
  });
  it('remembers a mapping per header (schema-checked: junk in the state is ignored)', async () => {
    const state = new MemoryState();
    await state.update('portfolioContacts.importMappings', { x: 'junk' });
    assert.equal(rememberedMapping(state, ['A', 'B']), undefined);
    await rememberMapping(state, ['A', 'B'], ['email', 'company']);
    assert.deepEqual(rememberedMapping(state, ['a', ' b ']), ['email', 'company']);
    assert.equal(rememberedMapping(state, ['A', 'C']), undefined);
  });
});

const ROWS_PER_COMPANY = 3;
let sb: RunningSandbox;
before(async () => (sb = await startSandbox({ companies: 8, seed: 12 })));
after(() => sb.close());

async function kareTarget() {
  const k = await kareSignedIn(sb);
  const companies: Company[] = (await k.provider.listCompanies(undefined, 100)).items.slice(0, 4);
  const effects = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };
  const createForm = (company: Company, prefill: ContactPrefill[]) => k.provider.forms.createContacts!(company, effects, { prefill });
  const target: ImportTarget = { companies, contactsPerCompany: 'many', listContacts: (id, s) => k.provider.listContacts(id, s), createForm, concurrency: 4 };
  const perSubmission = rowsPerSubmission((await createForm(companies[0]!, [])).spec());
  return { k, companies, target, createForm, perSubmission };
}

function csvFor(companies: Company[], tag: string): string {
  const lines = [['Société', 'Prénom', 'Nom', 'Courriel']];
  companies.forEach((c, i) => {
    for (let r = 0; r < ROWS_PER_COMPANY; r++) lines.push([c.name, `Ana${r}`, `Imp ${tag}${i}`, `ana${r}.${tag}${i}@import-test.fr`]);
  });
  return writeCsv(lines, { delimiter: ';', bom: true });
}

const kareContactPosts = (since: number) => sb.writes.slice(since).filter((w) => w.api === 'kare' && w.method === 'POST' && /\/contacts$/.test(w.path)).length;

describe('dry run', () => {
  it('lists the problems per row and field: unknown company, a bad e-mail, a duplicate row, a contact already there', async () => {
    const { k, companies, target, perSubmission } = await kareTarget();
    const existing = (await k.provider.listContacts(companies[0]!.id)).find((c) => c.email);
    assert.ok(existing, 'the seed gives the first company a contact with an e-mail');
    const text = writeCsv([
      ['Company', 'Name', 'E-mail'],
      [companies[0]!.name, 'Good One', 'good.one@import-test.fr'],
      ['No Such Company Ltd', 'Lost', 'lost@import-test.fr'],
      [companies[0]!.name, 'Bad Mail', 'not-an-address'],
      [companies[0]!.name, 'Good Again', 'GOOD.ONE@import-test.fr'],
      [companies[1]!.name, existing.name, existing.email!],
    ]);
    const plan = await planImport(parseCsv(text), ['company', 'name', 'email'], target, { perSubmission });
    assert.deepEqual(plan.verdicts.map((v) => v.status), ['valid', 'unknownCompany', 'invalid', 'duplicate', companies[1]!.id === existing.companyId ? 'exists' : 'valid']);
    assert.equal(plan.verdicts[2]!.problems[0]!.field, 'E-mail');
    const md = dryRunMarkdown('people.csv', 'Kare', plan.verdicts);
    assert.match(md, /\| 2 \| {2}\| Company \(name or domain\) \| No company named "No Such Company Ltd"/);
    assert.match(md, /\| 3 \| .* \| E-mail \| /);
    assert.match(md, /\| 4 \| .* \| E-mail \| The same e-mail as row 1/);
  });

  it('flags an existing contact of the same company as already there', async () => {
    const { k, companies, target, perSubmission } = await kareTarget();
    const c = (await k.provider.listContacts(companies[0]!.id)).find((x) => x.email)!;
    const plan = await planImport(parseCsv(writeCsv([['Company ID', 'Name', 'E-mail'], [companies[0]!.id, c.name, c.email!.toUpperCase()]])), ['companyId', 'name', 'email'], target, { perSubmission });
    assert.equal(plan.verdicts[0]!.status, 'exists');
    assert.equal(plan.groups.length, 0);
  });
});

describe('create, resume and re-import (Kare sandbox over HTTP)', () => {
  it('sends one POST per company with all its rows, resumes after a cancel without sending twice, and a second import sends nothing', async () => {
    const { k, companies, target, createForm, perSubmission } = await kareTarget();
    const table = parseCsv(csvFor(companies, 'r'));
    const mapping = guessMapping(table.header);
    const state = new MemoryState();
    const journals = new ImportJournals(state);
    const key = 'hash/conn';
    const byId = new Map(companies.map((c) => [c.id, c]));
    const since = sb.writes.length;

    // First run, cancelled once the first company is done.
    let plan = await planImport(table, mapping, target, { perSubmission, done: new Set(journals.get(key).created) });
    assert.equal(plan.groups.length, companies.length, 'one group per company');
    assert.ok(plan.groups.every((g) => g.rows.length === ROWS_PER_COMPANY));
    const ac = new AbortController();
    let journal = journals.get(key);
    await runImport(plan.groups, plan.verdicts, { companies: byId, createForm, journal, save: (j) => journals.save(j), concurrency: 1, signal: ac.signal, onProgress: () => ac.abort() });
    const first = kareContactPosts(since);
    assert.equal(first, 1, 'the cancel stopped after the first company');
    assert.ok(plan.verdicts.some((v) => v.status === 'cancelled'));
    assert.equal(journals.get(key).created.length, ROWS_PER_COMPANY, 'the journal on disk has the created rows');

    // Resumed: the same file again, the journal read back from the state.
    journal = journals.get(key);
    plan = await planImport(table, mapping, target, { perSubmission, done: new Set(journal.created) });
    assert.equal(plan.verdicts.filter((v) => v.status === 'done').length, ROWS_PER_COMPANY);
    await runImport(plan.groups, plan.verdicts, { companies: byId, createForm, journal, save: (j) => journals.save(j), concurrency: 4, signal: new AbortController().signal });
    assert.equal(kareContactPosts(since), companies.length, 'one POST per company over both runs');
    assert.ok(plan.verdicts.filter((v) => v.status !== 'done').every((v) => v.status === 'created'));

    // A second import of the same file with no journal: every row is already there.
    const again = await planImport(table, mapping, target, { perSubmission });
    assert.ok(again.verdicts.every((v) => v.status === 'exists'), again.verdicts.map((v) => v.status).join());
    assert.equal(again.groups.length, 0);
    for (const c of companies) {
      const emails = (await k.provider.listContacts(c.id)).map((x) => x.email?.toLowerCase()).filter((e) => e?.endsWith('@import-test.fr'));
      assert.equal(new Set(emails).size, emails.length, `no duplicate in ${c.name}`);
    }

    const result = parseCsv(resultCsv(table, plan.verdicts));
    assert.deepEqual(result.header.slice(0, 3), ['row', 'status', 'message']);
    assert.deepEqual(result.header.slice(3), table.header);
    assert.equal(result.delimiter, ';');
    assert.equal(resultPath('/w/people.csv'), '/w/people.result.csv');
  });
});

describe('one designated contact per company', () => {
  const company: Company = { id: 'c1', name: 'Acme' };
  const form = async () => ({ spec: () => ({ kind: 'createContacts' as const, title: '', submitLabel: '', draftKey: 'x', fields: [{ name: 'email', label: 'E-mail', kind: 'email' as const, required: true }], values: { email: 'a@acme.com' } }), submit: async () => ({ message: 'ok' }) });
  const table = parseCsv(writeCsv([['Company', 'Name', 'E-mail', 'Primary'], ['Acme', 'A', 'a@acme.com', ''], ['Acme', 'B', 'b@acme.com', ''], ['Acme', 'C', 'c@acme.com', 'oui']]));
  const mapping = guessMapping(table.header);

  it('refuses a second row, and any row where the company already has one, when the form cannot create a non-designated contact', async () => {
    const target: ImportTarget = { companies: [company], contactsPerCompany: 'one', listContacts: async () => [], createForm: form, concurrency: 1 };
    const plan = await planImport(table, mapping, target, { perSubmission: 1 });
    assert.deepEqual(plan.verdicts.map((v) => v.status), ['valid', 'invalid', 'invalid']);
    assert.match(plan.verdicts[1]!.problems[0]!.message, /takes one contact only, and row 1 is it/);
    const held = await planImport(table, mapping, { ...target, listContacts: async () => [{ id: 'x', companyId: 'c1', name: 'Old', email: 'old@acme.com', isPrimary: true }] }, { perSubmission: 1 });
    assert.ok(held.verdicts.every((v) => v.status === 'invalid' && /already has a contact \(old@acme\.com\)/.test(v.problems[0]!.message)));
  });

  it('with a form that creates beside the designated contact: the row marked primary is it, the others are created beside it, one submission each', async () => {
    const target: ImportTarget = { companies: [company], contactsPerCompany: 'one', createsNonPrimary: true, listContacts: async () => [], createForm: form, concurrency: 1 };
    const plan = await planImport(table, mapping, target, { perSubmission: 1 });
    assert.deepEqual(plan.verdicts.map((v) => [v.status, v.prefill.primary]), [['valid', false], ['valid', false], ['valid', true]]);
    assert.deepEqual(plan.groups.map((g) => g.rows), [[1], [2], [3]]);
  });

  it('reads "yes/no" in English and French, and names a value that is neither', async () => {
    const t = parseCsv(writeCsv([['Company', 'Name', 'E-mail', 'Principal'], ['Acme', 'A', 'a@acme.com', 'peut-être']]));
    const plan = await planImport(t, guessMapping(t.header), { companies: [company], contactsPerCompany: 'many', listContacts: async () => [], createForm: form, concurrency: 1 }, { perSubmission: 1 });
    assert.equal(plan.verdicts[0]!.status, 'invalid');
    assert.match(plan.verdicts[0]!.problems[0]!.message, /"peut-être" is neither yes nor no/);
  });
});
