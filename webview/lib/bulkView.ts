// DOM: the bulk parts of the form: the companies a run will invite or skip, and once it runs, a
// results table with a summary, Cancel while running and Retry failed afterwards.
import type { BulkTarget } from '../../src/protocol/forms';
import { announcement, type BulkRun, partitionTargets, retryableCount, runWarns, stateLabel, summaryText } from './bulk';
import { h, setText } from './dom';
import type { FormView } from './model';
import { t } from '../../src/core/l10n';

export class BulkTargets {
  readonly root: HTMLElement;

  constructor(targets: readonly BulkTarget[]) {
    const { invite, skip } = partitionTargets(targets);
    this.root = h(
      'section',
      { class: 'targets', 'aria-labelledby': 'targets-title' },
      h('h2', { id: 'targets-title' }, t('Companies ({0})', targets.length)),
      h('p', { class: 'targets-count' }, invite.length === 1 ? '1 company will be invited.' : `${invite.length} companies will be invited.`),
      invite.length ? h('ul', { class: 'target-list fit-rows', 'aria-label': t('Will be invited') }, ...invite.map((t) => h('li', { title: t.name }, t.name))) : undefined,
      skip.length
        ? h(
            'div',
            { class: 'skipped' },
            h('h3', { id: 'skipped-title' }, t('Will be skipped ({0})', skip.length)),
            h('ul', { class: 'target-list fit-rows', 'aria-labelledby': 'skipped-title' }, ...skip.map((t) => h('li', { title: `${t.name} — ${t.skipReason}` }, h('span', { class: 'target-name' }, t.name), h('span', { class: 'reason' }, ` — ${t.skipReason}`)))),
          )
        : undefined,
    );
  }

  /** Once a run has rows, its table says it all. */
  update(run: BulkRun | undefined): void {
    this.root.hidden = !!run?.rows.length;
  }
}

export class BulkPanel {
  readonly root: HTMLElement;
  private readonly summary = h('p', { class: 'bulk-summary', tabIndex: -1 });
  private readonly live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  // An alert: a run that stopped on an error is said at once, wherever focus is.
  private readonly error = h('p', { class: 'banner error', role: 'alert', hidden: true });
  private readonly body = h('tbody');
  private readonly cancelButton: HTMLElement & { disabled: boolean };
  private readonly retryButton: HTMLElement & { disabled: boolean };
  private spoken?: { text?: string; at: number; running?: boolean };
  private rowsKey = '';

  constructor(actions: { cancel(): void; retryFailed(): void }) {
    this.cancelButton = h('vscode-button', { secondary: true, hidden: true }, t('Cancel'));
    this.retryButton = h('vscode-button', { hidden: true }, t('Retry Failed'));
    this.cancelButton.addEventListener('click', () => actions.cancel());
    this.retryButton.addEventListener('click', () => actions.retryFailed());
    this.root = h(
      'section',
      { class: 'bulk', 'aria-labelledby': 'bulk-title', hidden: true },
      h('h2', { id: 'bulk-title' }, t('Results')),
      this.summary,
      this.live,
      this.error,
      h(
        'table',
        { class: 'results' },
        h('caption', { class: 'visually-hidden' }, t('Invitation results by company')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Company')), h('th', { scope: 'col' }, t('State')), h('th', { scope: 'col' }, t('Details')))),
        this.body,
      ),
      h('div', { class: 'actions' }, this.cancelButton, this.retryButton),
    );
  }

  update(view: FormView): void {
    const run = view.bulk;
    const appearing = this.root.hidden && !!run;
    this.root.hidden = !run;
    if (!run) return;
    // The table sits above the form, but a long page may still have it out of sight when it starts.
    if (appearing) this.root.scrollIntoView?.({ block: 'start' });
    const text = summaryText(run.summary, run.running);
    setText(this.summary, text);
    this.summary.setAttribute('class', `bulk-summary${!run.running && runWarns(run) ? ' warns' : ''}`);
    const say = announcement(this.spoken, run, Date.now());
    if (say) {
      this.spoken = { text: say, at: Date.now(), running: run.running };
      setText(this.live, say);
    }
    this.error.hidden = !run.error;
    setText(this.error, run.error ?? '');
    this.renderRows(run);
    const hadFocus = document.activeElement === this.cancelButton;
    this.cancelButton.hidden = !run.running;
    this.cancelButton.disabled = !view.canCancel;
    setText(this.cancelButton, view.cancelling ? t('Cancelling…') : t('Cancel'));
    const retryable = retryableCount(run);
    this.retryButton.hidden = run.running || retryable === 0;
    this.retryButton.disabled = !view.canRetryFailed;
    setText(this.retryButton, t('Retry Failed ({0})', retryable));
    // The run ended under the Cancel button: keep the keyboard user's place.
    if (hadFocus && this.cancelButton.hidden) (this.retryButton.hidden ? this.summary : this.retryButton).focus();
  }

  private renderRows(run: BulkRun): void {
    const key = JSON.stringify(run.rows);
    if (key === this.rowsKey) return;
    this.rowsKey = key;
    this.body.replaceChildren(
      ...run.rows.map((r) =>
        h(
          'tr',
          { class: `row ${r.state}${r.permanent ? ' permanent' : ''}` },
          h('th', { scope: 'row', class: 'company-name', title: r.name }, r.name),
          h('td', { class: 'state' }, stateLabel(r.state, r.permanent)),
          h('td', { class: 'details' }, r.message ?? ''),
        ),
      ),
    );
  }
}
