// Sending the planned submissions: one company at a time per worker (a company's submissions in
// order, as its form expects), the provider's own in-doubt handling fed from a journal kept on
// disk, so a cancel, a crash or a reload never sends a row twice when the file is imported again.
import type { ContactPrefill, FormHandler, InDoubtRecord, InDoubtSlot } from '../../core/forms';
import type { Company } from '../../core/model';
import { writeOutcome } from '../../core/outcome';
import * as z from '../../core/zod';
import type { MementoLike } from './columns';
import { pool, type ImportGroup, type RowVerdict } from './plan';

export const IMPORT_JOURNALS_KEY = 'portfolioContacts.importJournals';
export const MAX_IMPORT_JOURNALS = 20;

/** What an import of one file into one connection has done so far. */
export interface ImportJournal {
  /** Content hash of the file + connection id. */
  key: string;
  updatedAt: number;
  /** Rows (1-based) known created. */
  created: number[];
  /** Per company, what its form's last write left when its answer was lost (the provider's own record). */
  doubts: Record<string, InDoubtRecord>;
}

const json: z.ZodMiniType<InDoubtRecord> = z.record(z.string(), z.unknown()) as unknown as z.ZodMiniType<InDoubtRecord>;
const journalSchema = z.object({ key: z.string(), updatedAt: z.number(), created: z.array(z.number()), doubts: z.record(z.string(), json) });
const journalsSchema = z.record(z.string(), journalSchema);

export class ImportJournals {
  /** Writes in order, so a later save never lands before an earlier one. */
  private chain: Promise<void> = Promise.resolve();
  constructor(private readonly state: MementoLike) {}

  private all(): Record<string, ImportJournal> {
    const parsed = journalsSchema.safeParse(this.state.get(IMPORT_JOURNALS_KEY));
    return parsed.success ? parsed.data : {};
  }

  get(key: string): ImportJournal {
    return this.all()[key] ?? { key, updatedAt: Date.now(), created: [], doubts: {} };
  }

  save(journal: ImportJournal): Promise<void> {
    const copy: ImportJournal = { ...journal, updatedAt: Date.now(), created: [...journal.created], doubts: { ...journal.doubts } };
    this.chain = this.chain.then(async () => {
      const kept = Object.entries({ ...this.all(), [copy.key]: copy })
        .sort((a, b) => b[1].updatedAt - a[1].updatedAt)
        .slice(0, MAX_IMPORT_JOURNALS);
      await this.state.update(IMPORT_JOURNALS_KEY, Object.fromEntries(kept));
    });
    return this.chain;
  }
}

export interface RunDeps {
  companies: ReadonlyMap<string, Company>;
  createForm(company: Company, prefill: ContactPrefill[]): Promise<FormHandler>;
  journal: ImportJournal;
  save(journal: ImportJournal): Promise<void>;
  concurrency: number;
  signal: AbortSignal;
  /** After each submission: rows settled so far. */
  onProgress?(settled: number, total: number): void;
  /** Called once per company whose contacts may have changed. */
  touched?(companyId: string): void;
}

/** Sends every group; marks each row's verdict created, failed or cancelled. */
export async function runImport(groups: readonly ImportGroup[], verdicts: RowVerdict[], deps: RunDeps): Promise<void> {
  const byRow = new Map(verdicts.map((v) => [v.row, v]));
  const perCompany = new Map<string, ImportGroup[]>();
  for (const g of groups) perCompany.set(g.companyId, [...(perCompany.get(g.companyId) ?? []), g]);
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  let settled = 0;
  const { journal } = deps;
  const settle = (g: ImportGroup, status: RowVerdict['status'], message: string) => {
    for (const r of g.rows) Object.assign(byRow.get(r)!, { status, message });
    settled += g.rows.length;
    deps.onProgress?.(settled, total);
  };
  await pool([...perCompany.keys()], deps.concurrency, async (companyId) => {
    const company = deps.companies.get(companyId)!;
    let wrote = false;
    for (const g of perCompany.get(companyId)!) {
      if (deps.signal.aborted) {
        settle(g, 'cancelled', 'Cancelled before it was sent');
        continue;
      }
      const slot: InDoubtSlot = {
        get: () => journal.doubts[companyId],
        set: (record) => {
          if (record) journal.doubts[companyId] = record;
          else delete journal.doubts[companyId];
          void deps.save(journal);
        },
      };
      try {
        // Built just before sending: a form that carries a checksum carries the current one.
        const handler = await deps.createForm(company, g.rows.map((r) => byRow.get(r)!.prefill));
        const values = handler.spec().values ?? {};
        wrote = true;
        const done = await handler.submit(values, { signal: deps.signal, requestId: `${journal.key}/${g.rows.join('-')}`, post: () => undefined, inDoubt: slot });
        if (done.warning || done.clearDraft === false) settle(g, 'failed', done.message);
        else {
          journal.created.push(...g.rows);
          await deps.save(journal);
          settle(g, 'created', done.message);
        }
      } catch (e) {
        const outcome = writeOutcome(e);
        const why = e instanceof Error ? e.message : String(e);
        if (outcome === 'cancelled' || deps.signal.aborted) settle(g, 'cancelled', `Cancelled. ${journal.doubts[companyId] ? 'It may have reached the server: importing the file again checks first.' : ''}`.trim());
        else settle(g, 'failed', outcome === 'unknown' ? `${why} Importing the file again checks what landed before sending.` : why);
      }
    }
    if (wrote) deps.touched?.(companyId);
  }, undefined);
}
