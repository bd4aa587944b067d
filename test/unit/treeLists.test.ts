// The tree model's one generic paged list, for every kind of list it holds, plus findCompany
// (what reveal pages with) and the archived toggle.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contact } from '../../src/core/model';
import { PortfolioModel, type ModelChange } from '../../src/tree/model';
import { companies, ListProvider, type FakeData } from './helpers/fakeProvider';

const ada: Contact = { id: 'p1', companyId: 'c1', name: 'Ada', isPrimary: true };

function setup(data: FakeData, pageSize = 3, caps = {}) {
  const provider = new ListProvider(data, caps);
  const model = new PortfolioModel({ provider: async () => provider }, () => pageSize);
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return { provider, model, changes };
}

describe('PortfolioModel generic lists', () => {
  it('reads every kind of list through the same cache: fetched once, then served', async () => {
    const { provider, model } = setup({
      companies: companies(2),
      contacts: { c1: [ada] },
      users: [{ id: 'u1', name: 'Una', email: 'u@x.example' }],
      companyUsers: { c1: [{ id: 'u2', name: 'Cy', email: 'c@x.example', companyId: 'c1' }] },
      details: { p1: [{ id: 'a1', label: '1 Main St', isPrimary: true }] },
      folders: [{ id: 'f1', name: 'F', companyCount: 1 }],
      invitations: [{ id: 'i1', companyId: 'c1', companyName: 'x', status: 'pending' }],
    });
    for (let round = 0; round < 2; round++) {
      assert.deepEqual((await model.list('k', 'companies')).items.map((c) => c.id), ['c0', 'c1']);
      assert.deepEqual((await model.folderCompanies('k', '1')).items.map((c) => c.id), ['c1']);
      assert.deepEqual((await model.list('k', 'users')).items.map((u) => u.id), ['u1']);
      assert.deepEqual((await model.list('k', 'folders')).items.map((f) => f.id), ['f1']);
      assert.deepEqual((await model.list('k', 'invitations')).items.map((i) => i.id), ['i1']);
      assert.deepEqual((await model.contacts('k', 'c1')).items?.map((c) => c.id), ['p1']);
      assert.deepEqual((await model.companyUsers('k', 'c1')).items.map((u) => u.id), ['u2']);
      assert.deepEqual((await model.contactDetails('k', ada)).items.map((d) => d.id), ['a1']);
    }
    assert.deepEqual(provider.calls, ['companies:first', 'companies:first', 'users', 'folders', 'invitations', 'contacts:c1', 'companyUsers:c1', 'details:p1']);
  });

  it('shows an item once when a list repeats it (company users, details, contacts alike)', async () => {
    const u = { id: 'u2', name: 'Cy', email: 'c@x.example' };
    const { model } = setup({ companies: companies(2), companyUsers: { c1: [u, u] }, details: { p1: [{ id: 'a', label: 'A' }, { id: 'a', label: 'A again' }] }, contacts: { c1: [ada, ada] } });
    assert.deepEqual((await model.companyUsers('k', 'c1')).items.map((x) => x.id), ['u2']);
    assert.deepEqual((await model.contactDetails('k', ada)).items.map((x) => x.label), ['A']);
    assert.deepEqual((await model.contacts('k', 'c1')).items?.map((x) => x.id), ['p1']);
  });

  it('sorts invitations newest first', async () => {
    const inv = (id: string, createdAt: string) => ({ id, companyId: 'c', companyName: 'c', status: 's', createdAt });
    const { model } = setup({ companies: [], invitations: [inv('old', '2024-01-01'), inv('new', '2025-01-01')] });
    assert.deepEqual((await model.list('k', 'invitations')).items.map((i) => i.id), ['new', 'old']);
  });

  it('refreshing a company reads its contacts, users and contact details again, and no other company\'s', async () => {
    const { provider, model } = setup({ companies: companies(12), contacts: { c1: [ada] } });
    await model.contacts('k', 'c1');
    await model.contacts('k', 'c10');
    await model.companyUsers('k', 'c1');
    await model.contactDetails('k', ada);
    provider.calls = [];
    await model.refresh({ connectionId: 'k', scope: 'contacts', companyId: 'c1' });
    await model.contacts('k', 'c1');
    await model.contacts('k', 'c10');
    await model.companyUsers('k', 'c1');
    await model.contactDetails('k', ada);
    assert.deepEqual(provider.calls, ['contacts:c1', 'companyUsers:c1', 'details:p1']);
  });

  it('findCompany pages until the company is loaded (page 3 of 4) and stops there', async () => {
    const { provider, model, changes } = setup({ companies: companies(12) });
    const found = await model.findCompany('k', 'c7');
    assert.equal(found?.id, 'c7');
    assert.deepEqual(provider.calls, ['companies:first', 'companies:3', 'companies:6']);
    assert.equal((await model.list('k', 'companies')).items.length, 9);
    assert.deepEqual(changes, [{ connectionId: 'k', scope: 'companies' }, { connectionId: 'k', scope: 'companies' }]);
    assert.equal(model.company('k', 'c7')?.name, 'Company 007');
  });

  it('findCompany answers undefined after the last page when the company is not there', async () => {
    const { provider, model } = setup({ companies: companies(5) });
    assert.equal(await model.findCompany('k', 'nope'), undefined);
    assert.deepEqual(provider.calls, ['companies:first', 'companies:3']);
  });

  it('the archived toggle passes includeArchived to listCompanies and reads the list again', async () => {
    const { provider, model, changes } = setup({ companies: companies(4, (i) => ({ archived: i === 2 })) }, 10, { archived: true });
    assert.deepEqual((await model.list('k', 'companies')).items.map((c) => c.id), ['c0', 'c1', 'c3']);
    assert.equal(provider.options[0], undefined, 'nothing asked for by default');
    await model.setShowArchived('k', true);
    assert.equal(model.showsArchived('k'), true);
    assert.deepEqual(changes.at(-1), { connectionId: 'k', scope: 'companies' });
    assert.deepEqual((await model.list('k', 'companies')).items.map((c) => c.id), ['c0', 'c1', 'c2', 'c3']);
    assert.deepEqual(provider.options[1], { includeArchived: true });
    await model.setShowArchived('k', false);
    assert.deepEqual((await model.list('k', 'companies')).items.map((c) => c.id), ['c0', 'c1', 'c3']);
    assert.equal(provider.options[2], undefined);
  });
});
