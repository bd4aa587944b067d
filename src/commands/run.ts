// Every command runs through here: a failure is logged and shown as one specific message instead
// of an unhandled rejection, and nothing secret reaches the notification (messages are scrubbed).
import * as vscode from 'vscode';
import { presentError } from '../forms/presentError';
import type { Services } from './services';

export function registerCommand(
  services: Services,
  id: string,
  what: string,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (e) {
      const text = services.redactor.scrub(presentError(e, what));
      services.log.error(text);
      void vscode.window.showErrorMessage(text, vscode.l10n.t('Show Log')).then((choice) => {
        if (choice) services.channel.show(true);
      });
      return undefined;
    }
  });
}
