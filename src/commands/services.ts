import type * as vscode from 'vscode';
import type { Logger, Redactor } from '../core/redact';
import type { Credentials } from '../connections/credentials';
import type { ConnectionRuntime } from '../connections/runtime';
import type { SandboxHost } from '../connections/sandboxHost';
import type { ConnectionStore } from '../connections/store';
import type { JournalStore } from '../forms/bulk/types';
import type { DraftStore } from '../forms/controller';
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
}
