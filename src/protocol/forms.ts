// Form definitions as data. A provider describes its form (fields, the API's rules, prefilled
// values); the one webview renders any such form and checks the same rules as you type, and the
// host checks them again before anything is sent. This module is shared by host and webview.

export type FieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'textarea'
  | 'number'
  | 'select'
  | 'checkbox'
  /** One e-mail per line; sent as the provider wants (Bitsight: one comma-joined string). */
  | 'emailList'
  /** One "Name <e-mail>" per line. */
  | 'nameEmailList'
  /** One value per line (ids, slugs). */
  | 'lineList';

export interface FieldOption {
  value: string;
  label: string;
  description?: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  help?: string;
  placeholder?: string;
  required?: boolean;
  /** Shown when a required field is empty, when the API has its own words for it. */
  requiredMessage?: string;
  options?: FieldOption[];
  /** List fields: values offered to add with one choice; anything else typed by hand is accepted too. */
  suggestions?: FieldOption[];
  min?: number;
  max?: number;
  rangeMessage?: string;
  maxLength?: number;
  /** Lists: the most entries allowed and the API's message when there are more. */
  maxItems?: number;
  maxItemsMessage?: string;
  /** Lists sent as one joined string: the longest that string may be (separators included). */
  maxJoinedLength?: number;
  joinWith?: string;
  maxJoinedMessage?: string;
  /**
   * E-mail fields: the domains the address is expected on (a subdomain counts). Off them is a
   * warning the person may override, never a refusal: the server is the authority.
   */
  emailDomains?: string[];
  /** The warning's text, in place of the shared one. */
  domainMessage?: string;
  /** Named fields in a section start a new group with this heading. */
  section?: string;
  readonly?: boolean;
}

export type NameEmail = { name: string; email: string };
export type FormValue = string | number | boolean | null | string[] | NameEmail[];
export type FormValues = Record<string, FormValue>;

export type FormKind = 'assignContact' | 'editContact' | 'editUser' | 'invite' | 'bulkInvite';

export interface BulkTarget {
  id: string;
  name: string;
  /** Why this company will not be invited (no point of contact…). */
  skipReason?: string;
}

export interface FormSpec {
  kind: FormKind;
  title: string;
  subtitle?: string;
  /** Facts shown above the fields (e.g. "Point of contact: Diane Jones"). */
  notes?: string[];
  submitLabel: string;
  fields: FieldSpec[];
  values: FormValues;
  /** Identifies the form's target, so a saved draft is restored only into the same form. */
  draftKey: string;
  bulk?: { targets: BulkTarget[] };
}
