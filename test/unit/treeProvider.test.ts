// The tree provider over a fake vscode: words from the provider's labels, a company's contacts
// (primary marked), its Users branch and a contact's details, lazy escaped tooltips, getParent for
// every node kind, and reveal paging to a company on page 3.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contact } from '../../src/core/model';
import type { ConnectionInfo, TreeNode } from '../../src/model/nodes';
import { PortfolioModel } from '../../src/tree/model';
import { companies, ListProvider, type FakeData } from './helpers/fakeProvider';
import { installFakeVscode, type MarkdownString, type TreeItem } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeId } = require('../../src/tree/nodes') as typeof import('../../src/tree/nodes');

const connection: ConnectionInfo = { id: 'k', name: 'Test', api: 'kare', baseUrl: 'https://x.example' };
const ada: Contact = { id: 'p1', companyId: 'c1', name: 'Ada', email: 'ada@x.example', isPrimary: true, tooltip: [{ label: 'Phones', value: '**bold** [x](command:evil) <b>' }] };
const bob: Contact = { id: 'p2', companyId: 'c1', name: 'Bob', isPrimary: false };

function setup(data: Partial<FakeData> = {}, caps = {}, pageSize = 3) {
  const provider = new ListProvider({ companies: companies(12), contacts: { c1: [bob, ada] }, ...data }, caps);
  const model = new PortfolioModel({ provider: async () => provider }, () => pageSize);
  const tree = new PortfolioTreeProvider({ list: () => [connection], onDidChange: () => ({ dispose() {} }) }, model);
  const revealed: TreeNode[] = [];
  tree.attach({ reveal: async (node) => void revealed.push(node) });
  const item = (node: TreeNode) => tree.getTreeItem(node) as unknown as TreeItem;
  return { provider, model, tree, revealed, item };
}

async function path(tree: InstanceType<typeof PortfolioTreeProvider>, ...labels: string[]): Promise<TreeNode> {
  let children = await tree.getChildren();
  let node: TreeNode | undefined;
  for (const label of labels) {
    node = children.find((n) => (tree.getTreeItem(n) as unknown as TreeItem).label === label);
    assert.ok(node, `no child "${label}" among ${children.map((n) => (tree.getTreeItem(n) as unknown as TreeItem).label).join(', ')}`);
    children = await tree.getChildren(node);
  }
  return node!;
}

describe('PortfolioTreeProvider', () => {
  it('names lists with the provider\'s labels and marks the primary contact with its word', async () => {
    const { tree, item } = setup();
    const company = await path(tree, 'Test', 'Accounts', 'Company 001');
    const [first, second] = await tree.getChildren(company);
    assert.equal(item(first!).label, 'Ada', 'the primary contact first');
    assert.equal(item(first!).description, 'ada@x.example · main contact');
    assert.equal(item(second!).description, '');
    const members = await path(tree, 'Test', 'Members');
    assert.equal(members.kind, 'list');
  });

  it('marks the token’s own user "you"; other users are not', async () => {
    const { tree, item } = setup({ companyUsers: { c1: [{ id: 'u1', name: 'Me', email: 'me@x.example', role: 'Admin', isSelf: true }, { id: 'u2', name: 'Cy', email: 'cy@x.example', role: 'Admin' }] } }, { companyUsers: true });
    const company = await path(tree, 'Test', 'Accounts', 'Company 001');
    const users = (await tree.getChildren(company)).at(-1)!;
    const [me, cy] = await tree.getChildren(users);
    assert.equal(item(me!).description, 'you · Admin · me@x.example');
    assert.equal(item(cy!).description, 'Admin · cy@x.example');
  });

  it('adds a Users branch under a company when the provider lists company users', async () => {
    const { tree, item } = setup({ companyUsers: { c1: [{ id: 'u9', name: 'Cy', email: 'cy@x.example' }] } }, { companyUsers: true });
    const company = await path(tree, 'Test', 'Accounts', 'Company 001');
    const children = await tree.getChildren(company);
    const users = children.at(-1)!;
    assert.equal(users.kind, 'companyUsers');
    assert.equal(item(users).label, 'Members');
    const [cy] = await tree.getChildren(users);
    assert.equal(cy?.kind === 'user' && cy.user.id, 'u9');
    assert.equal(nodeId(cy!), 'conn/k/companies/c1/users/u9');
  });

  it('has no Users branch without the capability, and contacts that do not expand', async () => {
    const { tree, item } = setup();
    const children = await tree.getChildren(await path(tree, 'Test', 'Accounts', 'Company 001'));
    assert.deepEqual(children.map((n) => n.kind), ['contact', 'contact']);
    assert.equal(item(children[0]!).collapsibleState, 0);
  });

  it('expands a contact to its details when the provider has them, the primary one marked', async () => {
    const { tree, item } = setup({ details: { p1: [{ id: 'a2', label: '2 Side St' }, { id: 'a1', label: '1 Main St', description: 'Springfield', isPrimary: true }] } }, { contactDetails: true });
    const [contact] = await tree.getChildren(await path(tree, 'Test', 'Accounts', 'Company 001'));
    assert.equal(item(contact!).collapsibleState, 1);
    const details = await tree.getChildren(contact);
    assert.deepEqual(details.map((d) => [item(d).label, item(d).description]), [['2 Side St', undefined], ['1 Main St', 'Springfield · primary']]);
  });

  it('shows archived companies with an "archived" description', async () => {
    const { tree, model, item } = setup({ companies: companies(2, (i) => ({ archived: i === 1, kind: 'Agency' })) }, { archived: true });
    await model.setShowArchived('k', true);
    const list = await path(tree, 'Test', 'Accounts');
    assert.match(item(list).contextValue ?? '', /:archivedShown\b/);
    const [live, archived] = await tree.getChildren(list);
    assert.equal(item(live!).description, 'Agency');
    assert.equal(item(archived!).description, 'Agency · archived');
    await model.setShowArchived('k', false);
    assert.match(item(list).contextValue ?? '', /:archivedHidden\b/, 'the same node renders the new state');
  });

  it('builds tooltips only in resolveTreeItem, escaping provider lines and the company kind', async () => {
    const { tree, item } = setup({ companies: companies(2, () => ({ kind: '*Agency* <i>' })) });
    const company = await path(tree, 'Test', 'Accounts', 'Company 001');
    const [contact] = await tree.getChildren(company);
    for (const node of [company, contact!]) {
      const plain = item(node);
      assert.equal(plain.tooltip, undefined, 'getTreeItem leaves the tooltip to resolveTreeItem');
      const tip = tree.resolveTreeItem(plain as never, node).tooltip as unknown as MarkdownString;
      assert.equal(tip.isTrusted, false);
      assert.equal(tip.supportHtml, false);
      const markdown = tip.ops.filter((o) => o.op === 'markdown').map((o) => o.value);
      assert.deepEqual([...new Set(markdown)].filter((m) => m !== '**' && m !== '  \n'), [], 'only the builder\'s own markdown');
    }
    const texts = (node: TreeNode) => (tree.resolveTreeItem(item(node) as never, node).tooltip as unknown as MarkdownString).ops.filter((o) => o.op === 'text').map((o) => o.value);
    assert.ok(texts(company).includes('*Agency* <i>'), 'the kind goes in as text');
    assert.deepEqual(texts(contact!), ['Ada', 'Main contact', 'ada@x.example', 'Phones: **bold** [x](command:evil) <b>']);
  });

  it('getParent walks every node kind back to its connection', async () => {
    const { tree } = setup({ companyUsers: { c1: [{ id: 'u9', name: 'Cy', email: 'cy@x.example' }] }, details: { p1: [{ id: 'a1', label: 'A' }] } }, { companyUsers: true, contactDetails: true });
    const company = await path(tree, 'Test', 'Accounts', 'Company 001');
    const [contact, , users] = await tree.getChildren(company);
    const [detail] = await tree.getChildren(contact);
    const [user] = await tree.getChildren(users);
    const chain = async (node: TreeNode) => {
      const ids = [nodeId(node)];
      for (let n = await tree.getParent(node); n; n = await tree.getParent(n)) ids.push(nodeId(n));
      return ids;
    };
    assert.deepEqual(await chain(detail!), ['conn/k/companies/c1/contacts/p1/details/a1', 'conn/k/companies/c1/contacts/p1', 'conn/k/companies/c1', 'conn/k/companies', 'conn/k']);
    assert.deepEqual(await chain(user!), ['conn/k/companies/c1/users/u9', 'conn/k/companies/c1/users', 'conn/k/companies/c1', 'conn/k/companies', 'conn/k']);
    const [, , , more] = await tree.getChildren(await path(tree, 'Test', 'Accounts'));
    assert.equal(more?.kind, 'loadMore');
    assert.deepEqual(await chain(more!), ['conn/k/companies/load-more', 'conn/k/companies', 'conn/k']);
  });

  it('getParent rebuilds the parents of a node never handed out (a company revealed from the palette)', async () => {
    const { tree, model } = setup();
    await model.findCompany('k', 'c4');
    const company: TreeNode = { kind: 'company', connectionId: 'k', company: model.company('k', 'c4')!, actions: [] };
    const list = await tree.getParent(company);
    assert.equal(list && nodeId(list), 'conn/k/companies');
    const conn = await tree.getParent(list!);
    assert.equal(conn?.kind === 'connection' && conn.connection.id, 'k');
    assert.equal(await tree.getParent(conn!), undefined);
  });

  it('reveal pages the companies until the one on page 3 is loaded, then reveals its node', async () => {
    const { tree, provider, revealed } = setup();
    assert.equal(await tree.reveal('k', 'c8'), true);
    assert.deepEqual(provider.calls, ['companies:first', 'companies:3', 'companies:6']);
    assert.equal(revealed.length, 1);
    assert.equal(nodeId(revealed[0]!), 'conn/k/companies/c8');
    assert.equal(await tree.reveal('k', 'missing'), false);
    assert.equal(revealed.length, 1, 'nothing revealed for a company that is not there');
  });
});
