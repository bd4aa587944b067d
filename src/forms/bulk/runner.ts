// Sends one collaboration invitation per company, a few at a time, and keeps a journal that makes
// "a company is never invited twice by one run" hold across cancels, failures, retries and window
// reloads. The rule behind it: an item is recorded as 'sending' (and `uncertain`) before its POST
// starts, and an item that may have reached the server is only ever sent again after
// `confirmSent` says it did not.
import { ApiError, messageOf } from '../../core/errors';
import { t } from '../../core/l10n';
import { writeOutcome } from '../../core/outcome';
import type { Logger } from '../../core/redact';
import type { BulkInviteDefinition } from '../../core/forms';
import type { FormValues } from '../../protocol/forms';
import { frozenItem, type BulkItem, type BulkJournal, type BulkSender, type JournalStore } from './types';
import type { BulkSummary } from '../../protocol/messages';
import { presentError } from '../presentError';

export const DEFAULT_CONCURRENCY = 3;

/** A skipped company's result when its provider gives no wording of its own. */
export const SKIPPED_NOT_INVITABLE = 'skipped: this company has no one to send the invitation to';
export const COULD_NOT_VERIFY = 'could not verify whether the invitation was sent; check Sent invitations before retrying';
export const CONFIRMED_ON_SERVER = 'already sent: found on the server after the run was interrupted';
export const CANCELLED_WHILE_SENDING = 'cancelled while sending; it may have reached the server, so it is checked before being sent again';

export interface CompanyToInvite {
  id: string;
  name: string;
  /** False: the provider has no one to invite there (it is skipped up front). */
  invitable: boolean;
}

/** A new journal: one item per distinct company, those that are not invitable skipped up front. */
export function planBulk(
  runId: string,
  connectionId: string,
  payload: unknown,
  companies: ReadonlyArray<CompanyToInvite>,
  now: Date = new Date(),
  skippedMessage = SKIPPED_NOT_INVITABLE,
): BulkJournal {
  const at = now.toISOString();
  const seen = new Set<string>();
  const items: BulkItem[] = [];
  for (const c of companies) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    items.push(
      c.invitable
        ? { companyId: c.id, companyName: c.name, state: 'pending', attempts: 0, updatedAt: at }
        : { companyId: c.id, companyName: c.name, state: 'skipped', message: skippedMessage, attempts: 0, updatedAt: at },
    );
  }
  return { runId, connectionId, createdAt: at, payload, items };
}

export type { BulkSummary };

/** A provider's bulk definition as the runner's sender, every send with the run's shared values. */
export function bulkSender(definition: BulkInviteDefinition, payload: FormValues): BulkSender {
  return {
    send: (companyId, signal) => definition.send(companyId, payload, signal),
    listed: (companyIds, signal) => definition.listed(companyIds, signal),
    confirmSent: (companyId, seenBefore, signal) => definition.confirmSent(companyId, seenBefore, signal),
    describe: (companyId, error) => definition.describe?.(companyId, error),
  };
}

export function summarize(j: BulkJournal): BulkSummary {
  const s: BulkSummary = { total: j.items.length, sent: 0, failed: 0, skipped: 0, pending: 0, cancelled: 0 };
  for (const item of j.items) {
    if (item.state === 'sending') s.pending++;
    else s[item.state]++;
  }
  return s;
}

/**
 * Whether a resume has anything to do. 'cancelled' counts: those were cut off mid-send and are
 * what a person who pressed Cancel by mistake wants finished.
 */
export function unfinished(j: BulkJournal): boolean {
  return !j.finishedAt && j.items.some((i) => i.state === 'pending' || i.state === 'sending' || i.state === 'cancelled');
}

export interface BulkRunnerOptions {
  store: JournalStore;
  sender: BulkSender;
  /** Most sends (and checks) in flight at once; the HTTP layer's own cap applies underneath. */
  concurrency?: number;
  now?: () => Date;
  /** Where a throwing progress callback is reported. */
  log?: Logger;
}

export interface BulkRunOptions {
  signal?: AbortSignal;
  /** Called after every change of an item; `j` is the runner's live journal, copy it to keep it. */
  onProgress?: (j: BulkJournal, changed: BulkItem) => void;
  /** 'failed' resends only the failures; the default (or 'pending') finishes what is not done. */
  only?: 'pending' | 'failed';
}

// Keyed by runId for the whole extension host, not per runner: a resume prompt and a Retry button
// may each build a runner for the same journal, and they must still take turns.
const running = new Map<string, Promise<BulkJournal>>();

export class BulkRunner {
  private readonly concurrency: number;
  private readonly now: () => Date;

  constructor(private readonly opts: BulkRunnerOptions) {
    const c = opts.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(c) || c < 1) throw new RangeError('A concurrency limit must be a whole number of at least 1');
    this.concurrency = c;
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Sends what is left to send and resolves with the journal as persisted (a new object; the one
   * passed in is not modified). A second call for the same runId waits for the first and then
   * starts from the stored state, so it cannot send what the first one sent.
   */
  run(journal: BulkJournal, options: BulkRunOptions = {}): Promise<BulkJournal> {
    const runId = journal.runId;
    const before = running.get(runId);
    const mine = (before ?? Promise.resolve())
      .then(noop, noop)
      .then(() => new Run(this.opts, this.concurrency, this.now, options).execute(journal));
    running.set(runId, mine);
    const release = () => {
      if (running.get(runId) === mine) running.delete(runId);
    };
    mine.then(release, release);
    return mine;
  }
}

function noop(): void {}

/** One pass over a journal; lives only for the duration of `run`. */
class Run {
  private j!: BulkJournal;
  private readonly signal: AbortSignal;
  private saving: Promise<unknown> = Promise.resolve();
  /** Frozen copies of the items as last handed to the store, by live item (see snapshot). */
  private readonly saved = new WeakMap<BulkItem, BulkItem>();
  /** A save not yet started; changes made meanwhile join it (see persist). */
  private queuedSave?: Promise<boolean>;

  constructor(
    private readonly opts: BulkRunnerOptions,
    private readonly concurrency: number,
    private readonly now: () => Date,
    private readonly options: BulkRunOptions,
  ) {
    this.signal = options.signal ?? new AbortController().signal;
  }

  async execute(passed: BulkJournal): Promise<BulkJournal> {
    // The store is the truth: a caller's copy may be a stale snapshot that still shows sent
    // companies as pending.
    const stored = await this.opts.store.load(passed.runId);
    this.j = structuredClone(stored ?? passed);
    const j = this.j;
    if (this.signal.aborted) return j;

    const work = this.select();
    delete j.finishedAt;
    delete j.error;
    if (!(await this.persist())) return this.finish();
    if (!(await this.recordListed(work))) return this.finish();

    const queue = [...work];
    const worker = async () => {
      while (!this.halted()) {
        const item = queue.shift();
        if (!item) return;
        await this.process(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    return this.finish();
  }

  private select(): BulkItem[] {
    if (this.options.only === 'failed') {
      const failed = this.j.items.filter((i) => i.state === 'failed' && !i.permanent);
      for (const item of failed) {
        item.state = 'pending';
        delete item.message;
        delete item.field;
        item.updatedAt = this.now().toISOString();
      }
      return failed;
    }
    return this.j.items.filter((i) => i.state === 'pending' || i.state === 'sending' || i.state === 'cancelled');
  }

  /**
   * Before anything is sent, journal which writes the server already lists for each company that
   * has no such record yet, so a lost answer can later be settled by a new id. An item already in
   * doubt keeps what it has: its next check lists afresh. Nothing is sent when this fails.
   */
  private async recordListed(work: BulkItem[]): Promise<boolean> {
    const fresh = work.filter((i) => !i.seenBefore && !i.uncertain && i.state !== 'sending' && i.state !== 'cancelled');
    if (!fresh.length) return true;
    let listed: Record<string, string[]>;
    try {
      listed = await this.opts.sender.listed(fresh.map((i) => i.companyId), this.signal);
    } catch (e) {
      if (!this.signal.aborted) this.stop(e, t('Reading the sent invitations before sending'));
      return false;
    }
    for (const item of fresh) item.seenBefore = [...(listed[item.companyId] ?? [])];
    return this.persist();
  }

  private async finish(): Promise<BulkJournal> {
    const j = this.j;
    const left = j.items.some((i) => i.state === 'pending' || i.state === 'sending' || i.state === 'cancelled');
    if (!left && !this.signal.aborted && j.error === undefined) j.finishedAt = this.now().toISOString();
    await this.persist();
    await this.saving;
    return j;
  }

  private halted(): boolean {
    return this.signal.aborted || this.j.error !== undefined;
  }

  private async process(item: BulkItem): Promise<void> {
    if (item.uncertain || item.state === 'sending' || item.state === 'cancelled') {
      item.uncertain = true;
      if (!(await this.check(item))) return;
    }

    item.state = 'sending';
    item.uncertain = true;
    item.attempts++;
    delete item.message;
    delete item.field;
    delete item.permanent;
    // The journal must say 'sending' before the POST can start; otherwise a reload could
    // leave no trace of a request the server did receive.
    if (!(await this.change(item)) || this.halted()) {
      this.update(item, { state: 'pending', uncertain: false, attempts: item.attempts - 1 });
      await this.change(item);
      return;
    }

    let result: { id: string };
    try {
      result = await this.opts.sender.send(item.companyId, this.signal);
    } catch (e) {
      await this.failed(item, e);
      return;
    }
    this.update(item, { state: 'sent', resultId: result.id, uncertain: false });
    await this.change(item);
  }

  /** Asks the server whether an uncertain item went through; true when it may now be sent. */
  private async check(item: BulkItem): Promise<boolean> {
    let sent: boolean;
    try {
      // A journal written before ids were kept has none: then any listed write for the company
      // (to the same recipient) counts as ours, which errs towards not inviting twice.
      const found = await this.opts.sender.confirmSent(item.companyId, item.seenBefore ?? [], this.signal);
      sent = found.sentId !== undefined;
      if (sent) item.resultId = found.sentId;
      else item.seenBefore = [...found.listed];
    } catch (e) {
      if (this.signal.aborted || stopsTheRun(e)) {
        if (stopsTheRun(e)) this.stop(e);
        // Still uncertain, just not settled: the next run checks it again.
        if (item.state === 'sending') {
          this.update(item, { state: 'pending' });
          await this.change(item);
        }
        return false;
      }
      this.update(item, { state: 'failed', message: COULD_NOT_VERIFY, field: undefined });
      await this.change(item);
      return false;
    }
    if (sent) {
      this.update(item, { state: 'sent', message: CONFIRMED_ON_SERVER, field: undefined, uncertain: false });
      await this.change(item);
      return false;
    }
    // Nothing on the server: this company is back to plainly not sent.
    item.uncertain = false;
    if (this.halted()) {
      this.update(item, { state: 'pending', message: undefined, field: undefined });
      await this.change(item);
      return false;
    }
    return true;
  }

  private async failed(item: BulkItem, e: unknown): Promise<void> {
    if (this.signal.aborted || writeOutcome(e) === 'cancelled') {
      this.update(item, { state: 'cancelled', message: CANCELLED_WHILE_SENDING });
    } else if (stopsTheRun(e)) {
      // Not this company's fault: it goes back to the queue with the others.
      this.update(item, { state: 'pending', uncertain: false, message: messageOf(e) });
      this.stop(e);
    } else {
      this.update(item, {
        state: 'failed',
        message: this.opts.sender.describe?.(item.companyId, e) ?? messageOf(e),
        field: e instanceof ApiError ? e.field : undefined,
        uncertain: writeOutcome(e) !== 'refused',
        permanent: !worthRetrying(e),
      });
    }
    await this.change(item);
  }

  private stop(e: unknown, what = t('Sending invitations')): void {
    if (this.j.error !== undefined) return;
    const why = presentError(e, what);
    this.j.error = t('{0} The remaining companies were not sent; resume once this is fixed.', why);
  }

  // Absent rather than undefined/false, so a stored journal reads the same as a freshly planned one.
  private update(item: BulkItem, patch: Partial<BulkItem>): void {
    for (const [key, value] of Object.entries(patch) as Array<[keyof BulkItem, unknown]>) {
      if (value === undefined || value === false) delete item[key];
      else (item as unknown as Record<string, unknown>)[key] = value;
    }
    item.updatedAt = this.now().toISOString();
  }

  /** Reports the change and persists it; false when the journal could not be saved. */
  private async change(item: BulkItem): Promise<boolean> {
    item.updatedAt = this.now().toISOString();
    if (this.options.onProgress) {
      try {
        this.options.onProgress(this.j, item);
      } catch (e) {
        this.opts.log?.warn(`A bulk progress listener failed: ${messageOf(e)}`);
      }
    }
    return this.persist();
  }

  // Saves run one after another. A save waiting behind a running one takes its snapshot when it
  // starts, so it covers every change asked for while it waited: later callers join it instead of
  // queueing a copy each (with 3 sends in flight, most changes coalesce). Whoever awaits a save
  // therefore knows its own change is on record. A failed save stops the run: sending on without
  // a record is how a company ends up invited twice after a reload.
  private persist(): Promise<boolean> {
    if (this.queuedSave) return this.queuedSave;
    const done = this.saving
      .then(() => {
        this.queuedSave = undefined;
        return this.opts.store.save(this.snapshot());
      })
      .then(
        () => true,
        (e: unknown) => {
          this.j.error ??= t('Could not save the progress of this bulk run ({0}), so sending stopped: without a record, a reload could invite a company twice.', messageOf(e));
          return false;
        },
      );
    this.queuedSave = done;
    this.saving = done;
    return done;
  }

  // What the store gets: the journal as it is now, sharing every unchanged item with the last
  // snapshot. Changed items are found by comparing, not by marking them, so no mutation path can
  // be missed. Shared items are frozen: neither the runner nor a store can alter what was saved.
  private snapshot(): BulkJournal {
    const items = this.j.items.map((live) => {
      const last = this.saved.get(live);
      if (last && sameItem(live, last)) return last;
      const copy = frozenItem(live);
      this.saved.set(live, copy);
      return copy;
    });
    return { ...this.j, items };
  }
}

// Every field, checked by the compiler: a field added to BulkItem and missing here would be one
// whose changes no save records.
const ITEM_FIELDS: Record<keyof BulkItem, true> = {
  companyId: true, companyName: true, state: true, message: true, field: true, permanent: true,
  resultId: true, attempts: true, updatedAt: true, uncertain: true, seenBefore: true,
};
const SCALAR_FIELDS = (Object.keys(ITEM_FIELDS) as Array<keyof BulkItem>).filter((k) => k !== 'seenBefore');

// Absent and undefined count as the same: both are stored as absent.
function sameItem(live: BulkItem, saved: BulkItem): boolean {
  for (const k of SCALAR_FIELDS) if (live[k] !== saved[k]) return false;
  return sameList(live.seenBefore, saved.seenBefore);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether sending again may succeed: the outcome was unknown, the connection failed, or the server
 * said "later" (5xx, 429). A refusal (400, 404…) says the same again, so it is listed, not retried.
 */
export function worthRetrying(e: unknown): boolean {
  if (!(e instanceof ApiError) || writeOutcome(e) !== 'refused') return true;
  if (e.kind === 'network' || e.kind === 'rate-limited' || e.kind === 'timeout') return true;
  return e.status === 429 || (e.status !== undefined && e.status >= 500);
}

function stopsTheRun(e: unknown): boolean {
  return e instanceof ApiError && (e.kind === 'auth' || e.status === 401 || e.status === 403);
}
