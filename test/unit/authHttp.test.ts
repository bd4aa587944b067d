// The HTTP of sign-in exchanges: a token endpoint on another host, form-encoded bodies, the same
// redaction as every other call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { Redactor, silentLogger } from '../../src/core/redact';
import * as z from '../../src/core/zod';
import { authHttp } from '../../src/connections/authHttp';
import { json, scriptedServer } from './helpers/scriptedServer';

const token = z.object({ access_token: z.string(), expires_in: z.number() });

describe('authHttp', () => {
  it('posts a form-encoded body to an absolute token URL on another host, with no credential headers of its own', async () => {
    const idp = await scriptedServer((_req, res) => json(res, 200, { access_token: 'at-1', expires_in: 3600 }));
    try {
      const http = authHttp('https://api.example.invalid/pc/rest', { logger: silentLogger, redactor: new Redactor(), timeoutMs: 2000 });
      const out = await http.request(`${idp.url}/oauth2/v1/token`, { method: 'POST', form: { grant_type: 'client_credentials', client_id: 'cid', client_secret: 's3cr et&x', scope: 'a b' }, schema: token });
      assert.deepEqual(out, { access_token: 'at-1', expires_in: 3600 });
      const seen = idp.seen[0]!;
      assert.equal(seen.url, '/oauth2/v1/token');
      assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(seen.headers.authorization, undefined);
      assert.deepEqual(Object.fromEntries(new URLSearchParams(seen.body)), { grant_type: 'client_credentials', client_id: 'cid', client_secret: 's3cr et&x', scope: 'a b' });
    } finally {
      await idp.close();
    }
  });

  it('resolves a path below the base URL and scrubs registered secrets from errors', async () => {
    const api = await scriptedServer((_req, res) => json(res, 401, { message: 'bad password hunter2-pw' }));
    try {
      const redactor = new Redactor();
      redactor.add('hunter2-pw');
      const http = authHttp(`${api.url}/main`, { logger: silentLogger, redactor, timeoutMs: 2000 });
      await assert.rejects(http.request('/auth/v1/rs/login/credentials', { method: 'POST', body: { email: 'a@b.fr', password: 'hunter2-pw' }, schema: token }), (e: unknown) => {
        assert.ok(e instanceof ApiError && e.kind === 'auth');
        assert.ok(!e.message.includes('hunter2-pw'), e.message);
        return true;
      });
      assert.equal(api.seen[0]!.url, '/main/auth/v1/rs/login/credentials');
      assert.equal(api.seen[0]!.headers['content-type'], 'application/json');
    } finally {
      await api.close();
    }
  });
});
