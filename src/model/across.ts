// The Company Across Connections view's nodes, and what commands may ask of it (the view lives
// in src/tree, which commands do not import).
import type { Contact } from '../core/model';
import type { MatchEntry, MatchGroup } from '../match/matcher';

export type AcrossNode =
  | { kind: 'acrossStatus'; text: string; tooltip?: string; loading: boolean }
  | { kind: 'acrossError'; connectionId?: string; text: string; tooltip?: string }
  | { kind: 'acrossGroup'; group: MatchGroup }
  | { kind: 'acrossEntry'; group: MatchGroup; entry: MatchEntry }
  /** A contact of an entry: the same shape as the main tree's, so contact commands take either. */
  | { kind: 'contact'; connectionId: string; contact: Contact; actions: []; primaryLabel: string; groupId: string }
  | { kind: 'acrossNote'; text: string; tooltip?: string };

export interface AcrossCompanies {
  groups(): MatchGroup[];
  /** The matched group of a company, if any (Copy Contact to… proposes its counterparts). */
  groupOf(connectionId: string, companyId: string): MatchGroup | undefined;
  confirm(entry: MatchEntry, group: MatchGroup): Promise<void>;
  split(entry: MatchEntry): Promise<void>;
  /** Stops a background load; false when none was running. */
  stop(): boolean;
  reload(): void;
}
