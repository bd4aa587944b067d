// The Kare calls the forms make, as an interface: forms.ts depends on this, client.ts implements
// it, so the two files do not import each other.
import type { ContactInput, ContactPatch, KareContact } from './schemas';

export interface KareCalls {
  /** The locale dates are shown in (the person's, from VS Code). */
  readonly locale: string | undefined;
  contactRecords(companyId: string, signal?: AbortSignal): Promise<KareContact[]>;
  /** One POST of every row; resolves with the API's nbInsertion. */
  createContacts(companyId: string, rows: ContactInput[], signal?: AbortSignal): Promise<number>;
  updateContact(companyId: string, contactId: string, patch: ContactPatch, signal?: AbortSignal): Promise<KareContact>;
}
