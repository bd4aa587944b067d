// The sandbox's newer fault knobs over real HTTP: redirects to another origin, servers that echo
// credentials, faults that hit after the request was processed, and the request log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuthHeader } from '../../src/sandbox/auth';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import { checkFaultSpec } from '../../src/sandbox/faults';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox({ companies: 12, seed: 2 });
});
after(() => sb.close());

const auth = () => ({ Authorization: basicAuthHeader(sb.apis.bitsight.token) });
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${sb.apis.bitsight.baseUrl}${path}`, { redirect: 'manual', ...init, headers: { ...auth(), ...(init.headers as Record<string, string>) } });
const control = (method: string, what: string, body?: unknown) =>
  fetch(`${sb.url}/__sandbox/${what}`, {
    method,
    headers: { 'X-Sandbox-Control': sb.controlToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('sandbox fault: redirect', () => {
  it('answers 307 by default with the Location given, {path} replaced by the path and query after the prefix', async () => {
    sb.setFault({ kind: 'redirect', location: 'http://localhost:9/bitsight{path}', path: 'portfolio' });
    const res = await api('/ratings/v2/portfolio?limit=5&offset=0');
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), 'http://localhost:9/bitsight/ratings/v2/portfolio?limit=5&offset=0');
    assert.equal((await api('/ratings/v2/portfolio')).status, 200, 'fires once by default');
  });

  it('takes 301/302/303/307/308 and refuses anything else, or a missing location', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      sb.setFault({ kind: 'redirect', location: 'http://127.0.0.2:1/x', status });
      const res = await api('/ratings/v2/users/current');
      assert.equal(res.status, status);
      assert.equal(res.headers.get('location'), 'http://127.0.0.2:1/x');
    }
    assert.throws(() => sb.setFault({ kind: 'redirect', location: '/x', status: 200 }), /redirect status must be one of 301, 302, 303, 307, 308, got 200/);
    assert.throws(() => sb.setFault({ kind: 'redirect' }), /a redirect fault needs a location/);
    assert.throws(() => sb.setFault({ kind: '500', location: '/x' }), /only a redirect fault takes a location/);
    assert.throws(() => sb.setFault({ kind: '500', status: 503 }), /only redirect and echo-credentials faults take a status/);
    assert.equal(checkFaultSpec({ kind: 'redirect', location: '/x', times: 0 }), 'FaultSpec.times must be a positive integer or Infinity, got 0');
  });

  it('is installed through the control endpoint too, and a bad one is a 400', async () => {
    const added = await control('POST', 'faults', { kind: 'redirect', location: 'http://localhost:1{path}', status: 302, times: 2 });
    assert.equal(added.status, 201);
    assert.deepEqual(await added.json(), [{ kind: 'redirect', location: 'http://localhost:1{path}', status: 302, times: 2, remaining: 2 }]);
    assert.equal((await api('/ratings/v2/users/current')).status, 302);
    await control('DELETE', 'faults');
    const bad = await control('POST', 'faults', { kind: 'redirect' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { detail: string }).detail, 'Invalid control request');
  });
});

describe('sandbox fault: echo-credentials', () => {
  it('answers 401 (with WWW-Authenticate) whose detail repeats the token and the raw header', async () => {
    sb.setFault({ kind: 'echo-credentials' });
    const res = await api('/ratings/v2/portfolio');
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="bitsight"');
    assert.deepEqual(await res.json(), { detail: `Invalid token "${sb.apis.bitsight.token}" (you sent Authorization: ${basicAuthHeader(sb.apis.bitsight.token)}).` });
  });

  it('takes another status (here a 400 on a write) and says so when no credentials came', async () => {
    sb.setFault({ kind: 'echo-credentials', status: 400, method: 'POST' });
    const res = await api('/ratings/v1/access-requests', { method: 'POST', body: '{}' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('www-authenticate'), null);
    assert.match(((await res.json()) as { detail: string }).detail, new RegExp(`^Invalid token "${sb.apis.bitsight.token}"`));
    sb.setFault({ kind: 'echo-credentials' });
    const bare = await fetch(`${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio`);
    assert.deepEqual(await bare.json(), { detail: 'Authentication credentials were not provided.' });
  });
});

describe('sandbox faults after processing', () => {
  it('a POST hit by "500 after processing" is applied and recorded, and the client gets the 500', async () => {
    sb.clearWrites();
    const guid = bitsightFacts(sb.data).companiesWithContact[1]!;
    sb.setFault({ kind: '500', method: 'POST', afterProcessing: true });
    const res = await api('/ratings/v1/access-requests', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requestee_company_guid: guid }) });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { detail: 'A server error occurred.' });
    assert.equal(sb.writes.length, 1);
    assert.equal(sb.writes[0]!.status, 201, 'the invitation was created');
    const outbox = (await (await api(`/ratings/v1/access-requests?company_guid=${guid}`)).json()) as unknown[];
    assert.ok(outbox.length >= 1);
  });

  it('a request refused by authentication is still answered by the fault, and nothing is recorded as a write', async () => {
    sb.clearWrites();
    sb.setFault({ kind: 'reset', method: 'POST', afterProcessing: true });
    await assert.rejects(fetch(`${sb.apis.bitsight.baseUrl}/ratings/v1/access-requests`, { method: 'POST', body: '{}', headers: { Authorization: basicAuthHeader('wrong') } }));
    assert.equal(sb.writes.length, 0);
    const last = sb.requests[sb.requests.length - 1]!;
    assert.deepEqual({ fault: last.fault, afterProcessing: last.afterProcessing, status: last.status }, { fault: 'reset', afterProcessing: true, status: 401 });
  });
});

describe('sandbox request log', () => {
  it('records every API request, faulted or not, with whether it carried credentials but never their value', async () => {
    sb.clearRequests();
    sb.setFault({ kind: 'timeout', method: 'POST' });
    const hung = api('/ratings/v1/access-requests', { method: 'POST', body: '{"x":1}', signal: AbortSignal.timeout(200) }).catch(() => 'aborted');
    while (sb.requests.length === 0) await new Promise((r) => setTimeout(r, 2));
    await api('/ratings/v2/users/current');
    await fetch(`${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=1`);
    assert.equal(await hung, 'aborted');
    const log = sb.requests.map(({ at, ...r }) => (assert.match(at, /^\d{4}-\d\d-\d\dT/), r));
    assert.deepEqual(log, [
      { api: 'bitsight', method: 'POST', path: '/ratings/v1/access-requests', authorization: true, body: { x: 1 }, fault: 'timeout' },
      { api: 'bitsight', method: 'GET', path: '/ratings/v2/users/current', authorization: true, status: 200 },
      { api: 'bitsight', method: 'GET', path: '/ratings/v2/portfolio?limit=1', authorization: false, status: 401 },
    ]);
    assert.ok(!JSON.stringify(sb.requests).includes(sb.apis.bitsight.token));
    const served = (await (await control('GET', 'requests')).json()) as unknown[];
    assert.equal(served.length, 3);
    assert.equal((await control('DELETE', 'requests')).status, 204);
    assert.equal(sb.requests.length, 0);
  });

  it('keeps only the latest requestLogSize requests', async () => {
    const small = await startSandbox({ companies: 3, requestLogSize: 2 });
    try {
      for (const p of ['/ratings/v2/users/current', '/ratings/v2/portfolio', '/ratings/v1/access-groups']) {
        await fetch(`${small.apis.bitsight.baseUrl}${p}`, { headers: { Authorization: basicAuthHeader(small.apis.bitsight.token) } });
      }
      assert.deepEqual(small.requests.map((r) => r.path), ['/ratings/v2/portfolio', '/ratings/v1/access-groups']);
      assert.equal(small.requestCount, 3);
    } finally {
      await small.close();
    }
  });
});

describe('sandbox: bodies and authentication', () => {
  const MIB = 1024 * 1024;
  const bigJson = (n: number) => JSON.stringify({ message: 'x'.repeat(n - 14) });

  it('answers unauthenticated 1 MiB POSTs with 401 and logs none of their bodies', async () => {
    sb.clearRequests();
    sb.clearWrites();
    const body = bigJson(MIB);
    assert.equal(Buffer.byteLength(body), MIB);
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          fetch(`${sb.apis.bitsight.baseUrl}/ratings/v1/access-requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(i % 2 ? { Authorization: basicAuthHeader('wrong') } : {}) },
            body,
          }).then(async (r) => ({ status: r.status, detail: ((await r.json()) as { detail: string }).detail })),
        ),
      );
      for (const a of answers) {
        assert.match(a.detail, /^(Invalid token\.|Authentication credentials were not provided\.)$/);
        statuses.push(a.status);
      }
    }
    assert.deepEqual(new Set(statuses), new Set([401]));
    assert.equal(statuses.length, 60);
    assert.equal(sb.requests.length, 60);
    assert.ok(sb.requests.every((r) => r.status === 401 && !('body' in r)), 'no refused body is kept');
    const logged = JSON.stringify(sb.requests).length;
    assert.ok(logged < 60 * 300, `the log holds ${logged} characters for 60 requests`);
    assert.equal(sb.writes.length, 0);
    const after = await api('/ratings/v2/users/current');
    assert.equal(after.status, 200, 'the server is still healthy');
  });

  it('keeps only the first 4 KiB of an admitted body in the logs, and its size', async () => {
    sb.clearRequests();
    sb.clearWrites();
    const body = bigJson(MIB - 100);
    const res = await api('/ratings/v1/portfolio/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 400);
    for (const entry of [sb.requests[0]!, sb.writes[0]!]) {
      assert.equal(entry.body, body.slice(0, 4096));
      assert.equal(entry.bodyBytes, MIB - 100);
    }
    const small = await api('/ratings/v1/portfolio/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"company_guid":"nope"}' });
    assert.equal(small.status, 400);
    assert.deepEqual(sb.writes[1]!.body, { company_guid: 'nope' });
    assert.equal(sb.writes[1]!.bodyBytes, undefined);
  });
});

describe('sandbox: deeply nested JSON', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const post = (path: string, body: string) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('refuses JSON nested deeper than 64 levels with a 400, stores nothing, and the logs still answer', async () => {
    sb.clearRequests();
    sb.clearWrites();
    const company = sb.data.companies[3]!;
    const contactsBefore = sb.data.contacts.length;
    const invitesBefore = sb.data.accessRequests.length;
    const deep = `{"company_guid":"${company.guid}","friendly_name":"Di","formal_name":"Di Jones","email":"di@${company.primary_domain}","phone_number":${nested(100_000)}}`;
    const res = await post('/ratings/v1/portfolio/contacts', deep);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { detail: 'JSON parse error - nested deeper than 64 levels' });
    const invite = await post('/ratings/v1/access-requests', `{"vendor_access_request":{"requestee_company_guid":"${company.guid}","context":${nested(65)}}}`);
    assert.equal(invite.status, 400);
    assert.deepEqual(await invite.json(), { detail: 'JSON parse error - nested deeper than 64 levels' });
    assert.equal(sb.data.contacts.length, contactsBefore);
    assert.equal(sb.data.accessRequests.length, invitesBefore);
    for (const what of ['requests', 'writes']) {
      const listed = await control('GET', what);
      assert.equal(listed.status, 200, `GET /__sandbox/${what}`);
      assert.equal(((await listed.json()) as unknown[]).length, 2);
    }
    const installed = await control('POST', 'faults', { kind: '500', path: 'x' });
    assert.equal(installed.status, 201, 'the control endpoints still work');
    sb.clearFaults();
  });

  it('still parses JSON nested exactly 64 levels', async () => {
    const res = await post('/ratings/v1/portfolio/contacts', `{"company_guid":${nested(63)}}`);
    assert.equal(res.status, 400);
    assert.deepEqual(((await res.json()) as { company_guid: string[] }).company_guid, ['Not a valid string.'], 'validated, not refused as JSON');
  });

  it('refuses a too deep control body with a 400 that says why', async () => {
    const res = await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'X-Sandbox-Control': sb.controlToken }, body: nested(1000) });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { detail: 'The body is refused: JSON nested deeper than 64 levels' });
  });
});

describe('sandbox fault: field-error', () => {
  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '[]' });

  it('Bitsight: DRF\'s 400, the field naming a list of its messages, and nothing written', async () => {
    sb.clearWrites();
    sb.setFault({ kind: 'field-error', method: 'POST', path: '^/ratings/v1/portfolio/contacts$', field: 'email', message: 'Enter a valid email address.' });
    const res = await api('/ratings/v1/portfolio/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { email: ['Enter a valid email address.'] });
    assert.deepEqual(sb.writes, [], 'the request was refused before it was processed');
    assert.equal(sb.requests.at(-1)?.fault, 'field-error');
  });

  it('Kare: the sandbox\'s 400 {message, errors:[{path, row, field, message}]}, a batch row named by its index', async () => {
    sb.setFault({ kind: 'field-error', method: 'POST', path: '/contacts$', field: '0.email', message: 'email is already taken' });
    const res = await post(`${sb.apis.kare.baseUrl}/companies/v2/rs/1/contacts`, { Authorization: `Bearer ${sb.apis.kare.accessToken}` });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      message: 'Validation failed: contact at index 0: email is already taken',
      errors: [{ path: '0.email', row: 0, field: 'email', message: 'email is already taken' }],
    });
  });

  it('Guidewire: its documented 400 (BadInputException) with details[{fieldName, message}]', async () => {
    sb.setFault({ kind: 'field-error', method: 'PATCH', field: 'workPhone.number', message: 'Not a valid phone number' });
    const res = await fetch(`${sb.apis.guidewire.baseUrl}/admin/v1/organizations/pc:1`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sb.apis.guidewire.token}`, 'Content-Type': 'application/json' },
      body: '{"data":{"attributes":{}}}',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      status: 400,
      errorCode: 'gw.api.rest.exceptions.BadInputException',
      userMessage: 'The request contained invalid data',
      developerMessage: 'The request contained invalid data',
      details: [{ fieldName: 'workPhone.number', message: 'Not a valid phone number' }],
    });
  });

  it('needs a field, has a default message, and only it takes a field or a message; also over the control endpoint', async () => {
    assert.throws(() => sb.setFault({ kind: 'field-error' }), /a field-error fault needs a field/);
    assert.throws(() => sb.setFault({ kind: '500', field: 'email' }), /only a field-error fault takes a field and a message \(this one is '500'\)/);
    assert.throws(() => sb.setFault({ kind: '401', message: 'x' }), /only a field-error fault takes a field and a message/);
    const bad = await control('POST', 'faults', { kind: 'field-error', message: 'no field' });
    assert.equal(bad.status, 400);
    const added = await control('POST', 'faults', { kind: 'field-error', field: 'email', method: 'POST' });
    assert.equal(added.status, 201);
    assert.deepEqual(await added.json(), [{ kind: 'field-error', field: 'email', method: 'POST', times: 1, remaining: 1 }]);
    const res = await api('/ratings/v1/portfolio/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.deepEqual(await res.json(), { email: ['This value was refused (sandbox field-error fault)'] });
  });
});
