// Where an export ends up: an untitled editor with the right language (so the person sees it at
// once), then a save dialog; the file on disk gets a byte-order mark for CSV (Excel reads UTF-8
// right only with one), which then opens in place of the untitled copy. Cancelling the dialog
// leaves the untitled document open, nothing lost.
import * as vscode from 'vscode';
import type { Cell } from '../csv';

export type ExportFormat = 'csv' | 'json';

/** papaparse lives in a bundle of its own, loaded by the first export only. */
const csv = (): typeof import('../csv') => require('../csv') as typeof import('../csv');

export function csvText(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, Cell>>>): string {
  return csv().toCsv(header, rows);
}

export async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: vscode.l10n.t('One row per contact, for a spreadsheet or Import Contacts from CSV'), format: 'csv' as const },
      { label: 'JSON', description: vscode.l10n.t('Companies with their contacts, nested'), format: 'json' as const },
    ],
    { title: vscode.l10n.t('Export as'), placeHolder: vscode.l10n.t('Which format?') },
  );
  return picked?.format;
}

async function languageFor(format: ExportFormat): Promise<string> {
  if (format === 'json') return 'json';
  // VS Code has no CSV language of its own; an installed extension may bring one.
  return (await vscode.languages.getLanguages()).includes('csv') ? 'csv' : 'plaintext';
}

/** Opens the content in an editor, then asks where to save it. Returns the saved file, if any. */
export async function deliver(content: { csv: () => string; json: () => string }, format: ExportFormat, baseName: string): Promise<vscode.Uri | undefined> {
  const text = format === 'csv' ? content.csv() : content.json();
  const doc = await vscode.workspace.openTextDocument({ content: text, language: await languageFor(format) });
  await vscode.window.showTextDocument(doc, { preview: false });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${baseName.replace(/[\\/:*?"<>|]+/g, '-')}.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the export'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from((format === 'csv' ? '\ufeff' : '') + text, 'utf8'));
  // Saved: the file replaces the untitled copy, so no unsaved editor is left asking to be saved again.
  if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.window.showTextDocument(target, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', target.fsPath || target.toString()));
  return target;
}
