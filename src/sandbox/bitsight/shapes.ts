// Records → the documented JSON shapes. Responses are built here, field by field in the documented
// order, so internal extras (all domains, observation ids) never leak and clients see exactly the
// documented keys.
import { addDays } from '../dates.js';
import { hash32, Prng } from '../prng.js';
import type { BitsightData, CompanyRecord, GroupRecord, UserRecord } from './data.js';
import { isInvitable } from './data.js';

function apiCompanyUrl(baseUrl: string, guid: string): string {
  return `${baseUrl}/ratings/v1/companies/${guid}`;
}

/** An item of GET /ratings/v2/portfolio. */
export function portfolioItem(c: CompanyRecord, baseUrl: string) {
  return {
    guid: c.guid,
    custom_id: c.custom_id,
    name: c.name,
    shortname: c.shortname,
    network_size_v4: c.network_size_v4,
    rating: c.rating,
    rating_date: c.rating_date,
    added_date: c.added_date,
    industry: { ...c.industry },
    sub_industry: { ...c.sub_industry },
    subscription_type: { ...c.subscription_type },
    relationship: c.relationship && { ...c.relationship },
    life_cycle: c.life_cycle && { ...c.life_cycle },
    tier: c.tier,
    tier_name: c.tier_name,
    tier_order: c.tier_order,
    type: [...c.type],
    primary_domain: c.primary_domain,
    display_url: c.display_url,
    logo: `${apiCompanyUrl(baseUrl, c.guid)}/logo-image`,
    sparkline: `${apiCompanyUrl(baseUrl, c.guid)}/sparkline?size=small`,
  };
}

/**
 * `fields=a,b,industry.name`: keeps only those keys (dotted names keep a nested key), as Bitsight's
 * `fields` parameter does. Unknown names are ignored.
 */
export function pickFields(item: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const [head, sub] = field.split('.', 2) as [string, string | undefined];
    if (!(head in item)) continue;
    const value = item[head];
    if (sub === undefined || value === null || typeof value !== 'object') {
      out[head] = value;
    } else if (sub in (value as Record<string, unknown>)) {
      const nested = (out[head] ?? {}) as Record<string, unknown>;
      nested[sub] = (value as Record<string, unknown>)[sub];
      out[head] = nested;
    }
  }
  return out;
}

export function userJson(u: UserRecord) {
  return {
    guid: u.guid,
    friendly_name: u.friendly_name,
    formal_name: u.formal_name,
    email: u.email,
    group: { ...u.group },
    landing_page: u.landing_page,
    status: u.status,
    last_login_time: u.last_login_time,
    joined_time: u.joined_time,
    roles: u.roles.map((r) => ({ ...r })),
    is_available_for_contact: u.is_available_for_contact,
    is_company_api_token: u.is_company_api_token,
    features: u.features.map((f) => ({ ...f })),
    preferred_contact_for_entities: [...u.preferred_contact_for_entities],
  };
}

/** The current user also carries e-mail preferences (OAS: only returned for the current user). */
export function currentUserJson(u: UserRecord) {
  return {
    ...userJson(u),
    email_preferences: {
      compromised_system_alerts: true,
      notifications: { annotation: true, company_request: true, folder: false, issue_tracking: true, report: true },
      real_time_alerts: { alerts_period: 'daily', is_enabled: true },
    },
  };
}

export function groupJson(g: GroupRecord, data: BitsightData) {
  const companyCount = g.all_companies ? data.companies.length : g.company_guids.length;
  return {
    guid: g.guid,
    name: g.name,
    user_count: data.users.filter((u) => u.group.guid === g.guid).length,
    company_count: companyCount,
    all_companies: g.all_companies,
    is_default: g.guid === data.defaultGroupGuid,
    allow_bundled_companies: g.allow_bundled_companies,
    can_set_tier_scope: g.can_set_tier_scope,
    subscription_types: {
      continuous_monitoring: {
        total_allocated_quota: null,
        total_available_quota: Math.max(0, 25_000 - companyCount),
        total_used_allocated_quota: 0,
        total_used_quota: companyCount,
      },
    },
  };
}

const RISK_VECTORS = [
  ['botnet_infections', 'Botnet Infections', 'Compromised Systems'],
  ['spam_propagation', 'Spam Propagation', 'Compromised Systems'],
  ['malware_servers', 'Malware Servers', 'Compromised Systems'],
  ['open_ports', 'Open Ports', 'Diligence'],
  ['patching_cadence', 'Patching Cadence', 'Diligence'],
  ['ssl_configurations', 'TLS/SSL Configurations', 'Diligence'],
  ['spf', 'SPF Domains', 'Diligence'],
  ['dnssec', 'DNSSEC', 'Diligence'],
] as const;

function grade(score: number): { grade: string; color: string } {
  if (score >= 740) return { grade: 'A', color: '#2C4D75' };
  if (score >= 640) return { grade: 'B', color: '#3B8CCF' };
  if (score >= 540) return { grade: 'C', color: '#E3A221' };
  if (score >= 440) return { grade: 'D', color: '#EE6E2A' };
  return { grade: 'F', color: '#B24053' };
}

function ratingRange(rating: number): { range: string; color: string } {
  if (rating >= 740) return { range: 'Advanced', color: '#2C4D75' };
  if (rating >= 640) return { range: 'Intermediate', color: '#E3A221' };
  return { range: 'Basic', color: '#B24053' };
}

/**
 * GET /ratings/v1/companies/{guid}. The rating history and risk-vector details are derived on the
 * fly from the company's guid and the seed, so they are stable without being stored for 10,000
 * companies.
 */
export function companyDetails(c: CompanyRecord, data: BitsightData, hasPointOfContact: boolean, baseUrl: string) {
  const rng = new Prng(hash32(`${data.seed}:details:${c.guid}`));
  const ratings = Array.from({ length: 6 }, (_, weeksAgo) => {
    const rating = weeksAgo === 0 ? c.rating : Math.min(900, Math.max(250, c.rating + rng.int(-40, 40)));
    const { range, color } = ratingRange(rating);
    return { rating_date: addDays(c.rating_date, -7 * weeksAgo), rating, range, rating_color: color };
  });
  const ratingDetails: Record<string, unknown> = {};
  RISK_VECTORS.forEach(([slug, name, category], order) => {
    // Real payloads carry the string "N/A" for unrated vectors; clients must cope, so some are.
    const unrated = rng.chance(0.12);
    const score = Math.min(900, Math.max(250, c.rating + rng.int(-150, 150)));
    const g = grade(score);
    ratingDetails[slug] = {
      name,
      rating: unrated ? 'N/A' : score,
      grade: unrated ? 'N/A' : g.grade,
      percentile: unrated ? 'N/A' : Math.round(((score - 250) / 650) * 100),
      grade_color: unrated ? '#BDBDBD' : g.color,
      category,
      category_order: category === 'Compromised Systems' ? 0 : 1,
      beta: false,
      order,
      display_url: `https://service.bitsighttech.com/app/company/${c.guid}/${slug.replace(/_/g, '-')}/`,
    };
  });
  const mine = c.guid === data.myCompany.guid;
  return {
    guid: c.guid,
    custom_id: c.custom_id,
    name: c.name,
    shortname: c.shortname,
    description: `${c.name} is a ${c.industry.name.toLowerCase()} company.`,
    homepage: `https://www.${c.primary_domain}`,
    primary_domain: c.primary_domain,
    industry: c.industry.name,
    industry_slug: c.industry.slug,
    sub_industry: c.sub_industry.name,
    sub_industry_slug: c.sub_industry.slug,
    type: c.type.join(','),
    display_url: c.display_url,
    ipv4_count: c.network_size_v4,
    people_count: c.people_count,
    rating: c.rating,
    rating_date: c.rating_date,
    ratings,
    rating_details: ratingDetails,
    search_count: rng.int(0, 400),
    subscription_type: c.subscription_type.name,
    subscription_type_key: c.subscription_type.slug,
    subscription_end_date: null,
    has_company_tree: false,
    has_preferred_contact: hasPointOfContact,
    is_primary: true,
    primary_company: null,
    related_companies: [],
    permissions: {
      can_enable_vendor_access: !mine && isInvitable(c),
      can_download_company_report: true,
      can_view_company_reports: true,
      can_view_forensics: c.subscription_type.slug === 'continuous_monitoring',
      can_view_ip_attributions: true,
      can_view_infrastructure: true,
      can_view_service_providers: true,
      can_annotate: true,
      can_manage_preferred_company: true,
      has_control: mine,
    },
    in_spm_portfolio: mine,
    security_grade: null,
    customer_monitoring_count: rng.int(1, 5000),
    sparkline: `${apiCompanyUrl(baseUrl, c.guid)}/sparkline?size=small`,
    logo: `${apiCompanyUrl(baseUrl, c.guid)}/logo-image`,
  };
}

/** An item of GET /ratings/v1/companies/{guid}/assets for one of the company's domains. */
export function domainAssetJson(c: CompanyRecord, domain: string, index: number) {
  const importance = index === 0 ? 0.9 : 0.4;
  return {
    asset: domain,
    asset_type: 'domain',
    identifier: null,
    category: index === 0 ? 'critical' : 'medium',
    importance,
    importance_category: index === 0 ? 'critical' : 'medium',
    is_ip: false,
    is_monitored: true,
    hosted_by: null,
    tags: [],
    ip_count: 0,
    origin_subsidiary: { guid: c.guid, name: c.name },
    findings: { total_count: 0, counts_by_severity: { minor: 0, moderate: 0, material: 0, severe: 0 } },
  };
}
