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
  /** How to make the server refuse the create-contact form's values on one field (see FieldErrorProvocation). */
  fieldError: FieldErrorProvocation;
}

/**
 * A server error naming one field, and the form field it must land on: the first field of
 * `fieldKind` in the create-contact form (a row's cell when the form has rows).
 */
export type FieldErrorProvocation =
  | {
      fieldKind: FieldKind;
      /** A value the API refuses on that field although the client's rules let it through. */
      refusedValue: string;
    }
  | {
      fieldKind: FieldKind;
      /**
       * When no such value exists (the client checks every rule the API does): a 'field-error' fault
       * on the create-contact write, naming the field as the API's error bodies do.
       */
      fault: { method: string; path: string; field: string; message: string };
    };
