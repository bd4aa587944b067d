// The shapes of the simulated Bitsight account's state, and read-only helpers that tests use to
// find companies with given properties without hard-coding seeded names.
//
// Records keep the documented JSON field names so tests can compare them with API answers
// directly; fields that the API does not show as-is (all domains, observation ids) are extra.

export interface NameSlug {
  name: string;
  slug: string;
}

/** Bitsight rating types. Only CURATED companies can be invited to collaborate. */
export type RatingType = 'CURATED' | 'PRIVATE' | 'SELF-PUBLISHED';

export interface CompanyRecord {
  guid: string;
  custom_id: string | null;
  name: string;
  shortname: string;
  network_size_v4: number;
  rating: number;
  rating_date: string;
  added_date: string;
  industry: NameSlug;
  sub_industry: NameSlug;
  subscription_type: NameSlug;
  relationship: NameSlug | null;
  life_cycle: NameSlug | null;
  tier: string | null;
  tier_name: string | null;
  tier_order: number | null;
  type: RatingType[];
  primary_domain: string;
  display_url: string;
  /** Every domain the company owns, the primary first (1–3). E-mails must be on one of these or a subdomain. */
  domains: string[];
  /** Findings ids that may be shared in an invitation to this company. */
  rolledup_observation_ids: string[];
  people_count: number;
}

/** A point of contact, exactly as GET /ratings/v1/portfolio/contacts shows it. */
export interface ContactRecord {
  guid: string;
  company_guid: string;
  creator: string;
  creation_date: string;
  last_editor: string;
  last_edit_date: string;
  friendly_name: string;
  formal_name: string;
  email: string;
  phone_number: string | null;
}

export const ROLES = [
  { slug: 'customer_admin', name: 'Admin' },
  { slug: 'customer_group_admin', name: 'Group Admin' },
  { slug: 'customer_portfolio_manager', name: 'Portfolio Manager' },
  { slug: 'customer_user', name: 'User' },
  { slug: 'vrm_admin', name: 'VRM Admin' },
  { slug: 'vrm_operations', name: 'Operations' },
  { slug: 'vrm_internal_business_user', name: 'Internal Business User' },
  { slug: 'vrm_view_only', name: 'View Only' },
  { slug: 'vulnerability_response_outreach', name: 'Vulnerability Response Outreach' },
] as const;

export type RoleSlug = (typeof ROLES)[number]['slug'];

export const FEATURE_SLUGS = ['wfh-ro', 'fq-access'] as const;
export type FeatureSlug = (typeof FEATURE_SLUGS)[number];

export interface UserRecord {
  guid: string;
  friendly_name: string;
  formal_name: string;
  email: string;
  group: { guid: string; name: string };
  landing_page: 'DEFAULT' | 'SPM' | 'TPRM';
  status: 'Created' | 'Activated' | 'Deactivated';
  last_login_time: string | null;
  joined_time: string;
  roles: Array<{ name: string; slug: RoleSlug }>;
  is_available_for_contact: boolean;
  is_company_api_token: boolean;
  features: Array<{ slug: FeatureSlug; value: boolean; can_update: boolean }>;
  preferred_contact_for_entities: string[];
}

export interface GroupRecord {
  guid: string;
  name: string;
  all_companies: boolean;
  is_default: boolean;
  allow_bundled_companies: boolean;
  can_set_tier_scope: boolean;
  /** The companies the group sees (every company for "All Companies"). */
  company_guids: string[];
}

export interface TierRecord {
  guid: string;
  name: string;
  rank: number;
}

/** A folder of portfolio companies, as GET /ratings/v1/folders shows it (companies in name order). */
export interface FolderRecord {
  guid: string;
  name: string;
  description: string;
  companies: string[];
  owner_guid: string;
  owner_name: string;
  order: number;
}

export const INVITE_REASONS = ['informational', 'remediation', 'validation', 'vulnerability', 'other'] as const;
export type InviteReason = (typeof INVITE_REASONS)[number];

/** A sent invitation, shaped like the seed's example response. */
export interface AccessRequestRecord {
  guid: string;
  requester_guid: string;
  requester_email: string;
  requestee_first_name: string;
  requestee_last_name: string;
  requester_first_name: string;
  requester_last_name: string;
  requester_friendly_name: string;
  requester_formal_name: string;
  requester_company_guid: string;
  requester_company_name: string;
  requester_customer_guid: string;
  requester_customer_name: string;
  requestee_friendly_name: string;
  requestee_formal_name: string;
  requestee_email: string;
  requestee_phone: string | null;
  requestee_company_guid: string;
  requestee_company_name: string;
  requestee_tos_date: string | null;
  requestee_last_login: string | null;
  message: string | null;
  notes: string | null;
  created_date: string;
  created_time: string;
  email_sent_date: string;
  can_resend_email: boolean;
  hubspot_status: string;
  status: 'Pending' | 'Active' | 'Inactive' | 'Never' | 'Resolved';
  is_real: boolean;
  has_shared_observations: boolean;
  shared_observations_count: number;
  /** The seed's example spells it with an s, its attribute table without; both are served. */
  has_preferred_contacts: boolean;
  has_preferred_contact: boolean;
  read: boolean;
  ccs: string | null;
  rolledup_observation_ids: string[];
  invitation_duration: number;
  trial_duration: number;
  reason: InviteReason;
  context: Record<string, unknown> | null;
  resolved_by: { guid: string; formal_name: string } | null;
  resolved_date: string | null;
  recipient_customer_access: 'active' | 'inactive';
  third_parties: Array<{ email: string; name?: string | undefined }>;
}

export interface BitsightData {
  seed: number;
  /** Your Bitsight account (tenant). */
  customer: { guid: string; name: string };
  /** "My company": your own organisation. Deliberately NOT in the portfolio — you cannot invite yourself. */
  myCompany: CompanyRecord;
  /** The portfolio, sorted by name (the default order of GET /ratings/v2/portfolio). */
  companies: CompanyRecord[];
  /** Points of contact, at most one per company (live: writes change it). */
  contacts: ContactRecord[];
  /** Account users and company-API-token pseudo-users (live). */
  users: UserRecord[];
  groups: GroupRecord[];
  defaultGroupGuid: string;
  tiers: TierRecord[];
  /** Folders of companies; some companies are in several, some in none. */
  folders: FolderRecord[];
  /** Sent invitations, oldest first (live). */
  accessRequests: AccessRequestRecord[];
  /** The owner of the main token: an Admin. */
  currentUserGuid: string;
  /** The owner of the viewer token: a customer_user (read-only role). */
  viewerUserGuid: string;
}

// ---- helpers for tests and tools -------------------------------------------------------------

export function contactOf(data: BitsightData, companyGuid: string): ContactRecord | undefined {
  return data.contacts.find((c) => c.company_guid === companyGuid);
}

/** Whether an invitation can be sent to the company at all (CURATED only). */
// sandbox's own choice: "partner-provided" names no rating type, so only CURATED companies are invitable.
export function isInvitable(company: CompanyRecord): boolean {
  return company.type.includes('CURATED');
}

/** Invitable companies without a point of contact, in name order. Seed guarantee: the 4th company by name is one. */
export function companiesWithoutContact(data: BitsightData): CompanyRecord[] {
  const withContact = new Set(data.contacts.map((c) => c.company_guid));
  return data.companies.filter((c) => !withContact.has(c.guid));
}

/** Companies that cannot be invited (PRIVATE or SELF-PUBLISHED). Seed guarantee: the 5th by name is PRIVATE. */
export function uninvitableCompanies(data: BitsightData): CompanyRecord[] {
  return data.companies.filter((c) => !isInvitable(c));
}

/** Companies in no folder (what `folder=null` on the portfolio selects), in name order. */
export function companiesInNoFolder(data: BitsightData): CompanyRecord[] {
  const filed = new Set(data.folders.flatMap((f) => f.companies));
  return data.companies.filter((c) => !filed.has(c.guid));
}

export function userByGuid(data: BitsightData, guid: string): UserRecord | undefined {
  return data.users.find((u) => u.guid === guid);
}

/** Whether `email` is on one of the company's domains or a subdomain of one. */
// sandbox's own choice: a subdomain of one of the company's domains counts as belonging to it.
export function emailBelongsTo(email: string, company: CompanyRecord): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return company.domains.some((d) => domain === d || domain.endsWith('.' + d));
}
