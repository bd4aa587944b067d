// Get Started with Portfolio Contacts: opens the walkthrough package.json contributes.
import * as vscode from 'vscode';
import { COMMANDS, EXTENSION_ID, WALKTHROUGH_ID } from './ids';
import { registerCommand } from './run';
import type { Services } from './services';

export function registerWalkthroughCommand(s: Services): vscode.Disposable {
  return registerCommand(s, COMMANDS.openWalkthrough, 'Opening the walkthrough', () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH_ID}`, false),
  );
}
