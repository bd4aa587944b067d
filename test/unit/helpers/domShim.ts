// Just enough of a DOM for webview/lib to render under Node, recording everything that could turn
// text into markup: which elements are created, which attributes and properties are set. Every
// HTML-parsing entry point (innerHTML, outerHTML, insertAdjacentHTML, document.write) throws, so a
// renderer that used one fails loudly instead of passing by accident. Not a browser: custom
// elements (vscode-elements) are inert here; what they do with a property is their business.

export class ShimNode {
  parentNode: ShimElement | null = null;
  constructor(readonly nodeType: number) {}
}

export class ShimText extends ShimNode {
  constructor(public data: string) {
    super(3);
  }
  get textContent(): string {
    return this.data;
  }
}

const HTML_SINKS = ['innerHTML', 'outerHTML'] as const;

export class ShimElement extends ShimNode {
  readonly childNodes: ShimNode[] = [];
  readonly attributes = new Map<string, string>();
  /** Properties set directly (value, placeholder, checked, …), in order. */
  readonly props: Array<[string, unknown]> = [];
  readonly listeners: Array<[string, unknown]> = [];
  shadowRoot = null;
  hidden = false;
  constructor(
    readonly localName: string,
    private readonly doc: ShimDocument,
  ) {
    super(1);
    for (const sink of HTML_SINKS) {
      Object.defineProperty(this, sink, {
        get: () => {
          throw new Error(`${sink} read on <${localName}>`);
        },
        set: () => {
          throw new Error(`${sink} set on <${localName}>: text must never be parsed as HTML`);
        },
      });
    }
    // Any other property the renderer sets is recorded (a Proxy would hide class fields).
    return new Proxy(this, {
      set(target, key, value, receiver) {
        if (typeof key === 'string' && !(key in target) && !key.startsWith('_')) target.props.push([key, value]);
        else if (typeof key === 'string' && ['value', 'checked', 'disabled', 'tabIndex'].includes(key)) target.props.push([key, value]);
        return Reflect.set(target, key, value, receiver);
      },
    });
  }
  get tagName(): string {
    return this.localName.toUpperCase();
  }
  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name.toLowerCase(), String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name.toLowerCase()) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name.toLowerCase());
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name.toLowerCase());
  }
  appendChild<T extends ShimNode>(child: T): T {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  removeChild<T extends ShimNode>(child: T): T {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  replaceChildren(...nodes: Array<ShimNode | string>): void {
    for (const c of [...this.childNodes]) this.removeChild(c);
    for (const n of nodes) this.appendChild(typeof n === 'string' ? this.doc.createTextNode(n) : n);
  }
  append(...nodes: Array<ShimNode | string>): void {
    for (const n of nodes) this.appendChild(typeof n === 'string' ? this.doc.createTextNode(n) : n);
  }
  get children(): ShimElement[] {
    return this.childNodes.filter((n): n is ShimElement => n instanceof ShimElement);
  }
  get firstElementChild(): ShimElement | null {
    return this.children[0] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((n) => (n as ShimElement | ShimText).textContent).join('');
  }
  set textContent(text: string) {
    this.replaceChildren(...(text === '' ? [] : [this.doc.createTextNode(text)]));
  }
  contains(node: unknown): boolean {
    if (node === this) return true;
    return this.children.some((c) => c.contains(node));
  }
  addEventListener(type: string, listener: unknown): void {
    this.listeners.push([type, listener]);
  }
  removeEventListener(): void {}
  focus(): void {
    this.doc.activeElement = this;
  }
  insertAdjacentHTML(): never {
    throw new Error('insertAdjacentHTML: text must never be parsed as HTML');
  }
  querySelector(): null {
    return null;
  }
  /** Every element below (and including) this one. */
  *walk(): Generator<ShimElement> {
    yield this;
    for (const c of this.children) yield* c.walk();
  }
  /** Every text node below this one. */
  *texts(): Generator<ShimText> {
    for (const n of this.childNodes) {
      if (n instanceof ShimText) yield n;
      else if (n instanceof ShimElement) yield* n.texts();
    }
  }
}

export class ShimDocument {
  readonly created: string[] = [];
  activeElement: ShimElement | null = null;
  readonly body: ShimElement;
  constructor() {
    this.body = new ShimElement('body', this);
  }
  createElement(tag: string): ShimElement {
    this.created.push(tag.toLowerCase());
    return new ShimElement(tag.toLowerCase(), this);
  }
  createTextNode(data: string): ShimText {
    return new ShimText(String(data));
  }
  getElementById(): null {
    return null;
  }
  write(): never {
    throw new Error('document.write: text must never be parsed as HTML');
  }
}

/** Installs document/window/HTMLElement/Element globals; returns the document and a way to post to the page. */
export function installDom() {
  const doc = new ShimDocument();
  const messageListeners: Array<(e: { data: unknown }) => void> = [];
  const g = globalThis as Record<string, unknown>;
  g.document = doc;
  g.HTMLElement = ShimElement;
  g.Element = ShimElement;
  g.Node = ShimNode;
  g.window = {
    addEventListener: (type: string, l: (e: { data: unknown }) => void) => {
      if (type === 'message') messageListeners.push(l);
    },
  };
  return {
    doc,
    /** What VS Code's postMessage would deliver to the webview. */
    deliver(data: unknown) {
      for (const l of messageListeners) l({ data });
    },
  };
}
