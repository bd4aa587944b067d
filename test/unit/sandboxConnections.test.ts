// Try the Sandbox's vendor mapping: each API the sandbox serves becomes one connection with a
// scheme its provider declares, the sandbox's secrets in exactly that scheme's secret fields and
// its non-secret fields in the settings; only APIs with a registered provider are added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthScheme } from '../../src/core/auth';
import type { ApiKind } from '../../src/core/model';
import { PROVIDERS } from '../../src/providers';
import { bitsightToken } from '../../src/providers/bitsight/auth';
import { GUIDEWIRE_AUTH_SCHEMES } from '../../src/providers/guidewire/auth';
import { KARE_AUTH_SCHEMES } from '../../src/providers/kare/auth';
import { sandboxConnections, sandboxSecretOf } from '../../src/sandbox/connections';
import type { RunningSandbox } from '../../src/sandbox/server';
import { installFakeVscode } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { usableSandboxConnections } = require('../../src/commands/sandbox') as typeof import('../../src/commands/sandbox');

const running: Pick<RunningSandbox, 'apis'> = {
  apis: {
    bitsight: { baseUrl: 'http://127.0.0.1:9/bitsight', token: 'bs-token', viewerToken: 'viewer' },
    kare: { baseUrl: 'http://127.0.0.1:9/kare', email: 'ops@kare.example', password: 'kare-pass', accessToken: 'acc', sessionToken: 'ses', refreshToken: 'ref' },
    guidewire: { baseUrl: 'http://127.0.0.1:9/guidewire/rest', token: 'gw-token', tokenUrl: 'http://127.0.0.1:9/oauth/token', clientId: 'cid', clientSecret: 'csec', scopes: 's', user: 'su', password: 'gwpass' },
  },
};

const SCHEMES: Record<ApiKind, AuthScheme[]> = { bitsight: [bitsightToken], kare: KARE_AUTH_SCHEMES, guidewire: GUIDEWIRE_AUTH_SCHEMES };

describe('sandbox connections', () => {
  const all = sandboxConnections(running);
  const of = (api: ApiKind) => all.find((c) => c.api === api)!;

  it('maps each API to one connection at its base URL', () => {
    assert.deepEqual(all.map((c) => [c.api, c.baseUrl, c.label]), [
      ['bitsight', 'http://127.0.0.1:9/bitsight', 'Sandbox (Bitsight)'],
      ['kare', 'http://127.0.0.1:9/kare', 'Sandbox (Kare)'],
      ['guidewire', 'http://127.0.0.1:9/guidewire/rest', 'Sandbox (Guidewire)'],
    ]);
  });

  it('Kare signs in with the sandbox account\'s e-mail and the minted password, with the session opened at start', () => {
    assert.deepEqual(of('kare'), {
      ...of('kare'),
      scheme: 'password',
      values: { password: 'kare-pass' },
      settings: { email: 'ops@kare.example' },
      tokens: { accessToken: 'acc', sessionToken: 'ses', refreshToken: 'ref' },
    });
  });

  it('Guidewire uses the bearer scheme with the minted token; Bitsight its API token', () => {
    assert.deepEqual([of('guidewire').scheme, of('guidewire').values, of('guidewire').settings], ['bearer', { token: 'gw-token' }, {}]);
    assert.deepEqual([of('bitsight').scheme, of('bitsight').values], ['token', { token: 'bs-token' }]);
  });

  for (const api of ['bitsight', 'kare', 'guidewire'] as const) {
    it(`${api}: the scheme exists, its secret fields are the values and its required other fields the settings`, () => {
      const c = of(api);
      const scheme = SCHEMES[api].find((s) => s.id === c.scheme);
      assert.ok(scheme, `${api} declares a scheme "${c.scheme}"`);
      assert.deepEqual(Object.keys(c.values).sort(), scheme.fields.filter((f) => f.secret).map((f) => f.name).sort());
      assert.deepEqual(Object.keys(c.settings).sort(), scheme.fields.filter((f) => !f.secret && !f.optional).map((f) => f.name).sort());
    });
  }

  it('reads back the secret the sandbox was started with from a stored record', () => {
    assert.equal(sandboxSecretOf('kare', { password: 'p' }), 'p');
    assert.equal(sandboxSecretOf('guidewire', { token: 't' }), 't');
    assert.equal(sandboxSecretOf('bitsight', {}), undefined);
    assert.equal(sandboxSecretOf('kare', undefined), undefined);
  });

  it('Try the Sandbox adds only APIs whose provider is registered and declares the scheme', () => {
    const usable = usableSandboxConnections(all);
    assert.deepEqual(usable.map((c) => c.api), all.filter((c) => PROVIDERS[c.api]).map((c) => c.api));
    assert.ok(usable.some((c) => c.api === 'bitsight'));
    const unknownScheme = usableSandboxConnections([{ ...of('bitsight'), scheme: 'no-such-scheme' }]);
    assert.deepEqual(unknownScheme, []);
  });
});
