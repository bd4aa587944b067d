// Seeded generation of a PolicyCenter's organizations: the insurer, then agencies, brokers and MGAs,
// each with a Person or Company primary contact (US addresses) and one to three users whose user
// contacts belong to that organization. Same seed and size → identical data; each part draws from
// its own PRNG stream.
//
// Guarantees other code may rely on (see facts.ts):
//  - organizations[0] is the insurer "Enigma Fire & Casualty", id `systemTables:1` (the documented
//    bootstrap record), with a Company primary contact.
//  - the others are `pc:1`, `pc:2`, … in order; pc:1 agency/Company contact, pc:2 agency/Person,
//    pc:3 broker/Company, pc:4 broker/Person, pc:5 agency/Person, pc:6 agency/Company (so the
//    seed document's `PATCH /admin/v1/organizations/pc:5` and `pc:6` examples have targets).
//  - pc:7 and pc:8 bear names of the simulated Bitsight portfolio of the same seed (another legal
//    form); pc:7 is also companies[5] of the simulated Kare.
//  - every organization has at least one user; users' contacts are Person contacts.
import { FIRST_NAMES, LAST_NAMES, NAME_FIRST, NAME_SECOND } from '../bitsight/wordlists.js';
import { sharedCompanyNames, withoutLegalForm } from '../bitsight/seed.js';
import { Prng } from '../prng.js';
import type { AddressRecord, ContactRecord, ContactSubtype, GuidewireData, OrganizationRecord, OrganizationType, UserRecord } from './data.js';
import { USER_TYPES } from './data.js';

export const INSURER_ID = 'systemTables:1';
export const INSURER_NAME = 'Enigma Fire & Casualty';

const FIXED: ReadonlyArray<readonly [OrganizationType, ContactSubtype]> = [
  ['agency', 'Company'],
  ['agency', 'Person'],
  ['broker', 'Company'],
  ['broker', 'Person'],
  ['agency', 'Person'],
  ['agency', 'Company'],
];

const SUFFIXES: Record<OrganizationType, readonly string[]> = {
  insurer: [''],
  agency: ['Insurance Agency', 'Insurance Services', 'Agency', 'Insurance Group'],
  broker: ['Brokers', 'Insurance Brokerage', 'Risk Partners', 'Brokerage'],
  mga: ['Underwriting Managers', 'Program Underwriters', 'Specialty MGA'],
};

const PLACES: ReadonlyArray<readonly [city: string, state: string, zip: string]> = [
  ['San Mateo', 'CA', '944'], ['Sacramento', 'CA', '958'], ['Indianapolis', 'IN', '462'], ['Chicago', 'IL', '606'],
  ['Austin', 'TX', '787'], ['Dallas', 'TX', '752'], ['Denver', 'CO', '802'], ['Phoenix', 'AZ', '850'],
  ['Seattle', 'WA', '981'], ['Portland', 'OR', '972'], ['Boston', 'MA', '021'], ['Hartford', 'CT', '061'],
  ['New York', 'NY', '100'], ['Albany', 'NY', '122'], ['Atlanta', 'GA', '303'], ['Miami', 'FL', '331'],
  ['Columbus', 'OH', '432'], ['Nashville', 'TN', '372'], ['Charlotte', 'NC', '282'], ['Minneapolis', 'MN', '554'],
];
const STREETS = ['Fifth Avenue', 'Hillsdale Blvd', 'Oak Way', 'Main Street', 'Market Street', 'Elm Street', 'Lake Shore Drive', 'Park Avenue', 'Maple Lane', 'Broadway'];
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Guidewire-looking opaque ids ('pc:SJVasoc-ajz4VebEgoTD3'), reproducible per seed. */
export class IdSource {
  private readonly taken = new Set<string>();
  constructor(private readonly prng: Prng) {}
  next(): string {
    for (;;) {
      const id = 'pc:S' + this.prng.chars(20, ID_ALPHABET);
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

/** Makes names unique by numbering repeats ('Oak Ridge Agency 2'); bases never end in a number. */
function uniquer(): (base: string, separator: string) => string {
  const seen = new Map<string, number>();
  return (base, separator) => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}${separator}${n}`;
  };
}

function address(prng: Prng, ids: IdSource, type: AddressRecord['addressType']): AddressRecord {
  const [city, state, zip] = prng.pick(PLACES);
  const a: AddressRecord = {
    id: ids.next(),
    addressLine1: `${prng.int(1, 9999)} ${prng.pick(STREETS)}`,
    city,
    state,
    postalCode: zip + String(prng.int(1, 99)).padStart(2, '0'),
    country: 'US',
    addressType: type,
  };
  if (prng.chance(0.3)) a.addressLine2 = `Suite ${prng.int(100, 999)}`;
  return a;
}

function emailDomain(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '').slice(0, 24) + '.com';
}

function person(prng: Prng, ids: IdSource, domain: string): ContactRecord {
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const addresses = [address(prng, ids, 'business')];
  if (prng.chance(0.4)) addresses.push(address(prng, ids, 'home'));
  const local = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
  return {
    id: ids.next(),
    subtype: 'Person',
    firstName,
    lastName,
    emailAddress1: `${local}@${domain}`,
    workPhone: `${prng.int(201, 989)}-555-${String(prng.int(0, 9999)).padStart(4, '0')}`,
    addresses,
    primaryAddressId: (addresses[0] as AddressRecord).id,
    version: 1,
  };
}

function company(prng: Prng, ids: IdSource, name: string, domain: string): ContactRecord {
  const addresses = [address(prng, ids, 'business')];
  if (prng.chance(0.3)) addresses.push(address(prng, ids, 'billing'));
  return {
    id: ids.next(),
    subtype: 'Company',
    companyName: name,
    emailAddress1: `contact@${domain}`,
    workPhone: `${prng.int(201, 989)}-555-${String(prng.int(0, 9999)).padStart(4, '0')}`,
    addresses,
    primaryAddressId: (addresses[0] as AddressRecord).id,
    version: 1,
  };
}

/**
 * Sandbox's own choice: pc:7 and pc:8 are companies of the simulated Bitsight portfolio of the
 * same seed under another legal form (pc:7 is also in the simulated Kare), so matching across
 * connections has something to find. Drawn names are still drawn, so nothing else moves.
 */
function sharedName(seed: number, i: number): string | undefined {
  if (i !== 7 && i !== 8) return undefined;
  const [first, , third] = sharedCompanyNames(seed, 3).map(withoutLegalForm);
  return i === 7 ? `${first} LLC` : `${third} Inc.`;
}

export function generateGuidewireData(options: { seed: number; companies: number }): GuidewireData {
  const orgPrng = Prng.forPurpose(options.seed, 'gw-organizations');
  const contactPrng = Prng.forPurpose(options.seed, 'gw-contacts');
  const userPrng = Prng.forPurpose(options.seed, 'gw-users');
  const ids = new IdSource(Prng.forPurpose(options.seed, 'gw-ids'));
  const data: GuidewireData = { seed: options.seed, organizations: [], contacts: [], users: [] };
  const uniqueName = uniquer();
  const uniqueUsername = uniquer();

  for (let i = 0; i < options.companies; i++) {
    const fixed = FIXED[i - 1];
    const type: OrganizationType =
      i === 0 ? 'insurer' : fixed ? fixed[0] : orgPrng.weighted<OrganizationType>([['agency', 55], ['broker', 35], ['mga', 10]]);
    const drawn = i === 0 ? INSURER_NAME : uniqueName(`${orgPrng.pick(NAME_FIRST)} ${orgPrng.pick(NAME_SECOND)} ${orgPrng.pick(SUFFIXES[type])}`, ' ');
    const name = sharedName(options.seed, i) ?? drawn;
    const domain = emailDomain(name);
    const subtype: ContactSubtype = i === 0 ? 'Company' : fixed ? fixed[1] : contactPrng.chance(0.5) ? 'Person' : 'Company';
    const contact = subtype === 'Company' ? company(contactPrng, ids, name, domain) : person(contactPrng, ids, domain);
    data.contacts.push(contact);
    const org: OrganizationRecord = { id: i === 0 ? INSURER_ID : `pc:${i}`, name, type, primaryContactId: contact.id, version: 1 };
    if (type !== 'insurer') org.producerStatus = orgPrng.chance(0.92) ? 'Active' : 'Terminated';
    data.organizations.push(org);

    const userCount = i === 0 ? 4 : userPrng.int(1, 3);
    for (let u = 0; u < userCount; u++) {
      const userContact = person(userPrng, ids, domain);
      userContact.userOrganizationId = org.id;
      data.contacts.push(userContact);
      const username = uniqueUsername(`${(userContact.firstName as string)[0]}${userContact.lastName}`.normalize('NFD').toLowerCase().replace(/[^a-z]/g, ''), '');
      const user: UserRecord = {
        id: ids.next(),
        username,
        organizationId: org.id,
        contactId: userContact.id,
        userType: i === 0 ? 'underwriter' : userPrng.pick(USER_TYPES).code,
        active: true,
      };
      data.users.push(user);
    }
  }
  return data;
}
