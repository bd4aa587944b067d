// Invitations to collaborate: POST /ratings/v1/access-requests (seed 001) and the outbox
// GET /ratings/v1/access-requests (plain array). The seed's 400 messages are answered verbatim as
// {"detail": …}; malformed fields get DRF field errors.
import * as z from '../../../core/zod';
import { isoSeconds } from '../../dates.js';
import { jsonReply } from '../../http.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import type { InviteReason } from '../data.js';
import { INVITE_REASONS, emailBelongsTo, isInvitable } from '../data.js';
import {
  INVITE_CCS_TOO_LONG,
  INVITE_EMAIL_DOMAIN_UNRELATED,
  INVITE_ENTITY_NOT_FOUND,
  INVITE_ENTITY_NOT_INVITABLE,
  INVITE_INVALID_EMAIL,
  INVITE_NO_POINT_OF_CONTACT,
  INVITE_OBSERVATIONS_MISMATCH,
  INVITE_TOO_MANY_OBSERVATIONS,
  INVITE_TO_YOURSELF,
  NOT_A_STRING,
  TRIAL_DURATION_RANGE,
  invalidChoice,
} from '../errors.js';
import { buildAccessRequest } from '../invitations.js';
import {
  detailReply,
  integerInRange,
  isEmail,
  listOf,
  objectBody,
  optionalBoolean,
  optionalDictionary,
  optionalText,
  presentText,
  queryObject,
  requiredText,
  validate,
} from '../validation.js';
import { commaListParam } from './query.js';

/** The documented limits. */
export const MAX_SHARED_OBSERVATIONS = 10;
export const MAX_CCS_LENGTH = 1023;
export const DEFAULT_TRIAL_DURATION = 30;

const inviteBody = z.object({
  requestee_company_guid: requiredText(),
  requestee_friendly_name: optionalText(),
  requestee_formal_name: optionalText(),
  requestee_email: optionalText(),
  requestee_phone: optionalText(),
  message: optionalText(),
  notes: optionalText(),
  read: optionalBoolean(),
  // The example sends one comma-separated string; the parameter table says array. Both accepted.
  ccs: z.pipe(
    z.nullish(z.union([z.string(), z.array(z.string())], { error: NOT_A_STRING })),
    z.transform((c) => (Array.isArray(c) ? c.join(',') : c)),
  ),
  rolledup_observation_ids: z.nullish(listOf(z.string({ error: NOT_A_STRING }))),
  trial_duration: z.optional(integerInRange(1, 365, TRIAL_DURATION_RANGE)),
  reason: z.optional(z.enum(INVITE_REASONS, { error: (issue) => invalidChoice(issue.input) })),
  context: optionalDictionary(),
  // Seed 001's parameter table also names a top-level risk-vector `slug`.
  slug: optionalText(),
  // sandbox's own choice: a third party needs its e-mail (the seed's example gives e-mail and name).
  third_parties: z.nullish(listOf(z.object({ email: presentText(), name: z.optional(z.string({ error: NOT_A_STRING })) }))),
});

/** The documented `context`, with a top-level `slug` added as a risk vector when the context names none. */
function inviteContext(context: Record<string, unknown> | null | undefined, slug: string | undefined): Record<string, unknown> | null {
  if (slug === undefined || Array.isArray(context?.risk_vectors)) return context ?? null;
  // sandbox's own choice: where `slug` lands in the answer is undocumented; the seed's context shape is reused.
  return { ...context, risk_vectors: [{ risk_vector: { slug } }] };
}

function blankToUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function invite({ req, store, caller }: BitsightContext) {
  const body = objectBody(req.body, 'vendor_access_request');
  if (!body.ok) return body.reply;
  const parsed = validate(inviteBody, body.value);
  if (!parsed.ok) return parsed.reply;
  const input = parsed.value;
  const data = store.data;

  // sandbox's own choice: the seed gives no order; where several rules fail at once, the company first, then what is shared, then the recipient.
  if (input.requestee_company_guid === data.myCompany.guid) return detailReply(400, INVITE_TO_YOURSELF);
  const company = store.portfolioCompany(input.requestee_company_guid);
  if (!company) return detailReply(400, INVITE_ENTITY_NOT_FOUND);
  if (!isInvitable(company)) return detailReply(400, INVITE_ENTITY_NOT_INVITABLE);
  const observations = input.rolledup_observation_ids ?? [];
  if (observations.length > MAX_SHARED_OBSERVATIONS) return detailReply(400, INVITE_TOO_MANY_OBSERVATIONS);
  if (!observations.every((id) => company.rolledup_observation_ids.includes(id))) return detailReply(400, INVITE_OBSERVATIONS_MISMATCH);
  const ccs = blankToUndefined(input.ccs);
  if (ccs !== undefined && ccs.length > MAX_CCS_LENGTH) return detailReply(400, INVITE_CCS_TOO_LONG);

  // Each empty recipient field falls back to the company's point of contact (seed 001).
  const contact = store.contactOfCompany(company.guid);
  const given = {
    friendly_name: blankToUndefined(input.requestee_friendly_name),
    formal_name: blankToUndefined(input.requestee_formal_name),
    email: blankToUndefined(input.requestee_email),
  };
  // sandbox's own choice: an empty recipient field with no point of contact to fall back on is refused (no text documented).
  if ((!given.friendly_name || !given.formal_name || !given.email) && !contact) return detailReply(400, INVITE_NO_POINT_OF_CONTACT);
  const recipient = {
    friendly_name: given.friendly_name ?? (contact?.friendly_name as string),
    formal_name: given.formal_name ?? (contact?.formal_name as string),
    email: given.email ?? (contact?.email as string),
    // sandbox's own choice: the contact's phone comes along only when the contact is the recipient.
    phone: blankToUndefined(input.requestee_phone) ?? (given.email === undefined ? (contact?.phone_number ?? null) : null),
  };
  if (!isEmail(recipient.email)) return detailReply(400, INVITE_INVALID_EMAIL);
  if (!emailBelongsTo(recipient.email, company)) return detailReply(400, INVITE_EMAIL_DOMAIN_UNRELATED);

  const record = buildAccessRequest(data, {
    guid: store.ids.uuid(),
    requester: caller,
    company,
    hasPointOfContact: contact !== undefined,
    recipient,
    message: input.message ?? null,
    notes: input.notes ?? null,
    read: input.read ?? false,
    ccs: ccs ?? null,
    rolledupObservationIds: observations,
    trialDuration: input.trial_duration ?? DEFAULT_TRIAL_DURATION,
    reason: (input.reason ?? 'other') as InviteReason,
    context: inviteContext(input.context, blankToUndefined(input.slug)),
    thirdParties: input.third_parties ?? [],
    createdTime: isoSeconds(req.receivedAt),
  });
  store.addAccessRequest(record);
  return jsonReply(201, structuredClone(record));
}

const outboxQuery = z.object({
  company_guid: commaListParam,
  status: commaListParam,
  reason: commaListParam,
  requesterid: z.optional(z.string()),
});

function outbox({ req, store }: BitsightContext) {
  const parsed = validate(outboxQuery, queryObject(req.query));
  if (!parsed.ok) return parsed.reply;
  const query = parsed.value;
  const statuses = query.status?.map((s) => s.toLowerCase());
  const items = store.data.accessRequests
    .filter((r) => !query.company_guid || query.company_guid.includes(r.requestee_company_guid))
    .filter((r) => !statuses || statuses.includes(r.status.toLowerCase()))
    .filter((r) => !query.reason || query.reason.includes(r.reason))
    .filter((r) => query.requesterid === undefined || r.requester_guid === query.requesterid);
  return jsonReply(200, structuredClone(items));
}

export const accessRequestRoutes: BitsightRoute[] = [
  { method: 'GET', pattern: '/ratings/v1/access-requests', handler: outbox },
  { method: 'POST', pattern: '/ratings/v1/access-requests', handler: invite },
];
