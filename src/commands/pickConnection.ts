import * as vscode from 'vscode';
import { API_LABELS } from '../core/model';
import type { Connection } from '../connections/store';
import type { TreeNode } from '../model/nodes';
import type { Services } from './services';

/**
 * The connection a command acts on: from the tree node it was invoked on, an id passed by another
 * command, or, from the palette, a QuickPick (skipped when there is only one).
 */
export async function pickConnection(services: Services, arg: unknown, placeHolder: string): Promise<Connection | undefined> {
  const fromArg = connectionFromArg(services, arg);
  if (fromArg) return fromArg;
  const all = services.store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('There are no connections yet. Add one, or try the sandbox.');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: `${API_LABELS[c.api]}${c.sandbox ? ' · sandbox' : ''}`, detail: c.baseUrl, connection: c })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.connection;
}

function connectionFromArg(services: Services, arg: unknown): Connection | undefined {
  if (typeof arg === 'string') return services.store.get(arg);
  const node = arg as TreeNode | undefined;
  if (!node || typeof node !== 'object' || !('kind' in node)) return undefined;
  const id = node.kind === 'connection' ? node.connection.id : node.connectionId;
  return id ? services.store.get(id) : undefined;
}
