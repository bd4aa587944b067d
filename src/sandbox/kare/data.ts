// The shapes of the simulated Kare organization's state. Records keep the documented JSON field
// names (kare.md §4–5) so tests can compare them with API answers directly.

/** Company `type` (kare.md: "verification, work…"; the mapping is the sandbox's, see README). */
export type CompanyType = 1 | 2 | 3;

export const COMPANY_TYPE_LABELS: Record<CompanyType, string> = {
  1: 'verification body',
  2: 'works contractor',
  3: 'maintenance firm',
};

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
}

export interface TechnicalInstallationRecord {
  id: number;
  name: string;
  tradKey: string;
  isDefault: boolean;
}

export interface CompanyRecord {
  id: number;
  name: string;
  comment: string | null;
  location: string | null;
  type: CompanyType;
  archivedAt: string | null;
  email: string | null;
  phones: string[];
  primaryContactId: number | null;
  technicalInstallations: TechnicalInstallationRecord[];
  labels: LabelRecord[];
  establishmentIds: number[];
  organizationId: number;
  createdAt: string;
  updatedAt: string;
}

export interface ContactRecord {
  id: number;
  companyId: number;
  name: string;
  email: string | null;
  phones: string[];
  comment: string | null;
  notifyAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface KareUser {
  id: number;
  email: string;
  name: string;
}

export interface KareData {
  seed: number;
  organization: { id: number; name: string };
  /** The one account that can sign in (its password is the sandbox's `tokens.kare`). */
  user: KareUser;
  /** In id order (the default list order). */
  companies: CompanyRecord[];
  /** In id order. */
  contacts: ContactRecord[];
}

export function contactsOf(data: KareData, companyId: number): ContactRecord[] {
  return data.contacts.filter((c) => c.companyId === companyId);
}

export function companiesWithoutContacts(data: KareData): CompanyRecord[] {
  const withContacts = new Set(data.contacts.map((c) => c.companyId));
  return data.companies.filter((c) => !withContacts.has(c.id));
}

export function archivedCompanies(data: KareData): CompanyRecord[] {
  return data.companies.filter((c) => c.archivedAt !== null);
}
