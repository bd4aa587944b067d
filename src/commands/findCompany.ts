// Find Company…: one quick pick over every signed-in connection. What is typed is searched on each
// server that can (capability search), debounced, the previous search aborted; until the servers
// answer (and for connections that cannot search) the loaded pages' matches show at once. A failed
// connection is one item in the list, never an error for the whole pick. The pick reveals the
// company in the tree (placed in its connection's list, not paged to).
import * as vscode from 'vscode';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import { presentError } from '../forms/presentError';
import { isProvider } from '../model/source';
import type { Services } from './services';

/** Keystrokes closer than this make one search. */
const DEBOUNCE_MS = 250;
/** Matches asked of each server: a pick list, not the portfolio. */
const SERVER_RESULTS = 25;

interface Source {
  id: string;
  name: string;
  provider: Provider;
}

type FoundItem = vscode.QuickPickItem & { found?: { connectionId: string; company: Company } };

interface Section {
  source: Source;
  companies: Company[];
  error?: string;
  /** The server has not answered the current query yet. */
  pending: boolean;
}

export async function findCompany(s: Services): Promise<void> {
  const sources = await signedIn(s);
  if (sources.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No connection is signed in: add a connection or sign in first.'));
    return;
  }
  const qp = vscode.window.createQuickPick<FoundItem>();
  qp.title = vscode.l10n.t('Find Company');
  qp.placeholder = vscode.l10n.t('Type a company name to search every connection');
  // The servers decide what matches; VS Code's own fuzzy filter would hide their answers.
  qp.matchOnDescription = false;
  (qp as vscode.QuickPick<FoundItem> & { sortByLabel?: boolean }).sortByLabel = false;
  const sections = new Map<string, Section>(sources.map((source) => [source.id, { source, companies: [], pending: false }]));
  let search: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = () => {
    const items: FoundItem[] = [];
    for (const sec of sections.values()) {
      const rows: FoundItem[] = sec.companies.map((company) => ({
        label: company.name,
        description: [company.primaryDomain, company.detail].filter(Boolean).join(' · ') || undefined,
        detail: sec.source.provider.capabilities.search ? undefined : vscode.l10n.t('Loaded pages only: this connection cannot search on its server'),
        alwaysShow: true,
        found: { connectionId: sec.source.id, company },
      }));
      if (sec.error) rows.push({ label: `$(error) ${sec.error}`, alwaysShow: true });
      if (rows.length === 0) continue;
      items.push({ label: sec.source.name, kind: vscode.QuickPickItemKind.Separator }, ...rows);
    }
    qp.items = items;
    qp.busy = [...sections.values()].some((sec) => sec.pending);
  };

  const run = (query: string) => {
    search?.abort();
    const abort = new AbortController();
    search = abort;
    for (const sec of sections.values()) {
      sec.error = undefined;
      // What is loaded shows at once; the server's answer replaces it.
      sec.companies = query ? s.model.matchLoaded(sec.source.id, query).slice(0, SERVER_RESULTS) : [];
      sec.pending = query !== '' && sec.source.provider.capabilities.search === true;
    }
    render();
    if (!query) return;
    for (const sec of sections.values()) {
      if (!sec.pending) continue;
      sec.source.provider.listCompanies(undefined, SERVER_RESULTS, abort.signal, { query }).then(
        (page) => {
          if (abort.signal.aborted) return;
          const loaded = new Map(sec.companies.map((c) => [c.id, c]));
          // The server's order; loaded matches it did not return stay below (the server may match differently).
          sec.companies = [...page.items, ...[...loaded.values()].filter((c) => !page.items.some((p) => p.id === c.id))];
          sec.pending = false;
          render();
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          sec.error = s.redactor.scrub(presentError(e, vscode.l10n.t('Searching {0}', sec.source.name)));
          sec.pending = false;
          render();
        },
      );
    }
  };

  const subs: vscode.Disposable[] = [];
  const picked = await new Promise<FoundItem['found']>((resolve) => {
    subs.push(
      qp.onDidChangeValue((value) => {
        clearTimeout(timer);
        const query = value.trim();
        // The loaded matches follow every keystroke; the servers only the pause after it.
        for (const sec of sections.values()) sec.companies = query ? s.model.matchLoaded(sec.source.id, query).slice(0, SERVER_RESULTS) : [];
        render();
        timer = setTimeout(() => run(query), DEBOUNCE_MS);
      }),
      qp.onDidAccept(() => {
        const item = qp.activeItems[0];
        if (item?.found) resolve(item.found);
      }),
      qp.onDidHide(() => resolve(undefined)),
    );
    qp.show();
  });
  clearTimeout(timer);
  search?.abort();
  for (const d of subs) d.dispose();
  qp.dispose();
  if (!picked) return;
  const shown = await s.tree.reveal(picked.connectionId, picked.company.id, picked.company, { focus: true });
  if (!shown) void vscode.window.showWarningMessage(vscode.l10n.t('{0} could not be shown in the tree.', picked.company.name));
}

/** The connections that have a live provider now (signed-out and stopped ones are left out). */
async function signedIn(s: Services): Promise<Source[]> {
  const all = await Promise.all(
    s.store.list().map(async (c) => {
      const provider = await s.model.providerFor(c.id).catch(() => undefined);
      return provider && isProvider(provider) ? { id: c.id, name: c.name, provider } : undefined;
    }),
  );
  return all.filter((x): x is Source => x !== undefined);
}
