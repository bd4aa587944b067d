// The companies filter as a server-side search (capability search): the list becomes the server's
// matches, paged; the filter is kept in the filter memory and outlives a refresh and a new model
// (a window reload); clearing it restores the full list. A provider without search keeps the client
// filter. place() makes a searched company part of the list without paging to it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company, Contact, Page } from '../../src/core/model';
import type { ListCompaniesOptions, Provider } from '../../src/core/provider';
import { PortfolioModel, type FilterMemory } from '../../src/tree/model';
import { TEST_LABELS } from './helpers/labels';

const ALL: Company[] = Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, name: i % 10 === 7 ? `Acme ${i}` : `Company ${i}` }));

class SearchingProvider implements Provider {
  readonly api = 'kare' as const;
  readonly labels = TEST_LABELS;
  readonly forms = {};
  readonly queries: Array<string | undefined> = [];
  constructor(readonly capabilities: Provider['capabilities']) {}
  async whoAmI() {
    return { displayName: 'me' };
  }
  async listCompanies(cursor: string | undefined, pageSize: number, _signal?: AbortSignal, opts?: ListCompaniesOptions): Promise<Page<Company>> {
    // The cursor carries the query, as every real provider's does.
    const [startText, cursorQuery] = (cursor ?? '0|').split('|');
    const query = cursor ? cursorQuery || undefined : opts?.query;
    this.queries.push(query);
    const matching = query ? ALL.filter((c) => c.name.toLowerCase().includes(query.toLowerCase())) : ALL;
    const start = Number(startText);
    const next = start + pageSize < matching.length ? `${start + pageSize}|${query ?? ''}` : undefined;
    return { items: matching.slice(start, start + pageSize), total: matching.length, next };
  }
  async listContacts(): Promise<Contact[]> {
    return [];
  }
  invalidate() {}
}

const SEARCH = { users: false, search: true, contactsPerCompany: 'many', invitations: false, folders: false } as const;

function memory(): FilterMemory & { value: unknown } {
  const m = { value: undefined as unknown, get: () => m.value, set: (f: Record<string, string>) => void (m.value = structuredClone(f)) };
  return m;
}

describe('Filter Companies as a server-side search', () => {
  it('lists the server\'s matches, paged, and "Load more" keeps the search', async () => {
    const p = new SearchingProvider(SEARCH);
    const model = new PortfolioModel({ provider: async () => p }, () => 5);
    await model.list('k', 'companies');
    model.setFilter('k', 'acme');
    let state = await model.list('k', 'companies');
    assert.equal(state.searched, true);
    assert.equal(state.filter, 'acme');
    assert.deepEqual(state.items.map((c) => c.name), ['Acme 7', 'Acme 17', 'Acme 27', 'Acme 37', 'Acme 47']);
    assert.equal(state.total, 12);
    await model.loadMore('k', 'companies');
    state = await model.list('k', 'companies');
    assert.equal(state.items.length, 10);
    assert.ok(state.items.every((c) => c.name.startsWith('Acme')), 'the next page is the search\'s');
    assert.deepEqual(p.queries, [undefined, 'acme', 'acme']);
  });

  it('survives a refresh and a reload (the filter memory), and Clear Filter restores the full list', async () => {
    const p = new SearchingProvider(SEARCH);
    const mem = memory();
    const model = new PortfolioModel({ provider: async () => p }, () => 5, mem);
    model.setFilter('k', ' acme ');
    assert.deepEqual(mem.value, { k: 'acme' });
    assert.equal((await model.list('k', 'companies')).items[0]?.name, 'Acme 7', 'searched on the first read');
    model.refreshAll();
    assert.equal((await model.list('k', 'companies')).items[0]?.name, 'Acme 7', 'after Refresh');
    const reloaded = new PortfolioModel({ provider: async () => p }, () => 5, mem);
    assert.equal(reloaded.filterOf('k'), 'acme');
    assert.equal((await reloaded.list('k', 'companies')).items[0]?.name, 'Acme 7', 'after a reload');
    reloaded.setFilter('k', '');
    const full = await reloaded.list('k', 'companies');
    assert.equal(full.filter, undefined);
    assert.equal(full.total, ALL.length);
    assert.deepEqual(mem.value, {});
  });

  it('ignores a filter memory that holds something else than filters', () => {
    for (const bad of [null, 'acme', ['acme'], { k: 3 }, { k: 'x'.repeat(500) }, { k: '   ' }]) {
      const mem = memory();
      mem.value = bad;
      assert.equal(new PortfolioModel({ provider: async () => new SearchingProvider(SEARCH) }, () => 5, mem).filterOf('k'), undefined, JSON.stringify(bad));
    }
  });

  it('keeps the client filter of the loaded pages for a provider that cannot search', async () => {
    const p = new SearchingProvider({ ...SEARCH, search: false });
    const model = new PortfolioModel({ provider: async () => p }, () => 50);
    await model.list('k', 'companies');
    model.setFilter('k', 'acme');
    const state = await model.list('k', 'companies');
    assert.equal(state.searched, undefined);
    assert.equal(state.loaded, 50);
    assert.equal(state.items.length, 5);
    assert.deepEqual(p.queries, [undefined], 'no second request');
  });

  it('place() puts a company found by a search into the loaded list once, without paging to it', async () => {
    const p = new SearchingProvider(SEARCH);
    const model = new PortfolioModel({ provider: async () => p }, () => 5);
    await model.list('k', 'companies');
    const far = ALL[117]!;
    model.place('k', far);
    model.place('k', far);
    const state = await model.list('k', 'companies');
    assert.equal(state.items.filter((c) => c.id === far.id).length, 1);
    assert.equal(model.company('k', far.id), far);
    assert.equal(p.queries.length, 1, 'no page read to find it');
    assert.deepEqual(model.matchLoaded('k', 'acme 117').map((c) => c.id), [far.id]);
  });
});
