// Try the Sandbox: start the embedded API simulator on a loopback port and add one connection per
// API it serves and a provider is registered for, so a new user sees a real portfolio without an
// account. Which credentials each API takes is the sandbox registry's business (sandbox/connections).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ApiKind } from '../core/model';
import { newConnectionId } from '../connections/store';
import { descriptorFor } from '../providers';
import { SANDBOX_SECRET_FIELD, sandboxConnections, sandboxSecretOf, type SandboxConnection } from '../sandbox/connections';
import { COMMANDS } from './ids';
import { registerCommand } from './run';
import type { Services } from './services';

export function mintSandboxToken(): string {
  return `sandbox-${randomBytes(18).toString('hex')}`;
}

export function registerSandboxCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.trySandbox, vscode.l10n.t('Starting the sandbox'), () => trySandbox(s)),
    registerCommand(s, COMMANDS.stopSandbox, vscode.l10n.t('Stopping the sandbox'), async () => {
      await s.sandbox.stop(true);
      s.model.refreshAll();
      s.tree.refreshAll();
    }),
  ];
}

/** The sandbox connections a registered provider can use with the scheme the sandbox offers it. */
export function usableSandboxConnections(all: SandboxConnection[]): SandboxConnection[] {
  return all.filter((c) => descriptorFor(c.api)?.authSchemes.some((scheme) => scheme.id === c.scheme));
}

export async function trySandbox(s: Services): Promise<void> {
  // The secret each API is started with: the one stored for its sandbox connection, else the one the sandbox had, else a new one.
  const tokens: Partial<Record<ApiKind, string>> = {};
  const ids = new Map<ApiKind, string>();
  for (const api of Object.keys(SANDBOX_SECRET_FIELD) as ApiKind[]) {
    if (!descriptorFor(api)) continue;
    const existing = s.store.findSandbox(api);
    const id = existing?.id ?? newConnectionId();
    // After a Sign Out the stopped or running sandbox's own secret is reused: a new one would wipe its data.
    const secret = (existing && sandboxSecretOf(api, (await s.credentials.read(id))?.values)) || s.sandbox.knownToken(api) || mintSandboxToken();
    s.redactor.add(secret);
    tokens[api] = secret;
    ids.set(api, id);
  }
  s.sandbox.allowStart();
  const running = await s.sandbox.ensureRunning(tokens);
  for (const c of usableSandboxConnections(sandboxConnections(running))) {
    const id = ids.get(c.api);
    if (!id) continue;
    const existing = s.store.get(id);
    await s.credentials.save(id, { scheme: c.scheme, values: c.values, ...(c.tokens ? { tokens: c.tokens } : {}) });
    await s.store.upsert({ id, name: existing?.name ?? c.label, api: c.api, baseUrl: c.baseUrl, scheme: c.scheme, ...(Object.keys(c.settings).length ? { settings: c.settings } : {}), sandbox: true });
    s.runtime.forget(id);
    await s.model.refresh({ connectionId: id, scope: 'connection' });
  }
  s.tree.refreshAll();
  await vscode.commands.executeCommand('portfolioContacts.connections.focus');
  s.log.info(`Sandbox ready at ${running.url}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox is running at {0}. Its companies and contacts are made up; nothing leaves this machine.', running.url));
}
