// Seeded generation of a whole Bitsight account: portfolio, points of contact, users, groups,
// tiers and a few historical invitations. Same seed and size → identical data. Each part draws
// from its own PRNG stream, so e.g. changing the user roster never reshuffles the companies.
//
// Guarantees other code may rely on (positions are in name order, i.e. data.companies order):
//  - companies[0..2] are CURATED, have a point of contact and 12 observation ids;
//    companies[0] owns at least two domains.
//  - companies[3] is CURATED and has NO point of contact; so does the last company when there are
//    more than 5. About 15 % of the others have none either.
//  - companies[4] is PRIVATE (cannot be invited).
//  - no seeded invitation targets companies[0..4].
//  - four folders ("Critical Vendors", "Cloud Providers", "Onboarding 2026", "Legacy"); companies[0..2]
//    are in "Critical Vendors"; about two thirds of the others are in no folder.
//  - myCompany ("Blue Seas International", blueseas.com) is not in the portfolio.
//  - the main token's user is an Admin (customer_admin); the viewer token's user a customer_user.
import { addDays } from '../dates.js';
import { Prng } from '../prng.js';
import type {
  AccessRequestRecord,
  BitsightData,
  CompanyRecord,
  ContactRecord,
  FeatureSlug,
  FolderRecord,
  GroupRecord,
  InviteReason,
  NameSlug,
  RatingType,
  RoleSlug,
  TierRecord,
  UserRecord,
} from './data.js';
import { ROLES } from './data.js';
import { buildAccessRequest } from './invitations.js';
import {
  EXTRA_TLDS,
  FIRST_NAMES,
  INDUSTRIES,
  INDUSTRY_OF_NAME,
  LAST_NAMES,
  LIFE_CYCLES,
  NAME_FIRST,
  NAME_SECOND,
  NAME_SUFFIX,
  PRIMARY_TLDS,
  RELATIONSHIPS,
  SUBSCRIPTION_TYPES,
} from './wordlists.js';

/** The day seeded data is "as of". */
export const SEED_TODAY = '2025-06-30';

export const MY_COMPANY_NAME = 'Blue Seas International';
export const MY_COMPANY_DOMAIN = 'blueseas.com';

/** The most companies the word lists can name uniquely, with headroom for rejection sampling. */
export const MAX_COMPANIES = 50_000;

export interface SeedOptions {
  seed: number;
  companies: number;
}

/**
 * The key of the default portfolio order (name ascending): case and accents ignored, then plain
 * code-unit order. Deliberately not Intl collation, whose results vary with the ICU version.
 */
export function nameSortKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The comparator of the default portfolio order; exported so tests sort alike. */
export function compareCompanyNames(a: string, b: string): number {
  return compareStrings(nameSortKey(a), nameSortKey(b)) || compareStrings(a, b);
}

/** 'Páramo Foods Inc.' → 'paramofoodsinc' */
export function domainLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The first `count` distinct names in the order they are drawn (before sorting). */
function drawNames(rng: Prng, count: number): Set<string> {
  const names = new Set<string>();
  while (names.size < count) {
    const base = `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_SECOND)}`;
    const name = rng.chance(0.3) ? `${base} ${rng.pick(NAME_SUFFIX)}` : base;
    if (name !== MY_COMPANY_NAME) names.add(name);
  }
  return names;
}

/**
 * Names of companies in this seed's portfolio whatever its size (the first ones drawn are in
 * every portfolio of at least `count` companies), for the other simulated APIs to hold the same
 * companies. Sandbox's own choice: the documents say nothing of companies shared across vendors.
 */
export function sharedCompanyNames(seed: number, count: number): string[] {
  return [...drawNames(Prng.forPurpose(seed, 'company-names'), count)];
}

/** "Cedar Bakery Inc." → "Cedar Bakery": the name without the legal form the list may have added. */
export function withoutLegalForm(name: string): string {
  return name.replace(/ (Inc\.|Corp\.|Ltd|GmbH|LLC|Co\.|S\.A\.|AG)$/, '');
}

function uniqueNames(rng: Prng, count: number): string[] {
  const names = drawNames(rng, count);
  // Decorate-sort-undecorate: computing the key once per name keeps 10,000 names fast.
  return [...names]
    .map((name) => ({ name, key: nameSortKey(name) }))
    .sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.name, b.name))
    .map((entry) => entry.name);
}

function randomDay(rng: Prng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, span));
}

function makeTiers(seed: number): TierRecord[] {
  const rng = Prng.forPurpose(seed, 'tiers');
  return [1, 2, 3].map((rank) => ({ guid: rng.uuid(), name: `Tier ${rank}`, rank }));
}

/**
 * Nested {name, slug} objects are shared between companies rather than copied: 10,000 companies
 * then cost a few MB less. Nothing mutates them; responses copy them.
 */
const INDUSTRY_REFS = INDUSTRIES.map((industry) => ({
  industry: { name: industry.name, slug: industry.slug } as NameSlug,
  subs: industry.subs.map(([name, slug]) => ({ name, slug }) as NameSlug),
}));

/** The NAME_SECOND words by length, longest first, so "Credit Union" wins over a shorter match. */
const SECOND_WORDS = [...NAME_SECOND].sort((a, b) => b.length - a.length);

/** The industry a company's name says it is in ("Cedar Bakery" → Food/Beverage, Bakeries), if any. */
function industryOfName(name: string): { industry: (typeof INDUSTRY_REFS)[number]; subIndustry: NameSlug } | undefined {
  const word = SECOND_WORDS.find((w) => ` ${name} `.includes(` ${w} `));
  if (!word) return undefined;
  const [slug, subSlug] = INDUSTRY_OF_NAME[word];
  const industry = INDUSTRY_REFS.find((r) => r.industry.slug === slug);
  const subIndustry = industry?.subs.find((sub) => sub.slug === subSlug);
  return industry && subIndustry ? { industry, subIndustry } : undefined;
}

const DOMAIN_COUNTS = [[1, 62], [2, 30], [3, 8]] as const;
const RATING_TYPES: ReadonlyArray<readonly [RatingType, number]> = [['CURATED', 92], ['PRIVATE', 4], ['SELF-PUBLISHED', 4]];
const NETWORK_SIZES = [[0, 5], [256, 20], [1024, 30], [4096, 25], [16384, 15], [65536, 5]] as const;

/** Allocates the company's domains: the primary from its name, extras on other TLDs. */
function makeDomains(rng: Prng, name: string, taken: Set<string>, minimum: number): string[] {
  const words = name.split(' ');
  const suffixless = NAME_SUFFIX.includes(words[words.length - 1] as (typeof NAME_SUFFIX)[number]) ? words.slice(0, -1) : words;
  let label = domainLabel(suffixless.join(' '));
  const tld = rng.weighted(PRIMARY_TLDS);
  if (taken.has(`${label}.${tld}`)) label = domainLabel(name);
  let primary = `${label}.${tld}`;
  for (let n = 2; taken.has(primary); n++) primary = `${label}${n}.${tld}`;
  taken.add(primary);
  const domains = [primary];
  const wanted = Math.max(minimum, rng.weighted(DOMAIN_COUNTS));
  const primaryLabel = primary.slice(0, primary.length - tld.length - 1);
  for (const extraTld of EXTRA_TLDS) {
    if (domains.length >= wanted) break;
    if (extraTld === tld || !rng.chance(0.5)) continue;
    const extra = `${primaryLabel}.${extraTld}`;
    if (!taken.has(extra)) {
      taken.add(extra);
      domains.push(extra);
    }
  }
  for (const extraTld of EXTRA_TLDS) {
    // A second pass without the coin flip makes sure `minimum` is met.
    if (domains.length >= minimum) break;
    const extra = `${primaryLabel}.${extraTld}`;
    if (extraTld !== tld && !taken.has(extra)) {
      taken.add(extra);
      domains.push(extra);
    }
  }
  return domains;
}

const OBSERVATION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function makeCompany(rng: Prng, name: string, index: number, tiers: TierRecord[], taken: Set<string>): CompanyRecord {
  const guid = rng.uuid();
  const domains = makeDomains(rng, name, taken, index === 0 ? 2 : 1);
  // Drawn even when the name decides, so every later draw (ratings, tiers…) stays as it always was.
  const drawn = rng.pick(INDUSTRY_REFS);
  const drawnSub = rng.pick(drawn.subs);
  const { industry, subIndustry } = industryOfName(name) ?? { industry: drawn, subIndustry: drawnSub };
  const type: RatingType =
    index <= 3 ? 'CURATED' : index === 4 ? 'PRIVATE' : rng.weighted(RATING_TYPES);
  const tier = rng.chance(0.75) ? rng.pick(tiers) : null;
  const observations = index <= 2 ? 12 : rng.int(2, 12);
  const words = name.split(' ');
  const shortname = words.length > 2 && NAME_SUFFIX.includes(words[words.length - 1] as (typeof NAME_SUFFIX)[number]) ? words.slice(0, -1).join(' ') : name;
  return {
    guid,
    custom_id: rng.chance(0.15) ? `VND-${rng.int(10000, 99999)}` : null,
    name,
    shortname,
    network_size_v4: rng.weighted(NETWORK_SIZES) + rng.int(0, 255),
    // Two uniforms averaged: most ratings in the 500s–700s, a few at the extremes, all in 250–900.
    rating: Math.round((rng.int(250, 900) + rng.int(250, 900)) / 2),
    rating_date: addDays(SEED_TODAY, -rng.int(0, 6)),
    added_date: randomDay(rng, '2019-01-01', '2025-06-01'),
    industry: industry.industry,
    sub_industry: subIndustry,
    subscription_type: rng.weighted(SUBSCRIPTION_TYPES),
    relationship: rng.chance(0.7) ? rng.pick(RELATIONSHIPS) : null,
    life_cycle: rng.chance(0.6) ? rng.pick(LIFE_CYCLES) : null,
    tier: tier?.guid ?? null,
    tier_name: tier?.name ?? null,
    tier_order: tier?.rank ?? null,
    type: [type],
    primary_domain: domains[0] as string,
    display_url: `https://service.bitsighttech.com/app/company/${guid}/overview/`,
    domains,
    rolledup_observation_ids: Array.from({ length: observations }, () => rng.chars(12, OBSERVATION_ALPHABET) + '='),
    people_count: rng.int(10, 50_000),
  };
}

function makeMyCompany(seed: number): CompanyRecord {
  const rng = Prng.forPurpose(seed, 'my-company');
  const guid = rng.uuid();
  return {
    guid,
    custom_id: null,
    name: MY_COMPANY_NAME,
    shortname: 'Blue Seas',
    network_size_v4: 2048,
    rating: 760,
    rating_date: SEED_TODAY,
    added_date: '2019-01-01',
    industry: { name: 'Transportation', slug: 'transportation' },
    sub_industry: { name: 'Shipping', slug: 'shipping' },
    subscription_type: { name: 'MySubsidiary', slug: 'my_subsidiary' },
    relationship: null,
    life_cycle: null,
    tier: null,
    tier_name: null,
    tier_order: null,
    type: ['CURATED'],
    primary_domain: MY_COMPANY_DOMAIN,
    display_url: `https://service.bitsighttech.com/app/company/${guid}/overview/`,
    domains: [MY_COMPANY_DOMAIN],
    rolledup_observation_ids: [],
    people_count: 1800,
  };
}

interface RosterEntry {
  friendly: string;
  formal: string;
  role: RoleSlug;
  group: 0 | 1 | 2;
  status?: UserRecord['status'];
  token?: boolean;
  contact?: boolean;
}

/** Index 0 owns the main token (Admin); index 1 the viewer token (User). */
const ROSTER: readonly RosterEntry[] = [
  { friendly: 'Emma', formal: 'Emma Waters', role: 'customer_admin', group: 0, contact: true },
  { friendly: 'Liam', formal: 'Liam Chen', role: 'customer_user', group: 0 },
  { friendly: 'Olivia', formal: 'Olivia Martins', role: 'customer_group_admin', group: 1, contact: true },
  { friendly: 'Noah', formal: 'Noah Fischer', role: 'customer_portfolio_manager', group: 0, contact: true },
  { friendly: 'Ava', formal: 'Ava Kowalski', role: 'customer_user', group: 2 },
  { friendly: 'Mateo', formal: 'Mateo Rossi', role: 'customer_portfolio_manager', group: 2 },
  { friendly: 'Sofia', formal: 'Sofia Nakamura', role: 'customer_admin', group: 0 },
  { friendly: 'Lucas', formal: 'Lucas Dubois', role: 'vrm_admin', group: 0 },
  { friendly: 'Isabella', formal: 'Isabella Novak', role: 'vrm_operations', group: 1, status: 'Created' },
  { friendly: 'Ethan', formal: 'Ethan Okafor', role: 'vrm_internal_business_user', group: 0 },
  { friendly: 'Mia', formal: 'Mia Johansson', role: 'vrm_view_only', group: 2, status: 'Deactivated' },
  { friendly: 'Arnold', formal: 'Arnold Brown', role: 'customer_user', group: 1 },
  { friendly: 'SIEM integration', formal: 'SIEM integration', role: 'customer_admin', group: 0, token: true },
  { friendly: 'Nightly export', formal: 'Nightly export', role: 'customer_admin', group: 0, token: true },
];

function roleOf(slug: RoleSlug): { name: string; slug: RoleSlug } {
  const role = ROLES.find((r) => r.slug === slug);
  return { name: role?.name ?? slug, slug };
}

function makeUsers(seed: number, groups: GroupRecord[], myCompanyGuid: string): UserRecord[] {
  const rng = Prng.forPurpose(seed, 'users');
  return ROSTER.map((entry, index) => {
    const group = groups[entry.group] as GroupRecord;
    const status = entry.status ?? 'Activated';
    const joined = randomDay(rng, '2019-02-01', '2025-03-01');
    const local = entry.token ? `api-token-${domainLabel(entry.formal)}` : domainLabel(entry.friendly);
    const features: UserRecord['features'] = [
      // wfh-ro is user-managed; fq-access follows the licence and cannot be changed by an edit.
      { slug: 'wfh-ro' as FeatureSlug, value: rng.chance(0.5), can_update: true },
      { slug: 'fq-access' as FeatureSlug, value: rng.chance(0.3), can_update: false },
    ];
    return {
      guid: rng.uuid(),
      friendly_name: entry.friendly,
      formal_name: entry.formal,
      email: `${local}@${MY_COMPANY_DOMAIN}`,
      group: { guid: group.guid, name: group.name },
      landing_page: index % 5 === 4 ? 'TPRM' : 'DEFAULT',
      status,
      last_login_time: status === 'Created' ? null : `${addDays(SEED_TODAY, -rng.int(0, 40))}T${String(rng.int(7, 19)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}.${rng.int(100000, 999999)}Z`,
      joined_time: `${joined}T${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}Z`,
      roles: [roleOf(entry.role)],
      is_available_for_contact: entry.contact ?? false,
      is_company_api_token: entry.token ?? false,
      features,
      preferred_contact_for_entities: index === 0 ? [myCompanyGuid] : [],
    };
  });
}

function makeGroups(seed: number, companies: CompanyRecord[]): GroupRecord[] {
  const rng = Prng.forPurpose(seed, 'groups');
  const all: GroupRecord = {
    guid: rng.uuid(),
    name: 'All Companies',
    all_companies: true,
    is_default: true,
    allow_bundled_companies: true,
    can_set_tier_scope: false,
    company_guids: companies.map((c) => c.guid),
  };
  const pacific: GroupRecord = {
    guid: rng.uuid(),
    name: 'Central Pacific',
    all_companies: false,
    is_default: false,
    allow_bundled_companies: true,
    can_set_tier_scope: true,
    company_guids: companies.filter(() => rng.chance(0.3)).map((c) => c.guid),
  };
  const european = /\.(co\.uk|de|fr|eu)$/;
  const emea: GroupRecord = {
    guid: rng.uuid(),
    name: 'EMEA Vendors',
    all_companies: false,
    is_default: false,
    allow_bundled_companies: false,
    can_set_tier_scope: false,
    company_guids: companies.filter((c) => european.test(c.primary_domain) || rng.chance(0.1)).map((c) => c.guid),
  };
  return [all, pacific, emea];
}

function contactEmail(rng: Prng, first: string, last: string, domain: string): string {
  const f = domainLabel(first);
  const l = domainLabel(last);
  const local = rng.weighted([[`${f}.${l}`, 50], [`${f[0]}${l}`, 25], [f, 15], [`${f}_${l}`, 10]] as const);
  return `${local}@${domain}`;
}

function makeContacts(seed: number, companies: CompanyRecord[], users: UserRecord[]): ContactRecord[] {
  const rng = Prng.forPurpose(seed, 'contacts');
  const editors = users.filter((u) => !u.is_company_api_token && u.status === 'Activated').map((u) => u.email);
  const contacts: ContactRecord[] = [];
  companies.forEach((company, index) => {
    const last = index === companies.length - 1 && companies.length > 5;
    const has = index <= 2 ? true : index === 3 || last ? false : rng.chance(0.85);
    if (!has) return;
    const first = rng.pick(FIRST_NAMES);
    const family = rng.pick(LAST_NAMES);
    // Mostly the primary domain; sometimes another domain the company owns.
    const domain = company.domains.length > 1 && rng.chance(0.2) ? (rng.pick(company.domains.slice(1)) as string) : company.primary_domain;
    const created = randomDay(rng, company.added_date, SEED_TODAY);
    const creator = rng.pick(editors);
    const edited = rng.chance(0.3);
    contacts.push({
      guid: rng.uuid(),
      company_guid: company.guid,
      creator,
      creation_date: created,
      last_editor: edited ? rng.pick(editors) : creator,
      last_edit_date: edited ? randomDay(rng, created, SEED_TODAY) : created,
      friendly_name: first,
      formal_name: `${first} ${family}`,
      email: contactEmail(rng, first, family, domain),
      phone_number: rng.chance(0.8) ? `555-${rng.int(200, 999)}-${rng.int(1000, 9999)}` : null,
    });
  });
  return contacts;
}

/** [name, description, share of the portfolio]; shares are small so many companies stay unfiled. */
const FOLDERS = [
  ['Critical Vendors', 'Vendors whose outage would stop the business', 0.12],
  ['Cloud Providers', 'Hosting, SaaS and infrastructure', 0.1],
  ['Onboarding 2026', 'Vendors being assessed this year', 0.08],
  ['Legacy', 'Contracts being wound down', 0.05],
] as const;

function makeFolders(seed: number, companies: CompanyRecord[], users: UserRecord[]): FolderRecord[] {
  const rng = Prng.forPurpose(seed, 'folders');
  const owner = users[0] as UserRecord;
  return FOLDERS.map(([name, description, share], order) => ({
    guid: rng.uuid(),
    name,
    description,
    // The first companies anchor "Critical Vendors" so tests always find a non-empty folder.
    companies: companies.filter((_, index) => (order === 0 && index <= 2) || rng.chance(share)).map((c) => c.guid),
    owner_guid: owner.guid,
    owner_name: owner.formal_name,
    order,
  }));
}

const REASONS: readonly InviteReason[] = ['informational', 'remediation', 'validation', 'vulnerability', 'other'];

function makeHistoricalInvitations(seed: number, data: BitsightData): AccessRequestRecord[] {
  const rng = Prng.forPurpose(seed, 'access-requests');
  const byCompany = new Map(data.contacts.map((c) => [c.company_guid, c]));
  const candidates = data.companies.slice(5).filter((c) => c.type.includes('CURATED') && byCompany.has(c.guid));
  const count = Math.min(candidates.length, Math.floor(data.companies.length / 40));
  const requesters = data.users.filter((u) => !u.is_company_api_token && u.status === 'Activated');
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, candidates.length - 1));
  const out: AccessRequestRecord[] = [];
  for (const i of [...chosen].sort((a, b) => a - b)) {
    const company = candidates[i] as CompanyRecord;
    const contact = byCompany.get(company.guid) as ContactRecord;
    const day = randomDay(rng, '2024-01-01', addDays(SEED_TODAY, -1));
    out.push(
      buildAccessRequest(data, {
        guid: rng.uuid(),
        requester: rng.pick(requesters),
        company,
        hasPointOfContact: true,
        recipient: { friendly_name: contact.friendly_name, formal_name: contact.formal_name, email: contact.email, phone: contact.phone_number },
        message: 'Welcome! We use Bitsight Security Ratings to monitor our third parties.',
        notes: null,
        read: rng.chance(0.5),
        ccs: null,
        rolledupObservationIds: [],
        trialDuration: 30,
        reason: rng.pick(REASONS),
        context: null,
        thirdParties: [],
        createdTime: `${day}T${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}Z`,
        status: rng.weighted([['Resolved', 3], ['Active', 3], ['Pending', 2], ['Inactive', 1]] as const),
      }),
    );
  }
  return out.sort((a, b) => (a.created_time < b.created_time ? -1 : a.created_time > b.created_time ? 1 : 0));
}

export function generateBitsightData(options: SeedOptions): BitsightData {
  const { seed, companies: count } = options;
  if (!Number.isInteger(count) || count < 0 || count > MAX_COMPANIES) {
    throw new RangeError(`companies must be an integer in 0–${MAX_COMPANIES}, got ${count}`);
  }
  const tiers = makeTiers(seed);
  const myCompany = makeMyCompany(seed);
  const taken = new Set<string>(myCompany.domains);
  const names = uniqueNames(Prng.forPurpose(seed, 'company-names'), count);
  const companyRng = Prng.forPurpose(seed, 'companies');
  const companies = names.map((name, index) => makeCompany(companyRng, name, index, tiers, taken));
  const groups = makeGroups(seed, companies);
  const users = makeUsers(seed, groups, myCompany.guid);
  const customerRng = Prng.forPurpose(seed, 'customer');
  const data: BitsightData = {
    seed,
    customer: { guid: customerRng.uuid(), name: MY_COMPANY_NAME },
    myCompany,
    companies,
    contacts: makeContacts(seed, companies, users),
    users,
    groups,
    defaultGroupGuid: (groups[0] as GroupRecord).guid,
    tiers,
    folders: makeFolders(seed, companies, users),
    accessRequests: [],
    currentUserGuid: (users[0] as UserRecord).guid,
    viewerUserGuid: (users[1] as UserRecord).guid,
  };
  data.accessRequests = makeHistoricalInvitations(seed, data);
  return data;
}
