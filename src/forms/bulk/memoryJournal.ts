// A JournalStore in memory, for tests and for runs nobody needs to resume. It copies on the way in
// and out, as a real store's serialization would, so a test cannot pass by sharing objects with
// the runner. A frozen item (the runner's snapshots are made of them) is kept as it is: nobody can
// change it, so a copy would protect nothing and make every save cost the whole journal.
import { isFrozenItem, type BulkItem, type BulkJournal, type JournalStore } from './types';

export class MemoryJournal implements JournalStore {
  private readonly journals = new Map<string, BulkJournal>();

  constructor(initial: Iterable<BulkJournal> = []) {
    for (const j of initial) this.journals.set(j.runId, structuredClone(j));
  }

  async load(runId: string): Promise<BulkJournal | undefined> {
    const j = this.journals.get(runId);
    return j && structuredClone(j);
  }

  async save(j: BulkJournal): Promise<void> {
    this.journals.set(j.runId, { ...j, payload: structuredClone(j.payload), items: j.items.map(kept) });
  }

  async list(): Promise<BulkJournal[]> {
    return this.snapshot();
  }

  async remove(runId: string): Promise<void> {
    this.journals.delete(runId);
  }

  /** What is stored right now, synchronously: what a reload at this instant would find. */
  snapshot(): BulkJournal[] {
    return [...this.journals.values()].map((j) => structuredClone(j));
  }
}

function kept(item: BulkItem): BulkItem {
  return isFrozenItem(item) ? item : structuredClone(item);
}
