// Kare's two contact forms as data plus what submitting does. Seed 003 is the source of every rule:
// create takes an ARRAY of contacts (one POST for the whole form), update is a PATCH where
// `notify` is required (kare.md §5.3) and the rest is sent only when changed.
import { ApiError, isApiError } from '../../core/errors';
import { writeOutcome } from '../../core/outcome';
import { memorySlot, type FormEffects, type FormHandler, type InDoubtSlot, type ProviderForms, type ContactPrefill } from '../../core/forms';
import * as z from '../../core/zod';
import type { Company, Contact } from '../../core/model';
import type { FieldSpec, FormRow, FormSpec, FormValue, FormValues } from '../../protocol/forms';
import { KARE_EMAIL } from './auth';
import type { KareCalls } from './calls';
import { ROWS_FIELD } from './errors';
import { formatWhen, idOf } from './mapping';
import type { ContactInput, ContactPatch, KareContact } from './schemas';
import { t } from '../../core/l10n';

export const NAME_MAX = 250;
export const EMAIL_MAX = 250;
export const PHONES_MAX = 5;
export const PHONE_MAX = 50;
export const COMMENT_MAX = 2500;
/** One submission is one POST; 50 rows keeps a refused batch readable and the body small. */
export const MAX_ROWS = 50;

const EMAIL_RULE = 'Kare accepts letters, digits and _ \' + - . before the @ (not starting with a dot, no two dots in a row, not ending with a dot or an apostrophe), and a domain ending in at least two letters';

/** The fields of one contact, exactly seed 003's rules (a row of the create form, the whole edit form). */
export function contactFields(): FieldSpec[] {
  return [
    { name: 'name', label: t('Name'), kind: 'text', required: true, maxLength: NAME_MAX, placeholder: t('e.g. Jane Doe') },
    {
      name: 'notify',
      label: t('Notify this contact'),
      kind: 'checkbox',
      // Required by the seed: always sent, true or false. Off by default: e-mailing people is a choice.
      required: true,
      help: t('Kare notifies the contact and records when.'),
    },
    { name: 'email', label: 'E-mail', kind: 'email', maxLength: EMAIL_MAX, pattern: KARE_EMAIL.source, patternMessage: EMAIL_RULE, placeholder: t('e.g. name@company.com') },
    {
      name: 'phones',
      label: t('Phones'),
      kind: 'lineList',
      help: t('One per line, at most {0}; any text (Kare does not check the format).', PHONES_MAX),
      maxItems: PHONES_MAX,
      maxItemsMessage: t('At most {0} phones', PHONES_MAX),
      itemMaxLength: PHONE_MAX,
      itemMessage: t('Each phone is at most {0} characters', PHONE_MAX),
    },
    { name: 'comment', label: t('Comment'), kind: 'textarea', maxLength: COMMENT_MAX },
  ];
}

export function emptyContactRow(): FormRow {
  return { name: '', notify: false, email: '', phones: [], comment: '' };
}

/** A neutral person as one of this form's rows: Kare has one name field and no title. */
export function prefilledRow(p: ContactPrefill): FormRow {
  const name = p.name?.trim() || [p.firstName, p.lastName].filter((x) => x?.trim()).join(' ');
  return { ...emptyContactRow(), name, email: p.email ?? '', phones: p.phones ?? [], comment: p.comment ?? '' };
}

export function kareForms(provider: KareCalls): ProviderForms {
  return {
    createsSeveral: true,
    createContacts: async (company, effects, options) => createContactsForm(provider, company, effects, options?.prefill),
    editContact: (company, contact, effects) => editContactForm(provider, company, contact, effects),
  };
}

// ---------------------------------------------------------------- the rules, checked on the host

/** JSON Schema's maxLength counts code points: an emoji is one character to Kare. */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * One value against its spec: required, maxLength, pattern, maxItems, itemMaxLength. The host's own
 * check before anything is sent, whatever the shared validator covers, so no rule of the seed is
 * left to the server.
 */
export function checkValue(field: FieldSpec, value: FormValue | undefined): string | undefined {
  const text = typeof value === 'string' ? (field.kind === 'textarea' ? value : value.trim()) : undefined;
  if (field.kind === 'checkbox') return typeof value === 'boolean' ? undefined : field.required ? `${field.label} must be on or off` : undefined;
  if (field.kind === 'lineList') {
    if (value === undefined || value === null || value === '') return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return t('{0} must be a list', field.label);
    const items = (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
    if (field.maxItems !== undefined && items.length > field.maxItems) return field.maxItemsMessage ? t('{0} (now {1})', field.maxItemsMessage, items.length) : t('At most {0} entries (now {1})', field.maxItems, items.length);
    const long = items.find((v) => field.itemMaxLength !== undefined && length(v) > field.itemMaxLength);
    if (long !== undefined) return t('{0}: "{1}" has {2}', field.itemMessage ?? t('Each entry is at most {0} characters', field.itemMaxLength!), long.slice(0, 60), length(long));
    return undefined;
  }
  if (value !== undefined && value !== null && typeof value !== 'string') return `${field.label} must be text`;
  if (!text) return field.required ? (field.requiredMessage ?? `${field.label} is required`) : undefined;
  if (field.maxLength !== undefined && length(text) > field.maxLength) return `${field.label} is at most ${field.maxLength} characters (now ${length(text)})`;
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(text)) return `"${text.slice(0, 80)}" is not an address Kare accepts: ${field.patternMessage ?? 'it does not match the API’s pattern'}`;
  return undefined;
}

/** Every problem of one contact, keyed `<prefix><field>`. */
function checkContact(fields: FieldSpec[], values: Record<string, FormValue | undefined>, prefix: string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const p = checkValue(f, values[f.name]);
    if (p) problems[`${prefix}${f.name}`] = p;
  }
  return problems;
}

/** Every problem of the create form's rows, keyed `contacts.<row>.<field>` (and `contacts` for the row count). */
export function checkRows(fields: FieldSpec[], value: FormValue | undefined): Record<string, string> {
  const rows = Array.isArray(value) ? (value as unknown[]) : [];
  if (rows.length === 0) return { [ROWS_FIELD]: t('Add at least one contact') };
  if (rows.length > MAX_ROWS) return { [ROWS_FIELD]: `At most ${MAX_ROWS} contacts in one submission (now ${rows.length})` };
  const problems: Record<string, string> = {};
  rows.forEach((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) problems[`${ROWS_FIELD}.${i}`] = t('This row is not a contact');
    else Object.assign(problems, checkContact(fields, row as Record<string, FormValue>, `${ROWS_FIELD}.${i}.`));
  });
  return problems;
}

/** Nothing was sent: the host's check refused what the webview let through. */
function refusedLocally(problems: Record<string, string>): ApiError {
  const fieldErrors: Record<string, string[]> = Object.create(null);
  for (const [k, v] of Object.entries(problems)) fieldErrors[k] = [v];
  return new ApiError({ kind: 'refused', method: 'POST', path: '', message: t('Some fields need attention: nothing was sent.'), fieldErrors });
}

const str = (v: FormValue | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: FormValue | undefined): string[] => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x !== '') : []);

/** One row as seed 003 takes it: name and notify always; empty e-mail and comment as null; phones only when there are some. */
export function contactInput(row: Record<string, FormValue | undefined>): ContactInput {
  const phones = list(row.phones);
  return {
    name: str(row.name).trim(),
    notify: row.notify === true,
    email: str(row.email).trim() || null,
    ...(phones.length ? { phones } : {}),
    comment: str(row.comment) === '' ? null : str(row.comment),
  };
}

const contactsCount = (n: number): string => (n === 1 ? t('1 contact') : t('{0} contacts', n));

// ---------------------------------------------------------------- create contacts (one POST, many rows)

/**
 * Which sent rows are listed now and were not before: matched by name and e-mail, each listed
 * contact used once (Kare returns no ids, so the listing is the only witness).
 */
export function landedRows(sent: ReadonlyArray<Pick<ContactInput, 'name' | 'email'>>, before: ReadonlyArray<Pick<KareContact, 'id'>>, after: KareContact[]): boolean[] {
  const old = new Set(before.map((c) => c.id));
  const fresh = after.filter((c) => !old.has(c.id));
  const used = new Set<number>();
  return sent.map((s) => {
    const hit = fresh.find((c) => !used.has(c.id) && c.name.trim() === s.name && (c.email ?? '').toLowerCase() === (s.email ?? '').toLowerCase());
    if (hit) used.add(hit.id);
    return hit !== undefined;
  });
}

/**
 * A create whose answer was lost: the rows it sent (what identifies them in a listing) and the ids
 * listed before it. The next submission re-lists and sends only the rows not found.
 */
const inDoubtRecord = z.object({ sent: z.array(z.object({ name: z.string(), email: z.nullable(z.string()) })), before: z.array(z.number()) });
type InDoubt = z.infer<typeof inDoubtRecord>;

function readInDoubt(slot: InDoubtSlot): InDoubt | undefined {
  const parsed = inDoubtRecord.safeParse(slot.get());
  return parsed.success ? parsed.data : undefined;
}

function rowNames(sent: ReadonlyArray<Pick<ContactInput, 'name' | 'email'>>, which: boolean[], want: boolean): string {
  return sent
    .map((s, i) => (which[i] === want ? `Contact ${i + 1} (${s.name || s.email || 'no name'})` : undefined))
    .filter(Boolean)
    .join(', ');
}

async function createContactsForm(provider: KareCalls, company: Company, effects: FormEffects, prefill?: ContactPrefill[]): Promise<FormHandler> {
  const rowFields = contactFields();
  const fields: FieldSpec[] = [
    {
      name: ROWS_FIELD,
      label: t('Contacts'),
      kind: 'rows',
      fields: rowFields,
      minRows: 1,
      maxRows: MAX_ROWS,
      addLabel: t('Add contact'),
      rowLabel: t('Contact'),
      paste: 'nameEmail',
      help: t('Paste lines like "Jeanne Martin <jeanne.martin@example.fr>", or cells copied from a spreadsheet (name, e-mail, phone…), to fill rows.'),
    },
  ];
  /** How many rows the last submission sent, for the wording of a refused batch. */
  let lastCount = 0;
  const local = memorySlot();
  const spec = (): FormSpec => ({
    kind: 'createContacts',
    title: t('Create Contacts — {0}', company.name),
    subtitle: t('All the rows are sent in one request; Kare creates them together.'),
    notes: [`Company: ${company.name}${company.archived ? ' (archived)' : ''}`],
    submitLabel: t('Create Contacts'),
    fields,
    values: { [ROWS_FIELD]: prefill?.length ? prefill.map(prefilledRow) : [emptyContactRow()] },
    draftKey: `kare/${company.id}/create-contacts`,
  });
  return {
    spec,
    async submit(values, { signal, inDoubt }) {
      const problems = checkRows(rowFields, values[ROWS_FIELD]);
      if (Object.keys(problems).length) throw refusedLocally(problems);
      const slot = inDoubt ?? local;
      const rows = (values[ROWS_FIELD] as FormRow[]).map(contactInput);
      lastCount = rows.length;
      // What is listed before sending is what a lost answer or a partial insert is compared with.
      const before = await provider.contactRecords(company.id, signal);
      // After a lost answer the same listing shows what the earlier attempt created: those rows
      // are not sent again (Kare returns no ids, so name and e-mail are the only witness).
      const doubt = readInDoubt(slot);
      const already = doubt ? landedRows(rows, doubt.before.map((id) => ({ id })), before) : rows.map(() => false);
      const sent = rows.filter((_, i) => !already[i]);
      const skipped = already.some(Boolean) ? `${rowNames(rows, already, true)} had been created by the earlier attempt and ${already.filter(Boolean).length === 1 ? 'was' : 'were'} not sent again.` : '';
      if (!sent.length) {
        slot.set(undefined);
        effects.contactsChanged(company.id);
        return { message: t('The earlier attempt reached Kare: all {0} are listed in {1} now. Nothing was sent again.', contactsCount(rows.length), company.name), clearDraft: true };
      }
      lastCount = sent.length;
      let inserted: number;
      try {
        inserted = await provider.createContacts(company.id, sent, signal);
      } catch (e) {
        // A refusal changes nothing: an earlier attempt in doubt is still looked for next time.
        if (writeOutcome(e) === 'refused') throw e;
        slot.set({ sent: sent.map((s) => ({ name: s.name, email: s.email ?? null })), before: before.map((c) => c.id) });
        return settleUnknown(e, sent, before, slot);
      }
      slot.set(undefined);
      effects.contactsChanged(company.id);
      if (inserted === sent.length) return { message: [inserted === 1 ? t('1 contact created in {0}.', company.name) : t('{0} contacts created in {1}.', inserted, company.name), skipped].filter(Boolean).join(' '), clearDraft: true };
      return reportPartial(inserted, sent, before);
    },
    placeError(e) {
      const entries = Object.entries(e.fieldErrors);
      if (!entries.length) return undefined;
      const fieldErrors: Record<string, string> = {};
      const elsewhere: string[] = [];
      for (const [path, messages] of entries) {
        if (/^contacts\.\d+\.[a-z]+$/i.test(path) && rowFields.some((f) => path.endsWith(`.${f.name}`))) fieldErrors[path] = messages.join(' ');
        else elsewhere.push(`${path.replace(/^contacts\.(\d+)$/, (_, i: string) => t('Contact {0}', Number(i) + 1))}: ${messages.join(' ')}`);
      }
      if (e.kind === 'refused' && e.status === undefined) return { message: [e.message, ...elsewhere].join(' '), fieldErrors };
      const rows = new Set(Object.keys(fieldErrors).map((p) => Number(p.split('.')[1]) + 1));
      // The banner names each field it concerns ("Contact 2 · E-mail"); Kare's own summary goes to the details line.
      const named = Object.keys(fieldErrors)
        .map((p) => {
          const [, i, sub] = p.split('.');
          return `${t('Contact {0}', Number(i) + 1)} · ${rowFields.find((f) => f.name === sub)?.label ?? sub}`;
        })
        .sort();
      const where = named.length ? ` (${named.join(', ')})` : '';
      const message = [t('Kare refused the batch for {0}{1}, so none of the {2} was created. Fix the marked fields and submit again.', company.name, where, lastCount ? contactsCount(lastCount) : t('contacts')), ...(elsewhere.length ? [elsewhere.join('; ')] : [])].join(' ');
      return { message, fieldErrors, ...(e.message ? { details: e.message } : {}) };
    },
  };

  /** 201 with fewer insertions than rows: say so, and which rows are missing when the listing tells. */
  async function reportPartial(inserted: number, sent: ContactInput[], before: KareContact[]) {
    const after = await provider.contactRecords(company.id).catch(() => undefined);
    const head = `Kare created ${inserted} of the ${contactsCount(sent.length)} in ${company.name}`;
    if (!after) return { message: t('{0} without saying which. Check its contacts in the tree before sending the others again.', head), clearDraft: false };
    const landed = landedRows(sent, before, after);
    const missing = landed.some((l) => !l) ? rowNames(sent, landed, false) : '';
    const rows = (values: boolean[]) => values.map((l, i) => (!l ? i : -1)).filter((i) => i >= 0);
    return {
      message: missing ? `${head}. Not created: ${missing}. They are kept in the form; send them again when ready.` : `${head}; all of them are listed now.`,
      clearDraft: !missing,
      ...(missing ? { values: { [ROWS_FIELD]: rows(landed).map((i) => rowOfInput(sent[i]!)) } } : {}),
    };
  }

  /** The answer was lost: the contacts are re-listed and compared before anyone may send again. */
  async function settleUnknown(e: unknown, sent: ContactInput[], before: KareContact[], slot: InDoubtSlot): Promise<never | { message: string; clearDraft: boolean }> {
    const why = e instanceof Error ? e.message : String(e);
    const after = await provider.contactRecords(company.id).catch(() => undefined);
    if (!after) {
      throw new Error(`Kare's answer was lost (${why}) and ${company.name}'s contacts could not be listed again, so whether they were created is unknown. Submitting again lists them first and sends only those not listed.`);
    }
    const landed = landedRows(sent, before, after);
    const count = landed.filter(Boolean).length;
    if (count === sent.length) {
      slot.set(undefined);
      effects.contactsChanged(company.id);
      return { message: t('Kare\'s answer was lost ({0}), but the contacts were listed again and all {1} are there: created in {2}.', why, contactsCount(count), company.name), clearDraft: true };
    }
    // Not listed is not "not created": a slow Kare may still be inserting them.
    const again = t('Submitting again lists them first and sends only the rows still not listed.');
    if (count === 0) {
      throw new Error(`Kare's answer was lost (${why}). The contacts were listed again and none of these ${contactsCount(sent.length)} is listed in ${company.name} yet. ${again}`);
    }
    effects.contactsChanged(company.id);
    throw new Error(`Kare's answer was lost (${why}). The contacts were listed again: ${rowNames(sent, landed, true)} ${count === 1 ? 'is' : 'are'} there now, ${rowNames(sent, landed, false)} not listed yet. ${again}`);
  }
}

function rowOfInput(c: ContactInput): FormRow {
  return { name: c.name, notify: c.notify, email: c.email ?? '', phones: c.phones ?? [], comment: c.comment ?? '' };
}

// ---------------------------------------------------------------- edit one contact (PATCH)

function contactValues(c: KareContact): FormValues {
  return { name: c.name, notify: false, email: c.email ?? '', phones: [...(c.phones ?? [])], comment: c.comment ?? '' };
}

/**
 * `notify` always (required on update); every other field only when it changed; a cleared e-mail or
 * comment as null and cleared phones as [] so Kare really clears them.
 */
export function contactPatch(before: KareContact, values: FormValues): ContactPatch {
  const next = contactInput(values);
  const patch: ContactPatch = { notify: next.notify };
  if (next.name !== before.name.trim()) patch.name = next.name;
  if ((next.email ?? null) !== (before.email ?? null)) patch.email = next.email ?? null;
  const phones = next.phones ?? [];
  const had = before.phones ?? [];
  if (phones.length !== had.length || phones.some((p, i) => p !== had[i])) patch.phones = phones;
  if ((next.comment ?? null) !== (before.comment ?? null)) patch.comment = next.comment ?? null;
  return patch;
}

/** Whether the listed contact now holds what the patch set (after a lost answer). */
function holds(c: KareContact, patch: ContactPatch): boolean {
  return (
    (patch.name === undefined || c.name === patch.name) &&
    (patch.email === undefined || (c.email ?? null) === patch.email) &&
    (patch.comment === undefined || (c.comment ?? null) === patch.comment) &&
    (patch.phones === undefined || JSON.stringify(c.phones ?? []) === JSON.stringify(patch.phones))
  );
}

async function editContactForm(provider: KareCalls, company: Company, contact: Contact, effects: FormEffects): Promise<FormHandler> {
  const find = async (signal?: AbortSignal) => (await provider.contactRecords(company.id, signal)).find((c) => idOf(c.id) === contact.id);
  let current = await find();
  if (!current) throw new Error(`${contact.name} is no longer listed in ${company.name}; refresh the tree.`);
  const fields = contactFields();
  return {
    spec: () => ({
      kind: 'editContact',
      title: t('Edit Contact — {0}', current!.name || contact.name),
      subtitle: t('Only the fields you change are sent; clearing a field clears it in Kare.'),
      notes: [t('Company: {0}', company.name), current!.notifyAt ? t('Last notified: {0}', formatWhen(current!.notifyAt, provider.locale)) : t('Not notified yet')],
      submitLabel: t('Save Contact'),
      fields,
      values: contactValues(current!),
      draftKey: `kare/${company.id}/contacts/${contact.id}`,
    }),
    async submit(values, { signal }) {
      const problems = checkContact(fields, values, '');
      if (Object.keys(problems).length) throw refusedLocally(problems);
      const patch = contactPatch(current!, values);
      const changed = Object.keys(patch).filter((k) => k !== 'notify');
      if (!changed.length && !patch.notify) return { message: t('Nothing to save: no field was changed.'), nothingSent: true };
      try {
        current = await provider.updateContact(company.id, contact.id, patch, signal);
      } catch (e) {
        if (writeOutcome(e) === 'refused') throw e;
        // A lost answer: the contact is read again; what it holds says whether the change landed.
        const now = await find().catch(() => undefined);
        const why = `Kare's answer was lost (${e instanceof Error ? e.message : String(e)})`;
        if (!now) throw new Error(`${why} and the contact could not be read again, so whether the change was saved is unknown: look at it in the tree before saving again.`);
        if (!changed.length) throw new Error(`${why}; whether Kare notified ${now.name} is unknown (a notification leaves no trace until it is sent). Save again only if you want them notified, possibly twice.`);
        if (!holds(now, patch)) throw new Error(t('{0}; the contact was read again and does not hold the change, so it was not saved: save again.', why));
        current = now;
      }
      effects.contactsChanged(company.id);
      const message = !changed.length
        ? t('Kare was asked to notify {0}.', current.name)
        : changed.length === 1
          ? patch.notify
            ? t('Saved 1 change to {0}; Kare notifies them.', current.name)
            : t('Saved 1 change to {0}.', current.name)
          : patch.notify
            ? t('Saved {0} changes to {1}; Kare notifies them.', changed.length, current.name)
            : t('Saved {0} changes to {1}.', changed.length, current.name);
      return { message, clearDraft: true, values: contactValues(current) };
    },
    placeError(e) {
      if (!isApiError(e)) return undefined;
      const names = new Set(fields.map((f) => f.name));
      const fieldErrors: Record<string, string> = {};
      const rest: string[] = [];
      for (const [k, v] of Object.entries(e.fieldErrors)) {
        const name = k.split('.')[0]!;
        if (names.has(name)) fieldErrors[name] = v.join(' ');
        else rest.push(`${k}: ${v.join(' ')}`);
      }
      if (!Object.keys(fieldErrors).length && !rest.length) return undefined;
      const own = e.kind === 'refused' && e.status === undefined;
      const named = Object.keys(fieldErrors).map((n) => `${fields.find((f) => f.name === n)?.label ?? n}: ${fieldErrors[n]}`);
      const lead = own ? e.message : current?.name ? t('Kare refused the change to {0}; nothing was saved.', current.name) : t('Kare refused the change to this contact; nothing was saved.');
      return { message: [lead, ...(own ? [] : named), ...rest].join(' '), fieldErrors, ...(!own && e.message ? { details: e.message } : {}) };
    },
  };
}
