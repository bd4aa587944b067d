// activate() only wires things together: no network, no awaits, no schemas. What it does not need
// (commands, forms, providers, the HTTP client, zod) is in dist/onDemand.js, required at first use.
import * as vscode from 'vscode';
import { setTranslator } from './core/l10n';
import { Redactor, recordingLogger, redactingLogger, teeLogger } from './core/redact';
import type { AuditTrail } from './audit/trail';
import type { Credentials } from './connections/credentials';
import type { ConnectionRuntime } from './connections/runtime';
import { SandboxHost } from './connections/sandboxHost';
import { CONNECTIONS_KEY, ConnectionStore, type Connection } from './connections/store';
import { followOtherWindows } from './connections/otherWindows';
import { ACROSS_VIEW, ATTENTION_VIEW_ID, COMMANDS, FORM_PANEL_TYPE } from './commands/ids';
import { registerOnFirstUse } from './commands/lazyCommands';
import { registerAccounts, type Accounts } from './commands/accounts';
import { LazyTreeProvider } from './commands/lazyTree';
import type { Services } from './commands/services';
import type { JournalStore } from './forms/bulk/types';
import type { DraftStore } from './forms/controller';
import type { InDoubtStore } from './forms/inDoubt';
import { CONTEXT, setContext } from './contextKeys';
import type { SettingKey } from './settings';
import { PortfolioModel } from './tree/model';
import type { TreeNode } from './model/nodes';
import { PortfolioTreeProvider } from './tree/treeProvider';
import { AttentionTree } from './tree/attention';
import type * as OnDemand from './onDemand';

let onDemandModule: typeof OnDemand | undefined;
/** dist/onDemand.js (esbuild.mjs makes it a bundle of its own); synchronous, loaded once. */
const onDemand = (): typeof OnDemand => (onDemandModule ??= require('./onDemand') as typeof OnDemand);

export const VIEW_ID = 'portfolioContacts.connections';
/** SecretStorage keys of the connections' credentials, as credentials.ts's secretKey() makes them (that module loads zod). */
const TOKEN_KEY = 'portfolioContacts.token.';
const FILTERS_KEY = 'portfolioContacts.companyFilters';

/** What activate() returns: enough for the integration tests to look inside, never a token. */
export interface PortfolioContactsApi {
  tree: vscode.TreeDataProvider<TreeNode>;
  connections: { list(): Connection[] };
  sandboxUrl(): string | undefined;
  /**
   * Only when VS Code runs the extension's own tests (ExtensionMode.Test): other extensions can read
   * an extension's exports, so secret access must never be reachable in normal use.
   */
  testing?: { credentials: Credentials; services: Services; logLines: readonly string[]; storage: RawStorage; accounts: Accounts };
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
  // Pure modules (both bundles) translate through vscode.l10n from here on: see src/core/l10n.ts.
  setTranslator((message, args) => vscode.l10n.t(message, ...args), vscode.l10n.bundle);
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
  const setting = <K extends SettingKey>(key: K) => onDemand().setting(key, log);
  // The e2e suites drive the embedded sandbox's control endpoints; a released extension never takes the token from outside.
  const controlToken = context.extensionMode !== vscode.ExtensionMode.Production ? process.env.PORTFOLIO_CONTACTS_SANDBOX_CONTROL_TOKEN || undefined : undefined;
  const sandbox = new SandboxHost(() => ({ companies: setting('sandbox.companies'), latencyMs: setting('sandbox.latencyMs'), ...(controlToken ? { controlToken } : {}) }), log);
  // Made at first use, each from dist/onDemand.js.
  let credentials: Credentials | undefined;
  let runtime: ConnectionRuntime | undefined;
  let journals: JournalStore | undefined;
  let drafts: DraftStore | undefined;
  let inDoubt: InDoubtStore | undefined;
  let audit: AuditTrail | undefined;
  const liveRuntime = (): ConnectionRuntime => {
    if (runtime) return runtime;
    const { ConnectionRuntime } = onDemand();
    runtime = new ConnectionRuntime(
      store,
      services.credentials,
      sandbox,
      log,
      redactor,
      () => setting('requestTimeoutSeconds') * 1000,
      () => setting('maxResponseMegabytes') * 1024 * 1024,
      () => vscode.env.language,
    );
    context.subscriptions.push(runtime.onDidSignOut((id) => (void model.refresh({ connectionId: id, scope: 'connection' }), void accounts.refresh())));
    // The client knows a company by id at most; the name comes from what the tree has loaded.
    runtime.onWrite = (write) => void services.audit?.record(write.companyId !== undefined && write.companyName === undefined ? { ...write, companyName: model.company(write.connectionId, write.companyId)?.name } : write);
    return runtime;
  };
  // Filters outlive a reload of this workspace's window (the model checks what it reads back).
  const filterMemory = { get: () => context.workspaceState.get<unknown>(FILTERS_KEY), set: (f: Record<string, string>) => void context.workspaceState.update(FILTERS_KEY, f) };
  const model = new PortfolioModel({ provider: (id) => liveRuntime().provider(id) }, () => setting('pageSize'), filterMemory);
  const tree = new PortfolioTreeProvider(store, model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(view);
  const attention = new AttentionTree();
  const attentionView = vscode.window.createTreeView(ATTENTION_VIEW_ID, { treeDataProvider: attention });
  attention.attach(attentionView);

  // Company Across Connections: its provider (and the matching code) is made when the view is first shown.
  const across = new LazyTreeProvider(() => onDemand().acrossConnections(services, context.globalState));
  const acrossView = vscode.window.createTreeView(ACROSS_VIEW, { treeDataProvider: across, showCollapseAll: true });
  const services: Services = {
    store,
    model,
    // The main tree's Refresh also reads the connections' companies again for the matches.
    tree: {
      refreshAll: () => {
        tree.refreshAll();
        (across.made as { reload?: () => void } | undefined)?.reload?.();
      },
      reveal: (...args: Parameters<PortfolioTreeProvider["reveal"]>) => tree.reveal(...args),
    },
    sandbox,
    log,
    redactor,
    channel,
    get credentials() {
      return (credentials ??= new (onDemand().Credentials)(context.secrets, redactor));
    },
    get runtime() {
      return liveRuntime();
    },
    get journals() {
      return (journals ??= new (onDemand().MementoJournal)(context.globalState, log, (t) => redactor.scrub(t)));
    },
    get drafts() {
      return (drafts ??= new (onDemand().MementoDrafts)(context.globalState));
    },
    get inDoubt() {
      return (inDoubt ??= new (onDemand().InDoubtStore)(context.globalState, (t) => redactor.scrub(t)));
    },
    get audit() {
      return (audit ??= new (onDemand().AuditTrail)({ dir: context.globalStorageUri.fsPath, redact: (t) => redactor.scrub(t), onError: (e) => log.warn(`Could not write the audit trail: ${String(e)}`) }));
    },
    state: context.globalState,
    selection: () => view.selection,
    refreshBadge: () => updateBadge(),
    attention,
  };
  // The health scan starts the first time the view is shown, so a window that never opens it pays nothing.
  let watching: vscode.Disposable | undefined;
  const watchAttention = () => {
    if (watching || !attentionView.visible) return;
    watching = onDemand().watchNeedsAttention(services, (l) => model.onDidChange(l), (l) => store.onDidChange(() => l(undefined)));
  };
  // The badge counts interrupted bulk runs; it follows the journals, read once the on-demand code is loaded.
  const updateBadge = () =>
    void onDemand()
      .interruptedRunsBadge(services.journals)
      .then((badge) => (view.badge = badge), (e: unknown) => log.warn(`Could not read the bulk journals: ${String(e)}`));
  // The Accounts menu: whether a secret is stored is read raw (no parsing, nothing from onDemand.js).
  const accounts = registerAccounts({
    connections: () => store.list(),
    signedIn: (id) => (runtime?.needsSignIn(id) ? Promise.resolve(false) : context.secrets.get(TOKEN_KEY + id).then((raw) => Boolean(raw?.trim()))),
  });
  const syncContext = () => setContext(CONTEXT.hasConnections, store.list().length > 0);
  /** What a connection's change means for this window's cache, once a provider was ever made. */
  const dropCached = (id: string) => {
    runtime?.forget(id);
    void model.refresh({ connectionId: id, scope: 'connection' });
  };

  context.subscriptions.push(
    channel,
    tree,
    view,
    attention,
    attentionView,
    attentionView.onDidChangeVisibility(watchAttention),
    { dispose: () => watching?.dispose() },
    accounts,
    store.onDidChange(syncContext),
    store.onDidChange(() => void accounts.refresh()),
    across,
    acrossView,
    store.onDidChange(() => (across.made as { reload?: () => void } | undefined)?.reload?.()),
    model.onDidChange((change) => change.scope === 'invitations' && updateBadge()),
    sandbox.onDidChange((running) => setContext(CONTEXT.sandboxRunning, running)),
    registerOnFirstUse(Object.values(COMMANDS), () => onDemand().registerCommands(services, context.extensionUri)),
    // Registered now (VS Code restores panels right after activation), the forms code loads with the first one.
    vscode.window.registerWebviewPanelSerializer(FORM_PANEL_TYPE, {
      deserializeWebviewPanel: (panel, state) => onDemand().restoreForm(services, context.extensionUri, panel, state),
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('portfolioContacts.pageSize') || e.affectsConfiguration('portfolioContacts.requestTimeoutSeconds') || e.affectsConfiguration('portfolioContacts.maxResponseMegabytes')) {
        model.refreshAll();
        tree.refreshAll();
      }
    }),
    // The secret store is shared between windows: another window signing out must show here too.
    context.secrets.onDidChange((e) => {
      if (!e.key.startsWith(TOKEN_KEY)) return;
      void accounts.refresh();
      const id = e.key.slice(TOKEN_KEY.length);
      // Our own save of a renewed token must not reset the tree; another window's sign-out must.
      // Without a runtime yet, this window has saved nothing.
      if (!runtime) return dropCached(id);
      void runtime.changedElsewhere(id).then((elsewhere) => {
        if (elsewhere) dropCached(id);
      });
    }),
    // The store fires for the tree; what this window cached for a changed connection is dropped.
    followOtherWindows(store, { secretsChanged: context.secrets.onDidChange, windowStateChanged: vscode.window.onDidChangeWindowState }, (ids) => {
      for (const id of ids) dropCached(id);
    }),
    { dispose: () => void sandbox.stop() },
  );

  // Reading the list parses it (zod): right after activation, not inside it.
  const startTimer = setTimeout(() => {
    syncContext();
    watchAttention();
    if (setting('sandbox.autoStart') && store.list().length === 0) {
      void onDemand()
        .trySandbox(services)
        .catch((e: unknown) => log.error(`Could not start the sandbox: ${String(e)}`));
    }
  }, 0);
  // An interrupted bulk run is offered for resuming once the window has settled; never awaited here.
  const resumeTimer = setTimeout(() => void onDemand().offerToResume(services).finally(updateBadge).catch((e: unknown) => log.error(`Could not check for interrupted bulk runs: ${String(e)}`)), 1500);
  context.subscriptions.push({ dispose: () => (clearTimeout(startTimer), clearTimeout(resumeTimer)) });

  return {
    tree,
    connections: { list: () => store.list() },
    sandboxUrl: () => sandbox.url,
    testing: testMode ? { get credentials() { return services.credentials; }, services, logLines, storage: rawStorage(context), accounts } : undefined,
  };
}

function rawStorage(context: vscode.ExtensionContext): RawStorage {
  const folders = [context.globalStorageUri, context.storageUri].filter((u): u is vscode.Uri => u !== undefined);
  return { globalState: context.globalState, workspaceState: context.workspaceState, folders };
}

export function deactivate(): void {
  // Disposables registered in activate() stop the sandbox and close the channel.
}
