// Building invitation (access-request) records, shared by the seed (historical invitations) and
// the POST endpoint so both produce exactly the same shape.
import type { AccessRequestRecord, BitsightData, CompanyRecord, InviteReason, UserRecord } from './data.js';

/** Bitsight's activation link expires after 14 days (OAS `invitation_duration`). */
export const INVITATION_DURATION_DAYS = 14;

/** Splits "Maria Castro" into given and family name the way the response's first/last fields need. */
export function splitName(formalName: string): { first: string; last: string } {
  const trimmed = formalName.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? { first: trimmed, last: '' } : { first: trimmed.slice(0, space), last: trimmed.slice(space + 1).trim() };
}

export interface NewInvitation {
  guid: string;
  requester: UserRecord;
  company: CompanyRecord;
  hasPointOfContact: boolean;
  recipient: { friendly_name: string; formal_name: string; email: string; phone: string | null };
  message: string | null;
  notes: string | null;
  read: boolean;
  ccs: string | null;
  rolledupObservationIds: string[];
  trialDuration: number;
  reason: InviteReason;
  context: Record<string, unknown> | null;
  thirdParties: Array<{ email: string; name?: string | undefined }>;
  /** 'YYYY-MM-DDTHH:MM:SSZ' */
  createdTime: string;
  status?: AccessRequestRecord['status'];
}

export function buildAccessRequest(data: BitsightData, inv: NewInvitation): AccessRequestRecord {
  const requesterName = splitName(inv.requester.formal_name);
  const recipientName = splitName(inv.recipient.formal_name);
  const createdDate = inv.createdTime.slice(0, 10);
  const shared = inv.rolledupObservationIds.length;
  return {
    guid: inv.guid,
    requester_guid: inv.requester.guid,
    requester_email: inv.requester.email,
    requestee_first_name: recipientName.first,
    requestee_last_name: recipientName.last,
    requester_first_name: requesterName.first,
    requester_last_name: requesterName.last,
    requester_friendly_name: inv.requester.friendly_name,
    requester_formal_name: inv.requester.formal_name,
    requester_company_guid: data.myCompany.guid,
    requester_company_name: data.myCompany.name,
    requester_customer_guid: data.customer.guid,
    requester_customer_name: data.customer.name,
    requestee_friendly_name: inv.recipient.friendly_name,
    requestee_formal_name: inv.recipient.formal_name,
    requestee_email: inv.recipient.email,
    requestee_phone: inv.recipient.phone,
    requestee_company_guid: inv.company.guid,
    requestee_company_name: inv.company.name,
    requestee_tos_date: null,
    requestee_last_login: null,
    message: inv.message,
    notes: inv.notes,
    created_date: createdDate,
    created_time: inv.createdTime,
    email_sent_date: createdDate,
    can_resend_email: true,
    hubspot_status: 'CREATED',
    status: inv.status ?? 'Pending',
    is_real: true,
    has_shared_observations: shared > 0,
    shared_observations_count: shared,
    has_preferred_contacts: inv.hasPointOfContact,
    has_preferred_contact: inv.hasPointOfContact,
    read: inv.read,
    ccs: inv.ccs,
    rolledup_observation_ids: inv.rolledupObservationIds,
    invitation_duration: INVITATION_DURATION_DAYS,
    trial_duration: inv.trialDuration,
    reason: inv.reason,
    context: inv.context,
    resolved_by: null,
    resolved_date: null,
    recipient_customer_access: 'inactive',
    third_parties: inv.thirdParties,
  };
}
