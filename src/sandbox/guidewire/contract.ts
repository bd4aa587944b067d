// The contract suite's facts for the simulated Guidewire API (see ../contract.ts).
import type { ContractFacts } from '../contract.js';
import type { GuidewireData } from './data.js';

export function guidewireContract(data: GuidewireData): ContractFacts {
  const withPrimary = data.organizations.find((o) => o.primaryContactId && data.contacts.some((c) => c.id === o.primaryContactId));
  return {
    listedCompanies: data.organizations.length,
    primaryContact: withPrimary?.primaryContactId ? { companyId: withPrimary.id, contactId: withPrimary.primaryContactId } : null,
    // Any organization: a new contact becomes its primary contact in one PATCH (the form's default).
    companyForNewContact: data.organizations[0]?.id ?? null,
    createContactWrite: { method: 'PATCH', path: '^/admin/v1/organizations/[^/?]+$' },
    // The form takes any 3–32 phone characters; Guidewire wants 7–15 digits, on `workPhone.number`.
    fieldError: { fieldKind: 'tel', refusedValue: '555-01' },
  };
}
