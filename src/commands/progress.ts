// Work the tree waits for (Load more…, a form loading, a write) shows as the view's own progress
// bar, where the person is looking, rather than in the status bar.
import * as vscode from 'vscode';
import { VIEW_ID } from './ids';

export function withViewProgress<T>(title: string, task: () => Thenable<T> | Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, task);
}
