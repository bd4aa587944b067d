// Bitsight Ratings API client: HTTP Basic with the token as user name and an empty password,
// limit/offset paging that follows links.next, and at most 3 requests at once as Bitsight
// recommends (bitsight.md §1.3, §4, §5).

import { ApiError } from '../../core/errors';
import { HttpClient } from '../../core/http';
import type { Company, Contact, Page, User } from '../../core/model';
import type { Identity, Provider, ProviderCapabilities, ProviderContext } from '../../core/provider';
import { nextLink, toCompany, toContact, toUser } from './mapping';
import { bitsightUser, portfolioContacts, portfolioPage, usersPage, type PortfolioContact } from './schemas';

export const BITSIGHT_CONCURRENCY = 3;

export class BitsightProvider implements Provider {
  readonly api = 'bitsight' as const;
  readonly capabilities: ProviderCapabilities = { users: true, contactsPerCompany: 'one' };
  readonly http: HttpClient;
  private contacts?: Promise<Map<string, PortfolioContact[]>>;

  constructor(ctx: ProviderContext) {
    this.http = new HttpClient({
      baseUrl: ctx.baseUrl,
      concurrency: BITSIGHT_CONCURRENCY,
      timeoutMs: ctx.timeoutMs,
      logger: ctx.logger,
      authorize: async () => {
        const token = await ctx.getToken();
        if (!token) {
          throw new ApiError({ kind: 'auth', method: 'GET', path: '', message: 'no token is stored for this connection' });
        }
        ctx.redactor.add(token);
        return { Authorization: basicAuth(token) };
      },
    });
  }

  async whoAmI(signal?: AbortSignal): Promise<Identity> {
    const me = await this.http.request({ method: 'GET', path: '/ratings/v2/users/current', schema: bitsightUser, signal });
    return { displayName: me.formal_name?.trim() || me.friendly_name?.trim() || me.email, email: me.email };
  }

  async listCompanies(cursor: string | undefined, pageSize: number, signal?: AbortSignal): Promise<Page<Company>> {
    const page = await this.http.request({
      method: 'GET',
      path: cursor ?? '/ratings/v2/portfolio',
      query: cursor ? undefined : { limit: pageSize, offset: 0, sort: 'name' },
      schema: portfolioPage,
      signal,
    });
    return { items: page.results.map(toCompany), total: page.count ?? undefined, next: nextLink(page) };
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
    return { items: page.results.map(toUser), total: page.count ?? undefined, next: nextLink(page) };
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

export function basicAuth(token: string): string {
  return `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
}

