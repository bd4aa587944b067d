// Commands invoked on tree nodes: refresh (all or one node), load more, copy e-mail.
import * as vscode from 'vscode';
import { CONTEXT, setContext } from '../contextKeys';
import { isProvider } from '../model/source';
import type { TreeNode } from '../model/nodes';
import { COMMANDS } from './ids';
import { pickConnection } from './pickConnection';
import { registerCommand } from './run';
import type { Services } from './services';

export function registerTreeCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.refresh, 'Refreshing', () => {
      s.model.refreshAll();
      s.tree.refreshAll();
    }),
    registerCommand(s, COMMANDS.refreshNode, 'Refreshing', (arg) => refreshNode(s, arg as TreeNode | undefined)),
    registerCommand(s, COMMANDS.loadMore, 'Loading more', async (arg) => {
      const node = arg as TreeNode | undefined;
      if (node?.kind !== 'loadMore') return;
      await loadMore(s, node);
    }),
    registerCommand(s, COMMANDS.copyEmail, 'Copying the e-mail', async (arg) => {
      const node = arg as TreeNode | undefined;
      const email = node?.kind === 'contact' ? node.contact.email : node?.kind === 'user' ? node.user.email : undefined;
      if (!email) {
        void vscode.window.showInformationMessage('Select a contact with an e-mail address in the Portfolio Contacts view.');
        return;
      }
      await vscode.env.clipboard.writeText(email);
      vscode.window.setStatusBarMessage(`Copied ${email}`, 3000);
    }),
    registerCommand(s, COMMANDS.filterCompanies, 'Filtering', (arg) => filterCompanies(s, arg)),
    registerCommand(s, COMMANDS.clearFilter, 'Clearing the filter', async (arg) => {
      const connection = await pickConnection(s, arg, 'Clear the filter of which connection?');
      if (connection) s.model.setFilter(connection.id, '');
    }),
    registerCommand(s, COMMANDS.showLog, 'Showing the log', () => s.channel.show()),
    registerCommand(s, COMMANDS.showArchived, 'Showing archived companies', (arg) => setArchived(s, arg, true)),
    registerCommand(s, COMMANDS.hideArchived, 'Hiding archived companies', (arg) => setArchived(s, arg, false)),
    registerCommand(s, COMMANDS.toggleArchived, 'Showing or hiding archived companies', (arg) => setArchived(s, arg, undefined)),
  ];
}

/** Lists a connection's companies again with (or without) the archived ones; `show` undefined flips it. */
export async function setArchived(s: Services, arg: unknown, show: boolean | undefined): Promise<void> {
  const connection = await pickConnection(s, arg, 'Show or hide the archived companies of which connection?');
  if (!connection) return;
  const provider = await s.model.providerFor(connection.id);
  if (!isProvider(provider) || !provider.capabilities.archived) {
    void vscode.window.showInformationMessage(`${connection.name} has no archived ${isProvider(provider) ? provider.labels.companies.toLowerCase() : 'companies'}.`);
    return;
  }
  await s.model.setShowArchived(connection.id, show ?? !s.model.showsArchived(connection.id));
  setContext(CONTEXT.archivedShown, s.store.list().some((c) => s.model.showsArchived(c.id)));
}

/** Filters as you type: the tree updates on every keystroke, Escape restores the previous filter. */
async function filterCompanies(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, 'Filter the companies of which connection?');
  if (!connection) return;
  const before = s.model.filterOf(connection.id) ?? '';
  const query = await vscode.window.showInputBox({
    title: `Filter companies — ${connection.name}`,
    prompt: 'Words that must appear in the name or domain (loaded companies; “Load more…” extends the matches)',
    value: before,
    validateInput: (v) => {
      s.model.setFilter(connection.id, v);
      return undefined;
    },
  });
  s.model.setFilter(connection.id, query ?? before);
}

async function refreshNode(s: Services, node: TreeNode | undefined): Promise<void> {
  if (!node) {
    s.model.refreshAll();
    s.tree.refreshAll();
    return;
  }
  switch (node.kind) {
    case 'connection':
      s.runtime.forget(node.connection.id);
      return s.model.refresh({ connectionId: node.connection.id, scope: 'connection' });
    case 'list':
      return s.model.refresh({ connectionId: node.connectionId, scope: node.list });
    case 'folder':
      return s.model.refresh({ connectionId: node.connectionId, scope: 'folder', folderId: node.folder.id });
    case 'company':
      return s.model.refresh({ connectionId: node.connectionId, scope: 'contacts', companyId: node.company.id });
    case 'contact':
      return s.model.refresh({ connectionId: node.connectionId, scope: 'contacts', companyId: node.contact.companyId });
    case 'loadMore':
      return loadMore(s, node);
    case 'user':
      return s.model.refresh({ connectionId: node.connectionId, scope: 'users' });
    case 'message':
      if (node.connectionId) return s.model.refresh({ connectionId: node.connectionId, scope: 'connection' });
      s.tree.refreshAll();
  }
}

function loadMore(s: Services, node: Extract<TreeNode, { kind: 'loadMore' }>): Promise<void> {
  return node.folderId ? s.model.loadMoreInFolder(node.connectionId, node.folderId) : s.model.loadMore(node.connectionId, node.list);
}
