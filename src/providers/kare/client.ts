// Kare's company/contact API (kare.md §4–5, seed 003): two tokens on every call, Content-Type on
// GETs too, page-number paging, integer ids, `{nbInsertion}` for a batch of contacts.
import { HttpClient } from '../../core/http';
import { checkPageSize } from '../../core/paging';
import type { ProviderForms } from '../../core/forms';
import type { Company, Contact, Page } from '../../core/model';
import { httpOptionsOf, type Identity, type ListCompaniesOptions, type Provider, type ProviderCapabilities, type ProviderContext, type ProviderLabels } from '../../core/provider';
import type { KareCalls } from './calls';
import { parseKareError } from './errors';
import { kareForms } from './forms';
import { idOf, pathId, toCompany, toContact } from './mapping';
import { companiesPage, companyDetail, contactsPage, insertion, updatedContact, type ContactInput, type ContactPatch, type KareContact } from './schemas';

/**
 * Kare documents no rate limit (kare.md §3.6); API Gateway throttles by request rate per usage
 * plan, which may be low for a customer-facing stage. Four at once keeps a tree expanding several
 * companies and a batch of creates moving (200 creates at 50 ms ≈ 2.5 s) while staying far from
 * any plausible burst limit; a 429 is waited out (GETs) and never repeated blindly (writes).
 */
export const KARE_CONCURRENCY = 4;
/** API Gateway's 429 carries no Retry-After; its token bucket refills within a second or two. */
const KARE_RETRY_AFTER_MS = 2_000;
const CONTACT_PAGE_SIZE = 100;
/** 10,000 contacts in one company: far beyond any real one, short of a server that pages forever. */
const MAX_CONTACT_PAGES = 100;
/** Hidden archived companies may fill whole pages; look this far for one to show before handing back an empty page. */
const MAX_SKIPPED_PAGES = 20;

export const KARE_LABELS: ProviderLabels = {
  companies: 'Companies',
  company: 'company',
  primaryContact: 'primary contact',
  contacts: 'Contacts',
  users: 'Users',
  createContact: 'Create Contacts…',
};

interface CompanyCursor {
  page: number;
  includeArchived: boolean;
  /** whereName (kare.md §3.2), absent when not searching. */
  name?: string;
}

/** The cursor of a later page: the page number, whether archived companies are shown, the searched name ("3", "3+archived", "3+archived/dupont%20m"). */
function readCursor(cursor: string | undefined, opts: ListCompaniesOptions): CompanyCursor {
  const first = { page: 1, includeArchived: opts.includeArchived === true, name: opts.query?.trim() || undefined };
  if (cursor === undefined) return first;
  const m = /^(\d+)(\+archived)?(?:\/(.*))?$/s.exec(cursor);
  if (!m) return first;
  let name: string | undefined;
  try {
    name = m[3] ? decodeURIComponent(m[3]) : undefined;
  } catch {
    return first;
  }
  return { page: Math.max(1, Number(m[1])), includeArchived: m[2] !== undefined, name };
}

function writeCursor(c: CompanyCursor): string {
  return `${c.page}${c.includeArchived ? '+archived' : ''}${c.name ? `/${encodeURIComponent(c.name)}` : ''}`;
}

export class KareProvider implements Provider, KareCalls {
  readonly api = 'kare' as const;
  readonly capabilities: ProviderCapabilities = { users: false, contactsPerCompany: 'many', archived: true, search: true, invitations: false, folders: false };
  readonly labels = KARE_LABELS;
  readonly http: HttpClient;
  readonly forms: ProviderForms = kareForms(this);
  /** primaryContactId of each company seen in a list, so a company's contacts need no extra read. */
  private readonly primaries = new Map<string, number | null>();
  /** Dates in tooltips and form notes. */
  readonly locale: string | undefined;

  constructor(private readonly ctx: ProviderContext) {
    this.locale = ctx.locale;
    this.http = new HttpClient({
      ...httpOptionsOf(ctx),
      concurrency: KARE_CONCURRENCY,
      jsonContentType: 'always',
      parseError: parseKareError,
      throttle: { waitWithoutRetryAfterMs: () => KARE_RETRY_AFTER_MS },
    });
  }

  /** The cheapest authenticated call: one company. Kare has no "current user" page, so the sign-in e-mail names us. */
  async whoAmI(signal?: AbortSignal): Promise<Identity> {
    await this.http.request({ method: 'GET', path: '/companies/v2/rs', query: { page: 1, pageSize: 1 }, schema: companiesPage, signal });
    const email = this.ctx.settings?.email?.trim() || undefined;
    return { displayName: email ?? 'Kare (signed in with tokens)', email };
  }

  async listCompanies(cursor: string | undefined, pageSize: number, signal?: AbortSignal, opts: ListCompaniesOptions = {}): Promise<Page<Company>> {
    let { page, includeArchived, name } = readCursor(cursor, opts);
    for (let skipped = 0; ; skipped++) {
      const first = page === 1;
      const got = await this.http.request({
        method: 'GET',
        path: '/companies/v2/rs',
        // The total is asked once; archived companies are in it, so it is only given when they are shown.
        query: { page, pageSize, includeCount: first && includeArchived ? true : undefined, whereName: name },
        schema: companiesPage,
        signal,
      });
      checkPageSize(got.data.length, pageSize, { method: 'GET', path: '/companies/v2/rs' });
      for (const c of got.data) this.primaries.set(idOf(c.id), c.primaryContactId ?? null);
      const items = got.data.filter((c) => includeArchived || c.archivedAt == null).map(toCompany);
      const more = got.data.length >= pageSize && (got.totalCount == null || page * pageSize < got.totalCount);
      const next = more ? writeCursor({ page: page + 1, includeArchived, name }) : undefined;
      const total = first && includeArchived && got.totalCount != null ? got.totalCount : undefined;
      if (items.length || !next || skipped >= MAX_SKIPPED_PAGES) return { items, total, next };
      page++;
    }
  }

  async listContacts(companyId: string, signal?: AbortSignal): Promise<Contact[]> {
    const [records, primary] = await Promise.all([this.contactRecords(companyId, signal), this.primaryOf(companyId, signal)]);
    return records.map((c) => toContact(c, companyId, primary, this.locale));
  }

  /** Every contact of a company as Kare lists it, all pages, each id once. */
  async contactRecords(companyId: string, signal?: AbortSignal): Promise<KareContact[]> {
    const path = `/companies/v2/rs/${pathId(companyId, 'company')}/contacts`;
    const seen = new Map<number, KareContact>();
    for (let page = 1; page <= MAX_CONTACT_PAGES; page++) {
      const got = await this.http.request({ method: 'GET', path, query: { page, pageSize: CONTACT_PAGE_SIZE }, schema: contactsPage, signal });
      checkPageSize(got.data.length, CONTACT_PAGE_SIZE, { method: 'GET', path });
      for (const c of got.data) if (!seen.has(c.id)) seen.set(c.id, c);
      if (got.data.length < CONTACT_PAGE_SIZE || (got.totalCount != null && page * CONTACT_PAGE_SIZE >= got.totalCount)) break;
    }
    return [...seen.values()];
  }

  /** POST …/contacts with the whole batch; Kare answers how many it inserted, not which. */
  async createContacts(companyId: string, rows: ContactInput[], signal?: AbortSignal): Promise<number> {
    const path = `/companies/v2/rs/${pathId(companyId, 'company')}/contacts`;
    const got = await this.http.request({ method: 'POST', path, subject: { companyId }, body: rows, schema: insertion, signal, retryThrottled: false });
    return got.nbInsertion;
  }

  async updateContact(companyId: string, contactId: string, patch: ContactPatch, signal?: AbortSignal): Promise<KareContact> {
    const path = `/companies/v2/rs/${pathId(companyId, 'company')}/contacts/${pathId(contactId, 'contact')}`;
    return this.http.request({ method: 'PATCH', path, subject: { companyId }, body: patch, schema: updatedContact, signal });
  }

  invalidate(): void {
    this.primaries.clear();
  }

  /** The company's primaryContactId: from the last list, else its own bare object. */
  private async primaryOf(companyId: string, signal?: AbortSignal): Promise<number | null> {
    if (this.primaries.has(companyId)) return this.primaries.get(companyId) ?? null;
    const company = await this.http.request({ method: 'GET', path: `/companies/v2/rs/${pathId(companyId, 'company')}`, schema: companyDetail, signal });
    this.primaries.set(companyId, company.primaryContactId ?? null);
    return company.primaryContactId ?? null;
  }
}
