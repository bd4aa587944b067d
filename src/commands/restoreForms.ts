// Form panels open before a window reload come back: VS Code hands over each panel with the state
// its webview kept, and the provider is asked for the same form again (src/forms/reopen.ts).
import type * as vscode from 'vscode';
import type { ControllerOptions } from '../forms/controller';
import { registerFormSerializer, restoreFormPanel } from '../forms/panel';
import { resolveForm, type ReopenState, type ResolveForm } from '../forms/reopen';
import { bulkInviteForm } from './bulkInvite';
import { effectsFor, liveProvider } from './forms';
import type { Services } from './services';

export function registerFormRestore(s: Services, extensionUri: vscode.Uri): vscode.Disposable {
  return registerFormSerializer(extensionUri, s.log, ...restoreArgs(s));
}

/** One restored panel: what the serializer registered at activation calls, once this module is loaded. */
export function restoreForm(s: Services, extensionUri: vscode.Uri, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  return restoreFormPanel(panel, state, extensionUri, s.log, ...restoreArgs(s));
}

function restoreArgs(s: Services): [ResolveForm, (target: ReopenState) => ControllerOptions] {
  return [
    (target) =>
      resolveForm(target, {
        connection: (id) => s.store.get(id),
        provider: (connection) => liveProvider(s, connection),
        effects: (id) => effectsFor(s, id),
        bulkInvite: (connection, provider, companies) => bulkInviteForm(s, connection, provider, companies),
      }),
    (target) => ({ drafts: s.drafts, scope: target.connectionId }),
  ];
}
