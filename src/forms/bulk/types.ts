// The shapes of a bulk "invite to collaborate" run. The journal is what makes the run safe to
// interrupt: it is persisted before and after every send, so a reload can tell what was done,
// what was never started, and what is in doubt.

export type BulkItemState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface BulkItem {
  companyId: string;
  companyName: string;
  state: BulkItemState;
  /** Why it failed, was skipped or was cancelled; how a sent one was confirmed. */
  message?: string;
  /** The form field the API's error named, if any. */
  field?: string;
  /**
   * A failure sending again cannot fix (the server refused this company for good: a 4xx other than
   * 429). Retry Failed leaves it alone. Absent for failures worth retrying (network, 5xx, 429, an
   * unknown outcome), so journals written before this flag retry as they did.
   */
  permanent?: boolean;
  /** The id of the invitation the server created. */
  resultId?: string;
  /** POSTs attempted for this company, over all runs of this journal. */
  attempts: number;
  updatedAt: string;
  /**
   * A POST for this company may have reached the server without us learning the outcome (an
   * interrupted run, a timeout, a 5xx, a cancel mid-send). Such an item is checked with
   * `confirmSent` before it is ever sent again; a plain 4xx refusal does not set it.
   */
  uncertain?: boolean;
  /**
   * The ids of this company's writes the server listed (its outbox) before our first POST, so
   * "did it land?" is answered by a new id, never by comparing the server's clock with ours.
   */
  seenBefore?: string[];
}

/**
 * Frozen all the way down (seenBefore is its only nested value): such an item cannot change, so a
 * store may keep it as it is rather than copy it.
 */
export function isFrozenItem(item: BulkItem): boolean {
  return Object.isFrozen(item) && (item.seenBefore === undefined || Object.isFrozen(item.seenBefore));
}

/** A frozen copy of an item, which stores keep without copying it again. */
export function frozenItem(item: BulkItem): BulkItem {
  const copy: BulkItem = { ...item };
  if (item.seenBefore) copy.seenBefore = Object.freeze([...item.seenBefore]) as string[];
  return Object.freeze(copy);
}

export interface BulkJournal {
  runId: string;
  connectionId: string;
  /** When the run was planned (shown to people; never compared with the server's clock). */
  createdAt: string;
  /** Shared form values, opaque to the runner. */
  payload: unknown;
  items: BulkItem[];
  /** Set when a run ended with nothing left to do (not when cancelled or stopped). */
  finishedAt?: string;
  /** Why the last run stopped early (a 401/403, a journal that could not be saved). */
  error?: string;
}

export interface JournalStore {
  load(runId: string): Promise<BulkJournal | undefined>;
  save(j: BulkJournal): Promise<void>;
  list(): Promise<BulkJournal[]>;
  remove(runId: string): Promise<void>;
}

export interface BulkSender {
  /** The one invitation write for this company; resolves with the created invitation. */
  send(companyId: string, signal: AbortSignal): Promise<{ id: string }>;
  /** The ids the server lists (the outbox) per company, read once before a run sends anything. */
  listed(companyIds: string[], signal: AbortSignal): Promise<Record<string, string[]>>;
  /**
   * Whether a write for this company landed: one the server lists whose id is not in `seenBefore`
   * (and that went where we sent it). `listed` is every id listed now, the next `seenBefore`.
   * Throw when that cannot be told; the runner then refuses to send rather than risk a second
   * invitation.
   */
  confirmSent(companyId: string, seenBefore: string[], signal: AbortSignal): Promise<SentCheck>;
  /** A failure in plain words for this company's row (the API's own text kept beside it); undefined: the API's text as it is. */
  describe?(companyId: string, error: unknown): string | undefined;
}

export interface SentCheck {
  /** The id of the write found, when it landed. */
  sentId?: string;
  listed: string[];
}
