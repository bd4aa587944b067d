// Fault matrix, bulk invitations: every sandbox fault on POST /ratings/v1/access-requests, through
// the BulkRunner with the Bitsight definition (provider.forms.bulkInvite) and a MementoJournal, then
// a simulated window reload (a new journal store over a copy of the persisted state) and a resume
// with the server healthy again. The sandbox's request log proves, per company, that at most one
// invitation was ever processed and that a POST which may have reached the server was only repeated
// after the outbox was checked. Faults that let the write land and lose its answer
// (`afterProcessing`) and a reload while a POST is in flight are covered too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BulkInviteDefinition } from '../../src/core/forms';
import type { Logger } from '../../src/core/redact';
import { MementoJournal, type MementoLike } from '../../src/forms/bulk/mementoJournal';
import { BulkRunner, bulkSender, CONFIRMED_ON_SERVER, planBulk, summarize } from '../../src/forms/bulk/runner';
import { SKIPPED_NO_POINT_OF_CONTACT } from '../../src/providers/bitsight/forms';
import type { BulkJournal } from '../../src/forms/bulk/types';
import type { FormValues } from '../../src/protocol/forms';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import type { FaultKind } from '../../src/sandbox/faults';
import { startSandbox, type RequestRecord, type RunningSandbox } from '../../src/sandbox/server';
import { ALL_FAULTS, bitsightKit, describeText, faultSpec, otherOrigin, skewOutbox } from './helpers/faultKit';

const MATRIX_FAULTS = ALL_FAULTS.filter((k) => k !== 'echo-credentials' && k !== 'field-error'); // field-error: a refusal, not a failure of the answer (test/contract, faults-sandbox)
const INVITES = '/ratings/v1/access-requests';
const THROTTLE_SECONDS = 7;

let other: Awaited<ReturnType<typeof otherOrigin>>;
before(async () => {
  other = await otherOrigin();
});
after(() => other.close());

/** globalState in memory; `copy()` is what a reloaded window would read back. */
class MemoryMemento implements MementoLike {
  constructor(private readonly data = new Map<string, unknown>()) {}
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
  copy(): MemoryMemento {
    return new MemoryMemento(structuredClone(this.data));
  }
}

interface Setup {
  sb: RunningSandbox;
  kit: ReturnType<typeof bitsightKit>;
  definition: BulkInviteDefinition;
  values: FormValues;
  invited: string[];
  skipped: string;
  journal: BulkJournal;
}

let runs = 0;

async function setup(): Promise<Setup> {
  const sb = await startSandbox({ companies: 12, seed: 5, retryAfterSeconds: THROTTLE_SECONDS });
  const kit = bitsightKit(sb);
  const facts = bitsightFacts(sb.data);
  const invited = facts.companiesWithContact;
  assert.equal(invited.length, 3);
  const skipped = facts.companyWithoutContact!;
  const companies = [...invited, skipped].map((id) => ({ id, name: sb.data.companies.find((c) => c.guid === id)!.name }));
  const definition = await kit.provider.forms.bulkInvite!(companies);
  const values = { ...definition.spec.values, message: 'Please join us on Bitsight.' };
  const targets = definition.spec.bulk!.targets;
  assert.deepEqual(targets.map((t) => [t.id, t.skipReason]), [...invited.map((id) => [id, undefined]), [skipped, 'no point of contact (assign one first)']]);
  const journal = planBulk(`bulk-${process.pid}-${++runs}`, 'conn-1', values, targets.map((t) => ({ id: t.id, name: t.name, invitable: !t.skipReason })), new Date(), definition.skippedMessage);
  return { sb, kit, definition, values, invited, skipped, journal };
}

function runner(s: Setup, memento: MementoLike, log?: Logger): BulkRunner {
  return new BulkRunner({
    store: new MementoJournal(memento, log ?? s.kit.logger),
    sender: bulkSender(s.definition, s.values),
    log: s.kit.logger,
  });
}

function companyOf(r: RequestRecord): string | undefined {
  const body = r.body as { vendor_access_request?: { requestee_company_guid?: string } } | null;
  return body?.vendor_access_request?.requestee_company_guid;
}

/** POSTs of invitations per company: received, and processed (not swallowed by a fault first). */
function postsByCompany(sb: RunningSandbox) {
  const out = new Map<string, { received: number; processed: number }>();
  for (const r of sb.requests) {
    if (r.method !== 'POST' || !r.path.startsWith(INVITES)) continue;
    const id = companyOf(r)!;
    const entry = out.get(id) ?? { received: 0, processed: 0 };
    entry.received++;
    if (!r.fault || r.afterProcessing) entry.processed++;
    out.set(id, entry);
  }
  return out;
}

/** Invitations the sandbox holds for a company that were created by this test (not the seed). */
function invitationsCreated(sb: RunningSandbox, companyId: string): number {
  return sb.writes.filter((w) => w.method === 'POST' && w.path.startsWith(INVITES) && w.status === 201 && companyOf({ body: w.body } as RequestRecord) === companyId).length;
}

/**
 * Every POST for a company after its first one that may have been processed is preceded by an
 * outbox check for that company: the runner never repeats an uncertain send blindly.
 */
function assertCheckedBeforeRepeat(sb: RunningSandbox, companyId: string): void {
  let maybeLanded = false;
  let checked = false;
  for (const r of sb.requests) {
    if (r.method === 'GET' && r.path.startsWith(`${INVITES}?`) && r.path.includes(`company_guid=${companyId}`)) checked = true;
    if (r.method !== 'POST' || !r.path.startsWith(INVITES) || companyOf(r) !== companyId) continue;
    if (maybeLanded) assert.ok(checked, `company ${companyId}: a POST was repeated without checking the outbox first`);
    // Refusals before processing leave no doubt to clear: Bitsight's 429 (a concurrency throttle)
    // and the 401/403 that stop a run.
    if (!r.fault || !['429', '429-no-retry-after', '401', '403-html'].includes(r.fault) || r.afterProcessing) {
      maybeLanded = true;
      checked = false;
    }
  }
}

interface ExpectedRun {
  /** Per invited company after the faulted run. */
  state: 'failed' | 'pending';
  message: string | RegExp | undefined;
  uncertain: boolean;
  /** POSTs per company in the faulted run. */
  posts: number;
  error?: string;
}

function expectedRun(fault: FaultKind, s: Setup): ExpectedRun {
  switch (fault) {
    case 'timeout':
      return { state: 'failed', message: 'no answer within 0 s', uncertain: true, posts: 1 };
    case 'reset':
      return { state: 'failed', message: `ECONNRESET: request to ${s.sb.apis.bitsight.baseUrl}${INVITES} failed, reason: socket hang up`, uncertain: true, posts: 1 };
    case '500':
      return { state: 'failed', message: 'A server error occurred.', uncertain: true, posts: 1 };
    case '502-html':
      return { state: 'failed', message: 'bad gateway; the server sent an HTML page instead of a JSON error', uncertain: true, posts: 1 };
    case '429':
      // The bulk run opts in to retrying Bitsight's 429 (refused before processing): 8 attempts.
      return { state: 'failed', message: `Request was throttled. Expected available in ${THROTTLE_SECONDS} seconds.`, uncertain: false, posts: 8 };
    case '429-no-retry-after':
      return { state: 'failed', message: 'Request was throttled. Expected available in 60 seconds.', uncertain: false, posts: 8 };
    case '401':
      return {
        state: 'pending',
        message: undefined,
        uncertain: false,
        posts: 1,
        error: `${describeText('Sending invitations', { kind: 'auth', status: 401, message: 'Invalid token.' })} The remaining companies were not sent; resume once this is fixed.`,
      };
    case '403-html':
      return {
        state: 'pending',
        message: undefined,
        uncertain: false,
        posts: 1,
        error: `${describeText('Sending invitations', { kind: 'http', status: 403, message: 'permission denied; the server sent an HTML page instead of a JSON error' })} The remaining companies were not sent; resume once this is fixed.`,
      };
    case 'malformed-json':
      return { state: 'failed', message: 'the answer is not valid JSON', uncertain: true, posts: 1 };
    case 'schema-violation':
      return { state: 'failed', message: 'guid: Invalid input: expected string, received number', uncertain: true, posts: 1 };
    case 'redirect':
      return {
        state: 'failed',
        message: 'the server redirected the write (HTTP 307); it was not repeated, so its outcome is unknown',
        uncertain: true,
        posts: 1,
      };
    case 'echo-credentials':
    case 'field-error':
      throw new Error('not in the matrix');
  }
}

describe('fault matrix — bulk invite, then reload and resume', () => {
  for (const fault of MATRIX_FAULTS) {
    it(`${fault}: specific per-company outcome, then every company invited exactly once`, async () => {
      const s = await setup();
      try {
        const want = expectedRun(fault, s);
        const memento = new MemoryMemento();
        s.sb.setFault(faultSpec(fault, { method: 'POST', path: `^${INVITES}$` }, other.url));
        if (fault === 'timeout') s.kit.setTimeoutMs(300);
        const first = await runner(s, memento).run(s.journal);
        s.sb.clearFaults();
        s.kit.setTimeoutMs(10_000);

        const skippedItem = first.items.find((i) => i.companyId === s.skipped)!;
        assert.equal(skippedItem.state, 'skipped');
        assert.equal(skippedItem.message, SKIPPED_NO_POINT_OF_CONTACT);
        assert.equal(first.error, want.error);
        // A run stopped by an error is not finished; one whose every company was settled is.
        if (want.error) assert.equal(first.finishedAt, undefined);
        else assert.match(first.finishedAt ?? 'missing', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        for (const id of s.invited) {
          const item = first.items.find((i) => i.companyId === id)!;
          assert.equal(item.state, want.state, `${id}: ${item.message}`);
          assert.equal(item.uncertain ?? false, want.uncertain, `${id} uncertain`);
          if (want.state === 'pending') {
            // Stopped by a 401/403: those in flight keep the API's words, the rest were never started.
            assert.ok(item.message === undefined || item.message === (fault === '401' ? 'Invalid token.' : 'permission denied; the server sent an HTML page instead of a JSON error'), item.message);
          } else if (want.message instanceof RegExp) assert.match(item.message ?? '', want.message);
          else assert.equal(item.message, want.message);
        }
        const afterFirst = postsByCompany(s.sb);
        for (const id of s.invited) {
          const counts = afterFirst.get(id) ?? { received: 0, processed: 0 };
          if (want.state === 'pending') assert.ok(counts.received <= 1, `${id}: ${counts.received} POSTs`);
          else assert.equal(counts.received, want.posts, `${id}: POSTs in the faulted run`);
          assert.equal(counts.processed, 0, `${id}: the fault swallowed every POST`);
        }
        assert.equal(postsByCompany(s.sb).get(s.skipped), undefined, 'the skipped company was never sent anything');
        assert.equal(other.seen.length, 0, 'the other origin never received a request');

        // A reload: a new store over what was persisted, then the resume prompt's run ('pending'),
        // then Retry Failed ('failed').
        const persisted = (await new MementoJournal(memento.copy(), s.kit.logger).load(s.journal.runId))!;
        assert.deepEqual(summarize(persisted), summarize(first), 'the journal persisted the final state');
        const reloaded = memento.copy();
        const resumed = await runner(s, reloaded).run(persisted);
        const retried = await runner(s, reloaded).run(resumed, { only: 'failed' });
        assert.equal(retried.error, undefined);
        assert.ok(retried.finishedAt);
        assert.deepEqual(
          retried.items.map((i) => [i.companyId, i.state]),
          [...s.invited.map((id) => [id, 'sent']), [s.skipped, 'skipped']],
        );
        for (const id of s.invited) {
          assert.equal(invitationsCreated(s.sb, id), 1, `${id}: exactly one invitation exists`);
          assert.equal(postsByCompany(s.sb).get(id)!.processed, 1, `${id}: one processed POST`);
          assertCheckedBeforeRepeat(s.sb, id);
        }
      } finally {
        await s.sb.close();
      }
    });
  }
});

describe('bulk invite — the write landed, the answer was lost', () => {
  for (const fault of ['timeout', 'reset', '500', '502-html', 'malformed-json'] as const) {
    it(`${fault} after processing: Retry Failed finds the invitations in the outbox and sends nothing`, async () => {
      const s = await setup();
      try {
        const memento = new MemoryMemento();
        s.sb.setFault({ kind: fault, method: 'POST', path: `^${INVITES}$`, times: Infinity, afterProcessing: true });
        if (fault === 'timeout') s.kit.setTimeoutMs(300);
        const first = await runner(s, memento).run(s.journal);
        s.sb.clearFaults();
        s.kit.setTimeoutMs(10_000);
        for (const id of s.invited) {
          const item = first.items.find((i) => i.companyId === id)!;
          assert.equal(item.state, 'failed');
          assert.equal(item.uncertain, true, 'a lost answer leaves the item uncertain');
          assert.equal(invitationsCreated(s.sb, id), 1);
        }
        const reloaded = memento.copy();
        const persisted = (await new MementoJournal(reloaded, s.kit.logger).load(s.journal.runId))!;
        const retried = await runner(s, reloaded).run(persisted, { only: 'failed' });
        for (const id of s.invited) {
          const item = retried.items.find((i) => i.companyId === id)!;
          assert.equal(item.state, 'sent');
          assert.equal(item.message, CONFIRMED_ON_SERVER);
          assert.equal(postsByCompany(s.sb).get(id)!.received, 1, `${id}: never POSTed again`);
          assert.equal(invitationsCreated(s.sb, id), 1);
        }
      } finally {
        await s.sb.close();
      }
    });
  }
});

describe("bulk invite — the server's clock is not ours", () => {
  for (const clock of ['five-seconds-behind', 'date-only'] as const) {
    it(`${clock}: an invitation that landed is found by its new id, and not sent again`, async () => {
      const s = await setup();
      try {
        const skew = skewOutbox(s.kit.provider, clock);
        const memento = new MemoryMemento();
        s.sb.setFault({ kind: '500', method: 'POST', path: `^${INVITES}$`, times: Infinity, afterProcessing: true });
        const first = await runner(s, memento).run(s.journal);
        s.sb.clearFaults();
        for (const id of s.invited) {
          assert.equal(first.items.find((i) => i.companyId === id)!.uncertain, true);
          assert.equal(invitationsCreated(s.sb, id), 1);
        }
        const reloaded = memento.copy();
        const persisted = (await new MementoJournal(reloaded, s.kit.logger).load(s.journal.runId))!;
        const resumed = await runner(s, reloaded).run(persisted, { only: 'failed' });
        assert.ok(skew.rewritten > 0, 'the outbox was read through the skewed clock');
        for (const id of s.invited) {
          const item = resumed.items.find((i) => i.companyId === id)!;
          assert.equal(item.state, 'sent');
          assert.equal(item.message, CONFIRMED_ON_SERVER);
          assert.equal(postsByCompany(s.sb).get(id)!.received, 1, `${id}: no second POST`);
          assert.equal(invitationsCreated(s.sb, id), 1);
        }
      } finally {
        await s.sb.close();
      }
    });
  }
});

describe('bulk invite — a reload while POSTs are in flight', () => {
  for (const landed of [true, false]) {
    it(`the POSTs ${landed ? 'reached' : 'never reached'} the server: the resume ${landed ? 'confirms them and sends nothing' : 'checks, then sends each once'}`, async () => {
      const s = await setup();
      try {
        const memento = new MemoryMemento();
        // The server takes the POSTs and never answers: the window is reloaded meanwhile.
        s.sb.setFault({ kind: 'timeout', method: 'POST', path: `^${INVITES}$`, times: Infinity, afterProcessing: landed });
        const abort = new AbortController();
        const running = runner(s, memento).run(s.journal, { signal: abort.signal });
        const until = Date.now() + 10_000;
        // Until the server has taken all three (processed them, when they land).
        const taken = () => (landed ? s.sb.writes.length : s.sb.requests.filter((r) => r.method === 'POST' && r.fault === 'timeout').length);
        while (taken() < 3) {
          assert.ok(Date.now() < until, 'three POSTs in flight');
          await new Promise((r) => setTimeout(r, 5));
        }
        const atReload = memento.copy(); // what a reload at this instant finds
        abort.abort();
        await running;
        s.sb.clearFaults();

        const found = (await new MementoJournal(atReload, s.kit.logger).load(s.journal.runId))!;
        assert.deepEqual(
          found.items.map((i) => [i.state, i.uncertain ?? false]),
          [...s.invited.map(() => ['sending', true]), ['skipped', false]],
          'the journal said "sending" before the POSTs left',
        );
        const resumed = await runner(s, atReload).run(found);
        assert.ok(resumed.finishedAt);
        for (const id of s.invited) {
          const item = resumed.items.find((i) => i.companyId === id)!;
          assert.equal(item.state, 'sent');
          assert.equal(item.message, landed ? CONFIRMED_ON_SERVER : undefined);
          assert.equal(invitationsCreated(s.sb, id), 1, `${id}: exactly one invitation`);
          assert.equal(postsByCompany(s.sb).get(id)!.received, landed ? 1 : 2);
          assertCheckedBeforeRepeat(s.sb, id);
        }
      } finally {
        await s.sb.close();
      }
    });
  }
});
