// Pure: between what a control holds (its raw text, or a checkbox's boolean) and the typed value the
// protocol carries. No DOM here, so it is unit-tested under Node.
import type { FieldKind, FieldOption, FieldSpec, FormRow, FormScalar, FormSpec, FormValue, FormValues, NameEmail } from '../../src/protocol/forms';
import { type RawValue, type RawValues, rowCount, toRaw } from '../../src/protocol/raw';
import { declaredValues, type FieldPlace, lines, parseNameEmail, rowPath, validateField, visibleFields, warnField, withOptions } from '../../src/protocol/validate';
import { t } from '../../src/core/l10n';

export { toRaw, type RawValue, type RawValues };

export const FIELD_KINDS: readonly FieldKind[] = ['text', 'email', 'tel', 'textarea', 'number', 'select', 'checkbox', 'emailList', 'nameEmailList', 'lineList', 'rows'];

/** Kinds edited in a multi-line textarea (Enter is a newline there; Ctrl/Cmd+Enter submits). */
export function isMultiline(kind: FieldKind): boolean {
  return kind === 'textarea' || kind === 'emailList' || kind === 'lineList' || kind === 'nameEmailList';
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A raw value of the right type for the field's control, or undefined (a stale or foreign draft). */
export function fitsField(field: Pick<FieldSpec, 'kind'>, raw: unknown): raw is RawValue {
  if (field.kind === 'rows') return typeof raw === 'string' && /^\d{1,3}$/.test(raw);
  return field.kind === 'checkbox' ? typeof raw === 'boolean' : typeof raw === 'string';
}

export interface Parsed {
  value: FormValue;
  /** A problem found while reading the text (an unparsable line), before the field's rules run. */
  problem?: string;
}

/** The protocol value of what a control holds. Single-line text is trimmed; a textarea is sent as typed. */
export function fromRaw(field: Pick<FieldSpec, 'kind'>, raw: RawValue): Parsed {
  if (field.kind === 'checkbox') return { value: raw === true || raw === 'true' };
  const text = typeof raw === 'string' ? raw : '';
  switch (field.kind) {
    case 'textarea':
      return { value: text };
    case 'number': {
      const t = text.trim();
      if (t === '') return { value: null };
      // Not a number: sent on as text, so validateField names the problem ("must be a whole number").
      return { value: NUMBER.test(t) ? Number(t) : t };
    }
    case 'emailList':
    case 'lineList':
      return { value: lines(text) };
    case 'nameEmailList':
      return parseNameEmailLines(text);
    case 'select':
      return { value: text };
    default:
      return { value: text.trim() };
  }
}

/** One "Name <e-mail>" per line; the first line that does not parse is named by its number. */
export function parseNameEmailLines(text: string): Parsed {
  const out: NameEmail[] = [];
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!.trim();
    if (line === '') continue;
    const p = parseNameEmail(line);
    if (!p) return { value: out, problem: t('Line {0}, "{1}", is not "Name <e-mail>", like "Jane Doe <jane@example.com>"', i + 1, clip(line)) };
    out.push(p);
  }
  return { value: out };
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface Collected {
  /** What is sent: shown fields only (hidden ones are neither checked nor sent). */
  values: FormValues;
  /** The first problem of each shown field that has one, keyed by path (`contacts.2.email`). */
  errors: Record<string, string>;
  /** What the person may override (an address off the company's known domains); never blocks. */
  warnings: Record<string, string>;
  /** Every shown field, in order, with its path and whether it is required now. */
  places: FieldPlace[];
}

/** Every field's value from the raws (rows rebuilt from their paths), and what could not be read. */
function valuesOf(spec: Pick<FormSpec, 'fields' | 'values'>, raws: RawValues): { values: FormValues; problems: Record<string, string> } {
  const values: FormValues = {};
  const problems: Record<string, string> = {};
  const read = (field: FieldSpec, path: string, fallback: RawValue): FormValue => {
    const { value, problem } = fromRaw(field, raws[path] ?? fallback);
    if (problem) problems[path] = problem;
    return value;
  };
  for (const field of spec.fields) {
    const own = spec.values[field.name];
    if (field.readonly) {
      if (own !== undefined) values[field.name] = own;
    } else if (field.kind === 'rows') {
      const given = Array.isArray(own) ? (own as FormRow[]) : [];
      const rows: FormRow[] = [];
      for (let i = 0; i < rowCount(raws[field.name] ?? toRaw(field, own)); i++) {
        const row: FormRow = {};
        for (const sub of field.fields ?? []) row[sub.name] = (sub.readonly ? given[i]?.[sub.name] : read(sub, rowPath(field.name, i, sub.name), toRaw(sub, given[i]?.[sub.name])) as FormScalar | undefined) ?? null;
        rows.push(row);
      }
      values[field.name] = rows;
    } else values[field.name] = read(field, field.name, toRaw(field, own));
  }
  return { values, problems };
}

/**
 * Every shown field's value as the protocol sends it, and its problem (the same rules the host
 * checks again), keyed by path. Read-only fields send what the host gave and are not checked.
 * `loaded`: options that arrived for selects with an `optionsSource`.
 */
export function collect(spec: Pick<FormSpec, 'fields' | 'values'>, raws: RawValues, loaded: (source: string) => readonly FieldOption[] | undefined = () => undefined): Collected {
  const checked = withOptions(spec, loaded);
  const { values: all, problems } = valuesOf(checked, raws);
  const places = visibleFields(checked, all);
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const place of places) {
    if (place.field.readonly) continue;
    const error = problems[place.path] ?? validateField(place.field, place.value, place.required);
    if (error) errors[place.path] = error;
    const warning = error ? undefined : warnField(place.field, place.value);
    if (warning) warnings[place.path] = warning;
  }
  return { values: declaredValues(checked, all), errors, warnings, places };
}

/** A list's text with one more line, unless that value is already on a line of its own. */
export function withLine(text: string, value: string): string {
  if (lines(text).includes(value.trim())) return text;
  const body = text.replace(/\s+$/, '');
  return body ? `${body}\n${value}` : value;
}

/** True when the raw value is blank (a pristine blank field does not show "is required" yet). */
export function isBlank(raw: RawValue | undefined): boolean {
  return raw === undefined || raw === false || (typeof raw === 'string' && raw.trim() === '');
}

/** How a read-only field's value is shown. */
export function displayText(field: FieldSpec, value: FormValue | undefined): string {
  if (field.kind === 'checkbox') return value === true ? t('Yes') : t('No');
  if (field.kind === 'select' && typeof value === 'string') return field.options?.find((o) => o.value === value)?.label ?? value;
  const raw = toRaw(field, value);
  return typeof raw === 'string' && raw !== '' ? raw : '—';
}
