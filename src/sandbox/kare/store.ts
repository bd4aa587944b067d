// The live Kare state with the indexes handlers need. All mutation goes through here so indexes
// never drift from the data.
import type { CompanyRecord, ContactRecord, KareData } from './data.js';

export class KareStore {
  private readonly companyIndex = new Map<number, CompanyRecord>();
  private readonly contactsByCompany = new Map<number, ContactRecord[]>();
  private nextContactId: number;

  constructor(readonly data: KareData) {
    for (const c of data.companies) {
      this.companyIndex.set(c.id, c);
      this.contactsByCompany.set(c.id, []);
    }
    for (const c of data.contacts) this.contactsByCompany.get(c.companyId)?.push(c);
    this.nextContactId = data.contacts.reduce((max, c) => Math.max(max, c.id), 5000) + 1;
  }

  company(id: number): CompanyRecord | undefined {
    return this.companyIndex.get(id);
  }

  contactsOf(companyId: number): readonly ContactRecord[] {
    return this.contactsByCompany.get(companyId) ?? [];
  }

  contact(companyId: number, contactId: number): ContactRecord | undefined {
    return this.contactsOf(companyId).find((c) => c.id === contactId);
  }

  /** Inserts all rows or none (the caller has validated every row first). */
  addContacts(companyId: number, rows: ReadonlyArray<Omit<ContactRecord, 'id' | 'companyId'>>): ContactRecord[] {
    const list = this.contactsByCompany.get(companyId);
    if (!list) throw new Error(`no company ${companyId}`);
    const added = rows.map((row) => ({ id: this.nextContactId++, companyId, ...row }));
    list.push(...added);
    this.data.contacts.push(...added);
    return added;
  }

  /** Edited in place so references held by tests see the change. */
  updateContact(contact: ContactRecord, changes: Partial<ContactRecord>): ContactRecord {
    return Object.assign(contact, changes);
  }
}
