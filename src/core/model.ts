// The provider-neutral model. Everything above src/providers/ speaks only these types, so the
// vendors' differences (numeric vs GUID ids, offset vs page vs link paging, one designated contact
// vs a list with a primary) are settled once, in each provider's mapping.

/**
 * The APIs the extension speaks, by key, with the name people see: the one list of vendor names
 * outside src/providers/ and src/sandbox/ (connections are stored under these keys, and the tree
 * shows the names before any provider is loaded). Adding an API adds one entry here.
 */
export const API_LABELS = { bitsight: 'Bitsight', kare: 'Kare', guidewire: 'Guidewire' } as const satisfies Record<string, string>;

export type ApiKind = keyof typeof API_LABELS;

/** Every ApiKind, in API_LABELS order. */
export const API_KINDS = Object.keys(API_LABELS) as [ApiKind, ...ApiKind[]];

/** Ids are strings everywhere: integer ids and prefixed keys ("pc:1") are stringified at the edge. */
export type Id = string;

export interface Company {
  id: Id;
  name: string;
  /** The company's main web domain, if the API knows it (used for e-mail checks and tooltips). */
  primaryDomain?: string;
  /** Every domain the API knows for the company (the primary one included), where it knows more than one. */
  domains?: string[];
  /** A short secondary text for the tree (e.g. "Rating 780 · Technology"). */
  detail?: string;
  rating?: number | null;
  industry?: string | null;
  /** Link to the company in the vendor's web app. */
  webUrl?: string | null;
  /** Archived companies (where the API has them) are hidden unless the person asks to see them. */
  archived?: boolean;
  /** The API's own category of the company (e.g. an organization type), shown in the tree. */
  kind?: string;
}

/** Extra lines for a tooltip, supplied by the provider (phones, comment, "notified at"…); shown escaped. */
export interface InfoLine {
  label: string;
  value: string;
}

export interface Contact {
  id: Id;
  companyId: Id;
  /** What the person likes to be called (a friendly name where the API has one, else its name). */
  name: string;
  /** Full name where the API distinguishes it. */
  formalName?: string;
  email?: string | null;
  phone?: string | null;
  phones?: string[];
  /** The company's one designated contact (the provider's label says what it is called). */
  isPrimary: boolean;
  /** Whether the contact asked to be notified and when it last was, where the API records it. */
  notification?: { requested: boolean; sentAt?: string };
  tooltip?: InfoLine[];
}

/** Something a contact expands to (e.g. its addresses). */
export interface ContactDetail {
  id: Id;
  label: string;
  description?: string;
  isPrimary?: boolean;
}

/** Who can be made a company's primary contact (an existing contact, a user's contact, a search hit). */
export interface PrimaryCandidate {
  id: Id;
  name: string;
  description?: string;
  /** Where it came from, for the quick pick's separators. */
  source: 'contact' | 'user' | 'search';
}

export interface User {
  id: Id;
  name: string;
  formalName?: string;
  email: string;
  role?: string;
  roleSlug?: string;
  group?: string;
  status?: string;
  isCompanyApiToken?: boolean;
  /** The user the connection's token belongs to (marked "you" in the tree). */
  isSelf?: boolean;
  /** Users that belong to one company (e.g. the user contacts of an organization). */
  companyId?: Id;
}

/** A named group of portfolio companies (folders). */
export interface Folder {
  id: Id;
  name: string;
  companyCount: number;
}

/**
 * One page of a list. `next` is an opaque cursor the same provider understands (an absolute next
 * link, a page number, an href); absent on the last page.
 */
export interface Page<T> {
  items: T[];
  total?: number;
  next?: string;
}

/** A collaboration invitation sent to a portfolio company (the account's outbox). */
export interface Invitation {
  id: Id;
  companyId: Id;
  companyName: string;
  recipientName?: string;
  recipientEmail?: string;
  status: string;
  /** ISO date or date-time. */
  createdAt?: string;
  reason?: string;
}
