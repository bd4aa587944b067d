// A tree data provider registered at activation whose real one is made at first use (when the
// view is first shown), so activation loads nothing heavy for a view that may stay closed.
import * as vscode from 'vscode';

export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly make: () => vscode.TreeDataProvider<T>) {}

  /** The real provider, if it was ever made. */
  get made(): vscode.TreeDataProvider<T> | undefined {
    return this.real;
  }

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.real) {
      this.real = this.make();
      this.subscription = this.real.onDidChangeTreeData?.((e) => this.changed.fire(e as T | undefined));
    }
    return this.real;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
    (this.real as Partial<vscode.Disposable> | undefined)?.dispose?.();
  }
}
