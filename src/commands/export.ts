// Export…: the companies and contacts of a connection (every page, with progress and cancel), of
// the tree's selection, or a bulk invitation run's results, as CSV or JSON. Vendor-neutral: only
// listCompanies and listContacts of the provider interface are used.
import * as vscode from 'vscode';
import type { Connection } from '../connections/store';
import type { Company } from '../core/model';
import type { BulkJournal } from '../forms/bulk/types';
import { BULK_COLUMNS, bulkJson, bulkRows, CONTACT_COLUMNS, contactRows, contactsJson, type ExportedCompany } from '../export/rows';
import type { TreeNode } from '../model/nodes';
import { csvText, deliver, pickFormat } from './exportFile';
import { COMMANDS } from './ids';
import { liveProvider } from './liveProvider';
import { pickConnection, targetsOf } from './pickers';
import { registerCommand } from './run';
import type { Services } from './services';

/** Contacts read at once while exporting a connection (the client's own cap still applies). */
const CONTACT_READS_AT_ONCE = 4;
const PAGE_SIZE = 100;

type Source = 'connection' | 'selection' | 'bulk';

export function registerExportCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.exportData, 'Exporting', (arg, selected) => exportData(s, arg, selected)),
    registerCommand(s, COMMANDS.exportBulkResults, 'Exporting the bulk results', (arg) => exportBulk(s, typeof arg === 'string' ? arg : undefined)),
  ];
}

async function exportData(s: Services, arg: unknown, selected: unknown): Promise<void> {
  const nodes = targetsOf(s, arg, selected).filter((n) => n.kind === 'company' || n.kind === 'contact');
  const fromNode = arg !== undefined && (typeof arg === 'object' && arg !== null && 'kind' in arg) ? (arg as TreeNode) : undefined;
  let source: Source | undefined;
  if (fromNode?.kind === 'connection') source = 'connection';
  else if (fromNode && nodes.length > 0) source = 'selection';
  else source = await pickSource(nodes.length);
  if (!source) return;
  if (source === 'bulk') return exportBulk(s);
  const format = await pickFormat();
  if (!format) return;
  if (source === 'selection') {
    const items = await selectionItems(s, nodes);
    await deliver({ csv: () => csvText(CONTACT_COLUMNS, contactRows(items)), json: () => contactsJson(items) }, format, 'portfolio-selection');
    return;
  }
  const connection = await pickConnection(s, fromNode ?? (typeof arg === 'string' ? arg : undefined), vscode.l10n.t('Export which connection?'));
  if (!connection) return;
  const items = await connectionItems(s, connection);
  if (!items) return;
  await deliver({ csv: () => csvText(CONTACT_COLUMNS, contactRows(items)), json: () => contactsJson(items) }, format, `${connection.name}-contacts`);
}

async function pickSource(selectedCount: number): Promise<Source | undefined> {
  const items: Array<vscode.QuickPickItem & { source: Source }> = [
    { label: vscode.l10n.t('Companies and contacts of a connection'), description: vscode.l10n.t('Every page, read from the API'), source: 'connection' },
    ...(selectedCount > 0 ? [{ label: vscode.l10n.t('The selection in the tree'), description: vscode.l10n.t('{0} selected', selectedCount), source: 'selection' as const }] : []),
    { label: vscode.l10n.t('Results of a bulk invitation run'), source: 'bulk' },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export'), placeHolder: vscode.l10n.t('What to export?') }))?.source;
}

function exported(connection: Connection): ExportedCompany['connection'] {
  return { id: connection.id, name: connection.name, api: connection.api };
}

/** Every company of the connection with all its contacts; undefined when cancelled. */
async function connectionItems(s: Services, connection: Connection): Promise<ExportedCompany[] | undefined> {
  const provider = await liveProvider(s, connection);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', connection.name), cancellable: true },
    async (progress, cancel) => {
      const abort = new AbortController();
      cancel.onCancellationRequested(() => abort.abort());
      const companies: Company[] = [];
      let cursor: string | undefined;
      do {
        const page = await provider.listCompanies(cursor, PAGE_SIZE, abort.signal);
        companies.push(...page.items);
        cursor = page.next;
        progress.report({ message: vscode.l10n.t('{0} companies read', companies.length) });
      } while (cursor && !abort.signal.aborted);
      const out: ExportedCompany[] = new Array(companies.length);
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < companies.length && !abort.signal.aborted) {
          const i = next++;
          const company = companies[i]!;
          out[i] = { connection: exported(connection), company, contacts: await provider.listContacts(company.id, abort.signal) };
          done++;
          progress.report({ message: vscode.l10n.t('Contacts of {0} of {1} companies read', done, companies.length), increment: 100 / companies.length });
        }
      };
      await Promise.all(Array.from({ length: CONTACT_READS_AT_ONCE }, worker));
      return abort.signal.aborted ? undefined : out;
    },
  ).then(
    (v) => v,
    (e: unknown) => {
      if ((e as { kind?: string })?.kind === 'cancelled') return undefined;
      throw e;
    },
  );
}

/** Selected companies export with all their contacts; selected contacts with their company's columns. */
async function selectionItems(s: Services, nodes: TreeNode[]): Promise<ExportedCompany[]> {
  const byKey = new Map<string, ExportedCompany>();
  const whole = new Set<string>();
  for (const n of nodes) {
    if (n.kind !== 'company' && n.kind !== 'contact') continue;
    const connection = s.store.get(n.connectionId);
    if (!connection) continue;
    const companyId = n.kind === 'company' ? n.company.id : n.contact.companyId;
    const key = `${connection.id}\u0000${companyId}`;
    let item = byKey.get(key);
    if (!item) {
      const company = n.kind === 'company' ? n.company : await knownCompany(s, connection.id, companyId);
      item = { connection: exported(connection), company, contacts: [] };
      byKey.set(key, item);
    }
    if (n.kind === 'company') whole.add(key);
    else if (!item.contacts.some((c) => c.id === n.contact.id)) item.contacts.push(n.contact);
  }
  for (const key of whole) {
    const item = byKey.get(key)!;
    const provider = await liveProvider(s, s.store.get(item.connection.id)!);
    item.contacts = await provider.listContacts(item.company.id);
  }
  return [...byKey.values()];
}

async function knownCompany(s: Services, connectionId: string, companyId: string): Promise<Pick<Company, 'id' | 'name' | 'primaryDomain'>> {
  return s.model.company(connectionId, companyId) ?? (await s.model.findCompany(connectionId, companyId).catch(() => undefined)) ?? { id: companyId, name: '' };
}

/** A bulk run's results (the newest run when several, after a pick). */
async function exportBulk(s: Services, runId?: string): Promise<void> {
  const journals = (await s.journals.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  let journal: BulkJournal | undefined = runId ? journals.find((j) => j.runId === runId) : undefined;
  if (!journal) {
    if (journals.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no bulk invitation results to export.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      journals.map((j) => ({
        label: s.store.get(j.connectionId)?.name ?? j.connectionId,
        description: new Date(j.createdAt).toLocaleString(),
        detail: vscode.l10n.t('{0} companies, {1} sent', j.items.length, j.items.filter((i) => i.state === 'sent').length),
        journal: j,
      })),
      { title: vscode.l10n.t('Export bulk results'), placeHolder: vscode.l10n.t('Which run? The newest is first') },
    );
    journal = picked?.journal;
  }
  if (!journal) return;
  const format = await pickFormat();
  if (!format) return;
  const c = s.store.get(journal.connectionId);
  const connection = c ? exported(c) : undefined;
  const j = journal;
  await deliver({ csv: () => csvText(BULK_COLUMNS, bulkRows(j, connection)), json: () => bulkJson(j, connection) }, format, `bulk-invitations-${j.createdAt.slice(0, 10)}`);
}

