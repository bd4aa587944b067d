// DOM: one field (label, help, control, message) per FieldSpec, with vscode-elements controls.
import type { FieldSpec, FormValue } from '../../src/protocol/forms';
import type { FieldOption } from '../../src/protocol/forms';
import { h } from './dom';
import type { OptionsState } from './model';
import { displayText, isMultiline, withLine, type RawValue } from './values';
import { t } from '../../src/core/l10n';

export interface FieldHandle {
  field: FieldSpec;
  root: HTMLElement;
  /** The focusable control; undefined for a read-only field. */
  control?: HTMLElement;
  read(): RawValue;
  write(raw: RawValue): void;
  setError(message: string | undefined): void;
  /** A warning under the field that does not make it invalid (the person may send anyway). */
  setWarning(message: string | undefined): void;
  /** Hidden while its visibleWhen does not hold. */
  setHidden(hidden: boolean): void;
  /** Marked required while it is (requiredWhen). */
  setRequired(required: boolean): void;
  /** Selects that load their options: loading, the options, or why they failed. */
  setOptions?(state: OptionsState | undefined): void;
  focus(): void;
}

export interface FieldEvents {
  input(name: string, raw: RawValue): void;
  retryOptions?(source: string): void;
}

type TextControl = HTMLElement & { value: string; invalid: boolean; wrappedElement?: HTMLInputElement | HTMLTextAreaElement };

/** Builds a field. `onInput` runs on every change the person makes; `field.name` is its path. */
export function createField(field: FieldSpec, raw: RawValue, specValue: FormValue | undefined, index: number | string, events: FieldEvents | ((name: string, raw: RawValue) => void)): FieldHandle {
  const on: FieldEvents = typeof events === 'function' ? { input: events } : events;
  const onInput = on.input;
  const id = `field-${index}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const help = field.help ?? defaultHelp(field);
  const helper = help ? h('vscode-form-helper', { id: helpId, class: 'help' }, help) : undefined;
  const error = h('div', { id: errorId, class: 'field-error', hidden: true });
  const warning = h('div', { id: `${id}-warning`, class: 'field-warning', hidden: true });

  if (field.readonly) {
    const labelId = `${id}-label`;
    const root = h(
      'div',
      { class: 'field readonly', 'data-name': field.name },
      h('div', { id: labelId, class: 'label' }, field.label),
      helper,
      h('div', { class: 'readonly-value', 'aria-labelledby': labelId }, displayText(field, specValue)),
      error,
    );
    return { field, root, read: () => raw, write: () => undefined, setError: (m) => showError(error, m), setWarning: () => undefined, setHidden: (x) => (root.hidden = x), setRequired: () => undefined, focus: () => undefined };
  }

  if (field.kind === 'checkbox') {
    const box = h('vscode-checkbox', { id, label: field.label, checked: raw === true });
    box.addEventListener('change', () => onInput(field.name, box.checked));
    const root = h('div', { class: 'field checkbox', 'data-name': field.name }, box, helper, error, warning);
    return handle(field, root, box, { error, warning }, helper ? [helpId] : [], () => box.checked, (r) => (box.checked = r === true), () => undefined);
  }

  const label = h('vscode-label', { id: `${id}-label`, for: id, required: !!field.required }, field.label);
  let extra: HTMLElement | undefined;
  let control: HTMLElement & { value: string };
  let setOptions: FieldHandle['setOptions'];
  const describedBy = helper ? [helpId] : [];
  if (field.kind === 'select') {
    const select = nativeSelect(field, raw, id, (value) => onInput(field.name, value));
    control = select.control;
    extra = select.description;
    if (extra) describedBy.push(extra.id);
    if (field.optionsSource) {
      const source = field.optionsSource;
      const loading = loadingState(id, () => on.retryOptions?.(source));
      extra = h('div', { class: 'select-extras' }, extra, loading.root);
      setOptions = (state) => {
        loading.show(state);
        control.setAttribute('aria-busy', String(state?.state === 'loading'));
        if (state?.state === 'ready') select.fill(state.options);
      };
    }
  } else if (isMultiline(field.kind)) {
    const area = h('vscode-textarea', {
      id,
      class: `control ${field.kind === 'textarea' ? 'prose' : 'list'}`,
      rows: field.kind === 'textarea' ? 5 : 4,
      resize: 'vertical',
      placeholder: field.placeholder ?? defaultPlaceholder(field),
      value: typeof raw === 'string' ? raw : '',
    });
    area.addEventListener('input', () => onInput(field.name, area.value));
    control = area;
    if (field.suggestions?.length) {
      extra = suggestionPicker(field, id, (value) => {
        area.value = withLine(area.value, value);
        onInput(field.name, area.value);
      });
    }
  } else {
    const type = field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : field.kind === 'number' ? 'number' : 'text';
    const input = h('vscode-textfield', {
      id,
      class: `control ${field.kind === 'number' ? 'number' : ''}`,
      type,
      placeholder: field.placeholder,
      value: typeof raw === 'string' ? raw : '',
    });
    if (field.kind === 'number') {
      if (field.min !== undefined) input.min = field.min;
      if (field.max !== undefined) input.max = field.max;
      input.step = 1;
    }
    input.addEventListener('input', () => onInput(field.name, readTextfield(input)));
    control = input;
  }
  const root = h('div', { class: `field ${field.kind}`, 'data-name': field.name }, label, helper, control, extra, error, warning);
  const made = handle(
    field,
    root,
    control,
    { error, warning },
    describedBy,
    () => ('wrappedElement' in control ? readTextfield(control as TextControl) : control.value),
    (r) => {
      control.value = typeof r === 'string' ? r : '';
    },
    (required) => ((label as HTMLElement & { required: boolean }).required = required),
  );
  return setOptions ? { ...made, setOptions } : made;
}

/** Under a select that loads its options: "Loading choices…", or the failure with Try Again. */
function loadingState(id: string, retry: () => void): { root: HTMLElement; show(state: OptionsState | undefined): void } {
  const text = h('span', { id: `${id}-options` });
  const again = h('vscode-button', { secondary: true, class: 'retry-options', hidden: true }, t('Try Again'));
  again.addEventListener('click', retry);
  const root = h('div', { class: 'options-state', role: 'status' }, text, again);
  let key = '';
  return {
    root,
    show(state) {
      const next = state?.state === 'error' ? `e${state.message}` : (state?.state ?? '');
      if (next === key) return;
      key = next;
      text.textContent = state?.state === 'loading' ? t('Loading choices…') : state?.state === 'error' ? state.message : '';
      root.classList?.toggle('error', state?.state === 'error');
      again.hidden = state?.state !== 'error';
    },
  };
}

/** A number field whose text is not a number reads as '' natively; keep it visibly wrong instead. */
function readTextfield(c: TextControl): string {
  const inner = c.wrappedElement;
  if (inner && 'validity' in inner && inner.validity.badInput) return 'not a number';
  return c.value;
}

function handle(
  field: FieldSpec,
  root: HTMLElement,
  control: HTMLElement,
  slots: { error: HTMLElement; warning: HTMLElement },
  describedBy: string[],
  read: () => RawValue,
  write: (raw: RawValue) => void,
  markRequired: (required: boolean) => void,
): FieldHandle {
  // null: not set yet, so the first call wires the ARIA
  let error: string | undefined | null = null;
  let warning: string | undefined;
  let isRequired = !!field.required;
  // The label's asterisk is drawn, not read: say "required" on the control itself.
  const markAria = () => control.setAttribute('aria-required', String(isRequired));
  markAria();
  const sync = () => {
    const invalid = !!error;
    (control as TextControl).invalid = invalid;
    control.setAttribute('aria-invalid', String(invalid));
    const ids = [...describedBy, ...(error ? [slots.error.id] : []), ...(warning ? [slots.warning.id] : [])];
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
    void describeInner(control, invalid, isRequired, ids, [error, warning].filter(Boolean).join(' ') || undefined);
  };
  return {
    field,
    root,
    control,
    read,
    write,
    setError(message) {
      if (message === error) return;
      error = message;
      showError(slots.error, message);
      sync();
    },
    setWarning(message) {
      if (message === warning) return;
      warning = message;
      showError(slots.warning, message);
      sync();
    },
    setHidden(hidden) {
      root.hidden = hidden;
    },
    setRequired(required) {
      if (required === isRequired) return;
      markRequired((isRequired = required));
      markAria();
      if (error !== null) sync();
    },
    focus() {
      control.focus();
    },
  };
}

/**
 * The controls' real inputs live in shadow roots, where an aria-describedby on the host does not
 * reach. Tell the inner element directly: element references cross the shadow boundary where the
 * browser supports them (ariaDescribedByElements), else the message goes in aria-description.
 */
async function describeInner(control: HTMLElement, invalid: boolean, required: boolean, ids: string[], message: string | undefined): Promise<void> {
  await (control as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  const inner = control.shadowRoot?.querySelector<HTMLElement>('input, textarea, [role="combobox"], [role="checkbox"]');
  if (!inner) return;
  inner.setAttribute('aria-invalid', String(invalid));
  inner.setAttribute('aria-required', String(required));
  const refs = ids.map((i) => document.getElementById(i)).filter((e): e is HTMLElement => !!e);
  if ('ariaDescribedByElements' in Element.prototype) {
    inner.ariaDescribedByElements = refs;
  } else if (message) {
    inner.setAttribute('aria-description', message);
  } else {
    inner.removeAttribute('aria-description');
  }
}

/**
 * A native <select>, themed with the dropdown colours: vscode-single-select (with its list,
 * scrollable and icon) alone would take a third of the webview's 150 KB budget. The chosen
 * option's description is shown under it and read with it.
 */
function nativeSelect(field: FieldSpec, raw: RawValue, id: string, onChange: (value: string) => void): { control: HTMLSelectElement; description?: HTMLElement; fill(options: FieldOption[]): void } {
  let wanted = typeof raw === 'string' ? raw : '';
  let options = field.options ?? [];
  // vscode-label names only vscode-elements controls; a native one is named by reference.
  const select = h('select', { id, class: 'control select', 'aria-labelledby': `${id}-label` });
  const hasDescriptions = () => options.some((o) => o.description);
  const description = hasDescriptions() || field.optionsSource ? h('div', { id: `${id}-description`, class: 'option-description' }) : undefined;
  const describe = () => {
    if (description) description.textContent = options.find((o) => o.value === select.value)?.description ?? '';
  };
  const fill = (next: FieldOption[]) => {
    options = next;
    const offered = options.some((o) => o.value === wanted);
    const children: HTMLElement[] = [];
    // Nothing chosen yet (or a value no longer offered): say so instead of silently picking the first.
    if (!offered) children.push(h('option', { value: '', disabled: !!field.required }, field.required ? t('Choose…') : t('(none)')));
    for (const o of options) children.push(h('option', { value: o.value }, o.label));
    select.replaceChildren(...children);
    select.value = offered ? wanted : '';
    describe();
  };
  fill(options);
  select.addEventListener('change', () => {
    wanted = select.value;
    describe();
    onChange(select.value);
  });
  return { control: select, description, fill };
}

/** One native select that adds a suggested value as a line of the list (one tab stop, no new component). */
function suggestionPicker(field: FieldSpec, id: string, add: (value: string) => void): HTMLSelectElement {
  const picker = h('select', { id: `${id}-suggest`, class: 'control select suggestions', 'aria-label': t('Add to {0}', field.label) });
  picker.appendChild(h('option', { value: '' }, t('Add a documented one…')));
  for (const o of field.suggestions ?? []) picker.appendChild(h('option', { value: o.value }, o.label));
  picker.addEventListener('change', () => {
    if (picker.value) add(picker.value);
    picker.value = '';
  });
  return picker;
}

function showError(el: HTMLElement, message: string | undefined): void {
  el.textContent = message ?? '';
  el.hidden = !message;
}

function defaultHelp(field: FieldSpec): string | undefined {
  switch (field.kind) {
    case 'emailList':
      return t('One e-mail address per line.');
    case 'lineList':
      return t('One per line.');
    case 'nameEmailList':
      return t('One per line, as "Name <e-mail>".');
    default:
      return undefined;
  }
}

/** A hint, never data that looks already typed (the same "e.g." form as the providers' placeholders). */
export function defaultPlaceholder(field: FieldSpec): string | undefined {
  switch (field.kind) {
    case 'emailList':
      return 'e.g. name@company.com (one per line)';
    case 'nameEmailList':
      return 'e.g. Name <name@company.com> (one per line)';
    default:
      return undefined;
  }
}
