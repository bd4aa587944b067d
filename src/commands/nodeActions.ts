// Commands on what the tree shows, from a node, the selection or the palette: Copy (e-mail, name,
// domain, id; every selected node, one per line), Open in Browser where the API gives a link, and
// Set Primary Contact where the provider can re-point it.
import * as vscode from 'vscode';
import type { TreeNode } from '../model/nodes';
import { interruptedRunsBadge } from './badge';
import { offerToResume } from './bulkInvite';
import { copyLines, type CopyWhat } from './copyText';
import { COMMANDS } from './ids';
import { isNode, pickCompanyNode, pickContactNode, targetsOf } from './pickers';
import { registerCommand } from './run';
import type { Services } from './services';

export function registerNodeCommands(s: Services): vscode.Disposable[] {
  const copy = (id: string, what: CopyWhat) => registerCommand(s, id, 'Copying', (arg, selected) => copyNodes(s, what, arg, selected));
  return [
    copy(COMMANDS.copy, 'default'),
    copy(COMMANDS.copyEmail, 'email'),
    copy(COMMANDS.copyName, 'name'),
    copy(COMMANDS.copyDomain, 'domain'),
    copy(COMMANDS.copyId, 'id'),
    registerCommand(s, COMMANDS.openInBrowser, vscode.l10n.t('Opening in the browser'), (arg) => openInBrowser(s, arg)),
    registerCommand(s, COMMANDS.resumeBulk, vscode.l10n.t('Resuming the bulk invitations'), async () => {
      try {
        if (!(await hasInterruptedRuns(s))) void vscode.window.showInformationMessage(vscode.l10n.t('No interrupted bulk invitation run is waiting to be resumed.'));
        else await offerToResume(s);
      } finally {
        s.refreshBadge?.();
      }
    }),
  ];
}

const NOTHING: Record<CopyWhat, () => string> = {
  default: () => vscode.l10n.t('Select something to copy in the Portfolio Contacts view.'),
  email: () => vscode.l10n.t('None of the selected items has an e-mail address.'),
  name: () => vscode.l10n.t('Select something with a name to copy.'),
  domain: () => vscode.l10n.t('None of the selected companies has a domain.'),
  id: () => vscode.l10n.t('None of the selected items has an id.'),
};

async function copyNodes(s: Services, what: CopyWhat, arg: unknown, selected: unknown): Promise<void> {
  let nodes = targetsOf(s, arg, selected);
  // From the palette with nothing that fits selected: ask for it.
  if (copyLines(nodes, what).length === 0 && arg === undefined) {
    const picked = what === 'email' ? await pickContactNode(s, undefined, vscode.l10n.t('Copy the e-mail of a contact in which connection?')) : await pickCompanyNode(s, undefined, vscode.l10n.t('Copy from which connection?'));
    if (!picked) return;
    nodes = [picked];
  }
  const lines = copyLines(nodes, what);
  if (lines.length === 0) {
    void vscode.window.showInformationMessage(NOTHING[what]());
    return;
  }
  await vscode.env.clipboard.writeText(lines.join('\n'));
  vscode.window.setStatusBarMessage(lines.length === 1 ? vscode.l10n.t('Copied {0}', lines[0]!) : vscode.l10n.t('Copied {0} lines', lines.length), 3000);
}

async function openInBrowser(s: Services, arg: unknown): Promise<void> {
  const node = await pickCompanyNode(s, arg, vscode.l10n.t('Open a company of which connection?'));
  if (!node) return;
  const url = node.company.webUrl;
  const connection = s.store.get(node.connectionId);
  if (!url || !/^https:\/\//i.test(url)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} gives no web link for {1}.', connection?.name ?? vscode.l10n.t('This connection'), node.company.name));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

async function hasInterruptedRuns(s: Services): Promise<boolean> {
  return (await interruptedRunsBadge(s.journals)) !== undefined;
}
