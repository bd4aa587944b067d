// Every list the tree shows, as data: a cache key within the connection and how one page of it is
// read from the provider. The model pages, caches and de-duplicates them all the same way.
import type { Company, Contact, ContactDetail, Folder, Invitation, Page, User } from '../core/model';
import type { ListCompaniesOptions, Provider } from '../core/provider';

export interface ListLoader<T extends { id: string }> {
  /** Unique within a connection; a refresh drops lists by key or key prefix. */
  key: string;
  load(provider: Provider, cursor: string | undefined, pageSize: number): Promise<Page<T>>;
}

function whole<T>(items: T[]): Page<T> {
  return { items, total: items.length };
}

export const lists = {
  companies(opts: ListCompaniesOptions = {}): ListLoader<Company> {
    // Only set options go out: a provider that knows nothing of them sees the call it always saw.
    const sent = Object.keys(opts).length ? opts : undefined;
    return { key: 'companies', load: (p, cursor, size) => p.listCompanies(cursor, size, undefined, sent) };
  },
  folderCompanies(folderId: string, opts: ListCompaniesOptions = {}): ListLoader<Company> {
    return { key: `folder/${folderId}`, load: (p, cursor, size) => p.listCompanies(cursor, size, undefined, { ...opts, folderId }) };
  },
  users(): ListLoader<User> {
    return { key: 'users', load: async (p, cursor, size) => (p.listUsers ? p.listUsers(cursor, size) : { items: [] }) };
  },
  invitations(): ListLoader<Invitation> {
    return {
      key: 'invitations',
      load: async (p) => {
        const items = p.listInvitations ? await p.listInvitations() : [];
        // Newest first: the outbox is read to see what was just sent.
        items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
        return whole(items);
      },
    };
  },
  folders(): ListLoader<Folder> {
    return { key: 'folders', load: async (p) => whole(p.listFolders ? await p.listFolders() : []) };
  },
  contacts(companyId: string): ListLoader<Contact> {
    return { key: `contacts/${companyId}`, load: async (p) => whole(await p.listContacts(companyId)) };
  },
  companyUsers(companyId: string): ListLoader<User> {
    return { key: `companyUsers/${companyId}`, load: async (p) => whole(p.listCompanyUsers ? await p.listCompanyUsers(companyId) : []) };
  },
  contactDetails(contact: Contact): ListLoader<ContactDetail> {
    return { key: `details/${contact.companyId}/${contact.id}`, load: async (p) => whole(p.listContactDetails ? await p.listContactDetails(contact) : []) };
  },
};

/** The keys of everything under one company (its contacts, their details, its users). */
export function companyKeys(companyId: string): string[] {
  return [`contacts/${companyId}`, `companyUsers/${companyId}`, `details/${companyId}/`];
}
