// Wiring: VS Code's webview API, the model and the page. The protocol: post `ready`, render each
// `init`, post `submit`/`cancel`/`retryFailed`, apply `busy`/`result`/`bulk`. Every inbound message
// is parsed first and ignored when it does not parse.
import type { WebviewMessage } from '../../src/protocol/messages';
import { useBundle } from '../../src/core/l10n';
import { parseHostMessage } from './inbound';
import { ACK_TIMEOUT_MS, FormModel, type Outcome } from './model';
import { Page } from './render';

export function start(root: HTMLElement, vscode: VsCodeWebviewApi): void {
  const model = new FormModel(vscode.getState(), newRequestId);
  /** After the person changed the form's shape (rows added, removed or pasted). */
  function reshaped(outcome: Outcome): void {
    save();
    saveDraftSoon();
    page.syncRows(model.raws);
    page.write(model.raws);
    act(outcome);
  }
  // What the host needs to reopen this form after a window reload, kept beside the draft.
  const reopen = parseReopen(root.getAttribute('data-reopen'));
  const save = () => vscode.setState({ ...model.persisted(), ...(reopen ? { reopen } : {}) });
  // At once, so a form reloaded before anything was typed still comes back.
  if (reopen) save();
  const page = new Page(root, {
    input(name, raw) {
      model.input(name, raw);
      save();
      saveDraftSoon();
      page.update(model.view());
    },
    addRow: (name) => reshaped(model.addRow(name)),
    removeRow: (name, index) => reshaped(model.removeRow(name, index)),
    paste: (name, text) => reshaped(model.pasteRows(name, text)),
    retryOptions: (source) => act(model.retryOptions(source)),
    submit: () => act(model.submit()),
    cancel: () => act(model.cancel()),
    retryFailed: () => act(model.retryFailed()),
    sendAnother: () => act(model.sendAnother()),
    close: () => act(model.close()),
    discardDraft: () => {
      const outcome = model.discardDraft();
      clearTimeout(draftTimer);
      save();
      page.syncRows(model.raws);
      page.write(model.raws);
      act(outcome);
    },
  });

  function post(message: WebviewMessage): void {
    vscode.postMessage(message);
  }

  // The host keeps a copy of the draft, since this webview's state is gone once the panel closes.
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  function saveDraftSoon(): void {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => {
      const draft = model.persisted();
      post({ type: 'draft', values: 'values' in draft ? draft.values : {} });
    }, 250);
  }

  function act(outcome: Outcome): void {
    if (outcome.post) {
      post(outcome.post);
      const id = 'requestId' in outcome.post ? outcome.post.requestId : undefined;
      if (id) {
        setTimeout(() => {
          if (model.ackTimeout(id)) page.update(model.view());
        }, ACK_TIMEOUT_MS);
      }
    }
    page.update(model.view());
    if (outcome.focus) page.focus(outcome.focus);
  }

  window.addEventListener('message', (event: MessageEvent) => {
    const msg = parseHostMessage(event.data);
    if (!msg) return;
    if (msg.type === 'init') {
      // Before anything is worded: the host's language for every message of the page and of validation.
      useBundle(msg.l10n);
      model.adoptDraft(msg.spec.draftKey, msg.draft, msg.draftSavedAt);
      const refocus = page.focusedField();
      const fresh = model.init(msg.spec, msg.done);
      // Kept at once: a restored draft already announced is not announced again after a tab switch.
      if (model.view().banner?.action === 'discardDraft') save();
      page.render(model.spec!, model.raws);
      for (const request of model.optionRequests()) post(request);
      page.update(model.view());
      if (fresh) page.focusFirstEditable();
      else if (refocus) page.focus(refocus);
      return;
    }
    const hadValues = msg.type === 'result' && msg.ok && !!msg.values;
    const outcome = model.receive(msg);
    if (hadValues) {
      page.syncRows(model.raws);
      page.write(model.raws);
    }
    save();
    page.update(model.view());
    // Move focus to the answer only when the person is waiting for it, not while they type elsewhere.
    if (outcome.focus && page.focusIsIdle()) page.focus(outcome.focus);
  });

  post({ type: 'ready' });
}

/** The host's JSON (checked again by the host on restore); anything else is not kept. */
function parseReopen(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
