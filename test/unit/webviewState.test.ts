// Drafts: what getState() may hold, and how a saved draft, what is typed and the form's values meet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import { draftOf, initialRaws, readDraft } from '../../webview/lib/state';

const spec: Pick<FormSpec, 'fields' | 'values' | 'draftKey'> = {
  draftKey: 'bitsight/c1/invite',
  fields: [
    { name: 'email', label: 'E-mail', kind: 'email' },
    { name: 'days', label: 'Days', kind: 'number' },
    { name: 'ok', label: 'OK', kind: 'checkbox' },
    { name: 'id', label: 'Id', kind: 'text', readonly: true },
  ],
  values: { email: 'poc@x.com', days: 30, ok: false, id: 'abc' },
};

describe('webview state: readDraft', () => {
  it('accepts a draft and drops values of other types', () => {
    assert.deepEqual(readDraft({ draftKey: 'k', values: { a: 'x', b: true, c: 3, d: null } }), { draftKey: 'k', values: { a: 'x', b: true } });
  });
  it('rejects what is not a draft', () => {
    for (const s of [undefined, null, 'x', {}, { draftKey: '', values: {} }, { draftKey: 'k', values: [] }, { draftKey: 1, values: {} }]) {
      assert.equal(readDraft(s), undefined, JSON.stringify(s));
    }
  });
});

describe('webview state: initialRaws', () => {
  it('starts from the form’s values when there is no draft', () => {
    assert.deepEqual(initialRaws(spec, undefined), { email: 'poc@x.com', days: '30', ok: false, id: 'abc' });
  });
  it('lets a draft of the same form win over the form’s values', () => {
    const raws = initialRaws(spec, { draftKey: spec.draftKey, values: { email: 'half@typ', ok: true } });
    assert.deepEqual(raws, { email: 'half@typ', days: '30', ok: true, id: 'abc' });
  });
  it('ignores a draft of another form', () => {
    assert.equal(initialRaws(spec, { draftKey: 'bitsight/c2/invite', values: { email: 'other@x.com' } }).email, 'poc@x.com');
  });
  it('keeps what is typed now over the draft when the same form is sent again', () => {
    const raws = initialRaws(spec, { draftKey: spec.draftKey, values: { email: 'draft@x.com' } }, { draftKey: spec.draftKey, values: { email: 'now@x.com' } });
    assert.equal(raws.email, 'now@x.com');
  });
  it('does not keep typed values into a different form', () => {
    assert.equal(initialRaws(spec, undefined, { draftKey: 'other', values: { email: 'now@x.com' } }).email, 'poc@x.com');
  });
  it('skips a saved value of the wrong type and never restores read-only fields', () => {
    const raws = initialRaws(spec, { draftKey: spec.draftKey, values: { ok: 'yes', email: true, id: 'hacked' } });
    assert.deepEqual(raws, { email: 'poc@x.com', days: '30', ok: false, id: 'abc' });
  });
});

describe('webview state: draftOf', () => {
  it('saves only the editable fields that differ from the form’s values', () => {
    assert.deepEqual(draftOf(spec, { email: 'poc@x.com', days: '31', ok: false, id: 'zzz' }), { draftKey: spec.draftKey, values: { days: '31' } });
  });
  it('keeps an unparsable text exactly as typed', () => {
    assert.deepEqual(draftOf(spec, { email: 'jane@', days: '1e' }).values, { email: 'jane@', days: '1e' });
  });
});
