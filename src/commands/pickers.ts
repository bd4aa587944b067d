// The quick picks a command opens when it was run from the palette and needs a connection, company,
// contact, folder or user: each opens at once (busy), fills as pages arrive, filters by what is
// typed, and stops loading when the person cancels. Also how a command finds its targets: the node
// it was invoked on, the nodes selected with it, or the view's selection (keybindings pass none).
import * as vscode from 'vscode';
import { API_LABELS, type Company, type Contact, type Folder, type User } from '../core/model';
import type { Provider } from '../core/provider';
import type { Connection } from '../connections/store';
import type { TreeNode } from '../model/nodes';
import { isProvider, type ListState } from '../model/source';
import type { Services } from './services';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** Yields the items page by page; stops early when `signal` aborts. */
export type Pages<T> = (signal: AbortSignal) => AsyncIterable<ReadonlyArray<PickItem<T>>>;

/** The part of vscode.window a picker needs (a fake in the unit tests). */
export interface QuickPickHost {
  createQuickPick<I extends vscode.QuickPickItem>(): vscode.QuickPick<I>;
}

export interface PagedPickOptions<T> {
  title: string;
  placeholder: string;
  pages: Pages<T>;
  /** Shown as the placeholder when every page is in and there is nothing to pick. */
  emptyText: string;
  many?: boolean;
}

/** Resolves with the picked values, or undefined when the person cancels (loading stops then too). */
export function pickPaged<T>(opts: PagedPickOptions<T>, host: QuickPickHost = vscode.window): Promise<T[] | undefined> {
  return new Promise((resolve, reject) => {
    const qp = host.createQuickPick<PickItem<T>>();
    qp.title = opts.title;
    qp.placeholder = opts.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.canSelectMany = opts.many ?? false;
    qp.ignoreFocusOut = true;
    qp.busy = true;
    const abort = new AbortController();
    let settled = false;
    const subs: vscode.Disposable[] = [];
    const finish = (value: T[] | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      abort.abort();
      for (const d of subs) d.dispose();
      qp.dispose();
      if (error !== undefined) reject(error);
      else resolve(value);
    };
    subs.push(
      qp.onDidAccept(() => {
        const picked = opts.many ? qp.selectedItems : qp.activeItems.slice(0, 1);
        if (picked.length) finish(picked.map((i) => i.value));
      }),
      qp.onDidHide(() => finish(undefined)),
    );
    qp.show();
    void (async () => {
      try {
        for await (const page of opts.pages(abort.signal)) {
          if (settled) return;
          if (page.length === 0) continue;
          // Replacing the items must not lose where the person is or what they ticked.
          const active = qp.activeItems;
          const selected = qp.selectedItems;
          qp.items = [...qp.items, ...page];
          if (opts.many && selected.length) qp.selectedItems = selected;
          if (active.length) qp.activeItems = active;
        }
        if (settled) return;
        qp.busy = false;
        if (qp.items.length === 0) qp.placeholder = opts.emptyText;
      } catch (e) {
        if (settled) return;
        // With nothing to pick the failure is the answer; otherwise what arrived stays pickable.
        if (qp.items.length === 0) return finish(undefined, e);
        qp.busy = false;
        qp.title = `${opts.title} — not all could be loaded`;
      }
    })();
  });
}

/** One pick: the first value, or undefined. */
export async function pickOne<T>(opts: Omit<PagedPickOptions<T>, 'many'>, host?: QuickPickHost): Promise<T | undefined> {
  return (await pickPaged({ ...opts, many: false }, host))?.[0];
}

/**
 * Reads a cached paged list page by page (so the tree fills too), yielding what each page added.
 * A failure before anything arrived is thrown; one after ends the list.
 */
export async function* listPages<T extends { id: string }>(
  read: () => Promise<ListState<T>>,
  more: () => Promise<void>,
  toItem: (t: T) => PickItem<T>,
  signal: AbortSignal,
): AsyncIterable<Array<PickItem<T>>> {
  const seen = new Set<string>();
  let state = await read();
  for (;;) {
    if (state.unavailable) throw new Error(unavailableText(state.unavailable.reason));
    const fresh = state.items.filter((i) => !seen.has(i.id));
    for (const i of fresh) seen.add(i.id);
    yield fresh.map(toItem);
    if (state.error) throw state.error;
    if (!state.hasMore || signal.aborted) return;
    await more();
    if (signal.aborted) return;
    state = await read();
  }
}

function unavailableText(reason: string): string {
  return reason === 'signed-out' ? vscode.l10n.t('This connection is signed out. Run "Sign In…" first.') : reason === 'stopped' ? vscode.l10n.t('The sandbox is stopped. Run "Try the Sandbox" to start it.') : vscode.l10n.t('This connection is not available.');
}

async function* once<T>(items: Array<PickItem<T>>): AsyncIterable<Array<PickItem<T>>> {
  yield items;
}

// ---- the connection, company, contact, folder and user of a command ----

/** The nodes a command acts on: the clicked node with the others selected, else the view's selection. */
export function targetsOf(s: Services, arg?: unknown, selected?: unknown): TreeNode[] {
  const many = Array.isArray(selected) && selected.length > 0 && selected.every(isNode) ? (selected as TreeNode[]) : undefined;
  // Right-clicking outside the selection acts on the clicked node alone, as in the Explorer.
  if (many && (arg === undefined || many.includes(arg as TreeNode))) return many;
  if (isNode(arg)) return [arg];
  if (arg !== undefined) return [];
  return [...(s.selection?.() ?? [])];
}

export function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && 'kind' in x && typeof (x as { kind: unknown }).kind === 'string';
}

export interface ConnectionPick {
  /** Only connections whose provider can do it (its capabilities, its forms). */
  accepts?: (p: Provider) => boolean;
  /** Said when no connection can (e.g. "No connection has folders."). */
  noneText?: string;
}

/**
 * The connection a command acts on: from the node it was invoked on (or the selection), an id
 * passed by another command, or a quick pick (skipped when only one connection fits).
 */
export async function pickConnection(s: Services, arg: unknown, placeHolder: string, opts: ConnectionPick = {}, host?: QuickPickHost): Promise<Connection | undefined> {
  const fromArg = connectionFromArg(s, arg);
  if (fromArg) return fromArg;
  let all = s.store.list();
  if (opts.accepts) {
    const accepts = opts.accepts;
    const fit = await Promise.all(all.map(async (c) => {
      const p = await s.model.providerFor(c.id);
      return isProvider(p) && accepts(p);
    }));
    all = all.filter((_, i) => fit[i]);
  }
  if (all.length === 0) {
    void vscode.window.showInformationMessage(s.store.list().length ? (opts.noneText ?? vscode.l10n.t('No connection can do that.')) : vscode.l10n.t('There are no connections yet. Add one, or try the sandbox.'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  return pickOne({ title: vscode.l10n.t('Portfolio Contacts'), placeholder: placeHolder, emptyText: vscode.l10n.t('No connections'), pages: () => once(all.map((c) => ({ label: c.name, description: connectionDescription(c), detail: c.baseUrl, value: c }))) }, host);
}

export function connectionDescription(c: Pick<Connection, 'api' | 'sandbox'>): string {
  return `${API_LABELS[c.api]}${c.sandbox ? ' · sandbox' : ''}`;
}

function connectionFromArg(s: Services, arg: unknown): Connection | undefined {
  if (typeof arg === 'string') return s.store.get(arg);
  const node = isNode(arg) ? arg : arg === undefined ? s.selection?.()[0] : undefined;
  if (!node) return undefined;
  const id = node.kind === 'connection' ? node.connection.id : node.connectionId;
  return id ? s.store.get(id) : undefined;
}

function companyItem(c: Company): PickItem<Company> {
  return { label: c.name, description: c.primaryDomain, detail: [c.kind, c.detail, c.archived ? 'archived' : undefined].filter(Boolean).join(' · ') || undefined, value: c };
}

/** Companies of a connection, filling page by page; several when `many`. */
export async function pickCompanies(s: Services, connection: Connection, many: boolean, host?: QuickPickHost): Promise<Company[] | undefined> {
  const provider = await s.model.providerFor(connection.id);
  const words = isProvider(provider) ? provider.labels : { companies: 'Companies', company: 'company' };
  return pickPaged<Company>(
    {
      title: `${words.companies} — ${connection.name}`,
      placeholder: many ? vscode.l10n.t('Pick one {0}, or several to act on them together', words.company) : vscode.l10n.t('Which {0}? Type to filter', words.company),
      emptyText: vscode.l10n.t('No {0} in this portfolio', words.companies.toLowerCase()),
      many,
      pages: (signal) => listPages(() => s.model.list(connection.id, 'companies'), () => s.model.loadMore(connection.id, 'companies'), companyItem, signal),
    },
    host,
  );
}

export async function pickCompany(s: Services, connection: Connection, host?: QuickPickHost): Promise<Company | undefined> {
  return (await pickCompanies(s, connection, false, host))?.[0];
}

/** A company's contacts (one page: contacts come whole). */
export async function pickContact(s: Services, connection: Connection, company: Company, host?: QuickPickHost): Promise<Contact | undefined> {
  const provider = await s.model.providerFor(connection.id);
  const primary = isProvider(provider) ? provider.labels.primaryContact : 'primary contact';
  return pickOne<Contact>(
    {
      title: vscode.l10n.t('Contacts of {0}', company.name),
      placeholder: vscode.l10n.t('Which contact? Type to filter'),
      emptyText: vscode.l10n.t('{0} has no contacts yet', company.name),
      pages: async function* () {
        const r = await s.model.contacts(connection.id, company.id);
        if (r.unavailable) throw new Error(unavailableText(r.unavailable.reason));
        if (r.error) throw r.error;
        yield (r.items ?? []).map((c) => ({ label: c.formalName || c.name, description: [c.email, c.isPrimary ? primary : undefined].filter(Boolean).join(' · '), value: c }));
      },
    },
    host,
  );
}

export function pickFolder(s: Services, connection: Connection, host?: QuickPickHost): Promise<Folder | undefined> {
  return pickListed(s, connection, 'folders', { title: vscode.l10n.t('Folders'), what: vscode.l10n.t('folder'), emptyText: vscode.l10n.t('No folders') }, (f) => ({ label: f.name, description: `${f.companyCount}`, value: f }), host);
}

export function pickUser(s: Services, connection: Connection, host?: QuickPickHost): Promise<User | undefined> {
  const toItem = (u: User): PickItem<User> => ({ label: u.formalName || u.name, description: u.email, detail: [u.role, u.group].filter(Boolean).join(' · ') || undefined, value: u });
  return pickListed(s, connection, 'users', { title: vscode.l10n.t('Users'), what: vscode.l10n.t('user'), emptyText: vscode.l10n.t('No users') }, toItem, host);
}

function pickListed<K extends 'folders' | 'users', T extends Folder | User>(s: Services, connection: Connection, kind: K, words: { title: string; what: string; emptyText: string }, toItem: (t: T) => PickItem<T>, host?: QuickPickHost): Promise<T | undefined> {
  const read = () => s.model.list(connection.id, kind as 'users') as unknown as Promise<ListState<T>>;
  return pickOne<T>(
    {
      title: `${words.title} — ${connection.name}`,
      placeholder: vscode.l10n.t('Which {0}? Type to filter', words.what),
      emptyText: words.emptyText,
      pages: (signal) => listPages(read, () => s.model.loadMore(connection.id, kind), toItem, signal),
    },
    host,
  );
}

/** The folder node a folder command acts on: the one given, or a connection with folders and one of its folders. */
export async function pickFolderNode(s: Services, arg: unknown): Promise<Extract<TreeNode, { kind: 'folder' }> | undefined> {
  if (isNode(arg) && arg.kind === 'folder') return arg;
  const connection = await pickConnection(s, arg, vscode.l10n.t('Which connection’s folders?'), { accepts: (p) => p.capabilities.folders, noneText: vscode.l10n.t('No connection has folders.') });
  if (!connection) return undefined;
  const folder = await pickFolder(s, connection);
  return folder ? { kind: 'folder', connectionId: connection.id, folder, actions: [] } : undefined;
}

/** The company node a company command acts on: the one given (or selected), else picked. */
export async function pickCompanyNode(s: Services, arg: unknown, placeHolder: string, opts: ConnectionPick = {}): Promise<Extract<TreeNode, { kind: 'company' }> | undefined> {
  const node = isNode(arg) ? arg : arg === undefined ? s.selection?.()[0] : undefined;
  if (node?.kind === 'company') return node;
  const connection = await pickConnection(s, arg, placeHolder, opts);
  if (!connection) return undefined;
  const company = await pickCompany(s, connection);
  return company ? { kind: 'company', connectionId: connection.id, company, actions: [] } : undefined;
}

/** The contact node a contact command acts on: the one given (or selected), else a company and one of its contacts. */
export async function pickContactNode(s: Services, arg: unknown, placeHolder: string, opts: ConnectionPick = {}): Promise<Extract<TreeNode, { kind: 'contact' }> | undefined> {
  const node = isNode(arg) ? arg : arg === undefined ? s.selection?.()[0] : undefined;
  if (node?.kind === 'contact') return node;
  const company = await pickCompanyNode(s, node?.kind === 'company' ? node : arg, placeHolder, opts);
  if (!company) return undefined;
  const connection = s.store.get(company.connectionId);
  if (!connection) return undefined;
  const contact = await pickContact(s, connection, company.company);
  return contact ? { kind: 'contact', connectionId: connection.id, contact, actions: [] } : undefined;
}

export interface SearchPickOptions<T> {
  title: string;
  placeholder: string;
  emptyText: string;
  /** Asked again as the person types (after a short pause); an older search is aborted. */
  search: (query: string, signal: AbortSignal) => Promise<Array<PickItem<T>>>;
  /** Pause after the last keystroke before searching; 250 ms by default. */
  debounceMs?: number;
}

/** A quick pick whose items come from a server-side search of what is typed; opens at once with the empty query's answer. */
export function pickSearched<T>(opts: SearchPickOptions<T>, host: QuickPickHost = vscode.window): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = host.createQuickPick<PickItem<T>>();
    qp.title = opts.title;
    qp.placeholder = opts.placeholder;
    qp.ignoreFocusOut = true;
    // The server already matched: VS Code must not hide a hit whose name lacks the typed words.
    qp.matchOnDescription = true;
    let current: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const run = (query: string) => {
      current?.abort();
      const mine = new AbortController();
      current = mine;
      qp.busy = true;
      opts.search(query, mine.signal).then(
        (items) => {
          if (settled || mine.signal.aborted) return;
          qp.items = items;
          qp.busy = false;
          qp.placeholder = items.length ? opts.placeholder : opts.emptyText;
        },
        (e: unknown) => {
          if (settled || mine.signal.aborted) return;
          qp.busy = false;
          qp.items = [];
          qp.placeholder = vscode.l10n.t('Search failed: {0}', e instanceof Error ? e.message : String(e));
        },
      );
    };
    const finish = (value: T | undefined) => {
      if (settled) return;
      settled = true;
      current?.abort();
      if (timer) clearTimeout(timer);
      for (const d of subs) d.dispose();
      qp.dispose();
      resolve(value);
    };
    const subs: vscode.Disposable[] = [
      qp.onDidAccept(() => {
        const picked = qp.activeItems[0];
        if (picked) finish(picked.value);
      }),
      qp.onDidHide(() => finish(undefined)),
    ];
    subs.push(
      qp.onDidChangeValue((v) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => run(v), opts.debounceMs ?? 250);
      }),
    );
    qp.show();
    run('');
  });
}
