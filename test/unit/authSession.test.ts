// Credential sessions: renewal before expiry and after a 401, one renewal at a time per connection,
// the renewed record saved back, and a failed renewal turning the connection into "Sign in again".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuthScheme } from '../../src/core/auth';
import { ApiError } from '../../src/core/errors';
import { writeOutcome } from '../../src/core/outcome';
import { HttpClient } from '../../src/core/http';
import type { ProviderDescriptor } from '../../src/core/provider';
import { Redactor, silentLogger } from '../../src/core/redact';
import * as z from '../../src/core/zod';
import { Credentials, type CredentialRecord } from '../../src/connections/credentials';
import { ConnectionRuntime } from '../../src/connections/runtime';
import { SandboxHost } from '../../src/connections/sandboxHost';
import { CredentialSession } from '../../src/connections/session';
import { ConnectionStore } from '../../src/connections/store';
import { PROVIDERS } from '../../src/providers';
import { bitsightToken } from '../../src/providers/bitsight/auth';
import { PortfolioModel } from '../../src/tree/model';
import type { TreeNode } from '../../src/tree/nodes';
import { installFakeVscode, type TreeItem } from './helpers/fakeVscode';
import { json, scriptedServer } from './helpers/scriptedServer';
import { TEST_LABELS } from './helpers/labels';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');

const ok = z.object({ ok: z.boolean() });

/** A bearer scheme whose renewals the test counts and controls (a refresh-token flow, say). */
function renewingScheme(renew: () => Promise<string>): AuthScheme & { renewals: number } {
  const scheme = {
    id: 'refresh',
    label: 'Refreshable token',
    renewals: 0,
    fields: [{ name: 'refreshToken', label: 'Refresh token', secret: true }],
    headers: (s: { tokens: Record<string, string> }) => ({ Authorization: `Bearer ${s.tokens.accessToken ?? ''}` }),
    renew: async () => {
      scheme.renewals++;
      return { tokens: { accessToken: await renew() }, expiresAt: Date.now() + 3_600_000 };
    },
  };
  return scheme;
}

function sessionFor(scheme: AuthScheme, record: CredentialRecord, extra: { onSignedOut?: () => void } = {}) {
  const saved: CredentialRecord[] = [];
  const redactor = new Redactor();
  const session = new CredentialSession({
    scheme,
    record,
    settings: {},
    http: { request: async () => assert.fail('the scheme under test does its own renewal'), now: () => Date.now() },
    save: async (r) => void saved.push(r),
    redactor,
    logger: silentLogger,
    onSignedOut: extra.onSignedOut ?? (() => undefined),
  });
  return { session, saved, redactor };
}

/** Accepts only `Bearer fresh`; everything else is a 401. */
let srv: Awaited<ReturnType<typeof scriptedServer>>;
before(async () => {
  srv = await scriptedServer((req, res) => (req.headers.authorization === 'Bearer fresh' ? json(res, 200, { ok: true }) : json(res, 401, { detail: 'expired' })));
});
after(() => srv.close());

function clientOf(session: CredentialSession) {
  return new HttpClient({ baseUrl: srv.url, concurrency: 10, timeoutMs: 2000, authorize: () => session.authorize(), onUnauthorized: (sent) => session.onUnauthorized(sent) });
}

describe('CredentialSession', () => {
  it('renews an expired token once for 10 concurrent requests and saves the renewed record once', async () => {
    let release!: (t: string) => void;
    const gate = new Promise<string>((r) => (release = r));
    const scheme = renewingScheme(() => gate);
    const { session, saved, redactor } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-1' }, tokens: { accessToken: 'stale' }, expiresAt: Date.now() - 1 });
    const http = clientOf(session);
    const since = srv.seen.length;
    const all = Promise.all(Array.from({ length: 10 }, () => http.request({ method: 'GET', path: '/x', schema: ok })));
    release('fresh');
    assert.deepEqual(await all, Array(10).fill({ ok: true }));
    assert.equal(scheme.renewals, 1);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.tokens!.accessToken, 'fresh');
    assert.equal(saved[0]!.values.refreshToken, 'refresh-1', 'the secret parts are kept');
    assert.ok(srv.seen.slice(since).every((s) => s.headers.authorization === 'Bearer fresh'), 'no request left with the stale token');
    assert.equal(redactor.scrub('refresh-1 fresh'), '[redacted] [redacted]', 'the stored secret and the renewed token are registered');
  });

  it('after a 401 renews once for 10 concurrent requests and retries each once', async () => {
    const scheme = renewingScheme(async () => 'fresh');
    const { session, saved } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-2' }, tokens: { accessToken: 'revoked' } });
    const http = clientOf(session);
    const since = srv.seen.length;
    const out = await Promise.all(Array.from({ length: 10 }, () => http.request({ method: 'POST', path: '/w', body: {}, schema: ok })));
    assert.equal(out.length, 10);
    assert.equal(scheme.renewals, 1);
    assert.equal(saved.length, 1);
    const sent = srv.seen.slice(since);
    assert.equal(sent.filter((s) => s.headers.authorization === 'Bearer revoked').length, 10);
    assert.equal(sent.filter((s) => s.headers.authorization === 'Bearer fresh').length, 10, 'each request retried exactly once');
  });

  it('401 → one renewal → one retry → a second 401 is an auth error, not another renewal', async () => {
    const scheme = renewingScheme(async () => 'still-wrong');
    const { session } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-3' }, tokens: { accessToken: 'revoked' } });
    const http = clientOf(session);
    const since = srv.seen.length;
    await assert.rejects(http.request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && e.kind === 'auth' && e.status === 401);
    assert.equal(scheme.renewals, 1);
    assert.deepEqual(srv.seen.slice(since).map((s) => s.headers.authorization), ['Bearer revoked', 'Bearer still-wrong']);
  });

  it('a scheme without renewal (Bitsight) turns a 401 into an auth error at once', async () => {
    const { session } = sessionFor(bitsightToken, { scheme: 'token', values: { token: 'bad-token' } });
    const since = srv.seen.length;
    await assert.rejects(clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
    assert.equal(srv.seen.length - since, 1);
    assert.equal(srv.seen.at(-1)!.headers.authorization, `Basic ${Buffer.from('bad-token:').toString('base64')}`);
  });

  it('a failed renewal signs the session out: later requests fail as auth without reaching the server', async () => {
    let signedOut = 0;
    const scheme = renewingScheme(async () => {
      throw new ApiError({ kind: 'auth', status: 401, method: 'POST', path: '/refresh', message: 'refresh token expired' });
    });
    const { session } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-4' }, tokens: { accessToken: 'old' }, expiresAt: Date.now() - 1 }, { onSignedOut: () => signedOut++ });
    const since = srv.seen.length;
    await assert.rejects(clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && e.kind === 'auth' && /sign in again/.test(e.message));
    await assert.rejects(clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
    assert.equal(signedOut, 1);
    assert.equal(scheme.renewals, 1);
    assert.equal(srv.seen.length, since, 'nothing was sent with a token known to be expired');
    assert.ok(session.signedOut);
  });
});

describe('CredentialSession: a renewal that fails for a passing reason', () => {
  const passing: Array<[string, () => ApiError]> = [
    ['a network failure', () => new ApiError({ kind: 'network', method: 'POST', path: '/oauth2/token', message: 'connect ECONNRESET' })],
    ['a timeout', () => new ApiError({ kind: 'timeout', method: 'POST', path: '/oauth2/token', message: 'no answer within 30 s' })],
    ['a 503', () => new ApiError({ kind: 'http', status: 503, method: 'POST', path: '/oauth2/token', message: 'service unavailable' })],
  ];
  for (const [label, failure] of passing) {
    it(`${label} fails that request with a clear message, keeps the connection signed in, and the next request renews again`, async () => {
      let fail = true;
      let signedOut = 0;
      const scheme = renewingScheme(async () => {
        if (fail) throw failure();
        return 'fresh';
      });
      const { session } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-6' }, tokens: { accessToken: 'old' }, expiresAt: Date.now() - 1 }, { onSignedOut: () => signedOut++ });
      const since = srv.seen.length;
      await assert.rejects(clientOf(session).request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        assert.match(e.message, /could not be renewed/);
        assert.match(e.message, /try again/);
        assert.equal(writeOutcome(e), 'refused', 'nothing was sent, so the write may be sent again');
        return true;
      });
      assert.equal(srv.seen.length, since, 'nothing was sent with the expired token');
      assert.equal(signedOut, 0);
      assert.equal(session.signedOut, false);
      fail = false;
      assert.deepEqual(await clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), { ok: true });
      assert.equal(scheme.renewals, 2);
    });
  }

  it('after a 401, a network failure while renewing fails the request without signing out', async () => {
    let fail = true;
    let signedOut = 0;
    const scheme = renewingScheme(async () => {
      if (fail) throw passing[0]![1]();
      return 'fresh';
    });
    const { session } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-7' }, tokens: { accessToken: 'revoked' } }, { onSignedOut: () => signedOut++ });
    await assert.rejects(clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && /could not be renewed/.test(e.message));
    assert.equal(signedOut, 0);
    fail = false;
    assert.deepEqual(await clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), { ok: true });
  });

  it('a token endpoint that refuses the credentials with 400 (invalid_grant) or 403 signs the session out', async () => {
    for (const status of [400, 403]) {
      let signedOut = 0;
      const scheme = renewingScheme(async () => {
        throw new ApiError({ kind: 'http', status, method: 'POST', path: '/oauth2/token', message: 'invalid_grant' });
      });
      const { session } = sessionFor(scheme, { scheme: 'refresh', values: { refreshToken: 'refresh-8' }, tokens: { accessToken: 'old' }, expiresAt: Date.now() - 1 }, { onSignedOut: () => signedOut++ });
      await assert.rejects(clientOf(session).request({ method: 'GET', path: '/x', schema: ok }), (e: unknown) => e instanceof ApiError && e.kind === 'auth' && /sign in again/.test(e.message));
      assert.equal(signedOut, 1, `HTTP ${status}`);
      assert.ok(session.signedOut, `HTTP ${status}`);
    }
  });
});

describe('ConnectionRuntime: a failed renewal', () => {
  it('makes the connection signed out, and the tree says "Sign in again…" on it', async () => {
    const scheme = renewingScheme(async () => {
      throw new ApiError({ kind: 'auth', status: 401, method: 'POST', path: '/refresh', message: 'refresh refused' });
    });
    const descriptor: ProviderDescriptor = {
      api: 'kare',
      label: 'Test API',
      defaultBaseUrl: srv.url,
      authSchemes: [scheme],
      create: async (ctx) => {
        const http = new HttpClient({ baseUrl: ctx.baseUrl, concurrency: 2, timeoutMs: 2000, authorize: ctx.authorize, onUnauthorized: ctx.onUnauthorized });
        return {
          api: 'kare',
          capabilities: { users: false, contactsPerCompany: 'many', invitations: false, folders: false },
          labels: TEST_LABELS,
          forms: {},
          invalidate: () => undefined,
          whoAmI: async () => ({ displayName: 'x' }),
          listCompanies: async () => {
            await http.request({ method: 'GET', path: '/companies', schema: ok });
            return { items: [] };
          },
          listContacts: async () => [],
        };
      },
    };
    PROVIDERS.kare = descriptor;
    try {
      const state = new Map<string, unknown>();
      const store = new ConnectionStore({ get: <T>(k: string) => state.get(k) as T, update: async (k, v) => void state.set(k, v) }, silentLogger);
      await store.upsert({ id: 'k1', name: 'Kare', api: 'kare', baseUrl: srv.url, scheme: 'refresh' });
      const secrets = new Map<string, string>();
      const credentials = new Credentials({ get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) });
      await credentials.save('k1', { scheme: 'refresh', values: { refreshToken: 'refresh-5' }, tokens: { accessToken: 'old' } });
      const runtime = new ConnectionRuntime(store, credentials, new SandboxHost(() => ({}), silentLogger), silentLogger, new Redactor(), () => 2000);
      const model = new PortfolioModel(runtime, () => 10);
      const signedOut: string[] = [];
      runtime.onDidSignOut((id) => {
        signedOut.push(id);
        void model.refresh({ connectionId: id, scope: 'connection' });
      });
      const tree = new PortfolioTreeProvider(store, model);

      const first = await model.list('k1', 'companies');
      assert.ok(first.error instanceof ApiError && first.error.kind === 'auth');
      assert.deepEqual(signedOut, ['k1']);
      assert.deepEqual(await runtime.provider('k1'), { reason: 'signed-out', renewalFailed: true });

      const [root] = await tree.getChildren();
      const children = await tree.getChildren(root);
      const message = children.find((n): n is Extract<TreeNode, { kind: 'message' }> => n.kind === 'message');
      assert.ok(message, `a message item, got ${JSON.stringify(children.map((c) => c.kind))}`);
      const item = tree.getTreeItem(message) as unknown as TreeItem;
      assert.equal(item.label, 'Sign in again…');
      assert.equal(item.command?.command, 'portfolioContacts.signIn');

      runtime.forget('k1');
      assert.notDeepEqual(await runtime.provider('k1'), { reason: 'signed-out', renewalFailed: true }, 'signing in again clears it');
    } finally {
      delete PROVIDERS.kare;
    }
  });
});
