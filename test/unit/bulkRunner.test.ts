import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../src/core/errors';
import type { Logger } from '../../src/core/redact';
import { MemoryJournal } from '../../src/forms/bulk/memoryJournal';
import { BULK_JOURNALS_KEY, MAX_JOURNALS, MementoJournal, type MementoLike } from '../../src/forms/bulk/mementoJournal';
import {
  BulkRunner,
  CANCELLED_WHILE_SENDING,
  CONFIRMED_ON_SERVER,
  COULD_NOT_VERIFY,
  SKIPPED_NOT_INVITABLE,
  planBulk,
  summarize,
  unfinished,
  worthRetrying,
} from '../../src/forms/bulk/runner';
import type { BulkItem, BulkJournal, BulkSender, JournalStore, SentCheck } from '../../src/forms/bulk/types';

const PATH = '/ratings/v1/access-requests';
const T0 = new Date('2025-03-01T10:00:00.000Z');

let runs = 0;
/** Every test gets its own runId: runs are serialized per runId for the whole process. */
function plan(n: number, opts: { noContact?: number[]; runId?: string } = {}): BulkJournal {
  const companies = Array.from({ length: n }, (_, i) => ({
    id: cid(i + 1),
    name: `Company ${i + 1}`,
    invitable: !opts.noContact?.includes(i + 1),
  }));
  return planBulk(opts.runId ?? `run-${++runs}`, 'conn-1', { message: 'Please share your rating' }, companies, T0);
}

function cid(n: number): string {
  return `c${String(n).padStart(2, '0')}`;
}

function states(j: BulkJournal): Record<string, string> {
  return Object.fromEntries(j.items.map((i) => [i.companyId, i.state]));
}

function item(j: BulkJournal, id: string): BulkItem {
  const found = j.items.find((i) => i.companyId === id);
  assert.ok(found, `no item ${id}`);
  return found;
}

function apiError(kind: ApiError['kind'], status: number | undefined, message: string, fieldErrors?: Record<string, string[]>) {
  return new ApiError({ kind, status, method: 'POST', path: PATH, message, fieldErrors });
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new ApiError({ kind: 'cancelled', method: 'POST', path: PATH, message: 'cancelled' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function waitFor(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 3000;
  while (!(await cond())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Stands in for Bitsight: which companies hold an invitation, however many times it was asked. */
class FakeServer {
  readonly invited = new Map<string, number>();
  /** The outbox: invitation ids per company, including ones that were there before the run. */
  readonly outbox = new Map<string, string[]>();
  invite(id: string): { id: string } {
    this.invited.set(id, (this.invited.get(id) ?? 0) + 1);
    const created = { id: `req-${id}-${this.invited.get(id)}` };
    this.outbox.set(id, [...(this.outbox.get(id) ?? []), created.id]);
    return created;
  }
  listed(id: string): string[] {
    return [...(this.outbox.get(id) ?? [])];
  }
}

type SendBehaviour = (companyId: string, signal: AbortSignal, nth: number) => Promise<{ id: string }>;
type ConfirmBehaviour = (companyId: string, seenBefore: string[]) => Promise<boolean>;

class FakeSender implements BulkSender {
  readonly sends: string[] = [];
  readonly confirms: string[] = [];
  /** Each `listed` call's companies. */
  readonly listings: string[][] = [];
  inFlight = 0;
  peak = 0;

  constructor(
    private readonly behave: SendBehaviour,
    private readonly confirm: ConfirmBehaviour = async () => assert.fail('confirmSent was not expected'),
    private readonly outbox: (companyId: string) => string[] = () => [],
  ) {}

  async listed(companyIds: string[]): Promise<Record<string, string[]>> {
    this.listings.push([...companyIds]);
    return Object.fromEntries(companyIds.map((id) => [id, this.outbox(id)]));
  }

  async send(companyId: string, signal: AbortSignal): Promise<{ id: string }> {
    this.sends.push(companyId);
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      return await this.behave(companyId, signal, this.sends.length);
    } finally {
      this.inFlight--;
    }
  }

  async confirmSent(companyId: string, seenBefore: string[]): Promise<SentCheck> {
    this.confirms.push(companyId);
    const now = this.outbox(companyId);
    return (await this.confirm(companyId, seenBefore)) ? { sentId: `found-${companyId}`, listed: now } : { listed: now };
  }

  count(companyId: string): number {
    return this.sends.filter((s) => s === companyId).length;
  }
}

function instantSender(server = new FakeServer(), delayMs = 0): FakeSender {
  return new FakeSender(async (id) => {
    if (delayMs) await sleep(delayMs);
    return server.invite(id);
  });
}

class MemoryState implements MementoLike {
  data = new Map<string, unknown>();
  writes = 0;
  constructor(
    initial?: unknown,
    /** Make update slow and only visible once it resolves, to expose interleaved read-modify-writes. */
    private readonly delayMs = 0,
  ) {
    if (initial !== undefined) this.data.set(BULK_JOURNALS_KEY, initial);
  }
  get<T>(key: string) {
    const v = this.data.get(key);
    return (v === undefined ? undefined : JSON.parse(JSON.stringify(v))) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.writes++;
    const copy = JSON.parse(JSON.stringify(value));
    if (this.delayMs) await sleep(this.delayMs);
    this.data.set(key, copy);
  }
}

function recordingLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const none = () => undefined;
  return { errors, trace: none, debug: none, info: none, warn: none, error: (m) => errors.push(m) };
}

describe('planBulk, summarize, unfinished', () => {
  it('skips companies without a point of contact up front and collapses duplicates', () => {
    const j = planBulk('r-plan', 'conn-1', { note: 'x' }, [
      { id: 'a', name: 'Alpha', invitable: true },
      { id: 'b', name: 'Beta', invitable: false },
      { id: 'a', name: 'Alpha again', invitable: false },
      { id: 'c', name: 'Gamma', invitable: true },
    ], T0);
    assert.deepEqual(j, {
      runId: 'r-plan',
      connectionId: 'conn-1',
      createdAt: '2025-03-01T10:00:00.000Z',
      payload: { note: 'x' },
      items: [
        { companyId: 'a', companyName: 'Alpha', state: 'pending', attempts: 0, updatedAt: '2025-03-01T10:00:00.000Z' },
        { companyId: 'b', companyName: 'Beta', state: 'skipped', message: SKIPPED_NOT_INVITABLE, attempts: 0, updatedAt: '2025-03-01T10:00:00.000Z' },
        { companyId: 'c', companyName: 'Gamma', state: 'pending', attempts: 0, updatedAt: '2025-03-01T10:00:00.000Z' },
      ],
    });
    assert.deepEqual(summarize(j), { total: 3, sent: 0, failed: 0, skipped: 1, pending: 2, cancelled: 0 });
    assert.equal(unfinished(j), true);
  });

  it('counts a sending item as pending, and a finished journal as not unfinished', () => {
    const j = plan(3);
    j.items[0]!.state = 'sending';
    j.items[1]!.state = 'cancelled';
    j.items[2]!.state = 'sent';
    assert.deepEqual(summarize(j), { total: 3, sent: 1, failed: 0, skipped: 0, pending: 1, cancelled: 1 });
    assert.equal(unfinished(j), true);
    j.items[0]!.state = 'failed';
    assert.equal(unfinished(j), true, 'a cancelled item is still worth resuming');
    j.items[1]!.state = 'sent';
    assert.equal(unfinished(j), false);
    j.items[1]!.state = 'pending';
    j.finishedAt = T0.toISOString();
    assert.equal(unfinished(j), false);
  });
});

describe('BulkRunner', () => {
  it('never has more than `concurrency` sends in flight, and reaches it', async () => {
    const sender = instantSender(new FakeServer(), 10);
    const out = await new BulkRunner({ store: new MemoryJournal(), sender, concurrency: 3 }).run(plan(20));
    assert.equal(sender.peak, 3);
    assert.equal(sender.sends.length, 20);
    assert.deepEqual(summarize(out), { total: 20, sent: 20, failed: 0, skipped: 0, pending: 0, cancelled: 0 });
  });

  it('sends each company exactly once, records the request guid, and never sends a skipped one', async () => {
    const server = new FakeServer();
    const sender = instantSender(server, 1);
    const store = new MemoryJournal();
    const j = plan(9, { noContact: [2, 5] });
    const out = await new BulkRunner({ store, sender }).run(j);
    for (const i of j.items) assert.equal(sender.count(i.companyId), i.state === 'skipped' ? 0 : 1, i.companyId);
    assert.deepEqual(summarize(out), { total: 9, sent: 7, failed: 0, skipped: 2, pending: 0, cancelled: 0 });
    assert.equal(item(out, 'c01').resultId, 'req-c01-1');
    assert.equal(item(out, 'c01').attempts, 1);
    assert.equal(item(out, 'c01').uncertain, undefined);
    assert.equal(item(out, 'c02').message, SKIPPED_NOT_INVITABLE);
    assert.equal(item(out, 'c02').attempts, 0);
    assert.ok(out.finishedAt);
    assert.equal(unfinished(out), false);
    assert.deepEqual(await store.load(j.runId), out, 'the store holds the final state');
    assert.equal(j.items[0]!.state, 'pending', 'the journal passed in is not modified');
  });

  it("writes 'sending' to the journal before each POST starts, and reports every change", async () => {
    const store = new MemoryJournal();
    const j = plan(2);
    const seenInStore: string[] = [];
    const sender = new FakeSender(async (id) => {
      const stored = await store.load(j.runId);
      const it = item(stored!, id);
      seenInStore.push(`${id}:${it.state}:${it.uncertain}:${it.attempts}`);
      return { id: `req-${id}` };
    });
    const progress: string[] = [];
    await new BulkRunner({ store, sender, concurrency: 1 }).run(j, {
      onProgress: (live, changed) => progress.push(`${changed.companyId}:${changed.state}:${summarize(live).sent}`),
    });
    assert.deepEqual(seenInStore, ['c01:sending:true:1', 'c02:sending:true:1']);
    assert.deepEqual(progress, ['c01:sending:0', 'c01:sent:1', 'c02:sending:1', 'c02:sent:2']);
  });

  it('on cancel starts no new sends, lets in-flight ones finish, and leaves the rest pending', async () => {
    const store = new MemoryJournal();
    const ctl = new AbortController();
    const sender = new FakeSender(async (id, _signal, nth) => {
      if (nth === 5) ctl.abort();
      await sleep(5);
      return { id: `req-${id}` };
    });
    const j = plan(20);
    const out = await new BulkRunner({ store, sender, concurrency: 3 }).run(j, { signal: ctl.signal });
    await sleep(20);
    assert.equal(sender.sends.length, 5, 'no send starts after the abort');
    assert.deepEqual(summarize(out), { total: 20, sent: 5, failed: 0, skipped: 0, pending: 15, cancelled: 0 });
    assert.deepEqual(sender.sends, ['c01', 'c02', 'c03', 'c04', 'c05']);
    assert.equal(out.finishedAt, undefined);
    assert.equal(unfinished(out), true);
    assert.deepEqual(await store.load(j.runId), out);

    // Resuming sends exactly the rest.
    const again = await new BulkRunner({ store, sender, concurrency: 3 }).run(out);
    assert.deepEqual(summarize(again), { total: 20, sent: 20, failed: 0, skipped: 0, pending: 0, cancelled: 0 });
    for (const i of j.items) assert.equal(sender.count(i.companyId), 1, i.companyId);
  });

  it('marks sends aborted mid-flight cancelled, and checks them with the server before any resend', async () => {
    const store = new MemoryJournal();
    const server = new FakeServer();
    const ctl = new AbortController();
    const first = new FakeSender(async (id, signal, nth) => {
      if (id === 'c01') server.invite(id); // this one reached the server before the abort
      if (nth === 3) ctl.abort();
      return untilAborted(signal);
    });
    const j = plan(10);
    const out = await new BulkRunner({ store, sender: first, concurrency: 3 }).run(j, { signal: ctl.signal });
    assert.deepEqual(first.sends, ['c01', 'c02', 'c03']);
    assert.deepEqual(summarize(out), { total: 10, sent: 0, failed: 0, skipped: 0, pending: 7, cancelled: 3 });
    assert.equal(item(out, 'c02').message, CANCELLED_WHILE_SENDING);
    assert.equal(item(out, 'c02').uncertain, true);

    const second = new FakeSender(async (id) => server.invite(id), async (id) => server.invited.has(id));
    const done = await new BulkRunner({ store, sender: second, concurrency: 3 }).run(out);
    assert.deepEqual(second.confirms, ['c01', 'c02', 'c03']);
    assert.equal(second.count('c01'), 0);
    assert.equal(item(done, 'c01').state, 'sent');
    assert.equal(item(done, 'c01').message, CONFIRMED_ON_SERVER);
    assert.deepEqual(summarize(done), { total: 10, sent: 10, failed: 0, skipped: 0, pending: 0, cancelled: 0 });
    for (const i of j.items) assert.equal(server.invited.get(i.companyId), 1, `${i.companyId} invited once`);
  });

  it('resumes after a reload without inviting anyone twice', async () => {
    const server = new FakeServer();
    const state = new MemoryState();
    const log = recordingLog();
    const store = new MementoJournal(state, log);
    const ctl = new AbortController();
    // c03 and c09 reach the server and then the window reloads before the answer; c07 never left.
    // c07 already had an invitation from before the run (someone else's, earlier).
    server.outbox.set('c07', ['older-c07']);
    const first = new FakeSender(
      async (id, signal) => {
        if (id === 'c03' || id === 'c09') {
          server.invite(id);
          return untilAborted(signal);
        }
        if (id === 'c07') return untilAborted(signal);
        return server.invite(id);
      },
      undefined,
      (id) => server.listed(id),
    );
    const j = plan(10);
    const running = new BulkRunner({ store, sender: first, concurrency: 4 }).run(j, { signal: ctl.signal });
    await waitFor(async () => {
      const stored = await store.load(j.runId);
      return !!stored && summarize(stored).sent === 7;
    }, 'seven sent and three hanging');

    // The reload: only what was persisted survives; the old process's later writes are lost.
    const persisted = state.get<unknown>(BULK_JOURNALS_KEY);
    ctl.abort();
    await running;

    const reloaded = new MementoJournal(new MemoryState(persisted), log);
    const [found] = await reloaded.list();
    assert.ok(found);
    assert.equal(unfinished(found), true);
    assert.deepEqual(
      found.items.filter((i) => i.state !== 'sent').map((i) => `${i.companyId}:${i.state}:${i.uncertain}`),
      ['c03:sending:true', 'c07:sending:true', 'c09:sending:true'],
    );
    assert.deepEqual(first.listings, [j.items.map((i) => i.companyId)], 'one listing of the outbox, before any send');
    assert.deepEqual(item(found, 'c07').seenBefore, ['older-c07'], 'the ids listed before the send are journaled');
    assert.deepEqual(item(found, 'c03').seenBefore, []);

    const seen = new Map<string, string[]>();
    const second = new FakeSender(
      async (id) => server.invite(id),
      async (id, seenBefore) => {
        seen.set(id, seenBefore);
        if (id === 'c09') throw new Error('the lookup failed');
        // What a server says, not a clock: an id that was not listed before the send.
        return server.listed(id).some((x) => !seenBefore.includes(x));
      },
      (id) => server.listed(id),
    );
    const done = await new BulkRunner({ store: reloaded, sender: second, concurrency: 3 }).run(found);
    assert.deepEqual(second.confirms.sort(), ['c03', 'c07', 'c09']);
    assert.deepEqual(Object.fromEntries(seen), { c03: [], c07: ['older-c07'], c09: [] }, 'each check gets the ids journaled before its send');
    assert.deepEqual(second.listings, [], 'items in doubt are not listed again before their check');
    assert.deepEqual(second.sends, ['c07']);
    assert.equal(item(done, 'c03').state, 'sent');
    assert.equal(item(done, 'c03').message, CONFIRMED_ON_SERVER);
    assert.equal(item(done, 'c03').attempts, 1);
    assert.equal(item(done, 'c07').state, 'sent');
    assert.equal(item(done, 'c07').attempts, 2);
    assert.equal(item(done, 'c09').state, 'failed');
    assert.equal(item(done, 'c09').message, COULD_NOT_VERIFY);
    assert.equal(item(done, 'c09').uncertain, true);
    for (const i of j.items) assert.equal(server.invited.get(i.companyId), 1, `${i.companyId} invited once`);

    // Retrying the unverifiable one checks again rather than sending blind.
    const retried = await new BulkRunner({ store: reloaded, sender: new FakeSender(async () => assert.fail('must not send'), async (id) => server.invited.has(id)) })
      .run(done, { only: 'failed' });
    assert.equal(item(retried, 'c09').state, 'sent');
    assert.deepEqual(summarize(retried), { total: 10, sent: 10, failed: 0, skipped: 0, pending: 0, cancelled: 0 });
    assert.deepEqual(log.errors, []);
  });

  it('reports failures with the API reason and field, keeps going after a 429, and retries only the failures worth retrying (a 400 is permanent)', async () => {
    const store = new MemoryJournal();
    const server = new FakeServer();
    const first = new FakeSender(async (id) => {
      if (id === 'c02') throw apiError('http', 400, 'email: Enter a valid email address.', { email: ['Enter a valid email address.'] });
      if (id === 'c05') throw apiError('rate-limited', 429, 'too many requests');
      return server.invite(id);
    });
    const j = plan(8);
    const out = await new BulkRunner({ store, sender: first, concurrency: 2 }).run(j);
    assert.deepEqual(summarize(out), { total: 8, sent: 6, failed: 2, skipped: 0, pending: 0, cancelled: 0 });
    const c02 = item(out, 'c02');
    assert.deepEqual([c02.state, c02.message, c02.field, c02.uncertain, c02.permanent], ['failed', 'email: Enter a valid email address.', 'email', undefined, true]);
    const c05 = item(out, 'c05');
    assert.deepEqual([c05.state, c05.message, c05.field, c05.uncertain, c05.permanent], ['failed', 'too many requests', undefined, undefined, undefined]);
    assert.ok(out.finishedAt);

    // A retry that hits a 401 is not finished, and puts its companies back to pending.
    const denied = new FakeSender(async () => {
      throw apiError('auth', 401, 'Invalid token.');
    });
    const stopped = await new BulkRunner({ store, sender: denied, concurrency: 1 }).run(out, { only: 'failed' });
    assert.deepEqual(denied.sends, ['c05'], 'the permanent refusal of c02 is not retried');
    assert.deepEqual([item(stopped, 'c02').state, item(stopped, 'c05').state], ['failed', 'pending']);
    assert.equal(stopped.finishedAt, undefined);
    assert.equal(unfinished(stopped), true);

    const second = new FakeSender(async (id) => server.invite(id));
    const retried = await new BulkRunner({ store, sender: second, concurrency: 2 }).run(stopped);
    assert.deepEqual(second.sends.sort(), ['c05']);
    assert.deepEqual(second.confirms, []);
    assert.deepEqual([item(retried, 'c02').state, item(retried, 'c02').attempts, item(retried, 'c02').permanent], ['failed', 1, true]);
    assert.equal(item(retried, 'c05').attempts, 3, 'sent, refused with a 401, sent');
    assert.ok(retried.finishedAt);
    assert.deepEqual(summarize(retried), { total: 8, sent: 7, failed: 1, skipped: 0, pending: 0, cancelled: 0 });
  });

  it('worthRetrying: network, timeout, 429 and 5xx are; a 400, 404 or 422 refusal is not', () => {
    assert.deepEqual(
      [apiError('http', 503, 'down'), apiError('rate-limited', 429, 'slow'), apiError('http', 429, 'slow'), apiError('timeout', undefined, 'late'), apiError('http', 400, 'bad'), apiError('http', 404, 'gone'), apiError('http', 422, 'no')].map(worthRetrying),
      [true, true, true, true, false, false, false],
    );
  });

  it('checks a failure that may have reached the server (timeout, 5xx) before retrying it', async () => {
    const store = new MemoryJournal();
    const server = new FakeServer();
    const first = new FakeSender(async (id) => {
      if (id === 'c01') throw apiError('timeout', undefined, 'no answer within 30 s');
      if (id === 'c02') {
        server.invite(id);
        throw apiError('http', 504, 'gateway timeout');
      }
      return server.invite(id);
    });
    const out = await new BulkRunner({ store, sender: first }).run(plan(3));
    assert.deepEqual([item(out, 'c01').state, item(out, 'c01').uncertain], ['failed', true]);
    assert.deepEqual([item(out, 'c02').state, item(out, 'c02').uncertain], ['failed', true]);

    const second = new FakeSender(async (id) => server.invite(id), async (id) => server.invited.has(id));
    const retried = await new BulkRunner({ store, sender: second }).run(out, { only: 'failed' });
    assert.deepEqual(second.confirms.sort(), ['c01', 'c02']);
    assert.deepEqual(second.sends, ['c01']);
    assert.deepEqual(states(retried), { c01: 'sent', c02: 'sent', c03: 'sent' });
    for (const id of ['c01', 'c02', 'c03']) assert.equal(server.invited.get(id), 1, id);
  });

  it('stops at a 401: nothing more is sent, the rest stay pending, and the run says why', async () => {
    const store = new MemoryJournal();
    const server = new FakeServer();
    const first = new FakeSender(async (id) => {
      if (id === 'c02') throw apiError('auth', 401, 'Invalid token.');
      return server.invite(id);
    });
    const out = await new BulkRunner({ store, sender: first, concurrency: 1 }).run(plan(10));
    assert.deepEqual(first.sends, ['c01', 'c02']);
    assert.deepEqual(summarize(out), { total: 10, sent: 1, failed: 0, skipped: 0, pending: 9, cancelled: 0 });
    assert.equal(item(out, 'c02').message, 'Invalid token.');
    assert.equal(item(out, 'c02').attempts, 1);
    assert.equal(
      out.error,
      "Sending invitations failed: the server did not accept this connection's credentials (Invalid token.). Sign in again. The remaining companies were not sent; resume once this is fixed.",
    );
    assert.equal(out.finishedAt, undefined);
    assert.equal(unfinished(out), true);

    const second = new FakeSender(async (id) => server.invite(id));
    const resumed = await new BulkRunner({ store, sender: second, concurrency: 1 }).run(out);
    assert.equal(second.sends.length, 9);
    assert.equal(second.count('c01'), 0);
    assert.equal(resumed.error, undefined);
    assert.ok(resumed.finishedAt);
  });

  it('stops at a 403 even with sends in flight: none starts after it', async () => {
    const events: string[] = [];
    const sender = new FakeSender(async (id) => {
      events.push(`start ${id}`);
      if (id === 'c01') {
        // The answer arrives while the other sends are in flight, as a real 403 would.
        await sleep(5);
        events.push('403');
        throw apiError('http', 403, 'You do not have permission to perform this action.');
      }
      await sleep(15);
      return { id: `req-${id}` };
    });
    const out = await new BulkRunner({ store: new MemoryJournal(), sender, concurrency: 3 }).run(plan(12));
    const stoppedAt = events.indexOf('403');
    assert.ok(stoppedAt >= 0);
    assert.deepEqual(events.slice(stoppedAt + 1).filter((e) => e.startsWith('start')), []);
    const s = summarize(out);
    assert.equal(s.failed, 0);
    assert.equal(s.sent, sender.sends.length - 1);
    assert.equal(s.pending, 12 - s.sent);
    assert.match(out.error ?? '', /^Sending invitations failed: You do not have permission to perform this action\. \(HTTP 403\)\./);
  });

  it('serializes concurrent runs of one runId, even from different runners', async () => {
    const server = new FakeServer();
    const store = new MemoryJournal();
    const sender = instantSender(server, 3);
    const j = plan(12);
    const a = new BulkRunner({ store, sender, concurrency: 3 });
    const b = new BulkRunner({ store, sender, concurrency: 3 });
    const results = await Promise.all([a.run(j), b.run(j), a.run(j, { only: 'failed' })]);
    for (const i of j.items) assert.equal(sender.count(i.companyId), 1, i.companyId);
    for (const r of results) assert.deepEqual(summarize(r), { total: 12, sent: 12, failed: 0, skipped: 0, pending: 0, cancelled: 0 });
    assert.equal(sender.peak, 3);
  });

  it('stops sending when the journal cannot be saved, and never sends an item it could not record', async () => {
    const inner = new MemoryJournal();
    let saves = 0;
    const store: JournalStore = {
      load: (id) => inner.load(id),
      list: () => inner.list(),
      remove: (id) => inner.remove(id),
      // 1: the run starts, 2: c01 sending, 3: c01 sent, 4: c02 sending (fails)
      save: async (j) => {
        if (++saves === 4) throw new Error('disk full');
        await inner.save(j);
      },
    };
    const sender = instantSender();
    const out = await new BulkRunner({ store, sender, concurrency: 1 }).run(plan(4));
    assert.deepEqual(sender.sends, ['c01']);
    assert.deepEqual(states(out), { c01: 'sent', c02: 'pending', c03: 'pending', c04: 'pending' });
    assert.equal(item(out, 'c02').attempts, 0);
    assert.match(out.error ?? '', /^Could not save the progress of this bulk run \(disk full\)/);
  });
  it('hands the store frozen items, sharing the unchanged ones with the previous save and copying the changed one', async () => {
    const saved: BulkJournal[] = [];
    const inner = new MemoryJournal();
    const store: JournalStore = {
      load: (id) => inner.load(id),
      list: () => inner.list(),
      remove: (id) => inner.remove(id),
      save: async (j) => {
        saved.push(j);
        await inner.save(j);
      },
    };
    const out = await new BulkRunner({ store, sender: instantSender(), concurrency: 1 }).run(plan(3));
    const sending = saved.findIndex((j) => j.items[0]!.state === 'sending');
    assert.ok(sending > 0, "c01's 'sending' save comes after the first");
    const [before, after] = [saved[sending - 1]!, saved[sending]!];
    assert.notEqual(after.items[0], before.items[0], 'the changed item is a new copy');
    assert.equal(after.items[1], before.items[1], 'an unchanged item is the same object');
    assert.ok(after.items.every((i) => Object.isFrozen(i)), 'what the store keeps cannot be changed by the runner');
    assert.equal(before.items[0]!.state, 'pending', 'an earlier save is not altered by later changes');
    assert.deepEqual(await inner.load(out.runId), out);
  });
});

describe('MementoJournal', () => {
  it('round-trips journals, newest save first, and removes them', async () => {
    const state = new MemoryState();
    const store = new MementoJournal(state, recordingLog());
    const a = plan(2);
    const b = plan(1, { noContact: [1] });
    await store.save(a);
    await store.save(b);
    assert.deepEqual((await store.list()).map((j) => j.runId), [b.runId, a.runId]);
    assert.deepEqual(await store.load(a.runId), a);
    await store.save(a);
    assert.deepEqual((await store.list()).map((j) => j.runId), [a.runId, b.runId]);
    await store.remove(a.runId);
    assert.equal(await store.load(a.runId), undefined);
    assert.deepEqual((state.data.get(BULK_JOURNALS_KEY) as BulkJournal[]).map((j) => j.runId), [b.runId]);
  });

  it('drops corrupted journals with an error instead of throwing, and keeps the good ones', async () => {
    const good = plan(2);
    const badState = { ...plan(1), runId: 'bad-run', items: [{ companyId: 'x', state: 'exploded' }] };
    const state = new MemoryState([badState, good, 42]);
    const log = recordingLog();
    const store = new MementoJournal(state, log);
    assert.deepEqual(await store.list(), [good]);
    assert.equal(log.errors.length, 2);
    assert.match(log.errors[0]!, /^Dropped saved bulk invitation run bad-run: it could not be read \(items\.0\.companyName: /);
    assert.match(log.errors[1]!, /^Dropped saved bulk invitation run: it could not be read \(the entry: /);
    assert.deepEqual(state.data.get(BULK_JOURNALS_KEY), [good], 'the damaged entries are gone from storage');
    assert.deepEqual(await store.load(good.runId), good);
    assert.equal(log.errors.length, 2, 'reported once');
  });

  it('treats a stored value that is not a list as empty', async () => {
    const log = recordingLog();
    const store = new MementoJournal(new MemoryState({ not: 'a list' }), log);
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(log.errors, ['Dropped the saved bulk invitation runs: the stored value is not a list.']);
  });

  it(`keeps at most the ${MAX_JOURNALS} most recently saved journals`, async () => {
    const state = new MemoryState();
    const store = new MementoJournal(state, recordingLog());
    const all = Array.from({ length: 25 }, () => plan(1));
    for (const j of all) await store.save(j);
    const kept = (await store.list()).map((j) => j.runId);
    assert.equal(kept.length, 20);
    assert.deepEqual(kept, all.slice(5).reverse().map((j) => j.runId));
    assert.equal(await store.load(all[4]!.runId), undefined);
  });

  it('serializes saves so concurrent writers (even two stores over one memento) lose nothing', async () => {
    const state = new MemoryState(undefined, 2);
    const one = new MementoJournal(state, recordingLog());
    const two = new MementoJournal(state, recordingLog());
    const all = Array.from({ length: 12 }, () => plan(1));
    await Promise.all(all.map((j, i) => (i % 2 ? one : two).save(j)));
    assert.deepEqual((await one.list()).map((j) => j.runId).sort(), all.map((j) => j.runId).sort());
    assert.equal(state.writes, 12);
  });

  it('refuses to save a journal that would not read back', async () => {
    const store = new MementoJournal(new MemoryState(), recordingLog());
    await assert.rejects(store.save({ ...plan(1), createdAt: 'yesterday' }));
    assert.deepEqual(await store.list(), []);
  });
});
