// Guidewire records → the core model. Ids stay exactly as the API gives them ("pc:5",
// "systemTables:1") and go into paths literally: Guidewire's own links write `pc:1`, not `pc%3A1`.
import { t } from '../../core/l10n';
import type { Company, Contact, ContactDetail, InfoLine, User } from '../../core/model';
import type { GwAddress, GwContact, GwOrganization, GwUser } from './schemas';

/** A path segment for an id: everything unsafe is percent-encoded except the ':' of "pc:5". */
export function idSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

/** A filter value (guidewire.md §3.2): a literal ':' is written '::'. */
export function filterValue(value: string): string {
  return value.replace(/:/g, '::');
}

export function contactName(c: GwContact): string {
  const name = c.displayName?.trim() || (c.companyName ?? '').trim() || [c.firstName, c.lastName].filter(Boolean).join(' ').trim();
  return name || c.id;
}

export function addressLine(a: GwAddress): string {
  if (a.displayName?.trim()) return a.displayName.trim();
  return [a.addressLine1, a.addressLine2, a.city, [a.state?.code, a.postalCode].filter(Boolean).join(' ')].filter((p) => p && p.trim()).join(', ');
}

export function toCompany(o: GwOrganization): Company {
  const a = o.attributes;
  return {
    id: a.id,
    name: a.displayName?.trim() || a.name?.trim() || a.id,
    kind: a.type?.name ?? a.type?.code ?? undefined,
    detail: a.contact ? contactName(a.contact) : undefined,
  };
}

export function toContact(companyId: string, c: GwContact, isPrimary: boolean): Contact {
  const phone = c.workPhone?.displayName ?? c.primaryPhone ?? c.workPhone?.number ?? null;
  const tooltip: InfoLine[] = [];
  if (c.subtype) tooltip.push({ label: t('Subtype'), value: c.subtype.name ?? c.subtype.code });
  if (c.primaryAddress) tooltip.push({ label: t('Primary address'), value: addressLine(c.primaryAddress) });
  if (phone) tooltip.push({ label: t('Work phone'), value: phone });
  tooltip.push({ label: t('Id'), value: c.id });
  return { id: c.id, companyId, name: contactName(c), email: c.emailAddress1 ?? null, phone, isPrimary, tooltip };
}

export function toUser(u: GwUser): User {
  const name = u.displayName?.trim() || [u.firstName, u.lastName].filter(Boolean).join(' ').trim() || u.username || u.id;
  return {
    id: u.id,
    name,
    email: u.emailAddress1 ?? '',
    role: u.userType?.name ?? u.userType?.code ?? undefined,
    status: u.active === false ? 'Inactive' : 'Active',
    companyId: u.organization?.id,
    ...(u.username ? { formalName: u.username } : {}),
  };
}

export function toDetail(a: GwAddress & { id: string }): ContactDetail {
  return { id: a.id, label: addressLine(a), description: a.addressType?.name ?? a.addressType?.code ?? undefined, isPrimary: a.primary === true };
}
