// The rules a form field enforces, run in the webview as the person types and on the host before
// sending. The messages are the API's own where it publishes them.
import type { FieldCondition, FieldOption, FieldSpec, FormRow, FormScalar, FormSpec, FormValue, FormValues, NameEmail } from './forms';
import { t } from '../core/l10n';

// Deliberately simple: one @, no spaces, a dot in the domain. The server is the final judge.
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;

/** The length a phone field without its own maxLength is held to (the widest per-phone limit among the APIs). */
export const TEL_MAX_LENGTH = 50;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** True when the address is on one of the domains or a subdomain of one. */
export function onDomains(email: string, domains: readonly string[]): boolean {
  const d = emailDomain(email);
  return domains.some((allowed) => {
    const a = allowed.toLowerCase().replace(/^\.+/, '');
    return d === a || d.endsWith(`.${a}`);
  });
}

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** "Jane Doe <jane@x.com>", "jane@x.com" or "Jane Doe, jane@x.com". */
export function parseNameEmail(line: string): NameEmail | undefined {
  const angle = /^(.*?)\s*<([^>]+)>$/.exec(line);
  if (angle) return { name: angle[1]!.replace(/[",]+$/g, '').trim(), email: angle[2]!.trim() };
  const comma = /^(.*?),\s*(\S+@\S+)$/.exec(line);
  if (comma) return { name: comma[1]!.trim(), email: comma[2]!.trim() };
  if (isEmail(line)) return { name: '', email: line };
  return undefined;
}

export function formatNameEmail(p: NameEmail): string {
  return p.name ? `${p.name} <${p.email}>` : p.email;
}

function isEmpty(value: FormValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

// Patterns come from specs (the API's own), compiled once each.
const compiled = new Map<string, RegExp | null>();
function patternOf(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source);
    } catch {
      // A pattern the engine cannot read would refuse everything; the server still judges.
      re = null;
    }
    compiled.set(source, re);
  }
  return re;
}

function checkPattern(field: FieldSpec, value: string): string | undefined {
  if (!field.pattern) return undefined;
  const re = patternOf(field.pattern);
  return re && !re.test(value) ? (field.patternMessage ?? t('"{0}" is not in the expected form', value)) : undefined;
}

function checkItems(field: FieldSpec, list: readonly string[]): string | undefined {
  if (field.itemMaxLength === undefined) return undefined;
  const long = list.find((v) => v.length > field.itemMaxLength!);
  return long === undefined ? undefined : (field.itemMessage ?? t('Each entry is at most {0} characters ("{1}" has {2})', field.itemMaxLength, long.length > 40 ? `${long.slice(0, 39)}…` : long, long.length));
}

/**
 * The first problem with one field's value, or undefined when it is fine. `required` is the
 * field's requirement once its condition is known (requiredWhen); by default its own `required`.
 * Rows are checked as a whole here (count); their fields by validateForm, per path.
 */
export function validateField(field: FieldSpec, value: FormValue | undefined, required = !!field.required): string | undefined {
  if (field.readonly) return undefined;
  if (isEmpty(value)) {
    if (required) return field.requiredMessage ?? t('{0} is required', field.label);
    return field.kind === 'rows' && (field.minRows ?? 0) > 0 ? t('Add at least {0} {1}{2}', field.minRows ?? 0, (field.rowLabel ?? t('row')).toLowerCase(), field.minRows === 1 ? '' : 's') : undefined;
  }
  switch (field.kind) {
    case 'text':
    case 'tel':
    case 'textarea': {
      if (typeof value !== 'string') return t('{0} must be text', field.label);
      if (required && value.trim() === '') return field.requiredMessage ?? t('{0} is required', field.label);
      const max = field.maxLength ?? (field.kind === 'tel' ? TEL_MAX_LENGTH : undefined);
      if (max !== undefined && value.length > max) return t('{0} is at most {1} characters (now {2})', field.label, max, value.length);
      // The API's own pattern, when it has one, is the rule for the characters. Phone numbers have no
      // character rule: the APIs take any string, extensions included ("… ext. 12").
      if (field.pattern) return checkPattern(field, value);
      return undefined;
    }
    case 'email': {
      if (typeof value !== 'string') return t('{0} must be text', field.label);
      const v = value.trim();
      if (field.maxLength !== undefined && v.length > field.maxLength) return t('{0} is at most {1} characters (now {2})', field.label, field.maxLength, v.length);
      // The API's pattern replaces the generic check: it is the rule the server applies.
      if (field.pattern) return checkPattern(field, v);
      if (!isEmail(v)) return t('"{0}" is not a valid e-mail address', v);
      // The company's domains are a warning (warnField), never a refusal: the server decides.
      return undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || !Number.isInteger(n)) return t('{0} must be a whole number', field.label);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return field.rangeMessage ?? t('{0} must be between {1} and {2}', field.label, field.min ?? '', field.max ?? '');
      }
      return undefined;
    }
    case 'select': {
      if (typeof value !== 'string') return t('Choose a {0}', field.label.toLowerCase());
      if (field.options && !field.options.some((o) => o.value === value)) return t('"{0}" is not one of the choices', value);
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : t('{0} must be on or off', field.label);
    case 'emailList':
    case 'lineList': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return t('{0} must be a list', field.label);
      const list = value as string[];
      if (field.kind === 'emailList') {
        const bad = list.find((v) => !isEmail(v));
        if (bad) return t('"{0}" is not a valid e-mail address', bad);
      }
      if (field.maxItems !== undefined && list.length > field.maxItems) return field.maxItemsMessage ?? t('At most {0} entries (now {1})', field.maxItems, list.length);
      const item = checkItems(field, list);
      if (item) return item;
      if (field.maxJoinedLength !== undefined) {
        const joined = list.join(field.joinWith ?? ',').length;
        if (joined > field.maxJoinedLength) return t('{0} ({1} of {2} characters)', field.maxJoinedMessage ?? t('Too long when combined'), joined, field.maxJoinedLength);
      }
      return undefined;
    }
    case 'nameEmailList': {
      if (!Array.isArray(value)) return t('{0} must be a list', field.label);
      for (const p of value as NameEmail[]) {
        if (typeof p !== 'object' || p === null || typeof p.email !== 'string' || !isEmail(p.email)) return t('Each line needs a valid e-mail, like "Jane Doe <jane@example.com>"');
        if (typeof p.name !== 'string' || p.name.trim() === '') return t('Add a name for {0}, like "Jane Doe <{1}>"', p.email, p.email);
      }
      if (field.maxItems !== undefined && value.length > field.maxItems) return field.maxItemsMessage ?? t('At most {0} entries', field.maxItems);
      return undefined;
    }
    case 'rows': {
      if (!Array.isArray(value) || !value.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return t('{0} must be a list of rows', field.label);
      const what = (field.rowLabel ?? t('row')).toLowerCase();
      if (field.minRows !== undefined && value.length < field.minRows) return t('Add at least {0} {1}{2} (now {3})', field.minRows, what, field.minRows === 1 ? '' : 's', value.length);
      if (field.maxRows !== undefined && value.length > field.maxRows) return field.maxItemsMessage ?? t('At most {0} {1}s in one submission (now {2})', field.maxRows, what, value.length);
      return undefined;
    }
  }
}

// ---------------------------------------------------------------- conditions and paths

type Row = Readonly<Record<string, FormValue | undefined>>;

/** Where a field sits: top level, or row `index` of the rows field `parent`. */
export interface FieldPlace {
  field: FieldSpec;
  /** `firstName`, or `contacts.2.email`. */
  path: string;
  value: FormValue | undefined;
  required: boolean;
  row?: { parent: FieldSpec; index: number };
}

/** A row field's path: `contacts.2.email`. */
export function rowPath(parent: string, index: number, name: string): string {
  return `${parent}.${index}.${name}`;
}

/** True when the other field's value is the one (or one of those) the condition names. */
export function conditionHolds(cond: FieldCondition, row: { fields: readonly FieldSpec[]; values: Row } | undefined, top: Row): boolean {
  const value = row && row.fields.some((f) => f.name === cond.field) ? row.values[cond.field] : top[cond.field];
  const wanted: ReadonlyArray<string | boolean> = Array.isArray(cond.equals) ? cond.equals : [cond.equals as string | boolean];
  return wanted.some((w) => w === value);
}

/**
 * Every field that is shown, in order, with its value, path and requirement; row fields after
 * their rows field, per row. Hidden fields (visibleWhen not met) are left out, with their rows.
 */
export function visibleFields(spec: Pick<FormSpec, 'fields'>, values: Readonly<Record<string, FormValue | undefined>>): FieldPlace[] {
  const out: FieldPlace[] = [];
  const shown = (f: FieldSpec, row?: { fields: readonly FieldSpec[]; values: Row }) => !f.visibleWhen || conditionHolds(f.visibleWhen, row, values);
  const needed = (f: FieldSpec, row?: { fields: readonly FieldSpec[]; values: Row }) => !!f.required || (!!f.requiredWhen && conditionHolds(f.requiredWhen, row, values));
  for (const field of spec.fields) {
    if (!shown(field)) continue;
    const value = values[field.name];
    out.push({ field, path: field.name, value, required: needed(field) });
    if (field.kind !== 'rows' || !Array.isArray(value)) continue;
    const fields = field.fields ?? [];
    (value as unknown[]).forEach((r, index) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) return;
      const row = { fields, values: r as Row };
      for (const sub of fields) {
        if (!shown(sub, row)) continue;
        out.push({ field: sub, path: rowPath(field.name, index, sub.name), value: row.values[sub.name], required: needed(sub, row), row: { parent: field, index } });
      }
    });
  }
  return out;
}

/** The form with loaded options filled into the selects that name an `optionsSource` (rows too). */
export function withOptions<T extends Pick<FormSpec, 'fields'>>(spec: T, loaded: (source: string) => readonly FieldOption[] | undefined): T {
  const fill = (f: FieldSpec): FieldSpec => {
    const options = f.optionsSource ? loaded(f.optionsSource) : undefined;
    const withRows = f.fields ? { ...f, fields: f.fields.map(fill) } : f;
    return options ? { ...withRows, options: [...options] } : withRows;
  };
  return { ...spec, fields: spec.fields.map(fill) };
}

/**
 * Only what a handler may see: declared fields that are shown, read-only ones with the form's
 * own value, and per row only the row's declared, shown fields. Anything else is dropped.
 */
export function declaredValues(spec: Pick<FormSpec, 'fields' | 'values'>, values: FormValues): FormValues {
  const out: FormValues = {};
  const rows = new Map<string, FormRow[]>();
  for (const place of visibleFields(spec, values)) {
    if (place.row) {
      const list = rows.get(place.row.parent.name)!;
      if (place.value !== undefined && !place.field.readonly) list[place.row.index]![place.field.name] = place.value as FormScalar;
      continue;
    }
    const { field } = place;
    if (field.readonly) {
      if (field.name in spec.values) out[field.name] = spec.values[field.name]!;
    } else if (field.kind === 'rows' && Array.isArray(place.value)) {
      const list = (place.value as unknown[]).filter((r) => typeof r === 'object' && r !== null && !Array.isArray(r)).map(() => ({}) as FormRow);
      rows.set(field.name, list);
      out[field.name] = list;
    } else if (place.value !== undefined) out[field.name] = place.value;
  }
  return out;
}

/** "a.com, b.com, c.com" or, for a long list, the first few "and N more". */
export function describeDomains(domains: readonly string[], shown = 5): string {
  const head = domains.slice(0, shown).join(', ');
  return domains.length > shown ? t('{0} and {1} more', head, domains.length - shown) : head;
}

/**
 * What the person should know but may override: an address on none of the company's known
 * domains. The list a client can read may be incomplete, so this never keeps a form from being sent.
 */
export function warnField(field: FieldSpec, value: FormValue | undefined): string | undefined {
  if (field.readonly || field.kind !== 'email' || !field.emailDomains?.length || typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!isEmail(v) || onDomains(v, field.emailDomains)) return undefined;
  return field.domainMessage ?? t('"{0}" is not one of the company’s known domains ({1}). The server decides: you can still send.', emailDomain(v), describeDomains(field.emailDomains));
}

/** Every shown field's warning, keyed by path. */
export function warnForm(spec: Pick<FormSpec, 'fields'>, values: FormValues): Record<string, string> {
  const warnings: Record<string, string> = {};
  for (const place of visibleFields(spec, values)) {
    const warning = warnField(place.field, place.value);
    if (warning) warnings[place.path] = warning;
  }
  return warnings;
}

/**
 * Every shown field's problem, keyed by path (`firstName`, `contacts.2.email`); empty when the
 * form may be sent. Conditions see every value; a hidden field is not checked.
 */
export function validateForm(spec: Pick<FormSpec, 'fields'>, values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const place of visibleFields(spec, values)) {
    const problem = validateField(place.field, place.value, place.required);
    if (problem) errors[place.path] = problem;
  }
  return errors;
}
