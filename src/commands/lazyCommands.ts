// Commands whose code loads on first use: each id is registered at activation as a stand-in that,
// when first run, drops every stand-in, registers the real handlers and runs the call again.
import * as vscode from 'vscode';

export function registerOnFirstUse(ids: readonly string[], register: () => vscode.Disposable[]): vscode.Disposable {
  let real: vscode.Disposable[] | undefined;
  const standIns: vscode.Disposable[] = [];
  const load = () => {
    if (real) return;
    for (const d of standIns.splice(0)) d.dispose();
    real = register();
  };
  for (const id of ids) {
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        // Runs in this extension host: the arguments (tree nodes, selections) pass unchanged.
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  return {
    dispose() {
      for (const d of [...standIns.splice(0), ...(real ?? [])]) d.dispose();
    },
  };
}
