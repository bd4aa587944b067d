// Secrets audit at unit level (the extension-host half lives in test/integration). A recognisable
// token drives the real Bitsight provider, a redacting logger over a recording one, FormControllers,
// the bulk runner with a MementoJournal, and the connection store, through the error paths where a
// token is most likely to escape: a 401 that echoes it, a server that puts it in an error message, a
// redirect whose Location carries it, a network error whose message holds the URL. Then every place
// a person (or a file on disk) could see is searched for the token raw, URL-encoded and base64.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkBaseUrl } from '../../src/connections/baseUrl';
import { ConnectionStore, type Connection } from '../../src/connections/store';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http';
import { Redactor, silentLogger } from '../../src/core/redact';
import * as z from '../../src/core/zod';
import { BitsightProvider } from '../../src/providers/bitsight/client';
import type { HostMessage } from '../../src/protocol/messages';
import { MementoJournal, type MementoLike } from '../../src/forms/bulk/mementoJournal';
import { presentError } from '../../src/forms/presentError';
import { BulkRunner, bulkSender, planBulk } from '../../src/forms/bulk/runner';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { PortfolioModel } from '../../src/tree/model';
import { bitsightKit, countingEffects, describeText, formHarness, otherOrigin, type ProviderKit } from './helpers/faultKit';
import { json, scriptedServer } from './helpers/scriptedServer';
import { tokenAuth } from './helpers/auth';

// Characters that base64 and URL encoding both change, so every variant is distinct.
const TOKEN = 'SECRET-canary-7f3a+9c1e/5b2d=4a60';
const VARIANTS: Record<string, string> = {
  raw: TOKEN,
  'URL-encoded': encodeURIComponent(TOKEN),
  'base64 of token:': Buffer.from(`${TOKEN}:`).toString('base64'),
  'base64 of token': Buffer.from(TOKEN).toString('base64'),
  'tail of the token': '5b2d=4a60',
};

/** Which forms of the token a text contains. */
function leaks(text: string): string[] {
  return Object.entries(VARIANTS)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
}

function assertClean(where: string, texts: Iterable<string>): void {
  const found: string[] = [];
  for (const t of texts) {
    const l = leaks(t);
    if (l.length) found.push(`${l.join(', ')} in: ${t.length > 300 ? `${t.slice(0, 300)}…` : t}`);
  }
  assert.deepEqual(found, [], `the token leaked into ${where}`);
}

class MemoryMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
}

let sb: RunningSandbox;
let other: Awaited<ReturnType<typeof otherOrigin>>;
let kit: ProviderKit;
const errors: Array<{ path: string; error: ApiError }> = [];
const posted: HostMessage[] = [];
const journalState = new MemoryMemento();
const connectionState = new MemoryMemento();

/** Runs one read and keeps the ApiError it must end in. */
async function expectFailure(path: string, run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof ApiError, `${path}: expected an ApiError, got ${String(e)}`);
    errors.push({ path, error: e });
    return e;
  }
  assert.fail(`${path}: expected a failure`);
}

before(async () => {
  sb = await startSandbox({ companies: 12, seed: 9, tokens: { bitsight: TOKEN } });
  other = await otherOrigin();
  kit = bitsightKit(sb);
  const facts = bitsightFacts(sb.data);
  const { effects } = countingEffects();
  const base = sb.apis.bitsight.baseUrl;
  const encoded = encodeURIComponent(TOKEN);

  // 1. A 401 whose body echoes the token and the Authorization header — through the tree's model.
  sb.setFault({ kind: 'echo-credentials', path: '^/ratings/v2/portfolio$' });
  const model = new PortfolioModel({ provider: async () => kit.provider }, () => 5);
  const companies = await model.list('c', 'companies');
  assert.ok(companies.error instanceof ApiError);
  errors.push({ path: 'tree: companies', error: companies.error });

  // 2. A 503 that echoes them, retried (so the retry warnings are logged) — contacts.
  sb.setFault({ kind: 'echo-credentials', status: 503, path: '^/ratings/v1/portfolio/contacts$', times: Infinity });
  const contacts = await model.contacts('c', facts.companiesWithContact[0]!);
  assert.ok(contacts.error instanceof ApiError);
  errors.push({ path: 'tree: contacts', error: contacts.error });
  sb.clearFaults();

  // 3. A redirect to another host whose Location carries the token.
  sb.setFault({ kind: 'redirect', location: `${other.url}/collect?token=${encoded}&basic=${VARIANTS['base64 of token:']}`, path: '^/ratings/v2/users/current$' });
  await expectFailure('whoAmI: redirect to another host', () => kit.provider.whoAmI());

  // 4. A same-origin redirect whose Location carries the token, then a reset: node-fetch's
  //    network error message quotes the URL it was fetching.
  sb.setFault({ kind: 'redirect', location: `${base}/ratings/v2/portfolio?api_key=${encoded}`, path: String.raw`^/ratings/v2/portfolio\?limit=`, times: Infinity });
  sb.setFault({ kind: 'reset', path: 'api_key=', times: Infinity });
  await expectFailure('listCompanies: redirect then reset', () => kit.provider.listCompanies(undefined, 5));
  sb.clearFaults();

  // 5. Forms: an invitation refused with a 400 that echoes the credentials…
  const guid = facts.companiesWithContact[0]!;
  const company = { id: guid, name: sb.data.companies.find((c) => c.guid === guid)!.name };
  const invite = formHarness(await kit.provider.forms.invite!(company, effects), kit.logger);
  sb.setFault({ kind: 'echo-credentials', status: 400, method: 'POST' });
  await invite.submit({ ...(await kit.provider.forms.invite!(company, effects)).spec().values, reason: 'other' });
  posted.push(...invite.posted);

  // …an edit redirected (same origin) to a URL holding the token (a write follows no redirect, so
  //    the reset below stays armed and unused)…
  const viewer = sb.data.users.find((u) => u.guid === facts.viewerUserGuid)!;
  const editHandler = await kit.provider.forms.editUser!({ id: viewer.guid, name: viewer.friendly_name, email: viewer.email }, effects);
  const edit = formHarness(editHandler, kit.logger);
  sb.setFault({ kind: 'redirect', method: 'PATCH', location: `${base}{path}?api_key=${encoded}`, path: '^/ratings/v2/users/[^?]+$' });
  sb.setFault({ kind: 'reset', method: 'PATCH', path: 'api_key=' });
  await edit.submit({ ...editHandler.spec().values, friendly_name: 'Liam Jr' });
  await edit.controller.receive({ type: 'ready' });
  posted.push(...edit.posted);
  sb.clearFaults();

  // …and an assignment answered by an echoing 401.
  const bare = facts.companyWithoutContact!;
  const bareCompany = sb.data.companies.find((c) => c.guid === bare)!;
  const assign = formHarness(await kit.provider.forms.createContacts!({ id: bare, name: bareCompany.name }, effects), kit.logger);
  sb.setFault({ kind: 'echo-credentials', method: 'POST' });
  await assign.submit({ formal_name: 'Diane Jones', friendly_name: 'Diane', email: `diane@${bareCompany.domains[0]}` });
  posted.push(...assign.posted);
  sb.clearFaults();

  // 6. Bulk: per-company 400s that echo the credentials (item messages), then a 401 that stops the
  //    run (the journal's error), all persisted in a MementoJournal.
  const definition = await kit.provider.forms.bulkInvite!(facts.companiesWithContact.map((id) => ({ id, name: id })));
  const values = { ...definition.spec.values };
  const journals = new MementoJournal(journalState, kit.logger);
  const runner = new BulkRunner({
    store: journals,
    sender: bulkSender(definition, values),
    log: kit.logger,
  });
  sb.setFault({ kind: 'echo-credentials', status: 400, method: 'POST', times: Infinity });
  await runner.run(planBulk('secrets-1', 'conn-1', values, facts.companiesWithContact.map((id) => ({ id, name: id, invitable: true }))));
  sb.clearFaults();
  sb.setFault({ kind: 'echo-credentials', method: 'POST', times: Infinity });
  await runner.run(planBulk('secrets-2', 'conn-1', values, facts.companiesWithContact.map((id) => ({ id, name: id, invitable: true }))));
  sb.clearFaults();

  // 7. The connection store, with a connection to this sandbox.
  const store = new ConnectionStore(connectionState, kit.logger);
  const connection: Connection = { id: 'conn-1', name: 'Sandbox', api: 'bitsight', baseUrl: base };
  await store.upsert(connection);
  for (const baseUrl of [`https://${encoded}@api.example.com`, `https://api.example.com/?token=${encoded}`, `https://api.example.com/#${encoded}`]) {
    await assert.rejects(store.upsert({ ...connection, id: 'bad', baseUrl }), `refused: ${baseUrl}`);
  }
  // A hand-edited state holding a token in a URL is dropped on read, without echoing it in the log.
  const edited = new MemoryMemento();
  await edited.update('portfolioContacts.connections', [connection, { ...connection, id: 'bad', baseUrl: `https://user:${encoded}@api.example.com` }]);
  assert.deepEqual(new ConnectionStore(edited, kit.logger).list().map((c) => c.id), ['conn-1']);
  assert.ok(kit.log.lines.some((l) => l.level === 'warn' && l.message === 'Ignoring a stored connection that does not parse: not an allowed base URL'));
});

after(async () => {
  await sb.close();
  await other.close();
});

describe('secrets: the token never escapes', () => {
  it('the scenario exercised every error path (sanity)', () => {
    assert.deepEqual(
      errors.map((e) => [e.path, e.error.kind, e.error.status]),
      [
        ['tree: companies', 'auth', 401],
        ['tree: contacts', 'http', 503],
        ['whoAmI: redirect to another host', 'refused', 307],
        ['listCompanies: redirect then reset', 'network', undefined],
      ],
    );
    assert.equal(posted.filter((m) => m.type === 'result').length, 3);
    assert.ok(kit.log.lines.some((l) => l.level === 'warn' && /retrying in 500 ms/.test(l.message)), 'retry warnings were logged');
  });

  it('a server echoing the token does reach us (so the checks below can fail)', () => {
    const echoed = sb.requests.filter((r) => r.fault === 'echo-credentials').length;
    assert.ok(echoed >= 5, `${echoed} echoing answers`);
  });

  it('not in any log line', () => {
    assert.ok(kit.log.lines.length > 10);
    assertClean('the log', kit.log.lines.map((l) => `${l.level} ${l.message}`));
  });

  it('not in ApiError messages, field errors, describe() or presentError() texts', () => {
    assertClean(
      'API errors',
      errors.flatMap(({ error }) => [error.message, error.describe('Loading companies'), presentError(error, 'Loading companies'), JSON.stringify(error.fieldErrors)]),
    );
  });

  it('not in anything the FormControllers posted to the webviews', () => {
    assertClean('webview messages', posted.map((m) => JSON.stringify(m)));
  });

  it('not in the bulk journals kept in globalState', () => {
    const stored = JSON.stringify([...journalState.data.entries()]);
    assert.match(stored, /secrets-1/);
    assert.match(stored, /secrets-2/);
    assertClean('the bulk journals', [stored]);
  });

  it('not in the connection store\'s state', () => {
    const stored = JSON.stringify([...connectionState.data.entries()]);
    assertClean('the connection store', [stored]);
  });

  it('never sent to another host: the redirect target saw no request, let alone an Authorization header', () => {
    assert.deepEqual(other.seen, []);
    const redirected = sb.requests.filter((r) => r.fault === 'redirect');
    assert.ok(redirected.length >= 2);
    assert.ok(redirected.every((r) => r.authorization), 'the original host got the header');
  });
});

describe('secrets: a redirect to another origin never carries the Authorization header', () => {
  for (const status of [301, 302, 303, 307, 308] as const) {
    it(`${status} to another port, and to localhost instead of 127.0.0.1`, async () => {
      const sameSandboxOtherOrigin = `http://localhost:${sb.port}/bitsight{path}`;
      for (const location of [`${other.url}/steal{path}`, sameSandboxOtherOrigin]) {
        const since = sb.requests.length;
        sb.setFault({ kind: 'redirect', status, location, path: '^/ratings/v1/access-groups$' });
        const e = await expectFailure(`redirect ${status}`, () => kit.provider.accessGroups());
        assert.equal(e.kind, 'refused');
        assert.equal(e.status, status);
        const host = location.startsWith('http://localhost') ? `localhost:${sb.port}` : other.host;
        const message = `the server redirected to another host (${host}); the request was not repeated there, so your token stayed with 127.0.0.1:${sb.port}`;
        assert.equal(e.message, message);
        assert.equal(presentError(e, 'Loading access groups'), describeText('Loading access groups', { kind: 'refused', status, message }));
        assert.equal(sb.requests.length - since, 1, 'only the original request reached the sandbox');
      }
      assert.deepEqual(other.seen, []);
    });
  }

  it('a same-origin redirect is followed with the header (the control case)', async () => {
    const since = sb.requests.length;
    sb.setFault({ kind: 'redirect', location: `${sb.apis.bitsight.baseUrl}/ratings/v1/access-groups?moved=1`, path: '^/ratings/v1/access-groups$' });
    const groups = await kit.provider.accessGroups();
    assert.ok(groups.groups.length >= 1);
    assert.deepEqual(sb.requests.slice(since).map((r) => [r.path, r.authorization, r.fault ?? r.status]), [
      ['/ratings/v1/access-groups', true, 'redirect'],
      ['/ratings/v1/access-groups?moved=1', true, 200],
    ]);
  });
});

describe('secrets: checkBaseUrl', () => {
  it('refuses plain http except for localhost, 127.0.0.1 and [::1] (any other loopback form may go through a proxy)', () => {
    const refused = 'The token would travel unencrypted: use https:// (plain http:// is only allowed for localhost, 127.0.0.1 and [::1])';
    for (const url of [
      'http://api.bitsighttech.com',
      'http://10.0.0.5:8080',
      'http://127.0.0.1.nip.io',
      'http://localhost.example.com',
      'http://localhost.example',
      'http://0.0.0.0:3000',
      'http://[::ffff:10.0.0.1]',
      // Loopback, but not spelled as one of the three: VS Code's proxy support may proxy these.
      'http://127.0.0.2:1',
      'http://127.4.5.6',
      'http://0x7f.1',
      'http://2130706433',
      'http://127.1',
      'http://017700000001',
      'http://[::ffff:127.0.0.1]',
      'http://[0:0:0:0:0:0:0:1]',
      'http://127.0.0.%31',
    ]) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, message: refused }, url);
    }
    for (const [url, normalised] of [
      ['http://127.0.0.1:8080/bitsight/', 'http://127.0.0.1:8080/bitsight'],
      ['http://localhost:3000', 'http://localhost:3000'],
      ['http://[::1]:3000', 'http://[::1]:3000'],
      ['http://LOCALHOST:3000/x', 'http://localhost:3000/x'],
      ['https://api.bitsighttech.com/', 'https://api.bitsighttech.com'],
    ]) {
      assert.deepEqual(checkBaseUrl(url!), { ok: true, url: normalised }, url);
    }
  });

  it('refuses credentials, queries and fragments, and other schemes, without repeating a secret', () => {
    const cases: Array<[string, string]> = [
      [`https://${encodeURIComponent(TOKEN)}@api.example.com`, 'Leave credentials out of the URL; the token is asked for separately and kept in secret storage'],
      [`https://x:${encodeURIComponent(TOKEN)}@api.example.com`, 'Leave credentials out of the URL; the token is asked for separately and kept in secret storage'],
      [`https://api.example.com/?token=${encodeURIComponent(TOKEN)}`, 'The base URL must not have a query (?…) or fragment (#…)'],
      [`https://api.example.com/#${encodeURIComponent(TOKEN)}`, 'The base URL must not have a query (?…) or fragment (#…)'],
      ['ftp://api.example.com', 'Only https:// URLs are supported (got ftp://)'],
      ['javascript:alert(1)', 'Only https:// URLs are supported (got javascript://)'],
    ];
    for (const [url, message] of cases) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, message }, url);
    }
  });
});

describe('secrets: the redactor catches every encoding of a registered secret (issue 7 item 6)', () => {
  // '!', ' ' and '~' are what form-encoding and RFC 3986 percent-encoding treat differently. `odd`
  // (20 bytes) has base64 padding and '+'; `aligned` (21 bytes) has none and a '/' (so '_' in base64url).
  const odd = 'canary! token~42/x+y';
  const aligned = `${odd}?`;
  const redactor = new Redactor();
  for (const s of [TOKEN, odd, aligned]) redactor.add(s);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  const forms: Array<[string, string, string]> = [
    ['raw', TOKEN, TOKEN],
    ['lower-case percent-encoding', encodeURIComponent(TOKEN).toLowerCase(), encodeURIComponent(TOKEN).toLowerCase()],
    ['form-encoding (! → %21, space → +)', new URLSearchParams({ q: odd }).toString(), new URLSearchParams({ q: odd }).toString().slice(2)],
    ['RFC 3986 percent-encoding', odd.replace(/[^A-Za-z0-9\-._~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`), '%21%20token~42'],
    ['base64, padded', b64(odd), b64(odd)],
    ['base64, unpadded', b64(odd).replace(/=+$/, ''), b64(odd).replace(/=+$/, '')],
    ['base64 of token:, unpadded', b64(`${odd}:`).replace(/=+$/, ''), b64(`${odd}:`).replace(/=+$/, '')],
    ['base64url', b64url(aligned), b64url(aligned)],
    ['base64url of token:', b64url(`${aligned}:`), b64url(aligned)],
    ['base64 of user:token', `Authorization: Digest ${b64(`someone:${odd}`)}`, b64(`someone:${odd}`).slice(12, 36)],
    ['base64url of user:token', b64url(`ab:${aligned}`), b64url(`ab:${aligned}`).slice(4, 28)],
    ['the token as a prefix of a longer string', `${TOKEN}Xtra`, TOKEN],
    ['base64 of the token as a prefix of a longer string', b64(`${odd}Xtra`), b64(odd).slice(0, 24)],
    ['a lower-cased token in a host name', `getaddrinfo ENOTFOUND ${TOKEN.toLowerCase()}.example.com`, TOKEN.toLowerCase()],
  ];
  for (const [name, text, secretPart] of forms) {
    it(name, () => {
      assert.ok(text.includes(secretPart), 'the case holds the secret (sanity)');
      const out = redactor.scrub(`before ${text} after`);
      assert.ok(!out.includes(secretPart), `still there: ${out}`);
      assert.match(out, /^before .*\[redacted\].* after$/);
    });
  }

  it('leaves text without a secret alone', () => {
    const text = 'GET /ratings/v2/portfolio?limit=50 → 200 (12 ms) canary token secret';
    assert.equal(redactor.scrub(text), text);
  });

  it("scrubs an ApiError's cause and stack, not only its message (node-fetch quotes the URL)", async () => {
    const { createServer } = await import('node:net');
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as import('node:net').AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const http = new HttpClient({ baseUrl: `http://127.0.0.1:${closedPort}`, authorize: async () => ({}), concurrency: 1, timeoutMs: 2000, maxAttempts: 1, redact: (t) => redactor.scrub(t) });
    const e = await http.request({ method: 'GET', path: `/x?key=${encodeURIComponent(TOKEN)}`, schema: z.unknown() }).then(
      () => assert.fail('expected a failure'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof ApiError);
    assert.equal(e.kind, 'network');
    const cause = e.cause as Error & { code?: string };
    assert.ok(cause instanceof Error);
    assert.match(cause.message, /key=\[redacted\]/, 'the cause still says what failed');
    assert.equal(cause.code, 'ECONNREFUSED');
    assertClean('the error, its cause and their stacks', [e.message, e.stack ?? '', cause.message, cause.stack ?? '', String(e.cause)]);
  });
});

describe('secrets: an error map keyed by the token (issue 7 item 4)', () => {
  it('the key is redacted in the ApiError and in the bulk journal written to the memento', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 400, { [TOKEN]: ['This field is unknown.'], [`x-${encodeURIComponent(TOKEN)}`]: ['So is this.'] }));
    try {
      const logger = silentLogger;
      const redactor = new Redactor();
      const provider = new BitsightProvider({ baseUrl: srv.url, ...tokenAuth(TOKEN, redactor), logger, redactor, timeoutMs: 5000 });
      const body = { company_guid: 'c-1', requestee_email: 'a@b.example' } as unknown as Parameters<BitsightProvider['invite']>[0];
      const e = await provider.invite(body).then(
        () => assert.fail('expected a 400'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 400);
      assert.equal(e.field, '[redacted]', 'the field is still named, as redacted');
      assertClean('the ApiError', [e.message, e.describe('Sending'), presentError(e, 'Sending'), JSON.stringify(Object.keys(e.fieldErrors)), JSON.stringify(e.fieldErrors), e.field ?? '']);

      const memento = new MemoryMemento();
      const journals = new MementoJournal(memento, logger, (t) => redactor.scrub(t));
      const runner = new BulkRunner({
        store: journals,
        sender: { send: async (_id, signal) => ({ id: (await provider.invite(body, { signal })).guid }), listed: async () => ({}), confirmSent: async () => ({ listed: [] }) },
        log: logger,
      });
      await runner.run(planBulk('keyed-1', 'conn-1', {}, [{ id: 'c-1', name: 'One', invitable: true }]));
      const stored = JSON.stringify([...memento.data.entries()]);
      assert.match(stored, /keyed-1/);
      assert.match(stored, /"field":"\[redacted\]"/, 'the failed item kept its (redacted) field');
      assertClean('the bulk journal', [stored]);
      assert.equal(srv.seen.length, 2, 'one POST by hand, one by the run');
    } finally {
      await srv.close();
    }
  });

  it('the journal scrubs what it persists even when handed a raw secret', async () => {
    const redactor = new Redactor();
    redactor.add(TOKEN);
    const memento = new MemoryMemento();
    const journal = planBulk('raw-1', 'conn-1', {}, [{ id: 'c-1', name: 'One', invitable: true }]);
    journal.error = `stopped: ${TOKEN}`;
    journal.items[0] = { ...journal.items[0]!, state: 'failed', field: TOKEN, message: `bad ${encodeURIComponent(TOKEN)}` };
    await new MementoJournal(memento, silentLogger, (t) => redactor.scrub(t)).save(journal);
    const stored = JSON.stringify([...memento.data.entries()]);
    assert.match(stored, /raw-1/);
    assertClean('the memento', [stored]);
    assert.equal(journal.items[0]!.field, TOKEN, "the caller's copy is not changed");
  });
});
