// What the tree writes of API values: enum codes as labels, dates in VS Code's display language,
// and tooltip text escaped so that no renderer finds markup or links in it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionInfo, TreeNode } from '../../src/model/nodes';
import { enumLabel, formatDate, plainMarkdown } from '../../src/tree/format';
import { PortfolioModel } from '../../src/tree/model';
import { companies, ListProvider } from './helpers/fakeProvider';
import { installFakeVscode, type MarkdownString, type TreeItem } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');

describe('enumLabel', () => {
  it('turns codes into words and keeps labels as they are', () => {
    assert.equal(enumLabel('other'), 'Other');
    assert.equal(enumLabel('never_activated'), 'Never activated');
    assert.equal(enumLabel('vrm-admin'), 'Vrm admin');
    assert.equal(enumLabel('Pending'), 'Pending');
    assert.equal(enumLabel('Customer Admin'), 'Customer Admin');
  });
});

describe('formatDate', () => {
  it('writes a date-time in the given locale', () => {
    const de = formatDate('2026-03-04T15:30:00Z', 'de');
    const en = formatDate('2026-03-04T15:30:00Z', 'en-US');
    assert.match(de, /04\.03\.2026|4\. März 2026/);
    assert.match(en, /Mar 4, 2026/);
  });

  it('keeps a bare date on its calendar day, falls back on an unknown locale, and leaves non-dates alone', () => {
    assert.match(formatDate('2026-03-04', 'en-US'), /^Mar 4, 2026$/);
    assert.match(formatDate('2026-03-04', 'not a locale!'), /2026/);
    assert.equal(formatDate('soon', 'de'), 'soon');
  });
});

describe('plainMarkdown', () => {
  it('escapes every ASCII punctuation mark and folds whitespace', () => {
    assert.equal(plainMarkdown('a*b (c) http://x.y\nz'), 'a\\*b \\(c\\) http\\:\\/\\/x\\.y z');
  });
});

describe('the tree with enums and dates', () => {
  const connection: ConnectionInfo = { id: 'k', name: 'Test', api: 'bitsight', baseUrl: 'https://x.example' };

  it('shows invitation status as its label and the date in the display language', async () => {
    const provider = new ListProvider({ companies: companies(1, () => ({ kind: 'other' })), invitations: [{ id: 'i1', companyId: 'c1', companyName: 'Alder', status: 'never_activated', createdAt: '2026-03-04T15:30:00Z' }] }, {});
    const model = new PortfolioModel({ provider: async () => provider }, () => 10);
    const tree = new PortfolioTreeProvider({ list: () => [connection], onDidChange: () => ({ dispose() {} }) }, model, () => 'de');
    const [conn] = await tree.getChildren();
    const lists = await tree.getChildren(conn);
    const labelOf = (n: TreeNode) => (tree.getTreeItem(n) as unknown as TreeItem).label;
    const invitations = lists.find((n) => labelOf(n) === 'Sent Invitations')!;
    const [inv] = await tree.getChildren(invitations);
    const item = tree.getTreeItem(inv!) as unknown as TreeItem;
    assert.equal(item.description, 'Never activated · 04.03.2026');
    const tip = (tree.resolveTreeItem(item as never, inv!).tooltip as unknown as MarkdownString).ops.map((o) => o.value).join('');
    assert.match(tip, /Status\\: Never activated/);
    assert.match(tip, /04\\\.03\\\.2026/);
    const companiesList = lists.find((n) => n.kind === 'list' && n.list === 'companies')!;
    const [company] = await tree.getChildren(companiesList);
    assert.equal((tree.getTreeItem(company!) as unknown as TreeItem).description, 'Other');
  });
});
