// The Kare and Guidewire sign-in schemes as declared (their providers plug them in later), against
// a scripted server standing in for the login, refresh and token endpoints.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { secureUrl } from '../../src/core/auth';
import { ApiError } from '../../src/core/errors';
import { PLAIN_HTTP_REFUSED } from '../../src/core/plainHttp';
import { HttpClient } from '../../src/core/http';
import { Redactor, silentLogger } from '../../src/core/redact';
import * as z from '../../src/core/zod';
import { authHttp } from '../../src/connections/authHttp';
import type { CredentialRecord } from '../../src/connections/credentials';
import { CredentialSession } from '../../src/connections/session';
import { guidewireBasic, guidewireClientCredentials, userContext } from '../../src/providers/guidewire/auth';
import { KARE_EMAIL, karePassword, kareTokens } from '../../src/providers/kare/auth';
import { json, scriptedServer, type Seen } from './helpers/scriptedServer';

let refreshOk = true;
let tokenRequests = 0;
let srv: Awaited<ReturnType<typeof scriptedServer>>;
before(async () => {
  srv = await scriptedServer((req: Seen, res) => {
    if (req.url === '/main/auth/v1/rs/login/credentials') {
      const body = JSON.parse(req.body) as { email: string; password: string };
      if (body.password !== 'right-pw') return json(res, 401, { message: 'Unauthorized' });
      return json(res, 201, { data: { accessToken: 'k-access-1', refreshToken: 'k-refresh-1', sessionToken: 'k-session-1' } });
    }
    if (req.url === '/main/auth/v1/bo/token/refresh') {
      if (!refreshOk) return json(res, 401, { message: 'Unauthorized' });
      return json(res, 201, { accessToken: 'k-access-2', sessionToken: 'k-session-2' });
    }
    if (req.url === '/oauth2/v1/token') {
      tokenRequests++;
      const form = Object.fromEntries(new URLSearchParams(req.body));
      if (form.client_secret !== 'cs-right') return json(res, 401, { error: 'invalid_client' });
      return setTimeout(() => json(res, 200, { token_type: 'Bearer', access_token: `gw-access-${tokenRequests}`, expires_in: 3600 }), 20);
    }
    if (req.url === '/pc/rest/admin/v1/organizations') {
      return req.headers.authorization?.startsWith('Bearer gw-access-') ? json(res, 200, { ok: true }) : json(res, 401, { status: 401, errorCode: 'gw.api.rest.exceptions.UnauthorizedException' });
    }
    json(res, 404, {});
  });
});
after(() => srv.close());

const http = () => authHttp(`${srv.url}/main`, { logger: silentLogger, redactor: new Redactor(), timeoutMs: 2000 });

describe('Kare schemes', () => {
  it('e-mail + password: one login gives access, session and refresh tokens; every call carries both tokens and JSON', async () => {
    const got = await karePassword.exchange!({ values: { password: 'right-pw' }, tokens: {}, settings: { email: 'ana@dupont.fr' } }, http());
    assert.deepEqual(got.tokens, { accessToken: 'k-access-1', refreshToken: 'k-refresh-1', sessionToken: 'k-session-1' });
    assert.equal(JSON.parse(srv.seen.at(-1)!.body).email, 'ana@dupont.fr');
    assert.deepEqual(karePassword.headers({ values: {}, tokens: got.tokens, settings: {} }), { Authorization: 'Bearer k-access-1', 'X-Session-Token': 'k-session-1', 'Content-Type': 'application/json' });
  });

  it('the password is a secret kept only when asked, the e-mail a setting checked with the seed pattern', () => {
    const [email, password] = karePassword.fields;
    assert.equal(email!.secret, false);
    assert.equal(password!.secret && password!.storeOnlyIfAsked, true);
    assert.equal(email!.validate!('.ana@dupont.fr'), 'This is not an e-mail address Kare accepts');
    assert.equal(email!.validate!("o'neil+x@dupont.fr"), undefined);
    assert.equal(KARE_EMAIL.test('a@b.c'), false, 'one-letter TLD');
  });

  it('renews with the refresh token; a failed refresh signs in again only with a kept password', async () => {
    const tokens = { accessToken: 'k-access-1', refreshToken: 'k-refresh-1', sessionToken: 'k-session-1' };
    refreshOk = true;
    assert.deepEqual((await karePassword.renew!({ values: {}, tokens, settings: {} }, http())).tokens, { accessToken: 'k-access-2', sessionToken: 'k-session-2' });
    assert.deepEqual(JSON.parse(srv.seen.at(-1)!.body), { refreshToken: 'k-refresh-1' });
    refreshOk = false;
    try {
      await assert.rejects(karePassword.renew!({ values: {}, tokens, settings: { email: 'ana@dupont.fr' } }, http()), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
      const again = await karePassword.renew!({ values: { password: 'right-pw' }, tokens, settings: { email: 'ana@dupont.fr' } }, http());
      assert.equal(again.tokens.refreshToken, 'k-refresh-1');
      assert.equal(srv.seen.at(-1)!.url, '/main/auth/v1/rs/login/credentials');
    } finally {
      refreshOk = true;
    }
  });

  it('two pasted tokens become the same two headers, with nothing to renew', () => {
    assert.equal(kareTokens.renew, undefined);
    assert.deepEqual(kareTokens.headers({ values: { accessToken: 'a1', sessionToken: 's1' }, tokens: {}, settings: {} }), { Authorization: 'Bearer a1', 'X-Session-Token': 's1', 'Content-Type': 'application/json' });
  });
});

describe('Guidewire schemes', () => {
  it('sends the client secret over plain http only to localhost, 127.0.0.1 and [::1] as typed', () => {
    const tokenUrl = guidewireClientCredentials.fields.find((f) => f.name === 'tokenUrl')!;
    assert.ok(tokenUrl.validate, 'the token URL field is validated');
    const check = secureUrl('token URL');
    for (const url of ['http://127.5.5.5/t', 'http://0x7f.0.0.1/t', 'http://2130706433/t']) {
      assert.match(check(url) ?? 'accepted', /travel unencrypted/, url);
      assert.match(tokenUrl.validate!(url) ?? 'accepted', /travel unencrypted/, url);
    }
    for (const url of ['http://localhost:8080/t', 'http://127.0.0.1:9/t', 'http://[::1]:9/t', 'https://idp.example/t']) {
      assert.equal(check(url), undefined, url);
      assert.equal(tokenUrl.validate!(url), undefined, url);
    }
  });

  const settings = { tokenUrl: '', clientId: 'cid-1', scopes: 'scp.pc.admin pc.service', userContext: 'aapplegate' };

  it('client credentials: a form-encoded grant at the token URL; expires_in becomes expiresAt; GW-User-Context is base64 JSON', async () => {
    const s = { values: { clientSecret: 'cs-right' }, tokens: {}, settings: { ...settings, tokenUrl: `${srv.url}/oauth2/v1/token` } };
    const before = Date.now();
    const got = await guidewireClientCredentials.exchange!(s, http());
    assert.match(got.tokens.accessToken!, /^gw-access-\d+$/);
    assert.ok(got.expiresAt! >= before + 3_600_000 && got.expiresAt! <= Date.now() + 3_600_000);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(srv.seen.at(-1)!.body)), { grant_type: 'client_credentials', client_id: 'cid-1', client_secret: 'cs-right', scope: 'scp.pc.admin pc.service' });
    const headers = guidewireClientCredentials.headers({ ...s, tokens: got.tokens });
    assert.equal(headers.Authorization, `Bearer ${got.tokens.accessToken}`);
    assert.deepEqual(JSON.parse(Buffer.from(headers['GW-User-Context']!, 'base64').toString()), { sub: 'aapplegate', pc_username: 'aapplegate' });
    assert.equal(userContext('u'), Buffer.from('{"sub":"u","pc_username":"u"}').toString('base64'));
  });

  it('only the client secret is secret: token URL, client id, scopes and user are settings', () => {
    assert.deepEqual(guidewireClientCredentials.fields.filter((f) => f.secret).map((f) => f.name), ['clientSecret']);
    assert.equal(guidewireClientCredentials.fields[0]!.validate!('http://idp.example/token'), PLAIN_HTTP_REFUSED);
  });

  it('Basic is labelled for development instances only', () => {
    assert.equal(guidewireBasic.detail, 'development instances only');
    assert.equal(guidewireBasic.headers({ values: { password: 'gw' }, tokens: {}, settings: { username: 'su' } }).Authorization, `Basic ${Buffer.from('su:gw').toString('base64')}`);
  });

  it('an expiring OAuth token is renewed by one token request for 10 concurrent calls, saved back once', async () => {
    const tokenUrl = `${srv.url}/oauth2/v1/token`;
    const saved: CredentialRecord[] = [];
    const session = new CredentialSession({
      scheme: guidewireClientCredentials,
      record: { scheme: 'clientCredentials', values: { clientSecret: 'cs-right' }, tokens: { accessToken: 'gw-old' }, expiresAt: Date.now() + 30_000 },
      settings: { ...settings, tokenUrl },
      http: http(),
      save: async (r) => void saved.push(r),
      redactor: new Redactor(),
      logger: silentLogger,
      onSignedOut: () => assert.fail('the renewal should work'),
    });
    const api = new HttpClient({ baseUrl: `${srv.url}/pc/rest`, concurrency: 10, timeoutMs: 2000, authorize: () => session.authorize(), onUnauthorized: (sent) => session.onUnauthorized(sent) });
    const before = tokenRequests;
    await Promise.all(Array.from({ length: 10 }, () => api.request({ method: 'GET', path: '/admin/v1/organizations', schema: z.object({ ok: z.boolean() }) })));
    assert.equal(tokenRequests - before, 1);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.tokens!.accessToken, `gw-access-${tokenRequests}`);
  });
});
