// The sandbox is a registry: an API registered beside the real three is served, authenticated,
// recorded, listed in facts, in the root listing and in the CLI's JSON line, takes its own options
// and CLI flags and adds its own handles, with no change to the generic server or CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { ApiErrorReplies, ApiRegistration, SandboxApi } from '../../src/sandbox/api.js';
import { SANDBOX_APIS } from '../../src/sandbox/apis.js';
import { bearerToken, sameSecret } from '../../src/sandbox/auth.js';
import { cliLine, parseCliArgs, usage } from '../../src/sandbox/commandLine.js';
import { jsonReply } from '../../src/sandbox/http.js';
import type { RunningSandboxOf } from '../../src/sandbox/server.js';
import { startSandboxWith } from '../../src/sandbox/server.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

interface EchoOptions {
  /** What the fake API answers with. */
  echoGreeting?: string;
}

const echoErrors: ApiErrorReplies = {
  notFound: () => jsonReply(404, { echo: 'nothing here' }),
  unauthorized: () => jsonReply(401, { echo: 'who are you?' }),
  throttled: (s) => jsonReply(429, { echo: 'slow down' }, s === null ? undefined : { 'Retry-After': String(s) }),
  serverError: () => jsonReply(500, { echo: 'broken' }),
  fieldError: (field, message) => jsonReply(400, { echo: { [field]: message } }),
};

/** A fourth API: Bearer token, one route that greets and counts. */
function echoRegistration(): ApiRegistration<EchoOptions, { baseUrl: string; token: string; hint: string }, { readonly echoCalls: number }> {
  return {
    maxCompanies: 10,
    mount({ secret, companies, options }) {
      let calls = 0;
      const api: SandboxApi = {
        kind: 'echo',
        prefix: '/echo',
        errors: echoErrors,
        authenticate: (req) =>
          sameSecret(bearerToken(req.headers.authorization), secret)
            ? { ok: true, respond: () => (calls++, jsonReply(200, { greeting: options.echoGreeting ?? 'hello', path: req.path, companies })) }
            : { ok: false, reply: echoErrors.unauthorized() },
      };
      return {
        api,
        credentials: (url) => ({ baseUrl: url + api.prefix, token: secret, hint: 'not for the CLI' }),
        facts: () => ({ calls, companies }),
        handles: {
          get echoCalls() {
            return calls;
          },
        },
      };
    },
    checkOptions: ({ echoGreeting }) => {
      if (echoGreeting === '') throw new RangeError('echoGreeting must not be empty');
    },
    cliKeys: ['baseUrl', 'token'],
    cliFlags: [{ name: 'echo-greeting', placeholder: 'G', apply: (options, value) => void (options.echoGreeting = String(value)) }],
  };
}

const REGISTRY = { ...SANDBOX_APIS, echo: echoRegistration() };

describe('sandbox registry: a fourth API', () => {
  let sb: RunningSandboxOf<typeof REGISTRY>;
  before(async () => {
    sb = await startSandboxWith(REGISTRY, { companies: 3, tokens: { echo: 'echo-secret' }, echoGreeting: 'bonjour' });
  });
  after(() => sb.close());

  it('is served at its prefix with its own authentication and options, and counted', async () => {
    assert.deepEqual(sb.apis.echo, { baseUrl: `${sb.url}/echo`, token: 'echo-secret', hint: 'not for the CLI' });
    const res = await fetch(`${sb.apis.echo.baseUrl}/hi?x=1`, { headers: { Authorization: 'Bearer echo-secret' } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { greeting: 'bonjour', path: '/hi', companies: 3 });
    assert.equal(sb.echoCalls, 1, 'its handle is live on the running sandbox');
    const refused = await fetch(`${sb.apis.echo.baseUrl}/hi`, { headers: { Authorization: 'Bearer wrong' } });
    assert.deepEqual([refused.status, await refused.json()], [401, { echo: 'who are you?' }]);
    assert.deepEqual(sb.requests.filter((r) => r.api === 'echo').map((r) => [r.path, r.status]), [['/hi?x=1', 200], ['/hi', 401]]);
  });

  it('takes faults in its own wording and has its writes recorded', async () => {
    sb.setFault({ kind: '500', path: '/boom' });
    const faulted = await fetch(`${sb.apis.echo.baseUrl}/boom`, { headers: { Authorization: 'Bearer echo-secret' } });
    assert.deepEqual([faulted.status, await faulted.json()], [500, { echo: 'broken' }]);
    const write = await fetch(`${sb.apis.echo.baseUrl}/things`, { method: 'POST', headers: { Authorization: 'Bearer echo-secret' }, body: '{"a":1}' });
    assert.equal(write.status, 200);
    assert.deepEqual(sb.writes.filter((w) => w.api === 'echo').map((w) => [w.method, w.path, w.body]), [['POST', '/things', { a: 1 }]]);
  });

  it('is listed in facts, after the real APIs, and in the root listing', async () => {
    const facts = (await (await fetch(`${sb.url}/__sandbox/facts`, { headers: { 'X-Sandbox-Control': sb.controlToken } })).json()) as Json;
    assert.deepEqual(Object.keys(facts), ['bitsight', 'kare', 'guidewire', 'echo']);
    assert.equal(facts.echo.companies, 3);
    const root = (await (await fetch(`${sb.url}/`)).json()) as Json;
    assert.equal(root.apis.echo, `${sb.url}/echo`);
  });

  it('still serves the real APIs beside it', async () => {
    const res = await fetch(`${sb.apis.guidewire.baseUrl}/admin/v1/organizations?includeTotal=true`, { headers: { Authorization: `Bearer ${sb.apis.guidewire.token}` } });
    assert.equal(((await res.json()) as Json).total, 3);
  });

  it('is in the CLI line with the keys it chose, and its flag is parsed and shown in the usage', async () => {
    const options = parseCliArgs(['--echo-greeting', 'hola', '--companies', '2', '--token', 'bs'], REGISTRY);
    assert.deepEqual(options, { companies: 2, echoGreeting: 'hola', tokens: { bitsight: 'bs' } });
    assert.match(usage(REGISTRY), /\[--echo-greeting G\]/);
    assert.throws(() => parseCliArgs(['--companies', '11'], REGISTRY), /between 0 and 10/, 'its maxCompanies lowers the ceiling');
    const line = JSON.parse(cliLine(sb, REGISTRY)) as Json;
    assert.deepEqual(Object.keys(line), ['url', 'controlToken', 'bitsight', 'kare', 'guidewire', 'echo']);
    assert.deepEqual(line.echo, { baseUrl: `${sb.url}/echo`, token: 'echo-secret' });
  });
});

describe('sandbox registry: what the server refuses', () => {
  it('checks an API\'s own options before starting', async () => {
    await assert.rejects(startSandboxWith({ echo: echoRegistration() }, { echoGreeting: '' }), /echoGreeting must not be empty/);
  });

  it('refuses a handle that would hide a common property', async () => {
    const base = echoRegistration();
    const clashing: typeof base = { ...base, mount: (ctx) => ({ ...base.mount(ctx), handles: { echoCalls: 0, url: 'x' } as never }) };
    await assert.rejects(startSandboxWith({ echo: clashing }), /handle 'url' that is already taken/);
  });

  it('refuses an API whose kind is not its registry key', async () => {
    await assert.rejects(startSandboxWith({ other: echoRegistration() }), /registered as 'other' calls itself 'echo'/);
  });
});

describe('sandbox registry: the generic files name no vendor', () => {
  for (const file of ['server', 'commandLine', 'cli', 'control', 'faults', 'traffic', 'dates', 'auth', 'api', 'http', 'router', 'writes']) {
    it(`src/sandbox/${file}.ts`, () => {
      const text = readFileSync(`src/sandbox/${file}.ts`, 'utf8');
      assert.deepEqual(text.match(/bitsight|\bkare\b|guidewire/gi) ?? [], []);
    });
  }
});
