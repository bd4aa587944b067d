// Import Contacts from CSV…: pick a file and a connection, map the columns, dry run, then create
// the valid rows and write <name>.result.csv beside the file. The logic is in src/forms/import/.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ContactPrefill, FormEffects } from '../core/forms';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import { CsvError, parseCsv, type CsvTable } from '../csv';
import { FIELD_LABELS, guessMapping, IMPORT_FIELDS, mappingProblem, rememberedMapping, rememberMapping, type ImportField, type MementoLike } from '../forms/import/columns';
import { planImport, rowsPerSubmission } from '../forms/import/plan';
import { countsLine, dryRunMarkdown, resultCsv, resultPath } from '../forms/import/report';
import { ImportJournals, runImport } from '../forms/import/run';
import { effectsFor } from './forms';
import { COMMANDS } from './ids';
import { liveProvider } from './liveProvider';
import { pickConnection } from './pickConnection';
import { registerCommand } from './run';
import type { Services } from './services';

/** Companies handled at once: the widest per-connection cap among the APIs; the HTTP client holds each to its own. */
export const IMPORT_WORKERS = 4;
const NO_EFFECTS: FormEffects = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };

export function registerImportCommand(s: Services): vscode.Disposable {
  return registerCommand(s, COMMANDS.importContacts, 'Importing contacts', (arg) => importContacts(s, arg instanceof vscode.Uri ? arg : undefined));
}

async function pickCsv(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.csv', '**/node_modules/**', 500);
  const browse = { label: vscode.l10n.t('$(folder-opened) Browse…'), uri: undefined as vscode.Uri | undefined };
  const items = [...found.filter((u) => !u.path.endsWith('.result.csv')).sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), browse];
  // Asked even with Browse… alone: a quick pick is what Escape dismisses (the palette test relies on it).
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Import Contacts from CSV'), placeHolder: vscode.l10n.t('Which CSV file?') });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { CSV: ['csv', 'txt'] }, openLabel: vscode.l10n.t('Import') });
  return chosen?.[0];
}

/** The mapping, shown column by column; the person changes any, then continues. */
async function chooseMapping(table: CsvTable, initial: ImportField[]): Promise<ImportField[] | undefined> {
  const fields = [...initial];
  for (;;) {
    const problem = mappingProblem(fields);
    const go = { label: problem ? vscode.l10n.t('$(warning) {0}', problem) : vscode.l10n.t('$(check) Continue: check every row (nothing is sent yet)'), column: -1 };
    const sample = table.rows[0] ?? [];
    const items = [go, ...table.header.map((h, i) => ({ label: `${h || vscode.l10n.t('(column {0})', i + 1)} → ${FIELD_LABELS[fields[i]!]}`, description: sample[i] ? vscode.l10n.t('e.g. {0}', sample[i]!.slice(0, 40)) : '', column: i }))];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Map the columns'), placeHolder: vscode.l10n.t('Pick a column to change what it holds, or continue') });
    if (!picked) return undefined;
    if (picked.column < 0) {
      if (!problem) return fields;
      continue;
    }
    const choice = await vscode.window.showQuickPick(
      IMPORT_FIELDS.map((f) => ({ label: FIELD_LABELS[f], field: f, picked: f === fields[picked.column] })),
      { title: vscode.l10n.t('Column "{0}" holds…', table.header[picked.column] ?? '') },
    );
    if (choice) {
      // A field goes to one column: the one it was on lets go of it.
      if (choice.field !== 'ignore') fields.forEach((f, i) => void (f === choice.field && (fields[i] = 'ignore')));
      fields[picked.column] = choice.field;
    }
  }
}

async function allCompanies(provider: Provider, signal: AbortSignal): Promise<Company[]> {
  const out: Company[] = [];
  let cursor: string | undefined;
  do {
    const page = await provider.listCompanies(cursor, 200, signal);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

async function importContacts(s: Services, given?: vscode.Uri): Promise<void> {
  const uri = given ?? (await pickCsv());
  if (!uri) return;
  const bytes = await vscode.workspace.fs.readFile(uri);
  let table: CsvTable;
  try {
    // ignoreBOM keeps the mark in the text, so parseCsv sees it and the result CSV starts with one too (Excel reads accents by it).
    table = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  } catch (e) {
    if (e instanceof CsvError) throw new Error(vscode.l10n.t('{0} cannot be read as CSV: {1}', vscode.workspace.asRelativePath(uri), e.message));
    throw e;
  }
  if (!table.rows.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has a header but no rows.', vscode.workspace.asRelativePath(uri)));
    return;
  }
  const connection = await pickConnection(s, undefined, vscode.l10n.t('Import the contacts into which connection?'), { accepts: (p) => Boolean(p.forms.createContacts), noneText: vscode.l10n.t('No connection can create contacts.') });
  if (!connection) return;
  const provider = await liveProvider(s, connection);
  const state: MementoLike | undefined = s.state;
  const mapping = await chooseMapping(table, (state && rememberedMapping(state, table.header)) ?? guessMapping(table.header));
  if (!mapping) return;
  if (state) await rememberMapping(state, table.header, mapping);
  const key = `${createHash('sha256').update(bytes).digest('hex')}/${connection.id}`;
  const journals = state ? new ImportJournals(state) : undefined;
  const journal = journals?.get(key) ?? { key, updatedAt: Date.now(), created: [], doubts: {} };
  const createForm = (company: Company, prefill: ContactPrefill[]) => provider.forms.createContacts!(company, NO_EFFECTS, { prefill });
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);

  const planned = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}', name), cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    progress.report({ message: vscode.l10n.t('Listing the companies of {0}…', connection.name) });
    const companies = await allCompanies(provider, ac.signal);
    if (!companies.length) throw new Error(vscode.l10n.t('{0} has no companies to import contacts into.', connection.name));
    const empty = await createForm(companies[0]!, []);
    const perSubmission = rowsPerSubmission(empty.spec());
    let last = 0;
    const plan = await planImport(table, mapping, { companies, contactsPerCompany: provider.capabilities.contactsPerCompany, createsNonPrimary: provider.forms.createsNonPrimary, listContacts: (id, signal) => provider.listContacts(id, signal), createForm, concurrency: IMPORT_WORKERS }, {
      done: new Set(journal.created),
      perSubmission,
      signal: ac.signal,
      onProgress: (n, total) => {
        progress.report({ message: vscode.l10n.t('{0} of {1} rows checked', n, total), increment: ((n - last) / total) * 100 });
        last = n;
      },
    });
    return ac.signal.aborted ? undefined : { plan, companies };
  });
  if (!planned) return;
  const { plan, companies } = planned;
  const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: dryRunMarkdown(vscode.workspace.asRelativePath(uri), connection.name, plan.verdicts) });
  await vscode.window.showTextDocument(report, { preview: true });
  const ready = plan.groups.reduce((n, g) => n + g.rows.length, 0);
  const companyCount = new Set(plan.groups.map((g) => g.companyId)).size;
  if (!ready) {
    await writeResult(uri, table, plan.verdicts);
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to create: {0}.', countsLine(plan.verdicts)));
    return;
  }
  const create = ready === 1 ? vscode.l10n.t('Create 1 Contact') : vscode.l10n.t('Create {0} Contacts', ready);
  const question =
    companyCount === 1
      ? vscode.l10n.t('Dry run of {0}: {1}. Create the valid rows in {2} ({3})?', name, countsLine(plan.verdicts), plan.groups[0]!.companyName, connection.name)
      : vscode.l10n.t('Dry run of {0}: {1}. Create the valid rows in {2} companies of {3}?', name, countsLine(plan.verdicts), companyCount, connection.name);
  const answer = await vscode.window.showInformationMessage(question, { modal: true }, create);
  if (answer !== create) return;

  const byId = new Map(companies.map((c) => [c.id, c]));
  const touched = new Set<string>();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating contacts from {0}', name), cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    let last = 0;
    await runImport(plan.groups, plan.verdicts, {
      companies: byId,
      createForm,
      journal,
      save: (j) => journals?.save(j) ?? Promise.resolve(),
      concurrency: IMPORT_WORKERS,
      signal: ac.signal,
      touched: (id) => touched.add(id),
      onProgress: (n, total) => {
        progress.report({ message: vscode.l10n.t('{0} of {1} rows', n, total), increment: ((n - last) / total) * 100 });
        last = n;
      },
    });
  });
  const effects = effectsFor(s, connection.id);
  for (const id of touched) effects.contactsChanged(id);
  const where = await writeResult(uri, table, plan.verdicts);
  const summary = vscode.l10n.t('Import of {0}: {1}.', name, countsLine(plan.verdicts));
  const open = vscode.l10n.t('Open Result');
  if (where) void vscode.window.showInformationMessage(summary, open).then((c) => (c ? vscode.window.showTextDocument(where) : undefined));
  else void vscode.window.showWarningMessage(summary);
}

/** Beside the input; where the person says when that folder cannot be written. */
async function writeResult(input: vscode.Uri, table: CsvTable, verdicts: Parameters<typeof resultCsv>[1]): Promise<vscode.Uri | undefined> {
  const bytes = new TextEncoder().encode(resultCsv(table, verdicts));
  const beside = input.with({ path: resultPath(input.path) });
  try {
    await vscode.workspace.fs.writeFile(beside, bytes);
    return beside;
  } catch (e) {
    const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('{0} cannot be written ({1}). Save the result where?', vscode.workspace.asRelativePath(beside), e instanceof Error ? e.message : String(e)), filters: { CSV: ['csv'] } });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target;
  }
}
