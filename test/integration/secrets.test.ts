// Runs inside a real extension host in ExtensionMode.Test (see test/integration/index.ts): tokens
// live in VS Code's SecretStorage and nowhere else a person or another extension could read them.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PortfolioContactsApi } from '../../src/extension';
import { eventually } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
const SANDBOX_LABEL = 'Sandbox (Bitsight)';

/** Every value under portfolioContacts.* in every scope (default, global, workspace, folder), as text. */
function everyConfiguredValue(): string {
  const config = vscode.workspace.getConfiguration('portfolioContacts');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const keys = Object.keys((ext?.packageJSON?.contributes?.configuration?.properties ?? {}) as Record<string, unknown>).map((k) =>
    k.replace(/^portfolioContacts\./, ''),
  );
  assert.ok(keys.length > 0, 'package.json contributes no portfolioContacts settings');
  const inspected = keys.map((k) => config.inspect(k));
  // The configuration object also carries the merged values as own properties.
  return JSON.stringify({ merged: config, inspected });
}

/** Forms of a token a leak could take: itself, its random part, and base64 as in a Basic header. */
function tokenForms(token: string): string[] {
  return [token, token.slice('sandbox-'.length), Buffer.from(`${token}:`).toString('base64'), Buffer.from(token).toString('base64')];
}

/** Every key and value of a memento exactly as stored (no store in between), as text. */
function rawMemento(memento: vscode.Memento): { keys: readonly string[]; text: string } {
  const keys = memento.keys();
  return { keys, text: JSON.stringify(keys.map((k) => [k, memento.get<unknown>(k)])) };
}

/** The text of every file under the extension's storage folders (a missing folder holds nothing). */
async function filesUnder(uri: vscode.Uri): Promise<Array<{ path: string; text: string }>> {
  // Checked first: VS Code logs a stack for every readDirectory of a folder never created.
  if (!existsSync(uri.fsPath)) return [];
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return [];
  }
  const out: Array<{ path: string; text: string }> = [];
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type & vscode.FileType.Directory) out.push(...(await filesUnder(child)));
    else if (type & vscode.FileType.File) out.push({ path: child.fsPath, text: Buffer.from(await vscode.workspace.fs.readFile(child)).toString('latin1') });
  }
  return out;
}

suite('Secrets (extension host)', () => {
  let api: PortfolioContactsApi;
  let testing: NonNullable<PortfolioContactsApi['testing']>;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
    api = await ext.activate();
    assert.ok(api.testing, 'api.testing is undefined: the extension host is not in ExtensionMode.Test');
    testing = api.testing;
  });

  test('a token round-trips through SecretStorage and is gone after delete', async () => {
    const id = `it-secrets-${randomBytes(6).toString('hex')}`;
    const value = `tok-${randomBytes(16).toString('hex')}`;
    assert.equal(await testing.credentials.read(id), undefined, 'a fresh id already has a secret');
    await testing.credentials.save(id, { scheme: 'token', values: { token: value } });
    try {
      assert.deepEqual(await testing.credentials.read(id), { scheme: 'token', values: { token: value } });
      // Another connection's slot is not touched.
      assert.equal(await testing.credentials.read(`${id}-other`), undefined);
    } finally {
      await testing.credentials.delete(id);
    }
    assert.equal(await testing.credentials.read(id), undefined, 'the secret is still readable after delete');
  });

  test('Try the Sandbox keeps its token in SecretStorage only', async () => {
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    const list = await eventually('the sandbox connection', () => api.connections.list(), (l) => l.some((c) => c.name === SANDBOX_LABEL));
    const conn = list.find((c) => c.name === SANDBOX_LABEL);
    assert.ok(conn);

    const token = (await testing.credentials.read(conn.id))?.values.token;
    assert.equal(typeof token, 'string', `no secret stored for connection ${conn.id}`);
    assert.ok(token && token.length >= 16, `the stored token is too short to be one: ${JSON.stringify(token?.length)}`);
    assert.match(token, /^sandbox-[0-9a-f]+$/, 'the sandbox token has an unexpected shape');
    // It is the token the running sandbox accepts: the secret is what the extension really uses.
    const running = testing.services.sandbox.running;
    assert.ok(running, 'the sandbox is not running after Try the Sandbox');
    assert.equal(running.apis.bitsight.token, token, 'the sandbox was started with a token other than the stored one');

    const listed = JSON.stringify(api.connections.list());
    assert.ok(!listed.includes(token), 'api.connections.list() (kept in globalState) contains the token');
    assert.ok(!listed.includes(token.slice('sandbox-'.length)), 'api.connections.list() contains the token body');
    const configured = everyConfiguredValue();
    assert.ok(!configured.includes(token), 'the portfolioContacts settings contain the token');
    assert.ok(!configured.includes(token.slice('sandbox-'.length)), 'the portfolioContacts settings contain the token body');
    const all = JSON.stringify(vscode.workspace.getConfiguration());
    assert.ok(!all.includes(token.slice('sandbox-'.length)), 'some setting (any section) contains the token');
  });

  test('the raw globalState, workspaceState and storage folders hold no token', async () => {
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    const list = await eventually('the sandbox connection', () => api.connections.list(), (l) => l.some((c) => c.name === SANDBOX_LABEL));
    const conn = list.find((c) => c.name === SANDBOX_LABEL)!;
    const token = (await testing.credentials.read(conn.id))?.values.token;
    assert.ok(token, `no secret stored for connection ${conn.id}`);
    const { storage } = testing;

    // The audit reads what VS Code stored: a value planted beside the extension's own is seen.
    const probeKey = `portfolioContacts.it-probe-${randomBytes(4).toString('hex')}`;
    const probe = `probe-${randomBytes(8).toString('hex')}`;
    await storage.globalState.update(probeKey, { nested: [probe] });
    try {
      const seen = rawMemento(storage.globalState);
      assert.ok(seen.keys.includes(probeKey) && seen.text.includes(probe), 'the raw globalState read misses a planted value');
    } finally {
      await storage.globalState.update(probeKey, undefined);
    }

    const global = rawMemento(storage.globalState);
    assert.ok(global.keys.includes('portfolioContacts.connections'), `the connection list is not in globalState; keys: ${global.keys.join(', ')}`);
    assert.ok(global.text.includes(conn.id), 'the raw connection list does not name the sandbox connection');
    const workspace = rawMemento(storage.workspaceState);
    const files = (await Promise.all(storage.folders.map(filesUnder))).flat();
    for (const form of tokenForms(token)) {
      assert.ok(!global.text.includes(form), `globalState holds the token (as ${form === token ? 'itself' : 'an encoding'}); keys: ${global.keys.join(', ')}`);
      assert.ok(!workspace.text.includes(form), 'workspaceState holds the token');
      const holders = files.filter((f) => f.text.includes(form)).map((f) => f.path);
      assert.deepEqual(holders, [], 'files in the extension storage folders hold the token');
    }
  });
});
