// Inbound messages: parsed with the shared schema, ignored when they do not parse, made safe to render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHostMessage, sanitizeSummary } from '../../webview/lib/inbound';

const spec = { kind: 'invite', title: 'T', submitLabel: 'Send', fields: [{ name: 'a', label: 'A', kind: 'text' }], values: {}, draftKey: 'k' };

describe('webview inbound messages', () => {
  it('ignores what does not parse', () => {
    for (const m of [null, 'init', {}, { type: 'nope' }, { type: 'init' }, { type: 'busy', requestId: 'has space', busy: true }, { type: 'result', requestId: 'r', ok: 'yes', message: '' }]) {
      assert.equal(parseHostMessage(m), undefined, JSON.stringify(m));
    }
  });

  it('keeps the parts of init the schema does not name (subtitle, notes, bulk, field details)', () => {
    const msg = parseHostMessage({
      type: 'init',
      spec: { ...spec, subtitle: 'Sub', notes: ['n1', 3], bulk: { targets: [{ id: 'c', name: 'C', skipReason: 'no contact' }, { id: 1 }] }, fields: [{ name: 'a', label: 'A', kind: 'select', options: [{ value: 'v', label: 'V', description: 'D' }, { value: 2 }], help: 'H' }] },
    });
    assert.equal(msg?.type, 'init');
    if (msg?.type !== 'init') return;
    assert.equal(msg.spec.subtitle, 'Sub');
    assert.deepEqual(msg.spec.notes, ['n1']);
    assert.deepEqual(msg.spec.bulk, { targets: [{ id: 'c', name: 'C', skipReason: 'no contact' }] });
    assert.deepEqual(msg.spec.fields[0]!.options, [{ value: 'v', label: 'V', description: 'D' }]);
    assert.equal(msg.spec.fields[0]!.help, 'H');
  });

  it('renders a field of an unknown kind as text', () => {
    const msg = parseHostMessage({ type: 'init', spec: { ...spec, fields: [{ name: 'a', label: 'A', kind: 'colour' }] } });
    assert.equal(msg?.type === 'init' && msg.spec.fields[0]!.kind, 'text');
  });

  it('keeps a failed result’s field errors (strings only)', () => {
    const msg = parseHostMessage({ type: 'result', requestId: 'r1', ok: false, message: 'Bad', fieldErrors: { email: 'Taken', n: 3 } });
    assert.deepEqual(msg, { type: 'result', requestId: 'r1', ok: false, message: 'Bad', fieldErrors: { email: 'Taken' } });
  });

  it('keeps a successful result’s values and clearDraft', () => {
    const msg = parseHostMessage({ type: 'result', requestId: 'r1', ok: true, message: 'Done', values: { a: 'b' }, clearDraft: true });
    assert.deepEqual(msg, { type: 'result', requestId: 'r1', ok: true, message: 'Done', values: { a: 'b' }, clearDraft: true });
  });

  it('keeps the done state of a result and of an init, and nothing that is not one', () => {
    assert.deepEqual(parseHostMessage({ type: 'result', requestId: 'r1', ok: true, message: 'Sent', done: true }), { type: 'result', requestId: 'r1', ok: true, message: 'Sent', values: undefined, clearDraft: false, done: true });
    assert.equal('done' in (parseHostMessage({ type: 'result', requestId: 'r1', ok: true, message: 'Sent', done: 'yes' }) ?? {}), false);
    const init = parseHostMessage({ type: 'init', spec, done: 'Sent to jane@acme.com.' });
    assert.equal(init?.type === 'init' && init.done, 'Sent to jane@acme.com.');
  });

  it('keeps bulk rows’ messages and the run error, and counts a missing summary from the rows', () => {
    const msg = parseHostMessage({
      type: 'bulk',
      running: false,
      error: 'Token expired',
      rows: [
        { id: 'a', name: 'A', state: 'sent' },
        { id: 'b', name: 'B', state: 'failed', message: 'Invalid requestee email' },
        { id: 'c', name: 'C', state: 'weird' },
      ],
    });
    assert.equal(msg?.type, 'bulk');
    if (msg?.type !== 'bulk') return;
    assert.equal(msg.error, 'Token expired');
    assert.equal(msg.rows[1]!.message, 'Invalid requestee email');
    assert.equal(msg.rows[2]!.state, 'pending');
    assert.deepEqual(msg.summary, { total: 3, sent: 1, failed: 1, skipped: 0, pending: 1, cancelled: 0 });
  });

  it('uses the host’s summary when it is complete', () => {
    const s = { total: 9, sent: 5, failed: 1, skipped: 2, pending: 1, cancelled: 0 };
    assert.deepEqual(sanitizeSummary(s, []), s);
  });
});
