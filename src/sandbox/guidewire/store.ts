// The live Guidewire state with its indexes, checksums and the GW-DBTransaction-ID book. All
// mutation goes through here, so indexes and checksums never drift from the data.
import { Prng } from '../prng.js';
import type { ContactRecord, GuidewireData, OrganizationRecord, UserRecord } from './data.js';
import { IdSource } from './seed.js';

export class GuidewireStore {
  private readonly orgIndex = new Map<string, OrganizationRecord>();
  private readonly contactIndex = new Map<string, ContactRecord>();
  private readonly userIndex = new Map<string, UserRecord>();
  private readonly executedTransactions = new Set<string>();
  /** Ids of records created by writes: seeded too, so a test run's ids repeat. */
  readonly ids: IdSource;

  constructor(readonly data: GuidewireData) {
    for (const o of data.organizations) this.orgIndex.set(o.id, o);
    for (const c of data.contacts) this.contactIndex.set(c.id, c);
    for (const u of data.users) this.userIndex.set(u.id, u);
    this.ids = new IdSource(Prng.forPurpose(data.seed, 'gw-write-ids'));
  }

  organization(id: string): OrganizationRecord | undefined {
    return this.orgIndex.get(id);
  }

  contact(id: string): ContactRecord | undefined {
    return this.contactIndex.get(id);
  }

  user(id: string): UserRecord | undefined {
    return this.userIndex.get(id);
  }

  addContact(contact: ContactRecord): void {
    this.data.contacts.push(contact);
    this.contactIndex.set(contact.id, contact);
  }

  setPrimaryContact(org: OrganizationRecord, contactId: string): void {
    if (org.primaryContactId === contactId) return; // nothing changed, so the checksum stays
    org.primaryContactId = contactId;
    org.version++;
  }

  /** Applies the stored attributes of a PATCH; the checksum changes only when something did. */
  updateOrganization(org: OrganizationRecord, update: OrganizationUpdate): void {
    let changed = false;
    if (update.name !== undefined && update.name !== org.name) {
      org.name = update.name;
      changed = true;
    }
    // Only producers carry a status (the insurer has none), so it is kept for them alone.
    if (update.producerStatus !== undefined && org.type !== 'insurer' && update.producerStatus !== org.producerStatus) {
      org.producerStatus = update.producerStatus;
      changed = true;
    }
    if (changed) org.version++;
  }

  wasExecuted(transactionId: string): boolean {
    return this.executedTransactions.has(transactionId);
  }

  markExecuted(transactionId: string): void {
    this.executedTransactions.add(transactionId);
  }
}

export type OrganizationUpdate = Partial<Pick<OrganizationRecord, 'name' | 'producerStatus'>>;

/** The opaque checksum of a record: it changes whenever the record does. */
export function checksumOf(record: { version: number }): string {
  return String(record.version);
}
