// Guidewire seed facts tests and tools can rely on, computed from the live data. Served to other
// processes by GET /__sandbox/facts under `guidewire`.
import type { ContractFacts } from '../contract.js';
import { guidewireContract } from './contract.js';
import type { GuidewireData, OrganizationRecord } from './data.js';

export interface GuidewireFacts {
  insurerId: string | null;
  /** An agency whose primary contact is a Person / a Company. */
  agencyWithPersonContact: string | null;
  agencyWithCompanyContact: string | null;
  brokerId: string | null;
  /** A user contact of `agencyWithPersonContact` (may become its primary contact) … */
  userContactInAgency: string | null;
  /** … and one of another organization (may not). */
  userContactElsewhere: string | null;
  organizations: number;
  /** What the provider contract suite needs (test/contract). */
  contract: ContractFacts;
}

export function guidewireFacts(data: GuidewireData): GuidewireFacts {
  const contactOf = (o: OrganizationRecord) => data.contacts.find((c) => c.id === o.primaryContactId);
  const find = (test: (o: OrganizationRecord) => boolean) => data.organizations.find(test)?.id ?? null;
  const agencyPerson = find((o) => o.type === 'agency' && contactOf(o)?.subtype === 'Person');
  const userContact = (test: (orgId: string) => boolean) => {
    const user = data.users.find((u) => test(u.organizationId));
    return user?.contactId ?? null;
  };
  return {
    insurerId: find((o) => o.type === 'insurer'),
    agencyWithPersonContact: agencyPerson,
    agencyWithCompanyContact: find((o) => o.type === 'agency' && contactOf(o)?.subtype === 'Company'),
    brokerId: find((o) => o.type === 'broker'),
    userContactInAgency: agencyPerson ? userContact((id) => id === agencyPerson) : null,
    userContactElsewhere: agencyPerson ? userContact((id) => id !== agencyPerson) : null,
    organizations: data.organizations.length,
    contract: guidewireContract(data),
  };
}
