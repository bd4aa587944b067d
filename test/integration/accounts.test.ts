// Runs inside a real extension host: each signed-in connection is a session of its API's
// authentication provider (the Accounts menu), and a session never carries the connection's secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PortfolioContactsApi } from '../../src/extension';
import { eventually } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
const accountsOf = (providerId: string) => Promise.resolve(vscode.authentication.getAccounts(providerId));

suite('Accounts menu', () => {
  let api: PortfolioContactsApi;
  let testing: NonNullable<PortfolioContactsApi['testing']>;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    assert.ok(api.testing, 'activate() gives no testing hooks in ExtensionMode.Test');
    testing = api.testing;
  });

  test('after Try the Sandbox each sandbox connection is an account of its API, with no secret in its session; signing out removes it and Sign in brings it back', async () => {
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    const conn = (await eventually('a sandbox connection', () => api.connections.list(), (l) => l.some((c) => /sandbox/i.test(c.name))))[0]!;
    const providerId = `portfolioContacts.${conn.api}`;
    const accounts = await eventually(`${conn.name} among the ${providerId} accounts`, () => accountsOf(providerId), (a) => a.some((x) => x.id === conn.id));
    assert.equal(accounts.find((a) => a.id === conn.id)!.label, conn.name);

    const record = await testing.credentials.read(conn.id);
    assert.ok(record, 'the sandbox connection has no stored credentials');
    const secrets = [...Object.values(record.values), ...Object.values(record.tokens ?? {})];
    const provider = testing.accounts.provider(conn.api as Parameters<typeof testing.accounts.provider>[0]);
    const sessions = await provider.getSessions(undefined, {});
    const session = sessions.find((s) => s.id === conn.id);
    assert.ok(session, `no session for ${conn.name}`);
    // What another extension gets from getSession (when the person lets it) is this same object.
    const asked = await vscode.authentication.getSession(providerId, [], { silent: true, account: accounts.find((a) => a.id === conn.id)! }).then(
      (got) => got,
      () => undefined,
    );
    for (const seen of [session, asked].filter((s) => s !== undefined)) {
      const text = JSON.stringify(seen);
      for (const secret of secrets) assert.ok(!text.includes(secret), 'a session carries the connection\'s secret');
      assert.deepEqual(seen.scopes, []);
    }

    const changed = new Promise<vscode.AuthenticationSessionsChangeEvent>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => e.provider.id === providerId && (sub.dispose(), resolve(e)));
    });
    await provider.removeSession(conn.id);
    await changed;
    assert.equal(await testing.credentials.read(conn.id), undefined, 'the Accounts menu Sign Out left the credentials stored');
    await eventually(`${conn.name} gone from the accounts`, () => accountsOf(providerId), (a) => !a.some((x) => x.id === conn.id));
    const root = (await eventually('the connection in the tree', async () => {
      const roots = (await api.tree.getChildren(undefined)) ?? [];
      for (const r of roots) if ((await api.tree.getTreeItem(r)).label === conn.name) return [r];
      return [];
    }, (r) => r.length === 1))[0];
    await eventually('"Sign in…" under the signed-out connection', async () => {
      const children = (await api.tree.getChildren(root)) ?? [];
      return Promise.all(children.map(async (c) => String((await api.tree.getTreeItem(c)).label)));
    }, (labels) => labels.some((l) => /^Sign in/.test(l)));

    // The Accounts menu's Sign in (createSession) offers the signed-out connection first; accepting it
    // signs it in again (the sandbox mints its own token) and returns its session.
    let created: vscode.AuthenticationSession | undefined;
    let failed: unknown;
    const creating = Promise.resolve(provider.createSession([], {})).then((s) => (created = s), (e: unknown) => (failed = e));
    await eventually('Sign in to finish once its first choice is accepted', async () => {
      if (created || failed) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return false;
    }, Boolean);
    await creating;
    assert.equal(failed, undefined, `Sign in failed: ${String(failed)}`);
    assert.equal(created?.id, conn.id);
    assert.ok(secrets.every((secret) => !JSON.stringify(created).includes(secret)), 'the new session carries the secret');
    await eventually(`${conn.name} back among the accounts`, () => accountsOf(providerId), (a) => a.some((x) => x.id === conn.id));
  });
});
