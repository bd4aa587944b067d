// One webview panel per task and target. Opening the same form again reveals the open panel
// instead of a second one (so a half-typed form is not duplicated). Drafts live in the webview's
// own state (getState/setState, for tab switches, so no retainContextWhenHidden) and in a host-side
// store (for a closed panel, whose webview state is gone).
import * as vscode from 'vscode';
import type { Logger } from '../core/redact';
import type { HostMessage } from '../protocol/messages';
import { type ControllerOptions, FormController, type FormHandler } from './controller';
import { formHtml, messageHtml } from './html';
import { FORM_VIEW_TYPE, reopenForm, type ReopenState, type ResolveForm } from './reopen';
import { RecentWrites } from './recentWrites';

/** One memory of recent writes for every form, so a closed and reopened form still asks. */
const recent = new RecentWrites();

/** A modal question: a repeated write (or one that locks you out) must not slip past a notification nobody read. */
async function confirm(question: string, yes = vscode.l10n.t('Send Again')): Promise<boolean> {
  return (await vscode.window.showWarningMessage(question, { modal: true }, yes)) === yes;
}

const open = new Map<string, { panel: vscode.WebviewPanel; controller: FormController }>();

export interface PanelOptions extends ControllerOptions {
  /** What the webview keeps so the form comes back after a window reload (see reopen.ts). */
  reopen?: ReopenState;
}

export function openFormPanel(extensionUri: vscode.Uri, key: string, handler: FormHandler, log: Logger, options: PanelOptions = {}): vscode.WebviewPanel {
  const existing = open.get(key);
  if (existing) {
    existing.panel.reveal();
    existing.controller.refresh();
    return existing.panel;
  }
  const panel = vscode.window.createWebviewPanel(FORM_VIEW_TYPE, handler.spec().title, vscode.ViewColumn.Active, panelOptions(extensionUri));
  attach(panel, extensionUri, key, handler, log, options);
  return panel;
}

function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** Shows the form in a panel (a new one, or one VS Code restored after a reload). */
function attach(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, key: string, handler: FormHandler, log: Logger, options: PanelOptions): void {
  const spec = handler.spec();
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  panel.title = spec.title;
  setIcon(panel, extensionUri);
  panel.webview.html = formHtml({
    cspSource: panel.webview.cspSource,
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'form.js')).toString(),
    title: spec.title,
    reopen: options.reopen,
  });
  const controller = new FormController(
    {
      post: (m: HostMessage) => void panel.webview.postMessage(m),
      onMessage: (listener) => panel.webview.onDidReceiveMessage(listener),
    },
    handler,
    log,
    { confirm, recent, close: () => panel.dispose(), retitle: (title) => (panel.title = title), ...options },
  );
  open.set(key, { panel, controller });
  panel.onDidDispose(() => {
    controller.dispose();
    open.delete(key);
  });
}

function setIcon(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, 'media', 'form-light.svg'), dark: vscode.Uri.joinPath(extensionUri, 'media', 'form-dark.svg') };
}

/**
 * A panel VS Code brought back after a reload: the same form again, asked of the provider, or a
 * clear message when that is not possible (connection gone, signed out), never a blank panel.
 */
export async function restoreFormPanel(panel: vscode.WebviewPanel, state: unknown, extensionUri: vscode.Uri, log: Logger, resolve: ResolveForm, options: (target: ReopenState) => ControllerOptions): Promise<void> {
  const reopened = await reopenForm(state, resolve);
  if (reopened.ok && open.has(reopened.target.key)) {
    // Opened again meanwhile (from the tree): one panel per form.
    open.get(reopened.target.key)!.panel.reveal();
    panel.dispose();
    return;
  }
  if (reopened.ok) {
    attach(panel, extensionUri, reopened.target.key, reopened.handler, log, { ...options(reopened.target), reopen: reopened.target });
    return;
  }
  log.info(`A form panel was not restored: ${reopened.message}`);
  setIcon(panel, extensionUri);
  panel.webview.options = { enableScripts: false, localResourceRoots: [] };
  panel.webview.html = messageHtml(panel.title, reopened.message);
}

export function registerFormSerializer(extensionUri: vscode.Uri, log: Logger, resolve: ResolveForm, options: (target: ReopenState) => ControllerOptions): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(FORM_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => restoreFormPanel(panel, state, extensionUri, log, resolve, options),
  });
}

/** For tests and the bulk runner: the panel open for a key, if any. */
export function openPanel(key: string): vscode.WebviewPanel | undefined {
  return open.get(key)?.panel;
}
