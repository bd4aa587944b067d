// Walks one connection's portfolio page by page and reports health entries as each page's
// companies are read, so the first entries show long before a 10,000-company portfolio is done.
// Contacts are read by a bounded number of workers (never one open request per company), and the whole
// walk stops on its signal.
import { checkCompany, checkInvitations, type HealthEntry } from './health';
import type { Company, Page } from './model';
import type { Provider } from './provider';

export interface HealthScanOptions {
  signal: AbortSignal;
  pageSize: number;
  /** Contact reads in flight at once. */
  concurrency: number;
  pendingInvitationDays: number;
  now?: () => Date;
  /** Called with each company's entries (possibly none) as soon as they are known. */
  onCompany: (company: Company, entries: HealthEntry[]) => void;
  onInvitations?: (entries: HealthEntry[]) => void;
  /** After each page: companies checked so far, and the total when the API gave one. */
  onProgress?: (checked: number, total?: number) => void;
}

type ScanProvider = Pick<Provider, 'capabilities' | 'labels' | 'listCompanies' | 'listContacts' | 'listInvitations' | 'readDomains'>;

/** Checks one company now (after a form's write, say). */
export async function scanCompany(provider: ScanProvider, company: Company, signal?: AbortSignal): Promise<HealthEntry[]> {
  const contacts = await provider.listContacts(company.id, signal);
  const input = { company, contacts, capabilities: provider.capabilities, labels: provider.labels };
  const entries = checkCompany(input);
  // Off the primary domain may still be one of the company's: asked only for such suspects.
  if (!company.domains && provider.readDomains && entries.some((e) => e.check === 'wrongDomain')) {
    const domains = await provider.readDomains(company.id, signal);
    return checkCompany({ ...input, company: { ...company, domains } });
  }
  return entries;
}

export async function scanHealth(provider: ScanProvider, opts: HealthScanOptions): Promise<{ checked: number }> {
  const { signal } = opts;
  const invitations = provider.capabilities.invitations && provider.listInvitations
    ? provider.listInvitations(signal).then(
        (list) => opts.onInvitations?.(checkInvitations(list, (opts.now ?? (() => new Date()))(), opts.pendingInvitationDays)),
        (err: unknown) => { if (!signal.aborted) throw err; },
      )
    : Promise.resolve();
  const concurrency = Math.max(1, opts.concurrency);
  let cursor: string | undefined;
  let checked = 0;
  // The next page is asked for while this one's contacts are read, so paging never waits on them.
  let nextPage: Promise<Page<Company>> | undefined = provider.listCompanies(undefined, opts.pageSize, signal);
  while (nextPage) {
    const page: Page<Company> = await nextPage;
    signal.throwIfAborted();
    cursor = page.next;
    nextPage = cursor ? provider.listCompanies(cursor, opts.pageSize, signal) : undefined;
    // A page not awaited when this one fails would surface as an unhandled rejection.
    nextPage?.catch(() => undefined);
    // A few workers over the page, not a waiter per company: each waiter would hold a listener on the signal.
    let i = 0;
    const worker = async () => {
      while (i < page.items.length) {
        const company = page.items[i++]!;
        const entries = await scanCompany(provider, company, signal);
        signal.throwIfAborted();
        opts.onCompany(company, entries);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, page.items.length) }, worker));
    checked += page.items.length;
    opts.onProgress?.(checked, page.total);
  }
  await invitations;
  return { checked };
}
