// Seeded generation of one Kare organization: its companies (verification bodies, works
// contractors, maintenance firms) and their contacts. Same seed and size → identical data; each
// company draws from its own stream, so the size never reshuffles the companies before it.
//
// Guarantees other code may rely on (positions are in id order = default list order):
//  - companies[0] is "Dupont Maintenance" (type 3), active, with 3 contacts, the first primary;
//  - companies[1..2] are active with 2–4 contacts each and a primary contact;
//  - companies[3] is active and has NO contact (primaryContactId null);
//  - companies[4] is archived and has contacts;
//  - companies[5] and [6] bear names of the simulated Bitsight portfolio of the same seed (legal
//    form or case changed); companies[5] is active with at least 2 contacts, the first primary;
//  - of the others, about 12 % are archived, about 20 % have no contact, and about 10 % of those
//    with contacts have no primary contact;
//  - ids are integers with gaps (companies from 101, contacts from 5001), increasing in list order;
//  - every seeded e-mail matches the documented pattern; some contacts have none.
import { sharedCompanyNames, withoutLegalForm } from '../bitsight/seed.js';
import { Prng, hash32 } from '../prng.js';
import type { CompanyRecord, CompanyType, ContactRecord, KareData } from './data.js';
import { KARE_EMAIL_PATTERN } from './validation.js';
import {
  CITIES,
  COMMENTS,
  CONTACT_ROLES,
  FIRST_NAMES,
  INSTALLATIONS,
  LABELS,
  LEGAL_FORMS,
  NAME_PATTERNS,
  PLACES,
  STREETS,
  SURNAMES,
} from './wordlists.js';

/** The day seeded data is "as of" (the same as Bitsight's). */
export const SEED_TODAY = '2025-06-30';

export const KARE_USER_EMAIL = 'gestion@residences-horizon.fr';
export const KARE_ORGANIZATION_NAME = 'Résidences Horizon';

export interface KareSeedOptions {
  seed: number;
  companies: number;
}

/** 'Électricité d’Almeida SARL' → 'electricite-d-almeida-sarl' (a usable DNS label). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 'Léa', "d'Almeida" → "lea.d'almeida": the apostrophe is one of the pattern's allowed characters. */
function emailLocal(first: string, last: string): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9']/g, '');
  return `${clean(first)}.${clean(last)}`;
}

const SEED_DAY_MS = Date.parse(`${SEED_TODAY}T00:00:00.000Z`);

/** A working-hours instant `daysBack` days before SEED_TODAY, as Kare writes them (ms, Z). */
function timestamp(rng: Prng, daysBack: number): string {
  const hour = rng.int(7, 18);
  const minute = rng.int(0, 59);
  return new Date(SEED_DAY_MS - daysBack * 86_400_000 + hour * 3_600_000 + minute * 60_000).toISOString();
}

const pair = (rng: Prng) => {
  const n = rng.int(0, 99);
  return n < 10 ? `0${n}` : String(n);
};

function frenchPhone(rng: Prng): string {
  const pairs = `${pair(rng)} ${pair(rng)} ${pair(rng)} ${pair(rng)}`;
  return rng.chance(0.5) ? `0${rng.int(1, 5)} ${pairs}` : `+33 6 ${pairs}`;
}

function companyName(rng: Prng, type: CompanyType): string {
  const pattern = rng.pick(NAME_PATTERNS[type]);
  return pattern.replace('{S}', rng.pick(SURNAMES)).replace('{P}', rng.pick(PLACES)) + rng.pick(LEGAL_FORMS);
}

interface Shape {
  name?: string;
  type?: CompanyType;
  archived: boolean;
  contacts: number;
  primary: boolean;
}

/**
 * Sandbox's own choice: companies[5] and [6] are companies of the simulated Bitsight portfolio of
 * the same seed, named the French way (a legal form, capitals), so matching across connections has
 * something to find; companies[5] is active with a primary contact, to be copied from.
 */
function sharedName(seed: number, index: number): string | undefined {
  if (index !== 5 && index !== 6) return undefined;
  const [first, second] = sharedCompanyNames(seed, 2).map(withoutLegalForm);
  return index === 5 ? `${first} SAS` : second!.toUpperCase();
}

function sharedShape(shape: Shape, index: number): Shape {
  return index === 5 ? { ...shape, archived: false, contacts: Math.max(shape.contacts, 2), primary: true } : shape;
}

function shapeOf(index: number, rng: Prng): Shape {
  if (index === 0) return { name: 'Dupont Maintenance', type: 3, archived: false, contacts: 3, primary: true };
  if (index <= 2) return { archived: false, contacts: rng.int(2, 4), primary: true };
  if (index === 3) return { archived: false, contacts: 0, primary: false };
  if (index === 4) return { archived: true, contacts: rng.int(1, 3), primary: true };
  const contacts = rng.chance(0.2) ? 0 : rng.int(1, 4);
  return { archived: rng.chance(0.12), contacts, primary: contacts > 0 && !rng.chance(0.1) };
}

export function generateKareData(options: KareSeedOptions): KareData {
  const companies: CompanyRecord[] = [];
  const contacts: ContactRecord[] = [];
  const ids = Prng.forPurpose(options.seed, 'kare-ids');
  let companyId = 100;
  let contactId = 5000;
  for (let index = 0; index < options.companies; index++) {
    const rng = new Prng(hash32(`${options.seed}:kare-company:${index}`));
    const shape = sharedShape(shapeOf(index, rng), index);
    const type: CompanyType = shape.type ?? rng.pick([1, 2, 3] as const);
    const drawn = shape.name ?? companyName(rng, type);
    const name = sharedName(options.seed, index) ?? drawn;
    const domain = `${slug(name)}.fr`;
    companyId += ids.int(1, 3);
    const createdDaysBack = rng.int(60, 900);
    const createdAt = timestamp(rng, createdDaysBack);
    const [zip, city] = rng.pick(CITIES);
    const company: CompanyRecord = {
      id: companyId,
      name,
      comment: rng.chance(0.4) ? rng.pick(COMMENTS) : null,
      location: rng.chance(0.9) ? `${rng.int(1, 180)} ${rng.pick(STREETS)}, ${zip} ${city}` : null,
      type,
      archivedAt: shape.archived ? timestamp(rng, rng.int(1, Math.min(createdDaysBack, 59))) : null,
      email: rng.chance(0.85) ? `contact@${domain}` : null,
      phones: rng.chance(0.8) ? [frenchPhone(rng)] : [],
      primaryContactId: null,
      technicalInstallations: INSTALLATIONS.filter(() => rng.chance(0.25)).map((i) => ({ id: i.id, name: i.key, tradKey: i.key, isDefault: false })),
      labels: LABELS.filter(() => rng.chance(0.15)).map((l) => ({ ...l })),
      establishmentIds: rng.chance(0.7) ? [rng.int(1, 12)] : [],
      organizationId: 1,
      createdAt,
      updatedAt: timestamp(rng, rng.int(0, createdDaysBack)),
    };
    for (let c = 0; c < shape.contacts; c++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(SURNAMES);
      contactId += ids.int(1, 2);
      const contactDaysBack = rng.int(0, createdDaysBack);
      const email = c === 0 || rng.chance(0.85) ? `${emailLocal(first, last)}@${domain}` : null;
      contacts.push({
        id: contactId,
        companyId,
        name: `${first} ${last}`,
        email: email !== null && KARE_EMAIL_PATTERN.test(email) ? email : null,
        phones: Array.from({ length: rng.int(0, 3) }, () => frenchPhone(rng)),
        comment: rng.chance(0.3) ? rng.pick(CONTACT_ROLES) : null,
        notifyAt: rng.chance(0.5) ? timestamp(rng, rng.int(0, contactDaysBack)) : null,
        createdAt: timestamp(rng, contactDaysBack),
        updatedAt: timestamp(rng, rng.int(0, contactDaysBack)),
      });
      if (c === 0 && shape.primary) company.primaryContactId = contactId;
    }
    companies.push(company);
  }
  return {
    seed: options.seed,
    organization: { id: 1, name: KARE_ORGANIZATION_NAME },
    user: { id: 1, email: KARE_USER_EMAIL, name: 'Camille Garnier' },
    companies,
    contacts,
  };
}
