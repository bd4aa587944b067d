// DOM: a rows field. Each row is a fieldset titled "Contact 1", "Contact 2"… with its fields
// (named by path, `contacts.1.email`, so the page shows each row's own errors) and a Remove
// button; an Add button below; pasting a block of lines anywhere in it fills rows.
import type { FieldSpec, FormRow, FormValue } from '../../src/protocol/forms';
import { rowPath } from '../../src/protocol/validate';
import { h } from './dom';
import { createField, type FieldEvents, type FieldHandle } from './fields';
import { isRowsPaste } from './paste';
import type { RawValues } from './values';
import { t } from '../../src/core/l10n';

export interface RowsEvents extends FieldEvents {
  addRow(name: string): void;
  removeRow(name: string, index: number): void;
  paste(name: string, text: string): void;
}

export class RowsBlock {
  readonly root: HTMLElement;
  /** The rows field's own handle (its count errors), focused on the Add button. */
  readonly handle: FieldHandle;
  private readonly list: HTMLElement;
  private readonly addButton: HTMLElement & { disabled: boolean };
  private removeButtons: Array<HTMLElement & { disabled: boolean }> = [];
  /** The row fields' handles, by path. */
  handles = new Map<string, FieldHandle>();
  private count = -1;
  private readonly id: string;

  constructor(
    private readonly field: FieldSpec,
    private readonly index: number,
    private readonly events: RowsEvents,
  ) {
    const id = (this.id = `field-${index}`);
    const labelId = `${id}-label`;
    const errorId = `${id}-error`;
    const error = h('div', { id: errorId, class: 'field-error', hidden: true });
    const help = field.help ?? (field.paste === 'nameEmail' ? t('Paste lines like “Jane Doe <jane@example.com>”, or cells copied from a spreadsheet (name, e-mail, phone…), to fill rows.') : undefined);
    this.list = h('div', { class: 'rows-list' });
    this.addButton = h('vscode-button', { secondary: true, class: 'add-row', 'aria-describedby': errorId }, field.addLabel ?? t('Add {0}', (field.rowLabel ?? t('row')).toLowerCase()));
    this.addButton.addEventListener('click', () => this.events.addRow(field.name));
    const helpId = `${id}-help`;
    this.root = h(
      'div',
      { class: 'field rows', 'data-name': field.name, role: 'group', 'aria-labelledby': labelId, 'aria-describedby': help ? helpId : undefined },
      h('div', { id: labelId, class: 'label rows-label' }, field.label),
      help ? h('vscode-form-helper', { id: helpId, class: 'help' }, help) : undefined,
      this.list,
      h('div', { class: 'rows-actions' }, this.addButton),
      error,
    );
    if (field.paste) {
      this.root.addEventListener('paste', (e: Event) => {
        // Lines pasted into a list or text area of a row belong to that field (a row's phones).
        if ((e.target as HTMLElement | null)?.localName === 'vscode-textarea') return;
        const text = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
        if (!isRowsPaste(text)) return;
        e.preventDefault();
        this.events.paste(field.name, text);
      });
    }
    let message: string | undefined;
    this.handle = {
      field,
      root: this.root,
      control: this.addButton,
      read: () => String(this.count),
      write: () => undefined,
      setError: (m) => {
        if (m === message) return;
        message = m;
        error.textContent = m ?? '';
        error.hidden = !m;
      },
      setWarning: () => undefined,
      setHidden: (x) => (this.root.hidden = x),
      setRequired: () => undefined,
      focus: () => this.addButton.focus(),
    };
  }

  /** (Re)builds the rows when their number changed; returns true when it did. */
  render(count: number, raws: RawValues, given: FormValue | undefined): boolean {
    if (count === this.count) return false;
    this.count = count;
    this.handles = new Map();
    this.removeButtons = [];
    const rows = Array.isArray(given) ? (given as FormRow[]) : [];
    const label = this.field.rowLabel ?? t('Row');
    const children: HTMLElement[] = [];
    for (let i = 0; i < count; i++) {
      const legendId = `${this.id}-row-${i}`;
      const set = h('fieldset', { class: 'row', 'aria-labelledby': legendId }, h('legend', { id: legendId }, `${label} ${i + 1}`));
      for (const [j, sub] of (this.field.fields ?? []).entries()) {
        const path = rowPath(this.field.name, i, sub.name);
        const handle = createField({ ...sub, name: path }, raws[path] ?? '', rows[i]?.[sub.name], `${this.index}-${i}-${j}`, this.events);
        this.handles.set(path, handle);
        set.appendChild(handle.root);
      }
      const remove = h('vscode-button', { secondary: true, class: 'remove-row', 'aria-label': t('Remove {0} {1}', label.toLowerCase(), i + 1) }, t('Remove'));
      remove.addEventListener('click', () => this.events.removeRow(this.field.name, i));
      this.removeButtons.push(remove);
      set.appendChild(h('div', { class: 'row-actions' }, remove));
      children.push(set);
    }
    this.list.replaceChildren(...children);
    return true;
  }

  /** Add and Remove only where the row limits allow them. */
  limits(count: number): void {
    this.addButton.disabled = this.field.maxRows !== undefined && count >= this.field.maxRows;
    for (const b of this.removeButtons) b.disabled = count <= (this.field.minRows ?? 0);
  }
}
