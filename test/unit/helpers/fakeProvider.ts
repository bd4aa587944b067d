// A provider over in-memory data with every optional part, recording each call, for tree tests.
import type { Company, Contact, ContactDetail, Folder, Invitation, Page, User } from '../../../src/core/model';
import type { ListCompaniesOptions, Provider, ProviderCapabilities } from '../../../src/core/provider';
import { TEST_LABELS } from './labels';

export function companies(n: number, extra: (i: number) => Partial<Company> = () => ({})): Company[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `Company ${String(i).padStart(3, '0')}`, ...extra(i) }));
}

export interface FakeData {
  companies: Company[];
  contacts?: Record<string, Contact[]>;
  users?: User[];
  companyUsers?: Record<string, User[]>;
  details?: Record<string, ContactDetail[]>;
  invitations?: Invitation[];
  folders?: Folder[];
}

export class ListProvider implements Provider {
  readonly api = 'kare' as const;
  readonly labels = TEST_LABELS;
  readonly forms = {};
  readonly capabilities: ProviderCapabilities;
  calls: string[] = [];
  options: Array<ListCompaniesOptions | undefined> = [];
  constructor(
    readonly data: FakeData,
    caps: Partial<ProviderCapabilities> = {},
  ) {
    this.capabilities = { users: true, contactsPerCompany: 'many', invitations: true, folders: true, ...caps };
  }
  async whoAmI() {
    return { displayName: 'me' };
  }
  async listCompanies(cursor: string | undefined, pageSize: number, _signal?: AbortSignal, opts?: ListCompaniesOptions): Promise<Page<Company>> {
    this.calls.push(`companies:${cursor ?? 'first'}`);
    this.options.push(opts);
    const all = this.data.companies.filter((c) => (!c.archived || opts?.includeArchived) && (!opts?.folderId || c.id.endsWith(opts.folderId)));
    const start = Number(cursor ?? 0);
    return { items: all.slice(start, start + pageSize), total: all.length, next: start + pageSize < all.length ? String(start + pageSize) : undefined };
  }
  async listContacts(companyId: string): Promise<Contact[]> {
    this.calls.push(`contacts:${companyId}`);
    return this.data.contacts?.[companyId] ?? [];
  }
  async listUsers(): Promise<Page<User>> {
    this.calls.push('users');
    return { items: this.data.users ?? [] };
  }
  async listInvitations(): Promise<Invitation[]> {
    this.calls.push('invitations');
    return [...(this.data.invitations ?? [])];
  }
  async listFolders(): Promise<Folder[]> {
    this.calls.push('folders');
    return this.data.folders ?? [];
  }
  async listCompanyUsers(companyId: string): Promise<User[]> {
    this.calls.push(`companyUsers:${companyId}`);
    return this.data.companyUsers?.[companyId] ?? [];
  }
  async listContactDetails(contact: Contact): Promise<ContactDetail[]> {
    this.calls.push(`details:${contact.id}`);
    return this.data.details?.[contact.id] ?? [];
  }
  invalidate() {}
}
