// The host side of rows, conditions, options and stale records: the controller checks again with
// the webview's rules, hands the handler only what is shown, answers options requests (cached per
// source) and re-sends a form whose record changed with what the person typed kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FormHandler, FormStaleError } from '../../src/core/forms';
import { silentLogger } from '../../src/core/redact';
import { FormController, type DraftStore } from '../../src/forms/controller';
import type { FieldOption, FormSpec, FormValues } from '../../src/protocol/forms';
import type { HostMessage, RawDraft } from '../../src/protocol/messages';

const spec = (version: string): FormSpec => ({
  kind: 'createContacts',
  title: `Create Contact (${version})`,
  submitLabel: 'Create',
  fields: [
    { name: 'subtype', label: 'Type', kind: 'select', options: [{ value: 'Person', label: 'Person' }, { value: 'Company', label: 'Company' }], required: true },
    { name: 'firstName', label: 'First name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Person' }, requiredWhen: { field: 'subtype', equals: 'Person' } },
    { name: 'companyName', label: 'Company name', kind: 'text', visibleWhen: { field: 'subtype', equals: 'Company' }, required: true },
    { name: 'state', label: 'State', kind: 'select', optionsSource: 'typelist/State', required: true },
    { name: 'contacts', label: 'Contacts', kind: 'rows', fields: [{ name: 'name', label: 'Name', kind: 'text', required: true }], maxRows: 2 },
  ],
  values: { subtype: 'Person', firstName: version, companyName: '', state: '', contacts: [] },
  draftKey: 'gw/org-1',
});

class MemoryDrafts implements DraftStore {
  readonly map = new Map<string, RawDraft>();
  get = (k: string) => this.map.get(k);
  set = (k: string, v: RawDraft) => void this.map.set(k, v);
  delete = (k: string) => void this.map.delete(k);
}

function harness(extra: Partial<FormHandler> & { submit?: FormHandler['submit'] } = {}, current = () => spec('v1')) {
  const posted: HostMessage[] = [];
  const calls: FormValues[] = [];
  const drafts = new MemoryDrafts();
  const handler: FormHandler = {
    spec: current,
    submit: async (values, ctx) => {
      calls.push(values);
      return extra.submit ? extra.submit(values, ctx) : { message: 'Created.' };
    },
    ...(extra.options ? { options: extra.options } : {}),
  };
  const controller = new FormController({ post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) }, handler, silentLogger, { drafts });
  return { posted, calls, drafts, send: (m: unknown) => controller.receive(m), controller };
}

const TX: FieldOption[] = [{ value: 'TX', label: 'Texas' }, { value: 'CA', label: 'California' }];
const good = { subtype: 'Person', firstName: 'Ann', state: 'TX', contacts: [{ name: 'A' }] };

describe('FormController: rows, conditions, options, stale records', () => {
  it('hands the handler no value of a hidden field', async () => {
    const h = harness();
    await h.send({ type: 'submit', requestId: 'r1', values: { ...good, companyName: 'Sneaked In' } });
    assert.deepEqual(h.calls, [good]);
  });

  it('refuses per path what the webview should have refused (a row’s required field, too many rows)', async () => {
    const h = harness();
    await h.send({ type: 'submit', requestId: 'r1', values: { ...good, contacts: [{ name: 'A' }, { name: '' }] } });
    await h.send({ type: 'submit', requestId: 'r2', values: { ...good, contacts: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] } });
    assert.equal(h.calls.length, 0);
    const [r1, r2] = h.posted.filter((m): m is Extract<HostMessage, { type: 'result'; ok: false }> => m.type === 'result' && !m.ok);
    assert.deepEqual(Object.keys(r1!.fieldErrors), ['contacts.1.name']);
    assert.deepEqual(Object.keys(r2!.fieldErrors), ['contacts']);
  });

  it('answers an options request, asks the handler once per source, and then checks the select against them', async () => {
    let asked = 0;
    const h = harness({ options: async (source) => (asked++, source === 'typelist/State' ? TX : []) });
    await h.send({ type: 'options', requestId: 'o1', source: 'typelist/State' });
    await h.send({ type: 'options', requestId: 'o2', source: 'typelist/State' });
    assert.equal(asked, 1);
    assert.deepEqual(h.posted, [
      { type: 'options', requestId: 'o1', source: 'typelist/State', options: TX },
      { type: 'options', requestId: 'o2', source: 'typelist/State', options: TX },
    ]);
    await h.send({ type: 'submit', requestId: 'r1', values: { ...good, state: 'ZZ' } });
    const result = h.posted.at(-1) as Extract<HostMessage, { type: 'result'; ok: false }>;
    assert.equal(result.fieldErrors.state, '"ZZ" is not one of the choices');
  });

  it('answers an error when loading fails, and asks again next time', async () => {
    let asked = 0;
    const h = harness({ options: async () => { asked++; if (asked === 1) throw new Error('socket hang up'); return TX; } });
    await h.send({ type: 'options', requestId: 'o1', source: 'typelist/State' });
    await h.send({ type: 'options', requestId: 'o2', source: 'typelist/State' });
    assert.deepEqual(h.posted[0], { type: 'options', requestId: 'o1', source: 'typelist/State', error: 'Loading the choices failed: socket hang up' });
    assert.deepEqual(h.posted[1], { type: 'options', requestId: 'o2', source: 'typelist/State', options: TX });
  });

  it('refuses options that do not parse instead of passing them to the webview', async () => {
    const h = harness({ options: async () => [{ value: 1, label: null }] as unknown as FieldOption[] });
    await h.send({ type: 'options', requestId: 'o1', source: 'typelist/State' });
    assert.match((h.posted[0] as { error?: string }).error ?? '', /do not parse/);
  });

  it('ignores an options request whose source is not a plain name', async () => {
    const h = harness({ options: async () => TX });
    await h.send({ type: 'options', requestId: 'o1', source: 'https://evil.example/<x>' });
    assert.deepEqual(h.posted, []);
  });

  it('FormStaleError: answers ok:false with its message, then re-sends the reloaded form with what was typed as the draft', async () => {
    let version = 'v1';
    const h = harness(
      {
        submit: async () => {
          version = 'v2';
          throw new FormStaleError('Someone else changed this organization; it was reloaded. Your input is kept: send again.');
        },
      },
      () => spec(version),
    );
    await h.send({ type: 'submit', requestId: 'r1', values: { ...good, companyName: 'typed while hidden' } });
    const result = h.posted.find((m) => m.type === 'result') as Extract<HostMessage, { type: 'result'; ok: false }>;
    assert.equal(result.ok, false);
    assert.match(result.message, /Someone else changed/);
    const init = h.posted.at(-1) as Extract<HostMessage, { type: 'init' }>;
    assert.equal(init.type, 'init');
    assert.equal(init.spec.title, 'Create Contact (v2)', 'the spec was read again');
    assert.deepEqual(init.draft, { firstName: 'Ann', companyName: 'typed while hidden', state: 'TX', contacts: '1', 'contacts.0.name': 'A' });
    assert.deepEqual(h.drafts.get('gw/org-1'), init.draft, 'kept for a reopened panel too');
    assert.ok(h.posted.indexOf(result) < h.posted.indexOf(init), 'the answer comes before the fresh form');
  });
});
