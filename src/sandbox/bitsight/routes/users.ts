// Users: GET /ratings/v2/users (paged), GET /ratings/v2/users/current, GET|PATCH /ratings/v2/users/{guid}.
// Editing (seed 002) is Admin-only; exactly one role per request; features only where can_update.
import * as z from '../../../core/zod';
import { jsonReply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import type { FeatureSlug, RoleSlug, UserRecord } from '../data.js';
import { FEATURE_SLUGS, ROLES } from '../data.js';
import {
  INVALID_BOOLEAN,
  NOT_FOUND,
  ONE_ROLE_ONLY,
  PERMISSION_DENIED,
  USER_EMAIL_TAKEN,
  featureNotUpdatable,
  invalidChoice,
  objectDoesNotExist,
} from '../errors.js';
import { pageQueryFields, paginate } from '../paging.js';
import { currentUserJson, userJson } from '../shapes.js';
import type { FieldErrors } from '../validation.js';
import {
  detailReply,
  fieldErrorReply,
  listOf,
  objectBody,
  optionalBoolean,
  queryObject,
  requiredEmail,
  requiredText,
  validate,
} from '../validation.js';
import { booleanParam, commaListParam } from './query.js';

const usersQuery = z.object({
  ...pageQueryFields,
  q: z.optional(z.string()),
  email: z.optional(z.string()),
  email_q: z.optional(z.string()),
  formal_name_q: z.optional(z.string()),
  guid: commaListParam,
  'group.guid': commaListParam,
  'roles.slug': commaListParam,
  status: commaListParam,
  is_company_api_token: booleanParam(INVALID_BOOLEAN),
  is_available_for_contact: booleanParam(INVALID_BOOLEAN),
});

function includes(haystack: string, needle: string | undefined): boolean {
  return needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase());
}

function listUsers({ req, store }: BitsightContext) {
  const parsed = validate(usersQuery, queryObject(req.query));
  if (!parsed.ok) return parsed.reply;
  const query = parsed.value;
  // Company-API-token pseudo-users are listed only when asked for (the filter defaults to false).
  const wantTokens = query.is_company_api_token ?? false;
  const users = store.data.users
    .filter((u) => u.is_company_api_token === wantTokens)
    .filter((u) => query.is_available_for_contact === undefined || u.is_available_for_contact === query.is_available_for_contact)
    .filter((u) => query.email === undefined || u.email.toLowerCase() === query.email.toLowerCase())
    .filter((u) => includes(u.email, query.email_q) && includes(u.formal_name, query.formal_name_q))
    .filter((u) => query.q === undefined || includes(u.formal_name, query.q) || includes(u.friendly_name, query.q) || includes(u.email, query.q))
    .filter((u) => !query.guid || query.guid.includes(u.guid))
    .filter((u) => !query['group.guid'] || query['group.guid'].includes(u.group.guid))
    .filter((u) => !query['roles.slug'] || u.roles.some((r) => query['roles.slug']?.includes(r.slug)))
    .filter((u) => !query.status || query.status.includes(u.status))
    .sort((a, b) => a.formal_name.localeCompare(b.formal_name, 'en'));
  return jsonReply(200, paginate(users, query, req.url, userJson));
}

function getCurrentUser({ caller }: BitsightContext) {
  return jsonReply(200, currentUserJson(caller));
}

function getUser({ store, caller }: BitsightContext, params: RouteParams) {
  const user = store.user(params.guid as string, caller);
  if (!user) return detailReply(404, NOT_FOUND);
  return jsonReply(200, user === caller ? currentUserJson(user) : userJson(user));
}

const ROLE_SLUGS: readonly string[] = ROLES.map((r) => r.slug);

/** A role given as `{"slug": …}` (documented) or as a bare slug string (lenient). */
const roleItem = z.pipe(
  z.union([z.string(), z.object({ slug: z.string() })]),
  z.transform((r) => (typeof r === 'string' ? r : r.slug)),
);

/** A group given as its guid (HC) or as `{guid}` (OAS). */
const groupRef = z.pipe(
  z.union([z.string(), z.object({ guid: z.string() })]),
  z.transform((g) => (typeof g === 'string' ? g : g.guid)),
);

const editUserBody = z.object({
  group: z.optional(groupRef),
  roles: z.optional(
    // sandbox's own choice: an empty roles list is refused (seed 002: "Set a role").
    listOf(roleItem, { nonEmpty: true }).check(
      z.maxLength(1, { error: ONE_ROLE_ONLY, abort: true }),
      z.refine((roles) => roles.every((slug) => ROLE_SLUGS.includes(slug)), {
        error: (issue) => invalidChoice((issue.input as string[]).find((slug) => !ROLE_SLUGS.includes(slug))),
      }),
    ),
  ),
  // sandbox's own choice: names, when sent, may not be blank; the e-mail must look like one.
  friendly_name: z.optional(requiredText()),
  formal_name: z.optional(requiredText()),
  email: z.optional(requiredEmail()),
  is_company_api_token: optionalBoolean(),
  is_available_for_contact: optionalBoolean(),
  landing_page: z.optional(z.enum(['DEFAULT', 'SPM', 'TPRM'], { error: (issue) => invalidChoice(issue.input) })),
  features: z.optional(listOf(z.object({ slug: z.string(), value: z.boolean() }))),
});

function isAdmin(user: UserRecord): boolean {
  return user.roles.some((r) => r.slug === 'customer_admin');
}

function editUser({ req, store, caller }: BitsightContext, params: RouteParams) {
  // sandbox's own choice: DRF checks permissions before looking the object up, so a non-admin gets 403 even for a bad guid.
  if (!isAdmin(caller)) return detailReply(403, PERMISSION_DENIED);
  const user = store.user(params.guid as string, caller);
  if (!user) return detailReply(404, NOT_FOUND);
  const body = objectBody(req.body, 'user', 'data');
  if (!body.ok) return body.reply;
  const parsed = validate(editUserBody, body.value);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.value;

  const errors: FieldErrors = {};
  const group = input.group === undefined ? undefined : store.group(input.group);
  // sandbox's own choice: an unknown group is refused with DRF's related-field text.
  if (input.group !== undefined && !group) errors.group = [objectDoesNotExist(input.group)];
  // sandbox's own choice: the e-mail is the login, so another user's is refused.
  if (input.email !== undefined && store.data.users.some((u) => u !== user && u.email.toLowerCase() === input.email?.toLowerCase())) {
    errors.email = [USER_EMAIL_TAKEN];
  }
  for (const feature of input.features ?? []) {
    const current = user.features.find((f) => f.slug === feature.slug);
    // sandbox's own choice: only the documented feature slugs exist.
    if (!(FEATURE_SLUGS as readonly string[]).includes(feature.slug) || !current) {
      errors.features = [invalidChoice(feature.slug)];
      break;
    }
    // sandbox's own choice: seed 002 edits "user-managed features"; changing one with can_update false is refused,
    // sending it back unchanged is harmless (forms send every feature).
    if (!current.can_update && current.value !== feature.value) {
      errors.features = [featureNotUpdatable(feature.slug)];
      break;
    }
  }
  if (Object.keys(errors).length > 0) return fieldErrorReply(errors);

  if (group) user.group = { guid: group.guid, name: group.name };
  const role = input.roles?.[0];
  if (role !== undefined) {
    const def = ROLES.find((r) => r.slug === role);
    user.roles = [{ name: def?.name ?? role, slug: role as RoleSlug }];
  }
  if (input.friendly_name !== undefined) user.friendly_name = input.friendly_name;
  if (input.formal_name !== undefined) user.formal_name = input.formal_name;
  if (input.email !== undefined) user.email = input.email;
  if (input.is_company_api_token !== undefined) user.is_company_api_token = input.is_company_api_token;
  if (input.is_available_for_contact !== undefined) user.is_available_for_contact = input.is_available_for_contact;
  if (input.landing_page !== undefined) user.landing_page = input.landing_page;
  for (const feature of input.features ?? []) {
    const current = user.features.find((f) => f.slug === (feature.slug as FeatureSlug));
    if (current) current.value = feature.value;
  }
  return jsonReply(200, user === caller ? currentUserJson(user) : userJson(user));
}

export const userRoutes: BitsightRoute[] = [
  { method: 'GET', pattern: '/ratings/v2/users', handler: listUsers },
  { method: 'GET', pattern: '/ratings/v2/users/current', handler: getCurrentUser },
  { method: 'GET', pattern: '/ratings/v2/users/:guid', handler: getUser },
  { method: 'PATCH', pattern: '/ratings/v2/users/:guid', handler: editUser },
];
