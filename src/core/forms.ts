// What a provider hands the form layer: a handler per form (its definition as data, and what
// submitting does), so src/forms/ stays vendor-neutral.
import type { ApiError } from './errors';
import type { Company, Contact, User } from './model';
import type { FieldOption, FormSpec, FormValues } from '../protocol/forms';
import type { HostMessage } from '../protocol/messages';

export interface SubmitSuccess {
  message: string;
  /** Values to show after success (e.g. the saved record), replacing what was typed. */
  values?: FormValues;
  clearDraft?: boolean;
  /** Nothing was written (e.g. no field changed): the form stays open for editing, not done. */
  nothingSent?: boolean;
  /** Only part of it went through (a bulk run with failures): shown as a warning, not a success. */
  warning?: boolean;
}

export interface SubmitContext {
  signal: AbortSignal;
  /** The form's request id: unique per submission, repeated only by a resent message. Providers use it as their idempotency key. */
  requestId: string;
  /** Progress for long submissions (bulk runs). */
  post(message: HostMessage): void;
  /**
   * Asks the person first (a modal in VS Code), for a write with consequences they may not see
   * (removing your own Admin role). False when there is no one to ask.
   */
  confirm?(question: string, yes: string): Promise<boolean>;
  /**
   * What the form's last write left when its answer was lost. Kept by the host, outside the
   * handler, so a form rebuilt in between (new connection settings, a window reload) still looks
   * before sending again. Absent in a bare handler: it then keeps the record itself.
   */
  inDoubt?: InDoubtSlot;
}

export type InDoubtJson = string | number | boolean | null | InDoubtJson[] | { [key: string]: InDoubtJson };
/** Only what the provider needs to check (ids listed before, a transaction id, the content sent), never a secret. */
export type InDoubtRecord = { [key: string]: InDoubtJson };

/** One form's write in doubt: read back unvalidated (it may come from disk), so each provider parses it. */
export interface InDoubtSlot {
  get(): unknown;
  /** undefined once the outcome is known. */
  set(record: InDoubtRecord | undefined): void;
}

/** A slot held in memory, for a handler submitted without the host's store. */
export function memorySlot(): InDoubtSlot {
  let held: InDoubtRecord | undefined;
  return { get: () => held, set: (r) => void (held = r) };
}

export interface FormHandler {
  spec(): FormSpec;
  submit(values: FormValues, ctx: SubmitContext): Promise<SubmitSuccess>;
  /** Bulk forms: send again only what failed. */
  retryFailed?(ctx: SubmitContext): Promise<SubmitSuccess>;
  /**
   * Where an API error belongs: API field names → form paths (`contacts.2.email`), and messages that
   * name a field. `shown` is the presenter's sentence for the error, for a message with no field.
   */
  placeError?(error: ApiError, shown?: string): PlacedError | undefined;
  /** Options of a select whose spec names an `optionsSource` (loaded on demand, not packed into the spec). */
  options?(source: string, signal: AbortSignal): Promise<FieldOption[]>;
}

/** An API error as the form shows it: plain words (naming the field and the record), per-field messages, and the API's own text as details. */
export interface PlacedError {
  message: string;
  fieldErrors: Record<string, string>;
  /** The API's own words, on a line of their own under the message. */
  details?: string;
}

/**
 * Thrown by a handler whose record changed on the server since the form was opened (a checksum
 * conflict): the handler has reloaded it, so the controller re-sends the form with what the person
 * typed kept as a draft, and says why.
 */
export class FormStaleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormStaleError';
  }
}

/** What a successful write changed, so the tree refreshes exactly those nodes. */
export interface FormEffects {
  contactsChanged(companyId: string): void;
  usersChanged(): void;
  invitationsChanged(): void;
}

export interface BulkInviteDefinition {
  spec: FormSpec;
  /** What the results say of a company skipped up front (a target with a skipReason); default a neutral text. */
  skippedMessage?: string;
  send(companyId: string, values: FormValues, signal: AbortSignal): Promise<{ id: string }>;
  /** The ids of the invitations the server already lists, per company, before anything is sent. */
  listed(companyIds: string[], signal: AbortSignal): Promise<Record<string, string[]>>;
  /**
   * After a lost answer or a reload mid-send: is there an invitation for this company whose id is
   * not in `seenBefore`? Also gives every id listed now.
   */
  confirmSent(companyId: string, seenBefore: string[], signal: AbortSignal): Promise<{ sentId?: string; listed: string[] }>;
  /** A failed send in plain words for the company's row, the API's own text kept beside it. */
  describe?(companyId: string, error: unknown): string | undefined;
}

/**
 * A person to prefill a create form with, in neutral words (Copy Contact to…, a fix from Needs
 * Attention, a CSV row): each provider maps what it has fields for and drops the rest.
 */
export interface ContactPrefill {
  /** The whole name, when the source does not split it. */
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phones?: string[];
  title?: string;
  /** Free text (a note on where the person came from). */
  comment?: string;
  /** A postal address, where the form has one (e.g. a primary address). */
  address?: { line1?: string; line2?: string; city?: string; state?: string; postalCode?: string; country?: string };
  /** Make this person the company's designated contact, where the form has that choice (absent: the form's default). */
  primary?: boolean;
}

/**
 * A whole name as first and last, for a form with both: the last word is the last name ("Jeanne
 * Marie Martin" → "Jeanne Marie" / "Martin"); "Martin, Jeanne" is read as last, first.
 */
export function splitName(whole: string): { first: string; last: string } {
  const text = whole.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma > 0) return { first: text.slice(comma + 1).trim(), last: text.slice(0, comma).trim() };
  const at = text.lastIndexOf(' ');
  return at < 0 ? { first: '', last: text } : { first: text.slice(0, at), last: text.slice(at + 1) };
}

/** The prefill's first and last names: given ones win, else the whole name split. */
export function firstLastOf(p: ContactPrefill): { first: string; last: string } {
  if (p.firstName?.trim() || p.lastName?.trim()) return { first: p.firstName?.trim() ?? '', last: p.lastName?.trim() ?? '' };
  return splitName(p.name ?? '');
}

export interface CreateContactsOptions {
  /** People to prefill, one per row (a one-contact form takes the first). */
  prefill?: ContactPrefill[];
}

export interface ProviderForms {
  /** Create one or several contacts in a company (for an API with one contact per company: set it). */
  createContacts?(company: Company, effects: FormEffects, options?: CreateContactsOptions): Promise<FormHandler>;
  /**
   * True when createContacts takes several contacts in one submission (a rows form): the menu
   * then says "Create Contacts…" instead of "Create Contact…".
   */
  createsSeveral?: boolean;
  /**
   * For an API with one designated contact per company: createContacts can also create a person who
   * does not become it (ContactPrefill.primary false), so a company can take several in an import.
   */
  createsNonPrimary?: boolean;
  editContact?(company: Company, contact: Contact, effects: FormEffects): Promise<FormHandler>;
  editUser?(user: User, effects: FormEffects): Promise<FormHandler>;
  invite?(company: Company, effects: FormEffects): Promise<FormHandler>;
  /** `folder`: the folder the companies were picked from, named in the form's title. */
  bulkInvite?(companies: Company[], options?: { folder?: string }): Promise<BulkInviteDefinition>;
}
