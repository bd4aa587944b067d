// Runs the health scan over every signed-in connection into the Needs Attention view, restarts it on
// the main tree's refresh or a sign-out, re-checks one company after a form wrote to it, and opens
// each entry's fix.
import * as vscode from 'vscode';
import type { ContactPrefill } from '../core/forms';
import { scanCompany, scanHealth } from '../core/healthScan';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import { isProvider } from '../model/source';
import type { AttentionEntry, AttentionNode, AttentionSink } from '../model/attention';
import type { ModelChange } from '../model/portfolio';
import { setting } from '../settings';
import { CONTEXT, setContext } from '../contextKeys';
import { COMMANDS } from './ids';
import { openCreateContacts } from './forms';
import { registerCommand } from './run';
import type { Services } from './services';

/** Contact reads in flight per connection: few enough that the main tree's own reads are not queued behind them. */
const CONCURRENCY = 4;
const INVITATIONS_KEY = '\u0000invitations';

class Scanner {
  private run?: AbortController;
  constructor(
    private readonly s: Services,
    private readonly tree: AttentionSink,
  ) {}

  stop(): void {
    if (!this.run) return;
    this.run.abort(new Error('stopped'));
    this.run = undefined;
    this.tree.setStatus({ running: false, checked: 0 });
    setContext(CONTEXT.attentionRunning, false);
  }

  async start(): Promise<void> {
    this.stop();
    const run = (this.run = new AbortController());
    this.tree.clear();
    let checked = 0;
    this.tree.setStatus({ running: true, checked });
    setContext(CONTEXT.attentionRunning, true);
    const errors: string[] = [];
    await Promise.all(
      this.s.store.list().map(async (connection) => {
        const p = await this.s.model.providerFor(connection.id).catch(() => undefined);
        if (!p || !isProvider(p) || run.signal.aborted) return;
        try {
          await scanHealth(p, {
            signal: run.signal,
            pageSize: 100,
            concurrency: CONCURRENCY,
            pendingInvitationDays: setting('attention.pendingInvitationDays', this.s.log),
            onCompany: (company, entries) => this.tree.set(connection.id, company.id, entries.map((e) => ({ ...e, connectionId: connection.id, connectionName: connection.name }))),
            onInvitations: (entries) => this.tree.set(connection.id, INVITATIONS_KEY, entries.map((e) => ({ ...e, connectionId: connection.id, connectionName: connection.name }))),
            onProgress: () => this.tree.setStatus({ running: true, checked: ++checked }),
          });
        } catch (e) {
          if (!run.signal.aborted) errors.push(vscode.l10n.t('{0}: {1}', connection.name, e instanceof Error ? e.message : String(e)));
        }
      }),
    );
    if (this.run === run) {
      this.run = undefined;
      setContext(CONTEXT.attentionRunning, false);
      this.tree.setStatus({ running: false, checked, error: errors.length ? vscode.l10n.t('Could not check every connection. {0}', errors.join(' ')) : undefined });
    }
  }

  /** After a write: only that company is read again. */
  async recheck(connectionId: string, companyId: string): Promise<void> {
    const connection = this.s.store.get(connectionId);
    const p = await this.s.model.providerFor(connectionId).catch(() => undefined);
    if (!connection || !p || !isProvider(p)) return;
    const known: Company = this.s.model.company(connectionId, companyId) ?? {
      id: companyId,
      name: this.tree.entries().find((e) => e.connectionId === connectionId && e.companyId === companyId)?.companyName ?? companyId,
    };
    try {
      const entries = await scanCompany(p, known);
      this.tree.set(connectionId, companyId, entries.map((e) => ({ ...e, connectionId, connectionName: connection.name })));
    } catch (e) {
      this.s.log.warn(`Could not re-check ${known.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const scanners = new WeakMap<Services, Scanner>();
const watched = new WeakSet<Services>();

/** The main tree's Refresh: the view, once shown, is computed again. */
export function restartNeedsAttention(s: Services): void {
  if (watched.has(s)) void scannerOf(s)?.start();
}

function scannerOf(s: Services): Scanner | undefined {
  if (!s.attention) return undefined;
  let scanner = scanners.get(s);
  if (!scanner) scanners.set(s, (scanner = new Scanner(s, s.attention)));
  return scanner;
}

/** Starts the first scan and follows the main tree: a refresh or sign-out restarts it, a write re-checks its company. */
export function watchNeedsAttention(s: Services, changes: vscode.Event<ModelChange>, connectionsChanged: vscode.Event<unknown>): vscode.Disposable {
  const scanner = scannerOf(s);
  if (!scanner) return { dispose: () => undefined };
  watched.add(s);
  void scanner.start();
  const sub = changes((change) => {
    if (change.scope === 'connection') void scanner.start();
    else if (change.scope === 'contacts') void scanner.recheck(change.connectionId, change.companyId);
  });
  // A connection added, removed or signed in: the view covers the new set.
  const subConnections = connectionsChanged(() => void scanner.start());
  return { dispose: () => (sub.dispose(), subConnections.dispose(), scanner.stop(), watched.delete(s)) };
}

export function registerNeedsAttentionCommands(s: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    registerCommand(s, COMMANDS.refreshAttention, vscode.l10n.t('Checking contacts'), () => scannerOf(s)?.start()),
    registerCommand(s, COMMANDS.stopAttention, vscode.l10n.t('Stopping the check'), () => scannerOf(s)?.stop()),
    registerCommand(s, COMMANDS.fixAttention, vscode.l10n.t('Opening the fix'), async (arg) => {
      const entry = (arg as AttentionNode | undefined)?.kind === 'entry' ? (arg as Extract<AttentionNode, { kind: 'entry' }>).entry : await pickEntry(s);
      if (entry) await fix(s, extensionUri, entry);
    }),
  ];
}

async function pickEntry(s: Services): Promise<AttentionEntry | undefined> {
  const entries = s.attention?.entries() ?? [];
  if (!entries.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing needs attention.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.contactName ? `${entry.companyName} · ${entry.contactName}` : entry.companyName, description: entry.reason, detail: entry.connectionName, entry })),
    { placeHolder: vscode.l10n.t('Fix which problem?') },
  );
  return picked?.entry;
}

async function fix(s: Services, extensionUri: vscode.Uri, entry: AttentionEntry): Promise<void> {
  const connection = s.store.get(entry.connectionId);
  if (!connection) throw new Error(vscode.l10n.t('The connection of this entry was removed.'));
  const p = await s.model.providerFor(connection.id);
  if (!isProvider(p)) throw new Error(vscode.l10n.t('Sign in to {0} first.', connection.name));
  const company: Company = s.model.company(connection.id, entry.companyId) ?? (await s.model.findCompany(connection.id, entry.companyId)) ?? { id: entry.companyId, name: entry.companyName };
  const companyNode = { kind: 'company' as const, connectionId: connection.id, company, actions: [] };
  switch (entry.fix) {
    case 'createContact':
      return openCreateContacts(s, extensionUri, connection, p, company, await prefillFor(p, company, entry));
    case 'setPrimary':
      await vscode.commands.executeCommand(COMMANDS.setPrimaryContact, companyNode);
      return;
    case 'invite':
      await vscode.commands.executeCommand(COMMANDS.invite, companyNode);
      return;
    case 'editContact': {
      const contact = (await p.listContacts(company.id)).find((c) => c.id === entry.contactId);
      if (!contact) throw new Error(vscode.l10n.t('{0} no longer has this contact.', company.name));
      await vscode.commands.executeCommand(COMMANDS.editContact, { kind: 'contact', connectionId: connection.id, contact, actions: [] });
      return;
    }
  }
}

/** The company's only contact is the likely primary: its details start the form. */
async function prefillFor(p: Provider, company: Company, entry: AttentionEntry): Promise<ContactPrefill[] | undefined> {
  if (!entry.prefillFromContactId) return undefined;
  const contact = (await p.listContacts(company.id)).find((c) => c.id === entry.prefillFromContactId);
  if (!contact) return undefined;
  return [{ name: contact.formalName ?? contact.name, email: contact.email ?? undefined, phones: contact.phones ?? (contact.phone ? [contact.phone] : undefined) }];
}
