// The dry run: every row of the file checked before anything is sent, with the provider's own
// create form (its spec and the values its prefill mapping makes of the row), against the
// companies of the connection and the contacts they already have.
import type { ContactPrefill, FormHandler } from '../../core/forms';
import type { Company, Contact } from '../../core/model';
import type { FieldSpec, FormSpec } from '../../protocol/forms';
import { validateForm } from '../../protocol/validate';
import type { CsvTable } from '../../csv';
import { FIELD_LABELS, type ImportField } from './columns';

export type RowStatus = 'valid' | 'exists' | 'done' | 'invalid' | 'duplicate' | 'unknownCompany' | 'created' | 'failed' | 'cancelled' | 'skipped';

export interface RowProblem {
  /** The field's label (the form's own, or the import's). */
  field: string;
  message: string;
}

export interface RowVerdict {
  /** 1-based data row (the header is row 0). */
  row: number;
  status: RowStatus;
  problems: RowProblem[];
  companyId?: string;
  companyName?: string;
  prefill: ContactPrefill;
  /** What happened when it was sent (or why it was skipped). */
  message?: string;
}

/** The rows sent in one submission: one company's, at most the form's rows per submission. */
export interface ImportGroup {
  companyId: string;
  companyName: string;
  rows: number[];
}

export interface ImportPlan {
  verdicts: RowVerdict[];
  groups: ImportGroup[];
}

/** What the dry run needs of the connection, so it runs without VS Code (and against the sandbox in tests). */
export interface ImportTarget {
  companies: readonly Company[];
  contactsPerCompany: 'one' | 'many';
  /** With one designated contact per company: rows marked not primary are created beside it (ProviderForms.createsNonPrimary). */
  createsNonPrimary?: boolean;
  listContacts(companyId: string, signal?: AbortSignal): Promise<Contact[]>;
  createForm(company: Company, prefill: ContactPrefill[]): Promise<FormHandler>;
  /** Requests at once (the provider's concurrency cap). */
  concurrency: number;
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'o', 'vrai']);
const FALSE = new Set(['no', 'n', 'false', '0', '', 'non', 'faux']);

export function readRow(cells: readonly string[], mapping: readonly ImportField[]): { prefill: ContactPrefill; company: { id?: string; text?: string }; problems: RowProblem[] } {
  const at = (f: ImportField) => {
    const i = mapping.indexOf(f);
    return i < 0 ? undefined : (cells[i] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const prefill: ContactPrefill = {};
  const set = <K extends keyof ContactPrefill>(k: K, v: ContactPrefill[K] | undefined) => {
    if (v !== undefined && v !== '') prefill[k] = v;
  };
  set('name', at('name'));
  set('firstName', at('firstName'));
  set('lastName', at('lastName'));
  set('email', at('email'));
  set('title', at('title'));
  set('comment', at('comment'));
  const phone = at('phone');
  // Several phones in one cell: separated by a newline, `;` or `/`.
  if (phone) prefill.phones = phone.split(/[\n;/]+/).map((p) => p.trim()).filter(Boolean);
  const address = { line1: at('addressLine1'), line2: at('addressLine2'), city: at('city'), state: at('state'), postalCode: at('postalCode'), country: at('country') };
  const given = Object.fromEntries(Object.entries(address).filter(([, v]) => v));
  if (Object.keys(given).length) prefill.address = given;
  const primary = at('primary');
  if (primary !== undefined) {
    const p = primary.toLowerCase();
    if (TRUE.has(p)) prefill.primary = true;
    else if (FALSE.has(p)) prefill.primary = false;
    else problems.push({ field: FIELD_LABELS.primary, message: `"${primary}" is neither yes nor no` });
  }
  return { prefill, company: { id: at('companyId') || undefined, text: at('company') || undefined }, problems };
}

const normName = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
const normDomain = (s: string) => s.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');

/** Finds a company by id, then domain, then name; ambiguity is an answer of its own. */
export function companyIndex(companies: readonly Company[]) {
  const byId = new Map(companies.map((c) => [c.id, c]));
  const byDomain = new Map<string, Company[]>();
  const byName = new Map<string, Company[]>();
  const add = (m: Map<string, Company[]>, k: string, c: Company) => m.set(k, [...(m.get(k) ?? []), c]);
  for (const c of companies) {
    add(byName, normName(c.name), c);
    if (c.primaryDomain) add(byDomain, normDomain(c.primaryDomain), c);
  }
  return (key: { id?: string; text?: string }): Company | string => {
    if (key.id) return byId.get(key.id) ?? `No company has the id "${key.id}" in this connection`;
    if (!key.text) return 'No company given';
    const hits = byDomain.get(normDomain(key.text)) ?? byName.get(normName(key.text)) ?? byId.get(key.text.trim()) ?? [];
    const list = Array.isArray(hits) ? hits : [hits];
    if (list.length === 1) return list[0]!;
    if (list.length > 1) return `"${key.text}" matches ${list.length} companies: give its id instead`;
    return `No company named "${key.text}" (or with that domain) in this connection`;
  };
}

/** Runs `work` on every item, `limit` at a time; stops starting new ones once `signal` aborts. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function rowsField(spec: FormSpec): FieldSpec | undefined {
  return spec.fields.find((f) => f.kind === 'rows');
}

/** The form's problems with one submission's values, per row of the submission. */
function problemsByRow(spec: FormSpec, count: number): RowProblem[][] {
  const errors = validateForm(spec, spec.values ?? {});
  const out: RowProblem[][] = Array.from({ length: count }, () => []);
  const rows = rowsField(spec);
  for (const [path, message] of Object.entries(errors)) {
    if (rows && path.startsWith(`${rows.name}.`)) {
      const [, i, name] = path.split('.');
      const label = rows.fields?.find((f) => f.name === name)?.label ?? name ?? rows.label;
      out[Number(i)]?.push({ field: label, message });
    } else {
      const top = path.split('.')[0];
      out[0]?.push({ field: spec.fields.find((f) => f.name === top)?.label ?? top ?? '', message });
    }
  }
  return out;
}

/**
 * How many rows one submission of this form takes: its rows field's maximum, or one. Read from a
 * form built with no one in it.
 */
export function rowsPerSubmission(spec: FormSpec): number {
  const rows = rowsField(spec);
  return rows ? Math.max(1, rows.maxRows ?? 50) : 1;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Every row's verdict and the submissions to make. `done` holds the rows an earlier run of this
 * file created (from its journal): they are not sent again even when a listing cannot show them.
 */
export async function planImport(table: CsvTable, mapping: readonly ImportField[], target: ImportTarget, opts: { done?: ReadonlySet<number>; perSubmission: number; signal?: AbortSignal; onProgress?: (checked: number, total: number) => void }): Promise<ImportPlan> {
  const find = companyIndex(target.companies);
  const verdicts: RowVerdict[] = table.rows.map((cells, i) => {
    const { prefill, company, problems } = readRow(cells, mapping);
    const row = i + 1;
    if (cells.every((c) => c.trim() === '')) return { row, status: 'skipped', problems: [], prefill, message: 'Empty row' };
    const hit = find(company);
    if (typeof hit === 'string') return { row, status: 'unknownCompany', problems: [{ field: FIELD_LABELS.company, message: hit }, ...problems], prefill };
    const v: RowVerdict = { row, status: problems.length ? 'invalid' : 'valid', problems, companyId: hit.id, companyName: hit.name, prefill };
    if (opts.done?.has(row)) Object.assign(v, { status: 'done', message: 'Created by an earlier import of this file' });
    return v;
  });
  // The same person twice in one company in the file: the first one counts.
  const seen = new Map<string, number>();
  for (const v of verdicts) {
    if (!v.companyId || !v.prefill.email) continue;
    const key = `${v.companyId}\n${v.prefill.email.toLowerCase()}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, v.row);
    else if (v.status === 'valid' || v.status === 'invalid') {
      v.status = 'duplicate';
      v.problems.push({ field: FIELD_LABELS.email, message: `The same e-mail as row ${first}, in the same company` });
    }
  }
  const byCompany = new Map<string, RowVerdict[]>();
  for (const v of verdicts) if (v.companyId && (v.status === 'valid' || v.status === 'invalid')) byCompany.set(v.companyId, [...(byCompany.get(v.companyId) ?? []), v]);
  const companies = new Map(target.companies.map((c) => [c.id, c]));
  const groups: ImportGroup[] = [];
  let checked = 0;
  await pool(
    [...byCompany.keys()],
    target.concurrency,
    async (companyId) => {
      const company = companies.get(companyId)!;
      const rows = byCompany.get(companyId)!;
      const existing = await target.listContacts(companyId, opts.signal);
      const emails = new Set(existing.map((c) => c.email?.trim().toLowerCase()).filter(Boolean));
      let candidates: RowVerdict[] = [];
      for (const v of rows) {
        if (v.prefill.email && emails.has(v.prefill.email.toLowerCase())) Object.assign(v, { status: 'exists', message: `Already a contact of ${company.name}` });
        else candidates.push(v);
      }
      if (target.contactsPerCompany === 'one') {
        // One designated contact per company: a second one would replace it, which an import must not do.
        const holder = existing[0];
        if (target.createsNonPrimary) {
          // Rows marked primary replace the designated contact, as asked; unmarked rows become it
          // only where there is none yet (the first of them), the others are created beside it.
          const marked = candidates.filter((v) => v.prefill.primary === true);
          if (!marked.length && !holder) {
            const first = candidates.find((v) => v.prefill.primary === undefined);
            if (first) first.prefill.primary = true;
          }
          for (const v of candidates) if (v.prefill.primary === undefined) v.prefill.primary = false;
          const primaries = candidates.filter((v) => v.prefill.primary === true);
          for (const v of primaries.slice(1)) v.problems.push({ field: FIELD_LABELS.primary, message: `${company.name} takes one primary contact, and row ${primaries[0]!.row} is it` });
        } else {
          for (const [i, v] of candidates.entries()) {
            if (holder) v.problems.push({ field: FIELD_LABELS.company, message: `${company.name} already has a contact (${holder.email ?? holder.name}); edit it instead` });
            else if (i > 0) v.problems.push({ field: FIELD_LABELS.company, message: `${company.name} takes one contact only, and row ${candidates[0]!.row} is it` });
          }
        }
      }
      for (const part of chunks(candidates.filter((v) => !v.problems.length), opts.perSubmission)) {
        const handler = await target.createForm(company, part.map((v) => v.prefill));
        problemsByRow(handler.spec(), part.length).forEach((p, i) => part[i]!.problems.push(...p));
      }
      for (const v of candidates) v.status = v.problems.length ? 'invalid' : 'valid';
      candidates = candidates.filter((v) => v.status === 'valid');
      for (const part of chunks(candidates, opts.perSubmission)) groups.push({ companyId, companyName: company.name, rows: part.map((v) => v.row) });
      checked += rows.length;
      opts.onProgress?.(checked, verdicts.length);
    },
    opts.signal,
  );
  groups.sort((a, b) => a.rows[0]! - b.rows[0]!);
  return { verdicts, groups };
}

export function countByStatus(verdicts: readonly RowVerdict[]): Partial<Record<RowStatus, number>> {
  const counts: Partial<Record<RowStatus, number>> = {};
  for (const v of verdicts) counts[v.status] = (counts[v.status] ?? 0) + 1;
  return counts;
}
