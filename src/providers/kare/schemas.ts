// The shapes of Kare answers we rely on (kare.md §3.1, §4.1, §5.1–5.3; seed 003). Envelopes differ
// per endpoint, so each answer has its own schema; only the fields the extension reads are
// required, everything else may come and go.
import * as z from '../../core/zod';

/** Kare's ids: integers within the JS safe range (kare.md §3.2). */
const kareId = z.int().check(z.gte(0));

/** `{data, totalCount?, pagination}`: totalCount only with includeCount=true (inferred, so optional). */
export const listEnvelope = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    data: z.array(item),
    totalCount: z.nullish(z.int().check(z.gte(0))),
    pagination: z.nullish(z.object({ page: z.nullish(z.int()), pageSize: z.nullish(z.int()) })),
  });

export const kareCompany = z.object({
  id: kareId,
  name: z.string(),
  type: z.nullish(z.number()),
  location: z.nullish(z.string()),
  comment: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phones: z.nullish(z.array(z.string())),
  archivedAt: z.nullish(z.string()),
  primaryContactId: z.nullish(kareId),
});
export type KareCompany = z.infer<typeof kareCompany>;

export const companiesPage = listEnvelope(kareCompany);

/** GET /companies/v2/rs/{companyId}: a bare object. */
export const companyDetail = kareCompany;

export const kareContact = z.object({
  id: kareId,
  name: z.string(),
  email: z.nullish(z.string()),
  phones: z.nullish(z.array(z.string())),
  comment: z.nullish(z.string()),
  companyId: z.nullish(kareId),
  notifyAt: z.nullish(z.string()),
  // Not in the documented read shape, but read when an answer carries it: asked, and never notified.
  notify: z.optional(z.boolean()),
});
export type KareContact = z.infer<typeof kareContact>;

export const contactsPage = listEnvelope(kareContact);

/** POST …/contacts answers 201 `{nbInsertion}` (seed 003): no ids. */
export const insertion = z.object({ nbInsertion: z.int().check(z.gte(0)) });

/** PATCH …/contacts/{id} answers the bare contact (kare.md §5.3, status inferred). */
export const updatedContact = kareContact;

/** One contact as POST and PATCH take it (seed 003). */
export interface ContactInput {
  name: string;
  notify: boolean;
  email?: string | null;
  phones?: string[];
  comment?: string | null;
}

/** PATCH: `notify` required even here (kare.md §5.3); absent keeps a field, null/[] clears it. */
export type ContactPatch = Partial<ContactInput> & { notify: boolean };
