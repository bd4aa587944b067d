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
import { registerWalkthroughCommand } from './commands/walkthrough';
import { registerAuditCommands } from './commands/auditTrail';
import { registerExportCommands } from './commands/export';
import { registerImportCommand } from './commands/importContacts';
import { registerAcrossCommands } from './commands/across';
import { COMMANDS } from './commands/ids';
import { presentError } from './forms/presentError';
import { AcrossTreeProvider } from './tree/acrossView';
import { registerNeedsAttentionCommands } from './commands/needsAttention';

export { offerToResume } from './commands/bulkInvite';
export { interruptedRunsBadge } from './commands/badge';
export { watchNeedsAttention } from './commands/needsAttention';
export { restoreForm } from './commands/restoreForms';
export { trySandbox } from './commands/sandbox';
export { Credentials } from './connections/credentials';
export { ConnectionRuntime } from './connections/runtime';
export { AuditTrail } from './audit/trail';
export { MementoJournal } from './forms/bulk/mementoJournal';
export { MementoDrafts } from './forms/drafts';
export { InDoubtStore } from './forms/inDoubt';
export { setting } from './settings';

let across: AcrossTreeProvider | undefined;

/** The Company Across Connections view's provider, made when the view is first shown. */
export function acrossConnections(s: Services, state: vscode.Memento): AcrossTreeProvider {
  return (across ??= new AcrossTreeProvider({
    connections: s.store,
    model: s.model,
    state,
    stopCommand: COMMANDS.stopMatching,
    describeError: (e) => presentError(e, 'Reading'),
  }));
}

/** Every command of the extension, registered for real. */
export function registerCommands(s: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    ...registerConnectionCommands(s),
    ...registerSandboxCommands(s),
    ...registerTreeCommands(s),
    ...registerNodeCommands(s),
    ...registerFormCommands(s, extensionUri),
    registerSetPrimaryCommand(s),
    registerWalkthroughCommand(s),
    ...registerExportCommands(s),
    ...registerAuditCommands(s),
    registerImportCommand(s),
    ...registerAcrossCommands(s, extensionUri, () => across),
    ...registerNeedsAttentionCommands(s, extensionUri),
  ];
}
