// The connection's provider as it is now (a restarted sandbox or a new token gives a new one), or a
// message for the person saying why there is none.
import * as vscode from 'vscode';
import type { Connection } from '../connections/store';
import type { Provider } from '../core/provider';
import { isProvider } from '../model/source';
import type { Services } from './services';

export async function liveProvider(s: Services, connection: Connection): Promise<Provider> {
  const p = await s.model.providerFor(connection.id);
  if (isProvider(p)) return p;
  if (p.reason === 'signed-out') throw new Error(vscode.l10n.t('"{0}" has no token. Run "Sign In…" on it first.', connection.name));
  if (p.reason === 'unsupported') throw new Error(p.message);
  if (p.reason === 'stopped') throw new Error(vscode.l10n.t('The sandbox is stopped. Run "Try the Sandbox" to start it again.'));
  throw p.error;
}
