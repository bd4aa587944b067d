// Everything activation does not need, in a bundle of its own (dist/onDemand.js, see esbuild.mjs):
// the commands, forms, providers, HTTP client, node-fetch and the schemas. extension.ts requires
// it at first use: the first command, the first expansion of a connection, a restored form panel.
import type * as vscode from 'vscode';
import { registerConnectionCommands } from './commands/connections';
import { registerFormCommands } from './commands/forms';
import { registerSandboxCommands } from './commands/sandbox';
import { registerSetPrimaryCommand } from './commands/setPrimary';
import type { Services } from './commands/services';
import { registerTreeCommands } from './commands/tree';
import { registerNodeCommands } from './commands/nodeActions';
import { registerNeedsAttentionCommands } from './commands/needsAttention';

export { offerToResume } from './commands/bulkInvite';
export { interruptedRunsBadge } from './commands/badge';
export { watchNeedsAttention } from './commands/needsAttention';
export { restoreForm } from './commands/restoreForms';
export { trySandbox } from './commands/sandbox';
export { Credentials } from './connections/credentials';
export { ConnectionRuntime } from './connections/runtime';
export { MementoJournal } from './forms/bulk/mementoJournal';
export { MementoDrafts } from './forms/drafts';
export { InDoubtStore } from './forms/inDoubt';
export { setting } from './settings';

/** Every command of the extension, registered for real. */
export function registerCommands(s: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [...registerConnectionCommands(s), ...registerSandboxCommands(s), ...registerTreeCommands(s), ...registerNodeCommands(s), ...registerFormCommands(s, extensionUri), registerSetPrimaryCommand(s), ...registerNeedsAttentionCommands(s, extensionUri)];
}
