// Try the Sandbox: start the embedded API simulator on a loopback port and add one connection per
// API it serves, so a new user sees a real portfolio without an account.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { API_LABELS, type ApiKind } from '../core/model';
import { newConnectionId } from '../connections/store';
import { COMMANDS } from './ids';
import { registerCommand } from './run';
import type { Services } from './services';

/** The APIs the embedded sandbox serves today. */
const SANDBOX_APIS: ApiKind[] = ['bitsight'];

export function mintSandboxToken(): string {
  return `sandbox-${randomBytes(18).toString('hex')}`;
}

export function registerSandboxCommands(s: Services): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.trySandbox, 'Starting the sandbox', () => trySandbox(s)),
    registerCommand(s, COMMANDS.stopSandbox, 'Stopping the sandbox', async () => {
      await s.sandbox.stop(true);
      s.model.refreshAll();
      s.tree.refreshAll();
    }),
  ];
}

export async function trySandbox(s: Services): Promise<void> {
  const tokens: Partial<Record<ApiKind, string>> = {};
  const connections = [];
  for (const api of SANDBOX_APIS) {
    const existing = s.store.findSandbox(api);
    const id = existing?.id ?? newConnectionId();
    let token = (await s.credentials.read(id))?.values.token;
    if (!token) {
      token = mintSandboxToken();
      await s.credentials.save(id, { scheme: 'token', values: { token } });
    }
    s.redactor.add(token);
    tokens[api] = token;
    connections.push({ id, api, existing });
  }
  s.sandbox.allowStart();
  const running = await s.sandbox.ensureRunning(tokens);
  for (const { id, api, existing } of connections) {
    const baseUrl = running.apis[api as keyof typeof running.apis]?.baseUrl;
    if (!baseUrl) continue;
    await s.store.upsert({ id, name: existing?.name ?? `Sandbox (${API_LABELS[api]})`, api, baseUrl, sandbox: true });
    s.runtime.forget(id);
    await s.model.refresh({ connectionId: id, scope: 'connection' });
  }
  s.tree.refreshAll();
  await vscode.commands.executeCommand('portfolioContacts.connections.focus');
  s.log.info(`Sandbox ready at ${running.url}`);
  void vscode.window.showInformationMessage(`The sandbox is running at ${running.url}. Its companies and contacts are made up; nothing leaves this machine.`);
}
