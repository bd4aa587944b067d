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
  /** One e-mail per line; sent as the provider wants (one provider's invite takes one comma-joined string). */
  | 'emailList'
  /** One "Name <e-mail>" per line. */
  | 'nameEmailList'
  /** One value per line (ids, slugs). */
  | 'lineList'
  /** Repeatable rows of `fields` (e.g. several contacts created in one submission); the value is FormRow[]. */
  | 'rows';

export interface FieldOption {
  value: string;
  label: string;
  description?: string;
}

/** A rule that depends on another field's value: a sibling in the same row first, else a top-level field. */
export interface FieldCondition {
  field: string;
  /** Matches when the other field's value equals this (or one of these). */
  equals: string | boolean | ReadonlyArray<string | boolean>;
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
  /** Shown and sent only when the condition holds; a hidden field is neither validated nor sent. */
  visibleWhen?: FieldCondition;
  /** Required only when the condition holds (e.g. a first name only when the contact is a person, not a company). */
  requiredWhen?: FieldCondition;
  /** Text fields: a JS regular expression source the whole value must match (the API's own pattern). */
  pattern?: string;
  patternMessage?: string;
  /** List kinds: the longest one entry may be, and the message when one is longer. */
  itemMaxLength?: number;
  itemMessage?: string;
  /** Selects: options fetched from the host when the form opens (FormHandler.options), not packed into the spec. */
  optionsSource?: string;
  /** Rows: the fields of one row. */
  fields?: FieldSpec[];
  minRows?: number;
  maxRows?: number;
  /** Rows: "Add contact". */
  addLabel?: string;
  /** Rows: "Contact" (rows are titled "Contact 1", "Contact 2"…). */
  rowLabel?: string;
  /** Rows: pasting a block of lines fills rows ("Name <email>" per line, or tab-separated cells). */
  paste?: 'nameEmail';
}

export type NameEmail = { name: string; email: string };
export type FormScalar = string | number | boolean | null | string[] | NameEmail[];
/** One row of a 'rows' field, keyed by the row's field names. */
export type FormRow = Record<string, FormScalar>;
export type FormValue = FormScalar | FormRow[];
export type FormValues = Record<string, FormValue>;

/** Vendor-neutral verbs; a provider opts into some (a provider whose companies have one contact at most offers createContacts with one row). */
export type FormKind = 'createContacts' | 'editContact' | 'editUser' | 'invite' | 'bulkInvite';

export interface BulkTarget {
  id: string;
  name: string;
  /** Why this company will not be invited (no contact to send it to…). */
  skipReason?: string;
}

export interface FormSpec {
  kind: FormKind;
  title: string;
  subtitle?: string;
  /** Facts shown above the fields (e.g. "Contact: Diane Jones"). */
  notes?: string[];
  submitLabel: string;
  fields: FieldSpec[];
  values: FormValues;
  /** Identifies the form's target, so a saved draft is restored only into the same form. */
  draftKey: string;
  /**
   * Values given by the host (a copied person): they win over a saved draft of the same form,
   * which is kept untouched under its own key and mentioned in the notes.
   */
  prefilled?: boolean;
  bulk?: { targets: BulkTarget[] };
}
