// What the rest of the extension may ask of any vendor API. Capability flags say which optional
// parts a provider has, so the tree and the commands never special-case a vendor by name.
import type { AuthScheme } from './auth';
import type { ProviderForms } from './forms';
import type { HttpClientOptions, WriteRecord } from './http';
import type { ApiKind, Company, Contact, ContactDetail, Folder, Invitation, Page, PrimaryCandidate, User } from './model';
import type { Logger } from './redact';
import type { Redactor } from './redact';

/** The provider's own words, so the tree and the forms never say another vendor's. */
export interface ProviderLabels {
  /** "Companies" | "Organizations" */
  companies: string;
  /** "company" | "organization" */
  company: string;
  /** What the company's one designated contact is called, e.g. "primary contact". */
  primaryContact: string;
  /** "Contacts" */
  contacts: string;
  /** "Users" */
  users: string;
  /** Menu title of createContacts, e.g. "Create Contacts…" or "Create Contact…". */
  createContact: string;
}

export interface ProviderCapabilities {
  /** The account's own users can be listed. */
  users: boolean;
  /** Users that belong to each company, listed under it (e.g. an organization's user contacts). */
  companyUsers?: boolean;
  /** Some companies are archived and hidden unless asked for. */
  archived?: boolean;
  /** A contact expands to details (e.g. its addresses). */
  contactDetails?: boolean;
  /** A company's primary contact can be re-pointed to another contact. */
  setPrimary?: boolean;
  /** listCompanies understands `query` (server-side search). */
  search?: boolean;
  /** How many contacts a company holds: exactly one designated contact, or a list. */
  contactsPerCompany: 'one' | 'many';
  /** Collaboration invitations can be sent and listed. */
  invitations: boolean;
  /** Companies are grouped in folders that can be listed and filtered by. */
  folders: boolean;
}

export interface ListCompaniesOptions {
  /** Only the companies of this folder (see listFolders). */
  folderId?: string;
  /** Include archived companies (capability archived). */
  includeArchived?: boolean;
  /** Server-side search by name (capability search). */
  query?: string;
}

export interface Identity {
  /** Who the token belongs to, for the "signed in as" message. */
  displayName: string;
  email?: string;
}

export interface Provider {
  readonly api: ApiKind;
  readonly capabilities: ProviderCapabilities;
  /** A cheap authenticated call that proves the token works. */
  whoAmI(signal?: AbortSignal): Promise<Identity>;
  /** `opts` applies to the first page only: the cursor of a later page already carries it. */
  listCompanies(cursor: string | undefined, pageSize: number, signal?: AbortSignal, opts?: ListCompaniesOptions): Promise<Page<Company>>;
  listContacts(companyId: string, signal?: AbortSignal): Promise<Contact[]>;
  listUsers?(cursor: string | undefined, pageSize: number, signal?: AbortSignal): Promise<Page<User>>;
  listInvitations?(signal?: AbortSignal): Promise<Invitation[]>;
  /** Present when capabilities.folders is true. */
  listFolders?(signal?: AbortSignal): Promise<Folder[]>;
  /** Present when capabilities.companyUsers is true. */
  listCompanyUsers?(companyId: string, signal?: AbortSignal): Promise<User[]>;
  /** Present when capabilities.contactDetails is true. */
  listContactDetails?(contact: Contact, signal?: AbortSignal): Promise<ContactDetail[]>;
  /** Present when capabilities.setPrimary is true: who may become the company's primary contact. */
  listPrimaryCandidates?(company: Company, query: string, signal?: AbortSignal): Promise<PrimaryCandidate[]>;
  setPrimaryContact?(company: Company, candidate: PrimaryCandidate, signal?: AbortSignal): Promise<void>;
  /**
   * One company as it is now. Present when a company's row summarises its contacts (e.g. it names
   * the primary contact): the row is read again after its contacts change, or it would show the old one.
   */
  readCompany?(companyId: string, signal?: AbortSignal): Promise<Company>;
  /**
   * Every domain of a company, where the company list carries only its primary one and more are a
   * call away: asked only to confirm an e-mail that is off the primary domain.
   */
  readDomains?(companyId: string, signal?: AbortSignal): Promise<string[]>;
  /** The provider's own words for the tree and the menus. */
  readonly labels: ProviderLabels;
  /** The forms this provider offers; absent ones are hidden in menus. */
  readonly forms: ProviderForms;
  /** Drops anything the provider memoised (called by an explicit refresh). */
  invalidate(): void;
}

export interface ProviderContext {
  baseUrl: string;
  /**
   * The headers that prove who we are, renewed first when they are about to expire. Throws an
   * ApiError of kind 'auth' when the connection is signed out.
   */
  authorize: () => Promise<Record<string, string>>;
  /** After a 401: renews the credentials once (shared by concurrent requests); true when the request may be retried. */
  onUnauthorized: (sent: Record<string, string>) => Promise<boolean>;
  logger: Logger;
  redactor: Redactor;
  timeoutMs: number;
  /** The most bytes one answer may take (the HttpClient's default when absent). */
  maxResponseBytes?: number;
  /** The connection's settings that are not secret (the sign-in e-mail), for whoAmI's "signed in as". */
  settings?: Record<string, string>;
  /** BCP 47 locale for dates the provider formats (tooltips); the host's default when absent. */
  locale?: string;
  /** Told of every write the provider's client sends, once it has ended (the audit trail). */
  onWrite?: (write: WriteRecord) => void;
}

/** What every provider's HttpClient takes from its context: where, for how long, as whom, and what to scrub. */
export function httpOptionsOf(ctx: ProviderContext): Pick<HttpClientOptions, 'baseUrl' | 'timeoutMs' | 'maxResponseBytes' | 'logger' | 'redact' | 'authorize' | 'onUnauthorized' | 'onWrite'> {
  return {
    onWrite: ctx.onWrite,
    baseUrl: ctx.baseUrl,
    timeoutMs: ctx.timeoutMs,
    maxResponseBytes: ctx.maxResponseBytes,
    logger: ctx.logger,
    redact: (text) => ctx.redactor.scrub(text),
    authorize: ctx.authorize,
    onUnauthorized: ctx.onUnauthorized,
  };
}

export interface ProviderDescriptor {
  api: ApiKind;
  label: string;
  /** The documented production base URL, prefilled in "Add Connection…". */
  defaultBaseUrl: string;
  /** How a connection may sign in; the first is the default. */
  authSchemes: AuthScheme[];
  /** Async so a provider's client, schemas and forms load only when a connection first needs them. */
  create(ctx: ProviderContext): Promise<Provider>;
}
