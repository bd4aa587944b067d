// Rows, conditions, patterns and item limits, checked by the one validateForm that the webview
// runs as the person types and the host runs again; errors keyed by path (`contacts.2.email`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldSpec, FormSpec, FormValues } from '../../src/protocol/forms';
import { changedRaws, rawsOf } from '../../src/protocol/raw';
import { declaredValues, validateForm } from '../../src/protocol/validate';

// Kare's e-mail pattern exactly (seed 003).
const KARE_EMAIL = "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";

const contactRow: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 250 },
  { name: 'email', label: 'E-mail', kind: 'email', maxLength: 250, pattern: KARE_EMAIL, patternMessage: 'Not an address Kare accepts' },
  { name: 'phones', label: 'Phones', kind: 'lineList', maxItems: 5, itemMaxLength: 50 },
  { name: 'notify', label: 'Notify', kind: 'checkbox' },
];

const rowsSpec: FormSpec = {
  kind: 'createContacts',
  title: 'Create Contacts',
  submitLabel: 'Create',
  fields: [{ name: 'contacts', label: 'Contacts', kind: 'rows', fields: contactRow, minRows: 1, maxRows: 3, rowLabel: 'Contact', addLabel: 'Add contact', paste: 'nameEmail' }],
  values: { contacts: [{ name: '', email: '', phones: [], notify: false }] },
  draftKey: 'rows',
};

const row = (over: Record<string, unknown> = {}) => ({ name: 'Jane', email: 'jane@dupont.fr', phones: [], notify: true, ...over });

const personOrCompany: FormSpec = {
  kind: 'createContacts',
  title: 'Create Contact',
  submitLabel: 'Create',
  fields: [
    { name: 'subtype', label: 'Type', kind: 'select', options: [{ value: 'Person', label: 'Person' }, { value: 'Company', label: 'Company' }], required: true },
    { name: 'firstName', label: 'First name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Person' }, requiredWhen: { field: 'subtype', equals: 'Person' } },
    { name: 'companyName', label: 'Company name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Company' }, required: true },
    { name: 'city', label: 'City', kind: 'text', requiredWhen: { field: 'subtype', equals: ['Person', 'Company'] } },
  ],
  values: {},
  draftKey: 'gw',
};

describe('validateForm: rows', () => {
  it('keys a row field’s problem by its path, row by row', () => {
    const errors = validateForm(rowsSpec, { contacts: [row(), row({ name: '' }), row({ email: '.jane@dupont.fr' })] });
    assert.deepEqual(errors, { 'contacts.1.name': 'Name is required', 'contacts.2.email': 'Not an address Kare accepts' });
  });

  it('refuses fewer rows than minRows and more than maxRows', () => {
    assert.match(validateForm(rowsSpec, { contacts: [] }).contacts ?? '', /at least 1 contact/);
    assert.match(validateForm(rowsSpec, { contacts: [row(), row(), row(), row()] }).contacts ?? '', /At most 3 contacts/);
    assert.deepEqual(validateForm(rowsSpec, { contacts: [row(), row(), row()] }), {});
  });

  it('applies the pattern exactly: apostrophe and plus pass, a dot before @ and a one-letter TLD do not', () => {
    const check = (email: string) => validateForm(rowsSpec, { contacts: [row({ email })] })['contacts.0.email'];
    assert.equal(check("o'neil+x@dupont.fr"), undefined);
    assert.equal(check('jane.@dupont.fr'), 'Not an address Kare accepts');
    assert.equal(check('jane@dupont.f'), 'Not an address Kare accepts');
    assert.equal(check('jane..doe@dupont.fr'), 'Not an address Kare accepts');
    assert.equal(check('jané@dupont.fr'), 'Not an address Kare accepts');
  });

  it('limits each list item (50 passes, 51 does not) and the number of items (5 passes, 6 does not)', () => {
    const phones = (list: string[]) => validateForm(rowsSpec, { contacts: [row({ phones: list })] })['contacts.0.phones'];
    assert.equal(phones(['x'.repeat(50)]), undefined);
    assert.match(phones(['x'.repeat(51)]) ?? '', /at most 50 characters/);
    assert.equal(phones(['1', '2', '3', '4', '5']), undefined);
    assert.match(phones(['1', '2', '3', '4', '5', '6']) ?? '', /At most 5 entries/);
  });
});

describe('validateForm: conditions', () => {
  it('requires a field only while its requiredWhen holds', () => {
    assert.deepEqual(validateForm(personOrCompany, { subtype: 'Person', firstName: '', city: 'Austin' }), { firstName: 'First name is required' });
    assert.deepEqual(validateForm(personOrCompany, { subtype: 'Company', companyName: 'Acme', city: '' }), { city: 'City is required' });
  });

  it('does not check a hidden field, even a required one', () => {
    assert.deepEqual(validateForm(personOrCompany, { subtype: 'Person', firstName: 'Ann', companyName: '', city: 'Austin' }), {});
  });

  it('a row condition looks at the row’s own field before a top-level one', () => {
    const spec: FormSpec = {
      ...rowsSpec,
      fields: [
        { name: 'notify', label: 'Notify all', kind: 'checkbox' },
        { name: 'contacts', label: 'Contacts', kind: 'rows', fields: [...contactRow.slice(0, 1), { name: 'email', label: 'E-mail', kind: 'email', requiredWhen: { field: 'notify', equals: true } }, contactRow[3]!] },
      ],
    };
    // Top-level notify is off, the row's own is on: the row's wins.
    assert.deepEqual(validateForm(spec, { notify: false, contacts: [{ name: 'A', email: '', notify: true }] }), { 'contacts.0.email': 'E-mail is required' });
    assert.deepEqual(validateForm(spec, { notify: true, contacts: [{ name: 'A', email: '', notify: false }] }), {});
  });
});

describe('declaredValues: what a handler may see', () => {
  it('drops a hidden field’s value, undeclared fields and undeclared row keys', () => {
    const values = declaredValues(personOrCompany, { subtype: 'Person', firstName: 'Ann', companyName: 'Sneaked', city: 'Austin', extra: 'x' } as FormValues);
    assert.deepEqual(values, { subtype: 'Person', firstName: 'Ann', city: 'Austin' });
    const rows = declaredValues(rowsSpec, { contacts: [{ ...row(), admin: true }] } as FormValues);
    assert.deepEqual(rows, { contacts: [row()] });
  });
});

describe('raw values of rows (drafts)', () => {
  it('a row field’s raw sits under its path, the rows field holds the count, and only changes are kept', () => {
    const raws = rawsOf(rowsSpec, { contacts: [row(), row({ name: 'Joe', phones: ['1', '2'] })] });
    assert.equal(raws.contacts, '2');
    assert.equal(raws['contacts.1.name'], 'Joe');
    assert.equal(raws['contacts.1.phones'], '1\n2');
    const changed = changedRaws(rowsSpec, raws);
    assert.deepEqual(changed, { contacts: '2', 'contacts.0.name': 'Jane', 'contacts.0.email': 'jane@dupont.fr', 'contacts.0.notify': true, 'contacts.1.name': 'Joe', 'contacts.1.email': 'jane@dupont.fr', 'contacts.1.phones': '1\n2', 'contacts.1.notify': true });
  });
});
