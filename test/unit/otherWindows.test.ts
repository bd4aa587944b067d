import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followOtherWindows } from '../../src/connections/otherWindows';
import { Credentials } from '../../src/connections/credentials';
import { ConnectionRuntime } from '../../src/connections/runtime';
import { SandboxHost } from '../../src/connections/sandboxHost';
import { CONNECTIONS_KEY, ConnectionStore, changedConnections } from '../../src/connections/store';
import { Redactor, silentLogger } from '../../src/core/redact';
import { EventEmitter } from './helpers/fakeVscode';
import { MemoryState } from './helpers/memoryState';

/** One global state, as every window of a profile shares it (and Settings Sync writes it). */
const SharedState = MemoryState;
type SharedState = MemoryState;

const prod = { id: 'a1', name: 'Prod', api: 'bitsight' as const, baseUrl: 'https://api.bitsighttech.com' };

/** A second window: its own store over the shared state, its own events, what it was told. */
function windowOver(state: SharedState) {
  const store = new ConnectionStore(state, silentLogger);
  const secrets = new EventEmitter<unknown>();
  const focus = new EventEmitter<{ focused: boolean }>();
  const told: string[][] = [];
  let fired = 0;
  store.onDidChange(() => fired++);
  followOtherWindows(store, { secretsChanged: secrets.event, windowStateChanged: focus.event }, (ids) => told.push(ids));
  return { store, secrets, focus, told, fired: () => fired };
}

describe('several windows', () => {
  it('a connection added in one window shows in the other when a secret changes', async () => {
    const state = new SharedState();
    const a = new ConnectionStore(state, silentLogger);
    const b = windowOver(state);
    await a.upsert(prod);
    b.secrets.fire({ key: 'portfolioContacts.token.a1' });
    assert.deepEqual(b.told, [['a1']]);
    assert.equal(b.fired(), 1, 'the tree is refreshed once');
    assert.deepEqual(b.store.list(), [prod]);
  });

  it('a rename in one window shows in the other when it gains focus, and only once', async () => {
    const state = new SharedState();
    const a = new ConnectionStore(state, silentLogger);
    await a.upsert(prod);
    const b = windowOver(state);
    await a.upsert({ ...prod, name: 'Production' });
    b.focus.fire({ focused: false });
    assert.deepEqual(b.told, [], 'losing focus checks nothing');
    b.focus.fire({ focused: true });
    b.focus.fire({ focused: true });
    assert.deepEqual(b.told, [['a1']]);
    assert.equal(b.fired(), 1);
  });

  it("a window's own writes do not count as another window's", async () => {
    const b = windowOver(new SharedState());
    await b.store.upsert(prod);
    await b.store.remove(prod.id);
    b.secrets.fire({ key: 'portfolioContacts.token.a1' });
    b.focus.fire({ focused: true });
    assert.deepEqual(b.told, []);
    assert.equal(b.fired(), 2, 'only the two local writes');
  });

  it('names added, removed and changed ids, not unchanged ones or a new order', () => {
    const kare = { id: 'k1', name: 'Kare', api: 'kare' as const, baseUrl: 'https://kare.example' };
    const gw = { id: 'g1', name: 'GW', api: 'guidewire' as const, baseUrl: 'https://gw.example' };
    assert.deepEqual(changedConnections([prod, kare], [kare, prod]), []);
    assert.deepEqual(changedConnections([prod, kare], [{ ...kare, baseUrl: 'https://kare2.example' }, gw]).sort(), ['a1', 'g1', 'k1']);
  });

  it('a connection that roamed to a new machine (no secret there) asks to sign in', async () => {
    const state = new SharedState();
    // What Settings Sync brings: the list, never a token.
    state.data.set(CONNECTIONS_KEY, [prod]);
    const store = new ConnectionStore(state, silentLogger);
    const secrets = new Map<string, string>();
    const credentials = new Credentials({ get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) });
    const runtime = new ConnectionRuntime(store, credentials, new SandboxHost(() => ({}), silentLogger), silentLogger, new Redactor(), () => 2000);
    assert.deepEqual(await runtime.provider('a1'), { reason: 'signed-out' });
  });
});
