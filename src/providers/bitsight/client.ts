// Bitsight Ratings API client: HTTP Basic with the token as user name and an empty password,
// limit/offset paging that follows links.next, and at most 3 requests at once as Bitsight
// recommends (bitsight.md §1.3, §4, §5).

import { t } from '../../core/l10n';
import { HttpClient } from '../../core/http';
import { checkPageSize } from '../../core/paging';
import * as z from '../../core/zod';
import type { ProviderForms } from '../../core/forms';
import type { Company, Contact, Folder, Invitation, Page, User } from '../../core/model';
import { httpOptionsOf, type Identity, type ListCompaniesOptions, type Provider, type ProviderCapabilities, type ProviderContext, type ProviderLabels } from '../../core/provider';
import type { BitsightCalls } from './calls';
import { parseBitsightError } from './errors';
import { bitsightForms } from './forms';
import { nextLink, toCompany, toContact, toFolder, toInvitation, toUser } from './mapping';
import {
  accessGroups,
  accessRequest,
  accessRequests,
  assetsPage,
  bitsightUser,
  companyDetails,
  folders,
  portfolioContacts,
  portfolioPage,
  userDetail,
  usersPage,
  type PortfolioContact,
} from './schemas';
import { inviteRequest, type ContactBody, type InviteBody, type UserPatch } from './bodies';
import { bitsightThrottle } from './throttle';

export const BITSIGHT_CONCURRENCY = 3;
const ASSET_PAGE_SIZE = 100;
/** 10,000 domain assets: far beyond any company's, short of a server that pages forever. */
const MAX_ASSET_PAGES = 100;

export class BitsightProvider implements Provider, BitsightCalls {
  readonly api = 'bitsight' as const;
  readonly capabilities: ProviderCapabilities = { users: true, search: true, contactsPerCompany: 'one', invitations: true, folders: true };
  readonly http: HttpClient;
  readonly labels: ProviderLabels = {
    get companies() {
      return t('Companies');
    },
    get company() {
      return t('company');
    },
    get primaryContact() {
      return t('point of contact');
    },
    get contacts() {
      return t('Contacts');
    },
    get users() {
      return t('Users');
    },
    get createContact() {
      return t('Assign Point of Contact…');
    },
  };
  readonly forms: ProviderForms = bitsightForms(this);
  private contacts?: Promise<Map<string, PortfolioContact[]>>;

  constructor(ctx: ProviderContext) {
    this.http = new HttpClient({
      ...httpOptionsOf(ctx),
      concurrency: BITSIGHT_CONCURRENCY,
      parseError: parseBitsightError,
      throttle: bitsightThrottle(),
    });
  }

  async whoAmI(signal?: AbortSignal): Promise<Identity> {
    const me = await this.http.request({ method: 'GET', path: '/ratings/v2/users/current', schema: bitsightUser, signal });
    this.me = Promise.resolve(me.guid);
    return { displayName: me.formal_name?.trim() || me.friendly_name?.trim() || me.email, email: me.email };
  }

  /** The guid of the token's own user, asked once per provider (a new token makes a new provider). */
  private me?: Promise<string | undefined>;
  currentUserId(signal?: AbortSignal): Promise<string | undefined> {
    this.me ??= this.http.request({ method: 'GET', path: '/ratings/v2/users/current', schema: bitsightUser, signal }).then(
      (me) => me.guid,
      () => ((this.me = undefined), undefined),
    );
    return this.me;
  }

  async listCompanies(cursor: string | undefined, pageSize: number, signal?: AbortSignal, opts: ListCompaniesOptions = {}): Promise<Page<Company>> {
    const page = await this.http.request({
      method: 'GET',
      path: cursor ?? '/ratings/v2/portfolio',
      // links.next repeats the query it was built from, folder and search included. name_q (a partial
      // name match) rather than q: q's "full text" may match whole words only, which a search as you type is not.
      query: cursor ? undefined : { limit: pageSize, offset: 0, sort: 'name', folder: opts.folderId, name_q: opts.query?.trim() || undefined },
      schema: portfolioPage,
      signal,
    });
    checkPageSize(page.results.length, pageSize, { method: 'GET', path: '/ratings/v2/portfolio' });
    return { items: page.results.map(toCompany), total: page.count ?? undefined, next: nextLink(page) };
  }

  /** GET /ratings/v1/folders: a plain array, each folder with its companies' guids. */
  async listFolders(signal?: AbortSignal): Promise<Folder[]> {
    const list = await this.http.request({ method: 'GET', path: '/ratings/v1/folders', schema: folders, signal });
    return list.map(toFolder);
  }

  async listContacts(companyId: string, signal?: AbortSignal): Promise<Contact[]> {
    const byCompany = await this.contactIndex(signal);
    return (byCompany.get(companyId) ?? []).map(toContact);
  }

  async listUsers(cursor: string | undefined, pageSize: number, signal?: AbortSignal): Promise<Page<User>> {
    const page = await this.http.request({
      method: 'GET',
      path: cursor ?? '/ratings/v2/users',
      query: cursor ? undefined : { limit: pageSize, offset: 0 },
      schema: usersPage,
      signal,
    });
    checkPageSize(page.results.length, pageSize, { method: 'GET', path: '/ratings/v2/users' });
    const me = await this.currentUserId(signal);
    return { items: page.results.map((u) => ({ ...toUser(u), ...(me && u.guid === me ? { isSelf: true } : {}) })), total: page.count ?? undefined, next: nextLink(page) };
  }

  async listInvitations(signal?: AbortSignal): Promise<Invitation[]> {
    return (await this.outbox(undefined, signal)).map(toInvitation);
  }

  /** The outbox, optionally for one company (GET /ratings/v1/access-requests, a plain array). */
  outbox(companyGuid: string | undefined, signal?: AbortSignal) {
    return this.http.request({ method: 'GET', path: '/ratings/v1/access-requests', query: { company_guid: companyGuid }, schema: accessRequests, signal });
  }

  /** Raw point-of-contact records of one company (for the assign/edit form). */
  async pointsOfContact(companyGuid: string, signal?: AbortSignal, opts?: { fresh?: boolean }): Promise<PortfolioContact[]> {
    if (opts?.fresh) this.invalidate();
    return (await this.contactIndex(signal)).get(companyGuid) ?? [];
  }

  /**
   * The domains an e-mail may use for this company: its primary domain plus its domain assets.
   * The assets list is a convenience; without it the primary domain still checks most addresses.
   */
  async readDomains(companyGuid: string, signal?: AbortSignal): Promise<string[]> {
    return (await this.companyDomains(companyGuid, signal)).domains;
  }

  async companyDomains(companyGuid: string, signal?: AbortSignal): Promise<{ name: string; domains: string[]; canInvite: boolean }> {
    const details = await this.http.request({ method: 'GET', path: `/ratings/v1/companies/${encodeURIComponent(companyGuid)}`, schema: companyDetails, signal });
    const domains = new Set<string>();
    if (details.primary_domain) domains.add(details.primary_domain.toLowerCase());
    // Every page of domain assets, by links.next; a page seen twice (a looping server) or the page
    // cap ends it. The e-mail check is only a warning, so a failed page keeps what was read.
    let next: string | undefined = `/ratings/v1/companies/${encodeURIComponent(companyGuid)}/assets`;
    const seen = new Set<string>();
    try {
      for (let pages = 0; next && !seen.has(next) && pages < MAX_ASSET_PAGES; pages++) {
        seen.add(next);
        const first = pages === 0;
        const assets = await this.http.request({ method: 'GET', path: next, query: first ? { is_ip: 'false', limit: ASSET_PAGE_SIZE } : undefined, schema: assetsPage, signal });
        for (const a of assets.results) if (!a.asset_type || a.asset_type === 'domain') domains.add(a.asset.toLowerCase());
        next = nextLink(assets);
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      // Not every token may read assets; the primary domain is enough to go on.
    }
    return { name: details.name, domains: [...domains], canInvite: details.permissions?.can_enable_vendor_access ?? true };
  }

  async assignContact(body: ContactBody, signal?: AbortSignal): Promise<unknown> {
    // A failed write may have landed too (a lost answer): the contacts are read afresh either way.
    try {
      return await this.http.request({ method: 'POST', path: '/ratings/v1/portfolio/contacts', subject: { companyId: body.company_guid }, body, schema: z.unknown(), signal });
    } finally {
      this.invalidate();
    }
  }

  async updateContact(contactGuid: string, body: ContactBody & { guid: string }, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.http.request({ method: 'PATCH', path: `/ratings/v1/portfolio/contacts/${encodeURIComponent(contactGuid)}`, subject: { companyId: body.company_guid }, body, schema: z.unknown(), signal });
    } finally {
      this.invalidate();
    }
  }

  user(userGuid: string, signal?: AbortSignal) {
    return this.http.request({ method: 'GET', path: `/ratings/v2/users/${encodeURIComponent(userGuid)}`, schema: userDetail, signal });
  }

  accessGroups(signal?: AbortSignal) {
    return this.http.request({ method: 'GET', path: '/ratings/v1/access-groups', schema: accessGroups, signal });
  }

  editUser(userGuid: string, patch: UserPatch, signal?: AbortSignal): Promise<unknown> {
    return this.http.request({ method: 'PATCH', path: `/ratings/v2/users/${encodeURIComponent(userGuid)}`, body: patch, schema: z.unknown(), signal });
  }

  /**
   * One invitation, wrapped in `vendor_access_request` as the seed's example shows. Bitsight's
   * 429 is a concurrency throttle that refuses before processing, so a bulk run may opt in to
   * retrying it; a single send never repeats itself.
   */
  invite(body: InviteBody, opts: { signal?: AbortSignal; retryThrottled?: boolean; throttledAttempts?: number } = {}) {
    return this.http.request({
      method: 'POST',
      path: '/ratings/v1/access-requests',
      subject: { companyId: body.requestee_company_guid },
      body: inviteRequest(body),
      schema: accessRequest,
      signal: opts.signal,
      retryThrottled: opts.retryThrottled ?? false,
      throttledAttempts: opts.throttledAttempts,
    });
  }

  invalidate(): void {
    this.contacts = undefined;
  }

  /**
   * Bitsight lists every point of contact of the portfolio in one unpaged array, so it is fetched
   * once and indexed by company; a failed fetch is not memoised.
   */
  private contactIndex(signal?: AbortSignal): Promise<Map<string, PortfolioContact[]>> {
    if (!this.contacts) {
      const pending = this.http
        .request({ method: 'GET', path: '/ratings/v1/portfolio/contacts', schema: portfolioContacts, signal })
        .then((list) => {
          const index = new Map<string, PortfolioContact[]>();
          for (const c of list) {
            const bucket = index.get(c.company_guid);
            if (bucket) bucket.push(c);
            else index.set(c.company_guid, [c]);
          }
          return index;
        });
      this.contacts = pending;
      pending.catch(() => {
        if (this.contacts === pending) this.contacts = undefined;
      });
    }
    return this.contacts;
  }
}

