// The cache the tree reads. Every list (companies, a folder's companies, users, invitations,
// folders, a company's contacts and users, a contact's details) is the same paged cache: fetched
// the first time it is asked for, pages appended as "Load more" is used, failures kept as values
// instead of thrown, forgotten only on an explicit refresh. It knows nothing of VS Code, so it is
// tested in plain Node.
import type { Company, Contact, ContactDetail, Folder, Invitation, User } from '../core/model';
import type { Provider } from '../core/provider';
import type { ListKind } from '../model/nodes';
import type { ModelChange, PortfolioCache } from '../model/portfolio';
import { isProvider, type ListState, type ProviderSource, type Unavailable } from '../model/source';
import { filterCompanies } from './filter';
import { companyKeys, lists, type ListLoader } from './lists';

export type { ListState, ProviderSource, Unavailable } from '../model/source';
export { isProvider } from '../model/source';
export type { ListKind } from '../model/nodes';
export type { ModelChange } from '../model/portfolio';

/** Pages read at most by findCompany: a reveal must not read a 100,000-company portfolio to its end. */
const FIND_MAX_PAGES = 50;

interface PagedCache<T> {
  items: T[];
  /** The ids in items: offset paging drifts when the list changes between pages, and a tree item id may be registered once only. */
  ids: Set<string>;
  total?: number;
  next?: string;
  started: boolean;
  error?: unknown;
  unavailable?: Unavailable;
  inFlight?: Promise<void>;
}

type Identified = { id: string };

/** Where the filters are kept between windows (workspaceState); what it holds is checked when read. */
export interface FilterMemory {
  get(): unknown;
  set(filters: Record<string, string>): void;
}

/** The longest filter kept: a query, not a document. */
const MAX_FILTER_LENGTH = 200;

function readFilters(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [id, q] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof q === 'string' && q.trim() && q.length <= MAX_FILTER_LENGTH) out.set(id, q.trim());
  }
  return out;
}

export class PortfolioModel implements PortfolioCache {
  /** Connection id → list key → cache. */
  private readonly caches = new Map<string, Map<string, PagedCache<Identified>>>();
  private readonly filters: Map<string, string>;
  /** Connections whose provider searches on the server (capability search), as last seen. */
  private readonly searches = new Map<string, boolean>();
  private readonly archivedShown = new Set<string>();
  private listeners: Array<(change: ModelChange) => void> = [];

  constructor(
    private readonly source: ProviderSource,
    private readonly pageSize: () => number,
    private readonly memory?: FilterMemory,
  ) {
    this.filters = readFilters(memory?.get());
  }

  onDidChange(listener: (change: ModelChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  async providerFor(connectionId: string): Promise<Provider | Unavailable> {
    return this.source.provider(connectionId);
  }

  /** Any list as cached, fetching its first page if it was never fetched. */
  async read<T extends Identified>(connectionId: string, loader: ListLoader<T>): Promise<ListState<T>> {
    const cache = this.cache<T>(connectionId, loader.key);
    if (!cache.started) await this.fetchPage(connectionId, cache, loader);
    else if (cache.inFlight) await cache.inFlight;
    return snapshot(cache);
  }

  /** Fetches the next page of any list; false when there was none to fetch (or one was running). */
  async more<T extends Identified>(connectionId: string, loader: ListLoader<T>): Promise<boolean> {
    const cache = this.cache<T>(connectionId, loader.key);
    if (cache.inFlight) {
      await cache.inFlight;
      return false;
    }
    if (cache.started && !cache.next && !cache.error) return false;
    await this.fetchPage(connectionId, cache, loader);
    return true;
  }

  /** The loader of a top-level list, with this connection's options (archived shown or not). */
  loaderOf(connectionId: string, kind: ListKind): ListLoader<Identified> {
    switch (kind) {
      case 'companies': {
        // A server-side search replaces the list; a client filter only hides loaded companies.
        const query = this.searches.get(connectionId) ? this.filters.get(connectionId) : undefined;
        return lists.companies(query ? { ...this.companyOptions(connectionId), query } : this.companyOptions(connectionId));
      }
      case 'users':
        return lists.users();
      case 'invitations':
        return lists.invitations();
      case 'folders':
        return lists.folders();
    }
  }

  /** The list as cached, fetching the first page if it was never fetched. */
  async list(connectionId: string, kind: 'companies'): Promise<ListState<Company>>;
  async list(connectionId: string, kind: 'users'): Promise<ListState<User>>;
  async list(connectionId: string, kind: 'invitations'): Promise<ListState<Invitation>>;
  async list(connectionId: string, kind: 'folders'): Promise<ListState<Folder>>;
  async list(connectionId: string, kind: ListKind): Promise<ListState<Identified>> {
    if (kind === 'companies' && this.filters.has(connectionId) && !this.searches.has(connectionId)) await this.noteSearch(connectionId);
    const state = await this.read(connectionId, this.loaderOf(connectionId, kind));
    const filter = kind === 'companies' ? this.filters.get(connectionId) : undefined;
    if (!filter) return state;
    if (this.searches.get(connectionId)) return { ...state, filter, searched: true };
    return { ...state, items: filterCompanies(state.items as Company[], filter), loaded: state.items.length, filter };
  }

  /** The loaded companies (every cached list) matching `query`, each once: what a search shows before the server answers. */
  matchLoaded(connectionId: string, query: string): Company[] {
    const conn = this.caches.get(connectionId);
    if (!conn) return [];
    const seen = new Set<string>();
    const all: Company[] = [];
    for (const [key, cache] of conn) {
      if (key !== 'companies' && !key.startsWith('folder/')) continue;
      for (const c of cache.items) if (!seen.has(c.id)) (seen.add(c.id), all.push(c as Company));
    }
    return filterCompanies(all, query);
  }

  /**
   * Makes `company` (found by a search) part of the connection's Companies list, so it can be
   * revealed without paging a large portfolio: appended once to the loaded pages, where a later
   * page that holds it skips it (ids stay unique). A client filter it does not match is cleared.
   * True when it was added: no change is emitted, the caller refreshes the list it shows.
   */
  place(connectionId: string, company: Company): boolean {
    const filter = this.filters.get(connectionId);
    if (filter && !this.searches.get(connectionId) && filterCompanies([company], filter).length === 0) this.setFilter(connectionId, '');
    const cache = this.cache<Company>(connectionId, 'companies');
    if (!cache.started || cache.ids.has(company.id)) return false;
    cache.ids.add(company.id);
    cache.items.push(company);
    return true;
  }

  private async noteSearch(connectionId: string): Promise<void> {
    const provider = await this.source.provider(connectionId);
    if (isProvider(provider)) this.searches.set(connectionId, provider.capabilities.search === true);
  }

  /** One folder's companies as cached, fetching the first page if it was never fetched (not filtered). */
  folderCompanies(connectionId: string, folderId: string): Promise<ListState<Company>> {
    return this.read(connectionId, lists.folderCompanies(folderId, this.companyOptions(connectionId)));
  }

  async contacts(connectionId: string, companyId: string): Promise<{ items?: Contact[]; error?: unknown; unavailable?: Unavailable }> {
    const s = await this.read(connectionId, lists.contacts(companyId));
    return s.unavailable ? { unavailable: s.unavailable } : s.error ? { error: s.error } : { items: s.items };
  }

  companyUsers(connectionId: string, companyId: string): Promise<ListState<User>> {
    return this.read(connectionId, lists.companyUsers(companyId));
  }

  contactDetails(connectionId: string, contact: Contact): Promise<ListState<ContactDetail>> {
    return this.read(connectionId, lists.contactDetails(contact));
  }

  /**
   * Filters the connection's companies by `query` (empty clears): a server-side search when the
   * provider has one (the list is read again, paged), else the loaded companies matching it ("Load
   * more" keeps extending the matches). Kept in the filter memory, so it outlives a reload.
   */
  setFilter(connectionId: string, query: string): void {
    const q = query.trim().slice(0, MAX_FILTER_LENGTH);
    if ((this.filters.get(connectionId) ?? '') === q) return;
    if (q) this.filters.set(connectionId, q);
    else this.filters.delete(connectionId);
    this.memory?.set(Object.fromEntries(this.filters));
    // The server's list was for the old query (or none): read again.
    if (this.searches.get(connectionId)) this.caches.get(connectionId)?.delete('companies');
    this.emit({ connectionId, scope: 'companies' });
  }

  filterOf(connectionId: string): string | undefined {
    return this.filters.get(connectionId);
  }

  showsArchived(connectionId: string): boolean {
    return this.archivedShown.has(connectionId);
  }

  /** Lists the companies again with or without the archived ones. */
  async setShowArchived(connectionId: string, show: boolean): Promise<void> {
    if (show) this.archivedShown.add(connectionId);
    else this.archivedShown.delete(connectionId);
    await this.refresh({ connectionId, scope: 'companies' });
    this.dropPrefix(connectionId, 'folder/');
  }

  /** Fetches the next page and appends it; a no-op on the last page or while a fetch runs. */
  async loadMore(connectionId: string, kind: ListKind): Promise<void> {
    if (await this.more(connectionId, this.loaderOf(connectionId, kind))) this.emit({ connectionId, scope: kind });
  }

  /** "Load more" in one folder. */
  async loadMoreInFolder(connectionId: string, folderId: string): Promise<void> {
    if (await this.more(connectionId, lists.folderCompanies(folderId, this.companyOptions(connectionId)))) this.emit({ connectionId, scope: 'folder', folderId });
  }

  /** A company from the cached pages (for commands invoked on a tree node). */
  company(connectionId: string, companyId: string): Company | undefined {
    const conn = this.caches.get(connectionId);
    if (!conn) return undefined;
    for (const [key, cache] of conn) {
      if (key !== 'companies' && !key.startsWith('folder/')) continue;
      const found = cache.items.find((c) => c.id === companyId);
      if (found) return found as Company;
    }
    return undefined;
  }

  /** A folder from the cached folder list. */
  folder(connectionId: string, folderId: string): Folder | undefined {
    return this.caches.get(connectionId)?.get('folders')?.items.find((f) => f.id === folderId) as Folder | undefined;
  }

  async findCompany(connectionId: string, companyId: string): Promise<Company | undefined> {
    const loader = this.loaderOf(connectionId, 'companies');
    let state = await this.read(connectionId, loader);
    for (let pages = 1; ; pages++) {
      const found = state.items.find((c) => c.id === companyId);
      if (found) return found as Company;
      if (!state.hasMore || state.error || pages >= FIND_MAX_PAGES) return undefined;
      if (await this.more(connectionId, loader)) this.emit({ connectionId, scope: 'companies' });
      state = await this.read(connectionId, loader);
    }
  }

  /** Forget what was fetched so the next read goes to the API again. */
  async refresh(change: ModelChange): Promise<void> {
    const id = change.connectionId;
    const conn = this.caches.get(id);
    if (conn) {
      if (change.scope === 'connection') this.caches.delete(id);
      else if (change.scope === 'contacts') for (const key of companyKeys(change.companyId)) this.drop(id, key);
      else if (change.scope === 'folder') conn.delete(`folder/${change.folderId}`);
      else conn.delete(change.scope);
      // Refreshing the folder list may show different folders: their companies are read again too.
      if (change.scope === 'folders') this.dropPrefix(id, 'folder/');
      // Contacts of a whole connection may come from one provider call; drop the provider's memo too.
      if (change.scope !== 'users' && change.scope !== 'invitations' && change.scope !== 'folders') {
        const provider = await this.source.provider(id).catch(() => undefined);
        if (provider && isProvider(provider)) provider.invalidate();
        if (change.scope === 'companies') for (const prefix of ['contacts/', 'companyUsers/', 'details/']) this.dropPrefix(id, prefix);
        if (change.scope === 'contacts' && provider && isProvider(provider) && provider.readCompany) await this.rereadCompany(id, provider, change.companyId);
      }
    }
    this.emit(change);
  }

  /**
   * The company's row summarises its contacts: its cached copies are updated in place (the tree's
   * nodes hold the same objects). A failed read keeps the old summary; the contacts still refresh.
   */
  private async rereadCompany(connectionId: string, provider: Provider, companyId: string): Promise<void> {
    const fresh = await provider.readCompany!(companyId).catch(() => undefined);
    const conn = this.caches.get(connectionId);
    if (!fresh || !conn) return;
    for (const [key, cache] of conn) {
      if (key !== 'companies' && !key.startsWith('folder/')) continue;
      const cached = cache.items.find((c) => c.id === companyId);
      if (cached) Object.assign(cached, fresh);
    }
  }

  refreshAll(): void {
    const ids = [...this.caches.keys()];
    this.caches.clear();
    for (const connectionId of ids) {
      void this.source.provider(connectionId).then((p) => isProvider(p) && p.invalidate(), () => undefined);
    }
  }

  /** Drop a connection that was removed. */
  forget(connectionId: string): void {
    this.caches.delete(connectionId);
    if (this.filters.delete(connectionId)) this.memory?.set(Object.fromEntries(this.filters));
    this.searches.delete(connectionId);
    this.archivedShown.delete(connectionId);
  }

  private companyOptions(connectionId: string): { includeArchived?: boolean } {
    return this.archivedShown.has(connectionId) ? { includeArchived: true } : {};
  }

  /** A key ending in '/' drops every list under it; any other key that list only. */
  private drop(connectionId: string, key: string): void {
    if (key.endsWith('/')) this.dropPrefix(connectionId, key);
    else this.caches.get(connectionId)?.delete(key);
  }

  private dropPrefix(connectionId: string, prefix: string): void {
    const conn = this.caches.get(connectionId);
    if (!conn) return;
    for (const key of [...conn.keys()]) if (key.startsWith(prefix)) conn.delete(key);
  }

  private cache<T extends Identified>(connectionId: string, key: string): PagedCache<T> {
    let conn = this.caches.get(connectionId);
    if (!conn) {
      conn = new Map();
      this.caches.set(connectionId, conn);
    }
    let cache = conn.get(key);
    if (!cache) {
      cache = { items: [], ids: new Set(), started: false };
      conn.set(key, cache);
    }
    return cache as PagedCache<T>;
  }

  private async fetchPage<T extends Identified>(connectionId: string, cache: PagedCache<T>, loader: ListLoader<T>): Promise<void> {
    cache.started = true;
    const run = (async () => {
      const provider = await this.source.provider(connectionId);
      if (!isProvider(provider)) {
        cache.unavailable = provider;
        return;
      }
      cache.unavailable = undefined;
      this.searches.set(connectionId, provider.capabilities.search === true);
      try {
        const page = await loader.load(provider, cache.next, this.pageSize());
        // An item that moved onto this page from an earlier one is shown where it was first seen.
        for (const item of page.items) {
          if (cache.ids.has(item.id)) continue;
          cache.ids.add(item.id);
          cache.items.push(item);
        }
        cache.next = page.next;
        cache.total = page.total ?? cache.total;
        cache.error = undefined;
      } catch (e) {
        cache.error = e;
      }
    })();
    cache.inFlight = run.finally(() => (cache.inFlight = undefined));
    await cache.inFlight;
  }

  private emit(change: ModelChange): void {
    for (const l of this.listeners) l(change);
  }
}

function snapshot<T>(cache: PagedCache<T>): ListState<T> {
  return {
    items: cache.items,
    total: cache.total,
    hasMore: Boolean(cache.next),
    error: cache.error,
    unavailable: cache.unavailable,
  };
}
