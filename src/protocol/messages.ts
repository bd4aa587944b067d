// The typed messages between a form panel and its webview. Requests carry an id so a reply finds
// its request and a repeated id is recognised instead of sent twice. Both sides parse what they
// receive with these schemas and ignore what does not parse. zod/mini keeps the webview bundle small.
import * as z from 'zod/mini';
import type { FieldOption, FormSpec, FormValues } from './forms';

const MAX_TEXT = 20_000;
const MAX_LIST = 1_000;

// Strict: a row of a 'rows' field ({name, email, notify…}) must not parse as a NameEmail and lose its other cells.
const nameEmail = z.strictObject({ name: z.string().check(z.maxLength(500)), email: z.string().check(z.maxLength(500)) });
const fieldName = z.string().check(z.regex(/^[A-Za-z_][\w.-]{0,63}$/));
const formScalar = z.union([
  z.string().check(z.maxLength(MAX_TEXT)),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().check(z.maxLength(MAX_TEXT))).check(z.maxLength(MAX_LIST)),
  z.array(nameEmail).check(z.maxLength(MAX_LIST)),
]);
/** Rows of a 'rows' field: flat records of scalars (no rows inside rows). */
const MAX_ROWS = 200;
export const formValue = z.union([formScalar, z.array(z.record(fieldName, formScalar)).check(z.maxLength(MAX_ROWS))]);
export const formValues = z.record(fieldName, formValue);

const requestId = z.string().check(z.regex(/^[\w-]{1,64}$/));
/** A select's `optionsSource`: a name the provider chose (e.g. `states`), not a URL. */
export const optionsSource = z.string().check(z.regex(/^[\w.:/-]{1,100}$/));
const MAX_OPTIONS = 2_000;
/** A select's options, as a handler answers them and as the webview accepts them. */
export const fieldOptions = z.array(
  z.object({ value: z.string().check(z.maxLength(500)), label: z.string().check(z.maxLength(500)), description: z.optional(z.string().check(z.maxLength(2_000))) }),
).check(z.maxLength(MAX_OPTIONS));

/** A draft as the controls hold it (raw text, checkbox booleans), so it comes back exactly as typed. */
export const rawDraft = z.record(z.string().check(z.regex(/^[A-Za-z_][\w.-]{0,63}$/)), z.union([z.string().check(z.maxLength(MAX_TEXT)), z.boolean()]));
export type RawDraft = z.infer<typeof rawDraft>;

export const webviewMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('submit'), requestId, values: formValues }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('retryFailed'), requestId }),
  z.object({ type: z.literal('draft'), values: rawDraft }),
  // After a write succeeded: "Send another…" (a fresh form) and "Close".
  z.object({ type: z.literal('sendAnother') }),
  z.object({ type: z.literal('close') }),
  // "Discard draft" on a restored draft: the host deletes its copy too.
  z.object({ type: z.literal('discardDraft') }),
  // A select whose options the host loads on demand (FormHandler.options).
  z.object({ type: z.literal('options'), requestId, source: optionsSource }),
]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

export type BulkRowState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
export interface BulkRow {
  id: string;
  name: string;
  state: BulkRowState;
  message?: string;
  /** A failure the server will repeat (a refusal): listed, not offered to Retry Failed. */
  permanent?: boolean;
}
export interface BulkSummary {
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Includes items still marked 'sending': their outcome is not settled. */
  pending: number;
  cancelled: number;
}

export type HostMessage =
  /** `done`: the form's write already succeeded (the banner's text); shown finished, not fresh. */
  /** `l10n`: the user's language's messages (absent in English), so the webview words things as the host does. */
  | { type: 'init'; spec: FormSpec; draft?: RawDraft; draftSavedAt?: string; done?: string; l10n?: Record<string, string> }
  | { type: 'busy'; requestId: string; busy: boolean }
  /** `done`: the write happened; the form sends nothing more until "Send another…". */
  /** `warning`: it went through only in part (a bulk run with failures): not the green banner. */
  | { type: 'result'; requestId: string; ok: true; message: string; values?: FormValues; clearDraft?: boolean; done?: boolean; warning?: boolean }
  /** `details`: the API's own words, shown on a line of their own under the plain-language message. */
  | { type: 'result'; requestId: string; ok: false; message: string; fieldErrors: Record<string, string>; details?: string }
  | { type: 'bulk'; rows: BulkRow[]; summary: BulkSummary; running: boolean; error?: string }
  /** The answer to an `options` request: the options, or why there are none. */
  | { type: 'options'; requestId: string; source: string; options: FieldOption[] }
  | { type: 'options'; requestId: string; source: string; error: string };

// The webview checks what the host sends as well: a cheap guard against a stale or foreign message.
// Loose objects: keys not named here (field details, notes, summaries) are kept, not stripped.
const fieldSpec = z.looseObject({ name: z.string(), label: z.string(), kind: z.string() });
export const hostMessage = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('init'),
    draft: z.optional(rawDraft),
    draftSavedAt: z.optional(z.string().check(z.maxLength(40))),
    done: z.optional(z.string()),
    l10n: z.optional(z.record(z.string(), z.string())),
    spec: z.looseObject({ kind: z.string(), title: z.string(), submitLabel: z.string(), fields: z.array(fieldSpec), values: formValues, draftKey: z.string() }),
  }),
  z.object({ type: z.literal('busy'), requestId, busy: z.boolean() }),
  z.looseObject({ type: z.literal('result'), requestId, ok: z.boolean(), message: z.string() }),
  z.looseObject({ type: z.literal('bulk'), rows: z.array(z.looseObject({ id: z.string(), name: z.string(), state: z.string() })), running: z.boolean() }),
  z.object({ type: z.literal('options'), requestId, source: optionsSource, options: z.optional(fieldOptions), error: z.optional(z.string().check(z.maxLength(MAX_TEXT))) }),
]);

export type { FormSpec, FormValues };
