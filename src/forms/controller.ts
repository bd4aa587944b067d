// The host side of one form: answers `ready` with the form, checks every submission again with the
// same rules the webview applies, sends at most one request at a time and never the same request
// twice, and turns API errors into messages placed on the field they concern. It depends only on
// the WebviewPort interface, so it is tested without VS Code.
import { isApiError, messageOf } from '../core/errors';
import { l10nBundle, t } from '../core/l10n';
import { writeOutcome } from '../core/outcome';
import type { Logger } from '../core/redact';
import { type FormHandler, FormStaleError, type InDoubtSlot, type SubmitContext, type SubmitSuccess } from '../core/forms';
import type { FieldOption, FormSpec, FormValues } from '../protocol/forms';
import { fieldOptions, type HostMessage, type RawDraft, webviewMessage } from '../protocol/messages';
import { changedRaws, rawsOf } from '../protocol/raw';
import { declaredValues, validateForm, withOptions } from '../protocol/validate';
import { RecentWrites } from './recentWrites';
import { presentError } from './presentError';

export interface WebviewPort {
  post(message: HostMessage): void;
  onMessage(listener: (raw: unknown) => void): { dispose(): void };
}

/** Drafts that outlive the panel (the webview's own state dies with it), keyed by FormSpec.draftKey. */
export interface DraftStore {
  get(draftKey: string): RawDraft | undefined;
  /** When the draft was last saved (ISO), for "Restored your unsent draft from…". */
  savedAt?(draftKey: string): string | undefined;
  set(draftKey: string, values: RawDraft): void;
  delete(draftKey: string): void;
}

export interface ControllerOptions {
  drafts?: DraftStore;
  /**
   * Prefixes every draft key (e.g. the connection id), so two connections showing the same record
   * keep separate drafts. Keys stored without it are simply not found again.
   */
  scope?: string;
  /**
   * Asks the person a yes/no question (a modal dialog in VS Code). Without it, a write that needs
   * a question first is refused.
   */
  confirm?: (question: string, yes?: string) => Promise<boolean>;
  /** Writes whose answer was lost, shared by every form of the extension host, by scoped draft key. */
  inDoubt?: { slot(key: string): InDoubtSlot };
  /** Writes that succeeded lately, shared by every form of the extension host. */
  recent?: RecentWrites;
  /** Closes the panel ("Close" after a write succeeded). */
  close?: () => void;
  /** The form's title changed (a create that succeeded is now an edit): the tab follows. */
  retitle?: (title: string) => void;
}

export const ALREADY_DONE = 'This was already sent from this form. Choose “Send another…” to send another one.';

export class FormController {
  private inFlight?: { requestId: string; abort: AbortController };
  /** The last progress table, re-sent when the webview is rebuilt (it is not kept while hidden). */
  private lastBulk?: HostMessage;
  /** Answers already given, by request id: a repeated id gets the same answer and sends nothing. */
  private readonly answered = new Map<string, HostMessage>();
  private readonly subscription: { dispose(): void };
  private disposed = false;
  private readonly drafts?: DraftStore;
  private readonly recent: RecentWrites;
  /** The write of this form succeeded: nothing more is sent until the webview asks for a fresh form. */
  private done = false;
  /** What the success said, for a webview rebuilt while done. */
  private doneMessage = '';
  /** Options per source, asked once per panel; a failed answer is forgotten so the webview may ask again. */
  private readonly options = new Map<string, Promise<FieldOption[]>>();
  /** Options that arrived, so the host checks a select against what the webview offered. */
  private readonly loadedOptions = new Map<string, FieldOption[]>();
  /** What the webview sent, by request id, until its answer: a stale record is re-sent with it kept. */
  private readonly submitted = new Map<string, FormValues>();
  /** Aborts option loads when the panel goes. */
  private readonly lifetime = new AbortController();

  constructor(
    private readonly port: WebviewPort,
    private readonly handler: FormHandler,
    private readonly log: Logger,
    private readonly settings: ControllerOptions = {},
  ) {
    this.drafts = settings.drafts;
    this.recent = settings.recent ?? new RecentWrites();
    this.subscription = port.onMessage((raw) => void this.receive(raw));
  }

  /** Stop listening. A request already sent is left to finish: aborting a write would not undo it. */
  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.lifetime.abort();
  }

  /** Re-sends the form (e.g. after the host reloaded its data). */
  refresh(typed?: RawDraft): void {
    const spec = this.spec();
    const draft = typed ?? this.drafts?.get(spec.draftKey);
    const savedAt = !typed && draft ? this.drafts?.savedAt?.(spec.draftKey) : undefined;
    this.post({ type: 'init', spec, ...(draft ? { draft } : {}), ...(savedAt ? { draftSavedAt: savedAt } : {}), ...(this.done ? { done: this.doneMessage } : {}), ...withBundle() });
  }

  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessage.safeParse(raw);
    if (!parsed.success) {
      this.log.debug(`Ignored a webview message that does not parse: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.refresh();
        // A webview rebuilt after a tab switch must learn that a request is still running.
        if (this.inFlight) this.post({ type: 'busy', requestId: this.inFlight.requestId, busy: true });
        if (this.lastBulk) this.post(this.lastBulk);
        return;
      case 'cancel':
        this.inFlight?.abort.abort();
        return;
      case 'draft': {
        const key = this.spec().draftKey;
        if (Object.keys(msg.values).length) this.drafts?.set(key, msg.values);
        else this.drafts?.delete(key);
        return;
      }
      case 'submit':
        return this.run(msg.requestId, async (ctx) => {
          const spec = this.spec();
          if (this.done) throw new Refused(ALREADY_DONE);
          this.submitted.set(ctx.requestId, msg.values);
          const checked = withOptions(spec, (source) => this.loadedOptions.get(source));
          const values = declaredValues(checked, msg.values);
          const problems = validateForm(checked, values);
          if (Object.keys(problems).length) {
            throw new InvalidForm(problems);
          }
          const single = !spec.bulk;
          if (single) await this.askBeforeRepeating(spec, values);
          const ok = await this.handler.submit(values, ctx);
          if (single && !ok.nothingSent) {
            this.done = true;
            this.doneMessage = ok.message;
            this.recent.record(spec.draftKey, values);
          }
          return ok;
        });
      case 'sendAnother':
        if (!this.done || this.inFlight) return;
        this.done = false;
        this.refresh();
        return;
      case 'discardDraft':
        this.drafts?.delete(this.spec().draftKey);
        return;
      case 'close':
        // Only a finished form closes itself this way; otherwise the tab's own close button does.
        if (this.done && !this.inFlight) this.settings.close?.();
        return;
      case 'options':
        return this.answerOptions(msg.requestId, msg.source);
      case 'retryFailed': {
        const retry = this.handler.retryFailed;
        if (!retry) return;
        return this.run(msg.requestId, (ctx) => retry.call(this.handler, ctx));
      }
    }
  }

  private async run(requestId: string, work: (ctx: SubmitContext) => Promise<SubmitSuccess>): Promise<void> {
    const previous = this.answered.get(requestId);
    if (previous) {
      this.post(previous);
      return;
    }
    if (this.inFlight) {
      // The button is disabled while a request runs; a second click that slips through is refused.
      this.post({ type: 'result', requestId, ok: false, message: t('The previous request is still running; wait for its answer.'), fieldErrors: {} });
      return;
    }
    const abort = new AbortController();
    this.inFlight = { requestId, abort };
    this.post({ type: 'busy', requestId, busy: true });
    let answer: HostMessage;
    // Submitted from the form as it was: a stale record is re-sent with what was typed kept.
    const before = this.spec();
    let typed: RawDraft | undefined;
    try {
      const inDoubt = this.settings.inDoubt?.slot(before.draftKey);
      const ok = await work({ signal: abort.signal, requestId, post: (m) => this.post(m), confirm: async (q, yes) => (this.settings.confirm ? this.settings.confirm(q, yes) : false), ...(inDoubt ? { inDoubt } : {}) });
      answer = { type: 'result', requestId, ok: true, message: ok.message, values: ok.values, clearDraft: ok.clearDraft, ...(this.done ? { done: true } : {}), ...(ok.warning ? { warning: true } : {}) };
      if (ok.clearDraft) this.drafts?.delete(this.spec().draftKey);
    } catch (e) {
      answer = { type: 'result', requestId, ok: false, ...this.describe(e) };
      if (e instanceof FormStaleError) {
        typed = this.typedDraft(before, requestId);
        this.log.info(`Form ${before.kind}: the record changed on the server; re-sent with the typed values kept.`);
      } else if (!(e instanceof InvalidForm) && !(e instanceof Refused)) this.log.warn(`Form ${this.spec().kind} failed: ${messageOf(e)}`);
    } finally {
      this.inFlight = undefined;
    }
    if (!typed) this.submitted.delete(requestId);
    this.answered.set(requestId, answer);
    this.post({ type: 'busy', requestId, busy: false });
    this.post(answer);
    if (typed) {
      if (Object.keys(typed).length) this.drafts?.set(this.spec().draftKey, typed);
      this.refresh(typed);
      return;
    }
    // A write that turned the form into another one (a company's only contact created → edit that
    // contact): show that form now, finished, so the next step is an edit and never a second create.
    const after = this.spec();
    if (answer.type === 'result' && answer.ok && (after.kind !== before.kind || after.title !== before.title)) {
      this.settings.retitle?.(after.title);
      this.refresh();
    }
  }

  /** What a submission typed, as a draft against the form it was typed in. */
  private typedDraft(before: FormSpec, requestId: string): RawDraft {
    const submitted = this.submitted.get(requestId);
    this.submitted.delete(requestId);
    return submitted ? changedRaws(before, rawsOf(before, submitted)) : {};
  }

  private async answerOptions(requestId: string, source: string): Promise<void> {
    const load = this.handler.options;
    if (!load) {
      this.post({ type: 'options', requestId, source, error: t('This form has no options to load.') });
      return;
    }
    let pending = this.options.get(source);
    if (!pending) {
      pending = load.call(this.handler, source, this.lifetime.signal).then((raw) => {
        const parsed = fieldOptions.safeParse(raw);
        if (!parsed.success) throw new Error('the provider answered options that do not parse');
        return parsed.data;
      });
      this.options.set(source, pending);
    }
    try {
      const options = await pending;
      this.loadedOptions.set(source, options);
      this.post({ type: 'options', requestId, source, options });
    } catch (e) {
      if (this.options.get(source) === pending) this.options.delete(source);
      this.log.warn(`Loading the options "${source}" failed: ${messageOf(e)}`);
      this.post({ type: 'options', requestId, source, error: isApiError(e) ? e.describe('Loading the choices') : `Loading the choices failed: ${messageOf(e)}` });
    }
  }

  private describe(e: unknown): { message: string; fieldErrors: Record<string, string>; details?: string } {
    const told = this.placeOrPresent(e);
    // A connection refused before any byte left: the write certainly did not happen. Say so, so
    // nobody goes looking for a half-sent request.
    return isApiError(e) && e.kind === 'network' && writeOutcome(e) === 'refused' ? { ...told, message: t('{0} Nothing was sent.', told.message) } : told;
  }

  private placeOrPresent(e: unknown): { message: string; fieldErrors: Record<string, string>; details?: string } {
    if (e instanceof InvalidForm) return { message: t('Some fields need attention: {0}.', this.labelsOf(Object.keys(e.problems))), fieldErrors: e.problems };
    if (e instanceof Refused || e instanceof FormStaleError) return { message: e.message, fieldErrors: {} };
    if (isApiError(e)) {
      const placed = this.handler.placeError?.(e, presentError(e, 'Sending'));
      if (placed) return placed;
      const fields = new Set(this.spec().fields.map((f) => f.name));
      const fieldErrors: Record<string, string> = {};
      const rest: string[] = [];
      for (const [apiField, messages] of Object.entries(e.fieldErrors)) {
        if (fields.has(apiField)) fieldErrors[apiField] = messages.join(' ');
        else rest.push(`${apiField}: ${messages.join(' ')}`);
      }
      const named = Object.keys(fieldErrors);
      const message = named.length && !rest.length ? `The server refused ${this.labelsOf(named)}: see the marked ${named.length === 1 ? 'field' : 'fields'}.` : presentError(e, 'Sending');
      return { message, fieldErrors, ...(named.length ? { details: e.message } : {}) };
    }
    return { message: t('Sending failed: {0}', messageOf(e)), fieldErrors: {} };
  }

  /** "Full name, E-mail": the labels of these field paths (a row's as "Contact 2 · E-mail"), for a banner that names them. */
  private labelsOf(paths: string[]): string {
    const fields = this.spec().fields;
    return paths
      .map((path) => {
        const [name, index, sub] = path.split('.');
        const field = fields.find((f) => f.name === name);
        if (field && index !== undefined && sub !== undefined) {
          const inner = field.fields?.find((f) => f.name === sub);
          return `${field.rowLabel ?? field.label} ${Number(index) + 1} · ${inner?.label ?? sub}`;
        }
        return field?.label ?? path;
      })
      .join(', ');
  }

  /** The same content written to the same record within minutes is most likely a mistake: ask. */
  private async askBeforeRepeating(spec: FormSpec, values: FormValues): Promise<void> {
    const ago = this.recent.sameWithin(spec.draftKey, values);
    if (ago === undefined) return;
    const when = ago < 60_000 ? 'less than a minute ago' : `${Math.floor(ago / 60_000)} minute${ago < 120_000 ? '' : 's'} ago`;
    const question = `Exactly this was sent ${when} (${spec.title}). Send it again?`;
    if (!this.settings.confirm || !(await this.settings.confirm(question))) {
      throw new Refused(`Not sent: exactly this was sent ${when}. Change something, or confirm to send it again.`);
    }
  }

  /**
   * The handler's form, its draft key scoped. A prefilled form keeps its drafts apart, so the
   * copied person is what the person sees and an earlier unsent draft is neither applied nor
   * overwritten (it comes back in the form opened without a prefill).
   */
  private spec(): FormSpec {
    const spec = this.handler.spec();
    const key = this.settings.scope ? `${this.settings.scope}/${spec.draftKey}` : spec.draftKey;
    if (!spec.prefilled) return { ...spec, draftKey: key };
    const kept = this.drafts?.get(key) ? ['Your unsent draft of this form is kept: it comes back when you open the form from the tree.'] : [];
    // Per prefill: edits made to one copied person never land on another one copied later.
    return { ...spec, draftKey: `${key}/prefilled/${shortHash(JSON.stringify(spec.values))}`, notes: [...(spec.notes ?? []), ...kept] };
  }

  private post(message: HostMessage): void {
    if (message.type === 'bulk') this.lastBulk = message;
    if (!this.disposed) this.port.post(message);
  }
}

/** Not sent, by the form's own decision (nothing reached the handler). */
class Refused extends Error {}

class InvalidForm extends Error {
  constructor(readonly problems: Record<string, string>) {
    super('invalid form');
  }
}

export type { FormHandler, SubmitContext, SubmitSuccess };

/** A short, stable digest of a text (not a secret: a draft key). */
function shortHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

function withBundle(): { l10n?: Record<string, string> } {
  const bundle = l10nBundle();
  return bundle ? { l10n: bundle } : {};
}
