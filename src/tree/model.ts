// The cache the tree reads. It fetches a list the first time it is asked for it, keeps what it got
// (pages appended as "Load more" is used), remembers failures as values instead of throwing, and
// forgets only on an explicit refresh. It knows nothing of VS Code, so it is tested in plain Node.
import type { Company, Contact, Folder, Invitation, Page, User } from '../core/model';
import type { Provider } from '../core/provider';
import { filterCompanies } from './filter';

/** Why a connection can't be asked anything right now. */
export type Unavailable =
  /** `renewalFailed`: the credentials could not be renewed, so the person must sign in again. */
  | { reason: 'signed-out'; renewalFailed?: boolean }
  /** A sandbox connection whose sandbox the person stopped. */
  | { reason: 'stopped' }
  | { reason: 'unsupported'; message: string }
  | { reason: 'error'; error: unknown };

export interface ProviderSource {
  /** The live provider for a connection, or why there is none. */
  provider(connectionId: string): Promise<Provider | Unavailable>;
}

export interface ListState<T> {
  items: T[];
  /** With a filter: how many are loaded in all (items holds the matches). */
  loaded?: number;
  filter?: string;
  total?: number;
  hasMore: boolean;
  /** The last failure (first page or a "load more"); items fetched before it are kept. */
  error?: unknown;
  unavailable?: Unavailable;
}

export type ListKind = 'companies' | 'users' | 'invitations' | 'folders';
type AnyItem = Company | User | Invitation | Folder;

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

interface ContactsCache {
  items?: Contact[];
  error?: unknown;
  unavailable?: Unavailable;
  inFlight?: Promise<void>;
}

interface ConnectionCache {
  companies: PagedCache<Company>;
  users: PagedCache<User>;
  invitations: PagedCache<Invitation>;
  folders: PagedCache<Folder>;
  /** Each folder's companies, paged like the portfolio, by folder id. */
  folderCompanies: Map<string, PagedCache<Company>>;
  contacts: Map<string, ContactsCache>;
}

export type ModelChange =
  | { connectionId: string; scope: 'connection' }
  | { connectionId: string; scope: ListKind }
  | { connectionId: string; scope: 'folder'; folderId: string }
  | { connectionId: string; scope: 'contacts'; companyId: string };

export class PortfolioModel {
  private readonly caches = new Map<string, ConnectionCache>();
  private readonly filters = new Map<string, string>();
  private listeners: Array<(change: ModelChange) => void> = [];

  constructor(
    private readonly source: ProviderSource,
    private readonly pageSize: () => number,
  ) {}

  onDidChange(listener: (change: ModelChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  async providerFor(connectionId: string): Promise<Provider | Unavailable> {
    return this.source.provider(connectionId);
  }

  /** The list as cached, fetching the first page if it was never fetched. */
  async list(connectionId: string, kind: 'companies'): Promise<ListState<Company>>;
  async list(connectionId: string, kind: 'users'): Promise<ListState<User>>;
  async list(connectionId: string, kind: 'invitations'): Promise<ListState<Invitation>>;
  async list(connectionId: string, kind: 'folders'): Promise<ListState<Folder>>;
  async list(connectionId: string, kind: ListKind): Promise<ListState<AnyItem>> {
    const state = await this.read(connectionId, this.paged(connectionId, kind), (p, cursor) => this.fetch(p, kind, cursor));
    const filter = kind === 'companies' ? this.filters.get(connectionId) : undefined;
    if (!filter) return state;
    return { ...state, items: filterCompanies(state.items as Company[], filter), loaded: state.items.length, filter };
  }

  /** One folder's companies as cached, fetching the first page if it was never fetched (not filtered). */
  async folderCompanies(connectionId: string, folderId: string): Promise<ListState<Company>> {
    return this.read(connectionId, this.folderCache(connectionId, folderId), (p, cursor) => this.fetchFolderCompanies(p, folderId, cursor));
  }

  /** Shows only the loaded companies matching `query` (empty clears); "Load more" keeps extending the matches. */
  setFilter(connectionId: string, query: string): void {
    const q = query.trim();
    if (q) this.filters.set(connectionId, q);
    else this.filters.delete(connectionId);
    this.emit({ connectionId, scope: 'companies' });
  }

  filterOf(connectionId: string): string | undefined {
    return this.filters.get(connectionId);
  }

  /** Fetches the next page and appends it; a no-op on the last page or while a fetch runs. */
  async loadMore(connectionId: string, kind: ListKind): Promise<void> {
    if (await this.more(connectionId, this.paged(connectionId, kind), (p, cursor) => this.fetch(p, kind, cursor))) this.emit({ connectionId, scope: kind });
  }

  /** "Load more" in one folder. */
  async loadMoreInFolder(connectionId: string, folderId: string): Promise<void> {
    const cache = this.folderCache(connectionId, folderId);
    if (await this.more(connectionId, cache, (p, cursor) => this.fetchFolderCompanies(p, folderId, cursor))) this.emit({ connectionId, scope: 'folder', folderId });
  }

  async contacts(connectionId: string, companyId: string): Promise<{ items?: Contact[]; error?: unknown; unavailable?: Unavailable }> {
    const conn = this.connection(connectionId);
    let cache = conn.contacts.get(companyId);
    if (!cache) {
      cache = {};
      conn.contacts.set(companyId, cache);
      const entry = cache;
      entry.inFlight = (async () => {
        const provider = await this.source.provider(connectionId);
        if (!isProvider(provider)) {
          entry.unavailable = provider;
          return;
        }
        try {
          entry.items = await provider.listContacts(companyId);
        } catch (e) {
          entry.error = e;
        }
      })().finally(() => (entry.inFlight = undefined));
    }
    if (cache.inFlight) await cache.inFlight;
    return { items: cache.items, error: cache.error, unavailable: cache.unavailable };
  }

  /** A company from the cached pages (for commands invoked on a tree node). */
  company(connectionId: string, companyId: string): Company | undefined {
    const conn = this.caches.get(connectionId);
    if (!conn) return undefined;
    for (const cache of [conn.companies, ...conn.folderCompanies.values()]) {
      const found = cache.items.find((c) => c.id === companyId);
      if (found) return found;
    }
    return undefined;
  }

  /** Forget what was fetched so the next read goes to the API again. */
  async refresh(change: ModelChange): Promise<void> {
    const conn = this.caches.get(change.connectionId);
    if (conn) {
      if (change.scope === 'connection') this.caches.delete(change.connectionId);
      else if (change.scope === 'contacts') conn.contacts.delete(change.companyId);
      else if (change.scope === 'folder') conn.folderCompanies.delete(change.folderId);
      else conn[change.scope] = emptyPaged<never>();
      // Refreshing the folder list may show different folders: their companies are read again too.
      if (change.scope === 'folders') conn.folderCompanies.clear();
      // Contacts of a whole connection come from one Bitsight call; drop the provider's memo too.
      if (change.scope !== 'users' && change.scope !== 'invitations' && change.scope !== 'folders') {
        const provider = await this.source.provider(change.connectionId).catch(() => undefined);
        if (provider && isProvider(provider)) provider.invalidate();
        if (change.scope === 'companies') conn.contacts.clear();
      }
    }
    this.emit(change);
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
    this.filters.delete(connectionId);
  }

  /** The cache's snapshot, fetching the first page if it was never fetched. */
  private async read<T extends Identified>(connectionId: string, cache: PagedCache<T>, get: PageFetcher<T>): Promise<ListState<T>> {
    if (!cache.started) await this.fetchPage(connectionId, cache, get);
    else if (cache.inFlight) await cache.inFlight;
    return snapshot(cache);
  }

  /** Fetches the next page; false when there was none to fetch. */
  private async more<T extends Identified>(connectionId: string, cache: PagedCache<T>, get: PageFetcher<T>): Promise<boolean> {
    if (cache.inFlight) {
      await cache.inFlight;
      return false;
    }
    if (cache.started && !cache.next && !cache.error) return false;
    await this.fetchPage(connectionId, cache, get);
    return true;
  }

  private async fetchPage<T extends Identified>(connectionId: string, cache: PagedCache<T>, get: PageFetcher<T>): Promise<void> {
    cache.started = true;
    const run = (async () => {
      const provider = await this.source.provider(connectionId);
      if (!isProvider(provider)) {
        cache.unavailable = provider;
        return;
      }
      cache.unavailable = undefined;
      try {
        const page = await get(provider, cache.next);
        // A company that moved onto this page from an earlier one is shown where it was first seen.
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

  private fetchFolderCompanies(provider: Provider, folderId: string, cursor: string | undefined): Promise<Page<Company>> {
    return provider.listCompanies(cursor, this.pageSize(), undefined, { folderId });
  }

  private async fetch(provider: Provider, kind: ListKind, cursor: string | undefined): Promise<Page<AnyItem>> {
    switch (kind) {
      case 'companies':
        return provider.listCompanies(cursor, this.pageSize());
      case 'users':
        return provider.listUsers ? provider.listUsers(cursor, this.pageSize()) : { items: [] };
      case 'invitations': {
        const items = provider.listInvitations ? await provider.listInvitations() : [];
        // Newest first: the outbox is read to see what was just sent.
        items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
        return { items, total: items.length };
      }
      case 'folders': {
        const items = provider.listFolders ? await provider.listFolders() : [];
        return { items, total: items.length };
      }
    }
  }

  private connection(connectionId: string): ConnectionCache {
    let conn = this.caches.get(connectionId);
    if (!conn) {
      conn = { companies: emptyPaged(), users: emptyPaged(), invitations: emptyPaged(), folders: emptyPaged(), folderCompanies: new Map(), contacts: new Map() };
      this.caches.set(connectionId, conn);
    }
    return conn;
  }

  private paged(connectionId: string, kind: ListKind): PagedCache<AnyItem> {
    return this.connection(connectionId)[kind] as PagedCache<AnyItem>;
  }

  private folderCache(connectionId: string, folderId: string): PagedCache<Company> {
    const conn = this.connection(connectionId);
    let cache = conn.folderCompanies.get(folderId);
    if (!cache) {
      cache = emptyPaged();
      conn.folderCompanies.set(folderId, cache);
    }
    return cache;
  }

  private emit(change: ModelChange): void {
    for (const l of this.listeners) l(change);
  }
}

export function isProvider(p: Provider | Unavailable): p is Provider {
  return typeof (p as Provider).listCompanies === 'function';
}

type Identified = { id: string };
type PageFetcher<T> = (provider: Provider, cursor: string | undefined) => Promise<Page<T>>;

function emptyPaged<T>(): PagedCache<T> {
  return { items: [], ids: new Set(), started: false };
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
