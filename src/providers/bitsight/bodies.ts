// Request bodies exactly as the seed documents show them (seeds 000, 001, 002), built from form
// values. Pure functions, so the shapes are unit-tested against the seed examples.
import type { FormValues, NameEmail } from '../../protocol/forms';

export interface ContactBody {
  company_guid: string;
  friendly_name: string;
  formal_name: string;
  email: string;
  phone_number?: string;
}

export const INVITE_REASONS = ['informational', 'remediation', 'validation', 'vulnerability', 'other'] as const;
export type InviteReason = (typeof INVITE_REASONS)[number];

export interface InviteBody {
  requestee_friendly_name: string;
  requestee_formal_name: string;
  requestee_email: string;
  requestee_phone?: string;
  requestee_company_guid: string;
  message?: string;
  notes?: string;
  /** Whether the vendor access request was read (seed 001). */
  read?: boolean;
  /** Comma-separated addresses in ONE string, at most 1023 characters (seed 001). */
  ccs?: string;
  rolledup_observation_ids?: string[];
  trial_duration: number;
  reason: InviteReason;
  context?: { risk_vectors: Array<{ risk_vector: { slug: string } }> };
  third_parties?: NameEmail[];
}

export interface UserPatch {
  group?: string;
  /** An array, but Bitsight accepts exactly one role per request (seed 002). */
  roles?: [{ slug: string }];
  friendly_name?: string;
  formal_name?: string;
  email?: string;
  is_company_api_token?: boolean;
  is_available_for_contact?: boolean;
  features?: Array<{ slug: string; value: boolean }>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean) : []);

/**
 * The point of contact as seed 000 shows it. A blank phone is left out, except when editing a
 * contact that has one: a PATCH without the field keeps the old phone, so clearing it is sent as
 * an empty string (the documented type is a string, so not null).
 */
export function contactBody(companyGuid: string, values: FormValues, before?: { phone_number?: string | null }): ContactBody {
  const body: ContactBody = {
    company_guid: companyGuid,
    friendly_name: str(values.friendly_name),
    formal_name: str(values.formal_name),
    email: str(values.email),
  };
  const phone = str(values.phone_number);
  if (phone || before?.phone_number?.trim()) body.phone_number = phone;
  return body;
}

/**
 * The invitation for one company. Empty recipient fields are sent empty: the API then uses the
 * company's point of contact (seed 001, "If empty, the user that's pre-attached … is used").
 */
export function inviteBody(companyGuid: string, values: FormValues): InviteBody {
  const reason = str(values.reason) as InviteReason;
  const phone = str(values.requestee_phone);
  const message = str(values.message);
  const notes = str(values.notes);
  const ccs = list(values.ccs);
  const observations = list(values.rolledup_observation_ids);
  const slugs = [...new Set(list(values.risk_vectors))];
  const third = Array.isArray(values.third_parties)
    ? (values.third_parties as unknown[]).filter((p): p is NameEmail => typeof p === 'object' && p !== null && 'email' in p)
    : [];
  // Keys in the order of seed 001's example; optional ones only when given.
  return {
    requestee_friendly_name: str(values.requestee_friendly_name),
    requestee_formal_name: str(values.requestee_formal_name),
    requestee_email: str(values.requestee_email),
    ...(phone ? { requestee_phone: phone } : {}),
    requestee_company_guid: companyGuid,
    ...(message ? { message } : {}),
    ...(notes ? { notes } : {}),
    ...(typeof values.read === 'boolean' ? { read: values.read } : {}),
    ...(ccs.length ? { ccs: ccs.join(',') } : {}),
    ...(observations.length ? { rolledup_observation_ids: observations } : {}),
    trial_duration: typeof values.trial_duration === 'number' ? values.trial_duration : Number(values.trial_duration ?? 30),
    reason: INVITE_REASONS.includes(reason) ? reason : 'other',
    ...(slugs.length ? { context: { risk_vectors: slugs.map((slug) => ({ risk_vector: { slug } })) } } : {}),
    ...(third.length ? { third_parties: third.map((p) => ({ email: p.email.trim(), name: p.name.trim() })) } : {}),
  };
}

/** What the POST carries: the invitation inside `vendor_access_request`, as seed 001's example shows. */
export function inviteRequest(body: InviteBody): { vendor_access_request: InviteBody } {
  return { vendor_access_request: body };
}

export interface UserSnapshot {
  friendly_name: string;
  formal_name: string;
  email: string;
  group: string;
  role: string;
  is_company_api_token: boolean;
  is_available_for_contact: boolean;
  /** Only the features the user may change. */
  features: Record<string, boolean>;
}

/** Only what changed, flat as the seed's example (`{"group": "…", "email": "…"}`). */
export function userPatch(before: UserSnapshot, values: FormValues): UserPatch {
  const patch: UserPatch = {};
  for (const key of ['friendly_name', 'formal_name', 'email'] as const) {
    const v = str(values[key]);
    if (key in values && v !== before[key]) patch[key] = v;
  }
  const group = str(values.group);
  if (group && group !== before.group) patch.group = group;
  const role = str(values.role);
  if (role && role !== before.role) patch.roles = [{ slug: role }];
  for (const key of ['is_company_api_token', 'is_available_for_contact'] as const) {
    if (typeof values[key] === 'boolean' && values[key] !== before[key]) patch[key] = values[key] as boolean;
  }
  const features: Array<{ slug: string; value: boolean }> = [];
  for (const [slug, was] of Object.entries(before.features)) {
    const now = values[`feature.${slug}`];
    if (typeof now === 'boolean' && now !== was) features.push({ slug, value: now });
  }
  if (features.length) patch.features = features;
  return patch;
}
