import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBaseUrl, isLoopbackHost } from '../../src/connections/baseUrl';
import { Credentials, SecretStoreUnavailableError, secretKey } from '../../src/connections/credentials';
import { ConnectionStore, type KeyValueStore } from '../../src/connections/store';
import { silentLogger, type Logger } from '../../src/core/redact';

class MemoryState implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('base URL rules', () => {
  it('accepts https and normalises the trailing slash', () => {
    assert.deepEqual(checkBaseUrl(' https://api.bitsighttech.com/ '), { ok: true, url: 'https://api.bitsighttech.com' });
    assert.deepEqual(checkBaseUrl('https://proxy.corp.example/bitsight/'), { ok: true, url: 'https://proxy.corp.example/bitsight' });
  });
  it('refuses plain http except on loopback', () => {
    const r = checkBaseUrl('http://api.bitsighttech.com');
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /unencrypted/);
    assert.equal(checkBaseUrl('http://127.0.0.1:4100/bitsight').ok, true);
    assert.equal(checkBaseUrl('http://localhost:8080').ok, true);
    assert.equal(checkBaseUrl('http://[::1]:8080').ok, true);
    assert.equal(checkBaseUrl('http://127.0.0.1.evil.example').ok, false);
    assert.equal(checkBaseUrl('http://10.0.0.5').ok, false);
  });
  it('refuses credentials, queries, other schemes and non-URLs with a specific message', () => {
    assert.match((checkBaseUrl('https://tok:@api.bitsighttech.com') as { message: string }).message, /credentials/);
    assert.match((checkBaseUrl('https://api.bitsighttech.com?x=1') as { message: string }).message, /query/);
    assert.match((checkBaseUrl('ftp://x') as { message: string }).message, /https/);
    assert.match((checkBaseUrl('api.bitsighttech.com') as { message: string }).message, /not a URL/);
    assert.match((checkBaseUrl('') as { message: string }).message, /Enter/);
  });
  it('takes only the three loopback spellings a proxy is never used for', () => {
    for (const h of ['localhost', 'LocalHost', '127.0.0.1', '[::1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['127.4.5.6', '127.0.0.2', '128.0.0.1', 'localhost.example', '[::ffff:127.0.0.1]', '::1']) assert.ok(!isLoopbackHost(h), h);
  });
});

describe('ConnectionStore', () => {
  it('round-trips connections and never stores a token field', async () => {
    const state = new MemoryState();
    const store = new ConnectionStore(state, silentLogger);
    let fired = 0;
    store.onDidChange(() => fired++);
    await store.upsert({ id: 'a1', name: 'Prod', api: 'bitsight', baseUrl: 'https://api.bitsighttech.com' });
    await store.upsert({ id: 'a1', name: 'Production', api: 'bitsight', baseUrl: 'https://api.bitsighttech.com', token: 'leak' } as never);
    assert.deepEqual(store.list(), [{ id: 'a1', name: 'Production', api: 'bitsight', baseUrl: 'https://api.bitsighttech.com' }]);
    assert.ok(!JSON.stringify([...state.data.values()]).includes('leak'), 'unknown keys (a token) are stripped');
    await store.remove('a1');
    assert.deepEqual(store.list(), []);
    assert.equal(fired, 3);
  });
  it('drops entries that do not parse, with a warning', () => {
    const state = new MemoryState();
    state.data.set('portfolioContacts.connections', [
      { id: 'ok', name: 'Fine', api: 'bitsight', baseUrl: 'https://a.example' },
      { id: 'bad', name: 'Plain', api: 'bitsight', baseUrl: 'http://a.example' },
      'garbage',
    ]);
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    assert.deepEqual(new ConnectionStore(state, log).list().map((c) => c.id), ['ok']);
    assert.equal(warnings.length, 2);
  });
  it('refuses to save an insecure base URL', async () => {
    const store = new ConnectionStore(new MemoryState(), silentLogger);
    await assert.rejects(store.upsert({ id: 'x', name: 'X', api: 'bitsight', baseUrl: 'http://api.example.com' }));
  });
});

describe('Credentials', () => {
  it('keeps one secret per connection', async () => {
    const secrets = new Map<string, string>();
    const creds = new Credentials({
      get: async (k) => secrets.get(k),
      store: async (k, v) => void secrets.set(k, v),
      delete: async (k) => void secrets.delete(k),
    });
    await creds.set('a', 't1');
    await creds.set('b', 't2');
    assert.equal(await creds.get('a'), 't1');
    assert.deepEqual([...secrets.keys()], [secretKey('a'), secretKey('b')]);
    await creds.delete('a');
    assert.equal(await creds.get('a'), undefined);
  });
  it('says plainly when the secret store is unavailable and never falls back', async () => {
    const creds = new Credentials({
      get: async () => {
        throw new Error('no keyring');
      },
      store: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      delete: async () => undefined,
    });
    await assert.rejects(creds.set('a', 'secret-value'), (e: unknown) => {
      assert.ok(e instanceof SecretStoreUnavailableError);
      assert.match(e.message, /not saved/);
      assert.match(e.message, /keyring/);
      assert.ok(!e.message.includes('secret-value'));
      return true;
    });
    await assert.rejects(creds.get('a'), SecretStoreUnavailableError);
  });
});
