// The webview's real app (webview/lib/app.ts) started over the DOM shim with a fake VS Code API:
// what it posts, what it keeps with setState, and a way to deliver host messages.
import type { TestContext } from 'node:test';
import { installDom, type ShimElement } from './domShim';

export interface WebviewPage {
  root: ShimElement;
  posted: Array<Record<string, unknown>>;
  states: unknown[];
  deliver(data: unknown): void;
}

export function openWebview(t: TestContext, savedState?: unknown): WebviewPage {
  const { doc, deliver } = installDom();
  // The draft is posted 250 ms after the last keystroke; app.ts also arms a 15 s acknowledgement timer.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { start } = require('../../../webview/lib/app') as typeof import('../../../webview/lib/app');
  const root = doc.createElement('main');
  const posted: Array<Record<string, unknown>> = [];
  const states: unknown[] = [];
  const api = { postMessage: (m: Record<string, unknown>) => void posted.push(m), getState: () => savedState, setState: (s: unknown) => (states.push(structuredClone(s)), s) };
  start(root as unknown as HTMLElement, api as unknown as Parameters<typeof start>[1]);
  return { root, posted, states, deliver };
}
