// Copy Contact to… (a person known in one connection becomes a contact in another, through that
// connection's own create form), and the person's decisions on the Company Across Connections
// view's matches.
import * as vscode from 'vscode';
import type { ContactPrefill } from '../core/forms';
import type { Company, Contact } from '../core/model';
import type { Connection } from '../connections/store';
import type { AcrossCompanies, AcrossNode } from '../model/across';
import type { MatchEntry, MatchGroup } from '../match/matcher';
import { isProvider } from '../model/source';
import { openCreateContacts } from './forms';
import { liveProvider } from './liveProvider';
import { COMMANDS } from './ids';
import * as pickers from './pickers';
import { registerCommand } from './run';
import type { Services } from './services';

export function registerAcrossCommands(s: Services, extensionUri: vscode.Uri, across: () => AcrossCompanies | undefined): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.copyContactTo, 'Copying the contact', (arg) => copyContactTo(s, extensionUri, across(), arg)),
    registerCommand(s, COMMANDS.confirmMatch, 'Confirming the match', async (arg) => {
      const picked = await entryOf(across(), arg, (e) => e.reason === 'name', vscode.l10n.t('Confirm which match?'), vscode.l10n.t('No company is matched by name only.'));
      if (picked) await across()!.confirm(picked.entry, picked.group);
    }),
    registerCommand(s, COMMANDS.splitMatch, 'Splitting the match', async (arg) => {
      const picked = await entryOf(across(), arg, () => true, vscode.l10n.t('Split which company out of its match?'), vscode.l10n.t('No company is matched across connections.'));
      if (picked) await across()!.split(picked.entry);
    }),
    registerCommand(s, COMMANDS.stopMatching, 'Stopping', () => {
      if (!across()?.stop()) void vscode.window.showInformationMessage(vscode.l10n.t('No companies are being matched right now.'));
    }),
  ];
}

/** The entry a decision is about: the node it was invoked on, else a pick among the matches. */
async function entryOf(across: AcrossCompanies | undefined, arg: unknown, fits: (e: MatchEntry) => boolean, title: string, none: string): Promise<{ entry: MatchEntry; group: MatchGroup } | undefined> {
  const node = arg as AcrossNode | undefined;
  if (node?.kind === 'acrossEntry') return { entry: node.entry, group: node.group };
  const choices = (across?.groups() ?? []).flatMap((group) => group.entries.filter(fits).map((entry) => ({ entry, group })));
  if (!across || choices.length === 0) {
    void vscode.window.showInformationMessage(across ? none : vscode.l10n.t('Open the Company Across Connections view first: it matches the companies.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.entry.company.name, description: c.group.name, value: c })),
    { title, matchOnDescription: true },
  );
  return picked?.value;
}

/** The person as the create forms take it, in neutral words. */
export function prefillOf(contact: Contact, from: Connection): ContactPrefill {
  const phones = contact.phones?.length ? contact.phones : contact.phone ? [contact.phone] : [];
  return {
    name: contact.formalName || contact.name,
    ...(contact.email ? { email: contact.email } : {}),
    ...(phones.length ? { phones } : {}),
    comment: vscode.l10n.t('Copied from {0}', from.name),
  };
}

async function copyContactTo(s: Services, extensionUri: vscode.Uri, across: AcrossCompanies | undefined, arg: unknown): Promise<void> {
  const node = await pickers.pickContactNode(s, arg, vscode.l10n.t('Copy a contact of which connection?'));
  if (!node) return;
  const source = s.store.get(node.connectionId);
  if (!source) return;
  const group = across?.groupOf(source.id, node.contact.companyId);
  const target = await pickTargetConnection(s, source, group);
  if (!target) return;
  const provider = await liveProvider(s, target);
  if (!provider.forms.createContacts) throw new Error(vscode.l10n.t('{0} does not support creating contacts.', target.name));
  const company = await pickTargetCompany(s, target, group);
  if (!company) return;
  await openCreateContacts(s, extensionUri, target, provider, company, [prefillOf(node.contact, source)]);
}

/** Another connection: those holding the same company first (the first one preselected). */
async function pickTargetConnection(s: Services, source: Connection, group: MatchGroup | undefined): Promise<Connection | undefined> {
  const others = s.store.list().filter((c) => c.id !== source.id);
  const fit = await Promise.all(others.map(async (c) => {
    const p = await s.model.providerFor(c.id);
    return !isProvider(p) || Boolean(p.forms.createContacts);
  }));
  const candidates = others.filter((_, i) => fit[i]);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No other connection can create contacts. Add one, or try the sandbox.'));
    return undefined;
  }
  const matched = (c: Connection) => group?.entries.find((e) => e.connectionId === c.id);
  const ordered = [...candidates.filter((c) => matched(c)), ...candidates.filter((c) => !matched(c))];
  const picked = await vscode.window.showQuickPick(
    ordered.map((c) => {
      const m = matched(c);
      return { label: c.name, description: m ? vscode.l10n.t('has {0}', m.company.name) : pickers.connectionDescription(c), value: c };
    }),
    { title: vscode.l10n.t('Copy Contact to…'), placeHolder: vscode.l10n.t('Copy the contact to which connection?') },
  );
  return picked?.value;
}

/** The matched company first; any other company of the connection can still be picked. */
async function pickTargetCompany(s: Services, target: Connection, group: MatchGroup | undefined): Promise<Company | undefined> {
  const matches = group?.entries.filter((e) => e.connectionId === target.id) ?? [];
  if (!matches.length) return pickers.pickCompany(s, target);
  const other = { label: vscode.l10n.t('Another company…'), description: '', value: undefined as Company | undefined };
  const picked = await vscode.window.showQuickPick(
    [...matches.map((e) => ({ label: e.company.name, description: vscode.l10n.t('the same company'), value: e.company as Company | undefined })), other],
    { title: vscode.l10n.t('Copy Contact to…'), placeHolder: vscode.l10n.t('Into which company of {0}?', target.name) },
  );
  if (!picked) return undefined;
  return picked.value ?? pickers.pickCompany(s, target);
}
