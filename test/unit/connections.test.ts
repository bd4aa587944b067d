import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBaseUrl } from '../../src/connections/baseUrl';
import { isLoopbackHost } from '../../src/core/plainHttp';
import { Credentials, LEGACY_SCHEME, SecretStoreUnavailableError, parseStoredSecret, secretKey } from '../../src/connections/credentials';
import { ConnectionStore } from '../../src/connections/store';
import { Redactor, silentLogger, type Logger } from '../../src/core/redact';
import { bitsight } from '../../src/providers/bitsight';
import { MemoryState } from './helpers/memoryState';


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
  it('keeps the scheme and its non-secret settings', async () => {
    const store = new ConnectionStore(new MemoryState(), silentLogger);
    const c = { id: 'g', name: 'GW', api: 'guidewire' as const, baseUrl: 'https://gw.example/pc/rest', scheme: 'clientCredentials', settings: { tokenUrl: 'https://idp.example/token', scopes: 'pc.service' } };
    await store.upsert(c);
    assert.deepEqual(store.get('g'), c);
    await assert.rejects(store.upsert({ ...c, settings: { 'bad key': 'x' } }));
  });
  it('refuses to save an insecure base URL', async () => {
    const store = new ConnectionStore(new MemoryState(), silentLogger);
    await assert.rejects(store.upsert({ id: 'x', name: 'X', api: 'bitsight', baseUrl: 'http://api.example.com' }));
  });
});

describe('Credentials', () => {
  const memorySecrets = () => {
    const secrets = new Map<string, string>();
    return { secrets, store: { get: async (k: string) => secrets.get(k), store: async (k: string, v: string) => void secrets.set(k, v), delete: async (k: string) => void secrets.delete(k) } };
  };

  it('keeps one secret entry per connection holding a JSON record', async () => {
    const { secrets, store } = memorySecrets();
    const creds = new Credentials(store);
    await creds.save('a', { scheme: 'token', values: { token: 't1-abcd' } });
    await creds.save('b', { scheme: 'password', values: {}, tokens: { accessToken: 'acc-1', sessionToken: 'ses-1', refreshToken: 'ref-1' }, expiresAt: 1000 });
    assert.deepEqual(await creds.read('a'), { scheme: 'token', values: { token: 't1-abcd' } });
    assert.deepEqual((await creds.read('b'))?.tokens, { accessToken: 'acc-1', sessionToken: 'ses-1', refreshToken: 'ref-1' });
    assert.deepEqual([...secrets.keys()], [secretKey('a'), secretKey('b')]);
    assert.deepEqual(JSON.parse(secrets.get(secretKey('a'))!), { scheme: 'token', values: { token: 't1-abcd' } });
    await creds.delete('a');
    assert.equal(await creds.read('a'), undefined);
  });

  it('migrates an old plain-string token to the token record and rewrites it once', async () => {
    const { secrets, store } = memorySecrets();
    secrets.set(secretKey('old'), 'legacy-token-1234');
    const creds = new Credentials(store);
    assert.deepEqual(await creds.read('old'), { scheme: LEGACY_SCHEME, values: { token: 'legacy-token-1234' } });
    assert.deepEqual(JSON.parse(secrets.get(secretKey('old'))!), { scheme: 'token', values: { token: 'legacy-token-1234' } });
    assert.equal(LEGACY_SCHEME, bitsight.authSchemes[0]!.id, 'the migrated record names the Bitsight token scheme');
  });

  it('refuses records that do not match the schema, reading them as signed out', async () => {
    assert.equal(parseStoredSecret('{"scheme":"token","values":{"token":42}}'), undefined);
    assert.equal(parseStoredSecret('{"values":{}}'), undefined);
    assert.equal(parseStoredSecret('{not json'), undefined);
    assert.equal(parseStoredSecret('   '), undefined);
    const { store } = memorySecrets();
    await assert.rejects(new Credentials(store).save('x', { scheme: 'bad scheme!', values: {} }));
  });

  it('registers every secret part and every obtained token with the redactor', async () => {
    const { secrets, store } = memorySecrets();
    secrets.set(secretKey('k'), JSON.stringify({ scheme: 'password', values: { password: 'pa55word-x' }, tokens: { accessToken: 'acc-token-x', sessionToken: 'ses-token-x', refreshToken: 'ref-token-x' } }));
    const redactor = new Redactor();
    const creds = new Credentials(store, redactor);
    await creds.read('k');
    await creds.save('g', { scheme: 'clientCredentials', values: { clientSecret: 'client-secret-x' }, tokens: { accessToken: 'gw-access-x' } });
    const text = 'pa55word-x acc-token-x ses-token-x ref-token-x client-secret-x gw-access-x';
    assert.equal(redactor.scrub(text), Array(6).fill('[redacted]').join(' '));
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
    await assert.rejects(creds.save('a', { scheme: 'token', values: { token: 'secret-value' } }), (e: unknown) => {
      assert.ok(e instanceof SecretStoreUnavailableError);
      assert.match(e.message, /not saved/);
      assert.match(e.message, /keyring/);
      assert.ok(!e.message.includes('secret-value'));
      return true;
    });
    await assert.rejects(creds.read('a'), SecretStoreUnavailableError);
  });
});
