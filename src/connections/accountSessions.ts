// What VS Code's Accounts menu shows for each API: one session per signed-in connection. Pure, so the
// mapping is tested without VS Code; src/commands/accounts.ts hands these to the authentication API.
import { API_LABELS, type ApiKind } from '../core/model';
import type { Connection } from './connectionSchema';

/** The id of the authentication provider of one API, as package.json's contributes.authentication declares it. */
export function authProviderId(api: ApiKind): string {
  return `portfolioContacts.${api}`;
}

/** The provider's label in the Accounts menu: the API's name, nothing else. */
export function authProviderLabel(api: ApiKind): string {
  return API_LABELS[api];
}

/**
 * What a session carries as its access token. Any extension may call
 * vscode.authentication.getSession('portfolioContacts.<api>') and read accessToken, so the real
 * credentials must never be put there: they leave SecretStorage only in this extension's own
 * Authorization headers. The session is a pointer to a connection for the Accounts menu, not a way to
 * call the API; this fixed, non-secret marker says so to anyone who reads it.
 */
export const NO_TOKEN_SHARED = 'portfolio-contacts-session-token-not-shared';

/** vscode.AuthenticationSession's shape, without VS Code. */
export interface AccountSession {
  readonly id: string;
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

/**
 * The sessions of one API: its connections that are signed in, in list order. `identity` is who a
 * connection signed in as, when this window knows it (never a secret: a display name or e-mail).
 */
export function accountSessions(api: ApiKind, connections: readonly Connection[], signedIn: (id: string) => boolean, identity: (id: string) => string | undefined = () => undefined): AccountSession[] {
  return connections
    .filter((c) => c.api === api && signedIn(c.id))
    .map((c) => {
      const who = identity(c.id);
      return { id: c.id, accessToken: NO_TOKEN_SHARED, account: { id: c.id, label: who ? `${c.name} (signed in as ${who})` : c.name }, scopes: [] };
    });
}

export interface SessionsChange {
  added: AccountSession[];
  removed: AccountSession[];
  changed: AccountSession[];
}

/** What onDidChangeSessions reports between two lists of one API's sessions; undefined when nothing changed. */
export function diffSessions(before: readonly AccountSession[], after: readonly AccountSession[]): SessionsChange | undefined {
  const was = new Map(before.map((s) => [s.id, s]));
  const is = new Set(after.map((s) => s.id));
  const added = after.filter((s) => !was.has(s.id));
  const changed = after.filter((s) => was.has(s.id) && was.get(s.id)!.account.label !== s.account.label);
  const removed = before.filter((s) => !is.has(s.id));
  return added.length || removed.length || changed.length ? { added, removed, changed } : undefined;
}
