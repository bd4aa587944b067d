// Seed facts tests and tools can rely on, computed from the live data (so they stay true however
// the word lists evolve). Served to other processes by GET /__sandbox/facts.
import type { ContractFacts } from '../contract.js';
import { bitsightContract } from './contract.js';
import type { BitsightData, CompanyRecord } from './data.js';
import { companiesWithoutContact, contactOf, uninvitableCompanies } from './data.js';

export interface BitsightFacts {
  myCompanyGuid: string;
  customerGuid: string;
  currentUserGuid: string;
  viewerUserGuid: string;
  defaultGroupGuid: string;
  /** companies[0..2]: invitable, with a point of contact and 12 observation ids. */
  companiesWithContact: string[];
  /** An invitable company without a point of contact (companies[3] while untouched by writes). */
  companyWithoutContact: string | null;
  /** A PRIVATE or SELF-PUBLISHED company (companies[4]). */
  uninvitableCompany: string | null;
  /** A company owning several domains (companies[0]). */
  multiDomainCompany: string | null;
  /** What the provider contract suite needs (test/contract). */
  contract: ContractFacts;
}

function guidOf(company: CompanyRecord | undefined): string | null {
  return company?.guid ?? null;
}

export function bitsightFacts(data: BitsightData): BitsightFacts {
  return {
    myCompanyGuid: data.myCompany.guid,
    customerGuid: data.customer.guid,
    currentUserGuid: data.currentUserGuid,
    viewerUserGuid: data.viewerUserGuid,
    defaultGroupGuid: data.defaultGroupGuid,
    companiesWithContact: data.companies.slice(0, 3).filter((c) => contactOf(data, c.guid)).map((c) => c.guid),
    companyWithoutContact: guidOf(companiesWithoutContact(data).find((c) => c.type.includes('CURATED'))),
    uninvitableCompany: guidOf(uninvitableCompanies(data)[0]),
    multiDomainCompany: guidOf(data.companies.find((c) => c.domains.length > 1)),
    contract: bitsightContract(data),
  };
}
