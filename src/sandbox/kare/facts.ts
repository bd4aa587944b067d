// Seed facts tests and tools can rely on, computed from the live data. Served to other processes
// by GET /__sandbox/facts under `kare`.
import type { ContractFacts } from '../contract.js';
import { kareContract } from './contract.js';
import type { KareData } from './data.js';
import { archivedCompanies, companiesWithoutContacts, contactsOf } from './data.js';

export interface KareFacts {
  email: string;
  organizationName: string;
  /** companies[0..2]: active, with contacts and a primary contact. */
  companiesWithContacts: number[];
  /** An active company without contacts (companies[3] while untouched by writes). */
  companyWithoutContacts: number | null;
  /** An archived company (companies[4]). */
  archivedCompany: number | null;
  companyCount: number;
  /** What the provider contract suite needs (test/contract). */
  contract: ContractFacts;
}

export function kareFacts(data: KareData): KareFacts {
  return {
    email: data.user.email,
    organizationName: data.organization.name,
    companiesWithContacts: data.companies.slice(0, 3).filter((c) => c.primaryContactId !== null && contactsOf(data, c.id).length > 0).map((c) => c.id),
    companyWithoutContacts: companiesWithoutContacts(data).find((c) => c.archivedAt === null)?.id ?? null,
    archivedCompany: archivedCompanies(data)[0]?.id ?? null,
    companyCount: data.companies.length,
    contract: kareContract(data),
  };
}
