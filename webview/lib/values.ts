// Pure: between what a control holds (its raw text, or a checkbox's boolean) and the typed value the
// protocol carries. No DOM here, so it is unit-tested under Node.
import type { FieldKind, FieldSpec, FormSpec, FormValue, FormValues, NameEmail } from '../../src/protocol/forms';
import { type RawValue, type RawValues, toRaw } from '../../src/protocol/raw';
import { lines, parseNameEmail, validateField, warnField } from '../../src/protocol/validate';

export { toRaw, type RawValue, type RawValues };

export const FIELD_KINDS: readonly FieldKind[] = ['text', 'email', 'tel', 'textarea', 'number', 'select', 'checkbox', 'emailList', 'nameEmailList', 'lineList'];

/** Kinds edited in a multi-line textarea (Enter is a newline there; Ctrl/Cmd+Enter submits). */
export function isMultiline(kind: FieldKind): boolean {
  return kind === 'textarea' || kind === 'emailList' || kind === 'lineList' || kind === 'nameEmailList';
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A raw value of the right type for the field's control, or undefined (a stale or foreign draft). */
export function fitsField(field: Pick<FieldSpec, 'kind'>, raw: unknown): raw is RawValue {
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
    if (!p) return { value: out, problem: `Line ${i + 1}, "${clip(line)}", is not "Name <e-mail>", like "Jane Doe <jane@example.com>"` };
    out.push(p);
  }
  return { value: out };
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface Collected {
  values: FormValues;
  /** The first problem of each field that has one, keyed by field name. */
  errors: Record<string, string>;
  /** What the person may override (an address off the company's known domains); never blocks. */
  warnings: Record<string, string>;
}

/**
 * Every field's value as the protocol sends it, and every field's problem (the same rules the host
 * checks again). Read-only fields send what the host gave and are not checked.
 */
export function collect(spec: Pick<FormSpec, 'fields' | 'values'>, raws: RawValues): Collected {
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const field of spec.fields) {
    if (field.readonly) {
      const v = spec.values[field.name];
      if (v !== undefined) values[field.name] = v;
      continue;
    }
    const raw = raws[field.name] ?? toRaw(field, spec.values[field.name]);
    const { value, problem } = fromRaw(field, raw);
    values[field.name] = value;
    const error = problem ?? validateField(field, value);
    if (error) errors[field.name] = error;
    const warning = error ? undefined : warnField(field, value);
    if (warning) warnings[field.name] = warning;
  }
  return { values, errors, warnings };
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
  if (field.kind === 'checkbox') return value === true ? 'Yes' : 'No';
  if (field.kind === 'select' && typeof value === 'string') return field.options?.find((o) => o.value === value)?.label ?? value;
  const raw = toRaw(field, value);
  return typeof raw === 'string' && raw !== '' ? raw : '—';
}
