// The contract suite's facts for the simulated Kare API (see ../contract.ts).
import type { ContractFacts } from '../contract.js';
import type { KareData } from './data.js';
import { companiesWithoutContacts, contactsOf } from './data.js';

const CREATE_CONTACTS = '^/companies/v2/rs/\\d+/contacts$';

const idOf = (c: { id: number } | undefined) => (c ? String(c.id) : null);

export function kareContract(data: KareData): ContractFacts {
  // The default listing leaves archived companies out.
  const active = data.companies.filter((c) => c.archivedAt === null);
  const withPrimary = active.find((c) => c.primaryContactId !== null && contactsOf(data, c.id).length > 0);
  return {
    listedCompanies: active.length,
    primaryContact: withPrimary ? { companyId: String(withPrimary.id), contactId: String(withPrimary.primaryContactId) } : null,
    companyForNewContact: idOf(companiesWithoutContacts(data).find((c) => c.archivedAt === null) ?? active[0]),
    createContactWrite: { method: 'POST', path: CREATE_CONTACTS },
    // The client checks every rule seed 003 gives a contact (name, notify, the e-mail pattern, 5
    // phones of 50, comment length) exactly as the sandbox does: no value passes the form and is
    // refused here, so the refusal comes from a fault, on the batch's first row.
    fieldError: { fieldKind: 'email', fault: { method: 'POST', path: CREATE_CONTACTS, field: '0.email', message: 'email is already used by another contact' } },
  };
}
