// Set Primary Contact…: on a company whose provider can re-point its primary contact, a quick pick
// of the candidates the provider offers (grouped by where they come from; typing searches), then
// the provider's write and a refresh of that company. Vendor-neutral: only capabilities.setPrimary,
// listPrimaryCandidates and setPrimaryContact are used.
import * as vscode from 'vscode';
import type { Company, PrimaryCandidate } from '../core/model';
import type { Provider } from '../core/provider';
import { liveProvider } from './forms';
import { COMMANDS } from './ids';
import { pickCompanyNode } from './pickers';
import { registerCommand } from './run';
import type { Services } from './services';

/** A pause after typing before a search is sent: one search per word typed, not per key. */
const SEARCH_DELAY_MS = 300;

type Item = vscode.QuickPickItem & { candidate?: PrimaryCandidate };

export function registerSetPrimaryCommand(s: Services): vscode.Disposable {
  return registerCommand(s, COMMANDS.setPrimaryContact, vscode.l10n.t('Setting the primary contact'), (arg) => setPrimary(s, arg));
}

/** The quick pick's rows: a separator before each source that has candidates, in a fixed order. */
export function candidateItems(candidates: PrimaryCandidate[], provider: Pick<Provider, 'labels'>, company: Company): Item[] {
  const heading: Record<PrimaryCandidate['source'], string> = {
    contact: vscode.l10n.t('Current {0}', provider.labels.primaryContact),
    user: `${provider.labels.users} of ${company.name}`,
    search: vscode.l10n.t('Found by name'),
  };
  const out: Item[] = [];
  for (const source of ['contact', 'user', 'search'] as const) {
    const group = candidates.filter((c) => c.source === source);
    if (group.length === 0) continue;
    out.push({ label: heading[source], kind: vscode.QuickPickItemKind.Separator });
    for (const c of group) out.push({ label: c.name, description: c.description, candidate: c });
  }
  return out;
}

/** On a company of the tree, or from the palette: asks for the connection and the company first. */
async function setPrimary(s: Services, arg: unknown): Promise<void> {
  const node = await pickCompanyNode(s, arg, 'Set the primary contact in which connection?', { accepts: (p) => Boolean(p.capabilities.setPrimary), noneText: vscode.l10n.t('No connection can set a primary contact.') });
  if (!node) return;
  const connection = s.store.get(node.connectionId);
  if (!connection) return;
  const provider = await liveProvider(s, connection);
  if (!provider.capabilities.setPrimary || !provider.listPrimaryCandidates || !provider.setPrimaryContact) throw new Error(vscode.l10n.t("{0} cannot change a {1}'s {2}.", connection.name, provider.labels.company, provider.labels.primaryContact));
  const company = node.company;
  const picked = await pickCandidate(s, provider, company);
  if (!picked) return;
  const words = provider.labels.primaryContact;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making {0} the {1} of {2}…', picked.name, words, company.name) }, (_p, cancel) => {
    const abort = new AbortController();
    cancel.onCancellationRequested(() => abort.abort());
    return provider.setPrimaryContact!(company, picked, abort.signal);
  });
  await s.model.refresh({ connectionId: connection.id, scope: 'contacts', companyId: company.id });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now the {1} of {2}.', picked.name, words, company.name));
}

/** Shows the candidates at once and asks the provider again (with the typed text) as the person types. */
function pickCandidate(s: Services, provider: Provider, company: Company): Promise<PrimaryCandidate | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Set {0} — {1}', titleCase(provider.labels.primaryContact), company.name);
  qp.placeholder = vscode.l10n.t('Pick a contact, or type a name to search every contact');
  qp.matchOnDescription = true;
  qp.ignoreFocusOut = true;
  let current: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = (query: string) => {
    current?.abort();
    const abort = new AbortController();
    current = abort;
    qp.busy = true;
    provider.listPrimaryCandidates!(company, query, abort.signal).then(
      (candidates) => {
        if (abort.signal.aborted) return;
        qp.items = candidateItems(candidates, provider, company);
        if (candidates.length === 0) qp.placeholder = query ? vscode.l10n.t('No contact found for “{0}”', query) : vscode.l10n.t('No candidates: type a name to search every contact');
        qp.busy = false;
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        qp.busy = false;
        s.log.warn(`Listing primary contact candidates failed: ${s.redactor.scrub(String(e))}`);
        qp.placeholder = vscode.l10n.t('The candidates could not be loaded; type to try again');
      },
    );
  };
  return new Promise((resolve) => {
    let done = false;
    const finish = (c: PrimaryCandidate | undefined) => {
      if (done) return;
      done = true;
      current?.abort();
      if (timer) clearTimeout(timer);
      resolve(c);
      qp.dispose();
    };
    qp.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => load(value), SEARCH_DELAY_MS);
    });
    qp.onDidAccept(() => {
      const c = qp.selectedItems[0]?.candidate ?? qp.activeItems[0]?.candidate;
      if (c) finish(c);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    load('');
  });
}

/** "primary contact" → "Primary Contact", as the menu title says it. */
function titleCase(s: string): string {
  return s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
