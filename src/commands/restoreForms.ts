// Form panels open before a window reload come back: VS Code hands over each panel with the state
// its webview kept, and the provider is asked for the same form again (src/forms/reopen.ts).
import type * as vscode from 'vscode';
import type { Connection } from '../connections/store';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import type { ControllerOptions } from '../forms/controller';
import { liveHandler } from '../forms/live';
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
    async (target) => {
      const deps = {
        connection: (id: string) => s.store.get(id),
        provider: (connection: Connection) => liveProvider(s, connection),
        effects: (id: string) => effectsFor(s, id),
        bulkInvite: (connection: Connection, provider: Provider, companies: Company[], folder?: string) => bulkInviteForm(s, connection, provider, companies, folder),
      };
      const connection = s.store.get(target.connectionId);
      // The bulk form follows the live provider itself (its run's journal must survive a rebuild).
      if (!connection || target.verb === 'bulkInvite') return resolveForm(target, deps);
      const first = await liveProvider(s, connection);
      const build = (provider: Provider) => resolveForm(target, { ...deps, provider: async () => provider });
      return liveHandler(first, await build(first), () => liveProvider(s, connection), build);
    },
    (target) => ({ drafts: s.drafts, inDoubt: s.inDoubt, scope: target.connectionId }),
  ];
}
