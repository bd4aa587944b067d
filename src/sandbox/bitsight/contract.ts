// The contract suite's facts for the simulated Bitsight API (see ../contract.ts).
import type { ContractFacts } from '../contract.js';
import type { BitsightData } from './data.js';
import { companiesWithoutContact, contactOf } from './data.js';

export function bitsightContract(data: BitsightData): ContractFacts {
  const withContact = data.companies.find((c) => contactOf(data, c.guid));
  const contact = withContact && contactOf(data, withContact.guid);
  return {
    listedCompanies: data.companies.length,
    primaryContact: withContact && contact ? { companyId: withContact.guid, contactId: contact.guid } : null,
    // One point of contact per company: only a company without one gets a new contact.
    companyForNewContact: companiesWithoutContact(data)[0]?.guid ?? null,
    createContactWrite: { method: 'POST', path: '^/ratings/v1/portfolio/contacts$' },
    // The form only warns about an address off the company's domains; Bitsight refuses it on `email`.
    fieldError: { fieldKind: 'email', refusedValue: 'contract.check@not-a-domain-of-this-company.example' },
  };
}
