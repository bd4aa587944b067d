// The shapes of Bitsight answers we rely on, as documented (bitsight.md §2). Only the fields the
// extension reads are required; everything else may come and go without breaking us.
import { z } from 'zod';

const nameSlug = z.object({ name: z.string().nullish(), slug: z.string().nullish() }).nullish();

export const pagedEnvelope = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    links: z.object({ next: z.string().nullish(), previous: z.string().nullish() }).nullish(),
    next: z.string().nullish(),
    next_url: z.string().nullish(),
    count: z.number().int().nonnegative().nullish(),
    results: z.array(item),
  });

export const portfolioCompany = z.object({
  guid: z.string().min(1),
  name: z.string(),
  shortname: z.string().nullish(),
  rating: z.number().nullish(),
  rating_date: z.string().nullish(),
  primary_domain: z.string().nullish(),
  display_url: z.string().nullish(),
  industry: nameSlug,
  tier_name: z.string().nullish(),
  type: z.union([z.array(z.string()), z.string()]).nullish(),
});
export type PortfolioCompany = z.infer<typeof portfolioCompany>;

export const portfolioPage = pagedEnvelope(portfolioCompany);

export const portfolioContact = z.object({
  guid: z.string().min(1),
  company_guid: z.string().min(1),
  friendly_name: z.string().nullish(),
  formal_name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
});
export type PortfolioContact = z.infer<typeof portfolioContact>;

export const portfolioContacts = z.array(portfolioContact);

export const bitsightUser = z.object({
  guid: z.string().min(1),
  friendly_name: z.string().nullish(),
  formal_name: z.string().nullish(),
  email: z.string(),
  status: z.string().nullish(),
  group: z.object({ guid: z.string(), name: z.string().nullish() }).nullish(),
  roles: z.array(z.object({ name: z.string().nullish(), slug: z.string() })).nullish(),
  is_company_api_token: z.boolean().nullish(),
});
export type BitsightUser = z.infer<typeof bitsightUser>;

export const usersPage = pagedEnvelope(bitsightUser);
