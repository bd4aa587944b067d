// Renders the cached model as a tree. Never throws: a failure, a missing token, an empty list and
// "more pages" all become tree items. Refreshes fire for the node that changed, not the whole view.
// Words come from the provider's labels; tooltips are built only when VS Code asks (resolveTreeItem).
import * as vscode from 'vscode';
import { API_LABELS, type Company } from '../core/model';
import { ApiError, isApiError, messageOf } from '../core/errors';
import type { Provider, ProviderLabels } from '../core/provider';
import { presentError } from '../forms/presentError';
import { COMMANDS } from '../commands/ids';
import type { ConnectionList, ListKind, NodeAction, TreeNode } from '../model/nodes';
import type { ModelChange, PortfolioTree } from '../model/portfolio';
import { isProvider, type ListState, type Unavailable } from '../model/source';
import type { PortfolioModel } from './model';
import { enumLabel, formatDate, plainMarkdown } from './format';
import { companyNodeId, connectionNodeId, folderNodeId, listNodeId, nodeId } from './nodes';

const LIST_ICON: Record<ListKind, string> = { companies: 'organization', users: 'account', invitations: 'mail', folders: 'folder-library' };

/** Until a connection's provider is known (its children were never listed), neutral words. */
const NEUTRAL_LABELS: ProviderLabels = { companies: 'Companies', company: 'company', primaryContact: 'primary contact', contacts: 'Contacts', users: 'Users', createContact: 'Create Contact…' };

/** The nodes whose children are a paged list: a list, or a folder (its companies). */
type ListParent = Extract<TreeNode, { kind: 'list' | 'folder' | 'companyUsers' | 'contact' }>;
type CompanyNode = Extract<TreeNode, { kind: 'company' }>;

/** The part of vscode.TreeView the provider drives (the view is created after the provider): reveal and its message. */
export interface RevealTarget {
  reveal(node: TreeNode, options: { select?: boolean; focus?: boolean; expand?: boolean | number }): Thenable<void>;
  message?: string | undefined;
}

export class PortfolioTreeProvider implements vscode.TreeDataProvider<TreeNode>, PortfolioTree, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes handed out, by id, so a model change can refresh exactly that node. */
  private readonly handedOut = new Map<string, TreeNode>();
  private readonly labelsOf = new Map<string, ProviderLabels>();
  /** How many contacts each company had when last listed (by company node id), for screen readers. */
  private readonly contactCounts = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private view?: RevealTarget;
  /** A reveal VS Code is carrying out (see noteSignedIn). */
  private revealing?: Promise<void>;
  /** Connections last seen signed out / signed in, for the Sign In and Sign Out menu items. */
  private readonly signedIn = new Map<string, boolean>();

  constructor(
    private readonly connections: ConnectionList,
    private readonly model: PortfolioModel,
    /** BCP 47 tag for dates (VS Code's display language); the host's default when undefined. */
    private readonly locale: () => string | undefined = () => vscode.env?.language,
  ) {
    this.subscriptions.push(
      this.changed,
      this.connections.onDidChange(() => {
        this.refreshAll();
        this.updateMessage();
      }),
      this.model.onDidChange((change) => {
        if (change.scope === 'companies') this.updateMessage();
        this.onModelChange(change);
      }),
    );
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  /** The view showing this provider, for reveal. */
  attach(view: RevealTarget): void {
    this.view = view;
    this.updateMessage();
  }

  /** The view's message names every active filter, so a shortened list is never mistaken for the portfolio. */
  private updateMessage(): void {
    if (!this.view) return;
    const filtered = this.connections.list().flatMap((c) => {
      const f = this.model.filterOf(c.id);
      // "Sandbox (<API label>)" already names its API; "Prod" does not.
      const where = c.name.includes(API_LABELS[c.api]) ? c.name : `${c.name} (${API_LABELS[c.api]})`;
      return f ? [vscode.l10n.t('“{0}” in {1}', f, where)] : [];
    });
    // A view message is plain text: "Clear Filter" names the list's inline button and the command.
    this.view.message = filtered.length ? vscode.l10n.t('Filtered by {0} — Clear Filter', filtered.join(', ')) : undefined;
  }

  refreshAll(): void {
    this.handedOut.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const words = this.words(node);
    switch (node.kind) {
      case 'connection': {
        const c = node.connection;
        const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = c.sandbox ? vscode.l10n.t('{0} · sandbox', API_LABELS[c.api]) : API_LABELS[c.api];
        item.iconPath = new vscode.ThemeIcon(c.sandbox ? 'beaker' : 'plug');
        const state = this.signedIn.get(c.id);
        item.contextValue = contextValue(c.sandbox ? 'connection.sandbox' : 'connection', state === undefined ? [] : [state ? 'signedIn' : 'signedOut']);
        return this.withId(item, node);
      }
      case 'list': {
        const item = new vscode.TreeItem(listLabel(node.list, words), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(LIST_ICON[node.list]);
        const filter = node.list === 'companies' ? this.model.filterOf(node.connectionId) : undefined;
        // The toggle is read now, not when the node was made: the same node is re-rendered after it.
        const toggles = node.actions.includes('archivedShown') || node.actions.includes('archivedHidden');
        const shown = toggles && this.model.showsArchived(node.connectionId);
        const actions: NodeAction[] = node.actions.filter((a) => a !== 'archivedShown' && a !== 'archivedHidden');
        if (toggles) actions.push(shown ? 'archivedShown' : 'archivedHidden');
        if (filter) actions.push('filtered');
        item.description = [filter && `filtered: “${filter}”`, shown && 'archived shown'].filter(Boolean).join(' · ') || undefined;
        item.contextValue = contextValue(`list.${node.list}`, actions);
        return this.withId(item, node);
      }
      case 'folder': {
        const f = node.folder;
        const item = new vscode.TreeItem(f.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${f.companyCount} ${f.companyCount === 1 ? words.company : words.companies.toLowerCase()}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = contextValue('folder', node.actions);
        return this.withId(item, node);
      }
      case 'company': {
        const co = node.company;
        const item = new vscode.TreeItem(co.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = [co.kind && enumLabel(co.kind), co.detail, co.archived ? 'archived' : undefined].filter(Boolean).join(' · ') || undefined;
        item.iconPath = new vscode.ThemeIcon(co.archived ? 'archive' : 'briefcase');
        item.contextValue = contextValue(co.archived ? 'company.archived' : 'company', co.webUrl ? [...node.actions, 'web'] : node.actions);
        return this.withId(item, node);
      }
      case 'contact': {
        const ct = node.contact;
        const label = ct.formalName || ct.name;
        const item = new vscode.TreeItem(label, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = [ct.email, ct.isPrimary ? words.primaryContact : undefined].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(ct.isPrimary ? 'star-full' : 'person');
        item.contextValue = contextValue(ct.email ? 'contact.withEmail' : 'contact', node.actions);
        return this.withId(item, node);
      }
      case 'companyUsers': {
        const item = new vscode.TreeItem(words.users, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('account');
        item.contextValue = 'companyUsers';
        return this.withId(item, node);
      }
      case 'user': {
        const u = node.user;
        const item = new vscode.TreeItem(u.formalName || u.name, vscode.TreeItemCollapsibleState.None);
        // "you": the token's own user, whose edits can lock the connection out of editing users.
        item.description = [u.isSelf ? 'you' : undefined, u.role && enumLabel(u.role), u.isCompanyApiToken ? 'API token' : u.email].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(u.isCompanyApiToken ? 'key' : 'account');
        item.contextValue = contextValue('user', node.actions);
        return this.withId(item, node);
      }
      case 'detail': {
        const d = node.detail;
        const item = new vscode.TreeItem(d.label, vscode.TreeItemCollapsibleState.None);
        item.description = [d.description, d.isPrimary ? 'primary' : undefined].filter(Boolean).join(' · ') || undefined;
        item.iconPath = new vscode.ThemeIcon(d.isPrimary ? 'star-full' : 'location');
        item.contextValue = 'detail';
        return this.withId(item, node);
      }
      case 'invitation': {
        const inv = node.invitation;
        const item = new vscode.TreeItem(inv.companyName, vscode.TreeItemCollapsibleState.None);
        const date = inv.createdAt && formatDate(inv.createdAt.slice(0, 10), this.locale());
        item.description = [enumLabel(inv.status), date, inv.recipientEmail].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(/resolved|active|approved/i.test(inv.status) ? 'pass' : /pending|never/i.test(inv.status) ? 'clock' : 'mail');
        item.contextValue = 'invitation';
        return this.withId(item, node);
      }
      case 'loadMore': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.description = node.total !== undefined ? vscode.l10n.t('{0} of {1} shown', node.loaded, node.total) : vscode.l10n.t('{0} shown', node.loaded);
        item.iconPath = new vscode.ThemeIcon('fold-down');
        item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
        item.contextValue = 'loadMore';
        return this.withId(item, node);
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(
          { info: 'info', error: 'error', signIn: 'sign-in', empty: 'circle-slash' }[node.tone],
          node.tone === 'error' ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined,
        );
        // Messages keep their tooltip at once: it says what clicking them does.
        item.tooltip = node.detail ? tooltip([[node.text, true], [node.detail]]) : node.text;
        item.command = node.command;
        item.contextValue = `message.${node.tone}`;
        return this.withId(item, node);
      }
    }
  }

  /** Tooltips only for the items the person hovers: API text, escaped, never markdown. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const lines = this.tooltipLines(node);
    if (lines) item.tooltip = tooltip(lines);
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      return this.remember(await this.children(node));
    } catch (e) {
      // Last line of defence: a bug must not blank the view.
      return this.remember([errorNode(node ? nodeId(node) : 'root', node ? connectionIdOf(node) : undefined, vscode.l10n.t('Showing this part of the tree'), e)]);
    }
  }

  /** The node above `node`, for reveal: the one handed out if any, else rebuilt from the model. */
  async getParent(node: TreeNode): Promise<TreeNode | undefined> {
    const id = parentIdOf(node);
    if (id === undefined) return undefined;
    const known = this.handedOut.get(id);
    if (known) return known;
    // Remembered, so the getChildren that follows a reveal hands out this same object: VS Code
    // registers an id once, and a second object with the same id is refused.
    const parent = await this.rebuildParent(node);
    if (parent) this.remember([parent]);
    return parent;
  }

  private async rebuildParent(node: TreeNode): Promise<TreeNode | undefined> {
    switch (node.kind) {
      case 'list':
      case 'connection':
        return this.connectionNode(node.kind === 'list' ? node.connectionId : node.connection.id);
      case 'folder':
        return this.listNode(node.connectionId, 'folders');
      case 'company': {
        if (!node.folderId) return this.listNode(node.connectionId, 'companies');
        const folder = this.model.folder(node.connectionId, node.folderId);
        return folder ? { kind: 'folder', connectionId: node.connectionId, folder, actions: (await this.actionsOf(node.connectionId)).folder } : undefined;
      }
      case 'contact':
        return this.companyNode(node.connectionId, node.contact.companyId, node.folderId);
      case 'companyUsers':
        return this.companyNode(node.connectionId, node.company.id, node.folderId);
      case 'user':
        return node.company ? { kind: 'companyUsers', connectionId: node.connectionId, company: node.company, folderId: node.folderId } : this.listNode(node.connectionId, 'users');
      case 'detail':
        return { kind: 'contact', connectionId: node.connectionId, contact: node.contact, actions: [], folderId: node.folderId, expandable: true };
      case 'invitation':
        return this.listNode(node.connectionId, 'invitations');
      case 'loadMore': {
        if (!node.folderId) return this.listNode(node.connectionId, node.list);
        const folder = this.model.folder(node.connectionId, node.folderId);
        return folder ? { kind: 'folder', connectionId: node.connectionId, folder, actions: (await this.actionsOf(node.connectionId)).folder } : undefined;
      }
      case 'message':
        return undefined;
    }
  }

  /** Expands the connection and its companies, pages until the company is loaded, and selects it. */
  async reveal(connectionId: string, companyId: string, found?: Company, options: { focus?: boolean } = {}): Promise<boolean> {
    if (!this.view) return false;
    // A company a search found is placed in the list at once: paging a 10,000-company portfolio to it would take minutes.
    if (found) {
      await this.model.list(connectionId, 'companies');
      // Only a list already shown needs its rows again; a full refresh now would race the reveal.
      const shown = this.handedOut.get(listNodeId(connectionId, 'companies'));
      if (this.model.place(connectionId, found) && shown) this.changed.fire(shown);
    }
    const company = this.model.company(connectionId, companyId) ?? (await this.model.findCompany(connectionId, companyId));
    if (!company) return false;
    const node = await this.companyNode(connectionId, companyId);
    if (!node) return false;
    this.remember([node]);
    const revealing = Promise.resolve(this.view.reveal(node, { select: true, focus: options.focus ?? false, expand: false }));
    const settled = revealing.then(() => undefined, () => undefined);
    this.revealing = settled;
    try {
      await revealing;
    } finally {
      if (this.revealing === settled) this.revealing = undefined;
    }
    return true;
  }

  private async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.connections.list().map((connection) => ({ kind: 'connection', connection }));
    switch (node.kind) {
      case 'connection': {
        const provider = await this.model.providerFor(node.connection.id);
        this.noteSignedIn(node, isProvider(provider) || provider.reason !== 'signed-out');
        if (!isProvider(provider)) return [unavailableNode(nodeId(node), node.connection.id, provider)];
        this.labelsOf.set(node.connection.id, provider.labels);
        const id = node.connection.id;
        const lists: TreeNode[] = [await this.listNode(id, 'companies')];
        if (provider.capabilities.folders) lists.push(await this.listNode(id, 'folders'));
        if (provider.capabilities.users) lists.push(await this.listNode(id, 'users'));
        if (provider.capabilities.invitations) lists.push(await this.listNode(id, 'invitations'));
        return lists;
      }
      case 'list': {
        const c = node.connectionId;
        const actions = await this.actionsOf(c);
        const words = this.words(node);
        switch (node.list) {
          case 'companies':
            return this.listChildren(node, await this.model.list(c, 'companies'), (company) => ({ kind: 'company', connectionId: c, company, actions: actions.company }), vscode.l10n.t('No {0} in this portfolio', words.companies.toLowerCase()));
          case 'users':
            return this.listChildren(node, await this.model.list(c, 'users'), (user) => ({ kind: 'user', connectionId: c, user, actions: actions.user }), vscode.l10n.t('No {0}', words.users.toLowerCase()));
          case 'invitations':
            return this.listChildren(node, await this.model.list(c, 'invitations'), (invitation) => ({ kind: 'invitation', connectionId: c, invitation }), vscode.l10n.t('No invitations sent yet'));
          case 'folders':
            return this.listChildren(node, await this.model.list(c, 'folders'), (folder) => ({ kind: 'folder', connectionId: c, folder, actions: actions.folder }), vscode.l10n.t('No folders'));
        }
        return [];
      }
      case 'folder': {
        const c = node.connectionId;
        const folderId = node.folder.id;
        const actions = await this.actionsOf(c);
        const words = this.words(node);
        return this.listChildren(node, await this.model.folderCompanies(c, folderId), (company) => ({ kind: 'company', connectionId: c, company, actions: actions.company, folderId }), vscode.l10n.t('No {0} in this folder', words.companies.toLowerCase()));
      }
      case 'company':
        return this.companyChildren(node);
      case 'companyUsers': {
        const c = node.connectionId;
        const actions = await this.actionsOf(c);
        const state = await this.model.companyUsers(c, node.company.id);
        return this.listChildren(node, state, (user) => ({ kind: 'user', connectionId: c, user, actions: actions.user, company: node.company, folderId: node.folderId }), vscode.l10n.t('No {0}', this.words(node).users.toLowerCase()));
      }
      case 'contact': {
        if (!node.expandable) return [];
        const state = await this.model.contactDetails(node.connectionId, node.contact);
        return this.listChildren(node, state, (detail) => ({ kind: 'detail', connectionId: node.connectionId, contact: node.contact, detail, folderId: node.folderId }), vscode.l10n.t('No details'));
      }
      default:
        return [];
    }
  }

  private noteSignedIn(node: Extract<TreeNode, { kind: 'connection' }>, signedIn: boolean): void {
    if (this.signedIn.get(node.connection.id) === signedIn) return;
    this.signedIn.set(node.connection.id, signedIn);
    // Its menu changes; fired after this getChildren returns so the view re-reads the item only, and
    // after a reveal in progress: a refresh of the connection while VS Code walks down to the revealed
    // node would fetch its children twice ("Element with id … is already registered").
    const fire = () => this.changed.fire(node);
    if (this.revealing) void this.revealing.finally(fire);
    else queueMicrotask(fire);
  }

  private async companyChildren(node: CompanyNode): Promise<TreeNode[]> {
    const result = await this.model.contacts(node.connectionId, node.company.id);
    const parentId = nodeId(node);
    const provider = await this.model.providerFor(node.connectionId);
    const caps = isProvider(provider) ? provider.capabilities : undefined;
    const words = this.words(node);
    const users: TreeNode[] = caps?.companyUsers ? [{ kind: 'companyUsers', connectionId: node.connectionId, company: node.company, folderId: node.folderId }] : [];
    if (result.unavailable) return [unavailableNode(parentId, node.connectionId, result.unavailable)];
    if (result.error) return [errorNode(parentId, node.connectionId, vscode.l10n.t('Loading {0}', words.contacts.toLowerCase()), result.error, node), ...users];
    const contacts = result.items ?? [];
    this.contactCounts.set(parentId, contacts.length);
    if (contacts.length === 0) {
      return [{ kind: 'message', parentId, connectionId: node.connectionId, tone: 'empty', text: vscode.l10n.t('No {0} yet', words.contacts.toLowerCase()), detail: vscode.l10n.t('This {0} has no {1}.', words.company, words.primaryContact) }, ...users];
    }
    const contactActions = node.actions.filter((a) => a === 'editContact');
    return [
      ...[...contacts]
        .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || (a.formalName ?? a.name).localeCompare(b.formalName ?? b.name))
        .map((contact): TreeNode => ({ kind: 'contact', connectionId: node.connectionId, contact, actions: contactActions, folderId: node.folderId, ...(caps?.contactDetails ? { expandable: true } : {}) })),
      ...users,
    ];
  }

  private listChildren<T>(node: ListParent | Extract<TreeNode, { kind: 'folder' }>, state: ListState<T>, toNode: (item: T) => TreeNode, emptyText: string): TreeNode[] {
    const parentId = nodeId(node);
    if (state.unavailable) return [unavailableNode(parentId, node.connectionId, state.unavailable)];
    const out: TreeNode[] = state.items.map(toNode);
    const words = this.words(node);
    const what = node.kind === 'list' ? listLabel(node.list, words).toLowerCase() : node.kind === 'folder' ? words.companies.toLowerCase() : node.kind === 'companyUsers' ? words.users.toLowerCase() : 'details';
    if (state.error) out.push(errorNode(parentId, node.connectionId, state.items.length ? vscode.l10n.t('Loading more {0}', what) : vscode.l10n.t('Loading {0}', what), state.error, node));
    else if (state.hasMore && (node.kind === 'list' || node.kind === 'folder')) {
      const more = node.kind === 'list' ? { list: node.list } : { list: 'folders' as const, folderId: node.folder.id };
      out.push({ kind: 'loadMore', connectionId: node.connectionId, ...more, loaded: state.loaded ?? state.items.length, total: state.total });
    } else if (out.length === 0) out.push({ kind: 'message', parentId, connectionId: node.connectionId, tone: 'empty', text: state.filter ? (state.searched ? vscode.l10n.t('No {0} matches “{1}”', words.company, state.filter) : vscode.l10n.t('No loaded {0} matches “{1}”', words.company, state.filter)) : emptyText });
    return out;
  }

  private async connectionNode(connectionId: string): Promise<TreeNode | undefined> {
    const connection = this.connections.list().find((c) => c.id === connectionId);
    return connection ? { kind: 'connection', connection } : undefined;
  }

  private async listNode(connectionId: string, list: ListKind): Promise<TreeNode> {
    const known = this.handedOut.get(listNodeId(connectionId, list));
    if (known?.kind === 'list') return known;
    const provider = await this.model.providerFor(connectionId);
    const actions: NodeAction[] = [];
    if (list === 'companies' && isProvider(provider)) {
      if (provider.forms.bulkInvite) actions.push('invite');
      if (provider.capabilities.archived) actions.push(this.model.showsArchived(connectionId) ? 'archivedShown' : 'archivedHidden');
    }
    return { kind: 'list', connectionId, list, actions };
  }

  private async companyNode(connectionId: string, companyId: string, folderId?: string): Promise<CompanyNode | undefined> {
    const known = this.handedOut.get(companyNodeId(connectionId, companyId, folderId));
    if (known?.kind === 'company') return known;
    const company: Company | undefined = this.model.company(connectionId, companyId);
    if (!company) return undefined;
    return { kind: 'company', connectionId, company, actions: (await this.actionsOf(connectionId)).company, ...(folderId ? { folderId } : {}) };
  }

  private async actionsOf(connectionId: string): Promise<{ company: NodeAction[]; user: NodeAction[]; folder: NodeAction[] }> {
    const provider = await this.model.providerFor(connectionId);
    if (!isProvider(provider)) return { company: [], user: [], folder: [] };
    this.labelsOf.set(connectionId, provider.labels);
    const forms = (provider as Provider).forms;
    const company: NodeAction[] = [];
    if (forms.createContacts) company.push(forms.createsSeveral ? 'createContacts' : 'createContact');
    // Carried down to the company's contacts, where the edit menu shows.
    if (forms.editContact) company.push('editContact');
    if (forms.invite) company.push('invite');
    if (provider.capabilities.setPrimary && provider.listPrimaryCandidates && provider.setPrimaryContact) company.push('setPrimary');
    return { company, user: forms.editUser ? ['editUser'] : [], folder: forms.bulkInvite ? ['invite'] : [] };
  }

  private words(node: TreeNode): ProviderLabels {
    const id = connectionIdOf(node);
    return (id && this.labelsOf.get(id)) || NEUTRAL_LABELS;
  }

  private tooltipLines(node: TreeNode): Line[] | undefined {
    const words = this.words(node);
    switch (node.kind) {
      case 'connection': {
        const c = node.connection;
        return [[c.name, true], [vscode.l10n.t('{0} at {1}', API_LABELS[c.api], c.baseUrl)]];
      }
      case 'folder': {
        const f = node.folder;
        return [[f.name, true], [vscode.l10n.t('Folder · {0} {1}', f.companyCount, f.companyCount === 1 ? words.company : words.companies.toLowerCase())]];
      }
      case 'company': {
        const co = node.company;
        return [[co.name, true], [co.kind && enumLabel(co.kind)], [co.primaryDomain], [co.detail], [co.archived && 'Archived']];
      }
      case 'contact': {
        const ct = node.contact;
        const label = ct.formalName || ct.name;
        return [
          [label, true],
          [ct.isPrimary ? capitalize(words.primaryContact) : undefined],
          [ct.formalName && ct.name !== ct.formalName ? vscode.l10n.t('Goes by {0}', ct.name) : undefined],
          [ct.email ?? undefined],
          [ct.phone ?? undefined],
          ...(ct.tooltip ?? []).map((l): Line => [`${l.label}: ${l.value}`]),
        ];
      }
      case 'user': {
        const u = node.user;
        return [[u.formalName || u.name, true], [u.email], [u.role && vscode.l10n.t('Role: {0}', enumLabel(u.role))], [u.group && vscode.l10n.t('Group: {0}', u.group)], [u.status && vscode.l10n.t('Status: {0}', enumLabel(u.status))]];
      }
      case 'detail':
        return [[node.detail.label, true], [node.detail.description], [node.detail.isPrimary && 'Primary']];
      case 'invitation': {
        const inv = node.invitation;
        return [
          [vscode.l10n.t('Invitation to {0}', inv.companyName), true],
          [vscode.l10n.t('Status: {0}', enumLabel(inv.status))],
          [inv.recipientName || inv.recipientEmail ? vscode.l10n.t('Recipient: {0}', [inv.recipientName, inv.recipientEmail && `<${inv.recipientEmail}>`].filter(Boolean).join(' ')) : undefined],
          [inv.reason && vscode.l10n.t('Reason: {0}', inv.reason)],
          [inv.createdAt && vscode.l10n.t('Sent: {0}', formatDate(inv.createdAt, this.locale()))],
        ];
      }
      default:
        return undefined;
    }
  }

  private onModelChange(change: ModelChange): void {
    if (change.scope === 'contacts') {
      // The company may be shown under Companies and in folders: refresh every copy.
      const copies = [...this.handedOut.values()].filter(
        (n) => n.kind === 'company' && n.connectionId === change.connectionId && n.company.id === change.companyId,
      );
      if (copies.length === 0) this.changed.fire(undefined);
      for (const n of copies) this.changed.fire(n);
      return;
    }
    const id =
      change.scope === 'connection'
        ? connectionNodeId(change.connectionId)
        : change.scope === 'folder'
          ? folderNodeId(change.connectionId, change.folderId)
          : listNodeId(change.connectionId, change.scope);
    this.changed.fire(this.handedOut.get(id));
  }

  private withId(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.id = nodeId(node);
    // A screen reader hears what the row is, not only its label and a description without context.
    item.accessibilityInformation = { label: spokenLabel(node, this.words(node), this.contactCounts.get(item.id)), role: 'treeitem' };
    return item;
  }

  private remember(nodes: TreeNode[]): TreeNode[] {
    return nodes.map((n) => {
      const id = nodeId(n);
      const known = this.handedOut.get(id);
      // A company revealed before its list was shown keeps its object: VS Code holds it by id.
      if (known?.kind === 'company' && n.kind === 'company' && known.company === n.company) return known;
      this.handedOut.set(id, n);
      return n;
    });
  }
}

type Line = [string | undefined | null | false, boolean?];

/** "Dupont Maintenance, company, 3 contacts", "Jane Doe, primary contact, jane@example.com". */
function spokenLabel(node: TreeNode, words: ProviderLabels, contactCount: number | undefined): string {
  const parts = (...p: Array<string | undefined | null | false>) => p.filter(Boolean).join(', ');
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  switch (node.kind) {
    case 'connection': {
      const c = node.connection;
      return parts(c.name, vscode.l10n.t('{0} connection', API_LABELS[c.api]), c.sandbox && vscode.l10n.t('sandbox'));
    }
    case 'list':
      return parts(listLabel(node.list, words), 'list');
    case 'folder':
      return parts(node.folder.name, 'folder', count(node.folder.companyCount, words.company, words.companies.toLowerCase()));
    case 'company': {
      const co = node.company;
      const contacts = contactCount === undefined ? undefined : count(contactCount, 'contact', words.contacts.toLowerCase());
      return parts(co.name, words.company, co.archived && 'archived', co.kind, co.detail, contacts);
    }
    case 'contact': {
      const ct = node.contact;
      return parts(ct.formalName || ct.name, ct.isPrimary ? words.primaryContact : 'contact', ct.email);
    }
    case 'companyUsers':
      return parts(words.users, `of ${node.company.name}`);
    case 'user': {
      const u = node.user;
      return parts(u.formalName || u.name, u.isCompanyApiToken ? 'API token' : 'user', u.role, !u.isCompanyApiToken && u.email);
    }
    case 'detail':
      return parts(node.detail.label, node.detail.description, node.detail.isPrimary && 'primary');
    case 'invitation': {
      const inv = node.invitation;
      return parts(vscode.l10n.t('Invitation to {0}', inv.companyName), inv.status, inv.createdAt && vscode.l10n.t('sent {0}', inv.createdAt.slice(0, 10)), inv.recipientEmail && vscode.l10n.t('to {0}', inv.recipientEmail));
    }
    case 'loadMore':
      return parts(vscode.l10n.t('Load more'), node.total !== undefined ? vscode.l10n.t('{0} of {1} shown', node.loaded, node.total) : vscode.l10n.t('{0} shown', node.loaded));
    case 'message':
      return parts(node.text, node.tone === 'error' && 'error');
  }
}

function listLabel(list: ListKind, words: ProviderLabels): string {
  return { companies: words.companies, users: words.users, invitations: vscode.l10n.t('Sent Invitations'), folders: vscode.l10n.t('Folders') }[list];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The id of the node above, or undefined for a connection (a root) and a message (not revealed). */
function parentIdOf(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'connection':
    case 'message':
      return undefined;
    case 'list':
      return connectionNodeId(node.connectionId);
    case 'folder':
      return listNodeId(node.connectionId, 'folders');
    case 'company':
      return node.folderId ? folderNodeId(node.connectionId, node.folderId) : listNodeId(node.connectionId, 'companies');
    case 'contact':
      return companyNodeId(node.connectionId, node.contact.companyId, node.folderId);
    case 'companyUsers':
      return companyNodeId(node.connectionId, node.company.id, node.folderId);
    case 'user':
      return node.company ? `${companyNodeId(node.connectionId, node.company.id, node.folderId)}/users` : listNodeId(node.connectionId, 'users');
    case 'detail':
      return `${companyNodeId(node.connectionId, node.contact.companyId, node.folderId)}/contacts/${node.contact.id}`;
    case 'invitation':
      return listNodeId(node.connectionId, 'invitations');
    case 'loadMore':
      return node.folderId ? folderNodeId(node.connectionId, node.folderId) : listNodeId(node.connectionId, node.list);
  }
}

/** "company:createContact:invite" — `when` clauses match actions with a regex like /:invite\b/. */
function contextValue(base: string, actions: NodeAction[]): string {
  return [base, ...actions].join(':');
}

function connectionIdOf(node: TreeNode): string | undefined {
  return node.kind === 'connection' ? node.connection.id : node.connectionId;
}

function unavailableNode(parentId: string, connectionId: string, u: Unavailable): TreeNode {
  switch (u.reason) {
    case 'signed-out':
      return {
        kind: 'message',
        parentId,
        connectionId,
        tone: 'signIn',
        text: u.renewalFailed ? vscode.l10n.t('Sign in again…') : vscode.l10n.t('Sign in…'),
        detail: u.renewalFailed
          ? vscode.l10n.t('The sign-in expired and could not be renewed. Click to sign in again.')
          : vscode.l10n.t('No token is stored for this connection. Click to enter one.'),
        command: { command: COMMANDS.signIn, title: vscode.l10n.t('Sign In'), arguments: [connectionId] },
      };
    case 'unsupported':
      return { kind: 'message', parentId, connectionId, tone: 'info', text: u.message };
    case 'stopped':
      return {
        kind: 'message',
        parentId,
        connectionId,
        tone: 'info',
        text: vscode.l10n.t('The sandbox is stopped. Click to start it.'),
        command: { command: COMMANDS.trySandbox, title: vscode.l10n.t('Try the Sandbox') },
      };
    case 'error':
      return errorNode(parentId, connectionId, 'Connecting', u.error);
  }
}

function errorNode(parentId: string, connectionId: string | undefined, what: string, error: unknown, retryNode?: TreeNode): TreeNode {
  const text = presentError(error, what);
  const auth = error instanceof ApiError && error.kind === 'auth';
  return {
    kind: 'message',
    parentId,
    connectionId,
    tone: 'error',
    text,
    detail: auth ? vscode.l10n.t('Click to enter a new token.') : retryNode ? vscode.l10n.t('Click to try again.') : undefined,
    command: auth && connectionId
      ? { command: COMMANDS.signIn, title: vscode.l10n.t('Update Token'), arguments: [connectionId] }
      : retryNode
        ? { command: COMMANDS.refreshNode, title: 'Retry', arguments: [retryNode] }
        : undefined,
  };
}

/** Builds a tooltip from plain text lines; API text is escaped (plainMarkdown), never markdown, HTML or a link. */
function tooltip(lines: Line[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  let first = true;
  for (const [text, bold] of lines) {
    if (!text) continue;
    if (!first) md.appendMarkdown('  \n');
    first = false;
    md.appendMarkdown(bold ? `**${plainMarkdown(text)}**` : plainMarkdown(text));
  }
  return md;
}
