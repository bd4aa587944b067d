// What a keyboard and a screen reader get from the forms, by the webview's real code over the DOM
// shim: required and invalid states on the controls themselves, errors and help tied to them,
// banners in live regions, Ctrl+Enter / Enter / Escape, and rows' Add/Remove in the tab order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import { installDom, type ShimElement } from './helpers/domShim';
import { openWebview } from './helpers/webviewPage';

const spec = (): FormSpec => ({
  kind: 'createContacts',
  title: 'Create Contact',
  submitLabel: 'Create',
  fields: [
    { name: 'subtype', label: 'Type', kind: 'select', required: true, options: [{ value: 'Person', label: 'Person' }, { value: 'Company', label: 'Company' }] },
    { name: 'firstName', label: 'First name', kind: 'text', requiredWhen: { field: 'subtype', equals: 'Person' } },
    { name: 'email', label: 'E-mail', kind: 'email', help: 'Their work address.' },
    { name: 'notes', label: 'Notes', kind: 'textarea' },
  ],
  values: { subtype: 'Person', firstName: '', email: '', notes: '' },
  draftKey: 'test/a11y',
});

const rowsSpec = (): FormSpec => ({
  kind: 'createContacts',
  title: 'Create Contacts',
  submitLabel: 'Create',
  fields: [{ name: 'contacts', label: 'Contacts', kind: 'rows', fields: [{ name: 'name', label: 'Name', kind: 'text', required: true }], minRows: 1, maxRows: 3, rowLabel: 'Contact', paste: 'nameEmail' }],
  values: { contacts: [{ name: '' }] },
  draftKey: 'test/a11y-rows',
});

const all = (root: ShimElement) => [...root.walk()];
const withClass = (root: ShimElement, cls: string) => all(root).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls));
const fieldOf = (root: ShimElement, name: string) => {
  const el = all(root).find((e) => e.getAttribute('data-name') === name);
  assert.ok(el, `no field ${name}`);
  return el;
};
const controlOf = (root: ShimElement, name: string) => {
  const c = all(fieldOf(root, name)).find((e) => ['vscode-textfield', 'vscode-textarea', 'select'].includes(e.localName));
  assert.ok(c, `field ${name} has no control`);
  return c as ShimElement & { value: string };
};
function fire(el: ShimElement, type: string, event: unknown = {}): void {
  const listener = el.listeners.find(([t]) => t === type);
  assert.ok(listener, `<${el.localName}> does not listen to ${type}`);
  (listener[1] as (e: unknown) => void)(event);
}
function typeInto(root: ShimElement, name: string, value: string): void {
  const c = controlOf(root, name);
  c.value = value;
  fire(c, c.localName === 'select' ? 'change' : 'input');
}
const formOf = (root: ShimElement) => all(root).find((e) => e.localName === 'form')!;
const submitNow = (root: ShimElement) => fire(formOf(root), 'submit', { preventDefault() {} });
const key = (root: ShimElement, target: ShimElement, k: string, mods: { ctrlKey?: boolean } = {}) => {
  let prevented = false;
  fire(formOf(root), 'keydown', { key: k, target, isComposing: false, ctrlKey: false, metaKey: false, ...mods, preventDefault: () => (prevented = true) });
  return prevented;
};
const submits = (posted: Array<Record<string, unknown>>) => posted.filter((m) => m.type === 'submit');
const describedBy = (el: ShimElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
const settle = () => new Promise((r) => setImmediate(r));

describe('webview accessibility', () => {
  it('a required field says so on its control, and requiredWhen turns it on and off', (t) => {
    const page = openWebview(t);
    page.deliver({ type: 'init', spec: spec() });
    assert.equal(controlOf(page.root, 'subtype').getAttribute('aria-required'), 'true');
    assert.equal(controlOf(page.root, 'email').getAttribute('aria-required'), 'false');
    assert.equal(controlOf(page.root, 'firstName').getAttribute('aria-required'), 'true', 'required while the type is Person');
    typeInto(page.root, 'subtype', 'Company');
    assert.equal(controlOf(page.root, 'firstName').getAttribute('aria-required'), 'false', 'no longer required for a Company');
  });

  it('an error is tied to its control (aria-invalid, described by its help and the message) and untied once fixed', (t) => {
    const page = openWebview(t);
    page.deliver({ type: 'init', spec: spec() });
    const email = controlOf(page.root, 'email');
    const help = all(fieldOf(page.root, 'email')).find((e) => e.localName === 'vscode-form-helper')!;
    assert.deepEqual(describedBy(email), [help.id], 'the help describes the control from the start');
    typeInto(page.root, 'firstName', 'Jane');
    typeInto(page.root, 'email', 'not an address');
    submitNow(page.root);
    const error = withClass(fieldOf(page.root, 'email'), 'field-error')[0]!;
    assert.equal(email.getAttribute('aria-invalid'), 'true');
    assert.match(error.textContent, /not a valid e-mail/);
    assert.deepEqual(describedBy(email), [help.id, error.id]);
    typeInto(page.root, 'email', 'jane@example.com');
    assert.equal(email.getAttribute('aria-invalid'), 'false');
    assert.deepEqual(describedBy(email), [help.id]);
  });

  it('Ctrl+Enter sends from a multi-line field; Enter there and Escape anywhere send nothing and keep the text', (t) => {
    const page = openWebview(t);
    page.deliver({ type: 'init', spec: spec() });
    typeInto(page.root, 'firstName', 'Jane');
    typeInto(page.root, 'notes', 'Line one');
    const notes = controlOf(page.root, 'notes');
    assert.equal(key(page.root, notes, 'Enter'), false, 'Enter in a text area is a new line');
    assert.equal(key(page.root, notes, 'Escape'), false);
    assert.equal(key(page.root, controlOf(page.root, 'firstName'), 'Escape'), false);
    assert.deepEqual(submits(page.posted), []);
    assert.equal(controlOf(page.root, 'notes').value, 'Line one');
    assert.equal(controlOf(page.root, 'firstName').value, 'Jane');
    assert.equal(key(page.root, notes, 'Enter', { ctrlKey: true }), true);
    assert.equal(submits(page.posted).length, 1, 'Ctrl+Enter sent the form');
    assert.deepEqual((submits(page.posted)[0]!.values as Record<string, unknown>).notes, 'Line one');
  });

  it('banners sit in live regions (an error in role=alert, a success in role=status) and Submit is described by its summary', (t) => {
    const page = openWebview(t);
    page.deliver({ type: 'init', spec: spec() });
    const submit = withClass(page.root, 'submit')[0]!;
    const summary = all(page.root).find((e) => e.id === 'submit-summary');
    assert.ok(summary, 'no summary');
    assert.deepEqual(describedBy(submit), ['submit-summary']);
    const alert = all(page.root).find((e) => e.getAttribute('role') === 'alert' && e.getAttribute('class') === 'banner-slot')!;
    const status = all(page.root).find((e) => e.getAttribute('role') === 'status' && e.getAttribute('class') === 'banner-slot')!;
    assert.equal(alert.childNodes.length + status.childNodes.length, 0, 'live regions exist, empty, before anything is said');
    typeInto(page.root, 'firstName', 'Jane');
    submitNow(page.root);
    const first = submits(page.posted)[0]!;
    page.deliver({ type: 'result', requestId: first.requestId, ok: false, message: 'The server said no.', fieldErrors: {} });
    assert.equal(alert.textContent, 'The server said no.');
    submitNow(page.root);
    const second = submits(page.posted)[1]!;
    page.deliver({ type: 'result', requestId: second.requestId, ok: true, message: 'Created Jane.' });
    assert.equal(status.textContent, 'Created Jane.');
    assert.equal(alert.textContent, '');
  });

  it('rows: Add and every Remove are in the tab order, Remove names its row, and focus lands on a field after a remove', async (t) => {
    const page = openWebview(t);
    page.deliver({ type: 'init', spec: rowsSpec() });
    const add = withClass(page.root, 'add-row')[0]!;
    fire(add, 'click');
    await settle();
    const doc = globalThis.document as unknown as { activeElement: ShimElement | null };
    assert.equal(doc.activeElement, controlOf(page.root, 'contacts.1.name'), 'Add moves focus into the new row');
    const removes = withClass(page.root, 'remove-row');
    assert.deepEqual(removes.map((b) => b.getAttribute('aria-label')), ['Remove contact 1', 'Remove contact 2']);
    for (const b of [add, ...removes]) assert.equal(b.props.find(([k]) => k === 'tabIndex')?.[1] ?? 0, 0, `${b.getAttribute('class')} is out of the tab order`);
    fire(removes[1]!, 'click');
    await settle();
    assert.equal(doc.activeElement, controlOf(page.root, 'contacts.0.name'), 'focus went nowhere after Remove');
    const group = fieldOf(page.root, 'contacts');
    const help = withClass(group, 'help')[0]!;
    assert.deepEqual(describedBy(group), [help.id], 'the rows group is described by its help');
  });

  it('a bulk run that stopped on an error says so in an alert', () => {
    installDom();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BulkPanel } = require('../../webview/lib/bulkView') as typeof import('../../webview/lib/bulkView');
    const panel = new BulkPanel({ cancel() {}, retryFailed() {} });
    const error = withClass(panel.root as unknown as ShimElement, 'error')[0]!;
    assert.equal(error.getAttribute('role'), 'alert');
  });
});
