// activate() only wires things together: no network, no awaits. The sandbox starts on first use.
import * as vscode from 'vscode';
import { Redactor, recordingLogger, redactingLogger, teeLogger } from './core/redact';
import { Credentials } from './connections/credentials';
import { ConnectionRuntime } from './connections/runtime';
import { SandboxHost } from './connections/sandboxHost';
import { CONNECTIONS_KEY, ConnectionStore, type Connection } from './connections/store';
import { followOtherWindows } from './connections/otherWindows';
import { registerConnectionCommands } from './commands/connections';
import { registerSandboxCommands, trySandbox } from './commands/sandbox';
import type { Services } from './commands/services';
import { registerTreeCommands } from './commands/tree';
import { registerFormCommands } from './commands/forms';
import { registerSetPrimaryCommand } from './commands/setPrimary';
import { registerFormRestore } from './commands/restoreForms';
import { offerToResume } from './commands/bulkInvite';
import { MementoJournal } from './forms/bulk/mementoJournal';
import { MementoDrafts } from './forms/drafts';
import { CONTEXT, setContext } from './contextKeys';
import { setting } from './settings';
import { PortfolioModel } from './tree/model';
import type { TreeNode } from './model/nodes';
import { PortfolioTreeProvider } from './tree/treeProvider';

export const VIEW_ID = 'portfolioContacts.connections';

/** What activate() returns: enough for the integration tests to look inside, never a token. */
export interface PortfolioContactsApi {
  tree: vscode.TreeDataProvider<TreeNode>;
  connections: { list(): Connection[] };
  sandboxUrl(): string | undefined;
  /**
   * Only when VS Code runs the extension's own tests (ExtensionMode.Test): other extensions can read
   * an extension's exports, so secret access must never be reachable in normal use.
   */
  testing?: { credentials: Credentials; services: Services; logLines: readonly string[]; storage: RawStorage };
}

/**
 * The extension's persisted state as VS Code keeps it, bypassing the stores (which parse and drop
 * unknown keys): the secrets audit must see what is really written, not what a store reads back.
 */
export interface RawStorage {
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  /** Folders VS Code gives the extension for files (the workspace one only with a workspace open). */
  folders: vscode.Uri[];
}

export function activate(context: vscode.ExtensionContext): PortfolioContactsApi {
  const channel = vscode.window.createOutputChannel('Portfolio Contacts', { log: true });
  const redactor = new Redactor();
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  // In the extension's own tests, a copy of every line that reaches the channel (after redaction, at
  // every level) is kept so the secrets audit can search it.
  const logLines: string[] = [];
  const log = redactingLogger(testMode ? teeLogger(channel, recordingLogger(logLines)) : channel, redactor);

  const store = new ConnectionStore(context.globalState, log);
  // Connection metadata roams with Settings Sync; tokens stay in this machine's secret storage, so a
  // roamed connection shows "Sign in…" on a new machine.
  context.globalState.setKeysForSync([CONNECTIONS_KEY]);
  const credentials = new Credentials(context.secrets, redactor);
  // The e2e suites drive the embedded sandbox's control endpoints; a released extension never takes the token from outside.
  const controlToken = context.extensionMode !== vscode.ExtensionMode.Production ? process.env.PORTFOLIO_CONTACTS_SANDBOX_CONTROL_TOKEN || undefined : undefined;
  const sandbox = new SandboxHost(() => ({ companies: setting('sandbox.companies', log), latencyMs: setting('sandbox.latencyMs', log), ...(controlToken ? { controlToken } : {}) }), log);
  const runtime = new ConnectionRuntime(
    store,
    credentials,
    sandbox,
    log,
    redactor,
    () => setting('requestTimeoutSeconds', log) * 1000,
    () => setting('maxResponseMegabytes', log) * 1024 * 1024,
  );
  const model = new PortfolioModel(runtime, () => setting('pageSize', log));
  const tree = new PortfolioTreeProvider(store, model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(view);

  const journals = new MementoJournal(context.globalState, log, (t) => redactor.scrub(t));
  const drafts = new MementoDrafts(context.globalState);
  const services: Services = { store, credentials, runtime, model, tree, sandbox, log, redactor, channel, journals, drafts };
  const syncContext = () => setContext(CONTEXT.hasConnections, store.list().length > 0);
  syncContext();

  context.subscriptions.push(
    channel,
    tree,
    view,
    store.onDidChange(syncContext),
    sandbox.onDidChange((running) => setContext(CONTEXT.sandboxRunning, running)),
    ...registerConnectionCommands(services),
    ...registerSandboxCommands(services),
    ...registerTreeCommands(services),
    ...registerFormCommands(services, context.extensionUri),
    registerSetPrimaryCommand(services),
    registerFormRestore(services, context.extensionUri),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('portfolioContacts.pageSize') || e.affectsConfiguration('portfolioContacts.requestTimeoutSeconds') || e.affectsConfiguration('portfolioContacts.maxResponseMegabytes')) {
        model.refreshAll();
        tree.refreshAll();
      }
    }),
    // The secret store is shared between windows: another window signing out must show here too.
    context.secrets.onDidChange((e) => {
      if (!e.key.startsWith('portfolioContacts.token.')) return;
      const id = e.key.slice('portfolioContacts.token.'.length);
      // Our own save of a renewed token must not reset the tree; another window's sign-out must.
      void runtime.changedElsewhere(id).then((elsewhere) => {
        if (!elsewhere) return;
        runtime.forget(id);
        void model.refresh({ connectionId: id, scope: 'connection' });
      });
    }),
    // The store fires for the tree; what this window cached for a changed connection is dropped.
    followOtherWindows(store, { secretsChanged: context.secrets.onDidChange, windowStateChanged: vscode.window.onDidChangeWindowState }, (ids) => {
      for (const id of ids) {
        runtime.forget(id);
        void model.refresh({ connectionId: id, scope: 'connection' });
      }
    }),
    runtime.onDidSignOut((id) => void model.refresh({ connectionId: id, scope: 'connection' })),
    { dispose: () => void sandbox.stop() },
  );

  // An interrupted bulk run is offered for resuming once the window has settled; never awaited here.
  const resumeTimer = setTimeout(() => void offerToResume(services).catch((e: unknown) => log.error(`Could not check for interrupted bulk runs: ${String(e)}`)), 1500);
  context.subscriptions.push({ dispose: () => clearTimeout(resumeTimer) });

  if (setting('sandbox.autoStart', log) && store.list().length === 0) {
    // Deliberately not awaited: activation must stay instant.
    void trySandbox(services).catch((e: unknown) => log.error(`Could not start the sandbox: ${String(e)}`));
  }

  return {
    tree,
    connections: { list: () => store.list() },
    sandboxUrl: () => sandbox.url,
    testing: testMode ? { credentials, services, logLines, storage: rawStorage(context) } : undefined,
  };
}

function rawStorage(context: vscode.ExtensionContext): RawStorage {
  const folders = [context.globalStorageUri, context.storageUri].filter((u): u is vscode.Uri => u !== undefined);
  return { globalState: context.globalState, workspaceState: context.workspaceState, folders };
}

export function deactivate(): void {
  // Disposables registered in activate() stop the sandbox and close the channel.
}
