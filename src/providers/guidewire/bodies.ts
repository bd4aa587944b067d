// Request bodies of the create-contact form: the contact's attributes (guidewire.md §4.6) and the
// one atomic request-inclusion PATCH of seed 004 that creates it and makes it the primary contact.
import type { FormValues } from '../../protocol/forms';

export const CONTACTS_URI = '/common/v1/contacts';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The attributes of a new contact; only the subtype's own name fields, optional ones only when filled. */
export function contactAttributes(values: FormValues): Record<string, unknown> {
  const subtype = str(values.subtype) === 'Company' ? 'Company' : 'Person';
  const out: Record<string, unknown> = {};
  if (subtype === 'Person') {
    out.firstName = str(values.firstName);
    out.lastName = str(values.lastName);
  } else out.companyName = str(values.companyName);
  const address: Record<string, unknown> = { addressLine1: str(values.addressLine1) };
  if (str(values.addressLine2)) address.addressLine2 = str(values.addressLine2);
  address.city = str(values.city);
  address.postalCode = str(values.postalCode);
  address.state = { code: str(values.state) };
  // PolicyCenter writes country as a plain string (§4.6).
  if (str(values.country)) address.country = str(values.country);
  out.primaryAddress = address;
  out.subtype = { code: subtype };
  if (str(values.emailAddress1)) out.emailAddress1 = str(values.emailAddress1);
  if (str(values.workPhone)) out.workPhone = { number: str(values.workPhone) };
  return out;
}

/** Seed 004's refid for a Person ("newperson"); any string both sides share would do. */
export function refidFor(attributes: Record<string, unknown>): string {
  return (attributes.subtype as { code: string }).code === 'Company' ? 'newcompany' : 'newperson';
}

/** Seed 004 exactly, plus the organization's checksum as read (§3.3). */
export function inclusionBody(attributes: Record<string, unknown>, checksum: string | undefined) {
  const refid = refidFor(attributes);
  return {
    data: { attributes: { primaryContactReference: { refid } }, ...(checksum ? { checksum } : {}) },
    included: { Contact: [{ attributes, method: 'post', refid, uri: CONTACTS_URI }] },
  };
}
