// Context keys that drive `when` clauses and the welcome view, all set from here.
import * as vscode from 'vscode';

export const CONTEXT = {
  hasConnections: 'portfolioContacts.hasConnections',
  sandboxRunning: 'portfolioContacts.sandboxRunning',
  /** Some connection lists its archived companies: "Hide Archived Companies" is offered. */
  archivedShown: 'portfolioContacts.archivedShown',
  /** The Needs Attention scan is running: "Stop" is offered. */
  attentionRunning: 'portfolioContacts.attentionRunning',
} as const;

export function setContext(key: (typeof CONTEXT)[keyof typeof CONTEXT], value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
