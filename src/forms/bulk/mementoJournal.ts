// Bulk journals kept in a vscode.Memento (the extension's globalState) under one key, most recently
// saved first, at most MAX_JOURNALS of them. What is read back is validated: a journal that does
// not parse is dropped with an error, so one damaged entry cannot block resuming the others.
import * as z from '../../core/zod';
import type { Logger } from '../../core/redact';
import { frozenItem, isFrozenItem, type BulkItem, type BulkJournal, type JournalStore } from './types';

export const BULK_JOURNALS_KEY = 'portfolioContacts.bulkJournals';
export const MAX_JOURNALS = 20;

/** The bit of vscode.Memento used here, so this stays testable without VS Code. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().check(z.minLength(1));

const itemSchema = z.object({
  companyId: id,
  companyName: z.string(),
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled']),
  message: z.optional(z.string()),
  field: z.optional(z.string()),
  resultId: z.optional(z.string()),
  attempts: z.int().check(z.gte(0)),
  updatedAt: isoDate,
  uncertain: z.optional(z.boolean()),
  seenBefore: z.optional(z.array(z.string()).check(z.maxLength(10_000))),
});

const header = {
  runId: id,
  connectionId: id,
  createdAt: isoDate,
  payload: z.unknown(),
  finishedAt: z.optional(isoDate),
  error: z.optional(z.string()),
};
/** Everything but the items: what a save checks anew each time (see save). */
const headerSchema = z.object(header);

export const bulkJournalSchema = z.object({ ...header, items: z.array(itemSchema) }) satisfies z.ZodMiniType<BulkJournal>;

interface Shared {
  queue: Promise<unknown>;
  /** The value last read or written, and what it parsed to: saves skip re-validating it. */
  raw: unknown;
  parsed: BulkJournal[];
}

// Per memento rather than per store object: two stores over the same globalState must still take
// turns, or one's read-modify-write would undo the other's.
const shared = new WeakMap<MementoLike, Shared>();

export class MementoJournal implements JournalStore {
  private readonly shared: Shared;
  /** A frozen item that passed the schema, and what parsing it gave: it cannot have changed since. */
  private readonly validated = new WeakMap<BulkItem, BulkItem>();

  constructor(
    private readonly memento: MementoLike,
    private readonly log: Logger,
    /** Scrubs secrets from the texts a journal keeps (the messages and field names a server sent), since globalState is a file on disk. */
    private readonly redact: (text: string) => string = (t) => t,
  ) {
    let s = shared.get(memento);
    if (!s) {
      s = { queue: Promise.resolve(), raw: Symbol('unread'), parsed: [] };
      shared.set(memento, s);
    }
    this.shared = s;
  }

  load(runId: string): Promise<BulkJournal | undefined> {
    return this.queued(async () => {
      const j = (await this.read()).find((x) => x.runId === runId);
      return j && structuredClone(j);
    });
  }

  list(): Promise<BulkJournal[]> {
    return this.queued(async () => (await this.read()).map((j) => structuredClone(j)));
  }

  /** Throws on a journal that would not read back: better now than a silently lost run later. */
  async save(j: BulkJournal): Promise<void> {
    const valid = this.scrubbed(this.parsed(j));
    return this.queued(async () => {
      const others = (await this.read()).filter((x) => x.runId !== valid.runId);
      await this.write([valid, ...others].slice(0, MAX_JOURNALS));
    });
  }

  remove(runId: string): Promise<void> {
    return this.queued(async () => {
      const all = await this.read();
      if (all.some((x) => x.runId === runId)) await this.write(all.filter((x) => x.runId !== runId));
    });
  }

  // zod builds new objects as it parses, so the stored copy shares nothing with the caller's
  // except frozen items (the runner saves those), which nobody can change: each is parsed once,
  // so a save costs the items that changed, not the whole journal.
  private parsed(j: BulkJournal): BulkJournal {
    if (!Array.isArray(j.items)) return bulkJournalSchema.parse(j);
    const items: BulkItem[] = [];
    for (const item of j.items) {
      let valid = this.validated.get(item);
      if (!valid) {
        const result = itemSchema.safeParse(item);
        // The whole journal again, for an error that names the item's place in it.
        if (!result.success) return bulkJournalSchema.parse(j);
        valid = frozenItem(result.data);
        if (isFrozenItem(item)) this.validated.set(item, valid);
      }
      items.push(valid);
    }
    return { ...headerSchema.parse(j), items };
  }

  // Scrubbed on every save, not once per item: the redactor may have learnt a secret since.
  // Items are never changed in place, since the parsed ones are shared between saves.
  private scrubbed(j: BulkJournal): BulkJournal {
    const out: BulkJournal = { ...j, items: j.items.map((i) => {
      const message = i.message === undefined ? undefined : this.redact(i.message);
      const field = i.field === undefined ? undefined : this.redact(i.field);
      if (message === i.message && field === i.field) return i;
      const item = { ...i };
      if (message !== undefined) item.message = message;
      if (field !== undefined) item.field = field;
      return item;
    }) };
    if (out.error !== undefined) out.error = this.redact(out.error);
    return out;
  }

  private queued<T>(op: () => Promise<T>): Promise<T> {
    const result = this.shared.queue.then(op);
    this.shared.queue = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<BulkJournal[]> {
    const raw = this.memento.get<unknown>(BULK_JOURNALS_KEY);
    if (raw === this.shared.raw) return this.shared.parsed;
    if (raw === undefined) return this.remember(raw, []);
    if (!Array.isArray(raw)) {
      this.log.error('Dropped the saved bulk invitation runs: the stored value is not a list.');
      await this.write([]);
      return [];
    }
    const parsed: BulkJournal[] = [];
    for (const entry of raw) {
      const result = bulkJournalSchema.safeParse(entry);
      if (result.success) {
        parsed.push(result.data);
        continue;
      }
      const issue = result.error.issues[0];
      const where = issue?.path.length ? issue.path.map(String).join('.') : 'the entry';
      const runId = typeof (entry as { runId?: unknown })?.runId === 'string' ? ` ${(entry as { runId: string }).runId}` : '';
      this.log.error(`Dropped saved bulk invitation run${runId}: it could not be read (${where}: ${issue?.message ?? 'invalid'}).`);
    }
    if (parsed.length !== raw.length) await this.write(parsed);
    else this.remember(raw, parsed);
    return parsed;
  }

  private async write(list: BulkJournal[]): Promise<void> {
    await this.memento.update(BULK_JOURNALS_KEY, list);
    this.remember(list, list);
  }

  private remember(raw: unknown, parsed: BulkJournal[]): BulkJournal[] {
    this.shared.raw = raw;
    this.shared.parsed = parsed;
    return parsed;
  }
}
