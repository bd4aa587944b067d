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
