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
const markdownIt = require('markdown-it') as (o: object) => { render(md: string): string };
// GFM-like rendering with autolinks, as VS Code's hovers render markdown.
const md = markdownIt({ html: false, linkify: true });

/** The tooltip as a markdown renderer shows it: what VS Code's appendText would add for text ops, then rendered. */
function rendered(tip: MarkdownString): string {
  const source = tip.ops.map((o) => (o.op === 'markdown' ? o.value : o.value.replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&').replace(/([ \t]+)/g, (_m, g: string) => '&nbsp;'.repeat(g.length)))).join('');
  return md.render(source);
}
function renderedTags(tip: MarkdownString): string[] {
  return [...rendered(tip).matchAll(/<([a-z]+)[\s>/]/g)].map((m) => m[1]!);
}
function renderedLines(tip: MarkdownString): string[] {
  const html = rendered(tip).replace(/<br\s*\/?>/g, '\n').replace(/<[^>]+>/g, '');
  const text = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}
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
      assert.deepEqual(renderedTags(tip).filter((t) => !['p', 'strong', 'br'].includes(t)), [], 'no markup but the bold title and line breaks');
    }
    const lines = (node: TreeNode) => renderedLines(tree.resolveTreeItem(item(node) as never, node).tooltip as unknown as MarkdownString);
    assert.ok(lines(company).includes('*Agency* <i>'), 'the kind shows as the text it is');
    assert.deepEqual(lines(contact!), ['Ada', 'Main contact', 'ada@x.example', 'Phones: **bold** [x](command:evil) <b>']);
  });

  it('shows a "could not reach" tooltip as clean text: the address is not swallowed into a link ending in "\\)"', async () => {
    const { tree, item } = setup();
    const text = 'Loading failed: could not reach the server (ECONNREFUSED: request to http://127.0.0.1:5/ratings/v2 failed, reason: connect ECONNREFUSED 127.0.0.1:5). Check the base URL and your network.';
    const node: TreeNode = { kind: 'message', parentId: 'conn/k', connectionId: 'k', tone: 'error', text, detail: 'Click to try again.' };
    const tip = item(node).tooltip as unknown as MarkdownString;
    assert.deepEqual(renderedTags(tip).filter((t) => t === 'a'), [], 'no autolink');
    assert.deepEqual(renderedLines(tip), [text, 'Click to try again.']);
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
  it('reveal of a company a search found places it in the list without paging, and the list hands out the same node once', async () => {
    const { tree, provider, revealed } = setup();
    const far = { id: 'c11', name: 'Company 011' };
    assert.equal(await tree.reveal('k', far.id, far), true);
    assert.deepEqual(provider.calls, ['companies:first'], 'one page read, not four');
    const node = revealed[0]!;
    assert.equal(nodeId(node), 'conn/k/companies/c11');
    // What VS Code does next: the parents, then their children; the same objects by id.
    const list = await tree.getParent(node);
    const conn = await tree.getParent(list!);
    assert.ok(conn);
    const lists = await tree.getChildren(conn);
    assert.equal(lists[0], list, 'the list node getParent gave');
    const rows = await tree.getChildren(list!);
    assert.equal(rows.filter((n) => nodeId(n) === nodeId(node)).length, 1);
    assert.ok(rows.includes(node), 'the revealed node object itself');
  });

  describe('accessibilityInformation', () => {
    const spoken = (i: TreeItem) => (i as unknown as { accessibilityInformation?: { label: string; role?: string } }).accessibilityInformation;

    it('says what a company is and, once its contacts were listed, how many it has', async () => {
      const { tree, item } = setup();
      const company = await path(tree, 'Test', 'Accounts', 'Company 001');
      assert.deepEqual(spoken(item(company)), { label: 'Company 001, account, 2 people', role: 'treeitem' });
      const other = (await tree.getChildren(await path(tree, 'Test', 'Accounts'))).find((n) => item(n).label === 'Company 002')!;
      assert.equal(spoken(item(other))?.label, 'Company 002, account', 'a count never listed is not guessed');
    });

    it('names a contact with its role in the company and its e-mail', async () => {
      const { tree, item } = setup();
      const [first, second] = await tree.getChildren(await path(tree, 'Test', 'Accounts', 'Company 001'));
      assert.deepEqual(spoken(item(first!)), { label: 'Ada, main contact, ada@x.example', role: 'treeitem' });
      assert.equal(spoken(item(second!))?.label, 'Bob, contact');
    });

    it('gives every node kind a spoken label and the tree item role', async () => {
      const { tree, item } = setup({
        users: [{ id: 'u1', name: 'Liam', formalName: 'Liam Chen', email: 'liam@x.example', role: 'Admin' }],
        invitations: [{ id: 'i1', companyId: 'c1', companyName: 'Company 001', status: 'Pending', createdAt: '2026-01-02T03:04:05Z', recipientEmail: 'ada@x.example' }],
        folders: [{ id: 'f1', name: 'Vendors', companyCount: 3 }],
      } as never);
      const labels: Record<string, string | undefined> = {};
      const walk = async (nodes: TreeNode[], depth: number) => {
        for (const n of nodes) {
          const i = item(n);
          assert.equal(spoken(i)?.role, 'treeitem', `${n.kind} has no role`);
          labels[n.kind] ??= spoken(i)?.label;
          if (depth < 2 && n.kind !== 'company' && n.kind !== 'loadMore') await walk(await tree.getChildren(n), depth + 1);
        }
      };
      await walk(await tree.getChildren(), 0);
      assert.equal(labels.connection, 'Test, Kare connection');
      assert.equal(labels.list, 'Accounts, list');
      assert.equal(labels.company, 'Company 000, account');
      assert.equal(labels.loadMore, 'Load more, 3 of 12 shown');
      assert.equal(labels.user, 'Liam Chen, user, Admin, liam@x.example');
      assert.equal(labels.invitation, 'Invitation to Company 001, Pending, sent 2026-01-02, to ada@x.example');
      assert.equal(labels.folder, 'Vendors, folder, 3 accounts');
    });
  });
});
