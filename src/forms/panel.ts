// One webview panel per task and target. Opening the same form again reveals the open panel
// instead of a second one (so a half-typed form is not duplicated). Drafts live in the webview's
// own state (getState/setState, for tab switches, so no retainContextWhenHidden) and in a host-side
// store (for a closed panel, whose webview state is gone).
import * as vscode from 'vscode';
import type { Logger } from '../core/redact';
import type { HostMessage } from '../protocol/messages';
import { type ControllerOptions, FormController, type FormHandler } from './controller';
import { formHtml } from './html';
import { RecentWrites } from './recentWrites';

/** One memory of recent writes for every form, so a closed and reopened form still asks. */
const recent = new RecentWrites();

/** A modal question: a repeated write must not slip past a notification nobody read. */
async function confirm(question: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(question, { modal: true }, 'Send Again')) === 'Send Again';
}

const open = new Map<string, { panel: vscode.WebviewPanel; controller: FormController }>();

export function openFormPanel(extensionUri: vscode.Uri, key: string, handler: FormHandler, log: Logger, options: ControllerOptions = {}): vscode.WebviewPanel {
  const existing = open.get(key);
  if (existing) {
    existing.panel.reveal();
    existing.controller.refresh();
    return existing.panel;
  }
  const spec = handler.spec();
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const panel = vscode.window.createWebviewPanel('portfolioContacts.form', spec.title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [root],
  });
  panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, 'media', 'form-light.svg'), dark: vscode.Uri.joinPath(extensionUri, 'media', 'form-dark.svg') };
  panel.webview.html = formHtml({
    cspSource: panel.webview.cspSource,
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'form.js')).toString(),
    title: spec.title,
  });
  const controller = new FormController(
    {
      post: (m: HostMessage) => void panel.webview.postMessage(m),
      onMessage: (listener) => panel.webview.onDidReceiveMessage(listener),
    },
    handler,
    log,
    { confirm, recent, close: () => panel.dispose(), ...options },
  );
  open.set(key, { panel, controller });
  panel.onDidDispose(() => {
    controller.dispose();
    open.delete(key);
  });
  return panel;
}

/** For tests and the bulk runner: the panel open for a key, if any. */
export function openPanel(key: string): vscode.WebviewPanel | undefined {
  return open.get(key)?.panel;
}
