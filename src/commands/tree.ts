// Commands invoked on tree nodes: refresh (all, or every selected node), load more, filter, archived.
import * as vscode from 'vscode';
import { CONTEXT, setContext } from '../contextKeys';
import { isProvider } from '../model/source';
import { restartNeedsAttention } from './needsAttention';
import type { TreeNode } from '../model/nodes';
import { findCompany } from './findCompany';
import { COMMANDS } from './ids';
import { isNode, pickConnection, targetsOf } from './pickers';
import { withViewProgress } from './progress';
import { registerCommand } from './run';
import type { Services } from './services';

export function registerTreeCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.refresh, vscode.l10n.t('Refreshing'), () => {
      s.model.refreshAll();
      s.tree.refreshAll();
      restartNeedsAttention(s);
    }),
    registerCommand(s, COMMANDS.refreshNode, vscode.l10n.t('Refreshing'), (arg, selected) => refreshNodes(s, arg, selected)),
    registerCommand(s, COMMANDS.loadMore, vscode.l10n.t('Loading more'), (arg) => loadMoreOf(s, arg)),
    registerCommand(s, COMMANDS.filterCompanies, vscode.l10n.t('Filtering'), (arg) => filterCompanies(s, arg)),
    registerCommand(s, COMMANDS.clearFilter, vscode.l10n.t('Clearing the filter'), async (arg) => {
      const connection = await pickConnection(s, arg, vscode.l10n.t('Clear the filter of which connection?'));
      if (connection) s.model.setFilter(connection.id, '');
    }),
    registerCommand(s, COMMANDS.findCompany, vscode.l10n.t('Finding a company'), () => findCompany(s)),
    registerCommand(s, COMMANDS.showLog, vscode.l10n.t('Showing the log'), () => s.channel.show()),
    registerCommand(s, COMMANDS.showArchived, vscode.l10n.t('Showing archived companies'), (arg) => setArchived(s, arg, true)),
    registerCommand(s, COMMANDS.hideArchived, vscode.l10n.t('Hiding archived companies'), (arg) => setArchived(s, arg, false)),
    registerCommand(s, COMMANDS.toggleArchived, vscode.l10n.t('Showing or hiding archived companies'), (arg) => setArchived(s, arg, undefined)),
  ];
}

/** Lists a connection's companies again with (or without) the archived ones; `show` undefined flips it. */
export async function setArchived(s: Services, arg: unknown, show: boolean | undefined): Promise<void> {
  const connection = await pickConnection(s, arg, vscode.l10n.t('Show or hide the archived companies of which connection?'));
  if (!connection) return;
  const provider = await s.model.providerFor(connection.id);
  if (!isProvider(provider) || !provider.capabilities.archived) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no archived {1}.', connection.name, isProvider(provider) ? provider.labels.companies.toLowerCase() : 'companies'));
    return;
  }
  await s.model.setShowArchived(connection.id, show ?? !s.model.showsArchived(connection.id));
  setContext(CONTEXT.archivedShown, s.store.list().some((c) => s.model.showsArchived(c.id)));
}

/**
 * Filters as you type, Escape restores the previous filter. A provider that searches on its server
 * gets the query after a pause in typing (each one reads the list again); the others filter the
 * loaded companies on every keystroke.
 */
async function filterCompanies(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, vscode.l10n.t('Filter the companies of which connection?'));
  if (!connection) return;
  const provider = await s.model.providerFor(connection.id);
  const searches = isProvider(provider) && provider.capabilities.search === true;
  const before = s.model.filterOf(connection.id) ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const query = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter companies — {0}', connection.name),
    prompt: searches
      ? vscode.l10n.t('Searched on the server by name; the list then shows the matches, paged')
      : vscode.l10n.t('Words that must appear in the name or domain (loaded companies; “Load more…” extends the matches)'),
    value: before,
    validateInput: (v) => {
      clearTimeout(timer);
      if (searches) timer = setTimeout(() => s.model.setFilter(connection.id, v), 400);
      else s.model.setFilter(connection.id, v);
      return undefined;
    },
  });
  clearTimeout(timer);
  s.model.setFilter(connection.id, query ?? before);
}

/** Every selected node (F5 with several selected), or the whole tree when nothing is. */
async function refreshNodes(s: Services, arg: unknown, selected: unknown): Promise<void> {
  const nodes = targetsOf(s, arg, selected);
  if (nodes.length === 0) {
    s.model.refreshAll();
    s.tree.refreshAll();
    return;
  }
  // A connection refreshed takes everything under it along: its selected children need no second fetch.
  const connections = new Set(nodes.filter((n) => n.kind === 'connection').map((n) => n.connection.id));
  await Promise.all(nodes.filter((n) => n.kind === 'connection' || !connections.has(n.connectionId ?? '')).map((n) => refreshNode(s, n)));
}

async function refreshNode(s: Services, node: TreeNode): Promise<void> {
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

/** From "Load more…" (or it selected); from the palette, the next page of a connection's companies. */
async function loadMoreOf(s: Services, arg: unknown): Promise<void> {
  const node = isNode(arg) ? arg : arg === undefined ? s.selection?.()[0] : undefined;
  if (node?.kind === 'loadMore') return loadMore(s, node);
  const connection = await pickConnection(s, typeof arg === 'string' ? arg : node, vscode.l10n.t('Load more companies of which connection?'));
  if (!connection) return;
  await withViewProgress(vscode.l10n.t('Loading more of {0}…', connection.name), () => s.model.loadMore(connection.id, 'companies'));
}

function loadMore(s: Services, node: Extract<TreeNode, { kind: 'loadMore' }>): Thenable<void> {
  return withViewProgress(vscode.l10n.t('Loading more…'), () => (node.folderId ? s.model.loadMoreInFolder(node.connectionId, node.folderId) : s.model.loadMore(node.connectionId, node.list)));
}
