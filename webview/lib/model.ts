// Pure: the form's state and what each event does to it. The DOM layer (render.ts) shows `view()`
// and forwards events; app.ts posts what these methods return. Unit-tested without a DOM.
import type { FormSpec } from '../../src/protocol/forms';
import { type HostMessage, type WebviewMessage, webviewMessage } from '../../src/protocol/messages';
import { type BulkRun, canCancel, canRetryFailed } from './bulk';
import { type Draft, draftOf, initialRaws, readDraft } from './state';
import { collect, isBlank, type RawValue, type RawValues } from './values';

export interface Banner {
  kind: 'error' | 'success';
  text: string;
}

export interface Problem {
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

  constructor(savedState: unknown, private readonly newId: () => string) {
    this.saved = readDraft(savedState);
  }

  /**
   * The host's copy of the draft (kept after the panel was closed, when getState() starts empty).
   * The webview's own state wins when it has a draft for the same form: it is the newer one.
   */
  adoptDraft(draftKey: string, values: Record<string, string | boolean> | undefined): void {
    if (!values || (this.saved && this.saved.draftKey === draftKey)) return;
    const draft = readDraft({ draftKey, values });
    if (draft) this.saved = draft;
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
      if (!done) this.banner = undefined;
      this.bulk = undefined;
      this.cancelling = false;
    }
    return !same;
  }

  /** The person changed a field. */
  input(name: string, raw: RawValue): void {
    if (!this.spec) return;
    this.raws[name] = raw;
    this.touched.add(name);
    delete this.serverErrors[name];
    this.saved = draftOf(this.spec, this.raws);
  }

  /** What to keep with setState: the draft (or nothing once it was dropped). */
  persisted(): Draft | Record<string, never> {
    return this.saved ?? {};
  }

  get busy(): boolean {
    return !!this.inFlight || !!this.bulk?.running;
  }

  /** Submit was asked for (button, Enter, Ctrl/Cmd+Enter). */
  submit(): Outcome {
    const spec = this.spec;
    if (!spec || this.busy || this.bulk || this.done !== undefined) return {};
    const { values, errors } = collect(spec, this.raws);
    const bad = spec.fields.find((f) => errors[f.name]);
    if (bad) {
      for (const f of spec.fields) this.touched.add(f.name);
      return { focus: bad.name };
    }
    const requestId = this.newId();
    const message: WebviewMessage = { type: 'submit', requestId, values };
    // The host ignores a message that does not parse; say so here instead of waiting for nothing.
    const check = webviewMessage.safeParse(message);
    if (!check.success) {
      const issue = check.error.issues[0];
      const name = issue?.path[0] === 'values' ? issue.path[1] : undefined;
      const field = spec.fields.find((f) => f.name === name);
      const why = issue?.code === 'invalid_key' ? `the field name "${String(name)}" is not accepted` : field ? 'the value is too long (at most 20,000 characters or 1,000 lines)' : (issue?.message ?? 'invalid values');
      this.banner = { kind: 'error', text: `This form cannot be sent${field ? ` (${field.label})` : ''}: ${why}.` };
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
    this.banner = { kind: 'error', text: 'The extension did not answer. Your values are kept; try again.' };
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
      case 'options':
        return {};
    }
  }

  private result(msg: Extract<HostMessage, { type: 'result' }>): Outcome {
    if (!this.sent.has(msg.requestId) && this.inFlight?.id !== msg.requestId) return {};
    if (this.inFlight?.id === msg.requestId) this.inFlight = undefined;
    const spec = this.spec;
    if (!spec) return {};
    if (msg.ok) {
      this.banner = { kind: 'success', text: msg.message };
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
    for (const [name, text] of Object.entries(msg.fieldErrors)) {
      const field = spec.fields.find((f) => f.name === name);
      if (field) placed[name] = text;
      else elsewhere.push(text);
    }
    this.serverErrors = placed;
    this.banner = { kind: 'error', text: [msg.message, ...elsewhere].filter(Boolean).join(' ') || 'The request failed.' };
    const first = spec.fields.find((f) => placed[f.name]);
    return { focus: first ? first.name : 'banner' };
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
    if (!spec) return { ...base, fieldErrors: {}, fieldWarnings: {}, problems: [], canSubmit: false };
    const { errors, warnings } = collect(spec, this.raws);
    const fieldErrors: Record<string, string> = {};
    const problems: Problem[] = [];
    for (const f of spec.fields) {
      const own = errors[f.name];
      if (own) problems.push({ name: f.name, label: f.label, message: own });
      // A blank field nobody touched yet does not shout "required"; the summary still lists it.
      const shown = own && (this.touched.has(f.name) || !isBlank(this.raws[f.name])) ? own : this.serverErrors[f.name];
      if (shown) fieldErrors[f.name] = shown;
    }
    // A bulk run is sent once per panel (the host refuses a second one): after it, Retry Failed is the way on.
    const blocked = this.bulk && !this.bulk.running ? 'These invitations were sent from this panel. Use Retry Failed for the failures, or start a new bulk invitation.' : undefined;
    const fieldWarnings = Object.fromEntries(Object.entries(warnings).filter(([name]) => !fieldErrors[name]));
    return { ...base, fieldErrors, fieldWarnings, problems, canSubmit: !busy && !blocked && !base.done && problems.length === 0, blocked };
  }
}
