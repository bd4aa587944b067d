import type * as vscode from 'vscode';
import type { Logger, Redactor } from '../core/redact';
import type { AuditTrail } from '../audit/trail';
import type { Credentials } from '../connections/credentials';
import type { ConnectionRuntime } from '../connections/runtime';
import type { SandboxHost } from '../connections/sandboxHost';
import type { ConnectionStore } from '../connections/store';
import type { JournalStore } from '../forms/bulk/types';
import type { DraftStore } from '../forms/controller';
import type { InDoubtStore } from '../forms/inDoubt';
import type { AttentionSink } from '../model/attention';
import type { TreeNode } from '../model/nodes';
import type { PortfolioCache, PortfolioTree } from '../model/portfolio';

/** What commands may use; built once in activate(). */
export interface Services {
  store: ConnectionStore;
  credentials: Credentials;
  runtime: ConnectionRuntime;
  model: PortfolioCache;
  tree: PortfolioTree;
  sandbox: SandboxHost;
  log: Logger;
  redactor: Redactor;
  channel: vscode.LogOutputChannel;
  journals: JournalStore;
  drafts: DraftStore;
  /** Writes whose answer was lost, by scoped draft key (src/forms/inDoubt.ts). */
  inDoubt?: InDoubtStore;
  /** The view's selected nodes: what a command invoked without an argument (a keybinding) acts on. */
  selection?: () => readonly TreeNode[];
  /** The extension's global state (remembered column mappings, import journals). */
  state?: vscode.Memento;
  /** Re-reads the bulk journals for the view's "waiting to be resumed" badge. */
  refreshBadge?: () => void;
  /** The Needs Attention view, fed by the health scan. */
  attention?: AttentionSink;
  /** Every write sent, for Show Audit Trail (fed by the runtime's onWrite). */
  audit?: AuditTrail;
}
