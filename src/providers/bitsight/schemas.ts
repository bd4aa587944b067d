// The shapes of Bitsight answers we rely on, as documented (bitsight.md §2). Only the fields the
// extension reads are required; everything else may come and go without breaking us.
import * as z from '../../core/zod';

const nameSlug = z.nullish(z.object({ name: z.nullish(z.string()), slug: z.nullish(z.string()) }));

export const pagedEnvelope = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    links: z.nullish(z.object({ next: z.nullish(z.string()), previous: z.nullish(z.string()) })),
    next: z.nullish(z.string()),
    next_url: z.nullish(z.string()),
    count: z.nullish(z.int().check(z.gte(0))),
    results: z.array(item),
  });

export const portfolioCompany = z.object({
  guid: z.string().check(z.minLength(1)),
  name: z.string(),
  shortname: z.nullish(z.string()),
  rating: z.nullish(z.number()),
  rating_date: z.nullish(z.string()),
  primary_domain: z.nullish(z.string()),
  display_url: z.nullish(z.string()),
  industry: nameSlug,
  tier_name: z.nullish(z.string()),
  type: z.nullish(z.union([z.array(z.string()), z.string()])),
});
export type PortfolioCompany = z.infer<typeof portfolioCompany>;

export const portfolioPage = pagedEnvelope(portfolioCompany);

export const portfolioContact = z.object({
  guid: z.string().check(z.minLength(1)),
  company_guid: z.string().check(z.minLength(1)),
  friendly_name: z.nullish(z.string()),
  formal_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone_number: z.nullish(z.string()),
});
export type PortfolioContact = z.infer<typeof portfolioContact>;

export const portfolioContacts = z.array(portfolioContact);

export const bitsightUser = z.object({
  guid: z.string().check(z.minLength(1)),
  friendly_name: z.nullish(z.string()),
  formal_name: z.nullish(z.string()),
  email: z.string(),
  status: z.nullish(z.string()),
  group: z.nullish(z.object({ guid: z.string(), name: z.nullish(z.string()) })),
  roles: z.nullish(z.array(z.object({ name: z.nullish(z.string()), slug: z.string() }))),
  is_company_api_token: z.nullish(z.boolean()),
});
export type BitsightUser = z.infer<typeof bitsightUser>;

export const usersPage = pagedEnvelope(bitsightUser);

export const userDetail = z.extend(bitsightUser, {
  features: z.nullish(z.array(z.object({ slug: z.string(), value: z.nullish(z.union([z.boolean(), z.string()])), can_update: z.nullish(z.boolean()) }))),
  is_available_for_contact: z.nullish(z.boolean()),
});
export type BitsightUserDetail = z.infer<typeof userDetail>;

export const accessGroups = z.object({
  groups: z.array(z.object({ guid: z.string(), name: z.string(), is_default: z.nullish(z.boolean()) })),
  default_group: z.nullish(z.string()),
});

export const companyDetails = z.object({
  guid: z.string(),
  name: z.string(),
  primary_domain: z.nullish(z.string()),
  has_preferred_contact: z.nullish(z.boolean()),
  permissions: z.nullish(z.object({ can_enable_vendor_access: z.nullish(z.boolean()) })),
});

export const assetsPage = pagedEnvelope(z.object({ asset: z.string(), asset_type: z.nullish(z.string()) }));

export const accessRequest = z.object({
  guid: z.string(),
  requestee_company_guid: z.nullish(z.string()),
  requestee_company_name: z.nullish(z.string()),
  requestee_formal_name: z.nullish(z.string()),
  requestee_friendly_name: z.nullish(z.string()),
  requestee_email: z.nullish(z.string()),
  status: z.nullish(z.string()),
  reason: z.nullish(z.string()),
  created_date: z.nullish(z.string()),
  created_time: z.nullish(z.string()),
});
export type AccessRequest = z.infer<typeof accessRequest>;
export const accessRequests = z.array(accessRequest);

export const folder = z.object({
  guid: z.string().check(z.minLength(1)),
  name: z.string(),
  companies: z.nullish(z.array(z.string())),
  companies_count: z.nullish(z.int().check(z.gte(0))),
});
export type BitsightFolder = z.infer<typeof folder>;
export const folders = z.array(folder);
