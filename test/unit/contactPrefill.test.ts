// Copy Contact to…: each provider maps a neutral person onto its create form, and the form's own
// rules still judge the result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstLastOf, splitName } from '../../src/core/forms';
import { validateForm } from '../../src/protocol/validate';
import { contactFields, pointOfContactPrefill } from '../../src/providers/bitsight/forms';
import { createContactFields, createContactPrefill } from '../../src/providers/guidewire/forms';
import { prefilledRow } from '../../src/providers/kare/forms';

const jeanne = { name: 'Jeanne Marie Martin', email: ' jeanne.martin@acme.example ', phones: ['', '+33 1 23 45 67 89', '+33 6'], comment: 'Copied from Kare', title: 'CFO' };

describe('splitting a whole name', () => {
  it('takes the last word as the last name, or reads "Last, First"', () => {
    assert.deepEqual(splitName('Jeanne Marie  Martin'), { first: 'Jeanne Marie', last: 'Martin' });
    assert.deepEqual(splitName('Martin, Jeanne'), { first: 'Jeanne', last: 'Martin' });
    assert.deepEqual(splitName('Cher'), { first: '', last: 'Cher' });
    assert.deepEqual(firstLastOf({ name: 'ignored whole', firstName: 'Ann', lastName: 'Lee' }), { first: 'Ann', last: 'Lee' });
  });
});

describe('prefilling the point-of-contact form', () => {
  it('fills full and preferred names, the e-mail and the first phone; drops title and comment', () => {
    const v = pointOfContactPrefill(jeanne);
    assert.deepEqual(v, { formal_name: 'Jeanne Marie Martin', friendly_name: 'Jeanne Marie', email: 'jeanne.martin@acme.example', phone_number: '+33 1 23 45 67 89' });
    assert.deepEqual(validateForm({ fields: contactFields(['acme.example']) }, v), {});
  });
  it('a one-word name is also the preferred name', () => {
    assert.equal(pointOfContactPrefill({ name: 'Cher', email: 'c@x.example' }).friendly_name, 'Cher');
  });
  it('the form still refuses a copied person without an e-mail', () => {
    const problems = validateForm({ fields: contactFields([]) }, pointOfContactPrefill({ name: 'No Mail' }));
    assert.ok(problems['email'], 'the e-mail is required by the form');
  });
});

describe('prefilling the Guidewire create-contact form', () => {
  it('makes a Person with first and last names split from the whole name, e-mail and work phone', () => {
    const v = createContactPrefill(jeanne);
    assert.equal(v['subtype'], 'Person');
    assert.equal(v['firstName'], 'Jeanne Marie');
    assert.equal(v['lastName'], 'Martin');
    assert.equal(v['emailAddress1'], 'jeanne.martin@acme.example');
    assert.equal(v['workPhone'], '+33 1 23 45 67 89');
    assert.equal(v['addressLine1'], '', 'no address is invented');
  });
  it('the form still asks for the address it requires', () => {
    const problems = validateForm({ fields: createContactFields('Acme') }, createContactPrefill(jeanne));
    assert.ok(problems['addressLine1'] && problems['city'] && problems['postalCode']);
    assert.equal(problems['firstName'], undefined);
    assert.equal(problems['lastName'], undefined);
  });
});

describe('prefilling a Kare row', () => {
  it('joins first and last names into its one name field', () => {
    assert.equal(prefilledRow({ firstName: 'Ann', lastName: 'Lee', email: 'a@b.example' })['name'], 'Ann Lee');
  });
});
