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
    // The sandbox refuses nothing the form allows (phones are free text on both sides), so a
    // field-error fault in Guidewire's own wording stands for a tenant's refusal.
    fieldError: { fieldKind: 'email', fault: { method: 'PATCH', path: '^/admin/v1/organizations/[^/?]+$', field: 'emailAddress1', message: 'This e-mail address is already used by another contact' } },
  };
}
