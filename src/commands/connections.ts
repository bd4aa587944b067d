// Add Connection…, Update Token…, Remove Connection, Sign Out of All. A token is checked with a
// cheap authenticated call before it is saved, and it is saved only in SecretStorage.
import * as vscode from 'vscode';
import { API_LABELS, type ApiKind } from '../core/model';
import { isApiError } from '../core/errors';
import type { Identity } from '../core/provider';
import { checkBaseUrl } from '../connections/baseUrl';
import { newConnectionId, type Connection } from '../connections/store';
import { PROVIDERS, descriptorFor } from '../providers';
import { COMMANDS } from './ids';
import { pickConnection } from './pickConnection';
import { registerCommand } from './run';
import { mintSandboxToken } from './sandbox';
import type { Services } from './services';

export function registerConnectionCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.addConnection, 'Adding the connection', () => addConnection(s)),
    registerCommand(s, COMMANDS.updateToken, 'Updating the token', (arg) => updateToken(s, arg)),
    registerCommand(s, COMMANDS.signIn, 'Signing in', (arg) => updateToken(s, arg)),
    registerCommand(s, COMMANDS.removeConnection, 'Removing the connection', (arg) => removeConnection(s, arg)),
    registerCommand(s, COMMANDS.signOutAll, 'Signing out', () => signOutAll(s)),
  ];
}

async function addConnection(s: Services): Promise<Connection | undefined> {
  const apis = (Object.keys(API_LABELS) as ApiKind[]).map((api) => {
    const d = PROVIDERS[api];
    return { label: API_LABELS[api], description: d ? d.defaultBaseUrl : 'coming soon', api, available: Boolean(d) };
  });
  const picked = await vscode.window.showQuickPick(apis.filter((a) => a.available), {
    title: 'Add Connection (1/4): API',
    placeHolder: 'Which API does this connection use?',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const descriptor = descriptorFor(picked.api)!;

  const taken = new Set(s.store.list().map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: 'Add Connection (2/4): name',
    prompt: 'A name to tell this connection apart in the tree',
    value: uniqueName(descriptor.label, taken),
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? 'Enter a name' : v.trim().length > 100 ? 'At most 100 characters' : taken.has(v.trim()) ? 'Another connection has this name' : undefined),
  });
  if (name === undefined) return undefined;

  const baseUrlInput = await vscode.window.showInputBox({
    title: 'Add Connection (3/4): base URL',
    prompt: `The ${descriptor.label} API address`,
    value: descriptor.defaultBaseUrl,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const r = checkBaseUrl(v);
      return r.ok ? undefined : r.message;
    },
  });
  if (baseUrlInput === undefined) return undefined;
  const baseUrl = checkBaseUrl(baseUrlInput);
  if (!baseUrl.ok) return undefined;

  const token = await askVerifiedToken(s, picked.api, baseUrl.url, 'Add Connection (4/4): token');
  if (!token) return undefined;

  const connection: Connection = { id: newConnectionId(), name: name.trim(), api: picked.api, baseUrl: baseUrl.url };
  // Secret first: if it can't be stored, nothing is saved at all.
  await s.credentials.set(connection.id, token.value);
  try {
    await s.store.upsert(connection);
  } catch (e) {
    await s.credentials.delete(connection.id).catch(() => undefined);
    throw e;
  }
  s.log.info(`Added connection "${connection.name}" (${connection.api} at ${connection.baseUrl})`);
  void vscode.window.showInformationMessage(`Connected to ${descriptor.label} as ${token.identity.displayName}.`);
  return connection;
}

async function updateToken(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, 'Which connection gets a new token?');
  if (!connection) return;
  if (connection.sandbox) {
    // The sandbox's tokens are minted here, not typed.
    await s.credentials.set(connection.id, mintSandboxToken());
  } else {
    const token = await askVerifiedToken(s, connection.api, connection.baseUrl, `New token for ${connection.name}`);
    if (!token) return;
    await s.credentials.set(connection.id, token.value);
    void vscode.window.showInformationMessage(`${connection.name}: signed in as ${token.identity.displayName}.`);
  }
  s.runtime.forget(connection.id);
  await s.model.refresh({ connectionId: connection.id, scope: 'connection' });
  s.tree.refreshAll();
}

async function removeConnection(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, 'Which connection should be removed?');
  if (!connection) return;
  const ok = await vscode.window.showWarningMessage(
    `Remove the connection "${connection.name}" and delete its token?`,
    { modal: true, detail: 'The token is deleted from VS Code secret storage. Nothing changes on the server.' },
    'Remove',
  );
  if (ok !== 'Remove') return;
  await s.credentials.delete(connection.id);
  await s.store.remove(connection.id);
  s.runtime.forget(connection.id);
  s.model.forget(connection.id);
  s.log.info(`Removed connection "${connection.name}"`);
}

async function signOutAll(s: Services): Promise<void> {
  const all = s.store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('There are no connections to sign out of.');
    return;
  }
  const ok = await vscode.window.showWarningMessage(
    `Sign out of all ${all.length} connection${all.length === 1 ? '' : 's'}?`,
    { modal: true, detail: 'Every token is deleted from VS Code secret storage. The connections stay in the tree; sign in again to use them.' },
    'Sign Out',
  );
  if (ok !== 'Sign Out') return;
  for (const c of all) {
    await s.credentials.delete(c.id);
    s.runtime.forget(c.id);
  }
  s.model.refreshAll();
  s.tree.refreshAll();
  s.log.info(`Signed out of ${all.length} connection(s)`);
  void vscode.window.showInformationMessage('Signed out: all tokens were deleted.');
}

/**
 * Asks for a token (password input) and proves it with the provider's cheapest authenticated call.
 * A rejected token is never stored; the person may try again or give up.
 */
async function askVerifiedToken(s: Services, api: ApiKind, baseUrl: string, title: string): Promise<{ value: string; identity: Identity } | undefined> {
  const descriptor = descriptorFor(api)!;
  for (;;) {
    const value = await vscode.window.showInputBox({
      title,
      prompt: descriptor.tokenPrompt,
      placeHolder: descriptor.tokenPlaceholder,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? (/\s/.test(v.trim()) ? 'A token has no spaces' : undefined) : 'Enter the token'),
    });
    if (!value) return undefined;
    const token = value.trim();
    try {
      const identity = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking the token with ${descriptor.label}…`, cancellable: true },
        (_progress, cancel) => {
          const controller = new AbortController();
          cancel.onCancellationRequested(() => controller.abort());
          return s.runtime.probe(api, baseUrl, token).then((p) => p.whoAmI(controller.signal));
        },
      );
      return { value: token, identity };
    } catch (e) {
      if (isApiError(e) && e.kind === 'cancelled') return undefined;
      const why = isApiError(e)
        ? e.kind === 'auth'
          ? `${descriptor.label} rejected this token (${e.message}).`
          : e.describe('Checking the token')
        : String(e);
      const again = await vscode.window.showErrorMessage(`${s.redactor.scrub(why)} Nothing was saved.`, 'Try Again');
      if (again !== 'Try Again') return undefined;
    }
  }
}

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
