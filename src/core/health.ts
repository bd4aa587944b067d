// Contacts health: what needs a person's attention in a company's contacts, computed only from the
// neutral model and the provider's capabilities, so every API gets the same checks.
import { t } from './l10n';
import type { Company, Contact, Invitation } from './model';
import type { ProviderCapabilities, ProviderLabels } from './provider';

export type HealthCheck = 'missingPrimary' | 'wrongDomain' | 'duplicateEmail' | 'pendingInvitation' | 'neverNotified';

/** In the order the view lists them: what blocks bulk invitations first. */
export const HEALTH_CHECKS: readonly HealthCheck[] = ['missingPrimary', 'wrongDomain', 'duplicateEmail', 'pendingInvitation', 'neverNotified'];

/** How an entry is fixed: which form opens. */
export type HealthFix = 'createContact' | 'setPrimary' | 'editContact' | 'invite';

export interface HealthEntry {
  check: HealthCheck;
  companyId: string;
  companyName: string;
  contactId?: string;
  contactName?: string;
  /** Why the entry is there, in a sentence. */
  reason: string;
  fix: HealthFix;
  /** An existing contact whose details may prefill the fix (e.g. the company's only contact). */
  prefillFromContactId?: string;
}

/** The company's domains, lowercased, without a leading "www."; empty when the API knows none. */
export function companyDomains(company: Company): string[] {
  const all = [...(company.domains ?? []), ...(company.primaryDomain ? [company.primaryDomain] : [])];
  return [...new Set(all.map(normaliseDomain).filter((d) => d.length > 0))];
}

function normaliseDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
}

/** The domain part of an e-mail, lowercased; undefined when it has none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return undefined;
  return normaliseDomain(email.slice(at + 1));
}

/** A subdomain of a company domain belongs to it (mail.example.com for example.com). */
export function domainBelongs(domain: string, domains: readonly string[]): boolean {
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

export interface CompanyHealthInput {
  company: Company;
  contacts: readonly Contact[];
  capabilities: Pick<ProviderCapabilities, 'contactsPerCompany' | 'setPrimary'>;
  labels: Pick<ProviderLabels, 'primaryContact' | 'company'>;
}

/** Every contact check of one company (invitations are checked apart: they are listed per account). */
export function checkCompany({ company, contacts, capabilities, labels }: CompanyHealthInput): HealthEntry[] {
  const entries: HealthEntry[] = [];
  const base = { companyId: company.id, companyName: company.name };
  if (!contacts.some((c) => c.isPrimary) && !company.archived) {
    // With contacts and a way to re-point the primary, choosing one is the smaller fix.
    const canPick = capabilities.setPrimary === true && capabilities.contactsPerCompany === 'many' && contacts.length > 0;
    entries.push({
      ...base,
      check: 'missingPrimary',
      reason: contacts.length === 1 ? t('No {0} among 1 contact', labels.primaryContact) : contacts.length ? t('No {0} among {1} contacts', labels.primaryContact, contacts.length) : t('No {0}', labels.primaryContact),
      fix: canPick ? 'setPrimary' : 'createContact',
      prefillFromContactId: contacts.length === 1 ? contacts[0]!.id : undefined,
    });
  }
  const domains = companyDomains(company);
  const seen = new Map<string, Contact>();
  for (const contact of contacts) {
    const who = { ...base, contactId: contact.id, contactName: contact.name, fix: 'editContact' as const };
    const email = contact.email?.trim();
    if (email) {
      const domain = emailDomain(email);
      if (domains.length && domain && !domainBelongs(domain, domains)) {
        entries.push({ ...who, check: 'wrongDomain', reason: t("E-mail domain {0} is not the {1}'s ({2})", domain, labels.company, domains.join(', ')) });
      }
      const key = email.toLowerCase();
      const first = seen.get(key);
      if (first) entries.push({ ...who, check: 'duplicateEmail', reason: t('Same e-mail as {0}: {1}', first.name, email) });
      else seen.set(key, contact);
    }
    if (contact.notification?.requested && !contact.notification.sentAt) {
      entries.push({ ...who, check: 'neverNotified', reason: t('Asked to be notified but never was') });
    }
  }
  return entries;
}

const DAY_MS = 86_400_000;

/** Invitations still pending after `days` days; one entry per company (its oldest). */
export function checkInvitations(invitations: readonly Invitation[], now: Date, days: number): HealthEntry[] {
  const oldest = new Map<string, { inv: Invitation; at: number }>();
  for (const inv of invitations) {
    if (inv.status.trim().toLowerCase() !== 'pending' || !inv.createdAt || !inv.companyId) continue;
    const at = Date.parse(inv.createdAt);
    if (Number.isNaN(at) || now.getTime() - at <= days * DAY_MS) continue;
    const prev = oldest.get(inv.companyId);
    if (!prev || at < prev.at) oldest.set(inv.companyId, { inv, at });
  }
  return [...oldest.values()].map(({ inv, at }) => {
    const age = Math.floor((now.getTime() - at) / DAY_MS);
    return {
      check: 'pendingInvitation' as const,
      companyId: inv.companyId,
      companyName: inv.companyName,
      reason: inv.recipientEmail ? t('Invitation to {0} pending for {1} days', inv.recipientEmail, age) : t('Invitation pending for {0} days', age),
      fix: 'invite' as const,
    };
  });
}

/** The titles of the view's groups, in the user's language (functions: read when shown). */
export const HEALTH_CHECK_TITLES: Record<HealthCheck, () => string> = {
  missingPrimary: () => t('No primary contact'),
  wrongDomain: () => t('E-mail outside the company domains'),
  duplicateEmail: () => t('Same e-mail twice'),
  pendingInvitation: () => t('Invitation pending too long'),
  neverNotified: () => t('Never notified'),
};
