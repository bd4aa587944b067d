// What an export contains, independent of the file format: one row per contact carrying its
// company's columns, a company without contacts as one row of its own. The header names are the
// plain ones the CSV import guesses from (Company ID, Company, Domain, Name, E-mail, Phone,
// Primary), so an exported file imports back.
import type { ApiKind, Company, Contact } from '../core/model';
import type { BulkJournal } from '../forms/bulk/types';
import { API_LABELS } from '../core/model';
import type { AuditEntry } from '../audit/trail';

export type Cell = string | number | boolean | undefined;
export type Row = Record<string, Cell>;

export const CONTACT_COLUMNS = ['Company ID', 'Company', 'Domain', 'Connection', 'API', 'Contact ID', 'Name', 'Full name', 'E-mail', 'Phone', 'Other phones', 'Primary'] as const;

export const BULK_COLUMNS = ['Company ID', 'Company', 'Connection', 'API', 'Run', 'Planned', 'Status', 'Message', 'Field', 'Invitation ID', 'Attempts', 'Updated'] as const;

export interface ExportedConnection {
  id: string;
  name: string;
  api: ApiKind;
}

/** One company with the contacts exported for it (all of them, or those selected). */
export interface ExportedCompany {
  connection: ExportedConnection;
  company: Pick<Company, 'id' | 'name' | 'primaryDomain'>;
  contacts: Contact[];
}

/** "Primary" reads yes/no: what a person types in a spreadsheet, and what the import reads as a flag. */
const flag = (b: boolean): string => (b ? 'yes' : 'no');

function phonesOf(c: Contact): string[] {
  const all = [...(c.phone ? [c.phone] : []), ...(c.phones ?? [])];
  return all.filter((p, i) => p.trim() !== '' && all.indexOf(p) === i);
}

export function contactRows(items: readonly ExportedCompany[]): Row[] {
  const rows: Row[] = [];
  for (const { connection, company, contacts } of items) {
    const base: Row = { 'Company ID': company.id, Company: company.name, Domain: company.primaryDomain, Connection: connection.name, API: API_LABELS[connection.api] };
    if (contacts.length === 0) {
      rows.push(base);
      continue;
    }
    for (const c of contacts) {
      const phones = phonesOf(c);
      rows.push({
        ...base,
        'Contact ID': c.id,
        Name: c.name,
        'Full name': c.formalName && c.formalName !== c.name ? c.formalName : undefined,
        'E-mail': c.email ?? undefined,
        Phone: phones[0],
        'Other phones': phones.length > 1 ? phones.slice(1).join('; ') : undefined,
        Primary: flag(c.isPrimary),
      });
    }
  }
  return rows;
}

/** The same content as JSON: nested (a company holds its contacts), nothing the CSV lacks. */
export function contactsJson(items: readonly ExportedCompany[]): string {
  return JSON.stringify(
    items.map(({ connection, company, contacts }) => ({
      connection: { id: connection.id, name: connection.name, api: connection.api },
      company: { id: company.id, name: company.name, ...(company.primaryDomain ? { domain: company.primaryDomain } : {}) },
      contacts: contacts.map((c) => ({
        id: c.id,
        name: c.name,
        ...(c.formalName && c.formalName !== c.name ? { fullName: c.formalName } : {}),
        ...(c.email ? { email: c.email } : {}),
        phones: phonesOf(c),
        primary: c.isPrimary,
      })),
    })),
    null,
    2,
  ) + '\n';
}

/** A bulk invitation run's results, one row per company. */
export function bulkRows(journal: BulkJournal, connection: ExportedConnection | undefined): Row[] {
  return journal.items.map((i) => ({
    'Company ID': i.companyId,
    Company: i.companyName,
    Connection: connection?.name ?? journal.connectionId,
    API: connection ? API_LABELS[connection.api] : undefined,
    Run: journal.runId,
    Planned: journal.createdAt,
    Status: i.uncertain && i.state !== 'sent' ? `${i.state} (outcome unknown)` : i.state,
    Message: i.message,
    Field: i.field,
    'Invitation ID': i.resultId,
    Attempts: i.attempts,
    Updated: i.updatedAt,
  }));
}

export function bulkJson(journal: BulkJournal, connection: ExportedConnection | undefined): string {
  return JSON.stringify(
    {
      run: journal.runId,
      connection: connection ? { id: connection.id, name: connection.name, api: connection.api } : { id: journal.connectionId },
      planned: journal.createdAt,
      ...(journal.finishedAt ? { finished: journal.finishedAt } : {}),
      ...(journal.error ? { error: journal.error } : {}),
      items: journal.items.map((i) => ({
        companyId: i.companyId,
        companyName: i.companyName,
        status: i.state,
        ...(i.uncertain ? { outcomeUnknown: true } : {}),
        ...(i.message ? { message: i.message } : {}),
        ...(i.field ? { field: i.field } : {}),
        ...(i.resultId ? { invitationId: i.resultId } : {}),
        attempts: i.attempts,
        updated: i.updatedAt,
      })),
    },
    null,
    2,
  ) + '\n';
}

export const AUDIT_COLUMNS = ['Time', 'Connection', 'Connection ID', 'API', 'Method', 'Path', 'Status', 'Result', 'Company ID', 'Company', 'Request ID', 'Duration (ms)'] as const;

/** The audit trail's entries as rows (newest first, as shown). */
export function auditRows(entries: readonly AuditEntry[]): Row[] {
  return entries.map((e) => ({
    Time: e.time,
    Connection: e.connectionName,
    'Connection ID': e.connectionId,
    API: API_LABELS[e.api],
    Method: e.method,
    Path: e.path,
    Status: e.status,
    Result: e.outcome,
    'Company ID': e.companyId,
    Company: e.companyName,
    'Request ID': e.requestId,
    'Duration (ms)': e.durationMs,
  }));
}
