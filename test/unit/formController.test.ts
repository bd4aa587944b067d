import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import type { FormHandler } from '../../src/core/forms';
import { silentLogger } from '../../src/core/redact';
import { FormController, type WebviewPort } from '../../src/forms/controller';
import { RecentWrites } from '../../src/forms/recentWrites';
import type { FormSpec, FormValues } from '../../src/protocol/forms';
import type { HostMessage } from '../../src/protocol/messages';

const spec: FormSpec = {
  kind: 'createContacts',
  title: 'Assign',
  submitLabel: 'Go',
  fields: [
    { name: 'formal_name', label: 'Full name', kind: 'text', required: true },
    { name: 'email', label: 'E-mail', kind: 'email', required: true, emailDomains: ['a.example'] },
  ],
  values: { formal_name: '', email: '' },
  draftKey: 'k',
};
const good: FormValues = { formal_name: 'Diane Jones', email: 'diane@a.example' };

function harness(submit: FormHandler['submit'], extra: Partial<FormHandler> = {}) {
  const posted: HostMessage[] = [];
  let listener: (raw: unknown) => void = () => undefined;
  const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: (l) => ((listener = l), { dispose: () => undefined }) };
  const calls: FormValues[] = [];
  const handler: FormHandler = {
    spec: () => spec,
    submit: async (values, ctx) => {
      calls.push(values);
      return submit(values, ctx);
    },
    ...extra,
  };
  const controller = new FormController(port, handler, silentLogger);
  return { posted, calls, controller, send: (m: unknown) => controller.receive(m), listener: () => listener };
}

const results = (posted: HostMessage[]) => posted.filter((m): m is Extract<HostMessage, { type: 'result' }> => m.type === 'result');

describe('FormController', () => {
  it('answers ready with the form', async () => {
    const h = harness(async () => ({ message: 'ok' }));
    await h.send({ type: 'ready' });
    assert.deepEqual(h.posted, [{ type: 'init', spec }]);
  });

  it('checks the rules again on the host and sends nothing when a field is wrong', async () => {
    const h = harness(async () => ({ message: 'ok' }));
    await h.send({ type: 'submit', requestId: 'r1', values: { formal_name: '', email: 'x@' } });
    assert.equal(h.calls.length, 0);
    const [r] = results(h.posted);
    assert.equal(r!.ok, false);
    assert.deepEqual(Object.keys((r as { fieldErrors: object }).fieldErrors).sort(), ['email', 'formal_name']);
  });

  it('does not refuse an address off the form’s domains: that is a warning, the server decides', async () => {
    const h = harness(async () => ({ message: 'Assigned.' }));
    await h.send({ type: 'submit', requestId: 'r1', values: { formal_name: 'Diane Jones', email: 'diane@elsewhere.example' } });
    assert.deepEqual(h.calls, [{ formal_name: 'Diane Jones', email: 'diane@elsewhere.example' }]);
    assert.equal(results(h.posted)[0]!.ok, true);
  });

  it('sends once per request id, even when the same id arrives again', async () => {
    const h = harness(async () => ({ message: 'Assigned.' }));
    await h.send({ type: 'submit', requestId: 'r1', values: good });
    await h.send({ type: 'submit', requestId: 'r1', values: good });
    assert.equal(h.calls.length, 1);
    assert.deepEqual(results(h.posted).map((r) => [r.ok, r.message]), [
      [true, 'Assigned.'],
      [true, 'Assigned.'],
    ]);
  });

  it('refuses a second submission while one is in flight', async () => {
    let release!: () => void;
    const h = harness(() => new Promise((r) => (release = () => r({ message: 'done' }))));
    const first = h.send({ type: 'submit', requestId: 'r1', values: good });
    await new Promise((r) => setImmediate(r));
    await h.send({ type: 'submit', requestId: 'r2', values: good });
    release();
    await first;
    assert.equal(h.calls.length, 1);
    const r = results(h.posted);
    assert.equal(r[0]!.requestId, 'r2');
    assert.equal(r[0]!.ok, false);
    assert.match(r[0]!.message, /still running/);
    assert.deepEqual(h.posted.filter((m) => m.type === 'busy').map((m) => (m as { busy: boolean }).busy), [true, false]);
  });

  it('places API field errors on their fields and keeps other text on top', async () => {
    const h = harness(async () => {
      throw new ApiError({ kind: 'http', status: 400, method: 'POST', path: '/x', message: 'bad', fieldErrors: { email: ['The email domain is unrelated to the company'], company_guid: ['No entity found for specified guid'] } });
    });
    await h.send({ type: 'submit', requestId: 'r1', values: good });
    const [r] = results(h.posted) as Array<{ ok: false; message: string; fieldErrors: Record<string, string> }>;
    assert.equal(r!.fieldErrors.email, 'The email domain is unrelated to the company');
    assert.match(r!.message, /bad/);
  });

  it('drops undeclared values before the handler sees them', async () => {
    const h = harness(async () => ({ message: 'ok' }));
    await h.send({ type: 'submit', requestId: 'r1', values: { ...good, company_guid: 'someone-else', __proto__x: 'x' } });
    assert.deepEqual(h.calls[0], good);
  });

  it('ignores messages that do not parse, without throwing or sending', async () => {
    const h = harness(async () => ({ message: 'ok' }));
    const junk: unknown[] = [null, 42, 'submit', {}, { type: 'submit' }, { type: 'submit', requestId: 'bad id!', values: good }, { type: 'submit', requestId: 'r', values: { email: { nested: true } } }, { type: 'nope' }, { type: 'retryFailed' }];
    for (const m of junk) await h.send(m);
    assert.equal(h.calls.length, 0);
    assert.deepEqual(h.posted, []);
  });

  it('a cancel aborts the running submission', async () => {
    let aborted = false;
    const h = harness(
      (_v, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(new ApiError({ kind: 'cancelled', method: 'POST', path: '/x', message: 'cancelled' }));
          });
        }),
    );
    const p = h.send({ type: 'submit', requestId: 'r1', values: good });
    await new Promise((r) => setImmediate(r));
    await h.send({ type: 'cancel' });
    await p;
    assert.ok(aborted);
    assert.match(results(h.posted)[0]!.message, /cancelled/);
  });
});

describe('FormController after the webview is rebuilt', () => {
  it('re-sends the running request and the last progress table on a second ready', async () => {
    let release!: () => void;
    const h = harness(
      (_v, ctx) =>
        new Promise((r) => {
          ctx.post({ type: 'bulk', rows: [{ id: 'c1', name: 'A', state: 'sending' }], summary: { total: 1, sent: 0, failed: 0, skipped: 0, pending: 1, cancelled: 0 }, running: true });
          release = () => r({ message: 'done' });
        }),
    );
    const p = h.send({ type: 'submit', requestId: 'r1', values: good });
    await new Promise((r) => setImmediate(r));
    h.posted.length = 0;
    await h.send({ type: 'ready' });
    assert.deepEqual(h.posted.map((m) => m.type), ['init', 'busy', 'bulk']);
    assert.deepEqual(h.posted[1], { type: 'busy', requestId: 'r1', busy: true });
    release();
    await p;
  });
});

describe('Drafts that outlive the panel', () => {
  it('the host keeps the draft, sends it back with init, and drops it on success', async () => {
    const { MementoDrafts } = await import('../../src/forms/drafts.js');
    const data = new Map<string, unknown>();
    const drafts = new MementoDrafts({ get: (k: string) => data.get(k) as never, update: async (k: string, v: unknown) => void data.set(k, v) });
    const posted: HostMessage[] = [];
    const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
    const handler: FormHandler = { spec: () => spec, submit: async () => ({ message: 'Assigned.', clearDraft: true }) };
    const first = new FormController(port, handler, silentLogger, { drafts });
    await first.receive({ type: 'ready' });
    assert.deepEqual(posted.at(-1), { type: 'init', spec });
    await first.receive({ type: 'draft', values: { formal_name: 'Diane Jo', email: 'diane@' } });
    first.dispose(); // the panel is closed

    const second = new FormController(port, handler, silentLogger, { drafts });
    await second.receive({ type: 'ready' });
    const init = posted.at(-1) as Extract<HostMessage, { type: 'init' }>;
    assert.deepEqual({ ...init, draftSavedAt: undefined }, { type: 'init', spec, draft: { formal_name: 'Diane Jo', email: 'diane@' }, draftSavedAt: undefined });
    assert.match(init.draftSavedAt ?? '', /^\d{4}-\d\d-\d\dT/, 'the draft says when it was saved');
    await second.receive({ type: 'submit', requestId: 'r1', values: good });
    assert.equal(drafts.get(spec.draftKey), undefined, 'a sent form leaves no draft');
    await second.receive({ type: 'draft', values: { formal_name: 'x' } });
    await second.receive({ type: 'draft', values: {} });
    assert.equal(drafts.get(spec.draftKey), undefined, 'an empty draft deletes it');
  });

  it('a prefilled form shows the copied person, not a saved draft, and keeps that draft for later', async () => {
    const { MementoDrafts } = await import('../../src/forms/drafts.js');
    const data = new Map<string, unknown>();
    const drafts = new MementoDrafts({ get: (k: string) => data.get(k) as never, update: async (k: string, v: unknown) => void data.set(k, v) });
    drafts.set('conn/k', { formal_name: 'Typed earlier', email: '' });
    const copied = { ...spec, values: { formal_name: 'Jeanne Martin', email: 'jeanne@a.example' }, prefilled: true };
    const posted: HostMessage[] = [];
    const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
    const c = new FormController(port, { spec: () => copied, submit: async () => ({ message: 'ok', clearDraft: true }) }, silentLogger, { drafts, scope: 'conn' });
    await c.receive({ type: 'ready' });
    const init = posted.at(-1) as Extract<HostMessage, { type: 'init' }>;
    assert.equal(init.draft, undefined, 'the draft does not cover the copied person');
    assert.deepEqual(init.spec.values, copied.values);
    assert.match(init.spec.notes?.join(' ') ?? '', /unsent draft of this form is kept/);
    assert.notEqual(init.spec.draftKey, 'conn/k');
    await c.receive({ type: 'draft', values: { formal_name: 'Jeanne M' } });
    await c.receive({ type: 'submit', requestId: 'r1', values: good });
    assert.deepEqual(drafts.get('conn/k'), { formal_name: 'Typed earlier', email: '' }, 'the earlier draft is still there');
  });

  it('two connections showing the same company keep separate drafts, keyed by connection', async () => {
    const { MementoDrafts } = await import('../../src/forms/drafts.js');
    const data = new Map<string, unknown>();
    const drafts = new MementoDrafts({ get: (k: string) => data.get(k) as never, update: async (k: string, v: unknown) => void data.set(k, v) });
    const handler: FormHandler = { spec: () => ({ ...spec, draftKey: 'bitsight/c1/invite' }), submit: async () => ({ message: 'ok' }) };
    const open = (scope: string) => {
      const posted: HostMessage[] = [];
      const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
      return { posted, controller: new FormController(port, handler, silentLogger, { drafts, scope }) };
    };
    const a = open('conn-a');
    const b = open('conn-b');
    await a.controller.receive({ type: 'draft', values: { formal_name: 'typed in A' } });
    await b.controller.receive({ type: 'draft', values: { formal_name: 'typed in B' } });
    assert.deepEqual(drafts.get('conn-a/bitsight/c1/invite'), { formal_name: 'typed in A' });
    assert.deepEqual(drafts.get('conn-b/bitsight/c1/invite'), { formal_name: 'typed in B' });

    const reopened = open('conn-a');
    await reopened.controller.receive({ type: 'ready' });
    const init = reopened.posted.at(-1) as Extract<HostMessage, { type: 'init' }>;
    assert.equal(init.spec.draftKey, 'conn-a/bitsight/c1/invite', 'the webview keys its own state the same way');
    assert.deepEqual(init.draft, { formal_name: 'typed in A' });

    // A draft stored under the old unscoped key is not offered to either connection.
    drafts.set('bitsight/c2/invite', { formal_name: 'old' });
    const unscoped = { ...handler, spec: () => ({ ...spec, draftKey: 'bitsight/c2/invite' }) };
    const posted: HostMessage[] = [];
    const c = new FormController({ post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) }, unscoped, silentLogger, { drafts, scope: 'conn-a' });
    await c.receive({ type: 'ready' });
    assert.equal((posted.at(-1) as Extract<HostMessage, { type: 'init' }>).draft, undefined);
  });

  it('keeps at most 50 drafts, newest first, and ignores stored garbage', async () => {
    const { MementoDrafts, DRAFTS_KEY } = await import('../../src/forms/drafts.js');
    const data = new Map<string, unknown>([[DRAFTS_KEY, 'garbage']]);
    const drafts = new MementoDrafts({ get: (k: string) => data.get(k) as never, update: async (k: string, v: unknown) => void data.set(k, v) });
    assert.equal(drafts.get('a'), undefined);
    for (let i = 0; i < 55; i++) drafts.set(`k${i}`, { message: `m${i}` });
    assert.equal((data.get(DRAFTS_KEY) as unknown[]).length, 50);
    assert.deepEqual(drafts.get('k54'), { message: 'm54' });
    assert.equal(drafts.get('k0'), undefined);
  });

  it('a malformed draft message is ignored', async () => {
    const h = harness(async () => ({ message: 'ok' }));
    await h.send({ type: 'draft', values: { 'bad key!': 'x' } });
    await h.send({ type: 'draft', values: { a: { nested: 1 } } });
    assert.deepEqual(h.posted, []);
  });
});

describe('A form whose write succeeded is done', () => {
  const ALREADY = 'This was already sent from this form. Choose “Send another…” to send another one.';

  function doneHarness(opts: { confirm?: (q: string) => Promise<boolean>; now?: () => number; recent?: RecentWrites; scope?: string; spec?: FormSpec } = {}) {
    const posted: HostMessage[] = [];
    const calls: FormValues[] = [];
    let closed = 0;
    const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
    const handler: FormHandler = {
      spec: () => opts.spec ?? spec,
      submit: async (values) => {
        calls.push(values);
        return { message: 'Invitation sent to diane@a.example.', clearDraft: true };
      },
    };
    const recent = opts.recent ?? new RecentWrites(opts.now);
    const controller = new FormController(port, handler, silentLogger, { confirm: opts.confirm, recent, scope: opts.scope, close: () => void closed++ });
    return { posted, calls, controller, recent, closed: () => closed, last: () => posted.at(-1) };
  }

  it('answers the success with done, refuses a second submit under a new id, and sends nothing', async () => {
    const h = doneHarness();
    await h.controller.receive({ type: 'submit', requestId: 'r1', values: good });
    assert.deepEqual(h.last(), { type: 'result', requestId: 'r1', ok: true, message: 'Invitation sent to diane@a.example.', clearDraft: true, values: undefined, done: true });
    await h.controller.receive({ type: 'submit', requestId: 'r2', values: { ...good, formal_name: 'Someone Else' } });
    assert.deepEqual(h.last(), { type: 'result', requestId: 'r2', ok: false, message: ALREADY, fieldErrors: {} });
    assert.equal(h.calls.length, 1);
  });

  it('a webview rebuilt while done is told so with its init', async () => {
    const h = doneHarness();
    await h.controller.receive({ type: 'submit', requestId: 'r1', values: good });
    await h.controller.receive({ type: 'ready' });
    assert.deepEqual(h.last(), { type: 'init', spec, done: 'Invitation sent to diane@a.example.' });
  });

  it('“Send another…” re-sends a fresh form, after which a different write goes through', async () => {
    const h = doneHarness();
    await h.controller.receive({ type: 'submit', requestId: 'r1', values: good });
    await h.controller.receive({ type: 'sendAnother' });
    assert.deepEqual(h.last(), { type: 'init', spec });
    await h.controller.receive({ type: 'submit', requestId: 'r2', values: { ...good, email: 'other@a.example' } });
    assert.equal(h.calls.length, 2);
    assert.equal((h.last() as { ok: boolean }).ok, true);
  });

  it('“Send another…” and “Close” do nothing before the write succeeded; Close closes a done form', async () => {
    const h = doneHarness();
    await h.controller.receive({ type: 'sendAnother' });
    await h.controller.receive({ type: 'close' });
    assert.deepEqual(h.posted, []);
    assert.equal(h.closed(), 0);
    await h.controller.receive({ type: 'submit', requestId: 'r1', values: good });
    await h.controller.receive({ type: 'close' });
    assert.equal(h.closed(), 1);
  });

  it('a submit that wrote nothing leaves the form open', async () => {
    const posted: HostMessage[] = [];
    const handler: FormHandler = { spec: () => spec, submit: async () => ({ message: 'Nothing to save: no field was changed.', nothingSent: true }) };
    const c = new FormController({ post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) }, handler, silentLogger);
    await c.receive({ type: 'submit', requestId: 'r1', values: good });
    await c.receive({ type: 'submit', requestId: 'r2', values: good });
    assert.deepEqual(results(posted).map((r) => [r.requestId, r.ok, 'done' in r]), [['r1', true, false], ['r2', true, false]]);
  });

  it('a bulk form is not made done by the controller (it has Retry Failed)', async () => {
    const bulkSpec: FormSpec = { ...spec, kind: 'bulkInvite', bulk: { targets: [] } };
    const h = doneHarness({ spec: bulkSpec });
    await h.controller.receive({ type: 'submit', requestId: 'r1', values: good });
    await h.controller.receive({ type: 'submit', requestId: 'r2', values: good });
    assert.equal(h.calls.length, 2);
  });

  describe('the same content to the same record within 10 minutes asks first', () => {
    async function sendTwice(opts: Parameters<typeof doneHarness>[0], second: FormValues = good, advanceMs = 60_000) {
      let t = 1_000_000;
      const questions: string[] = [];
      const recent = new RecentWrites(() => t);
      const answer = opts?.confirm;
      const confirm = answer ? async (q: string) => (questions.push(q), answer(q)) : undefined;
      // Two panels (the first one closed), as when the form is closed and opened again.
      const first = doneHarness({ ...opts, confirm, recent });
      await first.controller.receive({ type: 'submit', requestId: 'r1', values: good });
      first.controller.dispose();
      t += advanceMs;
      const again = doneHarness({ ...opts, confirm, recent, scope: opts?.scope === 'conn-a' ? 'conn-b' : opts?.scope });
      await again.controller.receive({ type: 'submit', requestId: 'r2', values: second });
      return { questions, first, again, result: again.last() as Extract<HostMessage, { type: 'result' }> };
    }

    it('No: nothing is sent, and the form says why', async () => {
      const { questions, again, result } = await sendTwice({ confirm: async () => false });
      assert.deepEqual(questions, ['Exactly this was sent 1 minute ago (Assign). Send it again?']);
      assert.equal(again.calls.length, 0);
      assert.deepEqual(result, { type: 'result', requestId: 'r2', ok: false, message: 'Not sent: exactly this was sent 1 minute ago. Change something, or confirm to send it again.', fieldErrors: {} });
    });

    it('Yes: it is sent', async () => {
      const { questions, again, result } = await sendTwice({ confirm: async () => true });
      assert.equal(questions.length, 1);
      assert.equal(again.calls.length, 1);
      assert.equal(result.ok, true);
    });

    it('without a way to ask, it is not sent', async () => {
      const { again, result } = await sendTwice({});
      assert.equal(again.calls.length, 0);
      assert.equal(result.ok, false);
    });

    it('no question for different content, after 10 minutes, or for another connection', async () => {
      const never = async () => assert.fail('no question expected');
      for (const [what, run] of [
        ['other content', () => sendTwice({ confirm: never }, { ...good, email: 'other@a.example' })],
        ['10 minutes later', () => sendTwice({ confirm: never }, good, 10 * 60_000)],
        ['another connection', () => sendTwice({ confirm: never, scope: 'conn-a' })],
      ] as const) {
        const { again } = await run();
        assert.equal(again.calls.length, 1, what);
      }
    });
  });
});
