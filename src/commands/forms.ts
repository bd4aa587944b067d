// Opening the forms: from a tree node (right-click, or several selected companies), or from the
// palette, which then asks for the connection and the company with QuickPicks.
import * as vscode from 'vscode';
import type { ContactPrefill, FormEffects, FormHandler, ProviderForms } from '../core/forms';
import type { Company, Folder, User } from '../core/model';
import type { Provider } from '../core/provider';
import type { Connection } from '../connections/store';
import { liveHandler } from '../forms/live';
import { openFormPanel } from '../forms/panel';
import type { ReopenState } from '../forms/reopen';
import type { ListState } from '../model/source';
import { liveProvider } from './liveProvider';
import type { TreeNode } from '../model/nodes';
import { COMMANDS } from './ids';
import { pickConnection } from './pickConnection';
import { registerCommand } from './run';
import type { Services } from './services';
import { startBulkInvite } from './bulkInvite';
import * as pickers from './pickers';
import { withViewProgress } from './progress';

/** What a panel keeps to be reopened after a reload, besides its key and connection. */
type FormTarget = Omit<ReopenState, 'key' | 'connectionId'>;

export function registerFormCommands(s: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    ...[COMMANDS.createContact, COMMANDS.createContacts, COMMANDS.assignContact].map((id) =>
      registerCommand(s, id, vscode.l10n.t('Opening the contact form'), (arg) => createContacts(s, extensionUri, arg as TreeNode | undefined)),
    ),
    registerCommand(s, COMMANDS.editContact, vscode.l10n.t('Opening the contact form'), async (arg) => {
      const node = (arg as TreeNode | undefined) ?? (await pickers.pickContactNode(s, undefined, vscode.l10n.t('Edit a contact in which connection?'), { accepts: (p) => Boolean(p.forms.editContact), noneText: vscode.l10n.t('No connection has contacts to edit.') }));
      if (node) await editContact(s, extensionUri, node);
    }),
    registerCommand(s, COMMANDS.editUser, vscode.l10n.t('Opening the user form'), (arg) => editUser(s, extensionUri, arg as TreeNode | undefined)),
    registerCommand(s, COMMANDS.invite, vscode.l10n.t('Opening the invitation form'), (arg, selected) => invite(s, extensionUri, arg as TreeNode | undefined, selected as TreeNode[] | undefined)),
    registerCommand(s, COMMANDS.inviteAll, vscode.l10n.t('Opening the bulk invitation form'), (arg) => inviteAll(s, extensionUri, arg as TreeNode | undefined)),
    registerCommand(s, COMMANDS.inviteFolder, vscode.l10n.t('Opening the bulk invitation form'), (arg) => inviteFolder(s, extensionUri, arg as TreeNode | undefined)),
  ];
}

export function effectsFor(s: Services, connectionId: string): FormEffects {
  return {
    contactsChanged: (companyId) => void s.model.refresh({ connectionId, scope: 'contacts', companyId }),
    usersChanged: () => void s.model.refresh({ connectionId, scope: 'users' }),
    invitationsChanged: () => void s.model.refresh({ connectionId, scope: 'invitations' }),
  };
}

export { liveProvider };

/**
 * Loads what a form needs (domains, groups…) behind a progress notification, then opens it. `load`
 * builds the form through a given provider: each submission rebuilds it when the connection's
 * provider changed meanwhile (sandbox on a new port, new token), see liveHandler.
 */
async function open(s: Services, extensionUri: vscode.Uri, connection: Connection, key: string, what: string, first: Provider, load: (provider: Provider) => Promise<FormHandler>, target: FormTarget): Promise<void> {
  const handler = await withViewProgress(vscode.l10n.t('Loading {0}…', what), () => load(first));
  const live = liveHandler(first, handler, () => liveProvider(s, connection), load);
  openFormPanel(extensionUri, key, live, s.log, { drafts: s.drafts, inDoubt: s.inDoubt, scope: connection.id, reopen: { key, connectionId: connection.id, ...target } });
}

/** The menu's words for the provider's create form ("Create Contacts…"), without the dots. */
function createWhat(provider: Provider): string {
  return (provider.labels?.createContact ?? 'Create Contact…').replace(/…$/, '');
}

async function createContacts(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined): Promise<void> {
  const target = await companyTarget(s, node, vscode.l10n.t('Create contacts in which connection?'));
  if (!target) return;
  await openCreateContacts(s, extensionUri, target.connection, target.provider, target.company);
}

/**
 * The create-contacts form of one company, optionally prefilled (Copy Contact to…, a fix from Needs
 * Attention): the provider maps the neutral values it understands onto its own fields.
 */
export async function openCreateContacts(s: Services, extensionUri: vscode.Uri, connection: Connection, provider: Provider, company: Company, prefill?: ContactPrefill[]): Promise<void> {
  if (!provider.forms.createContacts) throw new Error(vscode.l10n.t('{0} does not support creating contacts.', connection.name));
  const what = createWhat(provider);
  const options = prefill?.length ? { prefill } : undefined;
  // A copied person gets a panel of its own: an open form of the same company keeps what it shows.
  const key = `${connection.id}/contact/${company.id}${prefill?.length ? `/copy/${prefill.map((p) => p.email ?? p.name ?? '').join(',')}` : ''}`;
  await open(s, extensionUri, connection, key, `the form “${what}”`, provider, (p) => verbOf(p, 'createContacts')(company, effectsFor(s, connection.id), options), { verb: 'createContacts', companies: [company], ...(options ? { prefill: options.prefill } : {}) });
}

async function editContact(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined): Promise<void> {
  if (node?.kind !== 'contact') throw new Error(vscode.l10n.t('Right-click a contact in the Portfolio Contacts view to edit it.'));
  const target = await companyTarget(s, node, vscode.l10n.t('Edit a contact in which connection?'));
  if (!target) return;
  const { connection, provider, company } = target;
  if (!provider.forms.editContact) throw new Error(vscode.l10n.t('{0} does not support editing contacts.', connection.name));
  const contact = node.contact;
  // One contact per company: the create form turns into this edit, so both share one panel.
  const key = provider.capabilities.contactsPerCompany === 'one' ? `${connection.id}/contact/${company.id}` : `${connection.id}/contact/${company.id}/${contact.id}`;
  await open(s, extensionUri, connection, key, 'the contact form', provider, (p) => verbOf(p, 'editContact')(company, contact, effectsFor(s, connection.id)), { verb: 'editContact', companies: [company], contact });
}

async function editUser(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined): Promise<void> {
  const connection = await pickConnection(s, node, vscode.l10n.t('Edit a user in which connection?'));
  if (!connection) return;
  const provider = await liveProvider(s, connection);
  if (!provider.forms.editUser) throw new Error(vscode.l10n.t('{0} has no users to edit.', connection.name));
  const user = node?.kind === 'user' ? node.user : await pickers.pickUser(s, connection);
  if (!user) return;
  await open(s, extensionUri, connection, `${connection.id}/user/${user.id}`, 'the user form', provider, (p) => verbOf(p, 'editUser')(user, effectsFor(s, connection.id)), { verb: 'editUser', user });
}

async function invite(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined, selected: TreeNode[] | undefined): Promise<void> {
  const companies = (selected ?? []).filter((n): n is Extract<TreeNode, { kind: 'company' }> => n.kind === 'company');
  if (companies.length > 1) {
    const connectionIds = new Set(companies.map((c) => c.connectionId));
    if (connectionIds.size > 1) throw new Error(vscode.l10n.t('Select companies of one connection at a time to invite them together.'));
    const connection = s.store.get(companies[0]!.connectionId);
    if (!connection) return;
    await startBulkInvite(s, extensionUri, connection, await liveProvider(s, connection), companies.map((c) => c.company));
    return;
  }
  if (node?.kind !== 'company') {
    // From the palette: several companies may be picked, which makes it a bulk invitation.
    const connection = await pickConnection(s, node, vscode.l10n.t('Invite companies of which connection?'));
    if (!connection) return;
    const provider = await liveProvider(s, connection);
    const picked = await pickers.pickCompanies(s, connection, true);
    if (!picked?.length) return;
    if (picked.length > 1) return startBulkInvite(s, extensionUri, connection, provider, picked);
    return openInvite(s, extensionUri, connection, provider, picked[0]!);
  }
  const connection = s.store.get(node.connectionId);
  if (!connection) return;
  await openInvite(s, extensionUri, connection, await liveProvider(s, connection), node.company);
}

async function openInvite(s: Services, extensionUri: vscode.Uri, connection: Connection, provider: Provider, company: Company): Promise<void> {
  if (!provider.forms.invite) throw new Error(vscode.l10n.t('{0} does not support invitations.', connection.name));
  await open(s, extensionUri, connection, `${connection.id}/invite/${company.id}`, 'the invitation form', provider, (p) => verbOf(p, 'invite')(company, effectsFor(s, connection.id)), { verb: 'invite', companies: [company] });
}

async function inviteAll(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined): Promise<void> {
  const connection = await pickConnection(s, node, vscode.l10n.t('Invite every company of which connection?'));
  if (!connection) return;
  const provider = await liveProvider(s, connection);
  const companies = await loadAllCompanies(s, connection);
  if (!companies) return;
  if (companies.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no companies to invite.', connection.name));
    return;
  }
  await startBulkInvite(s, extensionUri, connection, provider, companies);
}

/** From a folder's context menu, or from the palette (a folder is picked). */
async function inviteFolder(s: Services, extensionUri: vscode.Uri, node: TreeNode | undefined): Promise<void> {
  if (node?.kind !== 'folder') node = await pickers.pickFolderNode(s, node); if (!node) return;
  const connection = s.store.get(node.connectionId);
  if (!connection) return;
  const provider = await liveProvider(s, connection);
  const companies = await loadAllFolderCompanies(s, connection, node.folder);
  if (!companies) return;
  if (companies.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The folder "{0}" has no companies to invite.', node.folder.name));
    return;
  }
  await startBulkInvite(s, extensionUri, connection, provider, companies, node.folder.name);
}

type Verb = 'createContacts' | 'editContact' | 'editUser' | 'invite';

/** A form verb of a provider that must offer it (a rebuilt provider of the same connection does). */
function verbOf<V extends Verb>(provider: Provider, verb: V): NonNullable<ProviderForms[V]> {
  const form = provider.forms[verb];
  if (!form) throw new Error(vscode.l10n.t('This connection no longer offers this form.'));
  return form.bind(provider.forms) as NonNullable<ProviderForms[V]>;
}

async function companyTarget(s: Services, node: TreeNode | undefined, placeHolder: string): Promise<{ connection: Connection; provider: Provider; company: Company } | undefined> {
  const connection = await pickConnection(s, node, placeHolder);
  if (!connection) return undefined;
  const provider = await liveProvider(s, connection);
  let company: Company | undefined;
  if (node?.kind === 'company') company = node.company;
  else if (node?.kind === 'contact') company = s.model.company(connection.id, node.contact.companyId) ?? { id: node.contact.companyId, name: node.contact.companyId };
  else company = await pickers.pickCompany(s, connection);
  return company ? { connection, provider, company } : undefined;
}

/** Every company of a connection, page by page through the model (so the tree fills too). */
function loadAllCompanies(s: Services, connection: Connection): Promise<Company[] | undefined> {
  return loadAll(connection, `the companies of ${connection.name}`, () => s.model.list(connection.id, 'companies'), () => s.model.loadMore(connection.id, 'companies'));
}

/** Every company of one folder, the same way (its folder node fills too). */
function loadAllFolderCompanies(s: Services, connection: Connection, folder: Folder): Promise<Company[] | undefined> {
  return loadAll(
    connection,
    `the companies in "${folder.name}"`,
    () => s.model.folderCompanies(connection.id, folder.id),
    () => s.model.loadMoreInFolder(connection.id, folder.id),
  );
}

/** Reads a paged list to its end behind a cancellable progress notification; undefined when cancelled. */
async function loadAll(connection: Connection, what: string, read: () => Promise<ListState<Company>>, more: () => Promise<void>): Promise<Company[] | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading {0}', what), cancellable: true },
    async (progress, cancel) => {
      let state = await read();
      while (state.hasMore && !state.error && !cancel.isCancellationRequested) {
        progress.report({ message: `${state.items.length}${state.total ? ` of ${state.total}` : ''}` });
        await more();
        state = await read();
      }
      if (cancel.isCancellationRequested) return undefined;
      if (state.error) throw state.error;
      if (state.unavailable) throw new Error(vscode.l10n.t('{0} is not available ({1}).', connection.name, state.unavailable.reason));
      return [...state.items];
    },
  );
}
