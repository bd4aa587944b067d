// What an HTTP call carries besides its body: per-request headers, headers made fresh per attempt,
// Content-Type on GETs for APIs that require it, and the API error's code, details and conflicts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as z from '../../src/core/zod';
import { ApiError } from '../../src/core/errors';
import { HttpClient, type HttpClientOptions } from '../../src/core/http';
import type { Logger } from '../../src/core/redact';
import { json, scriptedServer } from './helpers/scriptedServer';

const ok = z.object({ ok: z.boolean() });

function lines(): Logger & { lines: string[] } {
  const out: string[] = [];
  const push = (level: string) => (m: string) => void out.push(`${level} ${m}`);
  return { lines: out, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

function client(baseUrl: string, extra: Partial<HttpClientOptions> = {}) {
  return new HttpClient({ baseUrl, authorize: async () => ({ Authorization: 'Bearer t0k3n' }), concurrency: 2, timeoutMs: 2000, sleep: async () => undefined, ...extra });
}

describe('HttpClient: headers', async () => {
  let flaky = 0;
  const srv = await scriptedServer((req, res) => {
    if (req.url.startsWith('/flaky') && ++flaky === 1) return json(res, 503, { message: 'busy' });
    if (req.url.startsWith('/conflict')) return json(res, 409, { message: 'stale', code: 'Conflict' });
    json(res, 200, { ok: true });
  });
  after(() => srv.close());

  it('sends the per-request headers, and the auth headers win over a same-named one', async () => {
    await client(srv.url).request({ method: 'PATCH', path: '/a', body: {}, headers: { 'GW-DBTransaction-ID': 'req-1', Authorization: 'forged' }, schema: ok });
    const seen = srv.seen.at(-1)!;
    assert.equal(seen.headers['gw-dbtransaction-id'], 'req-1');
    assert.equal(seen.headers.authorization, 'Bearer t0k3n');
  });

  it('makes requestHeaders afresh for every attempt, retries included', async () => {
    let n = 0;
    const before = srv.seen.length;
    await client(srv.url, { requestHeaders: () => ({ 'X-Correlation-ID': `cid-${++n}` }) }).request({ method: 'GET', path: '/flaky', schema: ok });
    const ids = srv.seen.slice(before).map((s) => s.headers['x-correlation-id']);
    assert.equal(ids.length, 2, 'the 503 was retried once');
    assert.deepEqual(ids, ['cid-1', 'cid-2']);
  });

  it('puts the logged headers into the request line, so a person can quote them', async () => {
    const log = lines();
    await client(srv.url, { logger: log, requestHeaders: () => ({ 'X-Correlation-ID': 'abc-123' }), loggedHeaders: ['X-Correlation-ID'] }).request({ method: 'GET', path: '/a', schema: ok });
    assert.ok(log.lines.some((l) => /GET \/a → 200 .* · X-Correlation-ID abc-123$/.test(l)), log.lines.join('\n'));
  });

  it("sends Content-Type: application/json on a GET only when the API asks for it ('always')", async () => {
    await client(srv.url).request({ method: 'GET', path: '/plain', schema: ok });
    assert.equal(srv.seen.at(-1)!.headers['content-type'], undefined);
    await client(srv.url, { jsonContentType: 'always' }).request({ method: 'GET', path: '/json', schema: ok });
    assert.equal(srv.seen.at(-1)!.headers['content-type'], 'application/json');
  });

  it("turns an answer the provider's parser marks as a conflict into kind 'conflict', with the API's code and details", async () => {
    const log = lines();
    const http = client(srv.url, {
      logger: log,
      parseError: () => ({ message: 'someone else changed it', code: 'gw.api.rest.exceptions.ConflictException', details: [{ field: 'checksum', message: 'stale' }], developerMessage: 'checksum 2 != 1', conflict: true }),
    });
    const e = await http.request({ method: 'PATCH', path: '/conflict', body: {}, schema: ok }).then(
      () => assert.fail('expected a conflict'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof ApiError);
    assert.equal(e.kind, 'conflict');
    assert.equal(e.status, 409);
    assert.equal(e.code, 'gw.api.rest.exceptions.ConflictException');
    assert.deepEqual(e.details, [{ field: 'checksum', message: 'stale' }]);
    assert.ok(!e.message.includes('checksum 2 != 1'), 'the developer message is not shown');
    assert.ok(log.lines.some((l) => l.startsWith('debug') && l.includes('checksum 2 != 1')), 'the developer message is logged');
  });
});
