// Between protocol values and what the controls hold (raw text, checkbox booleans), shared by the
// webview (its controls and drafts) and the host (a stale form re-sent with what was typed kept).
// A rows field's raw is its row count; each row field's raw sits under its path (`contacts.0.name`).
import type { FieldSpec, FormRow, FormSpec, FormValue, FormValues, NameEmail } from './forms';
import { formatNameEmail, rowPath } from './validate';

/** What a control holds: text for every kind except checkbox, which holds a boolean. */
export type RawValue = string | boolean;
export type RawValues = Record<string, RawValue>;

/** A protocol value as the control shows it: lists one entry per line, numbers as text, rows as their count. */
export function toRaw(field: Pick<FieldSpec, 'kind'>, value: FormValue | undefined): RawValue {
  if (field.kind === 'checkbox') return value === true || value === 'true';
  if (field.kind === 'rows') return String(Array.isArray(value) ? value.length : 0);
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return (value as Array<string | NameEmail | FormRow>).map((v) => (typeof v === 'string' ? v : formatNameEmail(v as NameEmail))).join('\n');
  }
  return String(value);
}

/** The rows a raw count stands for (a foreign or broken count reads as none). */
export function rowCount(raw: RawValue | undefined): number {
  return typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
}

/** Every editable field's raw value, rows expanded per row. */
export function rawsOf(spec: Pick<FormSpec, 'fields'>, values: FormValues): RawValues {
  const out: RawValues = {};
  for (const field of spec.fields) {
    if (field.readonly) continue;
    const value = values[field.name];
    out[field.name] = toRaw(field, value);
    if (field.kind !== 'rows' || !Array.isArray(value)) continue;
    (value as FormRow[]).forEach((row, i) => {
      for (const sub of field.fields ?? []) if (!sub.readonly) out[rowPath(field.name, i, sub.name)] = toRaw(sub, row?.[sub.name]);
    });
  }
  return out;
}

/**
 * The raws that differ from the form's own values: what a draft keeps, so a field the person did
 * not change follows the host when it sends fresher values. A row field beyond the form's own rows
 * is compared with a blank one.
 */
export function changedRaws(spec: Pick<FormSpec, 'fields' | 'values'>, raws: RawValues): RawValues {
  const base = rawsOf(spec, spec.values);
  const out: RawValues = {};
  for (const [key, raw] of Object.entries(raws)) {
    // Read-only and unknown fields are never kept; row fields beyond the form's rows are.
    if (!(key in base) && !key.includes('.')) continue;
    const own = base[key] ?? (typeof raw === 'boolean' ? false : '');
    if (raw !== own) out[key] = raw;
  }
  return out;
}
