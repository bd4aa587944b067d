// The shapes of Guidewire Cloud API answers we rely on (guidewire.md §3.1, §4): elements
// `{attributes, checksum, id, links, type}` inside `{data}`, lists `{count, data[], links, total?}`.
// Only what the extension reads is required; tenants add fields freely.
import * as z from '../../core/zod';

const typekey = z.nullish(z.object({ code: z.string(), name: z.nullish(z.string()) }));
const reference = z.nullish(z.object({ id: z.string(), displayName: z.nullish(z.string()) }));
const phone = z.nullish(z.object({ displayName: z.nullish(z.string()), number: z.nullish(z.string()) }));

export const address = z.object({
  id: z.nullish(z.string()),
  addressLine1: z.nullish(z.string()),
  addressLine2: z.nullish(z.string()),
  city: z.nullish(z.string()),
  postalCode: z.nullish(z.string()),
  state: typekey,
  country: z.nullish(z.union([z.string(), z.object({ code: z.string() })])),
  addressType: typekey,
  description: z.nullish(z.string()),
  displayName: z.nullish(z.string()),
  primary: z.nullish(z.boolean()),
});
export type GwAddress = z.infer<typeof address>;

export const contactAttributes = z.object({
  id: z.string().check(z.minLength(1)),
  displayName: z.nullish(z.string()),
  firstName: z.nullish(z.string()),
  lastName: z.nullish(z.string()),
  companyName: z.nullish(z.string()),
  emailAddress1: z.nullish(z.string()),
  primaryPhone: z.nullish(z.string()),
  workPhone: phone,
  subtype: typekey,
  primaryAddress: z.nullish(address),
});
export type GwContact = z.infer<typeof contactAttributes>;

export const organizationAttributes = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.nullish(z.string()),
  displayName: z.nullish(z.string()),
  type: typekey,
  producerStatus: typekey,
  contact: z.nullish(contactAttributes),
});

export const userAttributes = z.object({
  id: z.string().check(z.minLength(1)),
  displayName: z.nullish(z.string()),
  username: z.nullish(z.string()),
  firstName: z.nullish(z.string()),
  lastName: z.nullish(z.string()),
  emailAddress1: z.nullish(z.string()),
  active: z.nullish(z.boolean()),
  organization: reference,
  userType: typekey,
  /** The user's own contact (a "user contact"), when the tenant exposes it. */
  contact: reference,
  workPhone: phone,
});

const link = z.nullish(z.object({ href: z.string() }));

export const element = <T extends z.ZodMiniType>(attributes: T) =>
  z.object({ attributes, checksum: z.nullish(z.string()), id: z.nullish(z.string()), type: z.nullish(z.string()) });

export const single = <T extends z.ZodMiniType>(attributes: T) => z.object({ data: element(attributes) });

export const list = <T extends z.ZodMiniType>(attributes: T) =>
  z.object({
    count: z.nullish(z.int().check(z.gte(0))),
    total: z.nullish(z.int().check(z.gte(0))),
    data: z.array(element(attributes)),
    links: z.nullish(z.object({ next: link, self: link })),
  });

export const organizationOne = single(organizationAttributes);
export type GwOrganization = z.infer<typeof organizationOne>['data'];
export const organizationList = list(organizationAttributes);
export const userList = list(userAttributes);
export type GwUser = z.infer<typeof userAttributes>;
export type GwTypeKey = z.infer<typeof typelist>['data']['attributes']['typeKeys'][number];
export const contactOne = single(contactAttributes);
export const contactList = list(contactAttributes);
export const addressList = list(address);

export const typelist = z.object({
  data: z.object({
    attributes: z.object({
      typeKeys: z.array(z.object({ code: z.string(), name: z.nullish(z.string()), retired: z.nullish(z.boolean()) })),
    }),
  }),
});
