// Export rows and the CSV writer: the columns the import guesses, escaping, formula neutralisation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import { neutraliseCell, parseCsv, restoreCell, toCsv } from '../../src/csv';
import { guessMapping } from '../../src/forms/import/columns';
import { readRow } from '../../src/forms/import/plan';
import { CONTACT_COLUMNS, contactRows, contactsJson, type ExportedCompany } from '../../src/export/rows';

const items: ExportedCompany[] = [
  {
    connection: { id: 'k1', name: 'Kare sandbox', api: 'kare' },
    company: { id: '7', name: 'Acme, "Inc"', primaryDomain: 'acme.example' },
    contacts: [
      { id: 'p1', companyId: '7', name: 'Ann Lee', formalName: 'Dr Ann Lee', email: 'ann@acme.example', phone: '+33 1 23 45 67 89', phones: ['+33 6 00 00 00 00'], isPrimary: true },
      { id: 'p2', companyId: '7', name: 'Bob\nSecond line', email: null, isPrimary: false },
    ],
  },
  { connection: { id: 'k1', name: 'Kare sandbox', api: 'kare' }, company: { id: '8', name: 'Empty Co' }, contacts: [] },
];

describe('export', () => {
  it('writes one row per contact with its company columns, and a company without contacts as one row', () => {
    const rows = contactRows(items);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0], { 'Company ID': '7', Company: 'Acme, "Inc"', Domain: 'acme.example', Connection: 'Kare sandbox', API: 'Kare', 'Contact ID': 'p1', Name: 'Ann Lee', 'Full name': 'Dr Ann Lee', 'E-mail': 'ann@acme.example', Phone: '+33 1 23 45 67 89', 'Other phones': '+33 6 00 00 00 00', Primary: 'yes' });
    assert.deepEqual(rows[2], { 'Company ID': '8', Company: 'Empty Co', Domain: undefined, Connection: 'Kare sandbox', API: 'Kare' });
  });

  it('round-trips through a CSV parser: quotes, commas and embedded newlines intact', () => {
    const csv = toCsv(CONTACT_COLUMNS, contactRows(items));
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.meta.fields, [...CONTACT_COLUMNS]);
    assert.equal(parsed.data.length, 3);
    assert.equal(parsed.data[0]!.Company, 'Acme, "Inc"');
    assert.equal(parsed.data[1]!.Name, 'Bob\nSecond line');
    assert.equal(restoreCell(parsed.data[0]!.Phone!), '+33 1 23 45 67 89');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\t=1']) {
      assert.equal(neutraliseCell(bad), `'${bad}`);
      assert.equal(restoreCell(neutraliseCell(bad)), bad);
    }
    assert.equal(neutraliseCell('Ann'), 'Ann');
    const csv = toCsv(['Name'], [{ Name: '=cmd|calc' }]);
    assert.ok(csv.includes(`"'=cmd|calc"`), csv);
  });

  it('writes JSON with companies holding their contacts', () => {
    const out = JSON.parse(contactsJson(items)) as Array<{ company: { id: string }; contacts: Array<{ id: string; primary: boolean; phones: string[] }> }>;
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]!.contacts.map((c) => [c.id, c.primary, c.phones.length]), [['p1', true, 2], ['p2', false, 0]]);
    assert.deepEqual(out[1]!.contacts, []);
  });
});

describe('export → import round trip', () => {
  it('the import maps an exported file without asking and reads back each person as exported', () => {
    const csv = toCsv(CONTACT_COLUMNS, contactRows(items), { bom: true });
    const table = parseCsv(csv);
    const mapping = guessMapping(table.header);
    const mapped = Object.fromEntries(table.header.map((h, i) => [h, mapping[i]]));
    assert.deepEqual(
      { id: mapped['Company ID'], company: mapped.Company, name: mapped.Name, email: mapped['E-mail'], phone: mapped.Phone, primary: mapped.Primary },
      { id: 'companyId', company: 'company', name: 'name', email: 'email', phone: 'phone', primary: 'primary' },
    );
    const first = readRow(table.rows[0]!, mapping);
    assert.deepEqual(first.problems, []);
    assert.deepEqual(first.company, { id: '7', text: 'Acme, "Inc"' });
    // The exported phone was neutralised ("'+33…") against formula injection; the import restores it.
    assert.deepEqual(first.prefill, { name: 'Ann Lee', email: 'ann@acme.example', phones: ['+33 1 23 45 67 89'], primary: true });
  });
});
