// The live Bitsight state with the indexes handlers need (10,000 companies are looked up by guid
// on every details call). All mutation goes through here so indexes never drift from the data.
import { Prng } from '../prng.js';
import type { AccessRequestRecord, BitsightData, CompanyRecord, ContactRecord, GroupRecord, UserRecord } from './data.js';

export class BitsightStore {
  private readonly companyIndex = new Map<string, CompanyRecord>();
  private readonly contactByCompany = new Map<string, ContactRecord>();
  private readonly rankByGuid = new Map<string, number>();
  /** Ids of records created by writes: seeded too, so a test run's ids repeat. */
  readonly ids: Prng;

  constructor(readonly data: BitsightData) {
    data.companies.forEach((c, index) => {
      this.companyIndex.set(c.guid, c);
      this.rankByGuid.set(c.guid, index);
    });
    for (const c of data.contacts) this.contactByCompany.set(c.company_guid, c);
    this.ids = Prng.forPurpose(data.seed, 'write-ids');
  }

  /** A portfolio company (never my company). */
  portfolioCompany(guid: string): CompanyRecord | undefined {
    return this.companyIndex.get(guid);
  }

  /** The company's position in name order (the portfolio is held sorted by name). */
  nameRank(guid: string): number {
    return this.rankByGuid.get(guid) ?? Number.MAX_SAFE_INTEGER;
  }

  /** A company the account may look at: the portfolio plus my company. */
  knownCompany(guid: string): CompanyRecord | undefined {
    return guid === this.data.myCompany.guid ? this.data.myCompany : this.companyIndex.get(guid);
  }

  contactOfCompany(companyGuid: string): ContactRecord | undefined {
    return this.contactByCompany.get(companyGuid);
  }

  contact(guid: string): ContactRecord | undefined {
    return this.data.contacts.find((c) => c.guid === guid);
  }

  addContact(contact: ContactRecord): void {
    this.data.contacts.push(contact);
    this.contactByCompany.set(contact.company_guid, contact);
  }

  /** Contacts are edited in place so references held by tests see the change. */
  updateContact(contact: ContactRecord, changes: Partial<ContactRecord>): ContactRecord {
    Object.assign(contact, changes);
    return contact;
  }

  /** `'current'` is an alias for the caller, as in Bitsight's /users/current. */
  user(guid: string, caller?: UserRecord): UserRecord | undefined {
    if (guid === 'current') return caller;
    return this.data.users.find((u) => u.guid === guid);
  }

  group(guid: string): GroupRecord | undefined {
    return this.data.groups.find((g) => g.guid === guid);
  }

  addAccessRequest(request: AccessRequestRecord): void {
    this.data.accessRequests.push(request);
  }
}
