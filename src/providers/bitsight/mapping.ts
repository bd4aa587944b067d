// Bitsight's shapes → the core model.
import type { Company, Contact, Folder, Invitation, User } from '../../core/model';
import type { AccessRequest, BitsightFolder, BitsightUser, PortfolioCompany, PortfolioContact } from './schemas';

export function toCompany(c: PortfolioCompany): Company {
  const industry = c.industry?.name ?? null;
  const detail = [c.rating != null ? `Rating ${c.rating}` : undefined, industry ?? undefined]
    .filter(Boolean)
    .join(' · ');
  return {
    id: c.guid,
    name: c.name,
    primaryDomain: c.primary_domain ?? undefined,
    rating: c.rating ?? null,
    industry,
    detail: detail || undefined,
    webUrl: c.display_url ?? null,
  };
}

export function toContact(c: PortfolioContact): Contact {
  const formal = c.formal_name?.trim() || undefined;
  const friendly = c.friendly_name?.trim() || undefined;
  return {
    id: c.guid,
    companyId: c.company_guid,
    name: friendly ?? formal ?? c.email ?? c.guid,
    formalName: formal,
    email: c.email ?? null,
    phone: c.phone_number?.trim() || null,
    // Every portfolio contact Bitsight lists is a company's point of contact.
    isPrimary: true,
  };
}

export function toUser(u: BitsightUser): User {
  const role = u.roles?.[0];
  return {
    id: u.guid,
    name: u.friendly_name?.trim() || u.formal_name?.trim() || u.email,
    formalName: u.formal_name ?? undefined,
    email: u.email,
    role: role?.name ?? role?.slug,
    roleSlug: role?.slug,
    group: u.group?.name ?? undefined,
    status: u.status ?? undefined,
    isCompanyApiToken: u.is_company_api_token ?? false,
  };
}

/** Bitsight documents links.next; older/other endpoints use a top-level next or next_url. */
export function nextLink(page: { links?: { next?: string | null } | null; next?: string | null; next_url?: string | null }): string | undefined {
  return page.links?.next ?? page.next ?? page.next_url ?? undefined;
}

export function toInvitation(r: AccessRequest): Invitation {
  return {
    id: r.guid,
    companyId: r.requestee_company_guid ?? '',
    companyName: r.requestee_company_name ?? r.requestee_company_guid ?? 'Unknown company',
    recipientName: r.requestee_formal_name ?? r.requestee_friendly_name ?? undefined,
    recipientEmail: r.requestee_email ?? undefined,
    status: r.status ?? 'Unknown',
    createdAt: r.created_time ?? r.created_date ?? undefined,
    reason: r.reason ?? undefined,
  };
}

export function toFolder(f: BitsightFolder): Folder {
  return { id: f.guid, name: f.name, companyCount: f.companies_count ?? f.companies?.length ?? 0 };
}
