// The webview side of draft saving, by the webview's real code (webview/lib/app.ts → model → state →
// render) over the DOM shim: typing keeps the raw values with setState and posts them to the host
// as a `draft`, and a draft (the webview's own state or the host's copy) fills the controls again.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import type { ShimElement } from './helpers/domShim';
import { openWebview, type WebviewPage } from './helpers/webviewPage';

function spec(draftKey = 'bitsight/conn-1/company-1/contact'): FormSpec {
  return {
    kind: 'createContacts',
    title: 'Create Contact',
    submitLabel: 'Save',
    fields: [
      { name: 'email', label: 'E-mail', kind: 'email' },
      { name: 'notes', label: 'Notes', kind: 'textarea' },
      { name: 'primary', label: 'Primary', kind: 'checkbox' },
      { name: 'company', label: 'Company', kind: 'text', readonly: true },
    ],
    values: { email: 'old@acme.example', notes: '', primary: false, company: 'Acme' },
    draftKey,
  };
}

type Page = WebviewPage;

function open(t: TestContext, savedState?: unknown): Page {
  const page = openWebview(t, savedState);
  assert.deepEqual(page.posted, [{ type: 'ready' }]);
  return page;
}

/** The control of a field (textfield, textarea or checkbox) under its `data-name` wrapper. */
function control(root: ShimElement, name: string): ShimElement & { value?: string; checked?: boolean } {
  const field = [...root.walk()].find((e) => e.getAttribute('data-name') === name);
  assert.ok(field, `no field ${name}`);
  const c = [...field.walk()].find((e) => ['vscode-textfield', 'vscode-textarea', 'vscode-checkbox'].includes(e.localName));
  assert.ok(c, `field ${name} has no control`);
  return c as ShimElement & { value?: string; checked?: boolean };
}

/** What a person's typing does: the control changes, then its event fires. */
function type(root: ShimElement, name: string, raw: string | boolean): void {
  const c = control(root, name);
  const event = typeof raw === 'boolean' ? 'change' : 'input';
  if (typeof raw === 'boolean') c.checked = raw;
  else c.value = raw;
  const listeners = c.listeners.filter(([t]) => t === event);
  assert.equal(listeners.length, 1, `${name} listens to ${event} once`);
  (listeners[0]![1] as () => void)();
}

/** The first element below `root` having every one of these classes. */
function byClass(root: ShimElement, ...classes: string[]): ShimElement | undefined {
  for (const el of root.walk()) {
    const has = new Set((el.getAttribute('class') ?? '').split(/\s+/));
    if (classes.every((c) => has.has(c))) return el;
  }
  return undefined;
}

function click(el: ShimElement): void {
  const listeners = (el as unknown as { listeners: Array<[string, unknown]> }).listeners.filter(([type]) => type === 'click');
  assert.equal(listeners.length, 1, 'the button listens to click once');
  (listeners[0]![1] as () => void)();
}

const drafts = (posted: unknown[]) => posted.filter((m) => (m as { type?: string }).type === 'draft');

describe('webview draft saving (webview/lib over a DOM shim)', () => {
  it('typing keeps the raw values with setState at once and posts one draft to the host after a pause', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: spec() });
    type(page.root, 'email', 'half@typ');
    type(page.root, 'notes', '  two\nlines ');
    type(page.root, 'primary', true);
    const { savedAt, ...kept } = page.states.at(-1) as { savedAt?: string };
    assert.deepEqual(kept, { draftKey: 'bitsight/conn-1/company-1/contact', values: { email: 'half@typ', notes: '  two\nlines ', primary: true } });
    assert.match(savedAt ?? '', /^\d{4}-/, 'the draft says when it was typed');
    assert.equal(page.states.length, 3, 'setState on every keystroke');
    assert.deepEqual(drafts(page.posted), [], 'nothing posted while typing goes on');

    t.mock.timers.tick(250);
    assert.deepEqual(drafts(page.posted), [{ type: 'draft', values: { email: 'half@typ', notes: '  two\nlines ', primary: true } }]);
  });

  it('a field typed back to the form\'s own value leaves the draft', (t) => {
    const page = open(t);
    page.deliver({ type: 'init', spec: spec() });
    type(page.root, 'email', 'new@acme.example');
    type(page.root, 'email', 'old@acme.example');
    t.mock.timers.tick(250);
    assert.deepEqual(page.states.at(-1), { draftKey: 'bitsight/conn-1/company-1/contact', values: {} });
    assert.deepEqual(drafts(page.posted), [{ type: 'draft', values: {} }]);
  });

  it('the webview\'s saved state fills the controls of the same form, read-only fields excepted', (t) => {
    const page = open(t, { draftKey: 'bitsight/conn-1/company-1/contact', values: { email: 'half@typ', primary: true, company: 'Evil' } });
    page.deliver({ type: 'init', spec: spec() });
    assert.equal(control(page.root, 'email').value, 'half@typ');
    assert.equal(control(page.root, 'primary').checked, true);
    assert.equal(control(page.root, 'notes').value, '');
    const company = [...page.root.walk()].find((e) => e.getAttribute('data-name') === 'company')!;
    assert.deepEqual([...company.texts()].map((x) => x.data), ['Company', 'Acme'], 'a read-only field shows the form\'s value, not the draft\'s');
  });

  it('the host\'s copy fills the controls when the webview state is gone (panel closed and reopened)', (t) => {
    const page = open(t, undefined);
    page.deliver({ type: 'init', spec: spec(), draft: { email: 'kept@acme.example', notes: 'as typed ' } });
    assert.equal(control(page.root, 'email').value, 'kept@acme.example');
    assert.equal(control(page.root, 'notes').value, 'as typed ');
    // Typing on keeps what came back as well as what is new.
    type(page.root, 'primary', true);
    const { savedAt: _, restoredNoted: __, ...kept } = page.states.at(-1) as { savedAt?: string; restoredNoted?: string };
    assert.deepEqual(kept, { draftKey: 'bitsight/conn-1/company-1/contact', values: { email: 'kept@acme.example', notes: 'as typed ', primary: true } });
  });

  it('a restored draft says so, with the time it was saved, and Discard draft resets the form and deletes the host copy', (t) => {
    const page = open(t, undefined);
    const at = '2026-12-01T19:57:00.000Z';
    page.deliver({ type: 'init', spec: spec(), draft: { email: 'kept@acme.example' }, draftSavedAt: at });
    const banner = byClass(page.root, 'banner', 'info');
    assert.ok(banner, 'no info banner for the restored draft');
    const when = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    assert.equal(byClass(banner, 'banner-text')?.textContent, `Restored your unsent draft from ${when}.`);
    const discard = byClass(banner, 'discard-draft');
    assert.ok(discard, 'no Discard draft button');
    click(discard);
    assert.equal(control(page.root, 'email').value, 'old@acme.example', 'the form is back to its own values');
    assert.deepEqual(page.posted.filter((m) => m.type === 'discardDraft'), [{ type: 'discardDraft' }]);
    assert.equal(byClass(page.root, 'banner', 'info'), undefined, 'the restored note is gone');
    t.mock.timers.tick(300);
    assert.deepEqual(drafts(page.posted), [], 'no draft is posted back after discarding');
  });

  it('a tab switch (the page rebuilt from its own state) does not announce the restored draft again', (t) => {
    const first = open(t, undefined);
    first.deliver({ type: 'init', spec: spec(), draft: { email: 'kept@acme.example' }, draftSavedAt: '2026-12-01T19:57:00.000Z' });
    assert.ok(byClass(first.root, 'banner', 'info'));
    const state = first.states.at(-1);
    assert.ok(state, 'nothing kept with setState');
    t.mock.timers.reset();
    const again = open(t, state);
    again.deliver({ type: 'init', spec: spec(), draft: { email: 'kept@acme.example' }, draftSavedAt: '2026-12-01T19:57:00.000Z' });
    assert.equal(control(again.root, 'email').value, 'kept@acme.example');
    assert.equal(byClass(again.root, 'banner', 'info'), undefined, 'announced again after a tab switch');
  });

  it('a form opened with no draft says nothing about drafts', (t) => {
    const page = open(t, undefined);
    page.deliver({ type: 'init', spec: spec() });
    assert.equal(byClass(page.root, 'banner'), undefined);
  });

  it('a draft of another form (other connection, same company) is not restored', (t) => {
    const page = open(t, { draftKey: 'bitsight/conn-2/company-1/contact', values: { email: 'other@acme.example' } });
    page.deliver({ type: 'init', spec: spec() });
    assert.equal(control(page.root, 'email').value, 'old@acme.example');
  });
});
