// A QuickPick as vscode.window.createQuickPick returns it, recording what the code under test does:
// the items after each change, busy, shown/disposed; the test plays the person (accept, hide, tick).
type Listener<T> = (e: T) => void;

export class FakeQuickPick<I extends { label: string }> {
  title?: string;
  placeholder?: string;
  busy = false;
  canSelectMany = false;
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  shown = false;
  disposed = false;
  /** Every value `items` was set to, in order. */
  readonly itemHistory: I[][] = [];
  private _items: I[] = [];
  activeItems: readonly I[] = [];
  selectedItems: readonly I[] = [];
  private accept: Array<Listener<void>> = [];
  private hide: Array<Listener<void>> = [];
  private changed: Array<Listener<void>> = [];
  private typed: Array<Listener<string>> = [];
  value = '';

  get items(): readonly I[] {
    return this._items;
  }
  set items(v: readonly I[]) {
    this._items = [...v];
    this.itemHistory.push([...v]);
    // Like VS Code: new items reset the active one to the first.
    this.activeItems = this._items.slice(0, 1);
    for (const l of this.changed) l();
  }
  onDidAccept(l: Listener<void>) {
    this.accept.push(l);
    return { dispose: () => (this.accept = this.accept.filter((x) => x !== l)) };
  }
  onDidHide(l: Listener<void>) {
    this.hide.push(l);
    return { dispose: () => (this.hide = this.hide.filter((x) => x !== l)) };
  }
  onDidChangeValue(l: Listener<string>) {
    this.typed.push(l);
    return { dispose: () => (this.typed = this.typed.filter((x) => x !== l)) };
  }
  /** The person types: the whole new value. */
  type(value: string): void {
    this.value = value;
    for (const l of [...this.typed]) l(value);
  }
  show(): void {
    this.shown = true;
  }
  dispose(): void {
    this.disposed = true;
  }
  /** The person presses Enter. */
  fireAccept(): void {
    for (const l of [...this.accept]) l();
  }
  /** The person presses Escape. */
  fireHide(): void {
    for (const l of [...this.hide]) l();
  }
  /** Resolves when the items next change to satisfy `ok`. */
  until(ok: (items: readonly I[]) => boolean): Promise<void> {
    if (ok(this._items)) return Promise.resolve();
    return new Promise((resolve) => {
      const l = () => {
        if (!ok(this._items)) return;
        this.changed = this.changed.filter((x) => x !== l);
        resolve();
      };
      this.changed.push(l);
    });
  }
}

/** A host whose createQuickPick hands out FakeQuickPicks and keeps them for the test. */
export function fakeHost() {
  const made: Array<FakeQuickPick<{ label: string }>> = [];
  return {
    made,
    createQuickPick<I extends { label: string }>() {
      const qp = new FakeQuickPick<I>();
      made.push(qp as unknown as FakeQuickPick<{ label: string }>);
      return qp as never;
    },
  };
}
