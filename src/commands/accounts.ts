// Connections in VS Code's Accounts menu: one authentication provider per API, one session per
// signed-in connection, Sign Out there signs the connection out as the Sign Out command does.
// Registered at activation, so it loads nothing heavy: the sessions are worked out when VS Code asks,
// from the connection list and whether SecretStorage holds a record (never its contents).
import * as vscode from 'vscode';
import { API_KINDS, type ApiKind } from '../core/model';
import { accountSessions, authProviderId, authProviderLabel, diffSessions, type AccountSession } from '../connections/accountSessions';
import type { Connection } from '../connections/connectionSchema';
import { COMMANDS } from './ids';

export interface AccountsSource {
  connections(): Connection[];
  /** Whether the connection has credentials stored and usable (not refused at a renewal). */
  signedIn(connectionId: string): Thenable<boolean>;
}

export interface Accounts extends vscode.Disposable {
  /** Works the sessions out again and tells VS Code what changed (sign in or out, here or elsewhere; a connection added, renamed or removed). */
  refresh(): Promise<void>;
  /** The registered provider of one API (the extension's own tests call it as the Accounts menu does). */
  provider(api: ApiKind): vscode.AuthenticationProvider;
}

export function registerAccounts(source: AccountsSource): Accounts {
  const emitters = new Map(API_KINDS.map((api) => [api, new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>()]));
  /** What VS Code was last told, per API; filled by the first getSessions or refresh. */
  const told = new Map<ApiKind, AccountSession[]>();

  const sessionsOf = async (api: ApiKind): Promise<AccountSession[]> => {
    const all = source.connections().filter((c) => c.api === api);
    const signed = new Set<string>();
    await Promise.all(all.map(async (c) => (await source.signedIn(c.id).then(Boolean, () => false)) && signed.add(c.id)));
    return accountSessions(api, all, (id) => signed.has(id));
  };

  // One refresh at a time, so two quick changes are reported in order and each once.
  let queue: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> =>
    (queue = queue.then(async () => {
      for (const api of API_KINDS) {
        const now = await sessionsOf(api);
        const change = told.has(api) ? diffSessions(told.get(api)!, now) : undefined;
        told.set(api, now);
        if (change) emitters.get(api)!.fire(change);
      }
    }).catch(() => undefined));

  const provider = (api: ApiKind): vscode.AuthenticationProvider => ({
    onDidChangeSessions: emitters.get(api)!.event,
    getSessions: async (_scopes, options) => {
      const now = await sessionsOf(api);
      if (!told.has(api)) told.set(api, now);
      return options?.account ? now.filter((s) => s.account.id === options.account!.id) : now;
    },
    createSession: () => signIn(api),
    removeSession: async (sessionId) => {
      // The same path as the Sign Out command: the secret is deleted, the tree shows "Sign in…". A
      // session of a connection removed meanwhile has nothing to sign out (and must not open a picker).
      if (source.connections().some((c) => c.id === sessionId)) await vscode.commands.executeCommand(COMMANDS.signOut, sessionId);
      await refresh();
    },
  });

  /** The Accounts menu's "Sign in": a signed-out connection of this API signs in, or a new connection is added. */
  const signIn = async (api: ApiKind): Promise<AccountSession> => {
    const before = new Set((await sessionsOf(api)).map((s) => s.id));
    const out = source.connections().filter((c) => c.api === api && !before.has(c.id));
    const add = { label: vscode.l10n.t('Add a connection…'), id: undefined as string | undefined };
    const picked = out.length
      ? await vscode.window.showQuickPick([...out.map((c) => ({ label: c.name, description: c.baseUrl, id: c.id as string | undefined })), add], {
          placeHolder: vscode.l10n.t('Which {0} connection do you want to sign in to?', authProviderLabel(api)),
        })
      : add;
    if (!picked) throw new Error(vscode.l10n.t('Sign-in was cancelled.'));
    await vscode.commands.executeCommand(picked.id ? COMMANDS.signIn : COMMANDS.addConnection, ...(picked.id ? [picked.id] : []));
    const made = (await sessionsOf(api)).find((s) => !before.has(s.id));
    await refresh();
    if (!made) throw new Error(vscode.l10n.t('No {0} connection was signed in.', authProviderLabel(api)));
    return made;
  };

  const providers = new Map(API_KINDS.map((api) => [api, provider(api)]));
  const registrations = API_KINDS.map((api) =>
    vscode.authentication.registerAuthenticationProvider(authProviderId(api), authProviderLabel(api), providers.get(api)!, { supportsMultipleAccounts: true }),
  );
  return {
    refresh,
    provider: (api) => providers.get(api)!,
    dispose: () => {
      for (const d of [...registrations, ...emitters.values()]) d.dispose();
    },
  };
}
