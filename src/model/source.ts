// What every layer may know about a connection's provider and a cached list, without depending on
// the tree that shows them or the runtime that builds them.
import type { Provider } from '../core/provider';

/** Why a connection can't be asked anything right now. */
export type Unavailable =
  /** `renewalFailed`: the credentials could not be renewed, so the person must sign in again. */
  | { reason: 'signed-out'; renewalFailed?: boolean }
  /** A sandbox connection whose sandbox the person stopped. */
  | { reason: 'stopped' }
  | { reason: 'unsupported'; message: string }
  | { reason: 'error'; error: unknown };

export interface ProviderSource {
  /** The live provider for a connection, or why there is none. */
  provider(connectionId: string): Promise<Provider | Unavailable>;
}

export function isProvider(p: Provider | Unavailable): p is Provider {
  return typeof (p as Provider).listCompanies === 'function';
}

export interface ListState<T> {
  items: T[];
  /** With a filter: how many are loaded in all (items holds the matches). */
  loaded?: number;
  filter?: string;
  /** The filter was a server-side search: items are the server's matches, paged. */
  searched?: boolean;
  total?: number;
  hasMore: boolean;
  /** The last failure (first page or a "load more"); items fetched before it are kept. */
  error?: unknown;
  unavailable?: Unavailable;
}
