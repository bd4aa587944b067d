// What the provider contract suite (test/contract) needs to know of a simulated API, in neutral
// terms: each simulator computes its own from its live data and serves it with its facts, so a new
// API gets the whole suite by declaring these few facts (no vendor name in the suite's logic).
import type { FieldKind } from '../protocol/forms';

export interface ContractFacts {
  /** How many companies the provider's default listing returns, to the last page. */
  listedCompanies: number;
  /** A listed company with contacts, and the id of the one contact the API marks primary. */
  primaryContact: { companyId: string; contactId: string } | null;
  /** A listed company where the create-contact form makes a new contact (nothing to replace). */
  companyForNewContact: string | null;
  /** The write the create-contact form sends with its defaults: method, and a regex source on the path after the API prefix. */
  createContactWrite: { method: string; path: string };
  /**
   * A value the API refuses, naming the field, that the client-side rules let through, for the first
   * form field of `fieldKind`; or why no such value exists for this API.
   */
  refusedValue: { fieldKind: FieldKind; value: string } | { none: string };
}
