// The host's store of writes whose answer was lost (src/forms/inDoubt.ts): one record per scoped
// draft key, the same for every handler asking, kept across a window reload, no secret on disk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../../src/core/redact';
import { IN_DOUBT_KEY, InDoubtStore, MAX_IN_DOUBT } from '../../src/forms/inDoubt';
import { MemoryState } from './helpers/memoryState';

describe('InDoubtStore', () => {
  it('a record set through one slot is read through another slot of the same key, and by no other key', () => {
    const store = new InDoubtStore();
    store.slot('conn-1/kare/7/create-contacts').set({ before: [1, 2], sent: [{ name: 'A', email: null }] });
    assert.deepEqual(store.slot('conn-1/kare/7/create-contacts').get(), { before: [1, 2], sent: [{ name: 'A', email: null }] });
    assert.equal(store.slot('conn-2/kare/7/create-contacts').get(), undefined);
    store.slot('conn-1/kare/7/create-contacts').set(undefined);
    assert.equal(store.get('conn-1/kare/7/create-contacts'), undefined);
  });

  it('survives a window reload through global state, with every known secret scrubbed from what is stored', () => {
    const state = new MemoryState();
    const redactor = new Redactor();
    redactor.add('s3cr3t-token-value');
    new InDoubtStore(state, (t) => redactor.scrub(t)).set('c/guidewire/pc:1/create-contact', { transactionId: 'tx-1', content: 'x s3cr3t-token-value y' });
    const stored = JSON.stringify(state.get(IN_DOUBT_KEY));
    assert.doesNotMatch(stored, /s3cr3t-token-value/);
    const reloaded = new InDoubtStore(state).get('c/guidewire/pc:1/create-contact') as { transactionId: string; content: string };
    assert.equal(reloaded.transactionId, 'tx-1');
    assert.doesNotMatch(reloaded.content, /s3cr3t/);
  });

  it('keeps at most MAX_IN_DOUBT records on disk, the newest, and ignores a stored value that does not parse', async () => {
    const state = new MemoryState();
    const store = new InDoubtStore(state);
    for (let i = 0; i <= MAX_IN_DOUBT; i++) store.set(`k${i}`, { n: i });
    const kept = state.get<Array<{ key: string }>>(IN_DOUBT_KEY)!;
    assert.equal(kept.length, MAX_IN_DOUBT);
    assert.equal(kept[0]!.key, `k${MAX_IN_DOUBT}`);
    assert.equal(new InDoubtStore(state).get('k0'), undefined);
    await state.update(IN_DOUBT_KEY, 'garbage');
    assert.equal(new InDoubtStore(state).get(`k${MAX_IN_DOUBT}`), undefined);
  });
});
