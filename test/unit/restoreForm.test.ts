// After a window reload VS Code hands each form panel back with the state its webview kept: the
// same form is asked of the provider again (by verb and target ids), or the panel says why not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormEffects, FormHandler } from '../../src/core/forms';
import type { Company, Contact, User } from '../../src/core/model';
import type { Provider } from '../../src/core/provider';
import { silentLogger } from '../../src/core/redact';
import { CANNOT_REOPEN, FORM_VIEW_TYPE, type ReopenDeps, type ReopenState, reopenForm, resolveForm } from '../../src/forms/reopen';
import type { FormSpec } from '../../src/protocol/forms';
import { createdPanels, fakeVscode, installFakeVscode, Uri } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openFormPanel, restoreFormPanel } = require('../../src/forms/panel') as typeof import('../../src/forms/panel');

const acme: Company = { id: 'c7', name: 'Acme', primaryDomain: 'acme.example' };
const beta: Company = { id: 'c8', name: 'Beta' };
const poc: Contact = { id: 'p1', companyId: 'c7', name: 'Ann', email: 'ann@acme.example', isPrimary: true };
const ann: User = { id: 'u1', name: 'Ann', email: 'ann@acme.example', role: 'Admin' };

const specOf = (title: string): FormSpec => ({ kind: 'invite', title, submitLabel: 'Send', fields: [], values: {}, draftKey: `draft/${title}` });
const handlerOf = (title: string): FormHandler => ({ spec: () => specOf(title), submit: async () => ({ message: 'ok' }) });

/** A provider whose forms are named after what they were asked for: verb and ids. */
function fakeProvider(): Provider {
  return {
    forms: {
      createContacts: async (c: Company, _e: unknown, o?: { prefill?: Array<{ name?: string }> }) => handlerOf(`createContacts ${c.id}${o?.prefill ? ` for ${o.prefill.map((p) => p.name).join(',')}` : ''}`),
      editContact: async (c: Company, existing: Contact) => handlerOf(`editContact ${c.id} ${existing.id}`),
      editUser: async (u: User) => handlerOf(`editUser ${u.id}`),
      invite: async (c: Company) => handlerOf(`invite ${c.id}`),
    },
  } as unknown as Provider;
}

const effects: FormEffects = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };

function deps(over: Partial<ReopenDeps<{ name: string }>> = {}): ReopenDeps<{ name: string }> {
  return {
    connection: (id) => (id === 'k1' ? { name: 'Prod' } : undefined),
    provider: async () => fakeProvider(),
    effects: () => effects,
    bulkInvite: async (_c, _p, companies) => handlerOf(`bulkInvite ${companies.map((c) => c.id).join(',')}`),
    ...over,
  };
}

/** What the webview keeps with setState: its draft and the descriptor the host gave it. */
const saved = (reopen: Omit<ReopenState, 'key' | 'connectionId'>, connectionId = 'k1') => ({
  draftKey: 'k1/invite/c7',
  values: { message: 'typed before the reload' },
  reopen: { key: `${connectionId}/${reopen.verb}`, connectionId, ...reopen },
});

async function titleAfterRestore(state: unknown, d = deps()): Promise<string> {
  const r = await reopenForm(state, (t) => resolveForm(t, d));
  if (!r.ok) return `message: ${r.message}`;
  return r.handler.spec().title;
}

describe('restoring form panels after a reload', () => {
  it('asks the provider for the same form, by verb and target ids', async () => {
    assert.equal(await titleAfterRestore(saved({ verb: 'invite', companies: [acme] })), 'invite c7');
    assert.equal(await titleAfterRestore(saved({ verb: 'editContact', companies: [acme], contact: poc })), 'editContact c7 p1');
    assert.equal(await titleAfterRestore(saved({ verb: 'createContacts', companies: [acme] })), 'createContacts c7');
    assert.equal(await titleAfterRestore(saved({ verb: 'editUser', user: ann })), 'editUser u1');
    assert.equal(await titleAfterRestore(saved({ verb: 'bulkInvite', companies: [acme, beta] })), 'bulkInvite c7,c8');
  });

  it('reopens a form prefilled with a copied person still prefilled with that person', async () => {
    assert.equal(await titleAfterRestore(saved({ verb: 'createContacts', companies: [acme], prefill: [{ name: 'Thomas Michel', email: 't@x.example' }] })), 'createContacts c7 for Thomas Michel');
  });

  it('says the connection is gone when it was removed meanwhile', async () => {
    assert.match(await titleAfterRestore(saved({ verb: 'invite', companies: [acme] }, 'gone')), /^message: This form could not be reopened\. The connection it belonged to no longer exists\. .*draft/);
  });

  it("passes on why the provider is not available (signed out) in the panel's message", async () => {
    const signedOut = deps({ provider: async () => Promise.reject(new Error('"Prod" has no token. Run "Sign In…" on it first.')) });
    assert.match(await titleAfterRestore(saved({ verb: 'invite', companies: [acme] }), signedOut), /has no token\. Run "Sign In…" on it first\./);
  });

  it('says it cannot restore a state without a descriptor or a form the provider no longer has', async () => {
    assert.equal(await titleAfterRestore({ draftKey: 'k1/invite/c7', values: {} }), `message: ${CANNOT_REOPEN}`);
    assert.equal(await titleAfterRestore(undefined), `message: ${CANNOT_REOPEN}`);
    assert.match(await titleAfterRestore(saved({ verb: 'setPrimary', companies: [acme] })), /Prod no longer offers this form/);
    assert.match(await titleAfterRestore(saved({ verb: 'editUser' })), /Prod no longer offers this form/, 'no user to edit');
  });

  it('a restored panel shows the form again and keeps the descriptor for the next reload', async () => {
    const panel = fakeVscode.window.createWebviewPanel(FORM_VIEW_TYPE, 'Invite — Acme', -1, {});
    const state = saved({ verb: 'invite', companies: [{ ...acme, name: 'Acme "><script>alert(1)</script>' }] });
    await restoreFormPanel(panel as never, state, Uri.file('/ext') as never, silentLogger, (t) => resolveForm(t, deps()), () => ({}));
    assert.equal(panel.title, 'invite c7');
    assert.equal((panel.webview.html.match(/<script/gi) ?? []).length, 1, 'a hostile name does not add a script');
    const kept = /data-reopen="([^"]*)"/.exec(panel.webview.html)?.[1];
    assert.ok(kept, 'the descriptor is in the page for the webview to keep');
    const unescaped = kept.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(unescaped), state.reopen);
    assert.deepEqual(Object.keys(panel.iconPath as object).sort(), ['dark', 'light']);
    panel.receive({ type: 'ready' });
    await new Promise((r) => setImmediate(r));
    assert.equal((panel.posted[0] as { spec: FormSpec }).spec.title, 'invite c7');
    panel.dispose();
  });

  it('a panel that cannot be restored says so instead of staying blank, and runs no script', async () => {
    const panel = fakeVscode.window.createWebviewPanel(FORM_VIEW_TYPE, 'Invite — Acme', -1, {});
    await restoreFormPanel(panel as never, saved({ verb: 'invite', companies: [acme] }, 'gone'), Uri.file('/ext') as never, silentLogger, (t) => resolveForm(t, deps()), () => ({}));
    assert.match(panel.webview.html, /<p role="alert">This form could not be reopened\. The connection it belonged to no longer exists\./);
    assert.doesNotMatch(panel.webview.html, /<script/i);
    assert.equal((panel.webview.options as { enableScripts: boolean }).enableScripts, false);
  });

  it('a form opened again before its panel came back is revealed, not doubled', async () => {
    const before = createdPanels.length;
    const open = openFormPanel(Uri.file('/ext') as never, 'k1/invite', handlerOf('invite c7'), silentLogger) as unknown as { revealed: number };
    const restored = fakeVscode.window.createWebviewPanel(FORM_VIEW_TYPE, 'Invite — Acme', -1, {});
    let disposed = false;
    restored.onDidDispose(() => (disposed = true));
    await restoreFormPanel(restored as never, saved({ verb: 'invite', companies: [acme] }), Uri.file('/ext') as never, silentLogger, (t) => resolveForm(t, deps()), () => ({}));
    assert.equal(createdPanels.length, before + 2);
    assert.equal(open.revealed, 1);
    assert.ok(disposed);
    (open as unknown as { dispose(): void }).dispose();
  });
});

describe('the webview keeps what reopens its form (webview/lib/app.ts over a DOM shim)', () => {
  it('saves the descriptor with setState at once and with every draft', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { installDom } = require('./helpers/domShim') as typeof import('./helpers/domShim');
    const { doc } = installDom();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { start } = require('../../webview/lib/app') as typeof import('../../webview/lib/app');
    const root = doc.createElement('main');
    const reopen = saved({ verb: 'invite', companies: [acme] }).reopen;
    root.setAttribute('data-reopen', JSON.stringify(reopen));
    const states: unknown[] = [];
    const api = { postMessage: () => undefined, getState: () => ({ draftKey: 'k1/invite/c7', values: { message: 'hi' } }), setState: (s: unknown) => (states.push(structuredClone(s)), s) };
    start(root as unknown as HTMLElement, api as unknown as Parameters<typeof start>[1]);
    assert.deepEqual(states, [{ draftKey: 'k1/invite/c7', values: { message: 'hi' }, reopen }]);
  });
});
