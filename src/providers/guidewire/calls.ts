// The Guidewire calls the forms make, as an interface: forms.ts depends on this, client.ts
// implements it, so the two files do not import each other.
import type { GwOrganization, GwTypeKey } from './schemas';

export type WriteResult<T> = { outcome: 'written' | 'already' } & T;

export interface GuidewireCalls {
  organization(id: string, signal?: AbortSignal): Promise<GwOrganization>;
  /** The organization as last read (its checksum is the one a PATCH must carry). */
  organizationAsRead(id: string, signal?: AbortSignal): Promise<GwOrganization>;
  patchOrganization(id: string, body: unknown, transactionId: string, signal?: AbortSignal): Promise<WriteResult<{ organization: GwOrganization }>>;
  createContact(attributes: Record<string, unknown>, transactionId: string, signal?: AbortSignal): Promise<WriteResult<{ name?: string }>>;
  typelist(name: string, signal?: AbortSignal): Promise<GwTypeKey[]>;
}
