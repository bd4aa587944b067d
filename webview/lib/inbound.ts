// Pure: every message from the host is checked with the shared `hostMessage` schema and ignored
// when it does not parse. The schema checks the skeleton only (and strips what it does not name),
// so the full message is taken from the original data, with the parts the schema leaves unchecked
// made safe to render (arrays that must be arrays, strings that must be strings).
import type { BulkTarget, FieldCondition, FieldOption, FieldSpec, FormSpec } from '../../src/protocol/forms';
import { type BulkRow, type BulkRowState, type BulkSummary, type HostMessage, hostMessage } from '../../src/protocol/messages';
import { FIELD_KINDS } from './values';
import { t } from '../../src/core/l10n';

const ROW_STATES: readonly BulkRowState[] = ['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'];

export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!hostMessage.safeParse(data).success) return undefined;
  const msg = data as Record<string, unknown>;
  switch (msg.type) {
    case 'init':
      return {
        type: 'init',
        spec: sanitizeSpec(msg.spec as FormSpec),
        ...(isRecord(msg.draft) ? { draft: msg.draft as Record<string, string | boolean> } : {}),
        ...(typeof msg.draftSavedAt === 'string' ? { draftSavedAt: msg.draftSavedAt } : {}),
        ...(typeof msg.done === 'string' ? { done: msg.done } : {}),
        ...(isRecord(msg.l10n) ? { l10n: msg.l10n as Record<string, string> } : {}),
      };
    case 'busy':
      return data as HostMessage;
    case 'options': {
      // The schema checked the options themselves (fieldOptions); an answer is options or an error.
      const base = { type: 'options' as const, requestId: msg.requestId as string, source: msg.source as string };
      if (Array.isArray(msg.options)) return { ...base, options: (msg.options as FieldOption[]).map((o) => ({ value: o.value, label: o.label, description: str(o.description) })) };
      return { ...base, error: typeof msg.error === 'string' && msg.error ? msg.error : t('The choices could not be loaded.') };
    }
    case 'result': {
      const base = { type: 'result' as const, requestId: msg.requestId as string, message: msg.message as string };
      if (msg.ok === true) {
        const values = isRecord(msg.values) ? (msg.values as FormSpec['values']) : undefined;
        return { ...base, ok: true, values, clearDraft: msg.clearDraft === true, ...(msg.done === true ? { done: true } : {}), ...(msg.warning === true ? { warning: true } : {}) };
      }
      return { ...base, ok: false, fieldErrors: stringRecord(msg.fieldErrors), ...(typeof msg.details === 'string' && msg.details ? { details: msg.details } : {}) };
    }
    case 'bulk': {
      const rows = (msg.rows as BulkRow[]).map((r) => ({
        id: r.id,
        name: r.name,
        state: ROW_STATES.includes(r.state) ? r.state : 'pending',
        ...(typeof r.message === 'string' && r.message ? { message: r.message } : {}),
        ...(r.permanent === true ? { permanent: true } : {}),
      }));
      return {
        type: 'bulk',
        rows,
        summary: sanitizeSummary(msg.summary, rows),
        running: msg.running as boolean,
        ...(typeof msg.error === 'string' && msg.error ? { error: msg.error } : {}),
      };
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, m] of Object.entries(v)) if (typeof m === 'string' && m) out[k] = m;
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function sanitizeCondition(v: unknown): FieldCondition | undefined {
  if (!isRecord(v) || typeof v.field !== 'string') return undefined;
  const ok = (x: unknown): x is string | boolean => typeof x === 'string' || typeof x === 'boolean';
  if (ok(v.equals)) return { field: v.field, equals: v.equals };
  return Array.isArray(v.equals) ? { field: v.field, equals: v.equals.filter(ok) } : undefined;
}

function sanitizeField(f: FieldSpec, depth: number): FieldSpec {
  const kind = FIELD_KINDS.includes(f.kind) && !(f.kind === 'rows' && depth > 0) ? f.kind : 'text';
  return {
    ...f,
    name: String(f.name),
    label: String(f.label),
    kind,
    help: str(f.help),
    placeholder: str(f.placeholder),
    section: str(f.section),
    min: num(f.min),
    max: num(f.max),
    required: bool(f.required),
    readonly: bool(f.readonly),
    maxLength: num(f.maxLength),
    maxItems: num(f.maxItems),
    pattern: str(f.pattern),
    patternMessage: str(f.patternMessage),
    itemMaxLength: num(f.itemMaxLength),
    itemMessage: str(f.itemMessage),
    optionsSource: str(f.optionsSource),
    visibleWhen: sanitizeCondition(f.visibleWhen),
    requiredWhen: sanitizeCondition(f.requiredWhen),
    minRows: num(f.minRows),
    maxRows: num(f.maxRows),
    addLabel: str(f.addLabel),
    rowLabel: str(f.rowLabel),
    paste: f.paste === 'nameEmail' ? 'nameEmail' : undefined,
    // One level of rows: a row's fields are plain fields.
    fields: kind === 'rows' && Array.isArray(f.fields) ? f.fields.filter((x): x is FieldSpec => isRecord(x) && typeof x.name === 'string' && typeof x.label === 'string').map((x) => sanitizeField(x, depth + 1)) : undefined,
    options: Array.isArray(f.options)
      ? f.options.filter((o): o is FieldOption => isRecord(o) && typeof o.value === 'string' && typeof o.label === 'string').map((o) => ({ value: o.value, label: o.label, description: str(o.description) }))
      : undefined,
  };
}

function sanitizeSpec(spec: FormSpec): FormSpec {
  const fields: FieldSpec[] = spec.fields.map((f) => sanitizeField(f, 0));
  const targets = isRecord(spec.bulk) && Array.isArray(spec.bulk.targets)
    ? spec.bulk.targets.filter((t): t is BulkTarget => isRecord(t) && typeof t.id === 'string' && typeof t.name === 'string').map((t) => ({ id: t.id, name: t.name, skipReason: str(t.skipReason) }))
    : undefined;
  return {
    ...spec,
    subtitle: str(spec.subtitle),
    notes: strings(spec.notes),
    fields,
    bulk: targets ? { targets } : undefined,
  };
}

/** The host's summary when it is complete, else one counted from the rows. */
export function sanitizeSummary(summary: unknown, rows: readonly BulkRow[]): BulkSummary {
  const keys = ['total', 'sent', 'failed', 'skipped', 'pending', 'cancelled'] as const;
  if (isRecord(summary) && keys.every((k) => num(summary[k]) !== undefined)) {
    return Object.fromEntries(keys.map((k) => [k, summary[k]])) as unknown as BulkSummary;
  }
  const count = (...states: BulkRowState[]) => rows.filter((r) => states.includes(r.state)).length;
  return {
    total: rows.length,
    sent: count('sent'),
    failed: count('failed'),
    skipped: count('skipped'),
    pending: count('pending', 'sending'),
    cancelled: count('cancelled'),
  };
}
