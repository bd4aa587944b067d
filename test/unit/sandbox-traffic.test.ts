// The sandbox's traffic knobs over real HTTP: latency, concurrency throttling, injected faults,
// the /__sandbox control endpoints, close(), and the standalone CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, afterEach, before, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth.js';
import { SERVER_ERROR } from '../../src/sandbox/bitsight/errors.js';
import type { FaultSpec, RunningSandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

const PORTFOLIO = '/ratings/v2/portfolio';
const THROTTLED_60 = 'Request was throttled. Expected available in 60 seconds.';

function call(sb: RunningSandbox, path = PORTFOLIO, init: RequestInit = {}) {
  return fetch(sb.apis.bitsight.baseUrl + path, {
    ...init,
    headers: { Authorization: basicAuthHeader(sb.apis.bitsight.token), 'Content-Type': 'application/json', ...(init.headers as object) },
  });
}

function control(sb: RunningSandbox, method: string, path: string, body?: unknown, token = sb.controlToken) {
  return fetch(`${sb.url}/__sandbox/${path}`, {
    method,
    headers: { 'X-Sandbox-Control': token, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

describe('sandbox: latency and concurrency', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 10 })));
  after(() => sb.close());
  afterEach(() => {
    sb.setLatency(0);
    sb.setMaxConcurrent(Infinity);
    sb.setRetryAfterSeconds(60);
  });

  it('delays every answer by the latency knob', async () => {
    sb.setLatency(500);
    const slow = await timed(() => call(sb));
    assert.equal(slow.value.status, 200);
    assert.ok(slow.ms >= 490, `answered after ${slow.ms.toFixed(0)} ms`);
    const denied = await timed(() => fetch(sb.apis.bitsight.baseUrl + PORTFOLIO));
    assert.equal(denied.value.status, 401);
    assert.ok(denied.ms >= 490, 'errors are delayed too');
    sb.setLatency(0);
    const fast = await timed(() => call(sb));
    assert.ok(fast.ms < 450, `answered after ${fast.ms.toFixed(0)} ms`);
  });

  it('takes the latency from the start options', async () => {
    const slow = await startSandbox({ companies: 1, latencyMs: 200 });
    try {
      const { ms } = await timed(() => call(slow));
      assert.ok(ms >= 190, `answered after ${ms.toFixed(0)} ms`);
    } finally {
      await slow.close();
    }
  });

  it('throttles requests above maxConcurrent with 429 and Retry-After', async () => {
    // A long latency keeps all five in flight together even on a busy machine.
    sb.setLatency(800);
    sb.setMaxConcurrent(2);
    const responses = await Promise.all(Array.from({ length: 5 }, () => call(sb)));
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 429, 429, 429]);
    for (const res of responses.filter((r) => r.status === 429)) {
      assert.equal(res.headers.get('retry-after'), '60');
      assert.deepEqual(await res.json(), { detail: THROTTLED_60 });
    }
    // Slots free up once answers are sent: a new burst of two passes.
    const again = await Promise.all([call(sb), call(sb)]);
    assert.deepEqual(again.map((r) => r.status), [200, 200]);
  });

  it('omits Retry-After when configured with null, and uses a configured value', async () => {
    const noHeader = await startSandbox({ companies: 1, maxConcurrent: 1, latencyMs: 600, retryAfterSeconds: null });
    const custom = await startSandbox({ companies: 1, maxConcurrent: 1, latencyMs: 600, retryAfterSeconds: 7 });
    try {
      const [a, b] = await Promise.all([call(noHeader), call(noHeader)]);
      const throttled = [a!, b!].find((r) => r.status === 429);
      assert.ok(throttled, 'one of two concurrent calls is throttled');
      assert.equal(throttled.headers.get('retry-after'), null);
      assert.deepEqual(await throttled.json(), { detail: THROTTLED_60 });
      const [c, d] = await Promise.all([call(custom), call(custom)]);
      const throttled7 = [c!, d!].find((r) => r.status === 429);
      assert.equal(throttled7?.headers.get('retry-after'), '7');
      assert.deepEqual(await throttled7?.json(), { detail: 'Request was throttled. Expected available in 7 seconds.' });
    } finally {
      await Promise.all([noHeader.close(), custom.close()]);
    }
  });

  it('counts API requests, not control calls', async () => {
    const before = sb.requestCount;
    await call(sb);
    await fetch(sb.apis.bitsight.baseUrl + PORTFOLIO);
    await control(sb, 'GET', 'knobs');
    assert.equal(sb.requestCount, before + 2);
  });
});

describe('sandbox: faults', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 10 })));
  after(() => sb.close());
  afterEach(() => sb.clearFaults());

  async function expectOnceThenHealthy(spec: FaultSpec, check: (res: Response) => Promise<void>) {
    sb.setFault(spec);
    await check(await call(sb));
    const healthy = await call(sb);
    assert.equal(healthy.status, 200, 'the fault fires once by default');
    assert.ok(Array.isArray(((await healthy.json()) as Json).results));
  }

  it('timeout: accepts and never answers', async () => {
    sb.setFault({ kind: 'timeout' });
    await assert.rejects(call(sb, PORTFOLIO, { signal: AbortSignal.timeout(300) }), (e: Error) => e.name === 'TimeoutError');
    assert.equal((await call(sb)).status, 200);
  });

  it('reset: destroys the socket', async () => {
    sb.setFault({ kind: 'reset' });
    await assert.rejects(call(sb), TypeError);
    assert.equal((await call(sb)).status, 200);
  });

  it('500: a JSON server error', async () => {
    await expectOnceThenHealthy({ kind: '500' }, async (res) => {
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { detail: SERVER_ERROR });
    });
  });

  it('502-html: a gateway HTML page', async () => {
    await expectOnceThenHealthy({ kind: '502-html' }, async (res) => {
      assert.equal(res.status, 502);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await res.text(), /502 Bad Gateway/);
    });
  });

  it('429: throttled with Retry-After', async () => {
    await expectOnceThenHealthy({ kind: '429' }, async (res) => {
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '60');
      assert.deepEqual(await res.json(), { detail: THROTTLED_60 });
    });
  });

  it('429-no-retry-after: throttled without the header', async () => {
    await expectOnceThenHealthy({ kind: '429-no-retry-after' }, async (res) => {
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), null);
    });
  });

  it('401: the token is refused', async () => {
    await expectOnceThenHealthy({ kind: '401' }, async (res) => {
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Basic realm="bitsight"');
      assert.deepEqual(await res.json(), { detail: 'Invalid token.' });
    });
  });

  it('403-html: a firewall HTML page', async () => {
    await expectOnceThenHealthy({ kind: '403-html' }, async (res) => {
      assert.equal(res.status, 403);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await res.text(), /Cloudflare/);
    });
  });

  it('malformed-json: a 200 whose JSON does not parse', async () => {
    await expectOnceThenHealthy({ kind: 'malformed-json' }, async (res) => {
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      await assert.rejects(res.json(), SyntaxError);
    });
  });

  it('schema-violation: a 200 that breaks the documented shape', async () => {
    await expectOnceThenHealthy({ kind: 'schema-violation' }, async (res) => {
      assert.equal(res.status, 200);
      const body = (await res.json()) as Json;
      assert.equal(Array.isArray(body), false);
      assert.equal(Array.isArray(body.results), false);
      assert.equal(typeof body.guid, 'number');
      assert.equal(typeof body.count, 'string');
    });
  });

  it('matches by method, by path substring and by path regex', async () => {
    sb.setFault({ kind: '500', method: 'post' });
    assert.equal((await call(sb)).status, 200, 'a GET is not hit by a POST fault');
    sb.clearFaults();
    sb.setFault({ kind: '500', path: '/ratings/v2/users' });
    assert.equal((await call(sb)).status, 200);
    assert.equal((await call(sb, '/ratings/v2/users')).status, 500);
    sb.setFault({ kind: '500', path: '^/ratings/v2/portfolio$' });
    assert.equal((await call(sb, '/ratings/v1/portfolio/contacts')).status, 200);
    assert.equal((await call(sb, `${PORTFOLIO}?limit=5`)).status, 500, 'regex tried on the bare path');
    sb.setFault({ kind: '500', path: 'offset=5' });
    assert.equal((await call(sb, `${PORTFOLIO}?limit=5`)).status, 200);
    assert.equal((await call(sb, `${PORTFOLIO}?limit=5&offset=5`)).status, 500, 'substring tried on path with query');
  });

  it('fires `times` times, or until cleared with Infinity', async () => {
    sb.setFault({ kind: '500', times: 2 });
    assert.deepEqual([(await call(sb)).status, (await call(sb)).status, (await call(sb)).status], [500, 500, 200]);
    sb.setFault({ kind: '502-html', times: Infinity });
    for (let i = 0; i < 5; i++) assert.equal((await call(sb)).status, 502);
    sb.clearFaults();
    assert.equal((await call(sb)).status, 200);
    assert.throws(() => sb.setFault({ kind: '500', times: 0 }), RangeError);
  });

  it('does not record faulted writes', async () => {
    const before = sb.writes.length;
    sb.setFault({ kind: '500', method: 'POST' });
    const res = await call(sb, '/ratings/v1/portfolio/contacts', { method: 'POST', body: '{}' });
    assert.equal(res.status, 500);
    assert.equal(sb.writes.length, before);
  });
});

describe('sandbox: control endpoints', () => {
  let sb: RunningSandbox;
  before(async () => (sb = await startSandbox({ companies: 10 })));
  after(() => sb.close());

  it('refuses calls without the right X-Sandbox-Control header', async () => {
    for (const [method, path] of [['POST', 'faults'], ['DELETE', 'faults'], ['POST', 'knobs'], ['GET', 'writes'], ['DELETE', 'writes'], ['GET', 'facts']] as const) {
      const missing = await fetch(`${sb.url}/__sandbox/${path}`, { method, body: method === 'POST' ? '{"kind":"500"}' : null });
      assert.equal(missing.status, 403, `${method} ${path} without header`);
      const wrong = await control(sb, method, path, method === 'POST' ? { kind: '500', latencyMs: 5000 } : undefined, 'wrong');
      assert.equal(wrong.status, 403, `${method} ${path} with a wrong token`);
    }
    assert.equal((await call(sb)).status, 200, 'no fault was installed');
  });

  it('installs and clears faults', async () => {
    const added = await control(sb, 'POST', 'faults', { kind: '429', path: PORTFOLIO, times: 'Infinity' });
    assert.equal(added.status, 201);
    assert.equal((await call(sb)).status, 429);
    assert.equal((await call(sb)).status, 429);
    assert.equal((await control(sb, 'DELETE', 'faults')).status, 204);
    assert.equal((await call(sb)).status, 200);
    const invalid = await control(sb, 'POST', 'faults', { kind: 'meteor' });
    assert.equal(invalid.status, 400);
  });

  it('changes knobs', async () => {
    const res = await control(sb, 'POST', 'knobs', { latencyMs: 200 });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { latencyMs: 200, maxConcurrent: null, retryAfterSeconds: 60 });
    const { ms } = await timed(() => call(sb));
    assert.ok(ms >= 190, `answered after ${ms.toFixed(0)} ms`);
    await control(sb, 'POST', 'knobs', { latencyMs: 600, maxConcurrent: 1 });
    const statuses = (await Promise.all([call(sb), call(sb)])).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 429]);
    const reset = await control(sb, 'POST', 'knobs', { latencyMs: 0, maxConcurrent: null });
    assert.deepEqual(await reset.json(), { latencyMs: 0, maxConcurrent: null, retryAfterSeconds: 60 });
    const typo = await control(sb, 'POST', 'knobs', { latency: 5 });
    assert.equal(typo.status, 400);
  });

  it('lists and clears writes', async () => {
    await call(sb, '/ratings/v1/portfolio/contacts', { method: 'POST', body: JSON.stringify({ company_guid: 'nope' }) });
    const listed = (await (await control(sb, 'GET', 'writes')).json()) as Json[];
    const last = listed[listed.length - 1];
    assert.equal(last.api, 'bitsight');
    assert.equal(last.method, 'POST');
    assert.equal(last.path, '/ratings/v1/portfolio/contacts');
    assert.deepEqual(last.body, { company_guid: 'nope' });
    assert.equal(last.status, 400);
    assert.ok(!Number.isNaN(Date.parse(last.at)));
    assert.equal((await control(sb, 'DELETE', 'writes')).status, 204);
    assert.deepEqual(await (await control(sb, 'GET', 'writes')).json(), []);
    assert.equal(sb.writes.length, 0);
  });

  it('publishes the seed facts for other processes', async () => {
    const facts = ((await (await control(sb, 'GET', 'facts')).json()) as Json).bitsight;
    assert.equal(facts.myCompanyGuid, sb.data.myCompany.guid);
    assert.equal(facts.viewerToken, sb.apis.bitsight.viewerToken);
    assert.equal(facts.companyWithoutContact, sb.data.companies[3]!.guid);
    assert.equal(facts.uninvitableCompany, sb.data.companies[4]!.guid);
    assert.deepEqual(facts.companiesWithContact, sb.data.companies.slice(0, 3).map((c) => c.guid));
  });

  it('bypasses latency and faults', async () => {
    sb.setLatency(3000);
    sb.setFault({ kind: 'reset', times: Infinity });
    try {
      const { ms, value } = await timed(() => control(sb, 'GET', 'knobs'));
      assert.equal(value.status, 200);
      assert.ok(ms < 2000, `answered after ${ms.toFixed(0)} ms`);
    } finally {
      sb.setLatency(0);
      sb.clearFaults();
    }
  });
});

describe('sandbox: close()', () => {
  it('ends hung requests and pending latency promptly', async () => {
    const sb = await startSandbox({ companies: 1 });
    sb.setFault({ kind: 'timeout' });
    const hung = call(sb).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    sb.setLatency(60_000);
    const waiting = call(sb).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    const { ms } = await timed(() => sb.close());
    assert.ok(ms < 1000, `closed in ${ms.toFixed(0)} ms`);
    assert.equal(await hung, 'failed');
    assert.equal(await waiting, 'failed');
    await assert.rejects(fetch(sb.url + '/'), TypeError);
  });
});

describe('sandbox: CLI', () => {
  const cli = resolve(process.cwd(), 'src/sandbox/cli.ts');

  it('prints exactly one JSON line, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--companies', '30', '--token', 'cli-token', '--seed', '9'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const collected: string[] = [];
      const first = new Promise<string>((resolveLine, reject) => {
        lines.on('line', (line) => {
          collected.push(line);
          if (collected.length === 1) resolveLine(line);
        });
        child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}`)));
      });
      const info = JSON.parse(await first) as Json;
      assert.deepEqual(Object.keys(info), ['url', 'controlToken', 'bitsight', 'kare', 'guidewire']);
      assert.deepEqual(Object.keys(info.kare), ['baseUrl', 'email', 'password', 'accessToken', 'sessionToken', 'refreshToken']);
      const kare = await fetch(`${info.kare.baseUrl}/companies/v2/rs?includeCount=true`, {
        headers: { Authorization: `Bearer ${info.kare.accessToken}`, 'X-Session-Token': info.kare.sessionToken, 'Content-Type': 'application/json' },
      });
      assert.equal(((await kare.json()) as Json).totalCount, 30);
      assert.deepEqual(Object.keys(info.guidewire).sort(), ['baseUrl', 'clientId', 'clientSecret', 'password', 'scopes', 'token', 'tokenUrl', 'user']);
      assert.equal(info.guidewire.baseUrl, `${info.url}/guidewire/rest`);
      const gw = await fetch(`${info.guidewire.baseUrl}/admin/v1/organizations?includeTotal=true`, { headers: { Authorization: `Bearer ${info.guidewire.token}` } });
      assert.equal(((await gw.json()) as Json).total, 30);
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.bitsight.baseUrl, `${info.url}/bitsight`);
      assert.equal(info.bitsight.token, 'cli-token');
      const res = await fetch(`${info.bitsight.baseUrl}${PORTFOLIO}?limit=1`, { headers: { Authorization: basicAuthHeader('cli-token') } });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as Json).count, 30);
      const knobs = await fetch(`${info.url}/__sandbox/knobs`, { headers: { 'X-Sandbox-Control': info.controlToken } });
      assert.equal(knobs.status, 200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
      assert.equal(collected.length, 1, 'exactly one line on stdout');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects bad flags with a message on stderr and exit code 2', async () => {
    for (const args of [['--port', 'abc'], ['--companies', '-3'], ['--companies', '60000'], ['--kare-token-ttl', '0'], ['--frobnicate']]) {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const [code] = await once(child, 'exit');
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^sandbox: [\s\S]+\nusage: sandbox /);
      assert.equal(stdout, '');
    }
  });
});
