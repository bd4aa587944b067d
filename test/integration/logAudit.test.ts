// The secrets audit at the extension-host level: after real traffic (tree reads, a rejected token),
// the sandbox token appears nowhere the extension writes: not in what reached its output channel
// (at every level, debug request lines included), not in connection metadata, not in settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PortfolioContactsApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { sleep } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';

async function childrenOf(api: PortfolioContactsApi, parent?: TreeNode): Promise<TreeNode[]> {
  return ((await api.tree.getChildren(parent)) ?? []) as TreeNode[];
}

function forms(token: string): string[] {
  return [token, Buffer.from(`${token}:`).toString('base64'), Buffer.from(token).toString('base64'), encodeURIComponent(token)];
}

suite('Secrets audit (extension host)', () => {
  let api: PortfolioContactsApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    assert.ok(api.testing, 'the test-only API is present in ExtensionMode.Test');
  });

  test('the sandbox token never reaches the log, the connection list or the settings', async function () {
    this.timeout(90_000);
    const testing = api.testing!;
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    const conn = api.connections.list().find((c) => c.sandbox && c.api === 'bitsight');
    assert.ok(conn, 'a sandbox connection');
    const token = (await testing.credentials.read(conn.id))?.values.token;
    assert.ok(token && token.length >= 16, 'the sandbox token is in SecretStorage');

    // Real traffic: the portfolio, a company's contacts, the users.
    const root = (await childrenOf(api)).find((n) => n.kind === 'connection' && n.connection.id === conn.id)!;
    const lists = await childrenOf(api, root);
    const companies = lists.find((n) => n.kind === 'list' && n.list === 'companies')!;
    const users = lists.find((n) => n.kind === 'list' && n.list === 'users')!;
    const firstCompany = (await childrenOf(api, companies)).find((n) => n.kind === 'company')!;
    assert.ok(firstCompany, 'companies were listed');
    await childrenOf(api, firstCompany);
    await childrenOf(api, users);

    // A rejected token: the server answers 401 and the tree shows an error item.
    const sandbox = testing.services.sandbox.running!;
    sandbox.setFault({ kind: '401', path: '/ratings/v2/users' });
    await testing.services.model.refresh({ connectionId: conn.id, scope: 'users' });
    const after401 = await childrenOf(api, users);
    assert.ok(after401.some((n) => n.kind === 'message' && n.tone === 'error'), 'the 401 became an error item');
    await sleep(100);

    const log = testing.logLines.join('\n');
    assert.match(log, /debug GET \/bitsight\/ratings\/v2\/portfolio\?limit=\d+&offset=0&sort=name → 200 \(\d+ ms\)/, 'request lines reached the channel');
    assert.match(log, /→ 401/, 'the 401 was logged');
    for (const f of forms(token)) assert.ok(!log.includes(f), `the token (as ${f === token ? 'itself' : 'an encoding'}) is in the log`);

    const metadata = JSON.stringify(api.connections.list());
    for (const f of forms(token)) assert.ok(!metadata.includes(f), 'the token is in the connection metadata');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('portfolioContacts'));
    for (const f of forms(token)) assert.ok(!settings.includes(f), 'the token is in the settings');
  });
});
