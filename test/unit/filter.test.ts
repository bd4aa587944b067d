import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company } from '../../src/core/model';
import { filterCompanies } from '../../src/tree/filter';
import { PortfolioModel } from '../../src/tree/model';
import { TEST_LABELS } from './helpers/labels';

const co = (name: string, primaryDomain?: string): Company => ({ id: name, name, primaryDomain });
const list = [co('Alder Analytics', 'alderanalytics.com'), co('Société Générale', 'sg.fr'), co('Blue Harbor Design', 'blueharbor.io'), co('Harbor Freight')];

describe('filterCompanies', () => {
  it('matches every word in name or domain, ignoring case and accents', () => {
    assert.deepEqual(filterCompanies(list, 'harbor').map((c) => c.name), ['Blue Harbor Design', 'Harbor Freight']);
    assert.deepEqual(filterCompanies(list, 'HARBOR io').map((c) => c.name), ['Blue Harbor Design']);
    assert.deepEqual(filterCompanies(list, 'societe').map((c) => c.name), ['Société Générale']);
    assert.deepEqual(filterCompanies(list, 'analytics.com').map((c) => c.name), ['Alder Analytics']);
    assert.deepEqual(filterCompanies(list, 'nothing-like-this'), []);
    assert.equal(filterCompanies(list, '   ').length, 4);
  });
});

describe('PortfolioModel filter', () => {
  it('narrows the loaded companies, keeps paging, and clears', async () => {
    const all = Array.from({ length: 30 }, (_, i) => co(`${i % 3 === 0 ? 'Harbor' : 'Alder'} ${i}`));
    const provider = {
      api: 'bitsight' as const,
      capabilities: { users: false, contactsPerCompany: 'one' as const, invitations: false, folders: false },
      labels: TEST_LABELS,
      forms: {},
      whoAmI: async () => ({ displayName: 'x' }),
      listCompanies: async (cursor: string | undefined, size: number) => {
        const start = Number(cursor ?? 0);
        return { items: all.slice(start, start + size), total: all.length, next: start + size < all.length ? String(start + size) : undefined };
      },
      listContacts: async () => [],
      invalidate: () => undefined,
    };
    const model = new PortfolioModel({ provider: async () => provider }, () => 10);
    const changes: string[] = [];
    model.onDidChange((c) => changes.push(c.scope));
    model.setFilter('k', 'harbor');
    let state = await model.list('k', 'companies');
    assert.deepEqual(state.items.map((c) => c.name), ['Harbor 0', 'Harbor 3', 'Harbor 6', 'Harbor 9']);
    assert.equal(state.loaded, 10);
    assert.equal(state.hasMore, true);
    await model.loadMore('k', 'companies');
    state = await model.list('k', 'companies');
    assert.equal(state.items.length, 7);
    assert.equal(state.loaded, 20);
    model.setFilter('k', '');
    state = await model.list('k', 'companies');
    assert.equal(state.items.length, 20);
    assert.equal(state.filter, undefined);
    assert.deepEqual(changes, ['companies', 'companies', 'companies']);
  });
});
