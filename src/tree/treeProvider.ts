// Renders the cached model as a tree. Never throws: a failure, a missing token, an empty list and
// "more pages" all become tree items. Refreshes fire for the node that changed, not the whole view.
import * as vscode from 'vscode';
import { API_LABELS } from '../core/model';
import { ApiError, isApiError, messageOf } from '../core/errors';
import type { ConnectionStore } from '../connections/store';
import { COMMANDS } from '../commands/ids';
import { type ListKind, type ListState, type ModelChange, type PortfolioModel, type Unavailable } from './model';
import { type NodeAction, type TreeNode, folderNodeId, nodeId } from './nodes';
import type { Provider } from '../core/provider';

const LIST_LABEL: Record<ListKind, string> = { companies: 'Companies', users: 'Users', invitations: 'Sent Invitations', folders: 'Folders' };
const LIST_ICON: Record<ListKind, string> = { companies: 'organization', users: 'account', invitations: 'mail', folders: 'folder-library' };

/** The nodes whose children are a paged list: a list, or a folder (its companies). */
type ListParent = Extract<TreeNode, { kind: 'list' | 'folder' }>;

export class PortfolioTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes handed out, by id, so a model change can refresh exactly that node. */
  private readonly handedOut = new Map<string, TreeNode>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connections: ConnectionStore,
    private readonly model: PortfolioModel,
  ) {
    this.subscriptions.push(
      this.changed,
      this.connections.onDidChange(() => this.refreshAll()),
      this.model.onDidChange((change) => this.onModelChange(change)),
    );
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  refreshAll(): void {
    this.handedOut.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const c = node.connection;
        const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = c.sandbox ? `${API_LABELS[c.api]} · sandbox` : API_LABELS[c.api];
        item.iconPath = new vscode.ThemeIcon(c.sandbox ? 'beaker' : 'plug');
        item.tooltip = tooltip([[c.name, true], [`${API_LABELS[c.api]} at ${c.baseUrl}`]]);
        item.contextValue = c.sandbox ? 'connection.sandbox' : 'connection';
        return this.withId(item, node);
      }
      case 'list': {
        const item = new vscode.TreeItem(LIST_LABEL[node.list], vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(LIST_ICON[node.list]);
        const filter = node.list === 'companies' ? this.model.filterOf(node.connectionId) : undefined;
        if (filter) item.description = `filtered: “${filter}”`;
        item.contextValue = contextValue(`list.${node.list}`, [...node.actions, ...(filter ? (['filtered'] as const) : [])]);
        return this.withId(item, node);
      }
      case 'folder': {
        const f = node.folder;
        const item = new vscode.TreeItem(f.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${f.companyCount} ${f.companyCount === 1 ? 'company' : 'companies'}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        item.tooltip = tooltip([[f.name, true], [`Folder · ${item.description}`]]);
        item.contextValue = contextValue('folder', node.actions);
        return this.withId(item, node);
      }
      case 'company': {
        const co = node.company;
        const item = new vscode.TreeItem(co.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = co.detail;
        item.iconPath = new vscode.ThemeIcon('briefcase');
        item.tooltip = tooltip([[co.name, true], [co.primaryDomain], [co.detail]]);
        item.contextValue = contextValue('company', node.actions);
        return this.withId(item, node);
      }
      case 'contact': {
        const ct = node.contact;
        const label = ct.formalName || ct.name;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = [ct.email, ct.isPrimary ? 'point of contact' : undefined].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(ct.isPrimary ? 'star-full' : 'person');
        item.tooltip = tooltip([
          [label, true],
          [ct.isPrimary ? 'Point of contact' : undefined],
          [ct.formalName && ct.name !== ct.formalName ? `Goes by ${ct.name}` : undefined],
          [ct.email ?? undefined],
          [ct.phone ?? undefined],
        ]);
        item.contextValue = contextValue(ct.email ? 'contact.withEmail' : 'contact', node.actions);
        item.accessibilityInformation = { label: `${label}${ct.isPrimary ? ', point of contact' : ''}${ct.email ? `, ${ct.email}` : ''}` };
        return this.withId(item, node);
      }
      case 'user': {
        const u = node.user;
        const item = new vscode.TreeItem(u.formalName || u.name, vscode.TreeItemCollapsibleState.None);
        item.description = [u.role, u.isCompanyApiToken ? 'API token' : u.email].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(u.isCompanyApiToken ? 'key' : 'account');
        item.tooltip = tooltip([[u.formalName || u.name, true], [u.email], [u.role && `Role: ${u.role}`], [u.group && `Group: ${u.group}`], [u.status && `Status: ${u.status}`]]);
        item.contextValue = contextValue('user', node.actions);
        return this.withId(item, node);
      }
      case 'invitation': {
        const inv = node.invitation;
        const item = new vscode.TreeItem(inv.companyName, vscode.TreeItemCollapsibleState.None);
        const date = inv.createdAt?.slice(0, 10);
        item.description = [inv.status, date, inv.recipientEmail].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(/resolved|active|approved/i.test(inv.status) ? 'pass' : /pending|never/i.test(inv.status) ? 'clock' : 'mail');
        item.tooltip = tooltip([
          [`Invitation to ${inv.companyName}`, true],
          [`Status: ${inv.status}`],
          [inv.recipientName || inv.recipientEmail ? `Recipient: ${[inv.recipientName, inv.recipientEmail && `<${inv.recipientEmail}>`].filter(Boolean).join(' ')}` : undefined],
          [inv.reason && `Reason: ${inv.reason}`],
          [inv.createdAt && `Sent: ${inv.createdAt}`],
        ]);
        item.contextValue = 'invitation';
        return this.withId(item, node);
      }
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
        item.description = node.total !== undefined ? `${node.loaded} of ${node.total} shown` : `${node.loaded} shown`;
        item.iconPath = new vscode.ThemeIcon('fold-down');
        item.command = { command: COMMANDS.loadMore, title: 'Load More', arguments: [node] };
        item.contextValue = 'loadMore';
        return this.withId(item, node);
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(
          { info: 'info', error: 'error', signIn: 'sign-in', empty: 'circle-slash' }[node.tone],
          node.tone === 'error' ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined,
        );
        item.tooltip = node.detail ? tooltip([[node.text, true], [node.detail]]) : node.text;
        item.command = node.command;
        item.contextValue = `message.${node.tone}`;
        return this.withId(item, node);
      }
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      return this.remember(await this.children(node));
    } catch (e) {
      // Last line of defence: a bug must not blank the view.
      return this.remember([errorNode(node ? nodeId(node) : 'root', node ? connectionIdOf(node) : undefined, 'Showing this part of the tree', e)]);
    }
  }

  private async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.connections.list().map((connection) => ({ kind: 'connection', connection }));
    switch (node.kind) {
      case 'connection': {
        const provider = await this.model.providerFor(node.connection.id);
        if (!('capabilities' in provider)) return [unavailableNode(nodeId(node), node.connection.id, provider)];
        const id = node.connection.id;
        const lists: TreeNode[] = [{ kind: 'list', connectionId: id, list: 'companies', actions: provider.forms.bulkInvite ? ['invite'] : [] }];
        if (provider.capabilities.folders) lists.push({ kind: 'list', connectionId: id, list: 'folders', actions: [] });
        if (provider.capabilities.users) lists.push({ kind: 'list', connectionId: id, list: 'users', actions: [] });
        if (provider.capabilities.invitations) lists.push({ kind: 'list', connectionId: id, list: 'invitations', actions: [] });
        return lists;
      }
      case 'list': {
        const c = node.connectionId;
        const actions = await this.actionsOf(c);
        switch (node.list) {
          case 'companies':
            return this.listChildren(node, await this.model.list(c, 'companies'), (company) => ({ kind: 'company', connectionId: c, company, actions: actions.company }), 'No companies in this portfolio');
          case 'users':
            return this.listChildren(node, await this.model.list(c, 'users'), (user) => ({ kind: 'user', connectionId: c, user, actions: actions.user }), 'No users');
          case 'invitations':
            return this.listChildren(node, await this.model.list(c, 'invitations'), (invitation) => ({ kind: 'invitation', connectionId: c, invitation }), 'No invitations sent yet');
          case 'folders':
            return this.listChildren(node, await this.model.list(c, 'folders'), (folder) => ({ kind: 'folder', connectionId: c, folder, actions: actions.folder }), 'No folders');
        }
        return [];
      }
      case 'folder': {
        const c = node.connectionId;
        const folderId = node.folder.id;
        const actions = await this.actionsOf(c);
        return this.listChildren(node, await this.model.folderCompanies(c, folderId), (company) => ({ kind: 'company', connectionId: c, company, actions: actions.company, folderId }), 'No companies in this folder');
      }
      case 'company': {
        const result = await this.model.contacts(node.connectionId, node.company.id);
        const parentId = nodeId(node);
        if (result.unavailable) return [unavailableNode(parentId, node.connectionId, result.unavailable)];
        if (result.error) return [errorNode(parentId, node.connectionId, 'Loading contacts', result.error, node)];
        const contacts = result.items ?? [];
        if (contacts.length === 0) {
          return [{ kind: 'message', parentId, connectionId: node.connectionId, tone: 'empty', text: 'No contacts yet', detail: 'This company has no point of contact.' }];
        }
        return [...contacts]
          .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || (a.formalName ?? a.name).localeCompare(b.formalName ?? b.name))
          .map((contact) => ({ kind: 'contact', connectionId: node.connectionId, contact, actions: node.actions.filter((a) => a === 'editContact'), folderId: node.folderId }));
      }
      default:
        return [];
    }
  }

  private listChildren<T>(node: ListParent, state: ListState<T>, toNode: (item: T) => TreeNode, emptyText: string): TreeNode[] {
    const parentId = nodeId(node);
    if (state.unavailable) return [unavailableNode(parentId, node.connectionId, state.unavailable)];
    const out: TreeNode[] = state.items.map(toNode);
    const what = node.kind === 'list' ? LIST_LABEL[node.list].toLowerCase() : 'companies';
    const more = node.kind === 'list' ? { list: node.list } : { list: 'folders' as const, folderId: node.folder.id };
    if (state.error) out.push(errorNode(parentId, node.connectionId, `Loading ${state.items.length ? 'more ' : ''}${what}`, state.error, node));
    else if (state.hasMore) out.push({ kind: 'loadMore', connectionId: node.connectionId, ...more, loaded: state.loaded ?? state.items.length, total: state.total });
    else if (out.length === 0) out.push({ kind: 'message', parentId, connectionId: node.connectionId, tone: 'empty', text: state.filter ? `No loaded company matches “${state.filter}”` : emptyText });
    return out;
  }

  private async actionsOf(connectionId: string): Promise<{ company: NodeAction[]; user: NodeAction[]; folder: NodeAction[] }> {
    const provider = await this.model.providerFor(connectionId);
    if (!('forms' in provider)) return { company: [], user: [], folder: [] };
    const forms = (provider as Provider).forms;
    const company: NodeAction[] = [];
    if (forms.createContacts) company.push(forms.createsSeveral ? 'createContacts' : 'createContact');
    // Carried down to the company's contacts, where the edit menu shows.
    if (forms.editContact) company.push('editContact');
    if (forms.invite) company.push('invite');
    return { company, user: forms.editUser ? ['editUser'] : [], folder: forms.bulkInvite ? ['invite'] : [] };
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
        ? `conn/${change.connectionId}`
        : change.scope === 'folder'
          ? folderNodeId(change.connectionId, change.folderId)
          : `conn/${change.connectionId}/${change.scope}`;
    const node = this.handedOut.get(id);
    this.changed.fire(node);
  }

  private withId(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    item.id = nodeId(node);
    return item;
  }

  private remember(nodes: TreeNode[]): TreeNode[] {
    for (const n of nodes) this.handedOut.set(nodeId(n), n);
    return nodes;
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
        text: u.renewalFailed ? 'Sign in again…' : 'Sign in…',
        detail: u.renewalFailed
          ? 'The sign-in expired and could not be renewed. Click to sign in again.'
          : 'No token is stored for this connection. Click to enter one.',
        command: { command: COMMANDS.signIn, title: 'Sign In', arguments: [connectionId] },
      };
    case 'unsupported':
      return { kind: 'message', parentId, connectionId, tone: 'info', text: u.message };
    case 'stopped':
      return {
        kind: 'message',
        parentId,
        connectionId,
        tone: 'info',
        text: 'The sandbox is stopped. Click to start it.',
        command: { command: COMMANDS.trySandbox, title: 'Try the Sandbox' },
      };
    case 'error':
      return errorNode(parentId, connectionId, 'Connecting', u.error);
  }
}

function errorNode(parentId: string, connectionId: string | undefined, what: string, error: unknown, retryNode?: TreeNode): TreeNode {
  const text = isApiError(error) ? error.describe(what) : `${what} failed: ${messageOf(error)}`;
  const auth = error instanceof ApiError && error.kind === 'auth';
  return {
    kind: 'message',
    parentId,
    connectionId,
    tone: 'error',
    text,
    detail: auth ? 'Click to enter a new token.' : retryNode ? 'Click to try again.' : undefined,
    command: auth && connectionId
      ? { command: COMMANDS.signIn, title: 'Update Token', arguments: [connectionId] }
      : retryNode
        ? { command: COMMANDS.refreshNode, title: 'Retry', arguments: [retryNode] }
        : undefined,
  };
}

/** Builds a tooltip from plain text lines; API text is escaped, never interpreted as markdown or HTML. */
function tooltip(lines: Array<[string | undefined | null | false, boolean?]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  let first = true;
  for (const [text, bold] of lines) {
    if (!text) continue;
    if (!first) md.appendMarkdown('  \n');
    first = false;
    if (bold) md.appendMarkdown('**');
    md.appendText(text);
    if (bold) md.appendMarkdown('**');
  }
  return md;
}
