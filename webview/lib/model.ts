// Pure: the form's state and what each event does to it. The DOM layer (render.ts) shows `view()`
// and forwards events; app.ts posts what these methods return. Unit-tested without a DOM.
import type { FieldOption, FieldSpec, FormSpec } from '../../src/protocol/forms';
import { type HostMessage, type WebviewMessage, webviewMessage } from '../../src/protocol/messages';
import { rowCount } from '../../src/protocol/raw';
import { rowPath } from '../../src/protocol/validate';
import { type BulkRun, canCancel, canRetryFailed } from './bulk';
import { parsePastedRows } from './paste';
import { type Draft, draftOf, initialRaws, readDraft, restoredText } from './state';
import { collect, isBlank, type RawValue, type RawValues, toRaw } from './values';
import { t } from '../../src/core/l10n';

/** A select's options loaded from the host: asked, arrived, or failed. */
export type OptionsState = { state: 'loading' } | { state: 'ready'; options: FieldOption[] } | { state: 'error'; message: string };

export interface Banner {
  /** 'warning': it went through in part (a bulk run with failures); 'info': a note (a restored draft). */
  kind: 'error' | 'warning' | 'success' | 'info';
  text: string;
  /** The API's own words, on a line of their own. */
  details?: string;
  /** A button the banner offers. */
  action?: 'discardDraft';
}

export interface Problem {
  /** The field's path (`contacts.2.email`). */
  name: string;
  label: string;
  message: string;
}

export interface FormView {
  /** The message shown under each field that has one: the person's own mistake first, then the server's. */
  fieldErrors: Record<string, string>;
  /** Warnings under fields that do not keep the form from being sent (the server decides). */
  fieldWarnings: Record<string, string>;
  /** Every problem that keeps the form from being sent, in field order (the summary by Submit). */
  problems: Problem[];
  /** Nothing typed or answered yet: the summary of problems is not shown. */
  pristine: boolean;
  busy: boolean;
  canSubmit: boolean;
  banner?: Banner;
  bulk?: BulkRun;
  canCancel: boolean;
  cancelling: boolean;
  canRetryFailed: boolean;
  /** Why Submit is off although the fields are fine. */
  blocked?: string;
  /** The write succeeded: Submit stays off; "Send another…" and "Close" are offered. */
  done: boolean;
  /** Paths of the fields shown now (visibleWhen); the others are hidden, neither checked nor sent. */
  visible: Set<string>;
  /** Paths of the fields required now (required, or requiredWhen holds). */
  required: Set<string>;
  /** Options per source, for selects that load them. */
  options: Record<string, OptionsState>;
  /** Rows per rows field. */
  rows: Record<string, number>;
}

/** What the page should do after an event. */
export interface Outcome {
  post?: WebviewMessage;
  /** A field name to move focus to, or 'banner'. */
  focus?: string;
}

/** How long to wait for the host to acknowledge a request (its `busy`) before giving it up. */
export const ACK_TIMEOUT_MS = 15_000;

export class FormModel {
  spec?: FormSpec;
  raws: RawValues = {};
  private saved?: Draft;
  private touched = new Set<string>();
  private serverErrors: Record<string, string> = {};
  private banner?: Banner;
  /** The request awaiting its answer, and whether the host said it is working on it. */
  private inFlight?: { id: string; acked: boolean };
  /** Ids this webview sent: a result is applied only for one of them. */
  private sent = new Set<string>();
  private bulk?: BulkRun;
  private cancelling = false;
  /** The success text once the form's write went through; the host refuses a second submit. */
  private done?: string;
  /** "Send another…" was asked for: the next form starts fresh, whatever was typed. */
  private resetting = false;
  /** Loaded options per source, and the id of the request each awaits. */
  private options = new Map<string, OptionsState & { requestId?: string }>();

  constructor(
    savedState: unknown,
    private readonly newId: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.saved = readDraft(savedState);
    const noted = (savedState as { restoredNoted?: unknown } | undefined)?.restoredNoted;
    this.restoredNoted = typeof noted === 'string' ? noted : undefined;
  }

  /** The form whose restored draft was already announced: a tab switch rebuilds the page, and must not announce it again. */
  private restoredNoted?: string;

  /**
   * The host's copy of the draft (kept after the panel was closed, when getState() starts empty).
   * The webview's own state wins when it has a draft for the same form: it is the newer one.
   */
  adoptDraft(draftKey: string, values: Record<string, string | boolean> | undefined, savedAt?: string): void {
    if (!values || (this.saved && this.saved.draftKey === draftKey)) return;
    const draft = readDraft({ draftKey, values, savedAt });
    if (draft) this.saved = draft;
  }

  /** A draft of this form that changes something: the person is told it was restored. */
  private restoredDraft(spec: FormSpec): Draft | undefined {
    const d = this.saved;
    if (!d || d.draftKey !== spec.draftKey || !Object.keys(d.values).length) return undefined;
    if (this.restoredNoted === d.draftKey) return undefined;
    this.restoredNoted = d.draftKey;
    return d;
  }

  /** "Discard draft": back to the form's own values, and the host's copy deleted too. */
  discardDraft(): Outcome {
    const spec = this.spec;
    if (!spec || this.busy) return {};
    this.saved = undefined;
    this.raws = initialRaws(spec, undefined);
    this.touched.clear();
    this.serverErrors = {};
    if (this.banner?.action === 'discardDraft') this.banner = undefined;
    return { post: { type: 'discardDraft' } };
  }

  /**
   * A form arrived (`done`: its write already succeeded). Returns true when it is a different form
   * or a fresh one after "Send another…" (fresh start: focus the first field).
   */
  init(spec: FormSpec, done?: string): boolean {
    const previous = this.spec;
    const same = !this.resetting && previous?.draftKey === spec.draftKey;
    const current = previous && same ? draftOf(previous, this.raws) : undefined;
    this.raws = initialRaws(spec, this.saved, current);
    this.spec = spec;
    this.resetting = false;
    this.done = done;
    if (done) this.banner = { kind: 'success', text: done };
    if (!same) {
      this.touched.clear();
      this.serverErrors = {};
      const restored = done ? undefined : this.restoredDraft(spec);
      if (!done) this.banner = restored ? { kind: 'info', text: restoredText(restored.savedAt), action: 'discardDraft' } : undefined;
      this.bulk = undefined;
      this.cancelling = false;
      this.options.clear();
    }
    return !same;
  }

  /** The person changed a field. */
  input(name: string, raw: RawValue): void {
    if (!this.spec) return;
    this.raws[name] = raw;
    this.touched.add(name);
    delete this.serverErrors[name];
    this.changed();
  }

  /** Adds a blank row; returns the path of its first field, to focus. */
  addRow(name: string): Outcome {
    const field = this.rowsField(name);
    if (!field) return {};
    const n = rowCount(this.raws[name]);
    if (field.maxRows !== undefined && n >= field.maxRows) return {};
    this.setRow(field, n, {});
    this.raws[name] = String(n + 1);
    this.changed();
    const first = field.fields?.find((f) => !f.readonly);
    return { focus: first ? rowPath(name, n, first.name) : name };
  }

  /** Removes a row; the rows after it move up, with what was typed and the messages they had. */
  removeRow(name: string, index: number): Outcome {
    const field = this.rowsField(name);
    const n = rowCount(this.raws[name]);
    if (!field || index < 0 || index >= n || n <= (field.minRows ?? 0)) return {};
    const subs = field.fields ?? [];
    const move = <T>(map: { get(k: string): T | undefined; set(k: string, v: T): void; delete(k: string): void }) => {
      for (let i = index; i < n; i++) {
        for (const sub of subs) {
          const from = rowPath(name, i + 1, sub.name);
          const to = rowPath(name, i, sub.name);
          const v = i + 1 < n ? map.get(from) : undefined;
          if (v === undefined) map.delete(to);
          else map.set(to, v);
        }
      }
    };
    move(asMap(this.raws));
    move(asMap(this.serverErrors));
    const touched = new Map([...this.touched].map((k) => [k, true] as [string, boolean]));
    move(touched);
    this.touched = new Set(touched.keys());
    this.raws[name] = String(n - 1);
    this.touched.add(name);
    this.changed();
    const left = n - 1;
    const first = subs.find((f) => !f.readonly);
    return { focus: left > 0 && first ? rowPath(name, Math.min(index, left - 1), first.name) : name };
  }

  /**
   * A block of lines pasted into a rows field: blank rows are filled first, then rows are added up
   * to maxRows. Lines that do not fit are reported, not dropped silently.
   */
  pasteRows(name: string, text: string): Outcome {
    const field = this.rowsField(name);
    if (!field) return {};
    const pasted = parsePastedRows(text, field.fields ?? []);
    if (!pasted.length) return {};
    let n = rowCount(this.raws[name]);
    const blank: number[] = [];
    for (let i = 0; i < n; i++) if (this.rowIsBlank(field, i)) blank.push(i);
    let used = 0;
    for (const row of pasted) {
      const target = blank.shift() ?? (field.maxRows === undefined || n < field.maxRows ? n++ : undefined);
      if (target === undefined) break;
      this.setRow(field, target, row);
      for (const key of Object.keys(row)) this.touched.add(rowPath(name, target, key));
      used++;
    }
    this.raws[name] = String(n);
    this.changed();
    const what = (field.rowLabel ?? 'row').toLowerCase();
    if (used < pasted.length) {
      this.banner = { kind: 'error', text: `${pasted.length} lines were pasted but at most ${field.maxRows} ${what}s fit: the last ${pasted.length - used} were not added.` };
      return { focus: 'banner' };
    }
    return {};
  }

  private rowsField(name: string): FieldSpec | undefined {
    const field = this.spec?.fields.find((f) => f.name === name);
    return field?.kind === 'rows' && !field.readonly && this.done === undefined ? field : undefined;
  }

  private rowIsBlank(field: FieldSpec, index: number): boolean {
    return (field.fields ?? []).every((sub) => sub.readonly || isBlank(this.raws[rowPath(field.name, index, sub.name)]));
  }

  /** A row's controls set to `cells`, blank where a cell is missing. */
  private setRow(field: FieldSpec, index: number, cells: Record<string, string>): void {
    for (const sub of field.fields ?? []) this.raws[rowPath(field.name, index, sub.name)] = cells[sub.name] ?? toRaw(sub, undefined);
  }

  private changed(): void {
    if (!this.spec) return;
    const draft = draftOf(this.spec, this.raws);
    this.saved = Object.keys(draft.values).length ? { ...draft, savedAt: this.now().toISOString() } : draft;
  }

  /** Requests for the options the form's selects load from the host, each source once. */
  optionRequests(): WebviewMessage[] {
    const out: WebviewMessage[] = [];
    const visit = (fields: readonly FieldSpec[]) => {
      for (const f of fields) {
        if (f.fields) visit(f.fields);
        const source = f.optionsSource;
        if (!source || this.options.get(source)?.state === 'ready' || this.options.get(source)?.state === 'loading') continue;
        const requestId = this.newId();
        this.options.set(source, { state: 'loading', requestId });
        out.push({ type: 'options', requestId, source });
      }
    };
    visit(this.spec?.fields ?? []);
    return out;
  }

  /** "Try again" after the options failed to load. */
  retryOptions(source: string): Outcome {
    if (this.options.get(source)?.state !== 'error') return {};
    this.options.delete(source);
    const [post] = this.optionRequests().filter((m) => m.type === 'options' && m.source === source);
    return post ? { post } : {};
  }

  private loaded = (source: string): FieldOption[] | undefined => {
    const o = this.options.get(source);
    return o?.state === 'ready' ? o.options : undefined;
  };

  /** What to keep with setState: the draft (or nothing once it was dropped). */
  persisted(): Draft | { restoredNoted?: string } {
    const noted = this.restoredNoted ? { restoredNoted: this.restoredNoted } : {};
    return this.saved ? { ...this.saved, ...noted } : noted;
  }

  get busy(): boolean {
    return !!this.inFlight || !!this.bulk?.running;
  }

  /** Submit was asked for (button, Enter, Ctrl/Cmd+Enter). */
  submit(): Outcome {
    const spec = this.spec;
    if (!spec || this.busy || this.bulk || this.done !== undefined) return {};
    const { values, errors, places } = collect(spec, this.raws, this.loaded);
    const bad = places.find((p) => errors[p.path]);
    if (bad) {
      for (const p of places) this.touched.add(p.path);
      return { focus: bad.path };
    }
    const requestId = this.newId();
    const message: WebviewMessage = { type: 'submit', requestId, values };
    // The host ignores a message that does not parse; say so here instead of waiting for nothing.
    const check = webviewMessage.safeParse(message);
    if (!check.success) {
      const issue = check.error.issues[0];
      const name = issue?.path[0] === 'values' ? issue.path[1] : undefined;
      const field = spec.fields.find((f) => f.name === name);
      const why = issue?.code === 'invalid_key' ? t('the field name "{0}" is not accepted', String(name)) : field ? t('the value is too long (at most 20,000 characters or 1,000 lines)') : (issue?.message ?? t('invalid values'));
      this.banner = { kind: 'error', text: field ? t('This form cannot be sent ({0}): {1}.', field.label, why) : t('This form cannot be sent: {0}.', why) };
      return { focus: 'banner' };
    }
    this.begin(requestId);
    return { post: message };
  }

  /** After a write succeeded: ask the host for a fresh form. What was sent is not kept as a draft. */
  sendAnother(): Outcome {
    if (this.done === undefined || this.busy) return {};
    this.done = undefined;
    this.resetting = true;
    this.saved = undefined;
    this.banner = undefined;
    this.serverErrors = {};
    return { post: { type: 'sendAnother' } };
  }

  /** After a write succeeded: close the panel. */
  close(): Outcome {
    return this.done === undefined || this.busy ? {} : { post: { type: 'close' } };
  }

  cancel(): Outcome {
    if (!canCancel(this.bulk) || this.cancelling) return {};
    this.cancelling = true;
    return { post: { type: 'cancel' } };
  }

  retryFailed(): Outcome {
    if (!canRetryFailed(this.bulk, this.busy)) return {};
    const requestId = this.newId();
    this.begin(requestId);
    return { post: { type: 'retryFailed', requestId } };
  }

  private begin(id: string): void {
    this.inFlight = { id, acked: false };
    this.sent.add(id);
    this.serverErrors = {};
    this.banner = undefined;
  }

  /** The host never acknowledged the request: give it up so the person can try again. */
  ackTimeout(id: string): boolean {
    if (this.inFlight?.id !== id || this.inFlight.acked) return false;
    this.inFlight = undefined;
    this.banner = { kind: 'error', text: t('The extension did not answer. Your values are kept; try again.') };
    return true;
  }

  /** A message from the host (already parsed). `init` goes to init(). */
  receive(msg: HostMessage): Outcome {
    switch (msg.type) {
      case 'init':
        this.init(msg.spec, msg.done);
        return {};
      case 'busy':
        if (msg.busy) this.inFlight = { id: msg.requestId, acked: true };
        else if (this.inFlight?.id === msg.requestId) this.inFlight = undefined;
        return {};
      case 'bulk':
        this.bulk = { rows: msg.rows, summary: msg.summary, running: msg.running, error: msg.error };
        if (!msg.running) this.cancelling = false;
        return {};
      case 'result':
        return this.result(msg);
      case 'options': {
        const asked = this.options.get(msg.source);
        // Only the answer to the request still awaited: a late answer to a retried one is dropped.
        if (asked?.state !== 'loading' || asked.requestId !== msg.requestId) return {};
        this.options.set(msg.source, 'options' in msg ? { state: 'ready', options: msg.options } : { state: 'error', message: msg.error });
        return {};
      }
    }
  }

  private result(msg: Extract<HostMessage, { type: 'result' }>): Outcome {
    if (!this.sent.has(msg.requestId) && this.inFlight?.id !== msg.requestId) return {};
    if (this.inFlight?.id === msg.requestId) this.inFlight = undefined;
    const spec = this.spec;
    if (!spec) return {};
    if (msg.ok) {
      this.banner = { kind: msg.warning ? 'warning' : 'success', text: msg.message };
      this.serverErrors = {};
      if (msg.values) {
        const applied = { ...spec, values: { ...spec.values, ...msg.values } };
        this.spec = applied;
        this.raws = initialRaws(applied, undefined);
        this.touched.clear();
      }
      if (msg.clearDraft) this.saved = undefined;
      else if (msg.values) this.saved = draftOf(this.spec ?? spec, this.raws);
      if (msg.done) this.done = msg.message;
      // The status region announces it; focus stays where the person is.
      return {};
    }
    const placed: Record<string, string> = {};
    const elsewhere: string[] = [];
    const { places } = collect(spec, this.raws, this.loaded);
    const shown = new Set(places.map((p) => p.path));
    for (const [path, text] of Object.entries(msg.fieldErrors)) {
      if (shown.has(path)) placed[path] = text;
      else elsewhere.push(text);
    }
    this.serverErrors = placed;
    this.banner = { kind: 'error', text: [msg.message, ...elsewhere].filter(Boolean).join(' ') || t('The request failed.'), ...(msg.details ? { details: msg.details } : {}) };
    const first = places.find((p) => placed[p.path]);
    return { focus: first ? first.path : 'banner' };
  }

  view(): FormView {
    const spec = this.spec;
    const busy = this.busy;
    const base = {
      busy,
      banner: this.banner,
      bulk: this.bulk,
      canCancel: canCancel(this.bulk) && !this.cancelling,
      cancelling: this.cancelling,
      canRetryFailed: canRetryFailed(this.bulk, busy),
      done: this.done !== undefined,
    };
    const options = Object.fromEntries([...this.options].map(([source, { requestId: _, ...state }]) => [source, state as OptionsState]));
    if (!spec) return { ...base, pristine: true, fieldErrors: {}, fieldWarnings: {}, problems: [], canSubmit: false, visible: new Set(), required: new Set(), options, rows: {} };
    const { errors, warnings, places } = collect(spec, this.raws, this.loaded);
    const fieldErrors: Record<string, string> = {};
    const problems: Problem[] = [];
    for (const p of places) {
      const own = errors[p.path];
      const label = p.row ? `${p.row.parent.rowLabel ?? p.row.parent.label} ${p.row.index + 1} · ${p.field.label}` : p.field.label;
      if (own) problems.push({ name: p.path, label, message: own });
      // A blank field nobody touched yet does not shout "required"; the summary still lists it.
      const shown = own && (this.touched.has(p.path) || (p.field.kind !== 'rows' && !isBlank(this.raws[p.path]))) ? own : this.serverErrors[p.path];
      if (shown) fieldErrors[p.path] = shown;
    }
    const rows = Object.fromEntries(spec.fields.filter((f) => f.kind === 'rows').map((f) => [f.name, rowCount(this.raws[f.name])]));
    const visible = new Set(places.map((p) => p.path));
    const required = new Set(places.filter((p) => p.required).map((p) => p.path));
    // A bulk run is sent once per panel (the host refuses a second one): after it, Retry Failed is the way on.
    const blocked = this.bulk && !this.bulk.running ? t('These invitations were sent from this panel. Use Retry Failed for the failures, or start a new bulk invitation.') : undefined;
    const fieldWarnings = Object.fromEntries(Object.entries(warnings).filter(([name]) => !fieldErrors[name]));
    // Nobody typed yet: the summary stays quiet rather than greet the person with "Cannot send yet".
    const pristine = this.touched.size === 0 && Object.keys(this.serverErrors).length === 0;
    return { ...base, pristine, fieldErrors, fieldWarnings, problems, canSubmit: !busy && !blocked && !base.done && problems.length === 0, blocked, visible, required, options, rows };
  }
}

/** A record seen as a map, to move row entries in place. */
function asMap<T>(record: Record<string, T>): { get(k: string): T | undefined; set(k: string, v: T): void; delete(k: string): void } {
  return {
    get: (k) => record[k],
    set: (k, v) => void (record[k] = v),
    delete: (k) => void delete record[k],
  };
}
