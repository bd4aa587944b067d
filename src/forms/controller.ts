// The host side of one form: answers `ready` with the form, checks every submission again with the
// same rules the webview applies, sends at most one request at a time and never the same request
// twice, and turns API errors into messages placed on the field they concern. It depends only on
// the WebviewPort interface, so it is tested without VS Code.
import { isApiError, messageOf } from '../core/errors';
import type { Logger } from '../core/redact';
import type { FormHandler, SubmitContext, SubmitSuccess } from '../core/forms';
import type { FormSpec, FormValues } from '../protocol/forms';
import { type HostMessage, type RawDraft, webviewMessage } from '../protocol/messages';
import { validateForm } from '../protocol/validate';

export interface WebviewPort {
  post(message: HostMessage): void;
  onMessage(listener: (raw: unknown) => void): { dispose(): void };
}

/** Drafts that outlive the panel (the webview's own state dies with it), keyed by FormSpec.draftKey. */
export interface DraftStore {
  get(draftKey: string): RawDraft | undefined;
  set(draftKey: string, values: RawDraft): void;
  delete(draftKey: string): void;
}

export class FormController {
  private inFlight?: { requestId: string; abort: AbortController };
  /** The last progress table, re-sent when the webview is rebuilt (it is not kept while hidden). */
  private lastBulk?: HostMessage;
  /** Answers already given, by request id: a repeated id gets the same answer and sends nothing. */
  private readonly answered = new Map<string, HostMessage>();
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly port: WebviewPort,
    private readonly handler: FormHandler,
    private readonly log: Logger,
    private readonly drafts?: DraftStore,
  ) {
    this.subscription = port.onMessage((raw) => void this.receive(raw));
  }

  /** Stop listening. A request already sent is left to finish: aborting a write would not undo it. */
  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }

  /** Re-sends the form (e.g. after the host reloaded its data). */
  refresh(): void {
    const spec = this.handler.spec();
    const draft = this.drafts?.get(spec.draftKey);
    this.post(draft ? { type: 'init', spec, draft } : { type: 'init', spec });
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
        const key = this.handler.spec().draftKey;
        if (Object.keys(msg.values).length) this.drafts?.set(key, msg.values);
        else this.drafts?.delete(key);
        return;
      }
      case 'submit':
        return this.run(msg.requestId, (ctx) => {
          const spec = this.handler.spec();
          const values = pickDeclared(spec, msg.values);
          const problems = validateForm(spec, values);
          if (Object.keys(problems).length) {
            throw new InvalidForm(problems);
          }
          return this.handler.submit(values, ctx);
        });
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
      this.post({ type: 'result', requestId, ok: false, message: 'The previous request is still running; wait for its answer.', fieldErrors: {} });
      return;
    }
    const abort = new AbortController();
    this.inFlight = { requestId, abort };
    this.post({ type: 'busy', requestId, busy: true });
    let answer: HostMessage;
    try {
      const ok = await work({ signal: abort.signal, requestId, post: (m) => this.post(m) });
      answer = { type: 'result', requestId, ok: true, message: ok.message, values: ok.values, clearDraft: ok.clearDraft };
      if (ok.clearDraft) this.drafts?.delete(this.handler.spec().draftKey);
    } catch (e) {
      answer = { type: 'result', requestId, ok: false, ...this.describe(e) };
      if (!(e instanceof InvalidForm)) this.log.warn(`Form ${this.handler.spec().kind} failed: ${messageOf(e)}`);
    } finally {
      this.inFlight = undefined;
    }
    this.answered.set(requestId, answer);
    this.post({ type: 'busy', requestId, busy: false });
    this.post(answer);
  }

  private describe(e: unknown): { message: string; fieldErrors: Record<string, string> } {
    if (e instanceof InvalidForm) return { message: 'Some fields need attention.', fieldErrors: e.problems };
    if (isApiError(e)) {
      const placed = this.handler.placeError?.(e);
      if (placed) return placed;
      const fields = new Set(this.handler.spec().fields.map((f) => f.name));
      const fieldErrors: Record<string, string> = {};
      const rest: string[] = [];
      for (const [apiField, messages] of Object.entries(e.fieldErrors)) {
        if (fields.has(apiField)) fieldErrors[apiField] = messages.join(' ');
        else rest.push(`${apiField}: ${messages.join(' ')}`);
      }
      const message = Object.keys(fieldErrors).length && !rest.length ? 'The server rejected some fields.' : e.describe('Sending');
      return { message, fieldErrors };
    }
    return { message: `Sending failed: ${messageOf(e)}`, fieldErrors: {} };
  }

  private post(message: HostMessage): void {
    if (message.type === 'bulk') this.lastBulk = message;
    if (!this.disposed) this.port.post(message);
  }
}

class InvalidForm extends Error {
  constructor(readonly problems: Record<string, string>) {
    super('invalid form');
  }
}

/** Only the declared fields reach a handler; anything else a webview sends is dropped. */
function pickDeclared(spec: FormSpec, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of spec.fields) {
    if (f.readonly) {
      if (f.name in spec.values) out[f.name] = spec.values[f.name]!;
    } else if (f.name in values) out[f.name] = values[f.name]!;
  }
  return out;
}

export type { FormHandler, SubmitContext, SubmitSuccess };
