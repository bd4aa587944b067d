// A tiny element builder. Text always goes in as text nodes (never HTML), and nothing sets a
// `style` attribute: the CSP allows no inline styles, so all looks come from form.css.
export type Child = Node | string | false | null | undefined;

type Props = Record<string, string | number | boolean | undefined | null>;

/**
 * Creates an element. Props named `class`, `id`, `for`, `role`, `aria-*` and `data-*` are set as
 * attributes (false/undefined/null leave them out); any other prop is set as a property.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'style') throw new Error('inline styles are not allowed by the CSP');
    if (key === 'class' || key === 'id' || key === 'for' || key === 'role' || key === 'hidden' || key.startsWith('aria-') || key.startsWith('data-')) {
      if (value === false) continue;
      el.setAttribute(key, value === true ? '' : String(value));
    } else {
      (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
