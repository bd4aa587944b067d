// Everything is reachable from the command palette: every contributed command, run as the palette
// runs it (no argument) against the sandbox, finishes without an error once whatever it asks with
// (a quick pick, an input box) is dismissed, as a person pressing Escape would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';

interface PortfolioContactsApi {
  connections: { list(): Array<{ id: string; name: string; api: string; sandbox?: boolean }> };
  testing?: { logLines: readonly string[]; services: { selection?: () => readonly unknown[] } };
}

/** Asks for confirmation in a modal dialog before anything else: no command can dismiss it here. */
const MODAL_FIRST = new Set(['portfolioContacts.signOutAll']);
/** Run last, in this order, so the sandbox is running again for the suites after this one. */
const LAST = ['portfolioContacts.stopSandbox', 'portfolioContacts.trySandbox'];

suite('Every command from the palette', () => {
  let api: PortfolioContactsApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    assert.ok(api.testing, 'the test-only API is present in ExtensionMode.Test');
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    await eventually('three sandbox connections', () => api.connections.list(), (l) => l.filter((c) => c.sandbox).length >= 3);
  });

  test('each contributed command runs without an argument, asks with something dismissable, and logs no error', async function () {
    this.timeout(300_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = ((ext.packageJSON?.contributes?.commands ?? []) as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length > 20, `only ${contributed.length} commands contributed`);
    const order = [...contributed.filter((c) => !MODAL_FIRST.has(c) && !LAST.includes(c)), ...LAST];
    const testing = api.testing!;
    const failures: string[] = [];
    for (const id of order) {
      const before = testing.logLines.length;
      let settled = false;
      let thrown: unknown;
      const run = Promise.resolve(vscode.commands.executeCommand(id)).then(
        () => void (settled = true),
        (e: unknown) => {
          thrown = e;
          settled = true;
        },
      );
      await eventually(
        `${id} to finish once its quick pick or input box is dismissed`,
        async () => {
          if (!settled) {
            await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
            await vscode.commands.executeCommand('notifications.clearAll');
          }
          return settled;
        },
        (done) => done,
        30_000,
      );
      await run;
      if (thrown) failures.push(`${id} threw: ${String(thrown)}`);
      const errors = testing.logLines.slice(before).filter((l) => l.startsWith('error '));
      if (errors.length) failures.push(`${id} logged: ${errors.join(' | ')}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    await eventually('the sandbox connections back after Try the Sandbox', () => api.connections.list(), (l) => l.filter((c) => c.sandbox).length >= 3);
  });
});
