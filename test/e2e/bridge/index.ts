// Loaded as the workbench's extensionTestsPath by test/e2e/kare.test.ts, so the extension runs in
// ExtensionMode.Test and exports its Test-mode API. The sandbox the extension starts mints its Kare
// password at random; a person reads it from wherever their account lives, the e2e test reads it
// here: each time the sandbox starts, its Kare account and control token go to PC_E2E_BRIDGE_FILE.
// run() never settles: a settled run would make the workbench close the window.
import { renameSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PortfolioContactsApi } from '../../../src/extension';

export interface BridgeFacts {
  sandboxUrl: string;
  controlToken: string;
  kare: { baseUrl: string; email: string; password: string };
}

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';

export async function run(): Promise<void> {
  const file = process.env.PC_E2E_BRIDGE_FILE;
  if (!file) throw new Error('PC_E2E_BRIDGE_FILE is not set');
  const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  const host = api.testing?.services.sandbox;
  if (!host) throw new Error('the extension is not in Test mode');
  const publish = () => {
    const running = host.running;
    if (!running) return;
    const facts: BridgeFacts = {
      sandboxUrl: running.url,
      controlToken: running.controlToken,
      kare: { baseUrl: running.apis.kare.baseUrl, email: running.apis.kare.email, password: running.apis.kare.password },
    };
    // Whole or not at all: the test reads the file as soon as it exists.
    writeFileSync(`${file}.tmp`, JSON.stringify(facts));
    renameSync(`${file}.tmp`, file);
  };
  host.onDidChange(publish);
  publish();
  await new Promise<never>(() => undefined);
}
