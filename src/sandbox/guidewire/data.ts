// The records the simulated Guidewire API holds, and the typelists it serves. Records keep
// typecodes; shapes.ts turns them into Guidewire's JSON (typekeys `{code, name}`, references).

export type OrganizationType = 'insurer' | 'agency' | 'broker' | 'mga';
export type ContactSubtype = 'Person' | 'Company';

export interface AddressRecord {
  id: string;
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  /** A State typecode. */
  state: string;
  postalCode: string;
  country: string;
  county?: string;
  addressType: 'business' | 'home' | 'billing';
  description?: string;
}

export interface ContactRecord {
  id: string;
  subtype: ContactSubtype;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  emailAddress1?: string;
  emailAddress2?: string;
  /** Phone numbers as entered (any text: separators, an extension). */
  workPhone?: string;
  homePhone?: string;
  cellPhone?: string;
  externalId?: string;
  taxId?: string;
  addresses: AddressRecord[];
  primaryAddressId: string;
  /** The organization whose user this contact is, for user contacts. */
  userOrganizationId?: string;
  /** Bumped on every change; the checksum is derived from it. */
  version: number;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  type: OrganizationType;
  /** Producers only (agency, broker, mga). */
  producerStatus?: 'Active' | 'Terminated';
  primaryContactId?: string;
  version: number;
}

export interface UserRecord {
  id: string;
  username: string;
  organizationId: string;
  contactId: string;
  userType: string;
  active: boolean;
}

export interface GuidewireData {
  seed: number;
  organizations: OrganizationRecord[];
  contacts: ContactRecord[];
  users: UserRecord[];
}

export interface TypeKey {
  code: string;
  name: string;
}

export const ORGANIZATION_TYPES: Record<OrganizationType, string> = { insurer: 'Insurer', agency: 'Agency', broker: 'Broker', mga: 'MGA' };
export const CONTACT_TYPES: TypeKey[] = [
  { code: 'Person', name: 'Person' },
  { code: 'Company', name: 'Company' },
];
export const ADDRESS_TYPES: Record<AddressRecord['addressType'], string> = { business: 'Business', home: 'Home', billing: 'Billing' };
export const USER_TYPES: TypeKey[] = [
  { code: 'underwriter', name: 'Underwriter' },
  { code: 'producer', name: 'Producer' },
  { code: 'other', name: 'Other' },
];

export const STATES: TypeKey[] = (
  [
    ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
    ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'],
    ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'],
    ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'],
    ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'],
    ['NE', 'Nebraska'], ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'],
    ['NY', 'New York'], ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'],
    ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
    ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'],
    ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
  ] as const
).map(([code, name]) => ({ code, name }));

export const TYPELISTS: Record<string, TypeKey[]> = {
  State: STATES,
  ContactType: CONTACT_TYPES,
  BusinessType: Object.entries(ORGANIZATION_TYPES).map(([code, name]) => ({ code, name })),
  AddressType: Object.entries(ADDRESS_TYPES).map(([code, name]) => ({ code, name })),
  UserType: USER_TYPES,
};

export function stateName(code: string): string {
  return STATES.find((s) => s.code === code)?.name ?? code;
}

export function contactDisplayName(c: ContactRecord): string {
  return c.subtype === 'Company' ? (c.companyName ?? '') : [c.firstName, c.lastName].filter(Boolean).join(' ');
}

export function addressDisplayName(a: AddressRecord): string {
  return `${a.addressLine1}, ${a.city}, ${a.state} ${a.postalCode}`;
}

export function primaryAddressOf(c: ContactRecord): AddressRecord {
  return (c.addresses.find((a) => a.id === c.primaryAddressId) ?? c.addresses[0]) as AddressRecord;
}
