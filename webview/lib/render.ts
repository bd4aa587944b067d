// DOM: the page for one FormSpec (title, notes, sections of fields, Submit with its summary, and the
// bulk parts), and updating it from the model's view without rebuilding what the person types in.
import type { FormSpec } from '../../src/protocol/forms';
import { rowCount } from '../../src/protocol/raw';
import { BulkPanel, BulkTargets } from './bulkView';
import { h, setText } from './dom';
import { createField, type FieldHandle } from './fields';
import type { Banner, FormView, Problem } from './model';
import { RowsBlock } from './rowsView';
import type { RawValue, RawValues } from './values';
import { t } from '../../src/core/l10n';

export interface PageHandlers {
  input(name: string, raw: RawValue): void;
  addRow(name: string): void;
  removeRow(name: string, index: number): void;
  paste(name: string, text: string): void;
  retryOptions(source: string): void;
  submit(): void;
  cancel(): void;
  retryFailed(): void;
  sendAnother(): void;
  close(): void;
  discardDraft(): void;
}

export class Page {
  private fields = new Map<string, FieldHandle>();
  private submitButton?: HTMLElement & { disabled: boolean };
  private busyNote?: HTMLElement;
  private summary?: HTMLElement;
  private summaryKey = '';
  private alert?: HTMLElement;
  private status?: HTMLElement;
  private bannerKey = '';
  private bulkPanel?: BulkPanel;
  private targets?: BulkTargets;
  private doneActions?: HTMLElement;
  private sendAnotherButton?: HTMLElement;
  private rowBlocks: RowsBlock[] = [];
  private spec?: FormSpec;

  constructor(
    private readonly root: HTMLElement,
    private readonly handlers: PageHandlers,
  ) {}

  /** Builds the whole page for a form. */
  render(spec: FormSpec, raws: RawValues): void {
    this.fields.clear();
    this.rowBlocks = [];
    this.spec = spec;
    this.summaryKey = '';
    this.bannerKey = '';
    const form = h('form', { class: 'form', noValidate: true, 'aria-labelledby': 'form-title' });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.handlers.submit();
    });
    form.addEventListener('keydown', (e) => {
      // Ctrl/Cmd+Enter submits from anywhere; a single-line field submits on Enter by itself
      // (vscode-textfield requests the form's submit), so it is left to do that.
      const target = e.target as HTMLElement;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing && target.localName !== 'vscode-textfield') {
        e.preventDefault();
        this.handlers.submit();
      }
    });

    let group: HTMLElement = h('div', { class: 'group' });
    form.appendChild(group);
    spec.fields.forEach((field, i) => {
      if (field.section) {
        const headingId = `section-${i}`;
        group = h('section', { class: 'group', 'aria-labelledby': headingId }, h('h2', { id: headingId }, field.section));
        form.appendChild(group);
      }
      if (field.kind === 'rows' && !field.readonly) {
        const block = new RowsBlock(field, i, {
          input: (name, raw) => this.handlers.input(name, raw),
          retryOptions: (source) => this.handlers.retryOptions(source),
          addRow: (name) => this.handlers.addRow(name),
          removeRow: (name, index) => this.handlers.removeRow(name, index),
          paste: (name, text) => this.handlers.paste(name, text),
        });
        this.rowBlocks.push(block);
        this.fields.set(field.name, block.handle);
        group.appendChild(block.root);
        return;
      }
      const handle = createField(field, raws[field.name] ?? '', spec.values[field.name], i, {
        input: (name, raw) => this.handlers.input(name, raw),
        retryOptions: (source) => this.handlers.retryOptions(source),
      });
      this.fields.set(field.name, handle);
      group.appendChild(handle.root);
    });
    this.syncRows(raws);

    // The summary says why the button is off ("Cannot send yet: …"): read it with the button.
    this.submitButton = h('vscode-button', { type: 'submit', class: 'submit', 'aria-describedby': 'submit-summary' }, spec.submitLabel);
    this.busyNote = h('span', { class: 'busy', role: 'status' });
    this.summary = h('div', { class: 'summary', id: 'submit-summary', hidden: true });
    form.appendChild(h('div', { class: 'actions' }, this.submitButton, this.busyNote));
    form.appendChild(this.summary);

    // Once the write succeeded: a fresh form or done, never the same write again.
    // An edit is not sent "again": the fresh form shows the record as it now is.
    const againLabel = spec.kind === 'editContact' || spec.kind === 'editUser' ? t('Edit again…') : t('Send another…');
    this.sendAnotherButton = h('vscode-button', { class: 'send-another' }, againLabel);
    const closeButton = h('vscode-button', { secondary: true, class: 'close' }, t('Close'));
    this.sendAnotherButton.addEventListener('click', () => this.handlers.sendAnother());
    closeButton.addEventListener('click', () => this.handlers.close());
    this.doneActions = h('div', { class: 'actions done-actions', hidden: true }, this.sendAnotherButton, closeButton);

    this.alert = h('div', { class: 'banner-slot', role: 'alert' });
    this.status = h('div', { class: 'banner-slot', role: 'status' });

    const isBulk = spec.kind === 'bulkInvite' && !!spec.bulk;
    this.targets = isBulk ? new BulkTargets(spec.bulk!.targets) : undefined;
    this.bulkPanel = isBulk ? new BulkPanel({ cancel: () => this.handlers.cancel(), retryFailed: () => this.handlers.retryFailed() }) : undefined;

    this.root.replaceChildren(
      h(
        'div',
        { class: 'page' },
        h('header', { class: 'header' }, h('h1', { id: 'form-title' }, spec.title), spec.subtitle ? h('p', { class: 'subtitle' }, spec.subtitle) : undefined),
        this.alert,
        this.status,
        this.doneActions,
        // A run's results come first: below the whole form they were off-screen.
        this.bulkPanel?.root,
        spec.notes?.length ? h('ul', { class: 'notes', 'aria-label': t('About this form') }, ...spec.notes.map((n) => h('li', {}, n))) : undefined,
        this.targets?.root,
        form,
      ),
    );
  }

  /** Builds the rows of each rows field again where their number changed (added, removed, pasted). */
  syncRows(raws: RawValues): void {
    for (const block of this.rowBlocks) {
      const name = block.handle.field.name;
      if (!block.render(rowCount(raws[name]), raws, this.spec?.values[name])) continue;
      for (const path of [...this.fields.keys()]) if (path.startsWith(`${name}.`)) this.fields.delete(path);
      for (const [path, handle] of block.handles) this.fields.set(path, handle);
    }
  }

  update(view: FormView): void {
    for (const [path, handle] of this.fields) {
      handle.setError(view.fieldErrors[path]);
      handle.setWarning(view.fieldWarnings[path]);
      handle.setHidden(!view.visible.has(path));
      handle.setRequired(view.required.has(path));
      const source = handle.field.optionsSource;
      if (source) handle.setOptions?.(view.options[source]);
    }
    for (const block of this.rowBlocks) block.limits(view.rows[block.handle.field.name] ?? 0);
    if (this.submitButton) this.submitButton.disabled = !view.canSubmit;
    if (this.busyNote) setText(this.busyNote, view.busy ? (view.bulk?.running ? t('Sending invitations…') : t('Sending…')) : '');
    this.showSummary(view.busy || view.pristine ? [] : view.problems, view.blocked);
    this.showBanner(view.banner);
    if (this.doneActions) {
      const shown = !this.doneActions.hidden;
      this.doneActions.hidden = !view.done;
      if (view.done && !shown && this.focusIsIdle()) this.sendAnotherButton?.focus();
    }
    this.targets?.update(view.bulk);
    this.bulkPanel?.update(view);
  }

  /** Puts values into the controls (after a result that carries the saved record). */
  write(raws: RawValues): void {
    for (const [name, handle] of this.fields) {
      const raw = raws[name];
      if (raw !== undefined) handle.write(raw);
    }
  }

  /** The name of the field that has focus, if any. */
  focusedField(): string | undefined {
    const active = document.activeElement;
    for (const [name, handle] of this.fields) if (handle.control && handle.control === active) return name;
    return undefined;
  }

  /** True when focus is nowhere in particular (the page, or the button that just sent). */
  focusIsIdle(): boolean {
    const active = document.activeElement;
    return !active || active === document.body || active === this.submitButton || !!this.bulkPanel?.root.contains(active);
  }

  focusFirstEditable(): void {
    for (const handle of this.fields.values()) {
      if (handle.control) {
        focusWhenReady(handle.control);
        return;
      }
    }
  }

  focus(target: string): void {
    if (target === 'banner') {
      const el = this.alert?.firstElementChild ?? this.status?.firstElementChild;
      if (el instanceof HTMLElement) el.focus();
      return;
    }
    const control = this.fields.get(target)?.control;
    if (control) focusWhenReady(control);
  }

  private showSummary(problems: Problem[], blocked: string | undefined): void {
    const summary = this.summary;
    if (!summary) return;
    const key = (blocked ?? '') + problems.map((p) => `\u0001${p.name}\u0000${p.message}`).join('');
    if (key === this.summaryKey) return;
    this.summaryKey = key;
    summary.hidden = !blocked && problems.length === 0;
    if (blocked) {
      summary.replaceChildren(h('p', { class: 'summary-title' }, blocked));
      return;
    }
    if (!problems.length) {
      summary.replaceChildren();
      return;
    }
    const title = problems.length === 1 ? t('Cannot send yet: 1 field needs attention.') : t('Cannot send yet: {0} fields need attention.', problems.length);
    summary.replaceChildren(
      h('p', { class: 'summary-title' }, title),
      h('ul', {}, ...problems.map((p) => h('li', {}, h('span', { class: 'summary-label' }, t('{0}: ', p.label)), p.message))),
    );
  }

  private showBanner(banner: Banner | undefined): void {
    const key = banner ? `${banner.kind}\u0000${banner.text}\u0000${banner.details ?? ''}\u0000${banner.action ?? ''}` : '';
    if (key === this.bannerKey || !this.alert || !this.status) return;
    this.bannerKey = key;
    this.alert.replaceChildren();
    this.status.replaceChildren();
    if (!banner) return;
    const slot = banner.kind === 'error' || banner.kind === 'warning' ? this.alert : this.status;
    let action: HTMLElement | undefined;
    if (banner.action === 'discardDraft') {
      action = h('vscode-button', { secondary: true, class: 'discard-draft' }, t('Discard draft'));
      action.addEventListener('click', () => this.handlers.discardDraft());
    }
    slot.appendChild(
      h(
        'div',
        { class: `banner ${banner.kind} with-icon`, tabIndex: -1 },
        h(
          'div',
          { class: 'banner-body' },
          h('p', { class: 'banner-text' }, banner.text),
          banner.details ? h('p', { class: 'banner-details' }, h('span', { class: 'banner-details-label' }, 'Details: '), banner.details) : undefined,
          action ? h('div', { class: 'banner-actions' }, action) : undefined,
        ),
      ),
    );
  }
}

/** Focus a vscode-element once it has rendered (its focus is delegated into its shadow root). */
function focusWhenReady(el: HTMLElement): void {
  const ready = (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete ?? Promise.resolve();
  void ready.then(() => el.focus());
}
