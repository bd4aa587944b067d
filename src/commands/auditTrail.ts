// Show Audit Trail: every write the extension sent, newest first, in a read-only panel that
// filters by connection, API, result and text, and exports what it lists (under its filter).
import * as vscode from 'vscode';
import { auditHtml, auditMessageSchema, filterEntries } from '../audit/html';
import type { AuditTrail } from '../audit/trail';
import { AUDIT_COLUMNS, auditRows } from '../export/rows';
import { csvText, deliver } from './exportFile';
import { COMMANDS } from './ids';
import { registerCommand } from './run';
import type { Services } from './services';

export const AUDIT_PANEL_TYPE = 'portfolioContacts.auditTrail';

let panel: vscode.WebviewPanel | undefined;

export function registerAuditCommands(s: Services): vscode.Disposable[] {
  return [registerCommand(s, COMMANDS.showAuditTrail, 'Showing the audit trail', () => showAuditTrail(s))];
}

function trailOf(s: Services): AuditTrail {
  if (!s.audit) throw new Error('The audit trail is not available in this window.');
  return s.audit;
}

async function showAuditTrail(s: Services): Promise<void> {
  const trail = trailOf(s);
  const title = vscode.l10n.t('Audit Trail');
  if (!panel) {
    panel = vscode.window.createWebviewPanel(AUDIT_PANEL_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = auditMessageSchema.safeParse(raw);
      if (!message.success) return s.log.warn('The audit trail page sent a message of an unknown shape; ignored.');
      try {
        if (message.data.type === 'refresh') return await render(trail, title);
        const all = await trail.read();
        const entries = message.data.filter ? filterEntries(all, message.data.filter, vscode.env.language) : all;
        await deliver({ csv: () => csvText(AUDIT_COLUMNS, auditRows(entries)), json: () => JSON.stringify(entries, null, 2) + '\n' }, message.data.format, 'audit-trail');
      } catch (e) {
        void vscode.window.showErrorMessage(s.redactor.scrub(vscode.l10n.t('The audit trail could not be read or exported: {0}', e instanceof Error ? e.message : String(e))));
      }
    });
  } else panel.reveal();
  await render(trail, title);
}

async function render(trail: AuditTrail, title: string): Promise<void> {
  const entries = await trail.read();
  if (panel) panel.webview.html = auditHtml(entries, { title, locale: vscode.env.language });
}
