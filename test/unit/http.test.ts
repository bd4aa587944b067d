import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from '../../src/core/zod';
import { ApiError } from '../../src/core/errors';
import { HttpClient, neutralErrorBody, parseRetryAfter, type HttpClientOptions } from '../../src/core/http';
import { parseBitsightError as parseErrorBody } from '../../src/providers/bitsight/errors';
import { bitsightThrottle } from '../../src/providers/bitsight/throttle';
import { Redactor, redactingLogger, type Logger } from '../../src/core/redact';
import { json, scriptedServer } from './helpers/scriptedServer';

const ok = z.object({ ok: z.boolean() });

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/**
 * A client as Bitsight's provider builds it (its error parser and throttle policy), since most of
 * these cases pin Bitsight's behaviour; `coreClient` is the same without either, the core's defaults.
 */
function client(baseUrl: string, extra: Partial<HttpClientOptions> = {}) {
  return coreClient(baseUrl, { parseError: parseErrorBody, throttle: bitsightThrottle(), ...extra });
}

function coreClient(baseUrl: string, extra: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const http = new HttpClient({
    baseUrl,
    authorize: async () => ({ Authorization: 'Basic dG9rZW46' }),
    concurrency: 3,
    timeoutMs: 2000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { http, waits };
}

async function rejectsWith(p: Promise<unknown>, check: (e: ApiError) => void): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${String(e)}`);
    check(e);
    return true;
  });
}

describe('HttpClient', () => {
  it('sends auth and query, parses the body with the schema', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 200, { ok: true }));
    try {
      const { http } = client(srv.url + '/api');
      const out = await http.request({ method: 'GET', path: '/things', query: { limit: 5, skip: undefined }, schema: ok });
      assert.deepEqual(out, { ok: true });
      assert.equal(srv.seen[0]!.url, '/api/things?limit=5');
      assert.equal(srv.seen[0]!.headers.authorization, 'Basic dG9rZW46');
      assert.equal(srv.seen[0]!.headers.accept, 'application/json');
    } finally {
      await srv.close();
    }
  });

  it('times out a request that gets no answer, as a timeout error', async () => {
    const srv = await scriptedServer(() => undefined); // never answers
    try {
      const { http } = client(srv.url, { timeoutMs: 150, maxAttempts: 1 });
      const started = Date.now();
      await rejectsWith(http.request({ method: 'GET', path: '/slow', schema: ok }), (e) => assert.equal(e.kind, 'timeout'));
      assert.ok(Date.now() - started < 2000);
    } finally {
      await srv.close();
    }
  });

  it('on 429 waits for Retry-After, then retries a GET', async () => {
    const srv = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 429, { detail: 'slow down' }, { 'Retry-After': '7' }) : json(res, 200, { ok: true })));
    try {
      const { http, waits } = client(srv.url);
      assert.deepEqual(await http.request({ method: 'GET', path: '/x', schema: ok }), { ok: true });
      assert.deepEqual(waits, [7000]);
      assert.equal(srv.seen.length, 2);
    } finally {
      await srv.close();
    }
  });

  it('on 429 without Retry-After waits the documented 60 s (capped by maxRetryAfterMs)', async () => {
    const srv = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 429, { detail: 'throttled' }) : json(res, 200, { ok: true })));
    try {
      const { http, waits } = client(srv.url);
      await http.request({ method: 'GET', path: '/x', schema: ok });
      assert.deepEqual(waits, [60_000]);
      const capped = client(srv.url, { maxRetryAfterMs: 5000 });
      srv.seen.length = 0;
      await capped.http.request({ method: 'GET', path: '/x', schema: ok });
      assert.deepEqual(capped.waits, [5000]);
    } finally {
      await srv.close();
    }
  });

  it('gives up after maxAttempts throttled answers with a rate-limited error', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 429, { detail: 'Request was throttled.' }, { 'Retry-After': '1' }));
    try {
      const { http, waits } = client(srv.url, { maxAttempts: 3 });
      await rejectsWith(http.request({ method: 'GET', path: '/x', schema: ok }), (e) => {
        assert.equal(e.kind, 'rate-limited');
        assert.equal(e.status, 429);
        assert.equal(e.message, 'Request was throttled.');
      });
      assert.equal(srv.seen.length, 3);
      assert.deepEqual(waits, [1000, 1000]);
    } finally {
      await srv.close();
    }
  });

  it('cancels the 429 back-off when the caller aborts', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 429, { detail: 'x' }));
    try {
      const http = new HttpClient({ baseUrl: srv.url, authorize: async () => ({}), concurrency: 1, timeoutMs: 2000 });
      const controller = new AbortController();
      const p = http.request({ method: 'GET', path: '/x', schema: ok, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await rejectsWith(p, (e) => assert.equal(e.kind, 'cancelled'));
      assert.ok(Date.now() - started < 5000, 'did not wait the 60 s back-off');
    } finally {
      await srv.close();
    }
  });

  it('never repeats a POST on 429 or 5xx unless the caller opts in for 429', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 429, { detail: 'throttled' }));
    try {
      const { http, waits } = client(srv.url);
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: { a: 1 }, schema: ok }), (e) => assert.equal(e.kind, 'rate-limited'));
      assert.equal(srv.seen.length, 1);
      assert.deepEqual(waits, []);
      assert.equal(srv.seen[0]!.body, '{"a":1}');
      assert.equal(srv.seen[0]!.headers['content-type'], 'application/json');
    } finally {
      await srv.close();
    }
    const srv502 = await scriptedServer((_req, res) => json(res, 502, { detail: 'bad gateway' }));
    try {
      const { http } = client(srv502.url);
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e) => assert.equal(e.status, 502));
      assert.equal(srv502.seen.length, 1);
      await rejectsWith(http.request({ method: 'GET', path: '/r', schema: ok }), (e) => assert.equal(e.status, 502));
      assert.equal(srv502.seen.length, 1 + 3, 'a GET is retried up to maxAttempts');
    } finally {
      await srv502.close();
    }
    const opted = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 429, {}, { 'Retry-After': '0' }) : json(res, 201, { ok: true })));
    try {
      const { http } = client(opted.url);
      assert.deepEqual(await http.request({ method: 'POST', path: '/w', body: {}, schema: ok, retryThrottled: true }), { ok: true });
      assert.equal(opted.seen.length, 2);
    } finally {
      await opted.close();
    }
  });

  it('caps concurrency per client', async () => {
    let active = 0;
    let peak = 0;
    const srv = await scriptedServer((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, { ok: true });
      }, 30);
    });
    try {
      const { http } = client(srv.url, { concurrency: 3 });
      await Promise.all(Array.from({ length: 12 }, () => http.request({ method: 'GET', path: '/x', schema: ok })));
      assert.equal(peak, 3);
      assert.equal(srv.seen.length, 12);
    } finally {
      await srv.close();
    }
  });

  it('turns API error bodies into typed errors with the field', async () => {
    const srv = await scriptedServer((req, res) => {
      if (req.url === '/drf') return json(res, 400, { email: ['The email domain is unrelated to the company'] });
      if (req.url === '/auth') return json(res, 401, { detail: 'Invalid token.' });
      res.writeHead(403, { 'Content-Type': 'text/html' });
      res.end('<html><body>Access denied by proxy</body></html>');
    });
    try {
      const { http } = client(srv.url);
      await rejectsWith(http.request({ method: 'POST', path: '/drf', body: {}, schema: ok }), (e) => {
        assert.equal(e.kind, 'http');
        assert.equal(e.status, 400);
        assert.equal(e.field, 'email');
        assert.deepEqual(e.fieldErrors.email, ['The email domain is unrelated to the company']);
      });
      await rejectsWith(http.request({ method: 'GET', path: '/auth', schema: ok }), (e) => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.message, 'Invalid token.');
      });
      await rejectsWith(http.request({ method: 'GET', path: '/html', schema: ok }), (e) => {
        assert.equal(e.status, 403);
        assert.match(e.message, /HTML page/);
      });
    } finally {
      await srv.close();
    }
  });

  it('reports a schema violation naming the field, and malformed JSON as such', async () => {
    const srv = await scriptedServer((req, res) => {
      if (req.url === '/bad-shape') return json(res, 200, { ok: 'yes' });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok": tru');
    });
    try {
      const { http } = client(srv.url);
      await rejectsWith(http.request({ method: 'GET', path: '/bad-shape', schema: ok }), (e) => {
        assert.equal(e.kind, 'schema');
        assert.match(e.message, /^ok: /);
      });
      await rejectsWith(http.request({ method: 'GET', path: '/malformed', schema: ok }), (e) => {
        assert.equal(e.kind, 'schema');
        assert.match(e.message, /not valid JSON/);
      });
    } finally {
      await srv.close();
    }
  });

  it('follows a same-origin redirect but never carries the token to another host', async () => {
    const other = await scriptedServer((_req, res) => json(res, 200, { ok: true }));
    const srv = await scriptedServer((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { Location: '/here' });
        return res.end();
      }
      if (req.url === '/away') {
        res.writeHead(307, { Location: `${other.url}/steal` });
        return res.end();
      }
      json(res, 200, { ok: true });
    });
    try {
      const { http } = client(srv.url);
      assert.deepEqual(await http.request({ method: 'GET', path: '/moved', schema: ok }), { ok: true });
      assert.equal(srv.seen[1]!.headers.authorization, 'Basic dG9rZW46');
      await rejectsWith(http.request({ method: 'GET', path: '/away', schema: ok }), (e) => {
        assert.equal(e.kind, 'refused');
        assert.match(e.message, /another host/);
      });
      assert.equal(other.seen.length, 0, 'the other host never saw a request');
    } finally {
      await srv.close();
      await other.close();
    }
  });

  it('refuses to follow a paging link to another origin', async () => {
    const { http } = client('https://api.example.com');
    await rejectsWith(http.request({ method: 'GET', path: 'https://evil.example.net/ratings/v2/portfolio?offset=50', schema: ok }), (e) =>
      assert.equal(e.kind, 'refused'),
    );
  });

  it('logs method, path, status and time at debug level, and never the token', async () => {
    const token = 'tok-SECRET-4242';
    const srv = await scriptedServer((_req, res) => json(res, 401, { detail: `Invalid token ${token}` }));
    try {
      const redactor = new Redactor();
      redactor.add(token);
      const inner = recordingLogger();
      const logger = redactingLogger(inner, redactor);
      const http = new HttpClient({
        baseUrl: srv.url,
        authorize: async () => ({ Authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` }),
        concurrency: 1,
        timeoutMs: 2000,
        logger,
      });
      await assert.rejects(http.request({ method: 'GET', path: '/ratings/v2/users/current', schema: ok }));
      assert.match(inner.lines.join('\n'), /^debug GET \/ratings\/v2\/users\/current → 401 \(\d+ ms\)$/m);
      logger.error(`echo ${token} and Authorization: Basic ${Buffer.from(`${token}:`).toString('base64')}`);
      const all = inner.lines.join('\n');
      assert.ok(!all.includes(token), 'raw token leaked');
      assert.ok(!all.includes(Buffer.from(`${token}:`).toString('base64')), 'encoded token leaked');
      assert.match(all, /\[redacted\]/);
    } finally {
      await srv.close();
    }
  });
});

describe('parseRetryAfter / parseErrorBody', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('30'), 30_000);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const inFuture = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inFuture)!;
    assert.ok(ms > 5_000 && ms <= 10_000, String(ms));
  });

  it('reads detail strings, FastAPI detail lists, messages and DRF maps', () => {
    assert.deepEqual(parseErrorBody(400, '{"detail":"No entity found for specified guid"}', 'application/json'), { message: 'No entity found for specified guid' });
    const fast = parseErrorBody(422, '{"detail":[{"loc":["body","email"],"msg":"bad email"}]}', 'application/json');
    assert.equal(fast.message, 'email: bad email');
    assert.deepEqual({ ...fast.fieldErrors }, { email: ['bad email'] });
    assert.deepEqual(parseErrorBody(429, '{"message":"Too Many Requests"}', 'application/json'), { message: 'Too Many Requests' });
    const drf = parseErrorBody(400, '{"non_field_errors":["Nope"],"trial_duration":["Ensure this value is between 1 and 365."]}', 'application/json');
    assert.equal(drf.message, 'Nope; trial_duration: Ensure this value is between 1 and 365.');
    assert.deepEqual(Object.keys(drf.fieldErrors!), ['trial_duration']);
    assert.match(parseErrorBody(502, '<html>Bad gateway</html>', 'text/html').message, /bad gateway; the server sent an HTML page/);
  });
});

describe('HttpClient under throttling', () => {
  it('sends one request fewer at a time after a 429, and climbs back a minute later', async () => {
    let active = 0;
    let throttledOnce = false;
    const srv = await scriptedServer((_req, res) => {
      active++;
      // The server allows 2 at once; the client starts with 3.
      if (active > 2 && !throttledOnce) {
        throttledOnce = true;
        active--;
        return json(res, 429, { detail: 'throttled' }, { 'Retry-After': '0' });
      }
      setTimeout(() => {
        active--;
        json(res, 200, { ok: true });
      }, 10);
    });
    try {
      let now = 1_000_000;
      const { http } = client(srv.url, { concurrency: 3, throttle: bitsightThrottle(() => now) });
      assert.equal(http.concurrency, 3);
      await Promise.all(Array.from({ length: 6 }, () => http.request({ method: 'GET', path: '/x', schema: ok })));
      assert.equal(http.concurrency, 2, 'one fewer after the 429');
      for (let i = 0; i < 25; i++) await http.request({ method: 'GET', path: '/x', schema: ok });
      assert.equal(http.concurrency, 2, 'stays lowered for a minute after the last 429');
      now += 60_000;
      for (let i = 0; i < 20; i++) await http.request({ method: 'GET', path: '/x', schema: ok });
      assert.equal(http.concurrency, 3, 'then back to the cap after 20 successes');
    } finally {
      await srv.close();
    }
  });

  it('a request may ask to wait through more 429s than the default', async () => {
    const srv = await scriptedServer((_req, res, n) => (n <= 5 ? json(res, 429, {}, { 'Retry-After': '0' }) : json(res, 201, { ok: true })));
    try {
      const { http, waits } = client(srv.url);
      assert.deepEqual(await http.request({ method: 'POST', path: '/w', body: {}, schema: ok, retryThrottled: true, throttledAttempts: 8 }), { ok: true });
      assert.equal(srv.seen.length, 6);
      assert.equal(waits.length, 5);
    } finally {
      await srv.close();
    }
  });
});

describe('HttpClient: the core defaults, without a provider parser or policy (issue 8)', () => {
  it('honours Retry-After (capped) and never lowers the concurrency', async () => {
    let active = 0;
    let throttled = 0;
    const srv = await scriptedServer((_req, res) => {
      active++;
      if (active > 2 && throttled < 3) {
        throttled++;
        active--;
        return json(res, 429, {}, { 'Retry-After': '300' });
      }
      setTimeout(() => {
        active--;
        json(res, 200, { ok: true });
      }, 10);
    });
    try {
      const { http, waits } = coreClient(srv.url, { concurrency: 3, maxRetryAfterMs: 9000 });
      await Promise.all(Array.from({ length: 6 }, () => http.request({ method: 'GET', path: '/x', schema: ok })));
      assert.ok(throttled >= 1, 'the server throttled at least once');
      assert.deepEqual(waits, Array(throttled).fill(9000), 'Retry-After 300 s, capped at 9 s');
      assert.equal(http.concurrency, 3, 'no adaptive concurrency by default');
    } finally {
      await srv.close();
    }
  });

  it('without Retry-After waits 1 s, then 2 s (not Bitsight\'s minute)', async () => {
    const srv = await scriptedServer((_req, res, n) => (n <= 2 ? json(res, 429, {}) : json(res, 200, { ok: true })));
    try {
      const { http, waits } = coreClient(srv.url);
      await http.request({ method: 'GET', path: '/x', schema: ok });
      assert.deepEqual(waits, [1000, 2000]);
    } finally {
      await srv.close();
    }
  });

  it('reads {message}, a JSON string and OAuth error_description; invents no field errors from other keys (a Guidewire body)', async () => {
    assert.deepEqual(neutralErrorBody(502, '{"message":"Internal server error"}', 'application/json'), { message: 'Internal server error' });
    assert.deepEqual(neutralErrorBody(400, '"nope"', 'application/json'), { message: 'nope' });
    assert.deepEqual(neutralErrorBody(401, '{"error":"invalid_client","error_description":"Bad secret"}', 'application/json'), { message: 'Bad secret' });
    assert.match(neutralErrorBody(403, '<html>Forbidden</html>', 'text/html').message, /^permission denied; the server sent an HTML page/);
    const guidewire = '{"status":400,"errorCode":"gw.api.rest.exceptions.BadInputException","userMessage":"The request body is invalid"}';
    assert.deepEqual(neutralErrorBody(400, guidewire, 'application/json'), { message: 'the request was rejected as invalid' });
    const srv = await scriptedServer((_req, res) => json(res, 400, JSON.parse(guidewire)));
    try {
      const { http } = coreClient(srv.url);
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e) => {
        assert.equal(e.kind, 'http');
        assert.deepEqual(Object.keys(e.fieldErrors), [], 'no fake field errors named errorCode/userMessage/status');
        assert.equal(e.field, undefined);
      });
    } finally {
      await srv.close();
    }
  });

  it("puts a provider's details[] that name a field into fieldErrors, keyed as the API wrote them", async () => {
    const srv = await scriptedServer((_req, res) => json(res, 400, {}));
    try {
      const { http } = coreClient(srv.url, {
        parseError: () => ({
          message: 'The request body is invalid',
          fieldErrors: { emailAddress1: ['bad e-mail'] },
          details: [
            { field: 'primaryAddress.city', message: 'Missing required field' },
            { field: 'emailAddress1', message: 'bad e-mail' },
            { field: '__proto__', message: 'odd' },
            { message: 'no field' },
          ],
        }),
      });
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e) => {
        assert.deepEqual({ ...e.fieldErrors }, { emailAddress1: ['bad e-mail'], 'primaryAddress.city': ['Missing required field'], ['__proto__']: ['odd'] });
        assert.equal(Object.getPrototypeOf(e.fieldErrors), null);
        assert.equal(e.details.length, 4, 'details kept as given');
      });
    } finally {
      await srv.close();
    }
  });
});

describe('HttpClient: redirects (issue 7 items 2 and 3)', () => {
  const redirectTo = (res: import('node:http').ServerResponse, status: number, location: string) => {
    res.writeHead(status, { Location: location });
    res.end();
  };

  for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${method} answered by a same-origin ${status} is not repeated: refused with the status, outcome unknown`, async () => {
        const srv = await scriptedServer((req, res) => (req.url === '/api/w' ? redirectTo(res, status, '/api/w2') : json(res, 400, { detail: 'bad' })));
        try {
          const { http, waits } = client(srv.url + '/api');
          await rejectsWith(http.request({ method, path: '/w', body: { a: 1 }, schema: ok, retryThrottled: true }), (e) => {
            assert.equal(e.kind, 'refused');
            assert.equal(e.status, status);
            assert.equal(e.message, `the server redirected the write (HTTP ${status}); it was not repeated, so its outcome is unknown`);
          });
          assert.deepEqual(srv.seen.map((s) => `${s.method} ${s.url}`), [`${method} /api/w`], 'only the original request was sent');
          assert.deepEqual(waits, []);
        } finally {
          await srv.close();
        }
      });
    }
  }

  it('a 307 loop sends a write exactly once', async () => {
    const srv = await scriptedServer((_req, res) => redirectTo(res, 307, '/loop'));
    try {
      const { http } = client(srv.url);
      await rejectsWith(http.request({ method: 'POST', path: '/loop', body: {}, schema: ok }), (e) => assert.equal(e.status, 307));
      assert.equal(srv.seen.length, 1);
    } finally {
      await srv.close();
    }
  });

  it('a GET redirect loop is followed at most 3 hops', async () => {
    const srv = await scriptedServer((_req, res, n) => redirectTo(res, 302, `/api/loop?n=${n}`));
    try {
      const { http } = client(srv.url + '/api');
      await rejectsWith(http.request({ method: 'GET', path: '/loop', schema: ok }), (e) => {
        assert.equal(e.kind, 'refused');
        assert.equal(e.message, 'the server redirected too many times');
      });
      assert.equal(srv.seen.length, 4, 'the first request and 3 redirects');
    } finally {
      await srv.close();
    }
  });

  it('a GET redirect is followed within the base path, never outside it on the same origin', async () => {
    const srv = await scriptedServer((req, res) => {
      if (req.url === '/bitsight/old') return redirectTo(res, 301, '/bitsight/new');
      if (req.url === '/bitsight/out') return redirectTo(res, 302, '/other-app/collect');
      if (req.url === '/bitsight/sibling') return redirectTo(res, 307, '/bitsightish/x');
      json(res, 200, { ok: true });
    });
    try {
      const { http } = client(srv.url + '/bitsight');
      assert.deepEqual(await http.request({ method: 'GET', path: '/old', schema: ok }), { ok: true });
      for (const path of ['/out', '/sibling']) {
        await rejectsWith(http.request({ method: 'GET', path, schema: ok }), (e) => {
          assert.equal(e.kind, 'refused');
          assert.match(e.message, /^the server redirected outside \/bitsight \(to \/(other-app\/collect|bitsightish\/x)\); it was not followed/);
        });
      }
      assert.deepEqual(srv.seen.map((s) => s.url), ['/bitsight/old', '/bitsight/new', '/bitsight/out', '/bitsight/sibling']);
    } finally {
      await srv.close();
    }
  });
});

describe('HttpClient: answers too large, cut off or stalled (issue 7 items 7 and 8)', () => {
  it('stops reading an endless answer past maxResponseBytes and says so', async () => {
    let closed!: Promise<void>;
    const srv = await scriptedServer((_req, res) => {
      closed = new Promise((r) => res.on('close', () => r()));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write('{"ok": true, "pad": "');
      pump();
    });
    try {
      const { http } = client(srv.url, { maxResponseBytes: 1024 * 1024, timeoutMs: 10_000 });
      await rejectsWith(http.request({ method: 'GET', path: '/huge', schema: ok }), (e) => {
        assert.equal(e.kind, 'refused');
        assert.equal(e.status, 200);
        assert.equal(e.message, 'the answer was larger than 1 MB, so it was not read (the limit is the setting "portfolioContacts.maxResponseMegabytes")');
      });
      await closed; // the client hung up instead of reading on
      assert.equal(srv.seen.length, 1, 'a too-large answer is not fetched again');
    } finally {
      await srv.close();
    }
  });

  it('counts a gzip answer after decompression', async () => {
    const { gzipSync } = await import('node:zlib');
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ok: true, pad: ' '.repeat(3 * 1024 * 1024) })));
    assert.ok(bomb.length < 64 * 1024, 'the compressed answer is small');
    const srv = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    try {
      const { http } = client(srv.url, { maxResponseBytes: 1024 * 1024 });
      await rejectsWith(http.request({ method: 'GET', path: '/bomb', schema: ok }), (e) => assert.match(e.message, /^the answer was larger than 1 MB/));
      const roomy = client(srv.url, { maxResponseBytes: 8 * 1024 * 1024 });
      assert.deepEqual(await roomy.http.request({ method: 'GET', path: '/bomb', schema: z.object({ ok: z.boolean() }) }), { ok: true });
    } finally {
      await srv.close();
    }
  });

  it('a body cut off by a reset is a network failure, and a GET is retried', async () => {
    const srv = await scriptedServer((_req, res, n) => {
      if (n > 1) return json(res, 200, { ok: true });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"ok": ');
      setImmediate(() => res.socket?.destroy());
    });
    try {
      const { http, waits } = client(srv.url);
      assert.deepEqual(await http.request({ method: 'GET', path: '/cut', schema: ok }), { ok: true });
      assert.equal(srv.seen.length, 2);
      assert.deepEqual(waits, [500]);
      srv.seen.length = 0;
      await rejectsWith(http.request({ method: 'POST', path: '/cut', body: {}, schema: ok }), (e) => {
        assert.equal(e.kind, 'network');
        assert.match(e.message, /^the answer was cut off \(/);
      });
      assert.equal(srv.seen.length, 1, 'a write is not repeated');
    } finally {
      await srv.close();
    }
  });

  it('a body that stalls past the timeout is a timeout, and a GET is retried', async () => {
    const srv = await scriptedServer((_req, res, n) => {
      if (n > 1) return json(res, 200, { ok: true });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"ok": '); // and nothing more
    });
    try {
      const { http, waits } = client(srv.url, { timeoutMs: 300 });
      assert.deepEqual(await http.request({ method: 'GET', path: '/stall', schema: ok }), { ok: true });
      assert.equal(srv.seen.length, 2);
      assert.deepEqual(waits, [500]);
      srv.seen.length = 0;
      await rejectsWith(http.request({ method: 'POST', path: '/stall', body: {}, schema: ok }), (e) => {
        assert.equal(e.kind, 'timeout');
        assert.equal(e.message, 'the answer did not finish within 0 s');
      });
      assert.equal(srv.seen.length, 1, 'a write is not repeated');
    } finally {
      await srv.close();
    }
  });
});

describe('HttpClient: hostile error bodies (issue 7 item 9)', () => {
  it('field names __proto__, constructor and toString are fields like any other', async () => {
    const body = '{"__proto__":["p"],"constructor":["c"],"toString":["t"]}';
    const parsed = parseErrorBody(400, body, 'application/json');
    assert.equal(parsed.message, '__proto__: p; constructor: c; toString: t');
    assert.deepEqual(Object.keys(parsed.fieldErrors!), ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(parsed.fieldErrors!.toString, ['t']);
    const fast = parseErrorBody(422, '{"detail":[{"loc":["body","constructor"],"msg":"m"},{"loc":["__proto__"],"msg":"n"}]}', 'application/json');
    assert.deepEqual(Object.keys(fast.fieldErrors!), ['constructor', '__proto__']);
    const srv = await scriptedServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    try {
      const { http } = client(srv.url);
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e) => {
        assert.equal(e.kind, 'http');
        assert.equal(e.status, 400);
        assert.equal(e.field, '__proto__');
        assert.deepEqual(e.fieldErrors.constructor, ['c']);
        assert.equal(Object.getPrototypeOf(e.fieldErrors), null);
      });
    } finally {
      await srv.close();
    }
  });

  it('a huge error message is cut to 500 characters for display; the whole of it, redacted, is logged at debug', async () => {
    const token = 'tok-SECRET-9191';
    const huge = 'x'.repeat(2 * 1024 * 1024) + ` ${token} end`;
    const srv = await scriptedServer((_req, res) => json(res, 400, { detail: huge }));
    try {
      const redactor = new Redactor();
      redactor.add(token);
      const inner = recordingLogger();
      const { http } = client(srv.url, { logger: redactingLogger(inner, redactor), redact: (t) => redactor.scrub(t) });
      await rejectsWith(http.request({ method: 'POST', path: '/w', body: {}, schema: ok }), (e) => {
        assert.equal(e.message, `${'x'.repeat(500)}…`);
      });
      const full = inner.lines.filter((l) => l.startsWith('debug ') && l.includes('x'.repeat(2 * 1024 * 1024)));
      assert.equal(full.length, 1, 'the whole message is in the log once');
      assert.ok(full[0]!.endsWith(' [redacted] end'), 'and redacted');
    } finally {
      await srv.close();
    }
  });
});
