// What commands may ask of the cached portfolio and of the tree that shows it. The tree implements
// these; commands depend on the interfaces only, so src/commands never imports src/tree.
import type { Company, Contact, Folder, Invitation, User } from '../core/model';
import type { Provider } from '../core/provider';
import type { ListKind } from './nodes';
import type { ListState, Unavailable } from './source';

export type ModelChange =
  | { connectionId: string; scope: 'connection' }
  | { connectionId: string; scope: ListKind }
  | { connectionId: string; scope: 'folder'; folderId: string }
  /** A company's children: its contacts, their details and its users. */
  | { connectionId: string; scope: 'contacts'; companyId: string };

export interface PortfolioCache {
  providerFor(connectionId: string): Promise<Provider | Unavailable>;
  list(connectionId: string, kind: 'companies'): Promise<ListState<Company>>;
  list(connectionId: string, kind: 'users'): Promise<ListState<User>>;
  list(connectionId: string, kind: 'invitations'): Promise<ListState<Invitation>>;
  list(connectionId: string, kind: 'folders'): Promise<ListState<Folder>>;
  folderCompanies(connectionId: string, folderId: string): Promise<ListState<Company>>;
  loadMore(connectionId: string, kind: ListKind): Promise<void>;
  loadMoreInFolder(connectionId: string, folderId: string): Promise<void>;
  contacts(connectionId: string, companyId: string): Promise<{ items?: Contact[]; error?: unknown; unavailable?: Unavailable }>;
  company(connectionId: string, companyId: string): Company | undefined;
  /** Pages through the companies until `companyId` is loaded; undefined when the list ends without it. */
  findCompany(connectionId: string, companyId: string): Promise<Company | undefined>;
  /** The loaded companies matching `query` (client-side), each once. */
  matchLoaded(connectionId: string, query: string): Company[];
  /** Makes a company found by a search part of the loaded Companies list (so the tree can show it). */
  place(connectionId: string, company: Company): boolean;
  setFilter(connectionId: string, query: string): void;
  filterOf(connectionId: string): string | undefined;
  /** Whether archived companies are listed (capability archived). */
  showsArchived(connectionId: string): boolean;
  setShowArchived(connectionId: string, show: boolean): Promise<void>;
  refresh(change: ModelChange): Promise<void>;
  refreshAll(): void;
  forget(connectionId: string): void;
}

export interface PortfolioTree {
  refreshAll(): void;
  /** Expands the connection, pages its companies as needed, and selects the company. */
  reveal(connectionId: string, companyId: string, found?: Company, options?: { focus?: boolean }): Promise<boolean>;
}
