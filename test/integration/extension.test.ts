// Runs inside a real extension host (code-server here, VS Code desktop via runElectron.ts).
// The extension's activate() returns the API below for these tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
const SANDBOX_LABEL = 'Sandbox (Bitsight)';

/** The shape activate() returns (contract with src/extension.ts). */
interface PortfolioContactsApi {
  tree: vscode.TreeDataProvider<unknown>;
  connections: { list(): Array<{ id: string; name: string; api: string; baseUrl: string }> };
  sandboxUrl(): string | undefined;
}

function labelOf(item: vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

function descriptionOf(item: vscode.TreeItem): string {
  return typeof item.description === 'string' ? item.description : '';
}

interface Node {
  element: unknown;
  item: vscode.TreeItem;
  label: string;
}

let api: PortfolioContactsApi;

async function nodes(parent?: unknown): Promise<Node[]> {
  const children = (await api.tree.getChildren(parent)) ?? [];
  const out: Node[] = [];
  for (const element of children) {
    const item = await api.tree.getTreeItem(element);
    out.push({ element, item, label: labelOf(item) });
  }
  return out;
}

/** Children of `parent` once one of them matches, e.g. after a "Loading…" placeholder was replaced. */
async function childrenUntil(what: string, parent: unknown, ok: (ns: Node[]) => boolean): Promise<Node[]> {
  return eventually(what, () => nodes(parent), ok);
}

function summary(ns: Node[]): string {
  return ns.map((n) => `${n.label}${n.item.description ? ` — ${descriptionOf(n.item)}` : ''}`).join(' | ');
}

const isCompany = (n: Node) =>
  n.item.collapsibleState !== undefined &&
  n.item.collapsibleState !== vscode.TreeItemCollapsibleState.None &&
  !/^load more/i.test(n.label);

async function startSandbox(): Promise<{ id: string; name: string; api: string; baseUrl: string }> {
  await vscode.commands.executeCommand('portfolioContacts.trySandbox');
  const list = await eventually(
    'a bitsight sandbox connection in api.connections.list()',
    () => api.connections.list(),
    (l) => l.some((c) => c.api === 'bitsight' && /sandbox/i.test(c.name)),
  );
  const conn = list.find((c) => c.api === 'bitsight' && /sandbox/i.test(c.name));
  assert.ok(conn);
  return conn;
}

async function companiesOfSandbox(): Promise<Node[]> {
  const conn = await startSandbox();
  const roots = await childrenUntil(`root "${conn.name}"`, undefined, (ns) => ns.some((n) => n.label === conn.name));
  const root = roots.find((n) => n.label === conn.name);
  assert.ok(root, `no root item for the connection; roots: ${summary(roots)}`);
  const groups = await childrenUntil('"Companies" and "Users" under the connection', root.element, (ns) =>
    ['Companies', 'Users'].every((l) => ns.some((n) => n.label === l)),
  );
  const companiesGroup = groups.find((n) => n.label === 'Companies');
  assert.ok(companiesGroup);
  const children = await childrenUntil('at least one company under "Companies"', companiesGroup.element, (ns) =>
    ns.some(isCompany),
  );
  return children.filter(isCompany);
}

suite('Portfolio Contacts (extension host)', () => {
  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
    api = await ext.activate();
  });

  test('the extension is present, activates and returns its API', async () => {
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext, 'extension missing');
    const exported = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.ok(exported, 'activate() returned nothing');
    assert.equal(typeof exported.tree?.getChildren, 'function', 'api.tree.getChildren');
    assert.equal(typeof exported.tree?.getTreeItem, 'function', 'api.tree.getTreeItem');
    assert.equal(typeof exported.connections?.list, 'function', 'api.connections.list');
    assert.equal(typeof exported.sandboxUrl, 'function', 'api.sandboxUrl');
  });

  test('every command in contributes.commands is registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributed: string[] = ((ext.packageJSON?.contributes?.commands ?? []) as Array<{ command: string }>).map(
      (c) => c.command,
    );
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    assert.ok(contributed.includes('portfolioContacts.trySandbox'), 'portfolioContacts.trySandbox is not contributed');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('Try the Sandbox adds a Bitsight sandbox connection served by a live sandbox', async () => {
    const conn = await startSandbox();
    assert.equal(conn.name, SANDBOX_LABEL);
    const url = api.sandboxUrl();
    assert.ok(url, 'api.sandboxUrl() is undefined after Try the Sandbox');
    assert.match(url, /^http:\/\/(127\.0\.0\.1|localhost):\d+/);
    assert.ok(conn.baseUrl.startsWith(url.replace(/\/$/, '')), `connection baseUrl ${conn.baseUrl} is not on ${url}`);
    // The sandbox's own index names it and the API this connection is on.
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200);
    const index = (await res.json()) as { name?: unknown; apis?: Record<string, unknown> };
    assert.equal(index.name, 'Portfolio Contacts sandbox');
    assert.equal(index.apis?.bitsight, conn.baseUrl);
  });

  test('the sandbox connection lists companies, sorted by name', async () => {
    const companies = await companiesOfSandbox();
    assert.ok(companies.length >= 1, 'no companies');
    const names = companies.map((c) => c.label);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
    assert.deepEqual(names, sorted, 'companies are not sorted by name');
  });

  test('the first company shows its point of contact', async () => {
    const companies = await companiesOfSandbox();
    const first = companies[0];
    assert.ok(first, 'no companies');
    const contacts = await childrenUntil(`a contact marked "point of contact" under ${first.label}`, first.element, (ns) =>
      ns.some((n) => descriptionOf(n.item).includes('point of contact')),
    );
    const poc = contacts.filter((n) => descriptionOf(n.item).includes('point of contact'));
    assert.equal(poc.length, 1, `expected exactly one point of contact under ${first.label}: ${summary(contacts)}`);
    assert.ok(poc[0]!.label.trim().length > 0, 'point of contact has no label');
  });
});
