import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import type { FormHandler } from '../../src/core/forms';
import { silentLogger } from '../../src/core/redact';
import { FormController, type WebviewPort } from '../../src/forms/controller';
import { liveHandler } from '../../src/forms/live';
import type { FormSpec } from '../../src/protocol/forms';
import type { HostMessage } from '../../src/protocol/messages';

const spec: FormSpec = { kind: 'createContacts', title: 'Create', submitLabel: 'Go', fields: [{ name: 'name', label: 'Name', kind: 'text' }], values: { name: '' }, draftKey: 'k' };

function formThrough(address: string, sentTo: string[]): FormHandler {
  return { spec: () => spec, submit: async () => (sentTo.push(address), { message: `sent to ${address}` }) };
}

function controllerFor(handler: FormHandler) {
  const posted: HostMessage[] = [];
  const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
  return { posted, controller: new FormController(port, handler, silentLogger) };
}

describe('the done state after a single write', () => {
  it('a create that turns the form into an edit (Assign → Edit) re-sends the edit form, finished, and retitles the tab', async () => {
    let assigned = false;
    const titles: string[] = [];
    const handler: FormHandler = {
      spec: () => (assigned ? { ...spec, kind: 'editContact', title: 'Edit Point of Contact — Acme', submitLabel: 'Save Changes' } : { ...spec, title: 'Assign Point of Contact — Acme' }),
      submit: async () => ((assigned = true), { message: 'Jane is assigned.', clearDraft: true }),
    };
    const posted: HostMessage[] = [];
    const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
    const controller = new FormController(port, handler, silentLogger, { retitle: (t) => titles.push(t) });
    await controller.receive({ type: 'submit', requestId: 'r1', values: { name: 'Jane' } });
    const init = posted.at(-1);
    assert.ok(init?.type === 'init', `last message: ${init?.type}`);
    assert.equal(init.spec.title, 'Edit Point of Contact — Acme');
    assert.equal(init.done, 'Jane is assigned.', 'shown finished, not as a fresh form');
    assert.deepEqual(titles, ['Edit Point of Contact — Acme']);
    await controller.receive({ type: 'submit', requestId: 'r2', values: { name: 'Jane' } });
    const second = posted.filter((m) => m.type === 'result').at(-1);
    assert.ok(second && !second.ok, 'a second submit of the finished form is refused');
  });

  it('a write that leaves the form as it was posts no second init', async () => {
    const posted: HostMessage[] = [];
    const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
    const controller = new FormController(port, { spec: () => spec, submit: async () => ({ message: 'Created.' }) }, silentLogger);
    await controller.receive({ type: 'submit', requestId: 'r1', values: { name: 'Jane' } });
    assert.deepEqual(posted.map((m) => m.type), ['busy', 'busy', 'result']);
  });
});

describe('a banner that reports a field error names the field', () => {
  it('the host’s own check and an unplaced server field error both name the fields, the API text as details', async () => {
    const two: FormSpec = { ...spec, fields: [{ name: 'name', label: 'Full name', kind: 'text', required: true }, { name: 'email', label: 'E-mail', kind: 'email' }] };
    const refusal = new ApiError({ kind: 'http', status: 400, method: 'POST', path: '/x', message: 'email: Enter a valid email address.', fieldErrors: { email: ['Enter a valid email address.'] } });
    const { posted, controller } = controllerFor({ spec: () => two, submit: async () => Promise.reject(refusal) });
    await controller.receive({ type: 'submit', requestId: 'r1', values: { name: '', email: '' } });
    await controller.receive({ type: 'submit', requestId: 'r2', values: { name: 'Jane', email: 'jane@x.example' } });
    const [own, server] = posted.filter((m) => m.type === 'result');
    assert.equal(own?.message, 'Some fields need attention: Full name.');
    assert.ok(server && !server.ok);
    assert.equal(server.message, 'The server refused E-mail: see the marked field.');
    assert.equal(server.details, 'email: Enter a valid email address.');
  });
});

describe('liveHandler: an open form submits through the connection as it is now', () => {
  it('rebuilds the form through a new provider (sandbox restarted on another port) before sending', async () => {
    const sentTo: string[] = [];
    let now = 'http://127.0.0.1:4000';
    const built: string[] = [];
    const live = liveHandler(now, formThrough(now, sentTo), async () => now, async (p) => (built.push(p), formThrough(p, sentTo)));
    await live.submit({ name: 'a' }, { signal: new AbortController().signal, requestId: 'r1', post: () => undefined });
    now = 'http://127.0.0.1:4100';
    await live.submit({ name: 'b' }, { signal: new AbortController().signal, requestId: 'r2', post: () => undefined });
    assert.deepEqual(sentTo, ['http://127.0.0.1:4000', 'http://127.0.0.1:4100']);
    assert.deepEqual(built, ['http://127.0.0.1:4100']);
  });

  it('keeps the same form while the provider is unchanged (no rebuild, its state kept)', async () => {
    const sentTo: string[] = [];
    let builds = 0;
    const live = liveHandler('p', formThrough('p', sentTo), async () => 'p', async () => (builds++, formThrough('other', sentTo)));
    await live.submit({}, { signal: new AbortController().signal, requestId: 'r1', post: () => undefined });
    await live.submit({}, { signal: new AbortController().signal, requestId: 'r2', post: () => undefined });
    assert.equal(builds, 0);
    assert.deepEqual(sentTo, ['p', 'p']);
  });

  it('a connection refused before anything left says nothing was sent', async () => {
    const refused = new ApiError({ kind: 'network', method: 'POST', path: '/x', message: 'connect ECONNREFUSED 127.0.0.1:4000', cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { posted, controller } = controllerFor({ spec: () => spec, submit: async () => Promise.reject(refused) });
    await controller.receive({ type: 'submit', requestId: 'r1', values: { name: 'x' } });
    const result = posted.find((m) => m.type === 'result');
    assert.ok(result && !result.ok);
    assert.match(result.message, /Nothing was sent\.$/);
  });

  it('a reset connection (the request may have left) does not claim nothing was sent', async () => {
    const reset = new ApiError({ kind: 'network', method: 'POST', path: '/x', message: 'socket hang up', cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const { posted, controller } = controllerFor({ spec: () => spec, submit: async () => Promise.reject(reset) });
    await controller.receive({ type: 'submit', requestId: 'r1', values: { name: 'x' } });
    const result = posted.find((m) => m.type === 'result');
    assert.ok(result && !result.ok);
    assert.doesNotMatch(result.message, /Nothing was sent/);
  });
});
