// The Needs Attention view: health entries grouped by check, filled in as a scan reports them.
// Holds no provider and does no network; the scan (src/commands/needsAttention.ts) feeds it.
import * as vscode from 'vscode';
import { HEALTH_CHECK_TITLES, HEALTH_CHECKS } from '../core/health';
import { COMMANDS } from '../commands/ids';
import type { AttentionEntry, AttentionNode, AttentionSink, AttentionStatus } from '../model/attention';

export class AttentionTree implements vscode.TreeDataProvider<AttentionNode>, AttentionSink, vscode.Disposable {
  /** connection → company → its entries (invitations under a key of their own, as they come apart). */
  private readonly byConnection = new Map<string, Map<string, AttentionEntry[]>>();
  private status: AttentionStatus = { running: false, checked: 0 };
  private readonly changed = new vscode.EventEmitter<AttentionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view?: vscode.TreeView<AttentionNode>;
  private pending?: ReturnType<typeof setTimeout>;

  attach(view: vscode.TreeView<AttentionNode>): void {
    this.view = view;
  }

  set(connectionId: string, key: string, entries: AttentionEntry[]): void {
    let companies = this.byConnection.get(connectionId);
    if (!companies) this.byConnection.set(connectionId, (companies = new Map()));
    if (entries.length) companies.set(key, entries);
    else if (!companies.delete(key)) return;
    this.fire();
  }

  clear(connectionId?: string): void {
    if (connectionId === undefined) this.byConnection.clear();
    else this.byConnection.delete(connectionId);
    this.fire();
  }

  setStatus(status: AttentionStatus): void {
    this.status = status;
    this.fire();
  }

  entries(): AttentionEntry[] {
    return [...this.byConnection.values()].flatMap((m) => [...m.values()].flat());
  }

  /** Many companies report within one frame during a scan: one repaint for them all. */
  private fire(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire(undefined);
      this.updateBadge();
    }, 50);
  }

  private updateBadge(): void {
    if (!this.view) return;
    const count = this.entries().length;
    this.view.badge = count ? { value: count, tooltip: vscode.l10n.t('{0} contact problems need attention', count) } : undefined;
    const { running, checked, total, error } = this.status;
    this.view.message = error
      ? error
      : running
        ? total ? vscode.l10n.t('Checking companies: {0} of {1}…', checked, total) : vscode.l10n.t('Checking companies: {0}…', checked)
        : undefined;
  }

  getTreeItem(node: AttentionNode): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(HEALTH_CHECK_TITLES[node.check](), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group/${node.check}`;
      item.description = String(node.count);
      item.contextValue = 'attentionGroup';
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(e.contactName ? `${e.companyName} · ${e.contactName}` : e.companyName);
    item.id = `entry/${e.connectionId}/${e.check}/${e.companyId}/${e.contactId ?? ''}`;
    item.description = `${e.reason} · ${e.connectionName}`;
    item.tooltip = `${e.connectionName}: ${e.reason}`;
    item.contextValue = `attentionEntry.${e.fix}`;
    item.command = { command: COMMANDS.fixAttention, title: vscode.l10n.t('Fix'), arguments: [node] };
    return item;
  }

  getChildren(node?: AttentionNode): AttentionNode[] {
    const all = this.entries();
    if (!node) {
      const groups = HEALTH_CHECKS.map((check) => ({ kind: 'group' as const, check, count: all.filter((e) => e.check === check).length })).filter((g) => g.count > 0);
      if (groups.length) return groups;
      return [{ kind: 'message', text: this.status.running ? vscode.l10n.t('Checking…') : vscode.l10n.t('Nothing needs attention.') }];
    }
    if (node.kind !== 'group') return [];
    return all
      .filter((e) => e.check === node.check)
      .sort((a, b) => a.companyName.localeCompare(b.companyName))
      .map((entry) => ({ kind: 'entry' as const, entry }));
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.changed.dispose();
  }
}
