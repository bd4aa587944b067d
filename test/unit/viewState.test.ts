// What the view itself shows besides its items: its message names every active filter (and goes
// away when the filters are cleared), and its badge counts interrupted bulk runs waiting to be
// resumed, not finished ones and not the one this window is sending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BulkJournal } from '../../src/forms/bulk/types';
import type { ConnectionInfo } from '../../src/model/nodes';
import { PortfolioModel } from '../../src/tree/model';
import { companies, ListProvider } from './helpers/fakeProvider';
import { installFakeVscode } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { interruptedRunsBadge } = require('../../src/commands/badge') as typeof import('../../src/commands/badge');

describe('the view message', () => {
  it('names the filter and the connection while one is active, and clears with it', () => {
    const connections: ConnectionInfo[] = [{ id: 'k', name: 'Sandbox (Kare)', api: 'kare', baseUrl: 'http://127.0.0.1:1/kare' }, { id: 'b', name: 'Prod', api: 'bitsight', baseUrl: 'https://api.bitsighttech.com' }];
    const provider = new ListProvider({ companies: companies(3) }, {});
    const model = new PortfolioModel({ provider: async () => provider }, () => 10);
    const tree = new PortfolioTreeProvider({ list: () => connections, onDidChange: () => ({ dispose() {} }) }, model);
    const view: { message?: string; reveal: () => Promise<void> } = { reveal: async () => undefined };
    tree.attach(view);
    assert.equal(view.message, undefined);
    model.setFilter('k', 'abc');
    assert.equal(view.message, 'Filtered by “abc” in Sandbox (Kare) — Clear Filter');
    model.setFilter('b', 'oak');
    assert.equal(view.message, 'Filtered by “abc” in Sandbox (Kare), “oak” in Prod (Bitsight) — Clear Filter');
    model.setFilter('k', '');
    model.setFilter('b', '');
    assert.equal(view.message, undefined);
  });
});

describe('the view badge', () => {
  const journal = (runId: string, states: Array<'pending' | 'sent' | 'failed' | 'sending'>, finishedAt?: string): BulkJournal => ({
    runId,
    connectionId: 'b',
    createdAt: '2026-01-01T00:00:00Z',
    payload: {},
    items: states.map((state, i) => ({ companyId: `c${i}`, companyName: `C${i}`, state })) as BulkJournal['items'],
    ...(finishedAt ? { finishedAt } : {}),
  });

  it('counts unfinished runs that no one is sending, and none when there are none', async () => {
    const journals = [journal('cut', ['sent', 'pending']), journal('midsend', ['sending']), journal('done', ['sent', 'failed'], '2026-01-01T01:00:00Z'), journal('live', ['pending'])];
    const badge = await interruptedRunsBadge({ list: async () => journals }, new Set(['live']));
    assert.equal(badge?.value, 2);
    assert.match(badge?.tooltip ?? '', /2 interrupted bulk invitation runs waiting to be resumed/);
    assert.equal(await interruptedRunsBadge({ list: async () => [journals[2]!] }, new Set()), undefined);
  });
});
