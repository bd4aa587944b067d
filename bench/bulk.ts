// Figure 5: 500 bulk invitations at 50 ms latency through the real BulkRunner and the real Bitsight
// bulk definition (concurrency 3), against a plain sequential loop; then again against a sandbox
// that allows only 2 requests at once, to show its 429s are absorbed without a duplicate.
import { randomUUID } from 'node:crypto';
import fetch from 'node-fetch';
import type { Logger } from '../src/core/redact';
import { Redactor, silentLogger } from '../src/core/redact';
import type { Company } from '../src/core/model';
import { BulkRunner, bulkSender, DEFAULT_CONCURRENCY, planBulk, summarize, type BulkSummary } from '../src/forms/bulk/runner';
import { MemoryJournal } from '../src/forms/bulk/memoryJournal';
import { MementoJournal } from '../src/forms/bulk/mementoJournal';
import type { JournalStore } from '../src/forms/bulk/types';
import type { FormValues } from '../src/protocol/forms';
import { inviteBody } from '../src/providers/bitsight/bodies';
import { BitsightProvider } from '../src/providers/bitsight/client';
import { basicAuthHeader } from '../src/sandbox/auth';
import { median, plainRoundTrips, round, timed, withSandbox, type Row, type SandboxProcess, type SectionResult } from './lib';

const COMPANIES = 700;
const INVITES = 500;
const LATENCY_MS = 50;
const RUN_TIMEOUT_MS = 120_000;
const CONN = 'bench';
const INVITE_PATH = '/ratings/v1/access-requests';
/** Plain POSTs for the floor: this many just before the bulk and as many just after, DEFAULT_CONCURRENCY at once. */
const FLOOR_SAMPLES = 45;

/** Counts the HTTP layer's responses by status from its debug lines ("POST /path → 201 (52 ms)"). */
class CountingLogger implements Logger {
  readonly statuses = new Map<number, number>();
  trace() {}
  info() {}
  warn() {}
  error() {}
  debug(m: string) {
    const s = /→ (\d{3}) \(/.exec(m);
    if (s) this.statuses.set(Number(s[1]), (this.statuses.get(Number(s[1])) ?? 0) + 1);
  }
  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }
}

function providerFor(sb: SandboxProcess, logger: Logger): BitsightProvider {
  return new BitsightProvider({ baseUrl: sb.baseUrl, authorize: async () => ({ Authorization: basicAuthHeader(sb.token) }), onUnauthorized: async () => false, logger, redactor: new Redactor(), timeoutMs: 30_000 });
}

/**
 * 500 companies that have a point of contact (GET /ratings/v1/portfolio/contacts) and can be
 * invited at all (type CURATED: the sandbox refuses PRIVATE/SELF-PUBLISHED ones, as Bitsight does).
 */
async function pickCompanies(sb: SandboxProcess, provider: BitsightProvider): Promise<{ companies: Company[]; withContact: number; uninvitable: number }> {
  const contacts = await sb.api<Array<{ company_guid: string }>>('/ratings/v1/portfolio/contacts');
  const withContact = new Set(contacts.map((c) => c.company_guid));
  const raw = await sb.api<{ results: Array<{ guid: string; type?: string | string[] }> }>(`/ratings/v2/portfolio?limit=${COMPANIES}`);
  const curated = new Set(raw.results.filter((c) => String(c.type ?? '').includes('CURATED')).map((c) => c.guid));
  const page = await provider.listCompanies(undefined, COMPANIES);
  const eligible = page.items.filter((c) => withContact.has(c.id) && curated.has(c.id));
  if (eligible.length < INVITES) throw new Error(`only ${eligible.length} invitable companies with a point of contact among ${COMPANIES}`);
  return {
    companies: eligible.slice(0, INVITES),
    withContact: page.items.filter((c) => withContact.has(c.id)).length,
    uninvitable: page.items.filter((c) => withContact.has(c.id) && !curated.has(c.id)).length,
  };
}

interface WriteRecord {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

/** From the sandbox's own write log: invite POSTs it processed, and companies that got more than one. */
async function inviteWrites(sb: SandboxProcess): Promise<{ posts: number; duplicates: number }> {
  const writes = await sb.control<WriteRecord[]>('GET', '/__sandbox/writes');
  const perCompany = new Map<string, number>();
  let posts = 0;
  for (const w of writes) {
    if (w.method !== 'POST' || !w.path.startsWith(INVITE_PATH)) continue;
    posts++;
    const b = w.body as { vendor_access_request?: { requestee_company_guid?: string }; requestee_company_guid?: string } | null;
    const id = b?.vendor_access_request?.requestee_company_guid ?? b?.requestee_company_guid ?? '?';
    perCompany.set(id, (perCompany.get(id) ?? 0) + 1);
  }
  return { posts, duplicates: [...perCompany.values()].filter((n) => n > 1).length };
}

interface BulkOutcome {
  ms: number;
  summary: BulkSummary;
  posts: number;
  duplicates: number;
  throttled: number;
  failures: string[];
  error?: string;
}

/** Plans and runs one bulk invitation exactly as the extension does, minus the UI. */
async function runBulk(sb: SandboxProcess, companies: Company[], provider: BitsightProvider, logger: CountingLogger): Promise<BulkOutcome> {
  const definition = await provider.forms.bulkInvite!(companies);
  const values = definition.spec.values as FormValues;
  const targets = definition.spec.bulk?.targets ?? [];
  const journal = planBulk(randomUUID(), CONN, values, targets.map((t) => ({ id: t.id, name: t.name, invitable: !t.skipReason })));
  const runner = new BulkRunner({
    store: new MemoryJournal(),
    sender: bulkSender(definition, values),
  });
  await sb.control('DELETE', '/__sandbox/writes');
  const throttledBefore = logger.count(429);
  const run = await timed(() => runner.run(journal, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) }));
  const writes = await inviteWrites(sb);
  const failures = run.value.items.filter((i) => i.state === 'failed').map((i) => i.message ?? '?');
  return { ms: run.ms, summary: summarize(run.value), ...writes, throttled: logger.count(429) - throttledBefore, failures, error: run.value.error };
}

/** The runner's own cost: the same 500-item run with a sender that answers at once, no network. */
async function runnerOwnCost(store: JournalStore): Promise<number> {
  const items = Array.from({ length: INVITES }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Company ${i}`, invitable: true }));
  const journal = planBulk(randomUUID(), CONN, { message: '' }, items);
  const runner = new BulkRunner({ store, sender: { send: async () => ({ id: randomUUID() }), listed: async () => ({}), confirmSent: async () => ({ listed: [] }) } });
  return (await timed(() => runner.run(journal))).ms;
}

/** A vscode.Memento stand-in (in memory; the real globalState also serializes each update for its RPC). */
function memento() {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) };
}

export async function bulk(): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const floorMs = Math.ceil(INVITES / DEFAULT_CONCURRENCY) * LATENCY_MS;
  const figures: Record<string, unknown> = {};

  await withSandbox(['--companies', String(COMPANIES), '--latency', String(LATENCY_MS)], async (sb) => {
    const logger = new CountingLogger();
    const provider = providerFor(sb, logger);
    const pick = await pickCompanies(sb, provider);
    notes.push(
      `${pick.withContact} of ${COMPANIES} companies have a point of contact; ${pick.uninvitable} of those are not CURATED (the sandbox refuses to invite them), ` +
        `so the first ${INVITES} invitable ones in name order are used.`,
    );
    const floorValues = (await provider.forms.bulkInvite!(pick.companies.slice(0, 1))).spec.values as FormValues;
    // The floor's POST: the same invitation with node-fetch straight to the sandbox, no client code.
    const plainInvite = async (i: number) => {
      const c = pick.companies[i % pick.companies.length]!;
      const res = await fetch(`${sb.baseUrl}${INVITE_PATH}`, {
        method: 'POST',
        headers: { Authorization: basicAuthHeader(sb.token), 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ vendor_access_request: inviteBody(c.id, floorValues) }),
      });
      await res.text();
      if (res.status !== 201) throw new Error(`raw invite POST answered ${res.status}`);
    };
    // At the bulk's concurrency, so both meet the same contention in the sandbox and on the cores.
    const floorBefore = await plainRoundTrips(FLOOR_SAMPLES, DEFAULT_CONCURRENCY, plainInvite);
    const b = await runBulk(sb, pick.companies, provider, logger);
    const floorAfter = await plainRoundTrips(FLOOR_SAMPLES, DEFAULT_CONCURRENCY, (i) => plainInvite(i + FLOOR_SAMPLES));
    const floorRoundTripMs = median([...floorBefore.samples, ...floorAfter.samples]);
    if (b.summary.sent !== INVITES) notes.push(`Bulk run: ${JSON.stringify(b.summary)}; failures: ${[...new Set(b.failures)].slice(0, 3).join(' | ')}${b.error ? `; stopped: ${b.error}` : ''}`);
    const bulkMs = round(b.ms, 0);
    const ratio = round(b.ms / floorMs, 3);
    rows.push({ label: `bulk: ${INVITES} invitations, BulkRunner concurrency ${DEFAULT_CONCURRENCY}`, value: bulkMs, unit: 'ms', note: `${b.summary.sent} sent, ${b.summary.failed} failed` });
    rows.push({ label: `  theoretical floor = ceil(${INVITES}/${DEFAULT_CONCURRENCY}) × ${LATENCY_MS} ms`, value: floorMs, unit: 'ms', note: `bulk / that = ${ratio}` });
    rows.push({ label: '  duplicate invite POSTs (sandbox write log, companies with > 1)', value: b.duplicates, target: 0, note: `${b.posts} POSTs recorded` });
    Object.assign(figures, { bulkMs, bulkFloorMs: floorMs, bulkRatioToFloor: ratio, duplicatesSent: b.duplicates, bulkSent: b.summary.sent, bulkFailed: b.summary.failed });

    // Sequential reference: the sandbox has no "already invited" rule (routes/access-requests.ts
    // appends every valid POST), so the same 500 POSTs go to the same sandbox again.
    await sb.control('DELETE', '/__sandbox/writes');
    const seqProvider = providerFor(sb, new CountingLogger());
    const values = (await seqProvider.forms.bulkInvite!(pick.companies.slice(0, 1))).spec.values as FormValues;
    const perPost: number[] = [];
    const seq = await timed(async () => {
      let ok = 0;
      for (const c of pick.companies) {
        const t = performance.now();
        await seqProvider.invite(inviteBody(c.id, values));
        perPost.push(performance.now() - t);
        ok++;
      }
      return ok;
    });
    // The same POST without the extension's HTTP layer, one at a time (context for the sequential loop).
    const rawPost = (await plainRoundTrips(30, 1, plainInvite)).samples;
    const sequentialMs = round(seq.ms, 0);
    const speedup = round(seq.ms / b.ms, 2);
    rows.push({ label: `sequential: the same ${INVITES} POSTs one after another (plain loop)`, value: sequentialMs, unit: 'ms', note: `${seq.value} sent` });
    rows.push({ label: '  speed-up of bulk vs sequential', value: speedup, unit: '×' });
    const postMs = median(perPost);
    const rawMs = median(rawPost);
    rows.push({ label: '  one invite POST through BitsightProvider.invite (median of the loop)', value: round(postMs, 1), unit: 'ms' });
    rows.push({ label: '  one invite POST with plain node-fetch, same body, one at a time (median of 30)', value: round(rawMs, 1), unit: 'ms', note: `sandbox + transport: +${round(rawMs - LATENCY_MS, 1)} ms over the latency` });
    rows.push({ label: `  the same with plain node-fetch, ${DEFAULT_CONCURRENCY} at once (median of ${2 * FLOOR_SAMPLES}, just before + after the bulk)`, value: round(floorRoundTripMs, 1), unit: 'ms', note: `before ${round(median(floorBefore.samples), 1)}, after ${round(median(floorAfter.samples), 1)}` });
    // The floor: ceil(N / cap) × the median plain node-fetch round trip of the same POST at the cap, this run.
    const measuredFloorMs = Math.ceil(INVITES / DEFAULT_CONCURRENCY) * floorRoundTripMs;
    const measuredRatio = round(b.ms / measuredFloorMs, 3);
    rows.push({ label: `  floor = ceil(${INVITES}/${DEFAULT_CONCURRENCY}) × the plain node-fetch round trip at ${DEFAULT_CONCURRENCY} at once`, value: round(measuredFloorMs, 0), unit: 'ms' });
    rows.push({ label: '  bulk / floor', value: measuredRatio, target: 1.05 });
    Object.assign(figures, { sequentialMs, speedupVsSequential: speedup, rawPostMs: round(rawMs, 1), rawPostAtCapMs: round(floorRoundTripMs, 1), bulkMeasuredFloorMs: round(measuredFloorMs, 0), bulkRatioToMeasuredFloor: measuredRatio });

    // Where the time above the floor goes: the HTTP round trip beyond the latency (from the
    // sequential loop) and the runner's own per-item work (journal saves), timed without network.
    const memoryMs = await runnerOwnCost(new MemoryJournal());
    const mementoMs = await runnerOwnCost(new MementoJournal(memento(), silentLogger));
    rows.push({ label: `runner's own cost: ${INVITES} items, instant sender, MemoryJournal`, value: round(memoryMs, 0), unit: 'ms', note: `${round(memoryMs / INVITES, 2)} ms/item` });
    rows.push({ label: `runner's own cost: ${INVITES} items, instant sender, MementoJournal (the extension's store)`, value: round(mementoMs, 0), unit: 'ms', note: `${round(mementoMs / INVITES, 2)} ms/item` });
    Object.assign(figures, { runnerOwnMsMemoryJournal: round(memoryMs, 0), runnerOwnMsMementoJournal: round(mementoMs, 0) });
    const cycle = b.ms / Math.ceil(INVITES / DEFAULT_CONCURRENCY);
    notes.push(
      `Per slot, one invitation took ${round(cycle, 1)} ms against ${LATENCY_MS} ms of latency (+${round(cycle - LATENCY_MS, 1)} ms). ` +
        `A single POST costs +${round(postMs - LATENCY_MS, 1)} ms over the latency through the extension's HTTP layer and +${round(rawMs - LATENCY_MS, 1)} ms with plain node-fetch ` +
        `(the sandbox validating/storing it and loopback transport; the sandbox runs on the same 2 cores), so the client's HTTP layer (auth, limiter, zod on the answer) adds ` +
        `${postMs - rawMs < 1 ? 'under 1 ms (within the noise)' : `~${round(postMs - rawMs, 1)} ms`}. ` +
        `The runner's own work is ${round(memoryMs / INVITES, 2)} ms of CPU per item (MemoryJournal; saves requested while one runs are coalesced into one snapshot, which copies only the items changed since the last one and shares the rest, frozen), ` +
        'and with 3 slots the CPU work of all of them (client, runner, sandbox) queues on 2 cores.',
    );
    if (ratio > 1.15) {
      // All three slots' runner work runs on the one JS thread: per cycle it is 3 items' worth.
      const runnerPerCycle = (memoryMs / INVITES) * DEFAULT_CONCURRENCY;
      const postExtra = postMs - LATENCY_MS;
      const larger = runnerPerCycle > postExtra ? "the runner's journal work" : "the POST's own cost";
      notes.push(
        `bulk/floor ${ratio} > 1.15: ${round(cycle - LATENCY_MS, 1)} ms per cycle above the latency, where ${round(0.15 * LATENCY_MS, 1)} ms would be allowed. ` +
          `The two costs in it: the runner's CPU work for its ${DEFAULT_CONCURRENCY} items, ~${round(runnerPerCycle, 1)} ms per cycle on the one JS thread, and a POST's own cost, +${round(postExtra, 1)} ms ` +
          `(mostly the sandbox, see above); they partly overlap with the waiting, so they need not add up. The larger is ${larger}. ` +
          `The concurrency itself is right (${DEFAULT_CONCURRENCY} in flight, ${speedup}× the sequential loop). ` +
          'Saves already copy only the changed items and are coalesced; ' +
          "the 'sending' save must still precede each POST. Check the load average too: CPU contention on 2 cores shows up directly here.",
      );
    }
    if (measuredRatio > 1.05) {
      notes.push(
        `bulk / floor ${measuredRatio} > 1.05: the bulk took ${round(b.ms - measuredFloorMs, 0)} ms more than the floor; the runner's own work for the same ${INVITES} items with an instant sender is ${round(memoryMs, 0)} ms on the same JS thread ` +
          '(each save copies only the changed items, but still walks the whole item list once in the runner and once in the store). Compare it with the excess above before blaming the runner; the rest is the POST itself and CPU contention (see the per-POST figures and the load average).',
      );
    }
    notes.push(
      `The extension itself journals to MementoJournal (globalState), whose saves also zod-validate each item once (frozen items are kept as parsed) and re-scrub every message: ${round(mementoMs / INVITES, 2)} ms/item vs ${round(memoryMs / INVITES, 2)} ms/item for MemoryJournal here, ` +
        'plus VS Code serializing each globalState.update; the bench figure uses MemoryJournal as asked.',
    );
  });

  // Throttled: the sandbox answers 429 above 2 requests in flight; the client still sends 3.
  await withSandbox(['--companies', String(COMPANIES), '--latency', String(LATENCY_MS), '--max-concurrent', '2'], async (sb) => {
    const knobs = await sb.control('POST', '/__sandbox/knobs', { retryAfterSeconds: 1 });
    const logger = new CountingLogger();
    const provider = providerFor(sb, logger);
    const pick = await pickCompanies(sb, provider);
    const b = await runBulk(sb, pick.companies, provider, logger);
    const bulkThrottledMs = round(b.ms, 0);
    rows.push({ label: 'throttled: same bulk, sandbox --max-concurrent 2, Retry-After 1 s', value: bulkThrottledMs, unit: 'ms', note: `${b.summary.sent} sent, ${b.summary.failed} failed, ${b.summary.pending + b.summary.cancelled} not sent` });
    rows.push({ label: '  429 answers received by the client', value: b.throttled });
    rows.push({ label: '  duplicate invite POSTs (sandbox write log)', value: b.duplicates, target: 0, note: `${b.posts} POSTs recorded` });
    notes.push(`Throttled run: knobs set to ${JSON.stringify(knobs)} via POST /__sandbox/knobs (the default Retry-After is 60 s). 429s counted from the HTTP layer's debug log lines.`);
    if (b.summary.failed || b.error) {
      const why = [...new Set(b.failures)].slice(0, 2).join(' | ');
      notes.push(
        `Throttled run: ${b.summary.failed} invitations FAILED (${why}). A bulk send waits through up to 8 throttles and the HTTP layer lowers its concurrency after a 429 for a minute, ` +
          'so this means a server that keeps refusing even one request at a time for that long. Not a duplicate risk (a 429 is refused before processing); "Retry failed" resends them.',
      );
    }
    Object.assign(figures, { bulkThrottledMs, bulk429s: b.throttled, bulkThrottledSent: b.summary.sent, bulkThrottledFailed: b.summary.failed, duplicatesSentThrottled: b.duplicates });
  });

  return { title: `Bulk invitations (${INVITES} at ${LATENCY_MS} ms latency)`, rows, figures, notes };
}
