// The list of connections: id, name, API, base URL, auth scheme and its non-secret settings, kept in
// global state. Never a token: those
// live in SecretStorage (credentials.ts). What is read back is validated, and an entry that does not
// parse is dropped with a warning rather than breaking the tree.
import type { ApiKind } from '../core/model';
import type { Logger } from '../core/redact';
import type * as schemaModule from './connectionSchema';
import type { Connection } from './connectionSchema';

export type { Connection };

// The schema (and zod with it) loads at the first read, not when the extension activates.
let schemas: typeof schemaModule | undefined;
const connectionSchema = () => (schemas ??= require('./connectionSchema') as typeof schemaModule).connectionSchema;

/** The bit of vscode.Memento we use, so the store is testable without VS Code. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** The global-state key of the list; it roams with Settings Sync (setKeysForSync), tokens never do. */
export const CONNECTIONS_KEY = 'portfolioContacts.connections';
const KEY = CONNECTIONS_KEY;

export class ConnectionStore {
  private listeners: Array<() => void> = [];
  /** The list as this window last saw or wrote it, to notice another window's (or Sync's) writes. */
  private seenList: Connection[] | undefined;
  /** The raw list at construction, parsed when first needed: the store is made at activation, where nothing is parsed. */
  private readonly initial: unknown;

  constructor(
    private readonly state: KeyValueStore,
    private readonly log: Logger,
  ) {
    this.initial = state.get<unknown>(KEY);
  }

  private get seen(): Connection[] {
    return (this.seenList ??= this.parse(this.initial, false));
  }

  private set seen(list: Connection[]) {
    this.seenList = list;
  }

  list(): Connection[] {
    return this.read(true);
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  findSandbox(api: ApiKind): Connection | undefined {
    return this.list().find((c) => c.sandbox && c.api === api);
  }

  async upsert(connection: Connection): Promise<void> {
    const valid = connectionSchema().parse(connection);
    const list = this.list();
    const i = list.findIndex((c) => c.id === valid.id);
    if (i >= 0) list[i] = valid;
    else list.push(valid);
    await this.write(list);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((c) => c.id !== id));
  }

  /**
   * Global state is shared by every window but VS Code sends no event when another window (or
   * Settings Sync) writes it: re-read the list and fire when it differs from what this window saw.
   * Returns the ids added, removed or changed (none when nothing did).
   */
  checkForOutsideChange(): string[] {
    const now = this.read(false);
    const ids = changedConnections(this.seen, now);
    this.seen = now;
    if (ids.length) this.fire();
    return ids;
  }

  /** `warn`: say which entries are dropped (not on the checks that run at every focus). */
  private read(warn: boolean): Connection[] {
    return this.parse(this.state.get<unknown>(KEY), warn);
  }

  private parse(raw: unknown, warn: boolean): Connection[] {
    if (!Array.isArray(raw)) return [];
    const out: Connection[] = [];
    for (const entry of raw) {
      const parsed = connectionSchema().safeParse(entry);
      if (parsed.success) out.push(parsed.data);
      else if (warn) this.log.warn(`Ignoring a stored connection that does not parse: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return out;
  }

  private async write(list: Connection[]): Promise<void> {
    // Seen before the write settles, so a focus check meanwhile does not take it for another window's.
    this.seen = list;
    await this.state.update(KEY, list);
    this.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  private fire(): void {
    for (const l of this.listeners) l();
  }
}

/** Ids of connections added, removed or changed between two lists; a new order alone counts as none. */
export function changedConnections(before: readonly Connection[], after: readonly Connection[]): string[] {
  const was = new Map(before.map((c) => [c.id, JSON.stringify(c)]));
  const is = new Map(after.map((c) => [c.id, JSON.stringify(c)]));
  const ids = new Set<string>();
  for (const [id, c] of is) if (was.get(id) !== c) ids.add(id);
  for (const id of was.keys()) if (!is.has(id)) ids.add(id);
  return [...ids];
}

export function newConnectionId(): string {
  return globalThis.crypto.randomUUID();
}
