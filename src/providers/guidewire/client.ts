// Guidewire Cloud API client (guidewire.md §3, §4; seed 004): JSON envelopes, paging by
// links.next.href with pageSize ≤ 100 and includeTotal once, literal `pc:` ids in paths, a fresh
// X-Correlation-ID per request (logged, so a person can quote it to their admin), a
// GW-DBTransaction-ID on every write and the organization's checksum as read on every PATCH.
import { t } from '../../core/l10n';
import { randomUUID } from 'node:crypto';
import { ApiError, isApiError } from '../../core/errors';
import type { ProviderForms } from '../../core/forms';
import { HttpClient } from '../../core/http';
import type { Company, Contact, ContactDetail, Page, PrimaryCandidate, User } from '../../core/model';
import { checkPageSize } from '../../core/paging';
import { httpOptionsOf, type Identity, type ListCompaniesOptions, type Provider, type ProviderCapabilities, type ProviderContext, type ProviderLabels } from '../../core/provider';
import * as z from '../../core/zod';
import type { GuidewireCalls } from './calls';
import { ALREADY_EXECUTED, parseGuidewireError } from './errors';
import { guidewireForms } from './forms';
import { contactName, filterValue, idSegment, toCompany, toContact, toDetail, toUser } from './mapping';
import { addressList, contactList, organizationList, organizationOne, typelist, userList, type GwOrganization, type GwUser } from './schemas';

/** §3.8: no published limits; a few at once, writes one at a time by the person anyway. */
export const GUIDEWIRE_CONCURRENCY = 4;
/** §3.2: typical maximum page size. */
export const MAX_PAGE_SIZE = 100;
/** Users and addresses are read whole; past this many pages the server is not paging as documented. */
const MAX_PAGES = 50;

export const organizationPath = (id: string) => `/admin/v1/organizations/${idSegment(id)}`;

export const GUIDEWIRE_LABELS: ProviderLabels = {
  get companies() {
    return t('Organizations');
  },
  get company() {
    return t('organization');
  },
  get primaryContact() {
    return t('primary contact');
  },
  get contacts() {
    return t('Contacts');
  },
  get users() {
    return t('Users');
  },
  get createContact() {
    return t('Create Contact…');
  },
};

/** A query string built by hand: ':' stays literal (filter=name:cn:x) and a space is %20, as §3.2 writes them. */
function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v)).replace(/%3A/gi, ':')}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The link without includeTotal: the count costs the server a query and is asked for once (§3.2). */
function withoutTotal(href: string): string {
  const at = href.indexOf('?');
  if (at < 0) return href;
  const kept = href.slice(at + 1).split('&').filter((p) => p !== '' && !/^includeTotal=/i.test(p));
  return href.slice(0, at) + (kept.length ? `?${kept.join('&')}` : '');
}

export class GuidewireProvider implements Provider, GuidewireCalls {
  readonly api = 'guidewire' as const;
  // One primary contact per organization is the only org↔contact link the documents give (§4.5).
  readonly capabilities: ProviderCapabilities = {
    users: false,
    companyUsers: true,
    contactDetails: true,
    setPrimary: true,
    search: true,
    contactsPerCompany: 'one',
    invitations: false,
    folders: false,
  };
  readonly labels = GUIDEWIRE_LABELS;
  readonly http: HttpClient;
  readonly forms: ProviderForms = guidewireForms(this);
  /** Each organization as last read: its checksum is what the next PATCH carries. */
  private readonly organizations = new Map<string, GwOrganization>();
  private readonly basePath: string;

  constructor(private readonly ctx: ProviderContext) {
    this.basePath = new URL(ctx.baseUrl.replace(/\/+$/, '') + '/').pathname;
    this.http = new HttpClient({
      ...httpOptionsOf(ctx),
      concurrency: GUIDEWIRE_CONCURRENCY,
      parseError: parseGuidewireError,
      requestHeaders: () => ({ 'X-Correlation-ID': randomUUID() }),
      loggedHeaders: ['X-Correlation-ID'],
      jsonContentType: 'always',
    });
  }

  get logger() {
    return this.ctx.logger;
  }

  async whoAmI(signal?: AbortSignal): Promise<Identity> {
    // No "current user" resource is documented: one organization proves the token and the role.
    await this.http.request({ method: 'GET', path: `/admin/v1/organizations${queryString({ pageSize: 1 })}`, schema: organizationList, signal });
    return { displayName: `Guidewire API at ${new URL(this.ctx.baseUrl).host}` };
  }

  async listCompanies(cursor: string | undefined, pageSize: number, signal?: AbortSignal, opts: ListCompaniesOptions = {}): Promise<Page<Company>> {
    const size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize)));
    const query = opts.query?.trim();
    // links.next keeps the query it was built from (page size, filter); the total is asked for once.
    const path = cursor ?? `/admin/v1/organizations${queryString({ pageSize: size, includeTotal: 'true', filter: query ? `name:cn:${filterValue(query)}` : undefined })}`;
    const page = await this.http.request({ method: 'GET', path, schema: organizationList, signal });
    checkPageSize(page.data.length, size, { method: 'GET', path: '/admin/v1/organizations' });
    for (const o of page.data) this.remember(o);
    return { items: page.data.map(toCompany), total: page.total ?? undefined, next: this.nextOf(page.links?.next?.href, path) };
  }

  /** The organization now (fresh checksum and primary contact), remembered for the next PATCH. */
  async organization(id: string, signal?: AbortSignal): Promise<GwOrganization> {
    const got = await this.http.request({ method: 'GET', path: organizationPath(id), schema: organizationOne, signal });
    this.remember(got.data);
    return got.data;
  }

  /** The organization as last read (read now if never). */
  async organizationAsRead(id: string, signal?: AbortSignal): Promise<GwOrganization> {
    return this.organizations.get(id) ?? this.organization(id, signal);
  }

  async listContacts(companyId: string, signal?: AbortSignal): Promise<Contact[]> {
    const org = await this.organization(companyId, signal);
    const contact = org.attributes.contact;
    return contact ? [toContact(companyId, contact, true)] : [];
  }

  async readCompany(companyId: string, signal?: AbortSignal): Promise<Company> {
    return toCompany(await this.organization(companyId, signal));
  }

  async listCompanyUsers(companyId: string, signal?: AbortSignal): Promise<User[]> {
    return (await this.usersOf(companyId, signal)).map(toUser);
  }

  async listContactDetails(contact: Contact, signal?: AbortSignal): Promise<ContactDetail[]> {
    const out: ContactDetail[] = [];
    await this.pages(`/common/v1/contacts/${idSegment(contact.id)}/addresses`, addressList, signal, (page) => {
      for (const [i, el] of page.data.entries()) {
        const id = el.attributes.id ?? el.id ?? `${contact.id}/address/${out.length + i}`;
        out.push(toDetail({ ...el.attributes, id }));
      }
    });
    return out;
  }

  async listPrimaryCandidates(company: Company, query: string, signal?: AbortSignal): Promise<PrimaryCandidate[]> {
    const q = query.trim();
    const matches = (name: string) => !q || name.toLowerCase().includes(q.toLowerCase());
    const [org, users, found] = await Promise.all([this.organization(company.id, signal), this.usersOf(company.id, signal), q ? this.searchContacts(q, signal) : []]);
    const out = new Map<string, PrimaryCandidate>();
    const current = org.attributes.contact;
    if (current && matches(contactName(current))) out.set(current.id, { id: current.id, name: contactName(current), description: t('the current primary contact'), source: 'contact' });
    for (const u of users) {
      const id = u.contact?.id;
      const name = u.contact?.displayName?.trim() || toUser(u).name;
      if (id && !out.has(id) && matches(name)) out.set(id, { id, name, description: `user ${u.username ?? u.id}`, source: 'user' });
    }
    for (const c of found) if (!out.has(c.id)) out.set(c.id, { id: c.id, name: contactName(c), description: c.primaryAddress ? toContact(company.id, c, false).tooltip?.find((l) => l.label === 'Primary address')?.value : undefined, source: 'search' });
    return [...out.values()];
  }

  async setPrimaryContact(company: Company, candidate: PrimaryCandidate, signal?: AbortSignal): Promise<void> {
    const org = await this.organizationAsRead(company.id, signal);
    const body = { data: { attributes: { primaryContactReference: { id: candidate.id } }, ...(org.checksum ? { checksum: org.checksum } : {}) } };
    await this.patchOrganization(company.id, body, randomUUID(), signal);
  }

  /**
   * PATCH an organization with a transaction id. A checksum conflict reloads it (so the next try
   * carries the new checksum) and is rethrown; a replayed transaction id means the change landed
   * before: the organization is re-read and 'already' returned, never a second write.
   */
  async patchOrganization(id: string, body: unknown, transactionId: string, signal?: AbortSignal): Promise<{ outcome: 'written' | 'already'; organization: GwOrganization }> {
    try {
      const got = await this.http.request({ method: 'PATCH', path: organizationPath(id), subject: { companyId: id, companyName: this.organizations.get(id)?.attributes?.displayName ?? undefined }, body, headers: { 'GW-DBTransaction-ID': transactionId }, schema: organizationOne, signal });
      this.remember(got.data);
      return { outcome: 'written', organization: got.data };
    } catch (e) {
      if (isApiError(e) && e.code === ALREADY_EXECUTED) return { outcome: 'already', organization: await this.organization(id, signal) };
      if (isApiError(e) && e.kind === 'conflict') await this.organization(id, signal).catch(() => this.organizations.delete(id));
      throw e;
    }
  }

  /** POST /common/v1/contacts; 'already' when the transaction id had been executed. */
  async createContact(attributes: Record<string, unknown>, transactionId: string, signal?: AbortSignal): Promise<{ outcome: 'written' | 'already'; name?: string }> {
    try {
      const got = await this.http.request({ method: 'POST', path: '/common/v1/contacts', body: { data: { attributes } }, headers: { 'GW-DBTransaction-ID': transactionId }, schema: z.object({ data: z.object({ attributes: z.object({ id: z.string(), displayName: z.nullish(z.string()) }) }) }), signal });
      return { outcome: 'written', name: got.data.attributes.displayName ?? undefined };
    } catch (e) {
      if (isApiError(e) && e.code === ALREADY_EXECUTED) return { outcome: 'already' };
      throw e;
    }
  }

  /** §4.10: a Person by first + last name, a Company by name; both asked, hits merged. */
  async searchContacts(query: string, signal?: AbortSignal) {
    const words = query.trim().split(/\s+/);
    const bodies: Array<Record<string, string>> = [{ companyName: query.trim() }];
    if (words.length >= 2) bodies.push({ firstName: words[0] as string, lastName: words.slice(1).join(' ') });
    const answers = await Promise.all(
      bodies.map((attributes) =>
        this.http.request({ method: 'POST', path: `/common/v1/search/contacts${queryString({ pageSize: 25 })}`, body: { data: { attributes } }, schema: contactList, signal, readOnly: true }).catch((e: unknown) => {
          // A search the server finds too vague (400) is no hit, not a failure of the whole pick.
          if (isApiError(e) && e.status === 400) return { data: [] };
          throw e;
        }),
      ),
    );
    const seen = new Set<string>();
    return answers.flatMap((a) => a.data.map((el) => el.attributes)).filter((c) => !seen.has(c.id) && Boolean(seen.add(c.id)));
  }

  async typelist(name: string, signal?: AbortSignal) {
    const got = await this.http.request({ method: 'GET', path: `/common/v1/typelists/${idSegment(name)}`, schema: typelist, signal });
    return got.data.attributes.typeKeys.filter((k) => k.retired !== true);
  }

  invalidate(): void {
    this.organizations.clear();
  }

  /**
   * The organization's users. §5 names `filter=organization:eq:<id>` as tenant-dependent: when the
   * tenant refuses the filter (400), every user is read and filtered here.
   */
  private async usersOf(companyId: string, signal?: AbortSignal): Promise<GwUser[]> {
    const out: GwUser[] = [];
    const collect = (page: { data: Array<{ attributes: GwUser }> }, all: boolean) => {
      for (const el of page.data) if (!all || el.attributes.organization?.id === companyId) out.push(el.attributes);
    };
    try {
      await this.pages(`/admin/v1/users${queryString({ pageSize: MAX_PAGE_SIZE, filter: `organization:eq:${filterValue(companyId)}` })}`, userList, signal, (p) => collect(p, false));
    } catch (e) {
      if (!(isApiError(e) && e.status === 400)) throw e;
      out.length = 0;
      await this.pages(`/admin/v1/users${queryString({ pageSize: MAX_PAGE_SIZE })}`, userList, signal, (p) => collect(p, true));
    }
    return out;
  }

  /** Every page of a list, by links.next.href; a page seen twice or the page cap ends it. */
  private async pages<T extends { data: unknown[]; links?: { next?: { href: string } | null } | null }>(first: string, schema: z.ZodMiniType<T>, signal: AbortSignal | undefined, each: (page: T) => void): Promise<void> {
    const seen = new Set<string>();
    let next: string | undefined = first;
    for (let n = 0; next && !seen.has(next); n++) {
      if (n >= MAX_PAGES) throw new ApiError({ kind: 'schema', method: 'GET', path: first.split('?')[0] as string, message: `the list did not end after ${MAX_PAGES} pages` });
      seen.add(next);
      const page: T = await this.http.request({ method: 'GET', path: next, schema, signal });
      checkPageSize(page.data.length, MAX_PAGE_SIZE, { method: 'GET', path: first.split('?')[0] as string });
      each(page);
      next = this.nextOf(page.links?.next?.href ?? undefined, next);
    }
  }

  /**
   * A next link as a cursor: relative to the API root like the documented links.self.href; one that
   * repeats the application path (`/pc/rest/…`) is made relative, includeTotal is dropped, and the
   * same link again ends the list.
   */
  private nextOf(href: string | undefined, current: string): string | undefined {
    if (!href) return undefined;
    let next = href;
    if (!/^https?:\/\//i.test(next) && this.basePath !== '/' && next.startsWith(this.basePath)) next = '/' + next.slice(this.basePath.length);
    next = withoutTotal(next);
    return next === current ? undefined : next;
  }

  private remember(o: GwOrganization): void {
    this.organizations.set(o.attributes.id, o);
  }
}
