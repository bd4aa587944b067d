// Pure: the draft kept with the webview's getState/setState, and how it meets a form's values.
// The draft holds what the controls hold (raw text, checkbox booleans), so an unparsable line or a
// half-typed address survives closing the panel exactly as typed.
import type { FormSpec } from '../../src/protocol/forms';
import { fitsField, type RawValue, type RawValues, toRaw } from './values';

export interface Draft {
  /** The form's target (FormSpec.draftKey): a draft is restored only into the same form. */
  draftKey: string;
  values: RawValues;
}

/** The draft in what getState() returned, or undefined when there is none or it is not ours. */
export function readDraft(state: unknown): Draft | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { draftKey, values } = state as { draftKey?: unknown; values?: unknown };
  if (typeof draftKey !== 'string' || draftKey === '' || typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
  const out: RawValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return { draftKey, values: out };
}

/**
 * What each control starts with when `init` arrives. Per field, the first that applies:
 * 1. what is typed now, when the host re-sends the same form (same draftKey);
 * 2. the saved draft, when it belongs to this form (same draftKey);
 * 3. the form's own values.
 * A value of the wrong type for its field (a field whose kind changed) is skipped.
 */
export function initialRaws(spec: Pick<FormSpec, 'fields' | 'values' | 'draftKey'>, draft: Draft | undefined, current?: Draft): RawValues {
  const typed = current && current.draftKey === spec.draftKey ? current.values : undefined;
  const saved = draft && draft.draftKey === spec.draftKey ? draft.values : undefined;
  const out: RawValues = {};
  for (const field of spec.fields) {
    const candidates: unknown[] = field.readonly ? [] : [typed?.[field.name], saved?.[field.name]];
    const pick = candidates.find((c): c is RawValue => c !== undefined && fitsField(field, c));
    out[field.name] = pick ?? toRaw(field, spec.values[field.name]);
  }
  return out;
}

/**
 * The draft to save: the editable fields whose value differs from the form's own, so a field the
 * person did not change follows the host when it sends fresher values.
 */
export function draftOf(spec: Pick<FormSpec, 'fields' | 'values' | 'draftKey'>, raws: RawValues): Draft {
  const values: RawValues = {};
  for (const field of spec.fields) {
    const raw = raws[field.name];
    if (!field.readonly && raw !== undefined && raw !== toRaw(field, spec.values[field.name])) values[field.name] = raw;
  }
  return { draftKey: spec.draftKey, values };
}
