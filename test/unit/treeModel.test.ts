import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company, Contact, Folder, Page, User } from '../../src/core/model';
import type { Provider } from '../../src/core/provider';
import { PortfolioModel, type ModelChange, type Unavailable } from '../../src/tree/model';
import { TEST_LABELS } from './helpers/labels';

function companies(n: number): Company[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `Company ${String(i).padStart(3, '0')}` }));
}

/** Folder id → which company indexes it holds. */
const FOLDERS: Record<string, (index: number) => boolean> = { even: (i) => i % 2 === 0, few: (i) => i < 3 };

class FakeProvider implements Provider {
  readonly api = 'bitsight' as const;
  readonly capabilities = { users: true, contactsPerCompany: 'one' as const, invitations: false, folders: true };
  readonly labels = TEST_LABELS;
  readonly forms = {};
  calls: string[] = [];
  invalidated = 0;
  failNext: unknown;
  constructor(private readonly all: Company[], private readonly contactsByCompany: Record<string, Contact[]> = {}) {}
  async whoAmI() {
    return { displayName: 'me' };
  }
  async listCompanies(cursor: string | undefined, pageSize: number, _signal?: AbortSignal, opts?: { folderId?: string }): Promise<Page<Company>> {
    // As Bitsight: the folder goes with the first request; the cursor stands for the rest.
    const folderId = cursor?.includes(':') ? cursor.split(':')[0] : opts?.folderId;
    this.calls.push(`${folderId ? `folder ${folderId} ` : ''}companies:${cursor ?? 'first'}:${pageSize}`);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    const all = folderId ? this.all.filter((_, i) => FOLDERS[folderId]!(i)) : this.all;
    const start = cursor ? Number(cursor.split(':').at(-1)) : 0;
    const items = all.slice(start, start + pageSize);
    const next = start + pageSize < all.length ? `${folderId ? `${folderId}:` : ''}${start + pageSize}` : undefined;
    return { items, total: all.length, next };
  }
  async listFolders(): Promise<Folder[]> {
    this.calls.push('folders');
    return Object.keys(FOLDERS).map((id) => ({ id, name: `Folder ${id}`, companyCount: this.all.filter((_, i) => FOLDERS[id]!(i)).length }));
  }
  async listContacts(companyId: string): Promise<Contact[]> {
    this.calls.push(`contacts:${companyId}`);
    return this.contactsByCompany[companyId] ?? [];
  }
  async listUsers(): Promise<Page<User>> {
    this.calls.push('users');
    return { items: [{ id: 'u1', name: 'Ada', email: 'ada@example.com' }] };
  }
  invalidate() {
    this.invalidated++;
  }
}

function modelWith(provider: Provider | Unavailable, pageSize = 50) {
  const model = new PortfolioModel({ provider: async () => provider }, () => pageSize);
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return { model, changes };
}

describe('PortfolioModel', () => {
  it('fetches the first page once and serves it from cache afterwards', async () => {
    const p = new FakeProvider(companies(120));
    const { model } = modelWith(p);
    const [a, b] = await Promise.all([model.list('k', 'companies'), model.list('k', 'companies')]);
    const again = await model.list('k', 'companies');
    assert.equal(a.items.length, 50);
    assert.equal(b.items.length, 50);
    assert.equal(again.items.length, 50);
    assert.equal(a.total, 120);
    assert.equal(a.hasMore, true);
    assert.deepEqual(p.calls, ['companies:first:50'], 'one request for three reads');
  });

  it('appends pages on loadMore until the last page, and emits a change for the list only', async () => {
    const p = new FakeProvider(companies(120));
    const { model, changes } = modelWith(p);
    await model.list('k', 'companies');
    await model.loadMore('k', 'companies');
    await model.loadMore('k', 'companies');
    const state = await model.list('k', 'companies');
    assert.equal(state.items.length, 120);
    assert.equal(state.hasMore, false);
    assert.deepEqual(state.items.map((c) => c.id), companies(120).map((c) => c.id), 'in order, no duplicates');
    await model.loadMore('k', 'companies'); // nothing left: no request
    assert.deepEqual(p.calls, ['companies:first:50', 'companies:50:50', 'companies:100:50']);
    assert.deepEqual(changes, [
      { connectionId: 'k', scope: 'companies' },
      { connectionId: 'k', scope: 'companies' },
    ]);
  });

  it('keeps loaded items when a later page fails, and retries that page', async () => {
    const p = new FakeProvider(companies(120));
    const { model } = modelWith(p);
    await model.list('k', 'companies');
    p.failNext = new Error('boom');
    await model.loadMore('k', 'companies');
    let state = await model.list('k', 'companies');
    assert.equal(state.items.length, 50);
    assert.equal((state.error as Error).message, 'boom');
    await model.loadMore('k', 'companies');
    state = await model.list('k', 'companies');
    assert.equal(state.items.length, 100);
    assert.equal(state.error, undefined);
    assert.deepEqual(p.calls.slice(-2), ['companies:50:50', 'companies:50:50']);
  });

  it('shows a company once when offset paging drifts and it reappears on the next page', async () => {
    const all = companies(6);
    const p = new FakeProvider(all);
    const { model } = modelWith(p, 3);
    assert.deepEqual((await model.list('k', 'companies')).items.map((c) => c.id), ['c0', 'c1', 'c2']);
    // A company added at the top pushes c2 from the end of page one to the start of page two.
    all.unshift({ id: 'new', name: 'Company -01' });
    await model.loadMore('k', 'companies');
    await model.loadMore('k', 'companies');
    assert.deepEqual(p.calls, ['companies:first:3', 'companies:3:3', 'companies:6:3'], 'the drift is in what the server sent');
    const ids = (await model.list('k', 'companies')).items.map((c) => c.id);
    assert.deepEqual(ids, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('shows a folder\'s company once when its paging drifts', async () => {
    const all = companies(12);
    const p = new FakeProvider(all);
    const { model } = modelWith(p, 3);
    assert.deepEqual((await model.folderCompanies('k', 'even')).items.map((c) => c.id), ['c0', 'c2', 'c4']);
    all.unshift({ id: 'new', name: 'Company -01' }, { id: 'new2', name: 'Company -02' });
    await model.loadMoreInFolder('k', 'even');
    const ids = (await model.folderCompanies('k', 'even')).items.map((c) => c.id);
    assert.deepEqual(ids, ['c0', 'c2', 'c4', 'c6', 'c8']);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('reports a first-page failure as state, not as a rejection', async () => {
    const p = new FakeProvider(companies(3));
    p.failNext = new Error('offline');
    const { model } = modelWith(p);
    const state = await model.list('k', 'companies');
    assert.deepEqual(state.items, []);
    assert.equal((state.error as Error).message, 'offline');
  });

  it('passes signed-out and unsupported states through', async () => {
    const { model } = modelWith({ reason: 'signed-out' });
    assert.deepEqual((await model.list('k', 'companies')).unavailable, { reason: 'signed-out' });
    assert.deepEqual((await model.contacts('k', 'c1')).unavailable, { reason: 'signed-out' });
  });

  it('caches contacts per company and refresh clears them and the provider memo', async () => {
    const contact: Contact = { id: 'p1', companyId: 'c1', name: 'Diane', email: 'diane@a.example', isPrimary: true };
    const p = new FakeProvider(companies(3), { c1: [contact] });
    const { model, changes } = modelWith(p);
    assert.deepEqual((await model.contacts('k', 'c1')).items, [contact]);
    await model.contacts('k', 'c1');
    assert.deepEqual(p.calls, ['contacts:c1']);
    await model.refresh({ connectionId: 'k', scope: 'contacts', companyId: 'c1' });
    await model.contacts('k', 'c1');
    assert.deepEqual(p.calls, ['contacts:c1', 'contacts:c1']);
    assert.equal(p.invalidated, 1);
    assert.deepEqual(changes.at(-1), { connectionId: 'k', scope: 'contacts', companyId: 'c1' });
  });

  it('a contacts refresh re-reads the company when its row summarises its contacts, in every list it is cached in', async () => {
    const p = new FakeProvider(companies(3)) as FakeProvider & { readCompany: (id: string) => Promise<Company> };
    p.readCompany = async (id) => ({ id, name: `Company ${id}`, kind: 'Agency', detail: 'New Primary' });
    const { model, changes } = modelWith(p);
    await model.list('k', 'companies');
    await model.folderCompanies('k', 'few');
    const row = model.company('k', 'c1')!;
    assert.equal(row.detail, undefined);
    await model.refresh({ connectionId: 'k', scope: 'contacts', companyId: 'c1' });
    // Updated in place: the tree's nodes hold these objects.
    assert.equal(row.detail, 'New Primary');
    assert.equal((await model.folderCompanies('k', 'few')).items.find((c) => c.id === 'c1')?.detail, 'New Primary');
    assert.equal(model.company('k', 'c0')?.detail, undefined, 'another company was changed');
    assert.deepEqual(changes.at(-1), { connectionId: 'k', scope: 'contacts', companyId: 'c1' });
  });

  it('refreshing the connection forgets every list', async () => {
    const p = new FakeProvider(companies(60));
    const { model } = modelWith(p);
    await model.list('k', 'companies');
    await model.loadMore('k', 'companies');
    await model.list('k', 'users');
    await model.refresh({ connectionId: 'k', scope: 'connection' });
    const state = await model.list('k', 'companies');
    assert.equal(state.items.length, 50, 'back to the first page');
    assert.equal(p.calls.filter((c) => c === 'companies:first:50').length, 2);
    assert.equal(model.company('k', 'c0')?.name, 'Company 000');
  });

  it('lists folders once and keeps each folder\'s companies apart from the portfolio and from other folders', async () => {
    const p = new FakeProvider(companies(130));
    const { model, changes } = modelWith(p);
    const folders = await model.list('k', 'folders');
    await model.list('k', 'folders');
    assert.deepEqual(folders.items, [
      { id: 'even', name: 'Folder even', companyCount: 65 },
      { id: 'few', name: 'Folder few', companyCount: 3 },
    ]);
    const even = await model.folderCompanies('k', 'even');
    assert.equal(even.items.length, 50);
    assert.equal(even.total, 65);
    assert.equal(even.hasMore, true);
    const few = await model.folderCompanies('k', 'few');
    assert.deepEqual(few.items.map((c) => c.id), ['c0', 'c1', 'c2']);
    assert.equal(few.hasMore, false);
    await model.loadMoreInFolder('k', 'even');
    await model.loadMoreInFolder('k', 'few'); // last page already: nothing to fetch
    const all = await model.folderCompanies('k', 'even');
    assert.equal(all.items.length, 65);
    assert.equal(all.hasMore, false);
    assert.ok(all.items.every((c) => Number(c.id.slice(1)) % 2 === 0));
    assert.deepEqual(p.calls, ['folders', 'folder even companies:first:50', 'folder few companies:first:50', 'folder even companies:even:50:50']);
    assert.deepEqual(changes, [{ connectionId: 'k', scope: 'folder', folderId: 'even' }]);
    assert.equal((await model.list('k', 'companies')).total, 130, 'the portfolio list is its own cache');
    assert.equal(model.company('k', 'c64')?.name, 'Company 064', 'a company loaded only in a folder is found for commands');
  });

  it('refreshing a folder forgets only its companies; refreshing the folder list forgets every folder', async () => {
    const p = new FakeProvider(companies(10));
    const { model, changes } = modelWith(p);
    await model.list('k', 'folders');
    await model.folderCompanies('k', 'even');
    await model.folderCompanies('k', 'few');
    await model.refresh({ connectionId: 'k', scope: 'folder', folderId: 'even' });
    assert.deepEqual(changes.at(-1), { connectionId: 'k', scope: 'folder', folderId: 'even' });
    await model.folderCompanies('k', 'even');
    await model.folderCompanies('k', 'few');
    await model.list('k', 'folders');
    assert.deepEqual(p.calls, ['folders', 'folder even companies:first:50', 'folder few companies:first:50', 'folder even companies:first:50']);
    p.calls = [];
    await model.refresh({ connectionId: 'k', scope: 'folders' });
    await model.list('k', 'folders');
    await model.folderCompanies('k', 'few');
    assert.deepEqual(p.calls, ['folders', 'folder few companies:first:50']);
  });
});
