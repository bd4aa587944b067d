// Several windows share one global state and one secret store. Secret changes are evented in every
// window; global-state changes are not. So the connection list is re-read when a secret changes
// (adding a connection elsewhere stores its token) and when this window gains focus (a rename or
// a Settings Sync pull stores no secret), and the tree is refreshed only when the list changed.
import type { ConnectionStore } from './store';

type Event<T> = (listener: (e: T) => void) => { dispose(): void };

export interface WindowEvents {
  /** vscode.SecretStorage.onDidChange */
  secretsChanged: Event<unknown>;
  /** vscode.window.onDidChangeWindowState */
  windowStateChanged: Event<{ focused: boolean }>;
}

/** Calls `changed` with the ids another window added, removed or changed. */
export function followOtherWindows(store: Pick<ConnectionStore, 'checkForOutsideChange'>, events: WindowEvents, changed: (ids: string[]) => void): { dispose(): void } {
  const check = () => {
    const ids = store.checkForOutsideChange();
    if (ids.length) changed(ids);
  };
  const subs = [
    events.secretsChanged(check),
    events.windowStateChanged((s) => {
      if (s.focused) check();
    }),
  ];
  return { dispose: () => subs.forEach((d) => d.dispose()) };
}
