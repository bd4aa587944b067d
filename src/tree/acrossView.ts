// Company Across Connections: every company present in at least two connections, once, expanding
// to each connection's record of it and that record's contacts. The connections' companies are
// read page by page in the background (cancellable, progress shown in the view) and matched as
// they arrive; nothing here throws into VS Code: a failure is an item saying what failed.
import * as vscode from 'vscode';
import { API_LABELS } from '../core/model';
import type { AcrossCompanies, AcrossNode } from '../model/across';
import type { ConnectionInfo as Connection } from '../model/nodes';
import type { PortfolioCache } from '../model/portfolio';
import { isProvider } from '../model/source';
import { MATCH_DECISIONS_KEY, readDecisions, withConfirmed, withSplit } from '../match/decisions';
import { CompanyMatcher, type MatchEntry, type MatchGroup } from '../match/matcher';

export const ACROSS_VIEW_ID = 'portfolioContacts.acrossConnections';
/** Companies asked for per request while matching: large pages, few requests. */
const PAGE_SIZE = 200;
/** The view is redrawn at most this often while pages arrive. */
const REDRAW_MS = 250;

export interface AcrossDeps {
  connections: { list(): Connection[] };
  model: Pick<PortfolioCache, 'providerFor' | 'contacts'>;
  state: Pick<vscode.Memento, 'get' | 'update'>;
  /** The command a click on the loading status runs (stops the load). */
  stopCommand: string;
  describeError(e: unknown): string;
}

interface Progress {
  read: number;
  total?: number;
  done: boolean;
}

export class AcrossTreeProvider implements vscode.TreeDataProvider<AcrossNode>, AcrossCompanies, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AcrossNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly matcher = new CompanyMatcher();
  private readonly progress = new Map<string, Progress>();
  private errors: Array<Extract<AcrossNode, { kind: 'acrossError' }>> = [];
  private loading: AbortController | undefined;
  private started = false;
  private redraw: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: AcrossDeps) {
    this.matcher.setDecisions(readDecisions(deps.state.get(MATCH_DECISIONS_KEY)));
  }

  dispose(): void {
    this.loading?.abort();
    if (this.redraw) clearTimeout(this.redraw);
    this.changed.dispose();
  }

  groups(): MatchGroup[] {
    return this.matcher.groups();
  }

  groupOf(connectionId: string, companyId: string): MatchGroup | undefined {
    return this.matcher.groupOf(connectionId, companyId);
  }

  async confirm(entry: MatchEntry, group: MatchGroup): Promise<void> {
    const keys = group.entries.filter((e) => e.reason === 'name' || e.key === entry.key).map((e) => e.key);
    await this.decide(withConfirmed(readDecisions(this.deps.state.get(MATCH_DECISIONS_KEY)), keys));
  }

  async split(entry: MatchEntry): Promise<void> {
    await this.decide(withSplit(readDecisions(this.deps.state.get(MATCH_DECISIONS_KEY)), entry.key));
  }

  private async decide(decisions: ReturnType<typeof readDecisions>): Promise<void> {
    await this.deps.state.update(MATCH_DECISIONS_KEY, decisions);
    this.matcher.setDecisions(decisions);
    this.changed.fire();
  }

  stop(): boolean {
    if (!this.loading) return false;
    this.loading.abort();
    this.loading = undefined;
    for (const p of this.progress.values()) p.done = true;
    this.changed.fire();
    return true;
  }

  /** Reads every connection's companies again (the main tree's Refresh). */
  reload(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.started = false;
    this.changed.fire();
  }

  private start(): void {
    this.started = true;
    const controller = new AbortController();
    this.loading = controller;
    this.matcher.clear();
    this.progress.clear();
    this.errors = [];
    const connections = this.deps.connections.list();
    for (const c of connections) this.progress.set(c.id, { read: 0, done: false });
    const all = Promise.all(connections.map((c) => this.loadConnection(c, controller.signal)));
    void vscode.window.withProgress({ location: { viewId: ACROSS_VIEW_ID } }, () => all);
    void all.then(() => {
      if (this.loading === controller) this.loading = undefined;
      this.changed.fire();
    });
  }

  private async loadConnection(connection: Connection, signal: AbortSignal): Promise<void> {
    const progress = this.progress.get(connection.id)!;
    try {
      const provider = await this.deps.model.providerFor(connection.id);
      if (!isProvider(provider)) {
        this.errors.push({ kind: 'acrossError', connectionId: connection.id, text: provider.reason === 'stopped' ? vscode.l10n.t('{0}: the sandbox is stopped, its companies are not matched.', connection.name) : vscode.l10n.t('{0}: signed out, its companies are not matched.', connection.name) });
        return;
      }
      let cursor: string | undefined;
      do {
        const page = await provider.listCompanies(cursor, PAGE_SIZE, signal);
        if (signal.aborted) return;
        this.matcher.add(connection.id, page.items.filter((c) => !c.archived));
        progress.read += page.items.length;
        if (page.total !== undefined) progress.total = page.total;
        cursor = page.next;
        this.redrawSoon();
      } while (cursor);
    } catch (e) {
      if (signal.aborted) return;
      this.errors.push({ kind: 'acrossError', connectionId: connection.id, text: vscode.l10n.t('{0}: could not read its companies.', connection.name), tooltip: this.deps.describeError(e) });
    } finally {
      progress.done = true;
    }
  }

  private redrawSoon(): void {
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.changed.fire();
    }, REDRAW_MS);
  }

  getChildren(node?: AcrossNode): AcrossNode[] | Promise<AcrossNode[]> {
    try {
      if (!node) return this.roots();
      if (node.kind === 'acrossGroup') return node.group.entries.map((entry) => ({ kind: 'acrossEntry', group: node.group, entry }));
      if (node.kind === 'acrossEntry') return this.contactsOf(node.entry, node.group);
      return [];
    } catch (e) {
      return [{ kind: 'acrossError', text: vscode.l10n.t('Could not list the matched companies.'), tooltip: this.deps.describeError(e) }];
    }
  }

  private roots(): AcrossNode[] {
    const connections = this.deps.connections.list();
    if (connections.length < 2) return [{ kind: 'acrossNote', text: vscode.l10n.t('Companies are matched across two connections or more: add another connection (or Try the Sandbox).') }];
    if (!this.started) this.start();
    const groups = this.matcher.groups();
    const read = [...this.progress.values()].reduce((n, p) => n + p.read, 0);
    const loading = this.loading !== undefined && [...this.progress.values()].some((p) => !p.done);
    const perConnection = connections.map((c) => {
      const p = this.progress.get(c.id);
      return `${c.name}: ${p ? p.read.toLocaleString('en-US') : 0}${p?.total !== undefined ? ` of ${p.total.toLocaleString('en-US')}` : ''}${p && !p.done ? '…' : ''}`;
    });
    const status: AcrossNode = loading
      ? { kind: 'acrossStatus', loading, text: vscode.l10n.t('Matching… {0} companies read, {1} matched', read.toLocaleString('en-US'), groups.length), tooltip: `${perConnection.join('\n')}\n${vscode.l10n.t('Click to stop.')}` }
      : { kind: 'acrossStatus', loading, text: groups.length === 1 ? vscode.l10n.t('1 matched company in {0} read', read.toLocaleString('en-US')) : vscode.l10n.t('{0} matched companies in {1} read', groups.length, read.toLocaleString('en-US')), tooltip: perConnection.join('\n') };
    const empty: AcrossNode[] = !loading && groups.length === 0 ? [{ kind: 'acrossNote', text: vscode.l10n.t('No company is in two connections (same domain or same name).') }] : [];
    return [status, ...this.errors, ...groups.map((group): AcrossNode => ({ kind: 'acrossGroup', group })), ...empty];
  }

  private async contactsOf(entry: MatchEntry, group: MatchGroup): Promise<AcrossNode[]> {
    try {
      const provider = await this.deps.model.providerFor(entry.connectionId);
      const primaryLabel = isProvider(provider) ? provider.labels.primaryContact : 'primary contact';
      const r = await this.deps.model.contacts(entry.connectionId, entry.company.id);
      if (r.unavailable) return [{ kind: 'acrossError', connectionId: entry.connectionId, text: r.unavailable.reason === 'stopped' ? vscode.l10n.t('The sandbox is stopped.') : vscode.l10n.t('Signed out: sign in to see the contacts.') }];
      if (r.error !== undefined) return [{ kind: 'acrossError', connectionId: entry.connectionId, text: vscode.l10n.t('Could not load the contacts.'), tooltip: this.deps.describeError(r.error) }];
      const items = r.items ?? [];
      if (!items.length) return [{ kind: 'acrossNote', text: vscode.l10n.t('No contact (no {0}).', primaryLabel) }];
      return items.map((contact) => ({ kind: 'contact', connectionId: entry.connectionId, contact, actions: [], primaryLabel, groupId: group.id }));
    } catch (e) {
      return [{ kind: 'acrossError', connectionId: entry.connectionId, text: vscode.l10n.t('Could not load the contacts.'), tooltip: this.deps.describeError(e) }];
    }
  }

  getTreeItem(node: AcrossNode): vscode.TreeItem {
    switch (node.kind) {
      case 'acrossStatus': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'link');
        item.tooltip = node.tooltip;
        item.contextValue = node.loading ? 'acrossStatus.loading' : 'acrossStatus';
        if (node.loading) item.command = { command: this.deps.stopCommand, title: vscode.l10n.t('Stop Matching') };
        return item;
      }
      case 'acrossError': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = node.tooltip ?? node.text;
        item.contextValue = 'acrossError';
        return item;
      }
      case 'acrossNote': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.tooltip ?? node.text;
        return item;
      }
      case 'acrossGroup': {
        const g = node.group;
        const item = new vscode.TreeItem(g.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${vscode.l10n.t('{0} connections', g.connections)}${g.domain ? ` · ${g.domain}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('briefcase');
        item.contextValue = 'acrossGroup';
        return item;
      }
      case 'acrossEntry': {
        const { entry } = node;
        const connection = this.deps.connections.list().find((c) => c.id === entry.connectionId);
        const api = connection ? API_LABELS[connection.api] : undefined;
        // Says which connection and which API, once (a sandbox connection is already named after its API).
        const where = connection ? (connection.name.includes(api!) ? connection.name : `${connection.name} (${api})`) : entry.connectionId;
        const item = new vscode.TreeItem(`${where}: ${entry.company.name}`, vscode.TreeItemCollapsibleState.Expanded);
        const why = entry.reason === 'domain' ? vscode.l10n.t('same domain') : entry.reason === 'confirmed' ? vscode.l10n.t('match confirmed') : vscode.l10n.t('same name, not confirmed');
        item.description = why;
        item.tooltip = `${entry.company.name}\n${where}${entry.company.primaryDomain ? `\n${entry.company.primaryDomain}` : ''}\n${vscode.l10n.t('Matched: {0}', why)}`;
        item.iconPath = new vscode.ThemeIcon(entry.reason === 'name' ? 'question' : 'pass');
        item.contextValue = `acrossEntry.${entry.reason}`;
        return item;
      }
      case 'contact': {
        const ct = node.contact;
        const item = new vscode.TreeItem(ct.formalName || ct.name);
        item.description = [ct.email, ct.isPrimary ? node.primaryLabel : undefined].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(ct.isPrimary ? 'star-full' : 'person');
        item.contextValue = ct.email ? 'contact.withEmail' : 'contact';
        return item;
      }
    }
  }
}
