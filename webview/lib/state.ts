// Pure: the draft kept with the webview's getState/setState, and how it meets a form's values.
// The draft holds what the controls hold (raw text, checkbox booleans), so an unparsable line or a
// half-typed address survives closing the panel exactly as typed.
import type { FieldSpec, FormRow, FormSpec } from '../../src/protocol/forms';
import { changedRaws, rowCount } from '../../src/protocol/raw';
import { rowPath } from '../../src/protocol/validate';
import { fitsField, type RawValue, type RawValues, toRaw } from './values';
import { t } from '../../src/core/l10n';

export interface Draft {
  /** The form's target (FormSpec.draftKey): a draft is restored only into the same form. */
  draftKey: string;
  values: RawValues;
  /** When it was last typed into (ISO), for "Restored your unsent draft from…". */
  savedAt?: string;
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
  const savedAt = (state as { savedAt?: unknown }).savedAt;
  return { draftKey, values: out, ...(typeof savedAt === 'string' && savedAt.length < 40 ? { savedAt } : {}) };
}

/** "Restored your unsent draft from 1 Dec 2026, 19:57." in the person's locale. */
export function restoredText(savedAt: string | undefined): string {
  const at = savedAt ? new Date(savedAt) : undefined;
  if (!at || Number.isNaN(at.getTime())) return t('Restored your unsent draft.');
  return t('Restored your unsent draft from {0}.', at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
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
  const pick = (field: FieldSpec, key: string, own: RawValue): RawValue => {
    const candidates: unknown[] = field.readonly ? [] : [typed?.[key], saved?.[key]];
    return candidates.find((c): c is RawValue => c !== undefined && fitsField(field, c)) ?? own;
  };
  for (const field of spec.fields) {
    out[field.name] = pick(field, field.name, toRaw(field, spec.values[field.name]));
    if (field.kind !== 'rows') continue;
    // Rows come back as many as the draft had, each field from its path (`contacts.1.email`).
    const given = Array.isArray(spec.values[field.name]) ? (spec.values[field.name] as FormRow[]) : [];
    for (let i = 0; i < rowCount(out[field.name]); i++) {
      for (const sub of field.fields ?? []) {
        const path = rowPath(field.name, i, sub.name);
        out[path] = pick(sub, path, toRaw(sub, given[i]?.[sub.name]));
      }
    }
  }
  return out;
}

/**
 * The draft to save: the editable fields whose value differs from the form's own, so a field the
 * person did not change follows the host when it sends fresher values.
 */
export function draftOf(spec: Pick<FormSpec, 'fields' | 'values' | 'draftKey'>, raws: RawValues): Draft {
  return { draftKey: spec.draftKey, values: changedRaws(spec, raws) };
}
