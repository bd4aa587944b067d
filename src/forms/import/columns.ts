// Which CSV column holds what: guessed from the header (English and French words, and the column
// names the export writes), changed by the person, remembered per header.
import * as z from '../../core/zod';

/** What a column can feed: the neutral ContactPrefill's fields, the company, or nothing. */
export const IMPORT_FIELDS = ['companyId', 'company', 'name', 'firstName', 'lastName', 'email', 'phone', 'title', 'comment', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country', 'primary', 'ignore'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Each field: how the mapping step names it, and the header the export writes for it (absent: not exported). */
const FIELDS: Array<[ImportField, string, string?]> = [
  ['companyId', 'Company id', 'Company ID'],
  ['company', 'Company (name or domain)', 'Company'],
  ['name', 'Full name', 'Name'],
  ['firstName', 'First name', 'First name'],
  ['lastName', 'Last name', 'Last name'],
  ['email', 'E-mail', 'E-mail'],
  ['phone', 'Phone', 'Phone'],
  ['title', 'Title', 'Title'],
  ['comment', 'Comment', 'Comment'],
  ['addressLine1', 'Address line 1', 'Address line 1'],
  ['addressLine2', 'Address line 2', 'Address line 2'],
  ['city', 'City', 'City'],
  ['state', 'State', 'State'],
  ['postalCode', 'Postal code', 'Postal code'],
  ['country', 'Country', 'Country'],
  ['primary', 'Primary contact (yes/no)', 'Primary'],
  ['ignore', 'Ignore this column'],
];

export const FIELD_LABELS = Object.fromEntries(FIELDS.map(([f, label]) => [f, label])) as Record<ImportField, string>;

/**
 * The header the export writes (and the import reads back without asking): one column per field,
 * in this order. Exported for the export command, so the two cannot drift apart.
 */
export const EXPORT_HEADER = Object.fromEntries(FIELDS.filter((f) => f[2]).map(([f, , header]) => [f, header])) as Record<Exclude<ImportField, 'ignore'>, string>;

/** Lower case, no accents, no punctuation or spaces: "E-mail" = "email", "Prénom" = "prenom". */
export function normalizeHeader(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const WORDS: Array<[ImportField, string[]]> = [
  ['companyId', ['companyid', 'companyguid', 'idcompany', 'organizationid', 'orgid', 'idsociete', 'identifiantsociete', 'identreprise']],
  ['company', ['company', 'companyname', 'companydomain', 'organization', 'organisation', 'org', 'domain', 'domaine', 'societe', 'entreprise', 'raisonsociale', 'nomsociete', 'nomentreprise', 'vendor', 'fournisseur']],
  ['email', ['email', 'mail', 'emailaddress', 'courriel', 'adressecourriel', 'adresseemail', 'adressemail', 'emailaddress1']],
  ['firstName', ['firstname', 'givenname', 'first', 'prenom']],
  ['lastName', ['lastname', 'surname', 'familyname', 'last', 'nomdefamille']],
  ['name', ['name', 'fullname', 'contact', 'contactname', 'nomcomplet', 'nomcontact', 'formalname']],
  ['phone', ['phone', 'phones', 'phonenumber', 'telephone', 'tel', 'mobile', 'portable', 'workphone', 'numerodetelephone']],
  ['title', ['title', 'jobtitle', 'fonction', 'poste', 'titre', 'role']],
  ['comment', ['comment', 'comments', 'note', 'notes', 'commentaire', 'commentaires', 'remarque', 'remarques']],
  ['addressLine1', ['address', 'addressline1', 'address1', 'street', 'adresse', 'adresseligne1', 'rue']],
  ['addressLine2', ['addressline2', 'address2', 'adresseligne2', 'complementdadresse', 'complementadresse']],
  ['city', ['city', 'town', 'ville', 'commune']],
  ['state', ['state', 'province', 'region', 'etat', 'departement']],
  ['postalCode', ['postalcode', 'zip', 'zipcode', 'postcode', 'codepostal', 'cp']],
  ['country', ['country', 'pays']],
  ['primary', ['primary', 'primarycontact', 'isprimary', 'principal', 'contactprincipal', 'pointofcontact', 'makeprimary']],
];
const BY_WORD = new Map(WORDS.flatMap(([field, words]) => words.map((w) => [w, field] as const)));

/** A field per column; a field goes to its first column only. French "Nom" is the last name beside a "Prénom", else the whole name. */
export function guessMapping(header: readonly string[]): ImportField[] {
  const norm = header.map(normalizeHeader);
  const hasFirst = norm.some((n) => BY_WORD.get(n) === 'firstName');
  const taken = new Set<ImportField>();
  return norm.map((n) => {
    let field: ImportField = n === 'nom' ? (hasFirst ? 'lastName' : 'name') : (BY_WORD.get(n) ?? 'ignore');
    if (field !== 'ignore' && taken.has(field)) field = 'ignore';
    taken.add(field);
    return field;
  });
}

/** What identifies a header for remembering its mapping: its cells, normalized, in order. */
export function headerSignature(header: readonly string[]): string {
  return header.map(normalizeHeader).join('|');
}

export const MAPPINGS_KEY = 'portfolioContacts.importMappings';
/** Remembered headers: the newest kept, the rest forgotten. */
export const MAX_MAPPINGS = 50;

const mappingsSchema = z.record(z.string(), z.object({ fields: z.array(z.enum(IMPORT_FIELDS)), at: z.number() }));
type Mappings = z.infer<typeof mappingsSchema>;

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

function readMappings(state: MementoLike): Mappings {
  const parsed = mappingsSchema.safeParse(state.get(MAPPINGS_KEY));
  return parsed.success ? parsed.data : {};
}

/** The mapping chosen last time for this header, if it still fits it. */
export function rememberedMapping(state: MementoLike, header: readonly string[]): ImportField[] | undefined {
  const hit = readMappings(state)[headerSignature(header)];
  return hit && hit.fields.length === header.length ? hit.fields : undefined;
}

export async function rememberMapping(state: MementoLike, header: readonly string[], fields: readonly ImportField[], now = Date.now()): Promise<void> {
  const all = { ...readMappings(state), [headerSignature(header)]: { fields: [...fields], at: now } };
  const kept = Object.entries(all)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_MAPPINGS);
  await state.update(MAPPINGS_KEY, Object.fromEntries(kept));
}

/** Why a mapping cannot be used, or undefined when it can. */
export function mappingProblem(fields: readonly ImportField[]): string | undefined {
  if (!fields.includes('companyId') && !fields.includes('company')) return 'Choose the column that names the company (its id, name or domain).';
  if (!fields.includes('email')) return 'Choose the column that holds the e-mail address: it is how a contact already there is recognised.';
  if (!fields.includes('name') && !fields.includes('firstName') && !fields.includes('lastName')) return 'Choose the column (or columns) that hold the name.';
  return undefined;
}
