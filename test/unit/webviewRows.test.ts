// The webview's rows, conditions, options and paste, by its real code (webview/lib/app.ts → model
// → render) over the DOM shim, plus the pure paste parser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import { parsePastedRows } from '../../webview/lib/paste';
import type { ShimElement } from './helpers/domShim';
import { openWebview, type WebviewPage } from './helpers/webviewPage';

const rowFields: FormSpec['fields'] = [
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'email', label: 'E-mail', kind: 'email' },
  { name: 'phones', label: 'Phones', kind: 'lineList', maxItems: 5, itemMaxLength: 50 },
  { name: 'notify', label: 'Notify', kind: 'checkbox' },
];

const rowsSpec = (): FormSpec => ({
  kind: 'createContacts',
  title: 'Create Contacts',
  submitLabel: 'Create',
  fields: [{ name: 'contacts', label: 'Contacts', kind: 'rows', fields: rowFields, minRows: 1, maxRows: 3, rowLabel: 'Contact', addLabel: 'Add contact', paste: 'nameEmail' }],
  values: { contacts: [{ name: '', email: '', phones: [], notify: false }] },
  draftKey: 'kare/c1/contacts',
});

const gwSpec = (): FormSpec => ({
  kind: 'createContacts',
  title: 'Create Contact',
  submitLabel: 'Create',
  fields: [
    { name: 'subtype', label: 'Type', kind: 'select', required: true, options: [{ value: 'Person', label: 'Person' }, { value: 'Company', label: 'Company' }] },
    { name: 'firstName', label: 'First name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Person' }, requiredWhen: { field: 'subtype', equals: 'Person' } },
    { name: 'companyName', label: 'Company name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Company' }, required: true },
    { name: 'state', label: 'State', kind: 'select', required: true, optionsSource: 'typelist/State' },
  ],
  values: { subtype: 'Person', firstName: '', companyName: '', state: '' },
  draftKey: 'gw/org/contact',
});

type Page = WebviewPage;
const open = openWebview;

const byName = (root: ShimElement, name: string) => {
  const el = [...root.walk()].find((e) => e.getAttribute('data-name') === name);
  assert.ok(el, `no field ${name}`);
  return el;
};
const controlOf = (root: ShimElement, name: string) => {
  const c = [...byName(root, name).walk()].find((e) => ['vscode-textfield', 'vscode-textarea', 'vscode-checkbox', 'select'].includes(e.localName));
  assert.ok(c, `field ${name} has no control`);
  return c as ShimElement & { value?: string; checked?: boolean };
};
function fire(el: ShimElement, type: string, event: unknown = {}): void {
  const listeners = el.listeners.filter(([t]) => t === type);
  assert.equal(listeners.length, 1, `<${el.localName}> listens to ${type} once`);
  (listeners[0]![1] as (e: unknown) => void)(event);
}
function type(root: ShimElement, name: string, value: string): void {
  const c = controlOf(root, name);
  c.value = value;
  fire(c, c.localName === 'select' ? 'change' : 'input');
}
const legends = (root: ShimElement) => [...root.walk()].filter((e) => e.localName === 'legend').map((e) => e.textContent);
const button = (root: ShimElement, cls: string, n = 0) => [...root.walk()].filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls))[n] as ShimElement & { disabled?: boolean };
const submits = (posted: Array<Record<string, unknown>>) => posted.filter((m) => m.type === 'submit');
const submitNow = (page: Page) => fire([...page.root.walk()].find((e) => e.localName === 'form')!, 'submit', { preventDefault() {} });
const paste = (page: Page, text: string) => fire(byName(page.root, 'contacts'), 'paste', { clipboardData: { getData: () => text }, preventDefault() {} });

describe('parsePastedRows', () => {
  it('reads "Name <email>" lines, skipping blank ones', () => {
    assert.deepEqual(parsePastedRows('Jane Doe <jane@dupont.fr>\n\n  \nJoe <joe@dupont.fr>\r\n', rowFields), [
      { name: 'Jane Doe', email: 'jane@dupont.fr' },
      { name: 'Joe', email: 'joe@dupont.fr' },
    ]);
  });

  it('reads tab-separated cells as name, e-mail, then the other text fields in order (several phones per cell)', () => {
    assert.deepEqual(parsePastedRows('Jane Doe\tjane@dupont.fr\t+33 1 23, +33 6 45\nJoe\t\t0601', rowFields), [
      { name: 'Jane Doe', email: 'jane@dupont.fr', phones: '+33 1 23\n+33 6 45' },
      { name: 'Joe', phones: '0601' },
    ]);
  });
});

describe('webview rows (over the DOM shim)', () => {
  it('titles rows "Contact 1", "Contact 2"…, adds up to maxRows and removes down to minRows', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    assert.deepEqual(legends(page.root), ['Contact 1']);
    assert.equal(button(page.root, 'remove-row').disabled, true, 'the one row of minRows 1 cannot be removed');
    fire(button(page.root, 'add-row'), 'click');
    fire(button(page.root, 'add-row'), 'click');
    assert.deepEqual(legends(page.root), ['Contact 1', 'Contact 2', 'Contact 3']);
    assert.equal(button(page.root, 'add-row').disabled, true, 'maxRows 3 reached');
    type(page.root, 'contacts.2.name', 'Third');
    fire(button(page.root, 'remove-row', 1), 'click');
    assert.deepEqual(legends(page.root), ['Contact 1', 'Contact 2']);
    assert.equal(controlOf(page.root, 'contacts.1.name').value, 'Third', 'the rows after the removed one move up');
  });

  it('shows a row field’s error on that row’s field, wired with aria, and sends nothing', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    type(page.root, 'contacts.0.name', 'Jane');
    fire(button(page.root, 'add-row'), 'click');
    type(page.root, 'contacts.1.email', 'not-an-address');
    submitNow(page);
    assert.deepEqual(submits(page.posted), []);
    const email = controlOf(page.root, 'contacts.1.email');
    assert.equal(email.getAttribute('aria-invalid'), 'true');
    const error = [...byName(page.root, 'contacts.1.email').walk()].find((e) => e.getAttribute('class') === 'field-error')!;
    assert.match(error.textContent, /not a valid e-mail/);
    assert.ok(email.getAttribute('aria-describedby')!.split(' ').includes(error.id), 'the message describes the control');
    assert.equal(controlOf(page.root, 'contacts.1.name').getAttribute('aria-invalid'), 'true', 'row 2’s required name too');
    assert.equal(controlOf(page.root, 'contacts.0.name').getAttribute('aria-invalid'), 'false', 'row 1 is fine');
  });

  it('sends the rows as FormRow[] once every row is valid', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    type(page.root, 'contacts.0.name', 'Jane');
    type(page.root, 'contacts.0.phones', '0601\n0602');
    submitNow(page);
    assert.deepEqual(submits(page.posted).map((m) => m.values), [{ contacts: [{ name: 'Jane', email: '', phones: ['0601', '0602'], notify: false }] }]);
  });

  it('a server error keyed by a row path lands on that row’s field; one for no shown field goes to the banner', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    type(page.root, 'contacts.0.name', 'Jane');
    fire(button(page.root, 'add-row'), 'click');
    type(page.root, 'contacts.1.name', 'Joe');
    submitNow(page);
    const [sent] = submits(page.posted);
    page.deliver({ type: 'busy', requestId: sent!.requestId, busy: true });
    page.deliver({ type: 'result', requestId: sent!.requestId, ok: false, message: 'Kare refused the batch.', fieldErrors: { 'contacts.1.name': 'Name already used', 'contacts.7.name': 'Row 8 is wrong' } });
    const error = [...byName(page.root, 'contacts.1.name').walk()].find((e) => e.getAttribute('class') === 'field-error')!;
    assert.equal(error.textContent, 'Name already used');
    assert.equal(controlOf(page.root, 'contacts.0.name').getAttribute('aria-invalid'), 'false');
    const alert = [...page.root.walk()].find((e) => e.getAttribute('role') === 'alert')!;
    assert.equal(alert.textContent, 'Kare refused the batch. Row 8 is wrong');
  });

  it('a server error with the API’s own words shows them on a details line under the plain message', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    type(page.root, 'contacts.0.name', 'Jane');
    submitNow(page);
    const [sent] = submits(page.posted);
    page.deliver({ type: 'result', requestId: sent!.requestId, ok: false, message: 'Kare refused the batch for Acme (Contact 1 · Name).', fieldErrors: { 'contacts.0.name': 'Name already used' }, details: 'name: duplicate key' });
    const alert = [...page.root.walk()].find((e) => e.getAttribute('role') === 'alert')!;
    const texts = [...alert.walk()].filter((e) => /^banner-(text|details)$/.test(e.getAttribute('class') ?? '')).map((e) => [e.getAttribute('class'), e.textContent]);
    assert.deepEqual(texts, [
      ['banner-text', 'Kare refused the batch for Acme (Contact 1 · Name).'],
      ['banner-details', 'Details: name: duplicate key'],
    ]);
  });

  it('a pristine form lists no problems: "Cannot send yet" waits until the person has typed', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    const summary = () => [...page.root.walk()].find((e) => e.getAttribute('id') === 'submit-summary')!;
    assert.equal(summary().textContent, '', 'the pristine form already lists problems');
    type(page.root, 'contacts.0.name', 'J');
    type(page.root, 'contacts.0.name', '');
    assert.equal(summary().hidden, false, 'after typing, the problems are listed');
    assert.match(summary().textContent, /Cannot send yet/);
  });

  it('pasting lines fills the blank row first, then adds rows; more lines than maxRows says so', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    paste(page, 'A <a@x.fr>\nB <b@x.fr>\n\nC <c@x.fr>\nD <d@x.fr>\nE <e@x.fr>');
    assert.deepEqual(legends(page.root), ['Contact 1', 'Contact 2', 'Contact 3']);
    assert.deepEqual([0, 1, 2].map((i) => controlOf(page.root, `contacts.${i}.email`).value), ['a@x.fr', 'b@x.fr', 'c@x.fr']);
    const alert = [...page.root.walk()].find((e) => e.getAttribute('role') === 'alert')!;
    assert.match(alert.textContent, /5 lines were pasted but at most 3 contacts fit: the last 2 were not added/);
  });

  it('lines pasted into a row’s list field stay in that field', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    let prevented = false;
    const phones = controlOf(page.root, 'contacts.0.phones');
    fire(byName(page.root, 'contacts'), 'paste', { target: phones, clipboardData: { getData: () => '0601\n0602' }, preventDefault: () => (prevented = true) });
    assert.equal(prevented, false);
    assert.deepEqual(legends(page.root), ['Contact 1']);
  });

  it('a draft with rows comes back as those rows (panel closed and reopened)', (t) => {
    const first = open(t);
    first.deliver({ type: 'init', spec: rowsSpec() });
    type(first.root, 'contacts.0.name', 'Jane');
    fire(button(first.root, 'add-row'), 'click');
    type(first.root, 'contacts.1.email', 'joe@x.fr');
    t.mock.timers.tick(250);
    const draft = first.posted.filter((m) => m.type === 'draft').at(-1)!.values as Record<string, string>;
    assert.deepEqual(draft, { contacts: '2', 'contacts.0.name': 'Jane', 'contacts.1.email': 'joe@x.fr' });
    t.mock.timers.reset();

    const again = open(t);
    again.deliver({ type: 'init', spec: rowsSpec(), draft });
    assert.deepEqual(legends(again.root), ['Contact 1', 'Contact 2']);
    assert.equal(controlOf(again.root, 'contacts.0.name').value, 'Jane');
    assert.equal(controlOf(again.root, 'contacts.1.email').value, 'joe@x.fr');
  });
});

describe('webview conditions and loaded options (over the DOM shim)', () => {
  it('hides a field whose visibleWhen does not hold and does not send it', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: gwSpec() });
    page.deliver({ type: 'options', requestId: page.posted.find((m) => m.type === 'options')!.requestId, source: 'typelist/State', options: [{ value: 'TX', label: 'Texas' }] });
    assert.equal(byName(page.root, 'companyName').hidden, true);
    type(page.root, 'firstName', 'Ann');
    type(page.root, 'state', 'TX');
    type(page.root, 'subtype', 'Company');
    assert.equal(byName(page.root, 'companyName').hidden, false);
    assert.equal(byName(page.root, 'firstName').hidden, true);
    type(page.root, 'companyName', 'Acme');
    submitNow(page);
    assert.deepEqual(submits(page.posted).map((m) => m.values), [{ subtype: 'Company', companyName: 'Acme', state: 'TX' }]);
  });

  it('asks the host for options once, shows Loading, fills the select; an error offers Try Again', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: gwSpec() });
    const asked = page.posted.filter((m) => m.type === 'options');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.source, 'typelist/State');
    const state = byName(page.root, 'state');
    const status = [...state.walk()].find((e) => e.getAttribute('class')?.startsWith('options-state'))!;
    assert.equal(status.textContent.replace('Try Again', ''), 'Loading choices…');
    assert.equal(controlOf(page.root, 'state').getAttribute('aria-busy'), 'true');

    page.deliver({ type: 'options', requestId: asked[0]!.requestId, source: 'typelist/State', error: 'Loading the choices failed: timeout' });
    assert.equal(status.textContent.replace('Try Again', ''), 'Loading the choices failed: timeout');
    const retry = button(page.root, 'retry-options');
    assert.equal(retry.hidden, false);
    fire(retry, 'click');
    const again = page.posted.filter((m) => m.type === 'options');
    assert.equal(again.length, 2);
    // A late answer to the first request is not applied.
    page.deliver({ type: 'options', requestId: asked[0]!.requestId, source: 'typelist/State', options: [{ value: 'ZZ', label: 'Stale' }] });
    page.deliver({ type: 'options', requestId: again[1]!.requestId, source: 'typelist/State', options: [{ value: 'TX', label: 'Texas' }, { value: 'CA', label: 'California' }] });
    const labels = [...controlOf(page.root, 'state').walk()].filter((e) => e.localName === 'option').map((e) => e.textContent);
    assert.deepEqual(labels, ['Choose…', 'Texas', 'California']);
    assert.equal(status.textContent.replace('Try Again', ''), '');
  });

  it('ignores an options answer that does not parse', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: gwSpec() });
    const id = page.posted.find((m) => m.type === 'options')!.requestId;
    page.deliver({ type: 'options', requestId: id, source: 'typelist/State', options: [{ value: 1 }] });
    const labels = [...controlOf(page.root, 'state').walk()].filter((e) => e.localName === 'option').map((e) => e.textContent);
    assert.deepEqual(labels, ['Choose…']);
  });
});
