// Guidewire's create-contact form as data (seed 004, guidewire.md §4.6): Person or Company, the
// primary address with a State from the typelist, and "Make it the primary contact" which sends one
// atomic request-inclusion PATCH; unchecked, a plain POST /common/v1/contacts.
import { isApiError, type ApiError } from '../../core/errors';
import { FormStaleError, firstLastOf, memorySlot, type ContactPrefill, type FormEffects, type FormHandler, type InDoubtSlot, type PlacedError, type ProviderForms } from '../../core/forms';
import type { Company } from '../../core/model';
import { writeOutcome } from '../../core/outcome';
import * as z from '../../core/zod';
import type { FieldOption, FieldSpec, FormSpec, FormValues } from '../../protocol/forms';
import { contactAttributes, inclusionBody } from './bodies';
import type { GuidewireCalls } from './calls';
import { contactName } from './mapping';
import type { GwContact, GwOrganization } from './schemas';
import { t } from '../../core/l10n';

/**
 * A write whose answer was lost: its GW-DBTransaction-ID and the content it carried. Sending the
 * same content again reuses the id, so Guidewire's replay rule (AlreadyExecutedException) keeps
 * it from being executed twice; a new click alone would bring a new id.
 */
const inDoubtRecord = z.object({ transactionId: z.string(), content: z.string() });
type InDoubt = z.infer<typeof inDoubtRecord>;

function readInDoubt(slot: InDoubtSlot): InDoubt | undefined {
  const parsed = inDoubtRecord.safeParse(slot.get());
  return parsed.success ? parsed.data : undefined;
}

/** Whether the organization's primary contact is the one `content` (an in-doubt send) created. */
function isPrimaryFrom(contact: GwContact | null | undefined, content: string): boolean {
  if (!contact) return false;
  const sent = (JSON.parse(content) as { attributes: Record<string, unknown> }).attributes;
  const same = (a: unknown, b: unknown) => (typeof a === 'string' ? a.trim().toLowerCase() : '') === (typeof b === 'string' ? b.trim().toLowerCase() : '');
  const c = contact as Record<string, unknown>;
  return ['firstName', 'lastName', 'companyName', 'emailAddress1'].every((k) => same(c[k], sent[k]));
}

export const STATE_SOURCE = 'typelist:State';

/** The base configuration's two subtypes (seed 004), by the seed's codes. */
export const SUBTYPE_OPTIONS: FieldOption[] = [
  { value: 'Person', label: t('Person') },
  { value: 'Company', label: t('Company') },
];

const PERSON = { field: 'subtype', equals: 'Person' } as const;
const COMPANY = { field: 'subtype', equals: 'Company' } as const;

export function createContactFields(organizationName: string): FieldSpec[] {
  return [
    { name: 'subtype', label: t('Subtype'), kind: 'select', required: true, options: SUBTYPE_OPTIONS, section: t('Contact') },
    { name: 'firstName', label: t('First name'), kind: 'text', visibleWhen: PERSON, requiredWhen: PERSON },
    { name: 'lastName', label: t('Last name'), kind: 'text', visibleWhen: PERSON, requiredWhen: PERSON },
    { name: 'companyName', label: t('Company name'), kind: 'text', visibleWhen: COMPANY, requiredWhen: COMPANY },
    { name: 'emailAddress1', label: 'E-mail', kind: 'email', placeholder: t('e.g. name@company.com') },
    { name: 'workPhone', label: t('Work phone'), kind: 'tel', placeholder: 'e.g. +1 555 010 0000' },
    { name: 'addressLine1', label: t('Address line 1'), kind: 'text', required: true, section: t('Primary address') },
    { name: 'addressLine2', label: t('Address line 2'), kind: 'text' },
    { name: 'city', label: t('City'), kind: 'text', required: true },
    { name: 'state', label: t('State'), kind: 'select', required: true, optionsSource: STATE_SOURCE },
    { name: 'postalCode', label: t('Postal code'), kind: 'text', required: true },
    { name: 'country', label: t('Country'), kind: 'text', placeholder: t('e.g. US') },
    {
      name: 'makePrimary',
      label: t('Make it the primary contact of {0}', organizationName),
      kind: 'checkbox',
      section: t('Organization'),
      help: t('One atomic call creates the contact and sets it as primary; unchecked, the contact is created on its own.'),
    },
  ];
}

/** API field paths (details[].fieldName) → form fields. */
const FIELD_OF: Record<string, string> = {
  subtype: 'subtype',
  'subtype.code': 'subtype',
  firstName: 'firstName',
  lastName: 'lastName',
  companyName: 'companyName',
  emailAddress1: 'emailAddress1',
  workPhone: 'workPhone',
  'workPhone.number': 'workPhone',
  primaryAddress: 'addressLine1',
  'primaryAddress.addressLine1': 'addressLine1',
  'primaryAddress.addressLine2': 'addressLine2',
  'primaryAddress.city': 'city',
  'primaryAddress.state': 'state',
  'primaryAddress.state.code': 'state',
  'primaryAddress.postalCode': 'postalCode',
  'primaryAddress.country': 'country',
  'primaryAddress.country.code': 'country',
};

/** The form field an API field path concerns; a path inside the inclusion or the envelope is its contact's own. */
export function formFieldOf(apiField: string): string | undefined {
  const own = apiField.replace(/^data\.attributes\./, '').replace(/^included\.Contact\[\d+\]\.attributes\./, '');
  return Object.prototype.hasOwnProperty.call(FIELD_OF, own) ? FIELD_OF[own] : undefined;
}

/**
 * Guidewire's `details[]` on the form's fields. Its `userMessage` is written for end users, so it
 * leads; the banner names each field it concerns ("Postal code: …") and the organization, and the
 * API's own summary stays on the details line.
 */
export function placeGuidewireError(e: ApiError, organization = 'the organization', fields: FieldSpec[] = createContactFields(organization)): PlacedError | undefined {
  if (e.details.length === 0) return undefined;
  const fieldErrors: Record<string, string> = {};
  const named: string[] = [];
  const rest: string[] = [];
  for (const d of e.details) {
    const field = d.field === undefined ? undefined : formFieldOf(d.field);
    if (field) {
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${d.message}` : d.message;
      named.push(`${fields.find((f) => f.name === field)?.label ?? field}: ${d.message}`);
    } else if (d.message !== e.message) rest.push(d.field ? `${d.field}: ${d.message}` : d.message);
  }
  const lead = t('Guidewire refused the contact for {0}.', organization);
  return { message: [lead, ...named, ...rest].join(' '), fieldErrors, details: e.message };
}

export function guidewireForms(provider: GuidewireCalls): ProviderForms {
  return { createsNonPrimary: true, createContacts: (company, effects, options) => createContactForm(provider, company, effects, options?.prefill?.[0]) };
}

const orgName = (o: GwOrganization, company: Company) => o.attributes.displayName?.trim() || o.attributes.name?.trim() || company.name;

const EMPTY_CONTACT: FormValues = { subtype: 'Person', firstName: '', lastName: '', companyName: '', emailAddress1: '', workPhone: '', addressLine1: '', addressLine2: '', city: '', state: '', postalCode: '', country: '', makePrimary: true };

/**
 * A neutral person in this form: a Person with first and last names (a whole name split), e-mail,
 * one phone, the address where the source has one (a CSV row; none is invented for a copied
 * person) and whether to make them primary (default yes, as the empty form).
 */
export function createContactPrefill(p: ContactPrefill): FormValues {
  const { first, last } = firstLastOf(p);
  const a = p.address ?? {};
  const address = { addressLine1: a.line1 ?? '', addressLine2: a.line2 ?? '', city: a.city ?? '', state: a.state ?? '', postalCode: a.postalCode ?? '', country: a.country ?? '' };
  return { ...EMPTY_CONTACT, firstName: first, lastName: last, emailAddress1: p.email?.trim() ?? '', workPhone: p.phones?.find((x) => x.trim())?.trim() ?? '', ...address, makePrimary: p.primary ?? true };
}

async function createContactForm(provider: GuidewireCalls, company: Company, effects: FormEffects, prefill?: ContactPrefill): Promise<FormHandler> {
  // Read now: the checksum the PATCH carries is the one of the organization this form shows.
  let org = await provider.organization(company.id);
  let states: Promise<FieldOption[]> | undefined;
  const local = memorySlot();
  const spec = (): FormSpec => {
    const name = orgName(org, company);
    const primary = org.attributes.contact;
    return {
      kind: 'createContacts',
      title: t('Create Contact — {0}', name),
      subtitle: 'A Person or Company contact with its primary address.',
      notes: [`Organization: ${name}${org.attributes.type ? ` (${org.attributes.type.name ?? org.attributes.type.code})` : ''}`, `Primary contact: ${primary ? contactName(primary) : 'none'}`],
      submitLabel: t('Create Contact'),
      fields: createContactFields(name),
      values: prefill ? createContactPrefill(prefill) : EMPTY_CONTACT,
      draftKey: `guidewire/${company.id}/create-contact`,
      ...(prefill ? { prefilled: true } : {}),
    };
  };
  return {
    spec,
    async submit(values: FormValues, ctx) {
      const attributes = contactAttributes(values);
      const name = (attributes.companyName as string | undefined) ?? `${attributes.firstName as string} ${attributes.lastName as string}`;
      const orgLabel = orgName(org, company);
      const slot = ctx.inDoubt ?? local;
      const content = JSON.stringify({ attributes, makePrimary: values.makePrimary === true });
      const doubt = readInDoubt(slot);
      const transactionId = doubt?.content === content ? doubt.transactionId : ctx.requestId;
      // A real answer settles this content's doubt; a doubt about other content stays for when it is sent again.
      const settled = () => {
        if (!doubt || doubt.content === content) slot.set(undefined);
      };
      /** A lost answer keeps the id for the next send of the same content. */
      const settle = (e?: unknown) => {
        if (e !== undefined && writeOutcome(e) !== 'refused') slot.set({ transactionId, content });
        else settled();
      };
      if (values.makePrimary !== true) {
        const created = await provider.createContact(attributes, transactionId, ctx.signal).catch((e: unknown) => {
          settle(e);
          throw e;
        });
        settle();
        const linked = t('It is not linked to {0} until it is made its primary contact (Set Primary Contact…).', orgLabel);
        return created.outcome === 'already'
          ? { message: t('Already done: this contact had been created by an earlier send of the same request. {0}', linked), clearDraft: true }
          : { message: t('{0} was created. {1}', created.name ?? name, linked), clearDraft: true };
      }
      try {
        const got = await provider.patchOrganization(company.id, inclusionBody(attributes, org.checksum ?? undefined), transactionId, ctx.signal);
        settle();
        org = got.organization;
        effects.contactsChanged(company.id);
        const now = org.attributes.contact ? contactName(org.attributes.contact) : name;
        return got.outcome === 'already'
          ? { message: t('Already done: this request had been sent before; {0}\'s primary contact is {1}.', orgLabel, now), clearDraft: true }
          : { message: t('{0} was created and is now the primary contact of {1}.', now, orgLabel), clearDraft: true };
      } catch (e) {
        if (isApiError(e) && e.kind === 'conflict') {
          org = await provider.organizationAsRead(company.id, ctx.signal);
          // The tree shows the organization too: it follows the reload.
          effects.contactsChanged(company.id);
          // Right after a lost answer, the change may be our own earlier send that landed.
          if (doubt && isPrimaryFrom(org.attributes.contact, doubt.content)) {
            slot.set(undefined);
            const now = contactName(org.attributes.contact!);
            return { message: t('The earlier attempt reached Guidewire: {0} is the primary contact of {1}. Nothing was sent again.', now, orgName(org, company)), clearDraft: true };
          }
          settled();
          throw new FormStaleError(t('Someone else changed {0} since you opened this form; it was reloaded. Check and send again.', orgName(org, company)));
        }
        settle(e);
        throw e;
      }
    },
    placeError: (e) => placeGuidewireError(e, orgName(org, company)),
    async options(source, signal) {
      if (source !== STATE_SOURCE) return [];
      // Loaded once per form; a failed load is not kept, so reopening the select asks again.
      states ??= provider.typelist('State', signal).then((keys) => keys.map((k) => ({ value: k.code, label: k.name ?? k.code })));
      return states.catch((e: unknown) => {
        states = undefined;
        throw e;
      });
    },
  };
}
