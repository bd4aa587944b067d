import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Credentials } from '../../src/connections/credentials';
import { ConnectionRuntime } from '../../src/connections/runtime';
import { SandboxHost } from '../../src/connections/sandboxHost';
import { ConnectionStore, type KeyValueStore } from '../../src/connections/store';
import { Redactor, silentLogger } from '../../src/core/redact';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/server';

class MemoryState implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, value);
  }
}

function fakeStart(log: string[]) {
  let port = 4100;
  return async (opts: SandboxOptions): Promise<RunningSandbox> => {
    const p = opts.port || port++;
    log.push(`start ${p} ${opts.tokens?.bitsight}`);
    return {
      url: `http://127.0.0.1:${p}`,
      port: p,
      apis: { bitsight: { baseUrl: `http://127.0.0.1:${p}/bitsight`, token: opts.tokens?.bitsight ?? '', viewerToken: 'v' } },
      close: async () => void log.push(`close ${p}`),
    } as unknown as RunningSandbox;
  };
}

async function setup() {
  const log: string[] = [];
  const host = new SandboxHost(() => ({}), silentLogger, fakeStart(log));
  const store = new ConnectionStore(new MemoryState(), silentLogger);
  const secrets = new Map<string, string>();
  const credentials = new Credentials({ get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) });
  await store.upsert({ id: 'sb', name: 'Sandbox (Bitsight)', api: 'bitsight', baseUrl: 'http://127.0.0.1:1/bitsight', sandbox: true });
  await credentials.save('sb', { scheme: 'token', values: { token: 'sandbox-token-1234' } });
  const runtime = new ConnectionRuntime(store, credentials, host, silentLogger, new Redactor(), () => 5000);
  return { log, host, store, credentials, runtime };
}

describe('SandboxHost and sandbox connections', () => {
  it('starts the sandbox on first use and follows its port in the stored base URL', async () => {
    const { log, runtime, store } = await setup();
    const p = await runtime.provider('sb');
    assert.ok('listCompanies' in p);
    assert.deepEqual(log, ['start 4100 sandbox-token-1234']);
    assert.equal(store.get('sb')!.baseUrl, 'http://127.0.0.1:4100/bitsight');
    await runtime.provider('sb');
    assert.equal(log.length, 1, 'started once');
  });

  it('restarts on the same port when the token changes', async () => {
    const { log, host } = await setup();
    await host.ensureRunning({ bitsight: 'a-token-1' });
    await host.ensureRunning({ bitsight: 'a-token-2' });
    assert.deepEqual(log, ['start 4100 a-token-1', 'close 4100', 'start 4100 a-token-2']);
  });

  it('an explicit stop is not undone by the tree asking again; Try the Sandbox allows it', async () => {
    const { log, host, runtime } = await setup();
    await runtime.provider('sb');
    await host.stop(true);
    assert.deepEqual(await runtime.provider('sb'), { reason: 'stopped' });
    assert.deepEqual(log, ['start 4100 sandbox-token-1234', 'close 4100'], 'not restarted');
    host.allowStart();
    const p = await runtime.provider('sb');
    assert.ok('listCompanies' in p);
    assert.match(log.at(-1)!, /^start \d+ sandbox-token-1234$/);
  });

  it('a signed-out sandbox connection asks to sign in instead of starting', async () => {
    const { log, runtime, credentials } = await setup();
    await credentials.delete('sb');
    assert.deepEqual(await runtime.provider('sb'), { reason: 'signed-out' });
    assert.deepEqual(log, []);
  });
});
