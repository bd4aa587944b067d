// Add Connection…, Edit Connection…, Update Token… / Sign In…, Remove Connection, Sign Out of All.
// Credentials are checked with a cheap authenticated call before anything is saved, and secrets
// are saved only in SecretStorage; a failed check returns to the step that was wrong.
import * as vscode from 'vscode';
import type { AuthScheme } from '../core/auth';
import { isApiError } from '../core/errors';
import { API_LABELS, type ApiKind } from '../core/model';
import type { Identity, ProviderDescriptor } from '../core/provider';
import type { CredentialRecord } from '../connections/credentials';
import { schemeOf } from '../connections/runtime';
import { newConnectionId, type Connection } from '../connections/store';
import { PROVIDERS, descriptorFor } from '../providers';
import {
  apiStep,
  baseUrlStep,
  failureStep,
  fieldSteps,
  nameStep,
  recordToStore,
  reusableRecord,
  schemeStep,
  secretValues,
  settingValues,
  stepIds,
  type ConnectionDraft,
} from './connectionSteps';
import { COMMANDS } from './ids';
import { runFlow, type Step, type StepFailure } from './multiStep';
import { pickConnection, targetsOf } from './pickers';
import { quickInputUi } from './quickInput';
import { registerCommand } from './run';
import { SANDBOX_SECRET_FIELD } from '../sandbox/connections';
import { mintSandboxToken } from './sandbox';
import type { Services } from './services';

export function registerConnectionCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.addConnection, vscode.l10n.t('Adding the connection'), () => addConnection(s)),
    registerCommand(s, COMMANDS.editConnection, vscode.l10n.t('Editing the connection'), (arg) => editConnection(s, arg)),
    registerCommand(s, COMMANDS.updateToken, vscode.l10n.t('Updating the token'), (arg) => signIn(s, arg)),
    registerCommand(s, COMMANDS.signIn, vscode.l10n.t('Signing in'), (arg) => signIn(s, arg)),
    registerCommand(s, COMMANDS.removeConnection, vscode.l10n.t('Removing the connection'), (arg, selected) => removeConnections(s, arg, selected)),
    registerCommand(s, COMMANDS.signOut, vscode.l10n.t('Signing out'), (arg) => signOut(s, arg)),
    registerCommand(s, COMMANDS.signOutAll, vscode.l10n.t('Signing out'), () => signOutAll(s)),
  ];
}

interface Verified {
  identity: Identity;
  record: CredentialRecord;
}

/** The final check of a flow: sign in with what the draft holds, without saving; remembers the result. */
function verifier(s: Services, draft: () => ConnectionDraft, out: { verified?: Verified }): () => Promise<StepFailure | undefined> {
  return async () => {
    const d = draft();
    const descriptor = descriptorFor(d.api!)!;
    const scheme = schemeOf(descriptor, d.scheme)!;
    try {
      out.verified = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to {0}…', descriptor.label), cancellable: true },
        (_progress, cancel) => {
          const controller = new AbortController();
          cancel.onCancellationRequested(() => controller.abort());
          return s.runtime.probe(d.api!, d.baseUrl, scheme, secretValues(d, scheme), settingValues(d, scheme), controller.signal, reusableRecord(d, scheme));
        },
      );
      return undefined;
    } catch (e) {
      const inner = (e as { error?: unknown }).error ?? e;
      if (isApiError(inner) && inner.kind === 'cancelled') return { stepId: stepIds.baseUrl, message: vscode.l10n.t('The check was cancelled; nothing was saved.') };
      return failureStep(e, descriptor, scheme, (t) => s.redactor.scrub(t));
    }
  };
}

function credentialSteps(descriptor: ProviderDescriptor, d: ConnectionDraft, settings?: Record<string, string>): Array<Step<ConnectionDraft>> {
  const scheme = schemeOf(descriptor, d.scheme);
  return scheme ? fieldSteps(scheme, settings) : [];
}

async function addConnection(s: Services): Promise<Connection | undefined> {
  const items = (Object.keys(API_LABELS) as ApiKind[]).flatMap((api) => {
    const d = PROVIDERS[api];
    return d ? [{ label: API_LABELS[api], description: d.defaultBaseUrl, value: api }] : [];
  });
  const taken = new Set(s.store.list().map((c) => c.name));
  const draft: ConnectionDraft = { name: '', baseUrl: '', typed: {}, keep: {} };
  const out: { verified?: Verified } = {};
  const done = await runFlow(
    {
      title: vscode.l10n.t('Add Connection'),
      steps: (d) => {
        const descriptor = d.api ? descriptorFor(d.api) : undefined;
        const first = apiStep(items, (dd, api) => {
          if (dd.api === api) return;
          const desc = descriptorFor(api)!;
          Object.assign(dd, { api, name: uniqueName(desc.label, taken), baseUrl: desc.defaultBaseUrl, scheme: desc.authSchemes[0]?.id, typed: {}, keep: {} });
        });
        if (!descriptor) return [first];
        return [
          first,
          nameStep(taken),
          baseUrlStep(descriptor),
          ...(descriptor.authSchemes.length > 1 ? [schemeStep(descriptor)] : []),
          ...credentialSteps(descriptor, d),
        ];
      },
      finish: verifier(s, () => draft, out),
    },
    draft,
    quickInputUi,
  );
  if (!done || !out.verified) return undefined;
  const descriptor = descriptorFor(done.api!)!;
  const scheme = schemeOf(descriptor, done.scheme)!;
  const connection: Connection = {
    id: newConnectionId(),
    name: done.name,
    api: done.api!,
    baseUrl: done.baseUrl,
    scheme: scheme.id,
    ...settingsOf(done, scheme),
  };
  // Secret first: if it can't be stored, nothing is saved at all.
  await s.credentials.save(connection.id, recordToStore(done, scheme, out.verified.record));
  try {
    await s.store.upsert(connection);
  } catch (e) {
    await s.credentials.delete(connection.id).catch(() => undefined);
    throw e;
  }
  s.log.info(`Added connection "${connection.name}" (${connection.api} at ${connection.baseUrl}, ${scheme.label})`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0} as {1}.', descriptor.label, out.verified.identity.displayName));
  return connection;
}

/** Name, base URL or scheme; secrets of an unchanged scheme are kept unless retyped. */
async function editConnection(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, vscode.l10n.t('Which connection do you want to edit?'));
  if (!connection) return;
  const descriptor = descriptorFor(connection.api);
  if (!descriptor) throw new Error(`${connection.api} connections are not supported yet`);
  const stored = await s.credentials.read(connection.id);
  const taken = new Set(s.store.list().filter((c) => c.id !== connection.id).map((c) => c.name));
  const original = schemeOf(descriptor, connection.scheme ?? stored?.scheme);
  // A password kept before stays kept unless the person says otherwise.
  const keep = Object.fromEntries((original?.fields ?? []).filter((f) => f.storeOnlyIfAsked).map((f) => [f.name, Boolean(stored?.values[f.name])]));
  const draft: ConnectionDraft = { api: connection.api, name: connection.name, baseUrl: connection.baseUrl, scheme: original?.id, typed: {}, keep, stored };
  const out: { verified?: Verified } = {};
  const verify = verifier(s, () => draft, out);
  const done = await runFlow(
    {
      title: vscode.l10n.t('Edit {0}', connection.name),
      // The sandbox manages its own address and credentials: only the name is the person's.
      steps: (d) =>
        connection.sandbox
          ? [nameStep(taken)]
          : [
              nameStep(taken),
              baseUrlStep(descriptor),
              ...(descriptor.authSchemes.length > 1 ? [schemeStep(descriptor)] : []),
              ...credentialSteps(descriptor, d, d.scheme === original?.id ? connection.settings : {}),
            ],
      finish: async (d) => (connection.sandbox || !credentialsChanged(d, connection, original) ? undefined : verify()),
    },
    draft,
    quickInputUi,
  );
  if (!done) return;
  const scheme = schemeOf(descriptor, done.scheme) ?? original;
  if (out.verified && scheme) await s.credentials.save(connection.id, recordToStore(done, scheme, out.verified.record));
  const { settings: _old, ...rest } = connection;
  await s.store.upsert({ ...rest, name: done.name, baseUrl: done.baseUrl, ...(scheme ? { scheme: scheme.id, ...settingsOf(done, scheme) } : {}) });
  s.runtime.forget(connection.id);
  await s.model.refresh({ connectionId: connection.id, scope: 'connection' });
  s.tree.refreshAll();
  s.log.info(`Edited connection "${done.name}"`);
}

function credentialsChanged(d: ConnectionDraft, c: Connection, original: AuthScheme | undefined): boolean {
  if (d.baseUrl !== c.baseUrl || d.scheme !== original?.id) return true;
  const scheme = original!;
  return scheme.fields.some((f) => (f.secret ? Boolean(d.typed[f.name]) : (d.typed[f.name] ?? '') !== (c.settings?.[f.name] ?? '')));
}

/** Update Token… / Sign In…: the credential steps of the connection's scheme, checked, then saved. */
async function signIn(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, vscode.l10n.t('Which connection do you want to sign in to?'));
  if (!connection) return;
  if (connection.sandbox) {
    // The sandbox's secrets are minted here, not typed; the one it serves is reused so its data stays.
    await s.credentials.save(connection.id, { scheme: connection.scheme ?? 'token', values: { [SANDBOX_SECRET_FIELD[connection.api]]: s.sandbox.knownToken(connection.api) ?? mintSandboxToken() } });
  } else {
    const descriptor = descriptorFor(connection.api);
    if (!descriptor) throw new Error(`${connection.api} connections are not supported yet`);
    const scheme = schemeOf(descriptor, connection.scheme);
    if (!scheme) throw new Error(vscode.l10n.t('{0} has no sign-in method "{1}"; run "Edit Connection…".', descriptor.label, connection.scheme ?? ''));
    const draft: ConnectionDraft = { api: connection.api, name: connection.name, baseUrl: connection.baseUrl, scheme: scheme.id, typed: {}, keep: {} };
    const out: { verified?: Verified } = {};
    const done = await runFlow({ title: vscode.l10n.t('Sign in to {0}', connection.name), steps: () => fieldSteps(scheme, connection.settings), finish: verifier(s, () => draft, out) }, draft, quickInputUi);
    if (!done || !out.verified) return;
    await s.credentials.save(connection.id, recordToStore(done, scheme, out.verified.record));
    if (scheme.fields.some((f) => !f.secret)) await s.store.upsert({ ...connection, ...settingsOf(done, scheme) });
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: signed in as {1}.', connection.name, out.verified.identity.displayName));
  }
  s.runtime.forget(connection.id);
  await s.model.refresh({ connectionId: connection.id, scope: 'connection' });
  s.tree.refreshAll();
}

function settingsOf(d: ConnectionDraft, scheme: AuthScheme): { settings?: Record<string, string> } {
  const settings = settingValues(d, scheme);
  return Object.keys(settings).length ? { settings } : {};
}

/** The connections selected (all asked about in one confirmation), the one given, or one picked. */
export async function removeConnections(s: Services, arg: unknown, selected: unknown): Promise<void> {
  const nodes = typeof arg === 'string' ? [] : targetsOf(s, arg, selected);
  let connections = [...new Set(nodes.flatMap((n) => (n.kind === 'connection' ? [n.connection.id] : [])))].flatMap((id) => s.store.get(id) ?? []);
  if (connections.length === 0) {
    // Delete pressed on a company must not remove the connection above it.
    if (nodes.length > 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a connection to remove it.'));
      return;
    }
    const picked = await pickConnection(s, arg, vscode.l10n.t('Which connection should be removed?'));
    if (!picked) return;
    connections = [picked];
  }
  const one = connections.length === 1;
  const ok = await vscode.window.showWarningMessage(
    one ? vscode.l10n.t('Remove the connection "{0}" and delete its credentials?', connections[0]!.name) : vscode.l10n.t('Remove {0} connections ({1}) and delete their credentials?', connections.length, connections.map((c) => `"${c.name}"`).join(', ')),
    { modal: true, detail: vscode.l10n.t('The credentials are deleted from VS Code secret storage. Nothing changes on the server.') },
    'Remove',
  );
  if (ok !== 'Remove') return;
  for (const connection of connections) {
    await s.credentials.delete(connection.id);
    await s.store.remove(connection.id);
    s.runtime.forget(connection.id);
    s.model.forget(connection.id);
    s.log.info(`Removed connection "${connection.name}"`);
  }
}

/** Deletes one connection's secret and keeps the connection: it shows "Sign in…" until signed in again. */
async function signOut(s: Services, arg: unknown): Promise<void> {
  const connection = await pickConnection(s, arg, vscode.l10n.t('Sign out of which connection?'));
  if (!connection) return;
  await s.credentials.delete(connection.id);
  s.runtime.forget(connection.id);
  await s.model.refresh({ connectionId: connection.id, scope: 'connection' });
  s.log.info(`Signed out of "${connection.name}"`);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Signed out of {0}: its token was deleted.', connection.name), 4000);
}

async function signOutAll(s: Services): Promise<void> {
  const all = s.store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no connections to sign out of.'));
    return;
  }
  const signOutLabel = vscode.l10n.t('Sign Out');
  const ok = await vscode.window.showWarningMessage(
    all.length === 1 ? vscode.l10n.t('Sign out of the only connection?') : vscode.l10n.t('Sign out of all {0} connections?', all.length),
    { modal: true, detail: vscode.l10n.t('Every token is deleted from VS Code secret storage. The connections stay in the tree; sign in again to use them.') },
    signOutLabel,
  );
  if (ok !== signOutLabel) return;
  for (const c of all) {
    await s.credentials.delete(c.id);
    s.runtime.forget(c.id);
  }
  s.model.refreshAll();
  s.tree.refreshAll();
  s.log.info(`Signed out of ${all.length} connection(s)`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out: all tokens were deleted.'));
}

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
